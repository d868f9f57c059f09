"""What a person would see cut in a window on screen: its frame past the screen's edge, a
label or button whose text does not fit, a column header or cell cut short, a part that
scrolls sideways (issue 26, item 1), an empty field's hint cut short, a chart's axis label
shortened with "…".

Measured with the window's own fonts and style, so it means something on a real X server
(tests/desktop/screenshot_windows.py); offscreen fonts differ."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QRect, Qt
from PySide6.QtGui import Qt as QtGui_Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractScrollArea,
    QApplication,
    QCheckBox,
    QComboBox,
    QGraphicsSimpleTextItem,
    QGraphicsTextItem,
    QGraphicsView,
    QHeaderView,
    QLabel,
    QLineEdit,
    QRadioButton,
    QStyle,
    QStyleOptionFrame,
    QTableView,
    QToolBar,
    QTreeView,
    QWidget,
)

ROWS_CHECKED = 40  # cells of the first rows of each view


def name_of(widget: QWidget) -> str:
    """A widget as a reader of the report finds it: class, object name, text."""
    text = ""
    if isinstance(widget, (QLabel, QAbstractButton)):
        text = widget.text().replace("\n", " ")[:60]
    name = widget.objectName()
    return f"{type(widget).__name__}{'#' + name if name else ''} {text!r}".strip()


def _shown(widget: QWidget, window: QWidget) -> bool:
    return widget.isVisibleTo(window) and widget.width() > 0 and widget.height() > 0


def cut_label(label: QLabel) -> str:
    if not label.text() or (label.pixmap() is not None and not label.pixmap().isNull()):
        return ""
    room = label.contentsRect()
    margin = label.margin() * 2 + max(label.indent(), 0)
    if label.wordWrap():
        need = label.heightForWidth(label.width())
        if need > label.height() + 1:
            return f"needs {need} px of height, has {label.height()}"
        # a single word longer than the line
        longest = max(
            (label.fontMetrics().horizontalAdvance(w) for w in label.text().split()), default=0
        )
        if longest > room.width() - margin + 1:
            return f"a word needs {longest} px, has {room.width() - margin}"
        return ""
    hint = label.sizeHint()
    if hint.width() > label.width() + 1:
        return f"needs {hint.width()} px, has {label.width()}"
    if label.textFormat() == Qt.TextFormat.PlainText or not QtGui_Qt.mightBeRichText(label.text()):
        lines = label.text().splitlines() or [""]
        height = label.fontMetrics().lineSpacing() * len(lines)
        if height > room.height() + 2:
            return f"needs {height} px of height, has {room.height()}"
    return ""


def cut_button(button: QAbstractButton) -> str:
    if not button.text():
        return ""
    hint = button.sizeHint()
    if hint.width() > button.width() + 1:
        return f"needs {hint.width()} px, has {button.width()}"
    return ""


def cut_combo(combo: QComboBox) -> str:
    """The chosen entry of a combo box shows whole."""
    text = combo.currentText()
    if not text:
        return ""
    need = combo.fontMetrics().horizontalAdvance(text)
    arrow = combo.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent, None, combo)
    room = combo.width() - arrow - 12
    return f"needs {need} px, has {room}" if need > room else ""


def cut_placeholder(edit: QLineEdit) -> str:
    """An empty field's hint (its placeholder) shows whole."""
    hint = edit.placeholderText()
    if not hint or edit.text():
        return ""
    option = QStyleOptionFrame()
    edit.initStyleOption(option)
    contents = edit.style().subElementRect(QStyle.SubElement.SE_LineEditContents, option, edit)
    margins = edit.textMargins()
    room = contents.width() - margins.left() - margins.right() - 2 * 2  # QLineEdit's own margin
    need = edit.fontMetrics().horizontalAdvance(hint)
    return f"its hint {hint[:40]!r} needs {need} px, has {room}" if need > room else ""


ELLIPSES = ("…", "...")


def _chart_cuts(view: QGraphicsView) -> list[str]:
    """A chart's texts (axis labels, titles) Qt shortened with an ellipsis for want of room."""
    scene = view.scene()
    if scene is None:
        return []
    found = []
    for item in scene.items():
        if not item.isVisible():
            continue
        # QtCharts' labels are its own text items, which PySide knows as their QObject
        shown = item.toGraphicsObject() or item
        if isinstance(shown, QGraphicsTextItem):
            text = shown.toPlainText()
        elif isinstance(shown, QGraphicsSimpleTextItem):
            text = shown.text()
        else:
            continue
        if text.strip().endswith(ELLIPSES):
            found.append(text)
    if not found:
        return []
    return [f"{len(found)} of its texts cut, e.g. {', '.join(repr(t) for t in found[:3])}"]


def _header_cuts(header: QHeaderView, view: QAbstractItemView) -> list[str]:
    found = []
    model = view.model()
    if model is None or not _shown(header, view):
        return found
    margin = header.style().pixelMetric(QStyle.PixelMetric.PM_HeaderMargin, None, header)
    for section in range(header.count()):
        if header.isSectionHidden(section) or header.sectionSize(section) == 0:
            continue
        text = str(model.headerData(section, header.orientation()) or "")
        need = header.fontMetrics().horizontalAdvance(text) + 2 * margin
        if header.isSortIndicatorShown() and header.sortIndicatorSection() == section:
            need += header.style().pixelMetric(QStyle.PixelMetric.PM_HeaderMarkSize) + margin
        if need > header.sectionSize(section) + 1:
            found.append(f"header {text!r} needs {need} px, has {header.sectionSize(section)}")
    return found


def _cell_cuts(view: QAbstractItemView) -> list[str]:
    """Cells whose text is cut short (elided or clipped) in the rows shown."""
    found: list[str] = []
    model = view.model()
    if model is None:
        return found
    metrics = view.fontMetrics()
    # the style's text margins in a cell, both sides (QCommonStyle: focus frame margin + 1)
    padding = 2 * (
        view.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view) + 1
    )

    def walk(parent: QModelIndex, depth: int) -> None:
        for row in range(min(model.rowCount(parent), ROWS_CHECKED)):
            try:
                columns = model.columnCount(parent)
            except TypeError:  # a list model's is private: one column
                columns = 1
            for column in range(columns):
                if isinstance(view, QTableView) and view.isColumnHidden(column):
                    continue
                if isinstance(view, QTreeView) and view.isColumnHidden(column):
                    continue
                index = model.index(row, column, parent)
                rect: QRect = view.visualRect(index)
                if rect.width() <= 0:
                    continue
                text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
                if not text:
                    continue
                lines = text.splitlines()
                need = max(metrics.horizontalAdvance(line) for line in lines) + padding
                if index.data(Qt.ItemDataRole.CheckStateRole) is not None:
                    need += view.style().pixelMetric(QStyle.PixelMetric.PM_IndicatorWidth) + 4
                if index.data(Qt.ItemDataRole.DecorationRole) is not None:
                    need += view.iconSize().width() + 4 if view.iconSize().width() > 0 else 20
                if need <= rect.width() + 1:
                    continue
                wraps = getattr(view, "wordWrap", lambda: False)()
                if wraps:  # whole when its wrapped lines are no taller than the row
                    widest = max(metrics.horizontalAdvance(line) for line in lines)
                    room = max(rect.width() - (need - widest), 1)  # less padding, check box
                    wrapped = metrics.boundingRect(
                        QRect(0, 0, room, 100_000), int(Qt.TextFlag.TextWordWrap), text
                    )
                    if wrapped.width() <= room + 1 and wrapped.height() <= rect.height() + 2:
                        continue
                found.append(
                    f"cell ({row}, {column}) {text[:50]!r} needs {need} px, has {rect.width()}"
                )
            if isinstance(view, QTreeView) and view.isExpanded(model.index(row, 0, parent)):
                walk(model.index(row, 0, parent), depth + 1)

    walk(QModelIndex(), 0)
    return found


def problems(
    window: QWidget, frame: QRect | None = None, allowed: tuple[str, ...] = ()
) -> list[str]:
    """Everything cut in ``window`` as it is laid out now; ``frame``: the window with its
    frame on screen (default: as Qt knows it); ``allowed``: object names of widgets whose
    cut is meant (e.g. a column of free text that elides by design)."""
    found: list[str] = []
    screen = window.screen() or QApplication.primaryScreen()
    room = screen.availableGeometry()
    frame = frame if frame is not None else window.frameGeometry()
    if not room.contains(frame):
        found.append(
            f"frame {frame.x()},{frame.y()} {frame.width()}x{frame.height()} is not inside the "
            f"screen's {room.x()},{room.y()} {room.width()}x{room.height()}"
        )
    for widget in [window, *window.findChildren(QWidget)]:
        if not _shown(widget, window) or widget.objectName() in allowed:
            continue
        why = ""
        if isinstance(widget, QLabel):
            why = cut_label(widget)
        elif isinstance(widget, (QAbstractButton, QCheckBox, QRadioButton)):
            why = cut_button(widget)
        elif isinstance(widget, QComboBox):
            why = cut_combo(widget)
        elif isinstance(widget, QLineEdit) and not isinstance(widget.parent(), QComboBox):
            why = cut_placeholder(widget)
        elif isinstance(widget, QToolBar):
            extension = widget.findChild(QAbstractButton, "qt_toolbar_ext_button")
            if extension is not None and extension.isVisible():
                why = "some of its buttons are hidden behind »"
        if isinstance(widget, QAbstractScrollArea) and widget.horizontalScrollBar().isVisible():
            why = "scrolls sideways"
        if isinstance(widget, QGraphicsView):
            found += [f"{name_of(widget)}: {part}" for part in _chart_cuts(widget)]
        if isinstance(widget, QAbstractItemView):
            for part in _cell_cuts(widget):
                found.append(f"{name_of(widget)}: {part}")
            for header in (
                widget.header() if isinstance(widget, QTreeView) else None,
                widget.horizontalHeader() if isinstance(widget, QTableView) else None,
            ):
                if header is not None and not header.isHidden():
                    found += [f"{name_of(widget)}: {part}" for part in _header_cuts(header, widget)]
        if why:
            found.append(f"{name_of(widget)}: {why}")
    return found

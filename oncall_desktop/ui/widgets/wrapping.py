"""Cells whose text wraps onto as many lines as it takes, in a tree as in a table: never cut
with "…" on a laptop's narrow column (issue 26). The stretched columns wrap, and those the
view sizes itself; the others are as wide as their contents. A long word without spaces (a
Slack error code, an address) breaks after its punctuation (``breakable``).

Qt wraps a cell's text when it paints it, but a tree measures its rows as if the column were
endless: the second line was drawn under the next row. This delegate measures each cell at
its column's width, and the view lays its rows out again when a column changes width."""

from __future__ import annotations

import re

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QTreeView,
)


class WrappingDelegate(QStyledItemDelegate):
    def __init__(self, view: QTreeView | QTableView) -> None:
        super().__init__(view)
        self._view = view

    def _wraps(self, column: int) -> bool:
        """A column of a given width wraps (stretched, or sized by the view); one sized to
        its contents asks its cells how wide they would like to be."""
        view = self._view
        header = view.header() if isinstance(view, QTreeView) else view.horizontalHeader()
        last = header.logicalIndex(header.count() - 1)
        if header.stretchLastSection() and column == last:
            return True
        return header.sectionResizeMode(column) != QHeaderView.ResizeMode.ResizeToContents

    def _column_width(self, index: QModelIndex | QPersistentModelIndex) -> int:
        view = self._view
        if isinstance(view, QTreeView):
            width = view.header().sectionSize(index.column())
            if index.column() == view.header().logicalIndex(0):  # the tree's own column
                depth, parent = 0, index.parent()
                while parent.isValid():
                    depth, parent = depth + 1, parent.parent()
                width -= view.indentation() * (depth + (1 if view.rootIsDecorated() else 0))
            return width
        # a table paints a cell inside its grid line: a pixel less, which can be a line more
        return view.columnWidth(index.column()) - (1 if view.showGrid() else 0)

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        width = self._column_width(index) if self._wraps(index.column()) else 0
        if width <= 0:
            return super().sizeHint(option, index)
        item = QStyleOptionViewItem(option)
        self.initStyleOption(item, index)
        if item.features & QStyleOptionViewItem.ViewItemFeature.HasCheckIndicator:
            style = self._view.style()
            width -= style.pixelMetric(QStyle.PixelMetric.PM_IndicatorWidth) + 2 * (
                style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin) + 1
            )
        # the style wraps at the option's width when it is valid, else on one endless line
        item.rect = QRect(0, 0, max(width, 1), 10_000)
        hint = super().sizeHint(item, index)
        return QSize(min(hint.width(), width), hint.height())


ZERO_WIDTH_SPACE = "\u200b"
# after punctuation followed by more of the word, and inside CamelCase ('Connection|Error')
_BREAK_AFTER = re.compile(r"([_/.:,;=&?(\]-](?=\w)|[a-z](?=[A-Z][a-z]))")
LONG_WORD = 12  # characters: shorter words are left alone


def breakable(text: str) -> str:
    """``text`` to show in a wrapping cell: its long words may break after their punctuation
    ('channel_not_found', 'http://127.0.0.1:37249', 'ConnectionError'), where a cell cut them.
    Only for showing: a tooltip or a copy gives the text as it is."""

    def word(match: re.Match[str]) -> str:
        found = match.group(0)
        if len(found) <= LONG_WORD:
            return found
        return _BREAK_AFTER.sub(r"\1" + ZERO_WIDTH_SPACE, found)

    return re.sub(r"\S+", word, text)


def wrap_cells(view: QTreeView | QTableView) -> None:
    """Wrap ``view``'s cells at their column's width, rows as tall as their text."""
    view.setWordWrap(True)
    view.setTextElideMode(Qt.TextElideMode.ElideNone)
    view.setItemDelegate(WrappingDelegate(view))
    header = view.header() if isinstance(view, QTreeView) else view.horizontalHeader()
    if isinstance(view, QTableView):
        view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    # rows measured again at the columns' new widths
    header.sectionResized.connect(lambda *_: _relayout(view))


def _relayout(view: QAbstractItemView) -> None:
    if isinstance(view, QTableView):
        view.resizeRowsToContents()
    else:
        view.doItemsLayout()

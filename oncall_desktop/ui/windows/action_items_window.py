"""Every post-mortem action item in one list: open ones first by due date, overdue in red."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHeaderView,
    QMainWindow,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from oncall_desktop.core.postmortem import ActionStatus, TrackedActionItem
from oncall_desktop.ui.drill_mark import title_setter
from oncall_desktop.ui.geometry import fit_to_screen
from oncall_desktop.ui.live_language import LiveLanguage
from oncall_desktop.ui.shortcuts import close_with_escape_and_ctrl_w
from oncall_desktop.ui.widgets.postmortem_tables import STATUS_LABELS

OVERDUE = QColor("#c62828")


class ActionItemsWindow(QMainWindow):
    """Signals:
    status_changed(int, int, str): post-mortem id, item number, new ActionStatus value.
    postmortem_requested(int): open the post-mortem of this incident id.
    """

    status_changed = Signal(int, int, str)
    postmortem_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("actionItemsWindow")
        close_with_escape_and_ctrl_w(self)
        self.live = LiveLanguage(self)  # a change in Settings shows here at once
        self.live.text(title_setter(self), lambda: self.tr("Post-mortem action items"))
        fit_to_screen(self, 900, 500, remember="action_items")
        self.items: list[TrackedActionItem] = []
        self.today = date.today()
        self.show_done = QCheckBox()
        self.live.text(self.show_done.setText, lambda: self.tr("Show done items"))
        self.show_done.toggled.connect(lambda _: self._fill())
        self.table = QTableWidget(0, 6)
        self.live.text(
            self.table.setHorizontalHeaderLabels,
            lambda: [
                self.tr("Post-mortem"),
                self.tr("#"),
                self.tr("Action"),
                self.tr("Owner"),
                self.tr("Due"),
                self.tr("Status"),
            ],
        )
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.cellDoubleClicked.connect(self._open)
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.addWidget(self.show_done)
        layout.addWidget(self.table)
        self.setCentralWidget(body)
        self.live.call(lambda _: self._retranslate_rows())

    def set_items(self, items: list[TrackedActionItem], today: date) -> None:
        self.items, self.today = items, today
        self._fill()

    def visible_items(self) -> list[TrackedActionItem]:
        done = ActionStatus.DONE
        return [t for t in self.items if self.show_done.isChecked() or t.item.status is not done]

    def is_highlighted(self, row: int) -> bool:
        cell = self.table.item(row, 2)
        return cell is not None and cell.foreground().color() == OVERDUE

    def _fill(self) -> None:
        visible = self.visible_items()
        self.table.setRowCount(len(visible))
        for row, tracked in enumerate(visible):
            item = tracked.item
            texts = [
                tracked.postmortem_title,
                str(item.number),
                item.action,
                item.owner,
                item.due.isoformat() if item.due else "—",
            ]
            late = item.is_overdue(self.today)
            for column, text in enumerate(texts):
                cell = QTableWidgetItem(text)  # plain text, whatever was typed
                if late:
                    cell.setForeground(QBrush(OVERDUE))
                    cell.setToolTip(self.tr("Overdue"))
                self.table.setItem(row, column, cell)
            combo = QComboBox(self.table)
            for value, label in STATUS_LABELS.items():
                combo.addItem(QCoreApplication.translate("ActionItemsTable", label), value.value)
            combo.setCurrentIndex(list(STATUS_LABELS).index(item.status))
            combo.currentIndexChanged.connect(
                lambda _=0, t=tracked, c=combo: self.status_changed.emit(
                    t.postmortem_id, t.item.number, c.currentData()
                )
            )
            self.table.setCellWidget(row, 5, combo)

    def _retranslate_rows(self) -> None:
        """Each row's status and "Overdue" in the new language, its status as chosen."""
        for row in range(self.table.rowCount()):
            combo = self.table.cellWidget(row, 5)
            if isinstance(combo, QComboBox):
                for index, label in enumerate(STATUS_LABELS.values()):
                    combo.setItemText(index, QCoreApplication.translate("ActionItemsTable", label))
            for column in range(5):
                cell = self.table.item(row, column)
                if cell is not None and cell.toolTip():
                    cell.setToolTip(self.tr("Overdue"))

    def _open(self, row: int, _column: int) -> None:
        visible = self.visible_items()
        if 0 <= row < len(visible):
            self.postmortem_requested.emit(visible[row].incident_id)

"""The post-mortem's two editable tables: the timeline (time, event) and the action items
(number, action, owner, due date, status), an overdue action in red. Each says ``edited``
when the engineer changes anything (the window autosaves)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QCoreApplication, QDate, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from oncall_desktop.core.postmortem import ActionItem, ActionStatus
from oncall_desktop.ui.text import QT_TRANSLATE_NOOP

NO_DATE = QDate(2000, 1, 1)  # the date edits' minimum, shown as "—"
STATUS_LABELS = {
    ActionStatus.PLANNED: QT_TRANSLATE_NOOP("ActionItemsTable", "Planned"),
    ActionStatus.IN_PROGRESS: QT_TRANSLATE_NOOP("ActionItemsTable", "In progress"),
    ActionStatus.SCHEDULED: QT_TRANSLATE_NOOP("ActionItemsTable", "Scheduled"),
    ActionStatus.DONE: QT_TRANSLATE_NOOP("ActionItemsTable", "Done"),
}


def date_edit(value: date | None, parent: QWidget) -> QDateEdit:
    """A date that may be unset ("—")."""
    edit = QDateEdit(parent)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    edit.setMinimumDate(NO_DATE)
    edit.setSpecialValueText("—")
    edit.setDate(QDate(value.year, value.month, value.day) if value else NO_DATE)
    return edit


def date_of(edit: QDateEdit) -> date | None:
    value = edit.date()
    return None if value == NO_DATE else date(value.year(), value.month(), value.day())


class EditableTable(QTableWidget):
    """Rows of text the engineer edits, adds and removes. Signal: edited()."""

    edited = Signal()

    def __init__(self, headers: list[str], parent: QWidget | None = None) -> None:
        super().__init__(0, len(headers), parent)
        self.setHorizontalHeaderLabels(headers)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setMinimumHeight(160)
        self._buttons: list[QPushButton] = []  # under the table, once buttons() made them
        self.itemChanged.connect(self.edited)

    def append_row(self, texts: list[str]) -> int:
        row = self.rowCount()
        self.blockSignals(True)
        self.insertRow(row)
        for column, text in enumerate(texts):
            self.setItem(row, column, QTableWidgetItem(text))
        self.blockSignals(False)
        return row

    def add_row(self) -> None:
        """A new empty row, its first cell in edit."""
        row = self.append_row([""] * self.columnCount())
        first = self.item(row, 0)
        if first is not None:
            self.editItem(first)
        self.edited.emit()

    def remove_selected(self) -> None:
        rows = sorted({index.row() for index in self.selectedIndexes()}, reverse=True)
        for row in rows:
            self.removeRow(row)
        if rows:
            self.edited.emit()

    def buttons(self) -> QHBoxLayout:
        """Add row / Remove selected rows, for under the table."""
        row = QHBoxLayout()
        self._buttons = [QPushButton(), QPushButton()]
        add, remove = self._buttons
        add.clicked.connect(self.add_row)
        remove.clicked.connect(self.remove_selected)
        self.retranslate()
        row.addWidget(add)
        row.addWidget(remove)
        row.addStretch(1)
        return row

    def retranslate(self) -> None:
        """The buttons in the UI's language now (its window sets the headers)."""
        # the texts' own class, not the subclass's: Qt looks tr() up by the object's class
        translate = QCoreApplication.translate
        texts = [
            translate("EditableTable", "Add row"),
            translate("EditableTable", "Remove selected rows"),
        ]
        for button, text in zip(self._buttons, texts, strict=False):
            button.setText(text)


class ActionItemsTable(EditableTable):
    """Action items: numbered once (never renumbered), with a due date and a status."""

    def append(self, item: ActionItem) -> None:
        row = self.append_row([str(item.number), item.action, item.owner])
        number = self.item(row, 0)
        assert number is not None  # just set by append_row
        number.setFlags(number.flags() & ~Qt.ItemFlag.ItemIsEditable)
        number.setData(Qt.ItemDataRole.UserRole, item.closed_at)
        due = date_edit(item.due, self)
        due.dateChanged.connect(self.edited)
        due.dateChanged.connect(self.mark_overdue)
        self.setCellWidget(row, 3, due)
        status = QComboBox(self)
        for value, label in STATUS_LABELS.items():
            status.addItem(QCoreApplication.translate("ActionItemsTable", label), value)
        status.setCurrentIndex(list(STATUS_LABELS).index(item.status))
        status.currentIndexChanged.connect(self.edited)
        status.currentIndexChanged.connect(self.mark_overdue)
        self.setCellWidget(row, 4, status)
        self.mark_overdue()

    def retranslate(self) -> None:
        """Each status, and "Overdue", in the UI's language now; each row's choice kept."""
        super().retranslate()
        for row in range(self.rowCount()):
            combo = self.cellWidget(row, 4)
            if isinstance(combo, QComboBox):
                for index, label in enumerate(STATUS_LABELS.values()):
                    combo.setItemText(index, QCoreApplication.translate("ActionItemsTable", label))
        self.blockSignals(True)  # a tooltip said again is no edit to save
        self.mark_overdue()
        self.blockSignals(False)

    def add_row(self) -> None:
        numbers = [i.number for i in self.action_items()]
        self.append(ActionItem(number=max(numbers, default=0) + 1, action=""))
        action = self.item(self.rowCount() - 1, 1)
        if action is not None:
            self.editItem(action)
        self.edited.emit()

    def mark_overdue(self) -> None:
        today = date.today()
        for item in self.action_items():
            cell = self.item(self.row_of(item.number), 1)
            if cell is not None:
                late = item.is_overdue(today)
                cell.setForeground(Qt.GlobalColor.red if late else Qt.GlobalColor.black)
                cell.setToolTip(self.tr("Overdue") if late else "")

    def set_status(self, number: int, status: ActionStatus) -> None:
        row = self.row_of(number)
        combo = self.cellWidget(row, 4) if row >= 0 else None
        if isinstance(combo, QComboBox):
            combo.setCurrentIndex(list(STATUS_LABELS).index(status))

    def row_of(self, number: int) -> int:
        for row in range(self.rowCount()):
            cell = self.item(row, 0)
            if cell is not None and cell.text() == str(number):
                return row
        return -1

    def action_items(self) -> tuple[ActionItem, ...]:
        # not items(): QTableWidget.items(QMimeData) is Qt's
        found = []
        for row in range(self.rowCount()):
            number, action, owner = (self.item(row, c) for c in range(3))
            due, status = self.cellWidget(row, 3), self.cellWidget(row, 4)
            if (
                number is None
                or not isinstance(due, QDateEdit)
                or not isinstance(status, QComboBox)
            ):
                continue
            found.append(
                ActionItem(
                    number=int(number.text()),
                    action=action.text() if action else "",
                    owner=owner.text() if owner else "",
                    due=date_of(due),
                    status=ActionStatus(status.currentData()),
                    closed_at=number.data(Qt.ItemDataRole.UserRole),
                )
            )
        return tuple(found)

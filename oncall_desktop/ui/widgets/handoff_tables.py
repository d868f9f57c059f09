"""The handoff form's tables: the incidents (active, last week's, only the resolution
editable) and the upcoming maintenance the outgoing engineer lists (a date, a time, what).
Their windows set the headers (in the UI's language, ui/live_language.py)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem

from oncall_desktop.core.handoff import IncidentLine, Maintenance

LINE_COLUMNS = ("reference", "title", "severity", "status", "resolution")


def lines_table(lines: tuple[IncidentLine, ...], editable: bool) -> QTableWidget:
    """Incidents, one a row; ``editable``: their resolution may be written in."""
    table = QTableWidget(len(lines), len(LINE_COLUMNS))
    table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
    table.setMaximumHeight(160)
    for row, line in enumerate(lines):
        for column, key in enumerate(LINE_COLUMNS):
            item = QTableWidgetItem(getattr(line, key))
            if not editable or key != "resolution":
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
            table.setItem(row, column, item)
    return table


class UpcomingTable(QTableWidget):
    """Upcoming maintenance: date (YYYY-MM-DD), time, what. itemChanged says an edit."""

    def __init__(self, items: tuple[Maintenance, ...]) -> None:
        super().__init__(0, 3)
        # the date and time columns as wide as their headers or entries, "What" the rest
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        for item in items:
            self.append(item)

    def append(self, item: Maintenance) -> None:
        row = self.rowCount()
        self.blockSignals(True)
        self.insertRow(row)
        texts = [item.day.isoformat() if item.day else "", item.at, item.what]
        for column, text in enumerate(texts):
            self.setItem(row, column, QTableWidgetItem(text))
        self.blockSignals(False)

    def add(self) -> None:
        """A row for tomorrow, its "what" in edit."""
        tomorrow = QDate.currentDate().addDays(1).toString("yyyy-MM-dd")
        self.append(Maintenance(date.fromisoformat(tomorrow), "", ""))
        added = self.item(self.rowCount() - 1, 2)
        if added is not None:
            self.editItem(added)

    def remove_selected(self) -> bool:
        rows = sorted({i.row() for i in self.selectedIndexes()}, reverse=True)
        for row in rows:
            self.removeRow(row)
        return bool(rows)

    def maintenances(self) -> tuple[tuple[Maintenance, ...], list[str]]:
        """What the table lists, and the dates that are not ones (kept in the text)."""
        items, problems = [], []
        for row in range(self.rowCount()):
            day_text, at, what = (
                cell.text() if (cell := self.item(row, c)) is not None else "" for c in range(3)
            )
            day = None
            if day_text.strip():
                try:
                    day = date.fromisoformat(day_text.strip())
                except ValueError:
                    problems.append(day_text)
                    what = f"{day_text} {what}".strip()  # kept in the text, never dropped
            if what.strip() or day:
                items.append(Maintenance(day, at.strip(), what.strip()))
        return tuple(items), problems

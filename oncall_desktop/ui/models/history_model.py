"""Every incident, lazily: rows arrive a page at a time when the view first asks for them,
sorting and filtering are done by the database.

A new query (a filter, a sort) asks for its count and its first page at once: the first page
is shown as soon as it comes, the rows below it when the count does (a search for a common
word in a million titles counts longer than it takes to show its first rows). A row whose page
is still on its way shows "…"; nothing waits on the GUI thread. Pages from a query that has
since changed are dropped by their generation.
"""

from __future__ import annotations

from collections import OrderedDict
from datetime import tzinfo
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from oncall_desktop.core.kpis import HistoryFilter, HistoryRow, SortKey, kpi_duration
from oncall_desktop.services.history import HistoryService
from oncall_desktop.services.lifetime import bound_to
from oncall_desktop.ui.models.roles import IncidentRole
from oncall_desktop.ui.text import local_time, status_text

Index = QModelIndex | QPersistentModelIndex

PAGE_SIZE = 200
MAX_CACHED_PAGES = 40  # 8 000 rows: a few screens either way of where the user is
COLUMNS = (
    ("detected", SortKey.DETECTED),
    ("severity", SortKey.SEVERITY),
    ("status", SortKey.STATUS),
    ("title", SortKey.TITLE),
    ("time_to_ack", SortKey.TIME_TO_ACK),
    ("time_to_resolve", SortKey.TIME_TO_RESOLVE),
)
PENDING = "…"


class HistoryModel(QAbstractTableModel):
    """Signals:
    counted(int): the number of incidents matching the current filter.
    first_page_shown(): the first page of the current query is on screen (for timing).
    """

    counted = Signal(int)
    first_page_shown = Signal()

    def __init__(
        self,
        service: HistoryService,
        headers: dict[str, str],
        zone: tzinfo | None,
        language: str,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._service = service
        self._headers = headers
        self._zone = zone
        self._language = language
        self._filter = HistoryFilter()
        self._sort = SortKey.DETECTED
        self._descending = True
        self._generation = 0
        self._total = 0
        self._fresh = True  # nothing of the current query has come yet
        self._pages: OrderedDict[int, list[HistoryRow]] = OrderedDict()
        self._requested: set[int] = set()

    # --- query ----------------------------------------------------------------------------------

    @property
    def filter(self) -> HistoryFilter:
        return self._filter

    def set_filter(self, flt: HistoryFilter) -> None:
        self._filter = flt
        self.reload()

    def reload(self) -> None:
        self._generation += 1
        generation = self._generation
        self._fresh = True
        # the answers may come after the history window closed: then nothing is touched
        self._service.count(self._filter, bound_to(self, lambda n: self._on_counted(generation, n)))
        self._fetch(0, generation)

    def set_language(self, language: str, headers: dict[str, str]) -> None:
        """The UI's language changed: headers and statuses said in it, the rows as they are."""
        self._language, self._headers = language, headers
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(COLUMNS) - 1)
        if self._total:
            last = self.index(self._total - 1, len(COLUMNS) - 1)
            self.dataChanged.emit(self.index(0, 0), last, [Qt.ItemDataRole.DisplayRole])

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(COLUMNS):
            return
        self._sort = COLUMNS[column][1]
        self._descending = order == Qt.SortOrder.DescendingOrder
        self.reload()

    def _on_counted(self, generation: int, total: int) -> None:
        if generation != self._generation:
            return
        if self._fresh:  # before the first page: the rows, still on their way, show "…"
            self._fresh = False
            self._reset(total, {})
        elif total > self._total:  # after it: the rows below it
            self.beginInsertRows(QModelIndex(), self._total, total - 1)
            self._total = total
            self.endInsertRows()
        elif total < self._total:  # the database changed between the two answers
            self.beginRemoveRows(QModelIndex(), total, self._total - 1)
            self._total = total
            self.endRemoveRows()
        self.counted.emit(total)
        if not total:
            self.first_page_shown.emit()

    def _reset(self, total: int, pages: dict[int, list[HistoryRow]]) -> None:
        self.beginResetModel()
        self._total = total
        self._pages.clear()
        self._pages.update(pages)
        self._requested = {0} | set(pages)  # the first page is asked for with the count
        self.endResetModel()

    def _request(self, page: int) -> None:
        if page in self._requested:
            return
        self._fetch(page, self._generation)

    def _fetch(self, page: int, generation: int) -> None:
        self._requested.add(page)
        self._service.page(
            self._filter,
            self._sort,
            self._descending,
            page * PAGE_SIZE,
            PAGE_SIZE,
            bound_to(self, lambda rows: self._on_page(generation, page, rows)),
        )

    def _on_page(self, generation: int, page: int, rows: list[HistoryRow]) -> None:
        if generation != self._generation:
            return
        if self._fresh:  # the first page before the count: shown now, as many rows as it has
            if page != 0:
                return
            self._fresh = False
            self._reset(len(rows), {page: rows})
            if rows:
                self.first_page_shown.emit()
            return
        self._pages[page] = rows
        self._pages.move_to_end(page)
        while len(self._pages) > MAX_CACHED_PAGES:
            dropped, _ = self._pages.popitem(last=False)
            self._requested.discard(dropped)
        first = page * PAGE_SIZE
        last = min(first + PAGE_SIZE, self._total) - 1
        if last >= first:
            self.dataChanged.emit(self.index(first, 0), self.index(last, len(COLUMNS) - 1))
        if page == 0 and rows:
            self.first_page_shown.emit()

    # --- model ----------------------------------------------------------------------------------

    def row(self, row: int) -> HistoryRow | None:
        page, offset = divmod(row, PAGE_SIZE)
        rows = self._pages.get(page)
        if rows is None:
            if 0 <= row < self._total and not self._fresh:  # fresh: rows of the last query
                self._request(page)
            return None
        return rows[offset] if offset < len(rows) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else self._total

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            role == Qt.ItemDataRole.DisplayRole
            and orientation == Qt.Orientation.Horizontal
            and 0 <= section < len(COLUMNS)
        ):
            return self._headers[COLUMNS[section][0]]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        item = self.row(index.row())
        if role == IncidentRole:
            return item.id if item else None
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if item is None:
            return PENDING
        key = COLUMNS[index.column()][0]
        if key == "detected":
            return local_time(item.detected_at, self._zone)
        if key == "severity":
            return item.severity.value + (self.tr(" (drill)") if item.is_drill else "")
        if key == "status":
            return status_text(item.status, self._language)
        if key == "title":
            return item.title  # a view shows DisplayRole as plain text
        if key == "time_to_ack":
            return kpi_duration(item.time_to_ack)
        return kpi_duration(item.time_to_resolve)

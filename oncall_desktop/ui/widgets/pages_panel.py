"""The pages assigned to me, in the main window: waiting ones and acknowledged ones not opened
yet, each with Acknowledge and Open. A page is never only in a tray submenu.

Built with the first window, before the procedure or the core load: it takes pages as plain
objects (id, title, urgency, service, status, created_at), and the acknowledge SLA of each
urgency once the procedure is loaded. Each page's age and, while it waits, the time left to
acknowledge it are worked out from its creation instant on every tick (never by counting ticks).
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from oncall_desktop.core.messages import UserMessage
from oncall_desktop.ui.models.incident_table_model import LATE_BRUSH
from oncall_desktop.ui.text import countdown, fill

AGE, ACK = 4, 5  # the columns that change with the time


class PagesPanel(QGroupBox):
    """Signals:
    acknowledge_requested(str): acknowledge this PagerDuty incident id.
    open_requested(str): open (or create) the local incident of this page.
    """

    acknowledge_requested = Signal(str)
    open_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pagesPanel")
        self.table = QTableWidget(0, 6, self)
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        # the title takes what the urgency, the service, the status and the clocks leave (all
        # whole); the clocks' columns sized once from a wide sample, not re-measured every tick
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(AGE, QHeaderView.ResizeMode.Fixed)
        header.setSectionResizeMode(ACK, QHeaderView.ResizeMode.Fixed)
        self.table.setMaximumHeight(150)
        self.acknowledge_button = QPushButton(self)
        self.open_button = QPushButton(self)
        self._resolved_here: set[str] = set()
        self._ack_slas: dict[str, timedelta] = {}  # urgency: the SLA of its proposed severity
        self._now: datetime | None = None
        self._notes: list[UserMessage] = []  # e.g. the pages are as last read at 22:15
        self._set_texts()
        self.acknowledge_button.clicked.connect(lambda: self._emit(self.acknowledge_requested))
        self.open_button.clicked.connect(lambda: self._emit(self.open_requested))
        self.table.itemSelectionChanged.connect(self._enable)
        self.table.itemDoubleClicked.connect(lambda _item: self._emit(self.open_requested))
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.acknowledge_button)
        buttons.addWidget(self.open_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        self._pages: list[Any] = []
        self.setVisible(False)
        self._enable()

    def _set_texts(self) -> None:
        title = self.tr("Pages assigned to me")
        if self._notes:  # "%1 · %2": the title, then what it says of the pages shown
            # imported here, not with the first window (tests/unit/ui/test_main_window)
            from oncall_desktop.services.messages import shown

            notes = "; ".join(shown(note) for note in self._notes)
            title = fill(self.tr("%1 · %2"), title, notes)
        self.setTitle(title)
        titles = [
            self.tr("Urgency"),
            self.tr("Title"),
            self.tr("Service"),
            self.tr("Status"),
            self.tr("Age"),
            self.tr("Acknowledge within"),
        ]
        self.table.setHorizontalHeaderLabels(titles)
        self.acknowledge_button.setText(self.tr("Acknowledge"))
        self.open_button.setText(self.tr("Open"))
        metrics = self.table.fontMetrics()
        header = self.table.horizontalHeader()
        samples = {AGE: self._age(timedelta(hours=99, minutes=59)), ACK: self._late("9:59:59")}
        for column, sample in samples.items():
            wide = max(metrics.horizontalAdvance(sample), metrics.horizontalAdvance(titles[column]))
            header.resizeSection(column, wide + 24)

    def set_notes(self, notes: list[UserMessage]) -> None:
        """What the title says of the pages listed (a source not read since: "as last read
        from PagerDuty at 22:15"), said again when the language changes."""
        if notes != self._notes:
            self._notes = list(notes)
            self._set_texts()

    def retranslate(self) -> None:
        """The UI's language changed (its translators installed): every text in it."""
        self._set_texts()
        self.set_pages(self._pages, self._resolved_here)

    def set_pages(self, pages: list[Any], resolved_here: set[str] | None = None) -> None:
        """Triggered pages first (they need an acknowledgement), then acknowledged ones;
        ``resolved_here``: keys of pages whose incident was resolved here, open in the source."""
        resolved_here = resolved_here or set()
        self._resolved_here = set(resolved_here)
        selected = self.selected_page()
        self._pages = sorted(pages, key=lambda p: p.status != "triggered")
        self.table.setRowCount(len(self._pages))
        for row, page in enumerate(self._pages):
            waiting = page.status == "triggered"
            cells = (
                self.tr("high") if page.urgency == "high" else self.tr("low"),
                page.title,  # text from outside: an item shows it as plain text
                page.service,
                self.tr("to acknowledge")
                if waiting
                else self.tr("resolved here, still open there")
                if page.key in resolved_here
                # another engineer's acknowledge is not said as mine
                else self.tr("acknowledged by %1, not opened").replace("%1", page.acknowledged_by)
                if page.acknowledged_by
                else self.tr("acknowledged, not opened"),
                "",  # the age and the countdown: _show_clocks
                "",
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, page.key)
                self.table.setItem(row, column, item)
            if selected is not None and page.key == selected.key:
                self.select_row(row)
        self._show_clocks()
        if self._pages and self.selected_page() is None:
            self.select_row(0)
        self.setVisible(bool(self._pages))
        self._enable()

    def set_ack_slas(self, slas: dict[str, timedelta]) -> None:
        """The procedure's acknowledge SLA for each urgency (that of the severity a page of
        that urgency is proposed); until then no countdown is shown."""
        self._ack_slas = dict(slas)
        self._show_clocks()

    def set_now(self, now: datetime) -> None:
        """Every second: only the age and countdown cells change (rows and selection stay)."""
        self._now = now
        self._show_clocks()

    def _show_clocks(self) -> None:
        for row, page in enumerate(self._pages):
            created = getattr(page, "created_at", None)
            age = left = ""
            late = False
            if created is not None and self._now is not None:
                age = self._age(self._now - created)
                sla = self._ack_slas.get(page.urgency)
                if page.status == "triggered" and sla is not None:
                    remaining = created + sla - self._now
                    late = remaining < timedelta(0)
                    left = self._late(countdown(-remaining)) if late else countdown(remaining)
            self._set_cell(row, AGE, age, late=False)
            self._set_cell(row, ACK, left, late)

    def _set_cell(self, row: int, column: int, text: str, late: bool) -> None:
        item = self.table.item(row, column)
        if item is None:
            item = QTableWidgetItem()
            item.setData(Qt.ItemDataRole.UserRole, self._pages[row].key)
            self.table.setItem(row, column, item)
        if item.text() != text:
            item.setText(text)
        if (item.foreground() == LATE_BRUSH) != late:
            item.setForeground(LATE_BRUSH if late else QBrush())
            font = item.font()
            font.setBold(late)
            item.setFont(font)

    def _age(self, age: timedelta) -> str:
        minutes = max(int(age.total_seconds()) // 60, 0)
        if minutes < 60:
            return fill(self.tr("%1 min"), minutes)
        hours, minutes = divmod(minutes, 60)
        return fill(self.tr("%1 h %2"), hours, f"{minutes:02d}")

    def _late(self, by: str) -> str:
        return fill(self.tr("late by %1"), by)

    def select_row(self, row: int) -> None:
        """Select exactly this row (selectRow would toggle it while Ctrl is held)."""
        flags = (
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows
        )
        self.table.selectionModel().select(self.table.model().index(row, 0), flags)

    def selected_page(self) -> Any | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows or rows[0].row() >= len(self._pages):
            return None
        return self._pages[rows[0].row()]

    def _enable(self) -> None:
        page = self.selected_page()
        self.open_button.setEnabled(page is not None)
        self.acknowledge_button.setEnabled(page is not None and page.status == "triggered")

    def _emit(self, signal: Any) -> None:
        page = self.selected_page()
        if page is not None:
            signal.emit(page.key)

"""The pages assigned to me, in the main window: waiting ones and acknowledged ones not opened
yet, each with Acknowledge and Open. A page is never only in a tray submenu.

Built with the first window, before the procedure or the core load: it takes pages as plain
objects (id, title, urgency, service, status).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
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
        self.table = QTableWidget(0, 4, self)
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        # the title takes what the urgency, the service and the status leave (all whole)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.setMaximumHeight(150)
        self.acknowledge_button = QPushButton(self)
        self.open_button = QPushButton(self)
        self._resolved_here: set[str] = set()
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
        self.setTitle(self.tr("Pages assigned to me"))
        self.table.setHorizontalHeaderLabels(
            [self.tr("Urgency"), self.tr("Title"), self.tr("Service"), self.tr("Status")]
        )
        self.acknowledge_button.setText(self.tr("Acknowledge"))
        self.open_button.setText(self.tr("Open"))

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
                else self.tr("acknowledged, not opened"),
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, page.key)
                self.table.setItem(row, column, item)
            if selected is not None and page.key == selected.key:
                self.select_row(row)
        if self._pages and self.selected_page() is None:
            self.select_row(0)
        self.setVisible(bool(self._pages))
        self._enable()

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

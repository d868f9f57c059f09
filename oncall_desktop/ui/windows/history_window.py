"""Every incident, sortable and filterable, however many there are."""

from __future__ import annotations

from datetime import datetime, time, tzinfo
from functools import partial

from PySide6.QtCore import QDate, QModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from oncall_desktop.core.kpis import HistoryFilter
from oncall_desktop.core.policy import Severity
from oncall_desktop.services.history import HistoryService
from oncall_desktop.ui.drill_mark import title_setter
from oncall_desktop.ui.geometry import fit_to_screen
from oncall_desktop.ui.live_language import LiveLanguage
from oncall_desktop.ui.models.history_model import HistoryModel
from oncall_desktop.ui.models.roles import IncidentRole
from oncall_desktop.ui.qdates import python_date
from oncall_desktop.ui.shortcuts import close_with_escape_and_ctrl_w

NO_DATE = QDate(2000, 1, 1)
STATUS_GROUPS = {
    "open": frozenset({"triggered", "acknowledged", "investigating", "mitigating"}),
    "resolved": frozenset({"resolved"}),
    "closed": frozenset({"closed"}),
}


class HistoryWindow(QMainWindow):
    """Signals:
    incident_requested(int): open this incident's cockpit.
    postmortem_requested(int): open this incident's post-mortem.
    kpis_requested(): open the KPI dashboard.
    """

    incident_requested = Signal(int)
    postmortem_requested = Signal(int)
    kpis_requested = Signal()

    def __init__(
        self,
        service: HistoryService,
        zone: tzinfo | None,
        language: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("historyWindow")
        close_with_escape_and_ctrl_w(self)
        self.live = LiveLanguage(self, language)  # a change in Settings shows here at once
        self.live.text(title_setter(self), lambda: self.tr("Incident history"))
        fit_to_screen(self, 1000, 650, remember="history")
        self._zone = zone
        self._total: int | None = None  # counted for the current filter
        self.model = HistoryModel(service, self._headers(), zone, language, self)
        self.model.counted.connect(self._on_counted)

        filters = self._build_filters()
        self._build_table()

        self.cockpit_button = QPushButton()
        self.live.text(self.cockpit_button.setText, lambda: self.tr("Open cockpit"))
        self.cockpit_button.clicked.connect(lambda: self._open_cockpit(self.table.currentIndex()))
        self.postmortem_button = QPushButton()
        self.live.text(self.postmortem_button.setText, lambda: self.tr("Post-mortem…"))
        self.postmortem_button.clicked.connect(self._open_postmortem)
        self.kpis_button = kpis = QPushButton()
        self.live.text(kpis.setText, lambda: self.tr("KPI dashboard…"))
        kpis.clicked.connect(self.kpis_requested)
        buttons = QHBoxLayout()
        buttons.addWidget(self.count_label, 1)
        buttons.addWidget(self.cockpit_button)
        buttons.addWidget(self.postmortem_button)
        buttons.addWidget(kpis)

        body = QWidget()
        layout = QVBoxLayout(body)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.setCentralWidget(body)
        self.live.call(self._retranslate)

    def _headers(self) -> dict[str, str]:
        return {
            "detected": self.tr("Detected"),
            "severity": self.tr("Severity"),
            "status": self.tr("Status"),
            "title": self.tr("Title"),
            "time_to_ack": self.tr("Time to acknowledge"),
            "time_to_resolve": self.tr("Time to resolve"),
        }

    def _retranslate(self, language: str) -> None:
        """The table's headers and statuses and the count in the new language; the filter as
        it was (the combos keep their choice, the search its words)."""
        self.model.set_language(language, self._headers())
        if self._total is not None:
            self._on_counted(self._total)

    def _build_filters(self) -> QHBoxLayout:
        """Severity, status, period, words in the title, drills: each narrows the query."""
        self.severity_combo = QComboBox()
        self.severity_combo.addItem("", "")
        self.live.text(
            partial(self.severity_combo.setItemText, 0), lambda: self.tr("All severities")
        )
        for severity in Severity:
            self.severity_combo.addItem(severity.value, severity.value)
        self.status_combo = QComboBox()
        statuses = {
            "": lambda: self.tr("Any status"),
            "open": lambda: self.tr("Open"),
            "resolved": lambda: self.tr("Resolved"),
            "closed": lambda: self.tr("Closed"),
        }
        for index, (key, say) in enumerate(statuses.items()):
            self.status_combo.addItem("", key)
            self.live.text(partial(self.status_combo.setItemText, index), say)
        self.from_edit = self._date_edit()
        self.to_edit = self._date_edit()
        self.text_edit = QLineEdit()
        self.live.text(self.text_edit.setPlaceholderText, lambda: self.tr("Search titles"))
        self.text_edit.setClearButtonEnabled(True)
        self.drills_box = QCheckBox()
        self.live.text(self.drills_box.setText, lambda: self.tr("Show drills"))
        self.count_label = QLabel()
        self.count_label.setTextFormat(Qt.TextFormat.PlainText)
        # Typing filters after a short pause, not at every key (each is a COUNT and a page).
        self._typing = QTimer(self, singleShot=True, interval=250)
        self._typing.timeout.connect(self.apply_filter)
        self.text_edit.textChanged.connect(lambda _: self._typing.start())
        for combo in (self.severity_combo, self.status_combo):
            combo.currentIndexChanged.connect(lambda _: self.apply_filter())
        for edit in (self.from_edit, self.to_edit):
            edit.dateChanged.connect(lambda _: self.apply_filter())
        self.drills_box.toggled.connect(lambda _: self.apply_filter())

        filters = QHBoxLayout()
        filters.addWidget(self.severity_combo)
        filters.addWidget(self.status_combo)
        self.from_label, self.to_label = QLabel(), QLabel()
        self.live.text(self.from_label.setText, lambda: self.tr("From"))
        self.live.text(self.to_label.setText, lambda: self.tr("to"))
        filters.addWidget(self.from_label)
        filters.addWidget(self.from_edit)
        filters.addWidget(self.to_label)
        filters.addWidget(self.to_edit)
        filters.addWidget(self.text_edit, 1)
        filters.addWidget(self.drills_box)
        return filters

    def _build_table(self) -> None:
        self.table = QTableView()
        self.table.setObjectName("historyTable")
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        # Fixed widths: measuring contents would ask for every row of 100 000.
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        for column, width in ((0, 130), (1, 90), (2, 100), (4, 140), (5, 120)):
            self.table.setColumnWidth(column, width)
        self.table.activated.connect(self._open_cockpit)

    def _date_edit(self) -> QDateEdit:
        edit = QDateEdit()
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy-MM-dd")
        edit.setMinimumDate(NO_DATE)
        self.live.text(edit.setSpecialValueText, lambda: self.tr("any"))
        edit.setDate(NO_DATE)
        return edit

    def _instant(self, edit: QDateEdit, next_day: bool) -> datetime | None:
        value = edit.date()
        if value == NO_DATE:
            return None
        if next_day:
            value = value.addDays(1)
        moment = datetime.combine(python_date(value), time(0))
        return moment.replace(tzinfo=self._zone) if self._zone else moment.astimezone()

    def current_filter(self) -> HistoryFilter:
        severity = self.severity_combo.currentData()
        status = self.status_combo.currentData()
        return HistoryFilter(
            severities=frozenset({Severity(severity)}) if severity else frozenset(),
            statuses=STATUS_GROUPS.get(status, frozenset()),
            detected_from=self._instant(self.from_edit, next_day=False),
            detected_before=self._instant(self.to_edit, next_day=True),
            text=self.text_edit.text(),
            include_drills=self.drills_box.isChecked(),
        )

    def apply_filter(self) -> None:
        self._typing.stop()
        self.model.set_filter(self.current_filter())

    def _on_counted(self, total: int) -> None:
        self._total = total
        self.count_label.setText(self.tr("%n incident(s)", "", total))

    def _open_cockpit(self, index: QModelIndex) -> None:
        incident_id = self.model.data(index, IncidentRole)
        if incident_id is not None:
            self.incident_requested.emit(incident_id)

    def _open_postmortem(self) -> None:
        incident_id = self.model.data(self.table.currentIndex(), IncidentRole)
        if incident_id is not None:
            self.postmortem_requested.emit(incident_id)

"""The main window: open incidents with their clocks, and "Declare incident"."""

from __future__ import annotations

from datetime import datetime, tzinfo
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMainWindow,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QTableView,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from oncall_desktop.ui.drill_mark import set_title
from oncall_desktop.ui.geometry import fit_to_screen, scrolling
from oncall_desktop.ui.icons import app_icon
from oncall_desktop.ui.models.incident_table_model import IncidentTableModel
from oncall_desktop.ui.shortcuts import SETTINGS_SHORTCUT
from oncall_desktop.ui.widgets.message_banner import MessageBanner
from oncall_desktop.ui.widgets.pages_panel import PagesPanel

if TYPE_CHECKING:  # loaded after the window is shown (see app/shell.py)
    from oncall_desktop.core.incident import Incident
    from oncall_desktop.core.messages import UserMessage
    from oncall_desktop.core.policy import Policy


class MainWindow(QMainWindow):
    """Signals:
    declare_requested(): the user asked to declare an incident.
    settings_requested(): the user asked for the settings.
    incident_activated(int): the user opened this incident (double-click, Enter).
    action_items_requested(): the user asked for the post-mortem action items.
    history_requested(): the user asked for the incident history and KPIs.
    handoff_requested(): the user asked for the on-call handoff form.
    hidden_to_tray(): the window was closed while the app keeps running in the tray.
    """

    declare_requested = Signal()
    settings_requested = Signal()
    incident_activated = Signal(int)
    action_items_requested = Signal()
    history_requested = Signal()
    handoff_requested = Signal()
    hidden_to_tray = Signal()
    page_acknowledge_requested = Signal(str)
    page_open_requested = Signal(str)
    drill_requested = Signal()

    def __init__(
        self,
        language: str,
        zone: tzinfo | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.show_title()
        self.setWindowIcon(app_icon())
        self.keep_running_in_tray = False
        self.quitting = False

        self._build_toolbar()
        self.banner = MessageBanner(self)
        self._build_table(language, zone)
        self.empty_label = QLabel(self.tr("No open incident. Stay sharp."), self)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.welcome = self._welcome_panel()
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.empty_label)
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.welcome)
        self._show_welcome = False
        self._pages_shown: tuple[list[Any], set[str]] = ([], set())  # pages, resolved here

        self.pages = PagesPanel(self)
        self.pages.acknowledge_requested.connect(self.page_acknowledge_requested)
        self.pages.open_requested.connect(self.page_open_requested)

        # many alerts at once (no tray: each is a banner) scroll within a third of the window
        # instead of squeezing their lines, and the incidents, out of sight
        self.banner_area = scrolling(self.banner, self)
        self.banner_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.banner_area.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self.banner_area.setVisible(False)
        # once the new message's row is laid out
        self.banner.changed.connect(lambda: QTimer.singleShot(0, self, self._fit_banner))

        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.addWidget(self.banner_area)
        self._central_layout = layout
        layout.addWidget(self.pages)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self.status_label = QLabel(self)
        self.status_label.setTextFormat(Qt.TextFormat.PlainText)
        self.rotation_label = QLabel(self)
        self.rotation_label.setObjectName("rotationLabel")
        self.rotation_label.setTextFormat(Qt.TextFormat.PlainText)
        self.statusBar().addWidget(self.rotation_label)
        self.statusBar().addPermanentWidget(self.status_label)
        fit_to_screen(self, 960, 640, remember="main")  # room for alerts, pages and incidents

    def _build_toolbar(self) -> None:
        self.declare_action = QAction(self.tr("Declare incident…"), self)
        self.declare_action.setShortcut(QKeySequence.StandardKey.New)
        self.declare_action.triggered.connect(self.declare_requested)
        toolbar = QToolBar(self.tr("Incidents"), self)
        toolbar.setObjectName("mainToolbar")
        toolbar.setMovable(False)
        toolbar.addAction(self.declare_action)
        self.settings_action = QAction(self.tr("Settings…"), self)
        # Ctrl+, from any window of the app (Qt's Preferences key is unbound on Linux)
        self.settings_action.setShortcuts(
            [QKeySequence(SETTINGS_SHORTCUT), QKeySequence(QKeySequence.StandardKey.Preferences)]
        )
        self.settings_action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        self.settings_action.triggered.connect(self.settings_requested)
        toolbar.addAction(self.settings_action)
        self.action_items_action = QAction(self.tr("Action items…"), self)
        self.action_items_action.setEnabled(False)  # until the database is open
        self.action_items_action.triggered.connect(self.action_items_requested)
        toolbar.addAction(self.action_items_action)
        self.history_action = QAction(self.tr("History and KPIs…"), self)
        self.history_action.setEnabled(False)  # until the database is open
        self.history_action.triggered.connect(self.history_requested)
        toolbar.addAction(self.history_action)
        self.handoff_action = QAction(self.tr("Handoff…"), self)
        self.handoff_action.setEnabled(False)  # until the database is open
        self.handoff_action.triggered.connect(self.handoff_requested)
        toolbar.addAction(self.handoff_action)
        self.toolbar = toolbar
        self.addToolBar(toolbar)

    def _build_table(self, language: str, zone: tzinfo | None) -> None:
        """The incidents, one row each, their clock columns sized once."""
        self.model = IncidentTableModel(language, zone, self)
        self.table = QTableView(self)
        self.table.setObjectName("incidentTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.activated.connect(
            lambda index: self.incident_activated.emit(self.model.incident_at(index.row()).id)
        )
        header = self.table.horizontalHeader()
        # Interactive, not ResizeToContents: the latter re-measures every row of every column
        # whenever any cell changes, i.e. on every tick. Columns are sized when rows change.
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self._size_clock_columns()

    def _size_clock_columns(self) -> None:
        """The clock columns change every second: sized once from a wide sample and their
        title (again when the language changes)."""
        header = self.table.horizontalHeader()
        metrics = self.table.fontMetrics()
        samples = {
            "ack_sla": "-00:00:00",
            "resolve_sla": "-00:00:00",
            "next_update": "-00:00:00 · Executive (email/phone)",
        }
        for name, sample in samples.items():
            column = self.model.COLUMNS.index(name)
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            title = str(self.model.headerData(column, Qt.Orientation.Horizontal))
            header.resizeSection(
                column,
                max(metrics.horizontalAdvance(sample), metrics.horizontalAdvance(title)) + 24,
            )

    def _fit_banner(self) -> None:
        """The banner as tall as its messages, at most a third of the window (it scrolls)."""
        shown = bool(self.banner.texts())
        self.banner_area.setVisible(shown)
        if shown:
            margins = self._central_layout.contentsMargins()
            width = self.width() - margins.left() - margins.right()
            tall = self.banner.heightForWidth(width)
            tall = max(tall, self.banner.minimumSizeHint().height())
            self.banner_area.setMaximumHeight(min(tall, max(self.height() // 3, 120)))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_banner()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._fit_banner()  # messages that came while it was hidden

    def show_title(self) -> None:
        """The window's title, marked in a drill console (ui/drill_mark)."""
        set_title(self, self.tr("On-call Desktop"))

    def retranslate(self, language: str) -> None:
        """The UI's language changed in Settings (its translators are installed): every text of
        the window in it now, not at the next start."""
        self.show_title()
        self.declare_action.setText(self.tr("Declare incident…"))
        self.settings_action.setText(self.tr("Settings…"))
        self.action_items_action.setText(self.tr("Action items…"))
        self.history_action.setText(self.tr("History and KPIs…"))
        self.handoff_action.setText(self.tr("Handoff…"))
        self.toolbar.setWindowTitle(self.tr("Incidents"))
        welcome, self.welcome = self.welcome, self._welcome_panel()
        self.stack.insertWidget(self.stack.indexOf(welcome), self.welcome)
        self.stack.removeWidget(welcome)
        welcome.deleteLater()
        self.model.set_language(language)
        self._size_clock_columns()
        for name in ("severity", "status", "detected"):
            self.table.resizeColumnToContents(self.model.COLUMNS.index(name))
        self.pages.retranslate()
        self._choose_page()
        self.empty_label.setText(self._empty_text())

    def set_policy(self, policy: Policy) -> None:
        """The procedure, loaded once the window is on screen; before the first incident."""
        # here, not at the top: the services come after the first paint (app/shell.py)
        from oncall_desktop.services.incidents import proposed_severity

        self.model.set_policy(policy)
        # a page's countdown: the acknowledge SLA of the severity it would be opened with
        self.pages.set_ack_slas(
            {u: policy.severity(proposed_severity(u)).ack_sla for u in ("high", "low")}
        )

    def set_incidents(self, incidents: list[Incident]) -> None:
        self.model.set_incidents(incidents)
        for name in ("severity", "status", "detected"):
            self.table.resizeColumnToContents(self.model.COLUMNS.index(name))
        self._incidents_shown = bool(incidents)
        self._choose_page()

    def show_getting_started(self, show: bool) -> None:
        """With nothing set up yet (no PagerDuty token), the window teaches the next useful
        steps instead of an empty list and a warning."""
        self._show_welcome = show
        self._choose_page()

    def _choose_page(self) -> None:
        if getattr(self, "_incidents_shown", False):
            self.stack.setCurrentWidget(self.table)
        elif self._show_welcome:
            self.stack.setCurrentWidget(self.welcome)
        else:
            self.stack.setCurrentWidget(self.empty_label)

    def _welcome_panel(self) -> QWidget:
        panel = QWidget(self)
        panel.setObjectName("gettingStarted")
        layout = QVBoxLayout(panel)
        title = QLabel(self.tr("Getting started"), panel)
        font = title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.3)
        title.setFont(font)
        layout.addWidget(title)
        steps = (
            (
                self.tr(
                    "1. Connect PagerDuty, so that pages reach the tray: your user API token "
                    "in Settings."
                ),
                self.tr("Open Settings…"),
                self.settings_requested,
            ),
            (
                self.tr(
                    "2. Connect Slack (a bot token or a webhook), so that updates go out in "
                    "one click."
                ),
                self.tr("Open Settings…"),
                self.settings_requested,
            ),
            (
                self.tr(
                    "3. Try a drill: the procedure's SEV-1 scenario against built-in fakes, "
                    "scored at the end. Nothing real is touched."
                ),
                self.tr("Start a drill"),
                self.drill_requested,
            ),
        )
        for text, button_text, signal in steps:
            row = QHBoxLayout()
            label = QLabel(text, panel)
            label.setWordWrap(True)
            label.setTextFormat(Qt.TextFormat.PlainText)
            button = QPushButton(button_text, panel)
            button.clicked.connect(signal)
            row.addWidget(label, 1)
            row.addWidget(button)
            layout.addLayout(row)
        layout.addStretch(1)
        return panel

    def set_pages(self, pages: list[Any], resolved_here: set[str] | None = None) -> None:
        """The pages assigned to me that have no open local incident (plain objects: key,
        title, urgency, service, status); ``resolved_here``: those whose incident was resolved
        here while they stay open in their source."""
        resolved_here = resolved_here or set()
        self.pages.set_pages(pages, resolved_here)
        self._pages_shown = (list(pages), set(resolved_here))
        self.empty_label.setText(self._empty_text())

    def _empty_text(self) -> str:
        """What the window says with no incident open, given the pages listed above it."""
        pages, resolved_here = self._pages_shown
        if any(p.key not in resolved_here for p in pages):
            return self.tr("No incident opened yet: open the page above to work it.")
        if pages:
            return self.tr("No open incident here; the page above is still open in its source.")
        return self.tr("No open incident. Stay sharp.")

    def select_incident(self, incident_id: int) -> bool:
        for row in range(self.model.rowCount()):
            if self.model.incident_at(row).id == incident_id:
                self.table.selectRow(row)
                self.table.scrollTo(self.model.index(row, 0))
                return True
        return False

    def set_now(self, now: datetime) -> None:
        self.model.set_now(now)
        self.pages.set_now(now)
        self.banner.set_now(now)

    def show_message(
        self, key: str, text: str | UserMessage, level: str = "warning", fades: bool = False
    ) -> None:
        """A message in the banner (a UserMessage is said again when the language changes);
        ``fades``: it reports a thing done and goes by itself after a while. An error goes on
        top and the banner is scrolled to it: it is never below the fold."""
        self.banner.show_message(key, text, level, fades)
        if level == "error":
            bar = self.banner_area.verticalScrollBar()
            bar.setValue(bar.minimum())
            QTimer.singleShot(0, self, lambda: bar.setValue(bar.minimum()))  # once laid out

    def set_status(self, text: str, details: str = "") -> None:
        """``details``: shown on hovering (e.g. the database file's folder)."""
        self.status_label.setText(text)
        self.status_label.setToolTip(details)

    def set_rotation(self, text: str) -> None:
        """Who is on call and until when (plain text: names come from outside)."""
        self.rotation_label.setText(text)

    def bring_forward(self) -> None:
        self.show()
        self.setWindowState(
            (self.windowState() & ~Qt.WindowState.WindowMinimized) | Qt.WindowState.WindowActive
        )
        self.raise_()
        self.activateWindow()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.keep_running_in_tray and not self.quitting:
            event.ignore()
            self.hide()
            self.hidden_to_tray.emit()
            return
        event.accept()

"""The console: the state every room of the app reads (settings, the window, the tray, the
notifier, the alert sources, and once the database is open, the workspace), and its rooms.

Each room is a controller of its own, given the console (as app/facilities.Console) in its
constructor: the cockpits, pages and notifications, deadline warnings, the tray's status,
settings; post-mortems, handoffs and history arrive with the workspace. The composition root
(app/container.py) builds the console and connects the window's, tray's and services' signals
to the rooms; no room imports it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, tzinfo
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication, QWidget

from oncall_desktop.app.alerts import AlertController
from oncall_desktop.app.collaborators import Dues, Notifications, Preferences, raise_window
from oncall_desktop.app.identity import Identity
from oncall_desktop.app.settings_flow import SettingsController
from oncall_desktop.app.tray_status import TrayStatus
from oncall_desktop.config.schema import Settings
from oncall_desktop.config.store import SettingsStore
from oncall_desktop.core.clock import Clock
from oncall_desktop.core.policy import LoadedPolicy
from oncall_desktop.integrations.secrets import SecretStore
from oncall_desktop.services.alert_sources import AlertPoller
from oncall_desktop.services.connections import ConnectionsService
from oncall_desktop.services.tasks import TaskRunner
from oncall_desktop.ui.notifier import Notifier
from oncall_desktop.ui.tray import Tray
from oncall_desktop.ui.windows.main_window import MainWindow

if TYPE_CHECKING:
    from oncall_desktop.app.cockpits import CockpitController
    from oncall_desktop.app.deadline_alerts import DeadlineAlerts
    from oncall_desktop.app.handoffs import HandoffController
    from oncall_desktop.app.history import HistoryController
    from oncall_desktop.app.postmortems import PostmortemController
    from oncall_desktop.services.alert_actions import AlertActions
    from oncall_desktop.services.incidents import IncidentService
    from oncall_desktop.services.outbox import OutboxService
    from oncall_desktop.services.presence import PresenceService
    from oncall_desktop.services.routing import UpdateRouter
    from oncall_desktop.ui.windows.cockpit_window import CockpitWindow


@dataclass(frozen=True)
class Workspace:
    """Everything that needs the database, made at once when it opens."""

    incidents: IncidentService
    alert_actions: AlertActions
    outbox: OutboxService
    router: UpdateRouter
    postmortems: PostmortemController
    history: HistoryController
    handoffs: HandoffController
    deadline_alerts: DeadlineAlerts
    cockpits: CockpitController


class AppController(QObject):
    """The console's state and rooms (see the module's docstring).

    Signals:
        ticked(datetime): each second, once the window and the cockpits show it, before the
            tray does; the rooms built with the database follow it.
    """

    ticked = Signal(object)

    def __init__(
        self,
        app: QApplication,
        window: MainWindow,
        tray: Tray | None,
        notifier: Notifier,
        poller: AlertPoller,
        connections: ConnectionsService,
        runner: TaskRunner,
        secrets: SecretStore,
        settings_store: SettingsStore,
        settings: Settings,
        loaded_policy: LoadedPolicy,
        clock: Clock,
    ) -> None:
        super().__init__(window)
        self.app = app
        self.window = window
        self.tray = tray
        self.notifications = Notifications(notifier, self)
        self.poller = poller
        self.connections = connections
        self.runner = runner
        self.secrets = secrets
        self.settings_store = settings_store
        self.preferences = Preferences(settings, lambda: self._my_source_name(), self)
        self.policy = loaded_policy.policy
        self.dues = Dues(self.policy)
        self.clock = clock
        self.workspace: Workspace | None = None  # once the database is open
        self.presence: PresenceService | None = None  # team mode on PostgreSQL
        self.alert_controller = AlertController(
            poller, window, self.notifications, self.preferences, clock, self
        )
        # the tray's state, where there is a tray (some desktops have none)
        self.tray_status = (
            TrayStatus(tray, poller, self.policy, self.preferences, self.dues, self)
            if tray is not None
            else None
        )
        self.settings_controller = SettingsController(
            window,
            app,
            self.preferences,
            settings_store,
            secrets,
            runner,
            poller,
            connections,
            self.policy,
            tray is not None,
            self,
        )
        # asks or learns my name once started (main)
        self.identity = Identity(self.preferences, poller, window, self)
        poller.status_changed.connect(lambda _status: self.refresh_actor())
        self.preferences.changed.connect(lambda _settings: self.refresh_actor())

    # --- what every room reads ------------------------------------------------------------------

    @property
    def settings(self) -> Settings:
        return self.preferences.settings

    @settings.setter
    def settings(self, settings: Settings) -> None:
        self.preferences.replace(settings)

    @property
    def notifier(self) -> Notifier:
        return self.notifications.notifier

    @property
    def language(self) -> str:
        return self.preferences.language

    @property
    def message_language(self) -> str:
        return self.preferences.message_language

    @property
    def zone(self) -> tzinfo | None:
        return self.preferences.zone

    @property
    def actor(self) -> str:
        return self.preferences.actor

    def _my_source_name(self) -> str:
        me = self.poller.me("pagerduty")
        return me.name if me is not None else ""

    def refresh_actor(self) -> None:
        """The name may have changed (Settings, PagerDuty): what is recorded from now on is
        signed with the new one."""
        if self.workspace is not None:
            self.workspace.incidents.actor = self.workspace.outbox.actor = self.actor

    @property
    def incidents(self) -> IncidentService | None:
        return self.workspace.incidents if self.workspace else None

    @property
    def alert_actions(self) -> AlertActions | None:
        return self.workspace.alert_actions if self.workspace else None

    @property
    def outbox(self) -> OutboxService | None:
        return self.workspace.outbox if self.workspace else None

    @property
    def router(self) -> UpdateRouter | None:
        return self.workspace.router if self.workspace else None

    @property
    def postmortems(self) -> PostmortemController | None:
        return self.workspace.postmortems if self.workspace else None

    @property
    def history(self) -> HistoryController | None:
        return self.workspace.history if self.workspace else None

    @property
    def handoffs(self) -> HandoffController | None:
        return self.workspace.handoffs if self.workspace else None

    @property
    def cockpit_controller(self) -> CockpitController:
        """The cockpits' room (it comes with the database: the composition root and the tests
        ask it once the database is open)."""
        assert self.workspace is not None, "the cockpits come with the database"
        return self.workspace.cockpits

    @property
    def cockpits(self) -> dict[int, CockpitWindow]:
        """The open cockpits by incident id (none before the database is open)."""
        return self.workspace.cockpits.cockpits if self.workspace else {}

    # --- what rooms ask of each other -------------------------------------------------------------

    def open_cockpit(self, incident_id: int, then: Callable[[], None] | None = None) -> None:
        self.cockpit_controller.open_cockpit(incident_id, then)

    @staticmethod
    def raise_window(window: QWidget) -> None:
        raise_window(window)

    def notification_body(self, text: str) -> str:
        return self.notifications.body(text)

    def update_tray(self, now: datetime) -> None:
        if self.tray_status is not None:
            self.tray_status.update(now)

    # --- the console's own few actions ------------------------------------------------------------

    def on_tick(self, now: datetime) -> None:
        self.window.set_now(now)
        self.ticked.emit(now)  # the rooms built with the database: cockpits, deadlines, ...
        self.update_tray(now)

    def quit(self) -> None:
        self.window.quitting = True
        self.app.quit()

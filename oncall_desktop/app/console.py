"""The console: what the app is made of once started (the window, the tray, the alert
sources, the small shared collaborators of app/collaborators.py) and the rooms built at start
(alerts, the tray's status, settings, identity); once the database opens, the workspace: its
services and the rooms built with them (cockpits, deadline alerts, post-mortems, history,
handoffs).

No room sees the console: each is handed the few collaborators it uses when it is built, and
says what it wants of the others by signal; app/wiring.py connects them. What is left here is
for the composition root and the tests: the rooms by name, the tick, quitting.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, tzinfo
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication

from oncall_desktop.app.alerts import AlertController
from oncall_desktop.app.collaborators import Dues, Notifications, Preferences
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
    def zone(self) -> tzinfo | None:
        return self.preferences.zone

    @property
    def actor(self) -> str:
        return self.preferences.actor

    def _my_source_name(self) -> str:
        me = self.poller.me("pagerduty")
        return me.name if me is not None else ""

    # --- the rooms and services that come with the database (the tests look at them) ----------

    def _opened(self) -> Workspace:
        assert self.workspace is not None, "this comes with the database"
        return self.workspace

    @property
    def router(self) -> UpdateRouter:
        return self._opened().router

    @property
    def postmortems(self) -> PostmortemController:
        return self._opened().postmortems

    @property
    def history(self) -> HistoryController:
        return self._opened().history

    @property
    def handoffs(self) -> HandoffController:
        return self._opened().handoffs

    @property
    def cockpit_controller(self) -> CockpitController:
        return self._opened().cockpits

    @property
    def cockpits(self) -> dict[int, CockpitWindow]:
        """The open cockpits by incident id (none before the database is open)."""
        return self.workspace.cockpits.cockpits if self.workspace else {}

    def open_cockpit(self, incident_id: int, then: Callable[[], None] | None = None) -> None:
        self.cockpit_controller.open_cockpit(incident_id, then)

    def update_tray(self, now: datetime) -> None:
        if self.tray_status is not None:
            self.tray_status.update(now)

    def on_tick(self, now: datetime) -> None:
        self.window.set_now(now)
        self.ticked.emit(now)  # the rooms built with the database: cockpits, deadlines, ...
        self.update_tray(now)

    def quit(self) -> None:
        self.window.quitting = True
        self.app.quit()

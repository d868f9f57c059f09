"""What a room of the console (cockpits, alerts, deadlines, tray, settings, post-mortems,
handoffs, history, terminal commands, drill) may use of it: a typed face of app/console.

The rooms are built by app/console.py and app/container.py and receive this; they never import
either (an import-linter contract keeps it so), so the app's rooms stand beside each other
instead of in a circle.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, tzinfo
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from PySide6.QtCore import QObject
    from PySide6.QtWidgets import QApplication, QWidget

    from oncall_desktop.app.collaborators import Dues, Notifications, Preferences
    from oncall_desktop.config.schema import Settings
    from oncall_desktop.config.store import SettingsStore
    from oncall_desktop.core.clock import Clock
    from oncall_desktop.core.paging import Page
    from oncall_desktop.core.policy import Policy
    from oncall_desktop.integrations.secrets import SecretStore
    from oncall_desktop.services.alert_actions import AlertActions
    from oncall_desktop.services.alert_sources import AlertPoller
    from oncall_desktop.services.connections import ConnectionsService
    from oncall_desktop.services.incidents import IncidentService
    from oncall_desktop.services.outbox import OutboxService
    from oncall_desktop.services.presence import PresenceService
    from oncall_desktop.services.routing import UpdateRouter
    from oncall_desktop.services.tasks import TaskRunner
    from oncall_desktop.ui.notifier import Notifier
    from oncall_desktop.ui.tray import Tray
    from oncall_desktop.ui.windows.cockpit_window import CockpitWindow
    from oncall_desktop.ui.windows.main_window import MainWindow


# The rooms as the other rooms use them; the classes are app/cockpits.CockpitController,
# app/alerts.AlertController, app/postmortems.PostmortemController and
# app/handoffs.HandoffController (named here, not imported: rooms import no room).


class Cockpits(Protocol):
    def compose(self, incident_id: int, audience: str) -> None: ...

    def show_responders(self, pages: list[Page]) -> None: ...

    def set_declarable(self, source: str) -> None: ...


class Alerts(Protocol):
    @property
    def snoozed_until(self) -> datetime | None: ...


class Postmortems(Protocol):
    def open(self, incident_id: int) -> None: ...

    def reminder_entries(self, now: datetime) -> list[tuple[str, str]]: ...


class SettingsFlow(Protocol):
    def apply_settings(self, settings: Settings, secrets_to_store: dict[str, str]) -> None: ...


class Naming(Protocol):
    def ensure_named(self, parent: QWidget) -> None: ...


class Handoffs(Protocol):
    def open(self) -> None: ...

    def reminder_entries(self) -> list[tuple[str, str]]: ...

    def retranslate(self) -> None: ...


class Console(Protocol):
    """The console as its rooms see it (app/console.AppController is the one there is)."""

    app: QApplication
    policy: Policy
    clock: Clock
    runner: TaskRunner
    secrets: SecretStore
    settings: Settings  # replaced whole when the user saves new settings
    settings_store: SettingsStore
    connections: ConnectionsService
    poller: AlertPoller
    notifications: Notifications
    preferences: Preferences
    dues: Dues
    window: MainWindow
    tray: Tray | None
    presence: PresenceService | None  # team mode on PostgreSQL

    @property
    def notifier(self) -> Notifier: ...

    @property
    def cockpit_controller(self) -> Cockpits: ...

    @property
    def alert_controller(self) -> Alerts: ...

    @property
    def settings_controller(self) -> SettingsFlow: ...

    @property
    def identity(self) -> Naming: ...  # app/identity.Identity

    @property
    def language(self) -> str: ...

    @property
    def message_language(self) -> str: ...

    @property
    def zone(self) -> tzinfo | None: ...

    @property
    def actor(self) -> str: ...

    # the workspace: None until the database is open
    @property
    def incidents(self) -> IncidentService | None: ...

    @property
    def alert_actions(self) -> AlertActions | None: ...

    @property
    def outbox(self) -> OutboxService | None: ...

    @property
    def router(self) -> UpdateRouter | None: ...

    @property
    def postmortems(self) -> Postmortems | None: ...

    @property
    def handoffs(self) -> Handoffs | None: ...

    @property
    def cockpits(self) -> dict[int, CockpitWindow]: ...

    def raise_window(self, window: QWidget) -> None: ...

    def notification_body(self, text: str) -> str: ...

    def update_tray(self, now: datetime) -> None: ...

    def open_cockpit(self, incident_id: int, then: Callable[[], None] | None = None) -> None: ...

    def refresh_actor(self) -> None: ...

    def quit(self) -> None: ...


class DrillContext(Protocol):
    """What drill mode needs of the running app (app/container.AppContext)."""

    @property
    def controller(self) -> Console: ...

    @property
    def clock(self) -> Clock: ...

    @property
    def incidents(self) -> IncidentService | None: ...

    @property
    def window(self) -> MainWindow: ...

    @property
    def root(self) -> QObject: ...


class CommandContext(Protocol):
    """What the terminal commands need of the running app (app/container.AppContext)."""

    @property
    def controller(self) -> Console: ...

    @property
    def window(self) -> MainWindow: ...

    def open_postmortem(self, incident_id: int) -> None: ...

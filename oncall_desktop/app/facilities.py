"""What a room of the console (cockpits, alerts, deadlines, tray, settings, post-mortems,
handoffs, history, terminal commands, drill) may use of it: a typed face of app/console.

The rooms are built by app/console.py and app/container.py and receive this; they never import
either (an import-linter contract keeps it so), so the app's rooms stand beside each other
instead of in a circle.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, tzinfo
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from oncall_desktop.config.schema import Settings
    from oncall_desktop.core.clock import Clock
    from oncall_desktop.core.deadlines import UpdateDue
    from oncall_desktop.core.incident import Incident
    from oncall_desktop.core.policy import Audience, Policy
    from oncall_desktop.integrations.secrets import SecretStore
    from oncall_desktop.services.alert_actions import AlertActions
    from oncall_desktop.services.alert_sources import AlertPoller
    from oncall_desktop.services.incidents import IncidentService
    from oncall_desktop.services.outbox import OutboxService
    from oncall_desktop.services.routing import UpdateRouter
    from oncall_desktop.services.tasks import TaskRunner
    from oncall_desktop.ui.notifier import Notifier
    from oncall_desktop.ui.tray import Tray
    from oncall_desktop.ui.windows.main_window import MainWindow


class Console(Protocol):
    """The console as its rooms see it (app/console.AppController is the one there is)."""

    app: Any
    policy: Policy
    clock: Clock
    runner: TaskRunner
    secrets: SecretStore
    settings: Settings  # replaced whole when the user saves new settings
    settings_store: Any
    connections: Any
    poller: AlertPoller
    notifier: Notifier  # replaced when desktop notifications turn out to be available
    window: MainWindow
    tray: Tray | None
    cockpit_controller: Any
    alert_controller: Any
    presence: Any  # services.presence.PresenceService in team mode, else None

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
    def postmortems(self) -> Any | None: ...

    @property
    def handoffs(self) -> Any | None: ...

    @property
    def history(self) -> Any | None: ...

    @property
    def cockpits(self) -> dict[int, Any]: ...

    def raise_window(self, window: Any) -> None: ...

    def notification_body(self, text: str) -> str: ...

    def update_tray(self, now: datetime) -> None: ...

    def open_cockpit(self, incident_id: int, then: Callable[[], None] | None = None) -> None: ...

    def dues(self, incident: Incident) -> dict[Audience, UpdateDue]: ...

    def quit(self) -> None: ...


class DrillContext(Protocol):
    """What drill mode needs of the running app."""

    controller: Console
    clock: Clock
    incidents: IncidentService | None
    window: MainWindow
    root: Any


class CommandContext(Protocol):
    """What the terminal commands need of the running app."""

    controller: Console
    window: MainWindow
    open_postmortem: Callable[[int], None]

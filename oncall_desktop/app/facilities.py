"""What a feature controller of the console (post-mortems, handoffs, history, terminal
commands) may use of it: a narrow, typed face of the composition root.

The feature controllers are built by app/container.py and receive this; they never import the
container (an import-linter contract keeps it so), so the app's rooms stand above each other
instead of in a circle.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, tzinfo
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from oncall_desktop.core.clock import Clock
    from oncall_desktop.core.clocks import UpdateDue
    from oncall_desktop.core.incident import Incident
    from oncall_desktop.core.policy import Audience, Policy
    from oncall_desktop.services.incidents import IncidentService
    from oncall_desktop.services.poller import AlertPoller
    from oncall_desktop.services.routing import UpdateRouter
    from oncall_desktop.services.tasks import TaskRunner
    from oncall_desktop.ui.notifier import Notifier
    from oncall_desktop.ui.windows.main_window import MainWindow


class Console(Protocol):
    """The console as its feature controllers see it."""

    policy: Policy
    clock: Clock
    runner: TaskRunner
    poller: AlertPoller
    notifier: Notifier
    window: MainWindow
    incidents: IncidentService | None
    router: UpdateRouter | None

    @property
    def language(self) -> str: ...

    @property
    def message_language(self) -> str: ...

    @property
    def zone(self) -> tzinfo | None: ...

    @property
    def actor(self) -> str: ...

    def raise_window(self, window: Any) -> None: ...

    def notification_body(self, text: str) -> str: ...

    def update_tray(self, now: datetime) -> None: ...

    def open_cockpit(self, incident_id: int) -> None: ...

    def dues(self, incident: Incident) -> dict[Audience, UpdateDue]: ...


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

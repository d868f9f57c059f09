"""What the two parts of the app that are handed the running app itself may use of it: the
terminal commands (answered from the start, before the database is open) and drill mode. Both
are app/container.AppContext; they never import it (an import-linter contract keeps it so).

Every other room is built with the few collaborators it uses (app/container.py, connected by
app/wiring.py); the small ones several share are in app/collaborators.py.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from PySide6.QtCore import QObject

    from oncall_desktop.app.collaborators import Dues, Preferences
    from oncall_desktop.core.clock import Clock
    from oncall_desktop.core.policy import Policy
    from oncall_desktop.services.alert_actions import AlertActions
    from oncall_desktop.services.alert_sources import AlertPoller
    from oncall_desktop.services.incidents import IncidentService
    from oncall_desktop.services.outbox import OutboxService
    from oncall_desktop.ui.windows.main_window import MainWindow


class DrillContext(Protocol):
    """What drill mode needs of the running app (app/container.AppContext)."""

    @property
    def root(self) -> QObject: ...

    @property
    def window(self) -> MainWindow: ...

    @property
    def clock(self) -> Clock: ...

    @property
    def policy(self) -> Policy: ...

    @property
    def preferences(self) -> Preferences: ...

    @property
    def incidents(self) -> IncidentService | None: ...  # None until the database is open


class CommandContext(Protocol):
    """What the terminal commands need of the running app (app/container.AppContext): they
    are answered from the start, so they ask whether the database is open yet."""

    @property
    def window(self) -> MainWindow: ...

    @property
    def poller(self) -> AlertPoller: ...

    @property
    def clock(self) -> Clock: ...

    @property
    def policy(self) -> Policy: ...

    @property
    def preferences(self) -> Preferences: ...

    @property
    def dues(self) -> Dues: ...

    @property
    def incidents(self) -> IncidentService | None: ...  # None until the database is open

    @property
    def alert_actions(self) -> AlertActions | None: ...

    @property
    def outbox(self) -> OutboxService | None: ...  # None until the database is open

    def open_postmortem(self, incident_id: int) -> None: ...

"""The history window and the KPI dashboard.

Built when the database opens, with its service, the preferences (zone, language) and the
procedure. What it asks of others it says by signal (the composition root connects them).

Signals:
    incident_requested(int): a row of the history asks for its incident's cockpit.
    postmortem_requested(int): a row asks for its incident's post-mortem.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from oncall_desktop.app.collaborators import Preferences, raise_window
from oncall_desktop.core.policy import Policy
from oncall_desktop.services.history import HistoryService

if TYPE_CHECKING:
    from oncall_desktop.ui.windows.history_window import HistoryWindow
    from oncall_desktop.ui.windows.kpi_window import KpiWindow


class HistoryController(QObject):
    incident_requested = Signal(int)
    postmortem_requested = Signal(int)

    def __init__(
        self,
        service: HistoryService,
        preferences: Preferences,
        policy: Policy,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.service = service
        self.preferences = preferences
        self.policy = policy
        self.history_window: HistoryWindow | None = None
        self.kpi_window: KpiWindow | None = None

    def show_history(self) -> None:
        from oncall_desktop.ui.windows.history_window import HistoryWindow

        if self.history_window is None:
            window = HistoryWindow(self.service, self.preferences.zone, self.preferences.language)
            window.incident_requested.connect(self.incident_requested)
            window.postmortem_requested.connect(self.postmortem_requested)
            window.kpis_requested.connect(self.show_kpis)
            self.history_window = window
        else:
            self.history_window.model.reload()  # new incidents since last time
        raise_window(self.history_window)

    def show_kpis(self) -> None:
        from oncall_desktop.ui.windows.kpi_window import KpiWindow

        if self.kpi_window is None:
            self.kpi_window = KpiWindow(self.service, self.policy, self.preferences.zone)
        else:
            self.kpi_window.refresh()
        raise_window(self.kpi_window)

    def close_windows(self) -> None:
        for window in (self.history_window, self.kpi_window):
            if window is not None:
                window.close()
                window.deleteLater()
        self.history_window = self.kpi_window = None

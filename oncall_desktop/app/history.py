"""Wires the history window and the KPI dashboard into the app."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from oncall_desktop.services.history import HistoryService

if TYPE_CHECKING:
    from oncall_desktop.app.facilities import Console
    from oncall_desktop.ui.windows.history_window import HistoryWindow
    from oncall_desktop.ui.windows.kpi_window import KpiWindow


class HistoryController(QObject):
    def __init__(self, controller: Console, service: HistoryService) -> None:
        # owned by the console, a QObject (a stand-in that is not one leaves it unowned)
        super().__init__(controller if isinstance(controller, QObject) else None)
        self.controller = controller
        self.service = service
        self.history_window: HistoryWindow | None = None
        self.kpi_window: KpiWindow | None = None
        service.problem.connect(
            lambda text: controller.window.show_message("history", text, "error")
        )
        controller.window.history_requested.connect(self.show_history)
        controller.window.history_action.setEnabled(True)

    def show_history(self) -> None:
        from oncall_desktop.ui.windows.history_window import HistoryWindow

        if self.history_window is None:
            window = HistoryWindow(self.service, self.controller.zone, self.controller.language)
            window.incident_requested.connect(self.controller.open_cockpit)
            window.postmortem_requested.connect(self._open_postmortem)
            window.kpis_requested.connect(self.show_kpis)
            self.history_window = window
        else:
            self.history_window.model.reload()  # new incidents since last time
        self.controller.raise_window(self.history_window)

    def show_kpis(self) -> None:
        from oncall_desktop.ui.windows.kpi_window import KpiWindow

        if self.kpi_window is None:
            self.kpi_window = KpiWindow(self.service, self.controller.policy, self.controller.zone)
        else:
            self.kpi_window.refresh()
        self.controller.raise_window(self.kpi_window)

    def _open_postmortem(self, incident_id: int) -> None:
        if self.controller.postmortems is not None:
            self.controller.postmortems.open(incident_id)

    def close_windows(self) -> None:
        for window in (self.history_window, self.kpi_window):
            if window is not None:
                window.close()
                window.deleteLater()
        self.history_window = self.kpi_window = None

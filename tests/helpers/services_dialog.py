"""The status page's services dialog (ui/windows/status_page_services_dialog.py), answered
the way the engineer would whenever it comes up: it is modal, and an incident's first
status-page update asks it (issue 24)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from oncall_desktop.ui.windows.status_page_services_dialog import StatusPageServicesDialog


class ServicesDialogs:
    """Answers the dialog whenever it comes up: the first time with ``first`` (by default,
    Post with every service ticked), any later time by cancelling; ``seen`` records each
    time (the services listed, and whether each was ticked)."""

    def __init__(self, first: Callable[[StatusPageServicesDialog], None] | None = None) -> None:
        self.first = first or (lambda dialog: dialog.accept())
        self.seen: list[list[tuple[str, bool]]] = []
        self.timer = QTimer()
        self.timer.setInterval(20)
        self.timer.timeout.connect(self._look)
        self.timer.start()

    def _look(self) -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, StatusPageServicesDialog):
            return
        items = [dialog.services.item(r) for r in range(dialog.services.count())]
        self.seen.append([(i.text(), i.checkState() == Qt.CheckState.Checked) for i in items])
        if len(self.seen) == 1:
            self.first(dialog)
        else:
            dialog.reject()

    def stop(self) -> None:
        self.timer.stop()

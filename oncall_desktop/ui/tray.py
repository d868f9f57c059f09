"""The system-tray icon and its menu."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QMenu, QSystemTrayIcon

from oncall_desktop.ui.icons import TrayState, state_icon


class Tray(QObject):
    """Signals:
    open_requested(): show the main window.
    declare_requested(): declare an incident.
    quit_requested(): quit the app.
    """

    open_requested = Signal()
    declare_requested = Signal()
    quit_requested = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.state = TrayState.IDLE
        self.icon = QSystemTrayIcon(state_icon(self.state), self)
        self.menu = QMenu()
        self.menu.addAction(self.tr("Open On-call Desktop"), self.open_requested)
        self.menu.addAction(self.tr("Declare incident…"), self.declare_requested)
        self.menu.addSeparator()
        self.menu.addAction(self.tr("Quit"), self.quit_requested)
        self.icon.setContextMenu(self.menu)
        self.icon.activated.connect(self._on_icon_activated)
        self.icon.setToolTip(self.tr("On-call Desktop"))

    @staticmethod
    def available() -> bool:
        return QSystemTrayIcon.isSystemTrayAvailable()

    def show(self) -> None:
        self.icon.show()

    def hide(self) -> None:
        self.icon.hide()

    def set_state(self, state: TrayState, tooltip: str) -> None:
        if state is not self.state:
            self.state = state
            self.icon.setIcon(state_icon(state))
        self.icon.setToolTip(tooltip)

    def notify(self, title: str, body: str, critical: bool = False) -> None:
        """Notification texts are plain: the notification servers and Qt's balloon do not
        interpret Qt rich text."""
        kind = (
            QSystemTrayIcon.MessageIcon.Critical
            if critical
            else QSystemTrayIcon.MessageIcon.Information
        )
        self.icon.showMessage(title, body, kind, 10_000)

    def _on_icon_activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason in (
            QSystemTrayIcon.ActivationReason.Trigger,
            QSystemTrayIcon.ActivationReason.DoubleClick,
        ):
            self.open_requested.emit()

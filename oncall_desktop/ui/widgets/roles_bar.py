"""The cockpit's team line (team mode): who else has the incident open, who holds each role
the SOP implies, and one click to take one."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QWidget

from oncall_desktop.core.incident import Incident, Role
from oncall_desktop.ui.text import fill
from oncall_desktop.ui.widgets.labels import plain_label

ROLE_LABELS = {
    Role.RESPONDER: QT_TRANSLATE_NOOP("RolesBar", "on-call responder"),
    Role.COMMUNICATION: QT_TRANSLATE_NOOP("RolesBar", "communication"),
    Role.ESCALATION: QT_TRANSLATE_NOOP("RolesBar", "escalation"),
}


class RolesBar(QWidget):
    """Signal: take_requested(str) the Role value this console's person takes."""

    take_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.present = plain_label("", self)
        self.holders = plain_label("", self)
        self.take_buttons: dict[Role, QPushButton] = {}
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.present)
        layout.addWidget(self.holders, 1)
        for role, label in ROLE_LABELS.items():
            button = QPushButton(fill(self.tr("Take: %1"), self.tr(label)), self)
            button.setToolTip(self.tr("You hold this role from now on; the timeline says so"))
            button.clicked.connect(lambda _=False, r=role: self.take_requested.emit(r.value))
            self.take_buttons[role] = button
            layout.addWidget(button)
        self.setVisible(False)  # team mode only: shown once someone else is there

    def show_for(self, incident: Incident, me: str, others: list[str]) -> None:
        roles = incident.roles
        self.present.setText(
            fill(self.tr("Also here: %1"), ", ".join(others)) if others else self.tr("Only you")
        )
        parts = [  # "%1: %2" is "%1 : %2" in French
            fill(self.tr("%1: %2"), self.tr(label), roles.get(role, "—"))
            for role, label in ROLE_LABELS.items()
        ]
        self.holders.setText(" · ".join(parts))
        for role, button in self.take_buttons.items():
            button.setEnabled(incident.is_active and roles.get(role) != me)
        self.setVisible(bool(others) or bool(roles))

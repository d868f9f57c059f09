"""The cockpit's team line (team mode): who else has the incident open, who holds each role
the SOP implies, one click to take one, and, while the team database is away, what happens to
changes made meanwhile."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from oncall_desktop.core.incident import Incident, Role
from oncall_desktop.ui.text import QT_TRANSLATE_NOOP, fill
from oncall_desktop.ui.widgets.labels import plain_label

WARN = "color: #8d6e00"

ROLE_LABELS = {
    Role.RESPONDER: QT_TRANSLATE_NOOP("RolesBar", "on-call responder"),
    Role.COMMUNICATION: QT_TRANSLATE_NOOP("RolesBar", "communication"),
    Role.ESCALATION: QT_TRANSLATE_NOOP("RolesBar", "escalation"),
}


class RolesBar(QWidget):
    """Signal: take_requested(str) the Role value this console's person takes."""

    take_requested = Signal(str)

    def __init__(self, me: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._me = me
        self._incident: Incident | None = None
        self._others: list[str] | None = []  # None: unknown (the team database is away)
        self.away = plain_label("", self)  # what happens to changes while the database is away
        self.away.setStyleSheet(WARN)
        self.away.setVisible(False)
        self.present = plain_label("", self)
        self.holders = plain_label("", self)
        self.take_buttons: dict[Role, QPushButton] = {}
        # who is here and who holds what on one line, the buttons to take a role below: side
        # by side they pushed the cockpit past a laptop's screen in French
        line = QHBoxLayout()
        line.setContentsMargins(0, 0, 0, 0)
        line.addWidget(self.present, 1)
        line.addWidget(self.holders, 2)
        take = QHBoxLayout()
        take.setContentsMargins(0, 0, 0, 0)
        for role, label in ROLE_LABELS.items():
            button = QPushButton(fill(self.tr("Take: %1"), self.tr(label)), self)
            button.setToolTip(self.tr("You hold this role from now on; the timeline says so"))
            button.clicked.connect(lambda _=False, r=role: self.take_requested.emit(r.value))
            self.take_buttons[role] = button
            take.addWidget(button)
        take.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.away)
        layout.addLayout(line)
        layout.addLayout(take)
        self.setVisible(False)  # team mode only: shown once someone else is there

    def set_others(self, others: list[str] | None) -> None:
        """Who else has the incident open (``None``: not known, the database is away)."""
        if others != self._others:
            self._others = None if others is None else list(others)
            self._show()

    def set_database_away(self, text: str) -> None:
        """The team database is not answering: ``text`` says what happens to changes ("" once
        it is back)."""
        self.away.setText(text)
        self.away.setVisible(bool(text))
        self._show()

    def show_for(self, incident: Incident) -> None:
        self._incident = incident
        self._show()

    def _show(self) -> None:
        incident, others = self._incident, self._others
        if incident is None:
            return
        roles = incident.roles
        if others is None:
            self.present.setText(self.tr("Who else is here: unknown while the database is away"))
        else:
            self.present.setText(
                fill(self.tr("Also here: %1"), ", ".join(others)) if others else self.tr("Only you")
            )
        parts = [  # "%1: %2" is "%1 : %2" in French
            fill(self.tr("%1: %2"), self.tr(label), roles.get(role, "—"))
            for role, label in ROLE_LABELS.items()
        ]
        self.holders.setText(" · ".join(parts))
        for role, button in self.take_buttons.items():
            button.setEnabled(incident.is_active and roles.get(role) != self._me)
        self.setVisible(others is None or bool(others) or bool(roles) or self.away.isVisible())

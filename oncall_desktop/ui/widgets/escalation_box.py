"""The cockpit's escalation: the contacts the SOP names for the incident's severity while its
escalation is due, a tick for each one reached, "Ask in PagerDuty" where the procedure names
their PagerDuty user or policy and the incident's page comes from a source that takes responder
requests (named by its registration: core.capabilities), and PagerDuty's answer beside them.
Once resolved, only who was reached (no "escalate now" for a closed matter)."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QGroupBox, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from oncall_desktop.core.capabilities import Capability, can, source_name
from oncall_desktop.core.deadlines import escalation_due_at, escalation_needed
from oncall_desktop.core.incident import Incident
from oncall_desktop.core.policy import EscalationMode, Policy
from oncall_desktop.ui.text import QT_TRANSLATE_NOOP, fill, literal
from oncall_desktop.ui.widgets.labels import plain_label

# PagerDuty's answer to a responder request, beside the contact asked
RESPONDER_STATES = {
    "pending": QT_TRANSLATE_NOOP("EscalationBox", "asked in PagerDuty, no answer yet"),
    "joined": QT_TRANSLATE_NOOP("EscalationBox", "joined ✅"),
    "declined": QT_TRANSLATE_NOOP("EscalationBox", "declined: reach them another way"),
    "user_cancelled": QT_TRANSLATE_NOOP("EscalationBox", "request cancelled"),
}


class EscalationBox(QGroupBox):
    """Signals: contact_reached(str) a contact ticked as reached; ask_requested(str) a
    responder request for this contact."""

    contact_reached = Signal(str)
    ask_requested = Signal(str)

    def __init__(self, policy: Policy, language: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Escalation"))
        self._policy, self._language = policy, language
        layout = QVBoxLayout(self)
        self.hint = plain_label("", self)
        layout.addWidget(self.hint)
        self.contact_boxes: dict[str, QCheckBox] = {}
        self.contact_requests: dict[str, QPushButton] = {}  # one click: ask the page's source
        # "BANGE Support — if a webhook issue": how to reach them, and the SOP's condition
        self._labels = {
            c.name: " — ".join(
                part
                for part in (
                    c.name,
                    c.contact.get(language),
                    c.when.get(language) if c.when is not None else "",
                )
                if part
            )
            for c in policy.escalation_contacts
        }
        # the PagerDuty user or escalation policy each contact names: its answer is keyed by
        # that id (Page.responders), whichever kind it is
        self._targets = {
            c.name: c.pagerduty[1] for c in policy.escalation_contacts if c.pagerduty is not None
        }
        self._responder_states: dict[str, str] = {}  # PagerDuty user or policy id -> answer
        for contact in policy.escalation_contacts:
            box = QCheckBox(literal(self._labels[contact.name]), self)
            box.toggled.connect(
                lambda checked, name=contact.name: self._on_contact_toggled(name, checked)
            )
            self.contact_boxes[contact.name] = box
            row = QHBoxLayout()
            row.addWidget(box, 1)
            if contact.pagerduty is not None:
                ask = QPushButton(self)
                ask.setToolTip(
                    self.tr(
                        "Sends a responder request on the incident's page, with the SOP's message"
                    )
                )
                ask.clicked.connect(
                    lambda _=False, name=contact.name: self.ask_requested.emit(name)
                )
                self.contact_requests[contact.name] = ask
                row.addWidget(ask)
            layout.addLayout(row)

    def _on_contact_toggled(self, name: str, checked: bool) -> None:
        if checked:
            self.contact_reached.emit(name)

    def set_responder_states(self, states: dict[str, str]) -> bool:
        """PagerDuty's answers (user or escalation policy id -> state); True when they
        changed."""
        if states == self._responder_states:
            return False
        self._responder_states = dict(states)
        return True

    def show_for(self, incident: Incident, now: datetime) -> None:
        policy, language = self._policy, self._language
        sev = policy.severity(incident.severity)
        due = escalation_due_at(incident, policy)
        notified = incident.notified_contacts
        wanted = {c.name for c in policy.contacts_for(incident.severity)}
        needed = escalation_needed(incident, policy, now)
        visible = (
            needed or bool(notified) or (incident.is_active and due is not None and now >= due)
        )
        self.setVisible(visible)
        if not visible:
            return
        # a responder request goes to the page's source, when that source takes them: not
        # offered otherwise
        source = incident.alert.source if incident.alert is not None else None
        asks_there = can(source, Capability.REQUEST_RESPONDERS)
        for name, ask in self.contact_requests.items():
            ask.setText(self.tr("Ask in %1").replace("%1", source_name(source)))
            ask.setVisible(asks_there and (needed and name in wanted) and name not in notified)
            ask.setEnabled(asks_there and incident.is_active)
        for name, box in self.contact_boxes.items():
            state = self._responder_states.get(self._targets.get(name, ""), "")
            answer = self.tr(RESPONDER_STATES[state]) if state in RESPONDER_STATES else ""
            box.setText(literal(self._labels[name] + (f" · {answer}" if answer else "")))
            box.setVisible((needed and name in wanted) or name in notified)
            box.blockSignals(True)
            box.setChecked(name in notified)
            box.setEnabled(name not in notified and incident.is_active)
            box.blockSignals(False)
        if not needed:
            self.hint.setText(self.tr("Escalation contacts reached:"))
            return
        required = [c.name for c in policy.required_contacts(incident.severity)]
        if required and all(name in notified for name in required):
            # done: "Escalated: CTO, GCP Support, Team Dev. BANGE Support only if a webhook
            # issue." (the Next line moved on; "escalate now" would say it was still owed)
            hint = fill(self.tr("Escalated: %1."), ", ".join(required))
            for contact in policy.contacts_for(incident.severity):
                if contact.when is not None and contact.name not in notified:
                    hint += " " + fill(
                        self.tr("%1 only %2."), contact.name, contact.when.get(language)
                    )
            self.hint.setText(hint)
            return
        if sev.escalation is EscalationMode.IMMEDIATE:
            hint = self.tr("%1: escalate now to %2.")
        else:
            hint = self.tr("%1 unresolved after the SOP's limit: escalate to %2.")
        self.hint.setText(fill(hint, incident.severity.value, sev.escalation_targets.get(language)))

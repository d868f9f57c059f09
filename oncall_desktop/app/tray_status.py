"""The tray icon's state and tooltip, and its menu of incidents and reminders, from the
console's state once a second. The counting is core.traysummary.summarize (pure, tested
alone); this turns it into words."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from oncall_desktop import APP_DISPLAY_NAME
from oncall_desktop.core.deadlines import open_deadlines
from oncall_desktop.core.incident import Incident
from oncall_desktop.core.policy import Audience
from oncall_desktop.core.traysummary import TrayLevel, summarize
from oncall_desktop.services.poller import PollState
from oncall_desktop.services.poller import describe as describe_poll
from oncall_desktop.ui.icons import TrayState
from oncall_desktop.ui.text import countdown

if TYPE_CHECKING:
    from oncall_desktop.app.facilities import Console

TRAY_STATES = {
    TrayLevel.UPDATE_OVERDUE: TrayState.UPDATE_OVERDUE,
    TrayLevel.OFFLINE: TrayState.OFFLINE,
    TrayLevel.INCIDENT_OPEN: TrayState.INCIDENT_OPEN,
    TrayLevel.IDLE: TrayState.IDLE,
}

OFFLINE_STATES = (
    PollState.OFFLINE,
    PollState.TOKEN_REJECTED,
    PollState.FAILED,
    PollState.NO_KEYRING,
    PollState.RATE_LIMITED,
)


class TrayStatus(QObject):
    def __init__(self, console: Console, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.console = console

    def update(self, now: datetime) -> None:
        if self.console.tray is None:
            return
        active = self.console.incidents.active if self.console.incidents is not None else []
        postmortems = (
            self.console.postmortems.reminder_entries(now) if self.console.postmortems else []
        )
        handoffs = (
            self.console.handoffs.reminder_entries() if self.console.handoffs is not None else []
        )
        linked = {i.alert.key for i in active if i.alert}
        summary = summarize(
            active,
            self.console.dues,
            sum(1 for p in self.console.poller.pages if p.is_triggered),
            any(s.state in OFFLINE_STATES for s in self.console.poller.statuses),
            len(postmortems),
            len(handoffs),
            now,
            sum(1 for p in self.console.poller.pages if not p.is_triggered and p.key not in linked),
        )
        parts = []
        if summary.overdue_incidents:
            parts.append(self.tr("%n update(s) overdue", "", summary.overdue_incidents))
        if summary.pages_to_acknowledge:
            parts.append(self.tr("%n page(s) to acknowledge", "", summary.pages_to_acknowledge))
        if summary.open_incidents:
            parts.append(self.tr("%n open incident(s)", "", summary.open_incidents))
        if summary.pages_acknowledged_unopened:
            parts.append(
                self.tr(
                    "%n acknowledged page(s) not opened", "", summary.pages_acknowledged_unopened
                )
            )
        if summary.postmortems_overdue:
            parts.append(self.tr("%n post-mortem(s) overdue", "", summary.postmortems_overdue))
        if summary.handoffs_pending:
            parts.append(self.tr("handoff pending"))
        if summary.quiet:
            parts.append(self.tr("No open incident"))
        parts.extend(describe_poll(status, now) for status in self.console.poller.statuses)
        if (
            self.console.alert_controller.snoozed_until
            and now < self.console.alert_controller.snoozed_until
        ):
            parts.append(self.tr("low-urgency alerts snoozed"))
        self.console.tray.set_state(
            TRAY_STATES[summary.level], f"{APP_DISPLAY_NAME} — " + " · ".join(parts)
        )
        self.console.tray.set_incidents([(i.id or -1, self._most_urgent(i, now)) for i in active])
        self.console.tray.set_reminders(postmortems + handoffs)

    def _most_urgent(self, incident: Incident, now: datetime) -> str:
        deadlines = open_deadlines(incident, self.console.policy, self.console.dues(incident))
        head = f"{incident.severity.value} {incident.title}"
        if not deadlines:
            return head
        first = deadlines[0]
        names = {"acknowledge": self.tr("ack"), "resolve": self.tr("resolve")}
        label = names.get(first.label) or self.console.policy.cadence[
            Audience(first.label)
        ].name.get(self.console.language)
        return f"{head} — {label} {countdown(first.remaining(now))}"

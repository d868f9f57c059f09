"""The tray icon's state and tooltip, and its menu of incidents and reminders, once a second.
The counting is core.traysummary.summarize (pure, tested alone); this turns it into words.

Built with the tray (only where there is one), the alert sources' poller, the procedure, the
preferences and the update cadence. What the other rooms know reaches it by signal, connected
by the composition root: the open incidents (``set_incidents``), the snooze (``set_snoozed``),
the post-mortem and handoff reminders (``set_postmortem_reminders``,
``set_handoff_reminders``), the updates their audience's own destination refused
(``set_refused_updates``, from the deadline alerts)."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QObject

from oncall_desktop import APP_DISPLAY_NAME
from oncall_desktop.app.collaborators import Dues, Preferences
from oncall_desktop.core.deadlines import open_deadlines
from oncall_desktop.core.destinations import destination
from oncall_desktop.core.incident import Incident
from oncall_desktop.core.policy import Audience, Policy
from oncall_desktop.core.traysummary import TrayLevel, summarize
from oncall_desktop.services.alert_sources import AlertPoller
from oncall_desktop.services.poller import PollState
from oncall_desktop.services.poller import describe as describe_poll
from oncall_desktop.ui.icons import TrayState
from oncall_desktop.ui.text import countdown, fill
from oncall_desktop.ui.tray import Tray, incident_entry

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
    def __init__(
        self,
        tray: Tray,
        poller: AlertPoller,
        policy: Policy,
        preferences: Preferences,
        dues: Dues,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.tray = tray
        self.poller = poller
        self.policy = policy
        self.preferences = preferences
        self.dues = dues
        self.incidents: list[Incident] = []  # the open ones, as the incident list last said
        self.snoozed_until: datetime | None = None
        self.postmortem_reminders: list[tuple[str, str]] = []  # (notification key, text)
        self.handoff_reminders: list[tuple[str, str]] = []
        self.not_acknowledged: frozenset[str] = frozenset()  # pages whose acknowledge failed
        # by incident id: (audience value, destination id) whose update that destination refused
        self.refused_updates: dict[int, list[tuple[str, str]]] = {}

    def set_incidents(self, incidents: list[Incident]) -> None:
        self.incidents = incidents
        # a page opened here is reached through its incident's entry, as the tooltip counts it
        self.tray.set_opened_pages({i.alert.key for i in incidents if i.alert})

    def set_snoozed(self, until: datetime | None) -> None:
        self.snoozed_until = until

    def set_not_acknowledged(self, keys: frozenset[str]) -> None:
        """The pages whose acknowledge from here failed (they keep escalating)."""
        self.not_acknowledged = frozenset(keys)

    def set_refused_updates(self, refused: dict[int, list[tuple[str, str]]]) -> None:
        """The updates refused for good by their audience's own destination, by incident id
        (DeadlineAlerts.refused_changed): said like an overdue update until they go."""
        self.refused_updates = {k: list(v) for k, v in refused.items()}

    def set_postmortem_reminders(self, entries: list[tuple[str, str]]) -> None:
        self.postmortem_reminders = entries

    def set_handoff_reminders(self, entries: list[tuple[str, str]]) -> None:
        self.handoff_reminders = entries

    def update(self, now: datetime) -> None:
        active = self.incidents
        postmortems, handoffs = self.postmortem_reminders, self.handoff_reminders
        linked = {i.alert.key for i in active if i.alert}
        pages = self.poller.pages
        summary = summarize(
            active,
            self.dues,
            sum(1 for p in pages if p.is_triggered),
            any(s.state in OFFLINE_STATES for s in self.poller.statuses),
            len(postmortems),
            len(handoffs),
            now,
            sum(1 for p in pages if not p.is_triggered and p.key not in linked),
        )
        parts: list[str] = []
        # an update its audience's own destination refused: not sent, whatever its clock says
        not_sent = self._refusals(active)
        parts.extend(dict.fromkeys(not_sent))  # each said once
        # an acknowledge that failed, the page still triggered: first, and the tray turns red
        refused = sum(1 for p in pages if p.is_triggered and p.key in self.not_acknowledged)
        if refused:
            parts.append(self.tr("%n page(s) NOT acknowledged: still escalating", "", refused))
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
        parts.extend(describe_poll(status, now) for status in self.poller.statuses)
        if self.snoozed_until is not None and now < self.snoozed_until:
            parts.append(self.tr("low-urgency alerts snoozed"))
        red = refused or not_sent
        state = TrayState.UPDATE_OVERDUE if red else TRAY_STATES[summary.level]
        self.tray.set_state(state, f"{APP_DISPLAY_NAME} — " + " · ".join(parts))
        # the most urgent first: an overdue update (-13:37) above a deadline in 4:43
        ordered = sorted(active, key=lambda i: self._time_left(i, now))
        self.tray.set_incidents([(i.id or -1, self._most_urgent(i, now)) for i in ordered])
        self.tray.set_reminders(postmortems + handoffs)

    def _refusals(self, active: list[Incident]) -> list[str]:
        """What is said of each open incident's refused update."""
        language = self.preferences.language
        said: list[str] = []
        for incident in active:
            for audience, target in self.refused_updates.get(incident.id or -1, []):
                refuser = destination(target).name.get(language)
                text = fill(
                    self.tr("%1 update NOT sent: %2 refused it"), self._name(audience), refuser
                )
                said.append(text)
        return said

    def _name(self, audience: str) -> str:
        """An audience's name in the UI's language (its value if the procedure has none)."""
        cadence = next((c for a, c in self.policy.cadence.items() if a.value == audience), None)
        return cadence.name.get(self.preferences.language) if cadence else audience

    def _time_left(self, incident: Incident, now: datetime) -> float:
        """Seconds to its most urgent deadline (negative: late); none: last; an update
        refused: first."""
        if self.refused_updates.get(incident.id or -1):
            return float("-inf")
        deadlines = open_deadlines(incident, self.policy, self.dues(incident))
        return deadlines[0].remaining(now).total_seconds() if deadlines else float("inf")

    def _most_urgent(self, incident: Incident, now: datetime) -> str:
        refused = self.refused_updates.get(incident.id or -1)
        if refused:  # not sent: its countdown would say all is well
            due = fill(self.tr("%1 NOT sent"), self._name(refused[0][0]))
            return incident_entry(incident.severity.value, incident.title, due)
        deadlines = open_deadlines(incident, self.policy, self.dues(incident))
        if not deadlines:
            return incident_entry(incident.severity.value, incident.title)
        first = deadlines[0]
        names = {"acknowledge": self.tr("ack"), "resolve": self.tr("resolve")}
        label = names.get(first.label) or self.policy.cadence[Audience(first.label)].name.get(
            self.preferences.language
        )
        due = f"{label} {countdown(first.remaining(now))}"
        return incident_entry(incident.severity.value, incident.title, due)  # the title shortened

"""Deadlines said before and when they pass: a warning a few minutes before each breach with
the action that meets it, one notification when an update becomes overdue, one when a timed
escalation falls due, one when an audience's own destination refused its update. Each is said
once (not every tick). Built when the database opens, with the incidents, the procedure, the
preferences, the notifications and the update cadence; the composition root calls ``on_tick``
each second and ``on_post_changed`` for each post the outbox stores."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from oncall_desktop.app.collaborators import (
    COMPOSE,
    COMPOSE_PREFIX,
    REFUSED_SUFFIX,
    Dues,
    Notifications,
    Preferences,
)
from oncall_desktop.core.deadlines import WarningKind, breach_warnings, escalation_due_at
from oncall_desktop.core.destinations import destination, serves
from oncall_desktop.core.outbox import Post, PostState
from oncall_desktop.core.policy import EscalationMode, Policy
from oncall_desktop.core.updates import updates_sent
from oncall_desktop.services.messages import shown
from oncall_desktop.ui.notifier import ACKNOWLEDGE, Notification
from oncall_desktop.ui.text import countdown, fill

if TYPE_CHECKING:
    from oncall_desktop.services.incidents import IncidentService


class DeadlineAlerts(QObject):
    """Signals:
    refused_changed(object): the updates refused on the desktop now, by incident id: a dict
        {incident id: [(audience value, refusing destination's id), ...]} (the tray says them;
        no database read on the GUI thread).
    """

    refused_changed = Signal(object)

    def __init__(
        self,
        incidents: IncidentService,
        policy: Policy,
        preferences: Preferences,
        notifications: Notifications,
        dues: Dues,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.incidents = incidents
        self.policy = policy
        self.preferences = preferences
        self.notifications = notifications
        self.dues = dues
        self._said: set[tuple[object, ...]] = set()  # (incident, what, when) already notified
        # refusals said on the desktop: (incident id, audience value) -> when the refused post
        # was made; withdrawn once the audience has its update (delivered, or marked sent)
        self._refusals: dict[tuple[int, str], datetime | None] = {}
        self._refused_by: dict[tuple[int, str], str] = {}  # the same, -> the destination's id

    def on_tick(self, now: datetime) -> None:
        self._withdraw_refusals_made_up()
        self._alert_before_breaches(now)
        self._alert_overdue_updates(now)
        self._alert_escalations(now)

    def _alert_before_breaches(self, now: datetime) -> None:
        """One warning a few minutes before each deadline (the lead time is procedure data),
        with the action that meets it: Acknowledge, or Compose… for an update owed."""
        for incident in self.incidents.active:
            for warning in breach_warnings(incident, self.policy, now):
                key = (incident.id or -1, *warning.key)
                if key in self._said:
                    continue
                self._said.add(key)
                left = countdown(warning.due_at - now)
                body = self.notifications.body(f"{incident.severity.value} · {incident.title}")
                if warning.kind is WarningKind.UPDATE and warning.audience is not None:
                    name = self.policy.cadence[warning.audience].name.get(self.preferences.language)
                    title = fill(self.tr("Update due in %1: %2"), left, name)
                    notification_key = f"{COMPOSE_PREFIX}{incident.id}:{warning.audience.value}"
                    actions: tuple[tuple[str, str], ...] = ((COMPOSE, self.tr("Compose…")),)
                elif warning.kind is WarningKind.ACKNOWLEDGE:
                    title = fill(self.tr("Acknowledge within %1"), left)
                    notification_key = f"incident:{incident.id}"
                    actions = ((ACKNOWLEDGE, self.tr("Acknowledge")),)
                elif warning.kind is WarningKind.RESOLVE:
                    title = fill(self.tr("Resolve SLA ends in %1"), left)
                    notification_key, actions = f"incident:{incident.id}", ()
                else:
                    sev = self.policy.severity(incident.severity)
                    title = fill(
                        self.tr("Escalate to %1 in %2 if still unresolved"),
                        sev.escalation_targets.get(self.preferences.language),
                        left,
                    )
                    notification_key, actions = f"incident:{incident.id}", ()
                self.notifications.notify(
                    Notification(
                        key=notification_key,
                        title=title,
                        body=body,
                        urgent=incident.severity.rank == 1,
                        actions=actions,
                        sound=self.preferences.settings.alert_sound,
                    )
                )

    def _alert_overdue_updates(self, now: datetime) -> None:
        """One notification each time an update becomes overdue (not every tick)."""
        for incident in self.incidents.active:
            for audience, due in self.dues(incident).items():
                key = (incident.id or -1, audience.value, due.due_at)
                if not due.overdue(now) or key in self._said:
                    continue
                self._said.add(key)
                name = self.policy.cadence[audience].name.get(self.preferences.language)
                self.notifications.notify(
                    Notification(
                        key=f"{COMPOSE_PREFIX}{incident.id}:{audience.value}",
                        title=self.tr("Update overdue: %1").replace("%1", name),
                        body=self.notifications.body(
                            f"{incident.severity.value} · {incident.title}"
                        ),
                        urgent=incident.severity.rank == 1,
                        actions=((COMPOSE, self.tr("Compose…")),),
                        sound=self.preferences.settings.alert_sound,
                    )
                )

    def on_post_changed(self, post: Post) -> None:
        """An update refused for good by its audience's own destination (Slack's
        channel_not_found for the team): the audience never got it, said once on the desktop
        as well as on its clock line in the cockpit (a click opens it: Edit and resend)."""
        if post.incident_id is None or not serves(str(post.target), post.audience):
            return  # a copy: the audience is where it was
        said_at = (post.incident_id, post.audience)
        if post.state is PostState.SENT and said_at in self._refusals:  # it has it now
            self._withdraw_refusal(*said_at)
        if post.state is not PostState.FAILED:
            return
        key = (post.incident_id, "refused", post.id, post.attempts)
        if key in self._said:
            return
        self._said.add(key)
        language = self.preferences.language
        audience = next((a for a in self.policy.cadence if a.value == post.audience), None)
        name = self.policy.cadence[audience].name.get(language) if audience else post.audience
        incident = next((i for i in self.incidents.active if i.id == post.incident_id), None)
        about = f"{incident.severity.value} · {incident.title}" if incident else ""
        what = fill(self.tr("%1 Edit and resend it from the cockpit."), shown(post.problem))
        self._refusals[said_at] = post.created_at
        self._refused_by[said_at] = str(post.target)
        self._say_refused()
        self.notifications.notify(
            Notification(  # one per incident and audience: a later refusal replaces it
                key=self._refusal_key(*said_at),
                title=fill(
                    self.tr("%1: update not sent, %2 refused it"),
                    name,
                    destination(str(post.target)).name.get(language),
                ),
                body=self.notifications.body(f"{about} — {what}" if about else what),
                urgent=True,
                sound=self.preferences.settings.alert_sound,
            )
        )

    @staticmethod
    def _refusal_key(incident_id: int, audience: str) -> str:
        """A click opens the cockpit, as the audience's other notifications; a key of its own,
        so a due-soon or overdue notice for the same audience does not replace it."""
        return f"{COMPOSE_PREFIX}{incident_id}:{audience}:{REFUSED_SUFFIX}"

    def _withdraw_refusal(self, incident_id: int, audience: str) -> None:
        del self._refusals[(incident_id, audience)]
        self._refused_by.pop((incident_id, audience), None)
        self.notifications.withdraw(self._refusal_key(incident_id, audience))
        self._say_refused()

    def _say_refused(self) -> None:
        refused: dict[int, list[tuple[str, str]]] = {}
        for (incident_id, audience), target in self._refused_by.items():
            refused.setdefault(incident_id, []).append((audience, target))
        self.refused_changed.emit(refused)

    def _withdraw_refusals_made_up(self) -> None:
        """A refusal is over once the audience had its update since (marked sent by hand, or
        delivered) or the incident is closed: its notification goes."""
        active = {i.id: i for i in self.incidents.active}
        for (incident_id, audience), since in list(self._refusals.items()):
            incident = active.get(incident_id)
            if incident is not None and not any(
                since is None or e.at >= since for e in updates_sent(incident, audience)
            ):
                continue
            self._withdraw_refusal(incident_id, audience)

    def _alert_escalations(self, now: datetime) -> None:
        """One notification when a timed escalation falls due (SEV-2 unresolved after 2 h);
        the cockpit then shows the contacts to reach. SEV-1's immediate escalation is part of
        the page's own alert."""
        for incident in self.incidents.active:
            sev = self.policy.severity(incident.severity)
            due = escalation_due_at(incident, self.policy)
            if sev.escalation is not EscalationMode.IF_UNRESOLVED or due is None:
                continue
            key = (incident.id or -1, "escalation", due)
            if now < due or key in self._said:
                continue
            self._said.add(key)
            self.notifications.notify(
                Notification(
                    key=f"incident:{incident.id}",
                    title=fill(
                        self.tr("%1 unresolved: escalate to %2"),
                        incident.severity.value,
                        sev.escalation_targets.get(self.preferences.language),
                    ),
                    body=self.notifications.body(f"{incident.severity.value} · {incident.title}"),
                    urgent=True,
                    sound=self.preferences.settings.alert_sound,
                )
            )

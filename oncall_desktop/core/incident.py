"""The incident aggregate: its lifecycle, its checklist and its timeline.

Every change goes through a method that checks the rule and appends a :class:`TimelineEvent`;
the timeline is the record the post-mortem and the KPIs are built from.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from types import MappingProxyType
from typing import Any

from oncall_desktop.core.clock import utc
from oncall_desktop.core.errors import DomainError, TransitionError
from oncall_desktop.core.messages import UserMessage, message_to_json
from oncall_desktop.core.paging import AlertLink
from oncall_desktop.core.policy import Audience, Severity

# A timeline note is a few lines; anything longer belongs in the post-mortem (a 5 MB note
# was stored and every window showing the timeline paid for it).
MAX_NOTE_LENGTH = 10_000


class Status(StrEnum):
    TRIGGERED = "triggered"
    ACKNOWLEDGED = "acknowledged"
    INVESTIGATING = "investigating"
    MITIGATING = "mitigating"
    RESOLVED = "resolved"
    CLOSED = "closed"

    @property
    def is_active(self) -> bool:
        return self not in (Status.RESOLVED, Status.CLOSED)


# Where each status may go. Forward moves may skip steps (PagerDuty can resolve a triggered
# incident); the only way back is between investigating and mitigating, and reopening a
# resolved incident, which resumes the investigation.
ALLOWED_TRANSITIONS: dict[Status, frozenset[Status]] = {
    Status.TRIGGERED: frozenset(
        {Status.ACKNOWLEDGED, Status.INVESTIGATING, Status.MITIGATING, Status.RESOLVED}
    ),
    Status.ACKNOWLEDGED: frozenset({Status.INVESTIGATING, Status.MITIGATING, Status.RESOLVED}),
    Status.INVESTIGATING: frozenset({Status.MITIGATING, Status.RESOLVED}),
    Status.MITIGATING: frozenset({Status.INVESTIGATING, Status.RESOLVED}),
    Status.RESOLVED: frozenset({Status.CLOSED, Status.INVESTIGATING}),
    Status.CLOSED: frozenset(),
}


class EventKind(StrEnum):
    DECLARED = "declared"
    STATUS_CHANGED = "status_changed"
    SEVERITY_CHANGED = "severity_changed"
    STEP_DONE = "step_done"
    STEP_UNDONE = "step_undone"
    NOTE = "note"
    UPDATE_SENT = "update_sent"
    REMINDER_SNOOZED = "reminder_snoozed"
    CONTACT_NOTIFIED = "contact_notified"
    ROLE_TAKEN = "role_taken"
    # acknowledge or resolve asked of the alert source the incident follows, and its answer:
    # the local status moves only on the source's yes (core/alert_requests)
    ALERT_ASKED = "alert_asked"
    ALERT_ANSWERED = "alert_answered"


class Role(StrEnum):
    """Who does what in an incident worked by several people (SOP: the on-call engineer
    responds; escalation and communication are taken on when the team joins)."""

    RESPONDER = "responder"
    COMMUNICATION = "communication"
    ESCALATION = "escalation"


@dataclass(frozen=True)
class TimelineEvent:
    at: datetime
    kind: EventKind
    actor: str
    # any mapping given is kept as a read-only copy (__post_init__)
    data: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))
    id: int | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "at", utc(self.at))
        if not isinstance(self.data, MappingProxyType):
            object.__setattr__(self, "data", MappingProxyType(dict(self.data)))


@dataclass(frozen=True)
class StepState:
    step_id: str
    done_at: datetime | None = None
    done_by: str = ""
    note: str = ""

    @property
    def done(self) -> bool:
        return self.done_at is not None


@dataclass
class Incident:
    """One incident. Build new ones with :meth:`declare`; storage rebuilds them with the
    constructor and never calls the mutating methods."""

    title: str
    severity: Severity
    detected_at: datetime
    declared_at: datetime
    impact: str = ""
    status: Status = Status.TRIGGERED
    acknowledged_at: datetime | None = None
    resolved_at: datetime | None = None
    closed_at: datetime | None = None
    alert: AlertLink | None = None  # the page it follows, from whichever alert source
    is_drill: bool = False
    id: int | None = None
    timeline: list[TimelineEvent] = field(default_factory=list)
    steps: dict[str, StepState] = field(default_factory=dict)

    @classmethod
    def declare(
        cls,
        *,
        title: str,
        severity: Severity,
        at: datetime,
        actor: str,
        detected_at: datetime | None = None,
        impact: str = "",
        status: Status = Status.TRIGGERED,
        acknowledged_at: datetime | None = None,
        severity_reason: str = "",
        alert: AlertLink | None = None,
        is_drill: bool = False,
        provisional_from_urgency: str = "",
    ) -> Incident:
        """``provisional_from_urgency``: the severity is a guess from a page's urgency ("high"
        or "low") until the engineer confirms it."""
        title = title.strip()
        if not title:
            raise DomainError("an incident needs a title")
        at = utc(at)
        detected = utc(detected_at) if detected_at else at
        if detected > at:
            raise DomainError("an incident cannot be detected after it was declared")
        incident = cls(
            title=title,
            severity=severity,
            detected_at=detected,
            declared_at=at,
            impact=impact.strip(),
            status=status,
            acknowledged_at=utc(acknowledged_at) if acknowledged_at else None,
            alert=alert,
            is_drill=is_drill,
        )
        if status is not Status.TRIGGERED and incident.acknowledged_at is None:
            incident.acknowledged_at = at
        incident._record(
            at,
            EventKind.DECLARED,
            actor,
            title=incident.title,
            severity=severity.value,
            status=status.value,
            detected_at=detected.isoformat(),
            reason=severity_reason,
            **(
                {"provisional_from_urgency": provisional_from_urgency}
                if provisional_from_urgency
                else {}
            ),
        )
        return incident

    # --- lifecycle ------------------------------------------------------------------------------

    @property
    def is_active(self) -> bool:
        return self.status.is_active

    def can_move_to(self, status: Status) -> bool:
        return status in ALLOWED_TRANSITIONS[self.status]

    def move_to(
        self, status: Status, *, at: datetime, actor: str, note: str = "", confirmed_by: str = ""
    ) -> None:
        """``confirmed_by``: the alert source (its id) whose answer this move follows; a move
        without it is ours alone (core/evidence counts only confirmed ones for a page)."""
        if not self.can_move_to(status):
            raise TransitionError(
                f"an incident that is {self.status.value} cannot become {status.value}"
            )
        at = utc(at)
        previous = self.status
        self.status = status
        if status is Status.ACKNOWLEDGED or (
            status in (Status.INVESTIGATING, Status.MITIGATING) and self.acknowledged_at is None
        ):
            self.acknowledged_at = self.acknowledged_at or at
        if status is Status.RESOLVED:
            self.resolved_at = at
        if status is Status.CLOSED:
            self.closed_at = at
        if previous is Status.RESOLVED and status.is_active:
            self.resolved_at = None  # reopened: the resolve clock runs again
        self._record(
            at,
            EventKind.STATUS_CHANGED,
            actor,
            previous=previous.value,
            to=status.value,
            note=note,
            **({"confirmed_by": confirmed_by} if confirmed_by else {}),
        )

    def change_severity(self, severity: Severity, *, at: datetime, actor: str, reason: str) -> None:
        if severity is self.severity:
            raise DomainError(f"the incident is already {severity.value}")
        if not reason.strip():
            raise DomainError("a change of severity needs a reason")
        previous = self.severity
        self.severity = severity
        self._record(
            at,
            EventKind.SEVERITY_CHANGED,
            actor,
            previous=previous.value,
            to=severity.value,
            reason=reason.strip(),
        )

    # --- checklist and notes --------------------------------------------------------------------

    def tick_step(self, step_id: str, *, at: datetime, actor: str, note: str = "") -> None:
        if self.steps.get(step_id, StepState(step_id)).done:
            raise DomainError(f"step {step_id} is already done")
        at = utc(at)
        self.steps[step_id] = StepState(step_id, done_at=at, done_by=actor, note=note.strip())
        self._record(at, EventKind.STEP_DONE, actor, step=step_id, note=note.strip())

    def untick_step(
        self, step_id: str, *, at: datetime, actor: str, ticked_by_evidence: bool = False
    ) -> None:
        """``ticked_by_evidence``: the step is done by what the app saw (core/evidence), not
        by a person's tick; a person may still say it is not done."""
        if not ticked_by_evidence and not self.steps.get(step_id, StepState(step_id)).done:
            raise DomainError(f"step {step_id} is not done")
        note = self.steps[step_id].note if step_id in self.steps else ""
        self.steps[step_id] = StepState(step_id, note=note)
        self._record(at, EventKind.STEP_UNDONE, actor, step=step_id)

    def link_alert(self, alert: AlertLink, source_name: str, *, at: datetime, actor: str) -> None:
        """Declared in an alert source from here (``source_name``: "PagerDuty"): its page now
        follows this incident."""
        if self.alert is not None:
            raise DomainError(f"already linked to {self.alert.source} alert {self.alert.id}")
        if self.is_drill:
            raise DomainError(f"a drill is never declared in {source_name}")
        self.alert = alert
        self._record(
            at,
            EventKind.NOTE,
            actor,
            text=f"{source_name}: {alert.id}",
            alert_source=alert.source,
            alert_id=alert.id,
        )

    def ask_alert_source(
        self, action: str, *, at: datetime, actor: str, source_name: str, note: str = ""
    ) -> None:
        """``action`` (acknowledge | resolve) is being asked of the alert this incident follows
        (``source_name``: "PagerDuty", as people read it); recorded before the call, so a crash
        before the answer leaves a trace the cockpit shows. ``note``: the resolution typed,
        kept for a retry."""
        if self.alert is None:
            raise DomainError("this incident follows no alert")
        self._record(
            at,
            EventKind.ALERT_ASKED,
            actor,
            action=action,
            source=self.alert.source,
            name=source_name,
            alert_id=self.alert.id,
            note=note,
        )

    def record_alert_answer(
        self,
        action: str,
        *,
        ok: bool,
        at: datetime,
        actor: str,
        source_name: str,
        reason: str | UserMessage = "",
    ) -> None:
        """The alert source's answer to the last ``action`` asked (``reason``: why not). A
        message is kept with its template and values (``reason_message``), so that each
        console says it in its own language; ``reason`` stays its English text, for the logs
        and for consoles of an earlier version."""
        if self.alert is None:
            raise DomainError("this incident follows no alert")
        extra = (
            {"reason_message": message_to_json(reason)} if isinstance(reason, UserMessage) else {}
        )
        self._record(
            at,
            EventKind.ALERT_ANSWERED,
            actor,
            action=action,
            source=self.alert.source,
            name=source_name,
            ok=ok,
            reason=str(reason),
            **extra,
        )

    def follows(self, source: str) -> str | None:
        """The id of the alert this incident follows in ``source``, if it follows one there."""
        return self.alert.id if self.alert is not None and self.alert.source == source else None

    @property
    def declaration_key(self) -> str:
        """Our de-duplication key for declaring it in an alert source: the same on every retry
        and every console, different for every incident."""
        return f"oncall-desktop-{self.id}-{int(self.declared_at.timestamp())}"

    def add_note(self, text: str, *, at: datetime, actor: str, **details: Any) -> None:
        """A free note; ``details`` keep machine-readable facts (e.g. ``slack_channel``)."""
        if not text.strip():
            raise DomainError("an empty note adds nothing")
        if len(text.strip()) > MAX_NOTE_LENGTH:
            raise DomainError(f"a note is at most {MAX_NOTE_LENGTH} characters")
        self._record(at, EventKind.NOTE, actor, text=text.strip(), **details)

    def record_update_sent(
        self, audience: Audience, *, at: datetime, actor: str, channel: str = "", link: str = ""
    ) -> None:
        self._record(
            at, EventKind.UPDATE_SENT, actor, audience=audience.value, channel=channel, link=link
        )

    def snooze_reminder(
        self, audience: Audience, *, until: datetime, at: datetime, actor: str, reason: str
    ) -> None:
        if not reason.strip():
            raise DomainError("snoozing a reminder needs a reason")
        if utc(until) <= utc(at):
            raise DomainError("a snooze must end in the future")
        self._record(
            at,
            EventKind.REMINDER_SNOOZED,
            actor,
            audience=audience.value,
            until=utc(until).isoformat(),
            reason=reason.strip(),
        )

    def mark_contact_notified(
        self, contact: str, *, at: datetime, actor: str, via: str = ""
    ) -> None:
        """An escalation contact was reached (SOP 3.2); ``via``: "pagerduty" when asked to
        join through a PagerDuty responder request."""
        if contact in self.notified_contacts:
            raise DomainError(f"{contact} is already marked as notified")
        extra = {"via": via} if via else {}
        self._record(at, EventKind.CONTACT_NOTIFIED, actor, contact=contact, **extra)

    def take_role(self, role: Role, person: str, *, at: datetime, actor: str) -> None:
        """``person`` holds ``role`` from now on (whoever held it before hands it over)."""
        if not person.strip():
            raise DomainError("a role is held by someone")
        if self.roles.get(role) == person:
            raise DomainError(f"{person} already holds {role.value}")
        self._record(at, EventKind.ROLE_TAKEN, actor, role=role.value, person=person)

    @property
    def roles(self) -> dict[Role, str]:
        """Who holds each role now: the last one who took it."""
        holders: dict[Role, str] = {}
        for event in self.events(EventKind.ROLE_TAKEN):
            holders[Role(event.data["role"])] = str(event.data["person"])
        return holders

    @property
    def resolution_note(self) -> str:
        """What was typed when the incident was last resolved ("" when nothing was)."""
        note = ""
        for event in self.events(EventKind.STATUS_CHANGED):
            if event.data.get("to") == Status.RESOLVED and event.data.get("note"):
                note = str(event.data["note"])
        return note

    @property
    def notified_contacts(self) -> set[str]:
        return {str(e.data.get("contact")) for e in self.events(EventKind.CONTACT_NOTIFIED)}

    def events(self, kind: EventKind) -> list[TimelineEvent]:
        return [e for e in self.timeline if e.kind is kind]

    def _record(self, at: datetime, kind: EventKind, actor: str, **data: Any) -> None:
        self.timeline.append(TimelineEvent(at=at, kind=kind, actor=actor, data=data))

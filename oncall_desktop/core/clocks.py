"""Every clock of an incident, derived from stored instants and the policy.

Nothing here is stored or counted down: each value is computed from the incident's recorded
times, its *current* severity and ``now``. So a change of severity moves every clock, and a
restart, a sleep or a clock jump changes nothing but ``now``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from oncall_desktop.core.clock import utc
from oncall_desktop.core.incident import EventKind, Incident, Status
from oncall_desktop.core.policy import AntiPattern, Audience, EscalationMode, PhaseDef, Policy


class ClockState(StrEnum):
    RUNNING = "running"
    MET = "met"
    BREACHED = "breached"


@dataclass(frozen=True)
class SlaClock:
    """A deadline that an event (acknowledge, resolve) must beat."""

    name: str
    started_at: datetime
    deadline: datetime
    met_at: datetime | None

    def remaining(self, now: datetime) -> timedelta:
        """Time left (negative once late). Frozen at the moment the SLA was met."""
        return self.deadline - (self.met_at or now)

    def breached(self, now: datetime) -> bool:
        return (self.met_at or now) > self.deadline

    def state(self, now: datetime) -> ClockState:
        if self.breached(now):
            return ClockState.BREACHED
        return ClockState.MET if self.met_at else ClockState.RUNNING


def ack_clock(incident: Incident, policy: Policy) -> SlaClock:
    sla = policy.severity(incident.severity).ack_sla
    return SlaClock(
        "acknowledge", incident.detected_at, incident.detected_at + sla, incident.acknowledged_at
    )


def resolve_clock(incident: Incident, policy: Policy) -> SlaClock:
    sla = policy.severity(incident.severity).resolve_sla
    return SlaClock(
        "resolve", incident.detected_at, incident.detected_at + sla, incident.resolved_at
    )


# --- update cadence ----------------------------------------------------------------------------


class DueReason(StrEnum):
    DECLARATION = "declaration"
    RECURRING = "recurring"
    RESOLUTION = "resolution"


@dataclass(frozen=True)
class UpdateDue:
    """The next update an audience is owed."""

    audience: Audience
    due_at: datetime
    reason: DueReason
    last_sent_at: datetime | None
    snoozed_until: datetime | None = None

    def remaining(self, now: datetime) -> timedelta:
        return self.due_at - now

    def overdue(self, now: datetime) -> bool:
        return now > self.due_at


def _sent_times(incident: Incident, audience: Audience) -> list[datetime]:
    return sorted(
        e.at for e in incident.events(EventKind.UPDATE_SENT) if e.data.get("audience") == audience
    )


def _snoozed_until(
    incident: Incident, audience: Audience, after: datetime | None
) -> datetime | None:
    ends = [
        utc(datetime.fromisoformat(e.data["until"]))
        for e in incident.events(EventKind.REMINDER_SNOOZED)
        if e.data.get("audience") == audience and (after is None or e.at >= after)
    ]
    return max(ends) if ends else None


def next_update(incident: Incident, audience: Audience, policy: Policy) -> UpdateDue | None:
    """The next update owed to ``audience``, or None when the SOP asks for none."""
    rule = policy.cadence_rule(audience, incident.severity)
    sent = _sent_times(incident, audience)
    last = sent[-1] if sent else None
    due: UpdateDue | None = None
    if not incident.is_active:
        resolved = incident.resolved_at or incident.closed_at
        if rule.at_resolution and resolved and not any(t >= resolved for t in sent):
            due = UpdateDue(
                audience, resolved + policy.resolution_update_within, DueReason.RESOLUTION, last
            )
    elif rule.at_declaration and not sent:
        due = UpdateDue(
            audience,
            incident.declared_at + policy.initial_update_within,
            DueReason.DECLARATION,
            None,
        )
        if rule.every and incident.declared_at + rule.every < due.due_at:
            due = UpdateDue(audience, incident.declared_at + rule.every, DueReason.RECURRING, None)
    elif rule.every:
        due = UpdateDue(
            audience, (last or incident.declared_at) + rule.every, DueReason.RECURRING, last
        )
    if due is None:
        return None
    snoozed = _snoozed_until(incident, audience, last)
    if snoozed and snoozed > due.due_at:
        return UpdateDue(audience, snoozed, due.reason, last, snoozed_until=snoozed)
    return due


def next_updates(incident: Incident, policy: Policy) -> dict[Audience, UpdateDue]:
    result = {}
    for audience in Audience:
        due = next_update(incident, audience, policy)
        if due is not None:
            result[audience] = due
    return result


# --- phases ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PhaseProgress:
    phase: PhaseDef
    starts_at: datetime | None
    ends_at: datetime | None
    done: int
    total: int

    @property
    def complete(self) -> bool:
        return self.done == self.total

    def overrun(self, now: datetime) -> bool:
        """The time box has ended and steps are still open."""
        return self.ends_at is not None and not self.complete and now > self.ends_at


def phase_progress(incident: Incident, policy: Policy) -> list[PhaseProgress]:
    result = []
    for phase in policy.phases:
        if phase.start is None:  # post-incident: starts at resolution
            start = incident.resolved_at
            end = start + policy.post_incident_monitoring if start else None
        else:
            start = incident.detected_at + phase.start
            end = incident.detected_at + phase.end if phase.end is not None else None
        done = sum(
            1
            for step in phase.steps
            if incident.steps.get(step.id) and incident.steps[step.id].done
        )
        result.append(PhaseProgress(phase, start, end, done, len(phase.steps)))
    return result


def current_phase(incident: Incident, policy: Policy) -> PhaseProgress:
    """The first phase with open steps; once resolved, nothing before post-incident holds it."""
    progress = phase_progress(incident, policy)
    if not incident.is_active:
        timed_out = [p for p in progress if p.phase.start is None]
        if timed_out:
            return timed_out[0]
    for p in progress:
        if not p.complete and (p.phase.start is not None or not incident.is_active):
            return p
    return progress[-1]


# --- escalation --------------------------------------------------------------------------------


def escalation_due_at(incident: Incident, policy: Policy) -> datetime | None:
    """When the SOP wants the escalation list worked through, or None (standard)."""
    sev = policy.severity(incident.severity)
    if sev.escalation is EscalationMode.IMMEDIATE:
        return incident.detected_at
    if sev.escalation is EscalationMode.IF_UNRESOLVED and sev.escalate_after is not None:
        return incident.detected_at + sev.escalate_after
    return None


def escalation_needed(incident: Incident, policy: Policy, now: datetime) -> bool:
    due = escalation_due_at(incident, policy)
    return incident.is_active and due is not None and now >= due


# --- what to look at first ----------------------------------------------------------------------


@dataclass(frozen=True)
class Deadline:
    """One clock of an incident, for "most urgent first" lists."""

    label: str  # "acknowledge", "resolve", or an audience value
    due_at: datetime

    def remaining(self, now: datetime) -> timedelta:
        return self.due_at - now


def open_deadlines(
    incident: Incident, policy: Policy, dues: dict[Audience, UpdateDue] | None = None
) -> list[Deadline]:
    """Every clock still running (SLA not yet met, updates owed), soonest first. ``dues``:
    the incident's next_updates when the caller has them already."""
    deadlines = []
    ack = ack_clock(incident, policy)
    if ack.met_at is None:
        deadlines.append(Deadline("acknowledge", ack.deadline))
    resolve = resolve_clock(incident, policy)
    if resolve.met_at is None:
        deadlines.append(Deadline("resolve", resolve.deadline))
    for audience, due in (dues if dues is not None else next_updates(incident, policy)).items():
        deadlines.append(Deadline(audience.value, due.due_at))
    return sorted(deadlines, key=lambda d: d.due_at)


def reminders(incident: Incident, policy: Policy, now: datetime) -> list[AntiPattern]:
    """The SOP's anti-patterns that apply to where the incident stands right now."""
    phase = current_phase(incident, policy).phase.id
    root_cause_found = bool(incident.steps.get("2.4") and incident.steps["2.4"].done)
    wanted = set()
    if incident.is_active and phase == "investigation":
        wanted.add("panic_guess")
    fixing = incident.status is Status.MITIGATING or any(
        incident.steps.get(step.id) and incident.steps[step.id].done
        for p in policy.phases
        if p.id in ("mitigation", "resolution")
        for step in p.steps
    )
    if incident.is_active and fixing and not root_cause_found:
        wanted.add("fix_without_understanding")
    if any(d.overdue(now) for d in next_updates(incident, policy).values()):
        wanted.add("no_communication")
    if not incident.is_active and policy.severity(incident.severity).postmortem_required:
        wanted.add("skip_postmortem")
    return [a for a in policy.anti_patterns if a.id in wanted]

"""Every clock of an incident, derived from stored instants and the policy.

Nothing here is stored or counted down: each value is computed from the incident's recorded
times and timeline, the policy and ``now``. So a restart, a sleep or a clock jump changes
nothing but ``now``.

A change of severity starts the new severity's clocks at the change (the README's "SLAs across
a severity change"): its SLAs, phase boxes and escalation count from then, with the time already
spent shown; an update it newly owes is due within the first-update window from the change.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from itertools import pairwise

from oncall_desktop.core.clock import utc
from oncall_desktop.core.evidence import done_steps
from oncall_desktop.core.incident import EventKind, Incident, Status
from oncall_desktop.core.policy import (
    AntiPattern,
    Audience,
    CadenceRule,
    EscalationMode,
    PhaseDef,
    Policy,
    Severity,
)


class ClockState(StrEnum):
    RUNNING = "running"
    MET = "met"
    BREACHED = "breached"


# --- severity across time ----------------------------------------------------------------------


@dataclass(frozen=True)
class SeverityPeriod:
    """A severity and the instant it took effect (detection for the first one)."""

    severity: Severity
    since: datetime


def severity_periods(incident: Incident) -> list[SeverityPeriod]:
    """The severities the incident has had, oldest first, read from its timeline."""
    changes = sorted(incident.events(EventKind.SEVERITY_CHANGED), key=lambda e: e.at)
    first = _severity(changes[0].data.get("previous")) if changes else None
    periods = [SeverityPeriod(first or incident.severity, incident.detected_at)]
    for change in changes:
        severity = _severity(change.data.get("to"))
        if severity is not None:
            periods.append(SeverityPeriod(severity, max(change.at, incident.detected_at)))
    if periods[-1].severity is not incident.severity:  # a record that disagrees: trust the row
        periods[-1] = SeverityPeriod(incident.severity, periods[-1].since)
    return periods


def _severity(value: object) -> Severity | None:
    try:
        return Severity(str(value))
    except ValueError:
        return None


@dataclass(frozen=True)
class SlaClock:
    """A deadline that an event (acknowledge, resolve) must beat.

    The SOP writes its SLAs strictly ("Acknowledge < 5 min"): the event must happen *before*
    the deadline, so an acknowledgement at exactly 5:00 breaches.

    Across a change of severity the clock of the new severity runs from the change
    (``started_at``); ``spent_before`` is the time the incident had already run by then. A
    deadline that passed while an earlier severity was in force stays breached."""

    name: str
    started_at: datetime
    deadline: datetime
    met_at: datetime | None
    severity: Severity | None = None
    spent_before: timedelta = timedelta(0)

    def remaining(self, now: datetime) -> timedelta:
        """Time left (negative once late). Frozen at the moment the SLA was met."""
        return self.deadline - (self.met_at or now)

    def breached(self, now: datetime) -> bool:
        return (self.met_at or now) >= self.deadline

    def state(self, now: datetime) -> ClockState:
        if self.breached(now):
            return ClockState.BREACHED
        return ClockState.MET if self.met_at else ClockState.RUNNING


def _sla_clock(
    name: str,
    incident: Incident,
    sla_of: Callable[[Severity], timedelta],
    met_at: datetime | None,
) -> SlaClock:
    periods = severity_periods(incident)

    def clock(period: SeverityPeriod) -> SlaClock:
        return SlaClock(
            name,
            period.since,
            period.since + sla_of(period.severity),
            met_at,
            period.severity,
            period.since - incident.detected_at,
        )

    for period, following in pairwise(periods):
        if met_at is not None and following.since > met_at:
            return clock(period)  # met before the next change: judged by this severity
        if period.since + sla_of(period.severity) <= following.since:
            return clock(period)  # breached while this severity was in force
    return clock(periods[-1])


def ack_clock(incident: Incident, policy: Policy) -> SlaClock:
    return _sla_clock(
        "acknowledge", incident, lambda s: policy.severity(s).ack_sla, incident.acknowledged_at
    )


def resolve_clock(incident: Incident, policy: Policy) -> SlaClock:
    return _sla_clock(
        "resolve", incident, lambda s: policy.severity(s).resolve_sla, incident.resolved_at
    )


# --- update cadence ----------------------------------------------------------------------------


class DueReason(StrEnum):
    DECLARATION = "declaration"
    RECURRING = "recurring"
    RESOLUTION = "resolution"
    SEVERITY_CHANGE = "severity_change"  # newly owed because the severity changed
    REOPENED = "reopened"  # the audience must hear the incident is back


@dataclass(frozen=True)
class UpdateDue:
    """The next update an audience is owed. An update sent at exactly ``due_at`` is on time
    ("every 15 min"): it is overdue only after that instant."""

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


def active_since(incident: Incident) -> datetime:
    """The start of the incident's current active span: its declaration, or its last
    reopening (an update sent before a reopening says nothing about what happens after it)."""
    reopened = [
        e.at
        for e in incident.events(EventKind.STATUS_CHANGED)
        if e.data.get("previous") in (Status.RESOLVED, Status.CLOSED)
        and e.data.get("to") not in (Status.RESOLVED, Status.CLOSED)
    ]
    return max([incident.declared_at, *reopened])


def _owed(
    rule: CadenceRule,
    audience: Audience,
    since: datetime,
    last: datetime | None,
    policy: Policy,
    first_reason: DueReason,
) -> UpdateDue | None:
    """What a cadence rule owes in an active span that started at ``since``."""
    if rule.at_declaration and last is None:
        due = UpdateDue(audience, since + policy.initial_update_within, first_reason, None)
        if rule.every and since + rule.every < due.due_at:
            due = UpdateDue(audience, since + rule.every, DueReason.RECURRING, None)
        return due
    if rule.every:
        return UpdateDue(audience, (last or since) + rule.every, DueReason.RECURRING, last)
    return None


def next_update(incident: Incident, audience: Audience, policy: Policy) -> UpdateDue | None:
    """The next update owed to ``audience``, or None when the SOP asks for none.

    After a change of severity, an update the new severity owes sooner than the old one did
    is due from the change, within the SOP's first-update window (step 1.4's 5 minutes), not
    from the declaration; one already owed under the old severity stays owed. After a
    reopening the cadence starts again from the reopening."""
    sent = _sent_times(incident, audience)
    last = sent[-1] if sent else None
    due: UpdateDue | None = None
    if not incident.is_active:
        rule = policy.cadence_rule(audience, incident.severity)
        resolved = incident.resolved_at or incident.closed_at
        if rule.at_resolution and resolved and not any(t >= resolved for t in sent):
            due = UpdateDue(
                audience, resolved + policy.resolution_update_within, DueReason.RESOLUTION, last
            )
    else:
        due = _owed_while_active(incident, audience, policy, sent)
    if due is None:
        return None
    snoozed = _snoozed_until(incident, audience, last)
    if snoozed and snoozed > due.due_at:
        return UpdateDue(audience, snoozed, due.reason, last, snoozed_until=snoozed)
    return due


def _owed_while_active(
    incident: Incident, audience: Audience, policy: Policy, sent: list[datetime]
) -> UpdateDue | None:
    since = active_since(incident)
    first_reason = DueReason.DECLARATION if since == incident.declared_at else DueReason.REOPENED
    sent_since = [t for t in sent if t >= since]
    periods = [p for p in severity_periods(incident) if p.since > since]
    current_severity = incident.severity

    def owed_under(severity: Severity, before: datetime | None) -> UpdateDue | None:
        sends = [t for t in sent_since if before is None or t < before]
        rule = policy.cadence_rule(audience, severity)
        return _owed(rule, audience, since, sends[-1] if sends else None, policy, first_reason)

    due = owed_under(current_severity, None)
    if due is None or not periods:
        return due
    change = periods[-1].since
    if any(t >= change for t in sent_since):
        return due  # sent since the change: the new cadence runs from that update
    floor = change + policy.initial_update_within
    if due.due_at >= floor:
        return due
    before = [p.severity for p in severity_periods(incident) if p.since < change]
    previous = before[-1] if before else current_severity
    old = owed_under(previous, change)
    if old is not None and old.due_at <= floor:
        return old if old.due_at >= due.due_at else due  # already owed before the change
    return UpdateDue(audience, floor, DueReason.SEVERITY_CHANGE, due.last_sent_at)


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
        """The time box has ended (a 0-5 min box is over at 5:00) and steps are still open."""
        return self.ends_at is not None and not self.complete and now >= self.ends_at


def phase_scale(severity: Severity, policy: Policy) -> float:
    """How much longer than the SOP's SEV-1 scenario the phases of ``severity`` are boxed:
    the ratio of its resolve SLA to the reference severity's (SEV-2: x2, SEV-3: x12), so that
    phase 4 always ends at the resolve deadline."""
    reference = policy.severity(policy.phase_reference).resolve_sla
    return policy.severity(severity).resolve_sla / reference


def phase_progress(incident: Incident, policy: Policy) -> list[PhaseProgress]:
    """Each phase's time box, scaled to the current severity and counted from when that
    severity took effect (the resolve clock's start)."""
    origin = resolve_clock(incident, policy)
    scale = phase_scale(origin.severity or incident.severity, policy)
    ticked = done_steps(incident, policy)  # by a person or by evidence
    result = []
    for phase in policy.phases:
        if phase.start is None:  # post-incident: starts at resolution
            start = incident.resolved_at
            end = start + policy.post_incident_monitoring if start else None
        else:
            start = origin.started_at + phase.start * scale
            end = origin.started_at + phase.end * scale if phase.end is not None else None
        done = sum(1 for step in phase.steps if step.id in ticked)
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


def monitoring_until(incident: Incident, policy: Policy) -> datetime | None:
    """The end of the SOP's hour of monitoring after resolution (phase 5.1), once resolved."""
    if incident.status is not Status.RESOLVED or incident.resolved_at is None:
        return None
    return incident.resolved_at + policy.post_incident_monitoring


def monitoring_running(incident: Incident, policy: Policy, now: datetime) -> bool:
    until = monitoring_until(incident, policy)
    return until is not None and now < until


# --- escalation --------------------------------------------------------------------------------


def escalation_due_at(incident: Incident, policy: Policy) -> datetime | None:
    """When the SOP wants the escalation list worked through, or None (standard, or the
    incident is resolved or closed: nothing is due any more). Counted from when the current
    severity took effect: a SEV-3 raised to SEV-2 escalates 2 h after the change if still
    unresolved; raised to SEV-1, at once."""
    if not incident.is_active:
        return None
    since = severity_periods(incident)[-1].since
    sev = policy.severity(incident.severity)
    if sev.escalation is EscalationMode.IMMEDIATE:
        return since
    if sev.escalation is EscalationMode.IF_UNRESOLVED and sev.escalate_after is not None:
        return since + sev.escalate_after
    return None


def escalation_needed(incident: Incident, policy: Policy, now: datetime) -> bool:
    """SEV-2 escalates "if not resolved 2h": still unresolved at exactly 2:00, escalate."""
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


# --- warnings before a breach --------------------------------------------------------------------


class WarningKind(StrEnum):
    ACKNOWLEDGE = "acknowledge"
    RESOLVE = "resolve"
    UPDATE = "update"
    ESCALATION = "escalation"


@dataclass(frozen=True)
class BreachWarning:
    """A deadline coming up: warn once, ``lead`` before it (README, "warnings")."""

    kind: WarningKind
    due_at: datetime
    warn_at: datetime
    audience: Audience | None = None

    @property
    def key(self) -> tuple[str, str, str]:
        """The same deadline gives the same key: one warning, however often it is asked."""
        return (
            self.kind.value,
            self.audience.value if self.audience else "",
            self.due_at.isoformat(),
        )


def _lead(policy: Policy, span: timedelta) -> timedelta:
    return min(policy.warn_before, span * policy.warn_at_most_share)


def breach_warnings(incident: Incident, policy: Policy, now: datetime) -> list[BreachWarning]:
    """The deadlines whose warning time has come and that have not passed yet, soonest first:
    the acknowledge and resolve SLAs, each update owed, the timed (SEV-2) escalation."""
    if not incident.is_active:
        return []
    found = []
    for kind, clock in (
        (WarningKind.ACKNOWLEDGE, ack_clock(incident, policy)),
        (WarningKind.RESOLVE, resolve_clock(incident, policy)),
    ):
        if clock.met_at is None:
            warn_at = clock.deadline - _lead(policy, clock.deadline - clock.started_at)
            found.append(BreachWarning(kind, clock.deadline, warn_at))
    for audience, due in next_updates(incident, policy).items():
        since = due.last_sent_at or active_since(incident)
        warn_at = due.due_at - _lead(policy, max(due.due_at - since, timedelta(0)))
        found.append(BreachWarning(WarningKind.UPDATE, due.due_at, warn_at, audience))
    escalation = escalation_due_at(incident, policy)
    sev = policy.severity(incident.severity)
    if escalation is not None and sev.escalation is EscalationMode.IF_UNRESOLVED:
        since = severity_periods(incident)[-1].since
        found.append(
            BreachWarning(
                WarningKind.ESCALATION, escalation, escalation - _lead(policy, escalation - since)
            )
        )
    return sorted((w for w in found if w.warn_at <= now < w.due_at), key=lambda w: w.due_at)


def reminders(incident: Incident, policy: Policy, now: datetime) -> list[AntiPattern]:
    """The SOP's anti-patterns that apply to where the incident stands right now."""
    phase = current_phase(incident, policy).phase.id
    ticked = done_steps(incident, policy)
    root_cause_found = "2.4" in ticked
    wanted = set()
    if incident.is_active and phase == "investigation":
        wanted.add("panic_guess")
    fixing = incident.status is Status.MITIGATING or any(
        step.id in ticked and not ticked[step.id].by_the_app
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

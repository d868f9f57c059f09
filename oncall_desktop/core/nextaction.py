"""The one thing to do next on an incident, and by when: what the cockpit shows large.

In the SOP's order: acknowledge, evaluate the severity, post the declaration; then whichever is
due first of the escalation (when the severity asks for it, until the contacts the SOP names
without a condition are reached), the next update owed and the resolution;
after it, the resolution notices, the post-mortem, the hour of monitoring, closing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from oncall_desktop.core.deadlines import (
    DueReason,
    ack_clock,
    escalation_due_at,
    escalation_needed,
    monitoring_until,
    next_updates,
    phase_progress,
    resolve_clock,
)
from oncall_desktop.core.evidence import done_steps
from oncall_desktop.core.incident import Incident, Status
from oncall_desktop.core.policy import Audience, Policy


class ActionKind(StrEnum):
    ACKNOWLEDGE = "acknowledge"
    CONFIRM_SEVERITY = "confirm_severity"
    DECLARE = "declare"
    ESCALATE = "escalate"
    SEND_UPDATE = "send_update"
    RESOLVE = "resolve"
    SEND_RESOLUTION_NOTICE = "send_resolution_notice"
    MONITOR = "monitor"
    CLOSE = "close"
    NOTHING = "nothing"


@dataclass(frozen=True)
class NextAction:
    kind: ActionKind
    due_at: datetime | None = None
    audience: Audience | None = None


def _step_with(policy: Policy, evidence: str) -> str | None:
    return next((step for step, kind in policy.step_evidence.items() if kind == evidence), None)


def next_action(incident: Incident, policy: Policy, now: datetime) -> NextAction:
    if incident.status is Status.CLOSED:
        return NextAction(ActionKind.NOTHING)
    dues = next_updates(incident, policy)
    if not incident.is_active:
        notices = sorted(
            (d for d in dues.values() if d.reason is DueReason.RESOLUTION), key=lambda d: d.due_at
        )
        if notices:
            first = notices[0]
            return NextAction(ActionKind.SEND_RESOLUTION_NOTICE, first.due_at, first.audience)
        until = monitoring_until(incident, policy)
        if until is not None and now < until:
            return NextAction(ActionKind.MONITOR, until)
        return NextAction(ActionKind.CLOSE)
    if incident.status is Status.TRIGGERED:
        return NextAction(ActionKind.ACKNOWLEDGE, ack_clock(incident, policy).deadline)
    done = done_steps(incident, policy)
    phase_one_end = phase_progress(incident, policy)[0].ends_at
    severity_step = _step_with(policy, "severity_confirmed")
    if severity_step and severity_step not in done:
        return NextAction(ActionKind.CONFIRM_SEVERITY, phase_one_end)
    declaration_step = _step_with(policy, "declaration_posted")
    internal = dues.get(Audience.INTERNAL)
    if declaration_step and declaration_step not in done:
        return NextAction(
            ActionKind.DECLARE, internal.due_at if internal else phase_one_end, Audience.INTERNAL
        )
    # then the most urgent of what is owed: the escalation (until every contact the SOP names
    # without a condition is reached), the next update, the resolution; on a tie, that order
    owed: list[NextAction] = []
    required = {c.name for c in policy.required_contacts(incident.severity)}
    escalate_at = escalation_due_at(incident, policy)
    if (
        escalate_at is not None
        and escalation_needed(incident, policy, now)
        and not required <= incident.notified_contacts
    ):
        owed.append(NextAction(ActionKind.ESCALATE, escalate_at))
    soonest = min(dues.values(), key=lambda d: d.due_at, default=None)
    if soonest is not None:
        owed.append(NextAction(ActionKind.SEND_UPDATE, soonest.due_at, soonest.audience))
    owed.append(NextAction(ActionKind.RESOLVE, resolve_clock(incident, policy).deadline))
    return min(owed, key=lambda a: a.due_at or now)  # min keeps the first of equals

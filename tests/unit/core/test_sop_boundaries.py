"""The SOP's clocks at the exact instants that matter: the strict SLA limits, a severity raised
mid-incident, a reopening, the 2 h escalation, the phase boxes per severity and the hour of
monitoring after resolution (issue 14)."""

from datetime import UTC, datetime, timedelta

import pytest

from oncall_desktop.core.deadlines import (
    ClockState,
    DueReason,
    ack_clock,
    current_phase,
    escalation_due_at,
    escalation_needed,
    monitoring_running,
    monitoring_until,
    next_update,
    next_updates,
    phase_progress,
    resolve_clock,
)
from oncall_desktop.core.incident import Incident, Status
from oncall_desktop.core.policy import Audience, Severity

M = timedelta(minutes=1)
S = timedelta(seconds=1)


def at(hh: int, mm: int = 0, ss: int = 0) -> datetime:
    return datetime(2025, 10, 20, hh, mm, ss, tzinfo=UTC)


def page(severity: Severity) -> Incident:
    """An incident from a page at 10:00: triggered until someone acknowledges it."""
    return Incident.declare(title="API down", severity=severity, at=at(10), actor="PagerDuty")


# --- strict SLA limits ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("severity", "limit"),
    [(Severity.SEV1, 5 * M), (Severity.SEV2, 15 * M), (Severity.SEV3, 60 * M)],
)
def test_acknowledging_at_exactly_the_limit_breaches(policy, severity, limit):
    just_in_time = page(severity)
    just_in_time.move_to(Status.ACKNOWLEDGED, at=at(10) + limit - S, actor="a")
    assert ack_clock(just_in_time, policy).state(at(12)) is ClockState.MET
    on_the_limit = page(severity)
    on_the_limit.move_to(Status.ACKNOWLEDGED, at=at(10) + limit, actor="a")
    assert ack_clock(on_the_limit, policy).state(at(12)) is ClockState.BREACHED


def test_a_running_ack_clock_breaches_at_the_exact_instant(policy):
    inc = page(Severity.SEV1)
    clock = ack_clock(inc, policy)
    assert clock.state(at(10, 4, 59)) is ClockState.RUNNING
    assert clock.state(at(10, 5)) is ClockState.BREACHED


@pytest.mark.parametrize(("severity", "hours"), [(Severity.SEV1, 2), (Severity.SEV2, 4)])
def test_resolving_at_exactly_the_resolve_sla_breaches(policy, severity, hours):
    inc = page(severity)
    inc.move_to(Status.RESOLVED, at=at(10) + timedelta(hours=hours), actor="a")
    assert resolve_clock(inc, policy).state(at(23)) is ClockState.BREACHED
    early = page(severity)
    early.move_to(Status.RESOLVED, at=at(10) + timedelta(hours=hours) - S, actor="a")
    assert resolve_clock(early, policy).state(at(23)) is ClockState.MET


def test_an_update_sent_at_exactly_its_due_instant_is_on_time(policy):
    inc = page(Severity.SEV1)
    inc.record_update_sent(Audience.INTERNAL, at=at(10, 3), actor="a")
    due = next_update(inc, Audience.INTERNAL, policy)
    assert due.due_at == at(10, 18)  # "every 15 min"
    assert not due.overdue(at(10, 18))
    assert due.overdue(at(10, 18) + S)


def test_a_phase_box_is_over_at_its_end_instant(policy):
    inc = page(Severity.SEV1)
    detection = phase_progress(inc, policy)[0]
    assert not detection.overrun(at(10, 4, 59))
    assert detection.overrun(at(10, 5))


# --- severity raised mid-incident -----------------------------------------------------------------


def raised_sev3_to_sev1() -> Incident:
    """The issue's case: SEV-3 declared 10:00, acknowledged 10:20, raised to SEV-1 at 12:00."""
    inc = page(Severity.SEV3)
    inc.move_to(Status.ACKNOWLEDGED, at=at(10, 20), actor="a")
    inc.record_update_sent(Audience.INTERNAL, at=at(10, 3), actor="a")
    inc.record_update_sent(Audience.INTERNAL, at=at(11, 1), actor="a")
    inc.change_severity(Severity.SEV1, at=at(12), actor="a", reason="spreading")
    return inc


def test_raised_severity_keeps_an_acknowledgement_made_in_time(policy):
    inc = raised_sev3_to_sev1()
    ack = ack_clock(inc, policy)
    assert ack.state(at(12, 1)) is ClockState.MET  # 20 min < SEV-3's 1 h, when it was SEV-3
    assert ack.severity is Severity.SEV3


def test_raised_severity_owes_new_audiences_from_the_change(policy):
    inc = raised_sev3_to_sev1()
    dues = next_updates(inc, policy)
    for audience in (Audience.STATUS_PAGE, Audience.EXECUTIVE):
        due = dues[audience]
        assert due.due_at == at(12, 5), audience  # the SOP's first-update window
        assert due.reason is DueReason.SEVERITY_CHANGE
        assert not due.overdue(at(12, 1))
    # internal: the next update was owed at 12:01 under SEV-3 already; that stands
    assert dues[Audience.INTERNAL].due_at == at(12, 1)
    assert not dues[Audience.INTERNAL].overdue(at(12, 1))


def test_an_update_already_overdue_before_the_raise_stays_overdue(policy):
    inc = page(Severity.SEV3)
    inc.record_update_sent(Audience.INTERNAL, at=at(10, 3), actor="a")  # next due 11:03
    inc.change_severity(Severity.SEV1, at=at(12), actor="a", reason="spreading")
    due = next_update(inc, Audience.INTERNAL, policy)
    assert due.due_at == at(11, 3) and due.overdue(at(12, 1))


def test_raised_severity_runs_the_new_resolve_clock_from_the_change(policy):
    inc = raised_sev3_to_sev1()
    resolve = resolve_clock(inc, policy)
    assert (resolve.started_at, resolve.deadline) == (at(12), at(14))
    assert resolve.spent_before == timedelta(hours=2)  # shown beside the clock
    assert resolve.state(at(12, 1)) is ClockState.RUNNING


def test_a_deadline_passed_under_the_old_severity_stays_breached(policy):
    inc = page(Severity.SEV1)  # not acknowledged within 5 min...
    inc.change_severity(Severity.SEV3, at=at(10, 8), actor="a", reason="one customer")
    inc.move_to(Status.ACKNOWLEDGED, at=at(10, 9), actor="a")
    ack = ack_clock(inc, policy)  # ...lowering it afterwards does not undo the breach
    assert ack.severity is Severity.SEV1 and ack.state(at(10, 10)) is ClockState.BREACHED


def test_unacknowledged_page_raised_gets_the_new_ack_clock_from_the_change(policy):
    inc = page(Severity.SEV3)
    inc.change_severity(Severity.SEV1, at=at(10, 30), actor="a", reason="spreading")
    ack = ack_clock(inc, policy)
    assert ack.deadline == at(10, 35) and ack.spent_before == 30 * M
    assert ack.state(at(10, 34, 59)) is ClockState.RUNNING


def test_phase_boxes_follow_the_severity_in_force(policy):
    sev2 = page(Severity.SEV2)
    ends = [p.ends_at for p in phase_progress(sev2, policy)[:4]]
    assert ends == [at(10, 10), at(11), at(12), at(14)]  # x2: phase 4 ends at the 4 h SLA
    assert not current_phase(sev2, policy).overrun(at(10, 9))
    sev3 = page(Severity.SEV3)
    assert phase_progress(sev3, policy)[0].ends_at == at(11)  # x12: 1 h = its ack SLA
    raised = raised_sev3_to_sev1()
    assert phase_progress(raised, policy)[0].ends_at == at(12, 5)


# --- reopening ------------------------------------------------------------------------------------


def test_updates_after_a_reopening_are_due_from_the_reopening(policy):
    inc = page(Severity.SEV1)
    inc.move_to(Status.ACKNOWLEDGED, at=at(10, 2), actor="a")
    inc.move_to(Status.RESOLVED, at=at(10, 30), actor="a")
    for audience in Audience:
        inc.record_update_sent(audience, at=at(10, 35), actor="a")
    assert next_updates(inc, policy) == {}
    inc.move_to(Status.INVESTIGATING, at=at(11), actor="a", note="errors are back")
    dues = next_updates(inc, policy)
    assert set(dues) == set(Audience)
    for due in dues.values():
        assert due.due_at == at(11, 5) and due.reason is DueReason.REOPENED
        assert not due.overdue(at(11))
    inc.record_update_sent(Audience.INTERNAL, at=at(11, 4), actor="a")
    assert next_update(inc, Audience.INTERNAL, policy).due_at == at(11, 19)


# --- escalation -----------------------------------------------------------------------------------


def test_sev2_escalates_at_exactly_two_hours_unresolved(policy):
    inc = page(Severity.SEV2)
    assert escalation_due_at(inc, policy) == at(12)
    assert not escalation_needed(inc, policy, at(11, 59, 59))
    assert escalation_needed(inc, policy, at(12))
    inc.move_to(Status.RESOLVED, at=at(12, 30), actor="a")
    assert not escalation_needed(inc, policy, at(12, 31))


def test_escalation_counts_from_the_severity_change(policy):
    inc = page(Severity.SEV3)
    assert escalation_due_at(inc, policy) is None  # standard: no timed escalation
    inc.change_severity(Severity.SEV2, at=at(13), actor="a", reason="wider")
    assert escalation_due_at(inc, policy) == at(15)
    inc.change_severity(Severity.SEV1, at=at(14), actor="a", reason="down")
    assert escalation_due_at(inc, policy) == at(14)  # immediate


def test_contacts_follow_the_severity(policy):
    sev1 = {c.name for c in policy.contacts_for(Severity.SEV1)}
    sev2 = {c.name for c in policy.contacts_for(Severity.SEV2)}
    assert {"CTO", "Team Dev"} <= sev1
    assert sev2 == {"Lead Dev"}
    assert policy.contacts_for(Severity.SEV3) == ()


# --- phase 5: an hour of monitoring ---------------------------------------------------------


def test_monitoring_runs_one_hour_after_resolution(policy):
    inc = page(Severity.SEV1)
    assert monitoring_until(inc, policy) is None
    inc.move_to(Status.RESOLVED, at=at(11, 15), actor="a")
    assert monitoring_until(inc, policy) == at(12, 15)
    assert monitoring_running(inc, policy, at(12, 14, 59))
    assert not monitoring_running(inc, policy, at(12, 15))


# --- warnings before a breach (issue 17, item 4) -----------------------------------------------


def warned(inc, policy, now):
    from oncall_desktop.core.deadlines import breach_warnings

    return [
        (w.kind.value, w.audience.value if w.audience else "")
        for w in breach_warnings(inc, policy, now)
    ]


def test_the_acknowledge_sla_is_warned_halfway_for_sev1_and_five_minutes_ahead_for_sev3(policy):
    sev1 = page(Severity.SEV1)  # 5 min: warned at 2:30 left, not at once
    assert ("acknowledge", "") not in warned(sev1, policy, at(10, 2, 29))
    assert ("acknowledge", "") in warned(sev1, policy, at(10, 2, 30))
    assert ("acknowledge", "") not in warned(sev1, policy, at(10, 5))  # breached: no warning
    sev3 = page(Severity.SEV3)  # 1 h: warned 5 min ahead
    assert ("acknowledge", "") not in warned(sev3, policy, at(10, 54, 59))
    assert ("acknowledge", "") in warned(sev3, policy, at(10, 55))
    sev3.move_to(Status.ACKNOWLEDGED, at=at(10, 56), actor="a")
    assert ("acknowledge", "") not in warned(sev3, policy, at(10, 57))


def test_each_update_owed_is_warned_five_minutes_ahead(policy):
    inc = page(Severity.SEV1)
    inc.move_to(Status.ACKNOWLEDGED, at=at(10, 1), actor="a")
    inc.record_update_sent(Audience.INTERNAL, at=at(10, 3), actor="a")  # next by 10:18
    assert ("update", "internal") not in warned(inc, policy, at(10, 12, 59))
    assert ("update", "internal") in warned(inc, policy, at(10, 13))
    assert ("update", "internal") not in warned(inc, policy, at(10, 18, 1))  # overdue now


def test_the_sev2_escalation_and_the_resolve_sla_are_warned(policy):
    inc = page(Severity.SEV2)
    inc.move_to(Status.ACKNOWLEDGED, at=at(10, 5), actor="a")
    assert ("escalation", "") not in warned(inc, policy, at(11, 54, 59))
    assert ("escalation", "") in warned(inc, policy, at(11, 55))
    assert ("resolve", "") in warned(inc, policy, at(13, 55))  # 4 h SLA
    inc.move_to(Status.RESOLVED, at=at(13, 56), actor="a")
    assert warned(inc, policy, at(13, 57)) == []


def test_a_warning_has_one_key_however_often_it_is_asked(policy):
    from oncall_desktop.core.deadlines import breach_warnings

    inc = page(Severity.SEV3)
    first = {w.key for w in breach_warnings(inc, policy, at(10, 55))}
    again = {w.key for w in breach_warnings(inc, policy, at(10, 58))}
    assert first & again

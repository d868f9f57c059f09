from datetime import timedelta

from oncall_desktop.core.clock import ClockJumpDetector, FakeClock
from oncall_desktop.core.deadlines import (
    ClockState,
    DueReason,
    ack_clock,
    current_phase,
    escalation_due_at,
    escalation_needed,
    next_update,
    next_updates,
    open_deadlines,
    phase_progress,
    reminders,
    resolve_clock,
)
from oncall_desktop.core.incident import Incident, Status
from oncall_desktop.core.policy import Audience, Severity

M = timedelta(minutes=1)


def declare(clock, severity=Severity.SEV1, **kw):
    return Incident.declare(title="DB down", severity=severity, at=clock.now(), actor="a", **kw)


def test_ack_clock_sev1_runs_five_minutes_from_detection(clock, policy):
    detected = clock.now() - 2 * M  # paged 2 min before the app declared it
    inc = declare(clock, detected_at=detected)
    ack = ack_clock(inc, policy)
    assert ack.deadline == detected + 5 * M
    assert ack.remaining(clock.now()) == 3 * M
    assert ack.state(clock.now()) is ClockState.RUNNING
    clock.advance(4 * M)
    assert ack.breached(clock.now()) and ack.state(clock.now()) is ClockState.BREACHED


def test_ack_clock_freezes_when_met(clock, policy):
    inc = declare(clock)
    clock.advance(3 * M)
    inc.move_to(Status.ACKNOWLEDGED, at=clock.now(), actor="a")
    clock.advance(60 * M)
    ack = ack_clock(inc, policy)
    assert ack.state(clock.now()) is ClockState.MET
    assert ack.remaining(clock.now()) == 2 * M


def test_resolve_clock_per_severity(clock, policy):
    for severity, hours in ((Severity.SEV1, 2), (Severity.SEV2, 4), (Severity.SEV3, 24)):
        inc = declare(clock, severity)
        assert resolve_clock(inc, policy).deadline == inc.detected_at + timedelta(hours=hours)


def test_severity_change_moves_every_clock(clock, policy):
    inc = declare(clock, Severity.SEV3)
    assert ack_clock(inc, policy).deadline == inc.detected_at + 60 * M
    assert next_update(inc, Audience.STATUS_PAGE, policy) is None
    inc.change_severity(Severity.SEV1, at=clock.now(), actor="a", reason="spreading")
    assert ack_clock(inc, policy).deadline == inc.detected_at + 5 * M
    assert resolve_clock(inc, policy).deadline == inc.detected_at + 120 * M
    assert next_update(inc, Audience.STATUS_PAGE, policy).due_at == inc.declared_at + 5 * M


def test_clocks_survive_sleep_and_jump_because_they_derive_from_now(policy):
    clock = FakeClock()
    inc = declare(clock)
    clock.sleep(timedelta(minutes=10))  # lid closed; the monotonic clock stood still
    assert ack_clock(inc, policy).breached(clock.now())
    assert next_update(inc, Audience.INTERNAL, policy).overdue(clock.now())


def test_jump_detector_sees_sleep_and_jumps_but_not_normal_time():
    clock = FakeClock()
    detector = ClockJumpDetector(clock)
    clock.advance(timedelta(hours=3))
    assert detector.check() == 0.0
    clock.sleep(timedelta(minutes=40))
    assert detector.check() == 2400.0
    clock.jump(-timedelta(minutes=5))
    assert detector.check() == -300.0
    assert detector.check() == 0.0


def test_sev1_internal_cadence(clock, policy):
    inc = declare(clock)
    due = next_update(inc, Audience.INTERNAL, policy)
    assert (due.due_at, due.reason) == (inc.declared_at + 5 * M, DueReason.DECLARATION)
    clock.advance(4 * M)
    inc.record_update_sent(Audience.INTERNAL, at=clock.now(), actor="a")
    due = next_update(inc, Audience.INTERNAL, policy)
    assert (due.due_at, due.reason) == (clock.now() + 15 * M, DueReason.RECURRING)
    clock.advance(16 * M)
    assert due.overdue(clock.now()) and due.remaining(clock.now()) == -M


def test_cadence_per_severity_and_audience(clock, policy):
    sev2 = declare(clock, Severity.SEV2)
    sev2.record_update_sent(Audience.INTERNAL, at=clock.now(), actor="a")
    sev2.record_update_sent(Audience.STATUS_PAGE, at=clock.now(), actor="a")
    dues = next_updates(sev2, policy)
    assert dues[Audience.INTERNAL].due_at == clock.now() + 15 * M  # the stricter reading
    assert dues[Audience.STATUS_PAGE].due_at == clock.now() + 60 * M
    assert dues[Audience.EXECUTIVE].due_at == clock.now() + 24 * 60 * M  # daily summary
    sev3 = declare(clock, Severity.SEV3)
    sev3.record_update_sent(Audience.INTERNAL, at=clock.now(), actor="a")
    assert set(next_updates(sev3, policy)) == {Audience.INTERNAL}
    assert next_updates(sev3, policy)[Audience.INTERNAL].due_at == clock.now() + 60 * M


def test_executive_sev1_at_declaration_and_resolution_only(clock, policy):
    inc = declare(clock)
    assert next_update(inc, Audience.EXECUTIVE, policy).reason is DueReason.DECLARATION
    inc.record_update_sent(Audience.EXECUTIVE, at=clock.now(), actor="a")
    assert next_update(inc, Audience.EXECUTIVE, policy) is None
    clock.advance(70 * M)
    inc.move_to(Status.RESOLVED, at=clock.now(), actor="a")
    due = next_update(inc, Audience.EXECUTIVE, policy)
    assert (due.reason, due.due_at) == (DueReason.RESOLUTION, clock.now() + 15 * M)
    clock.advance(M)
    inc.record_update_sent(Audience.EXECUTIVE, at=clock.now(), actor="a")
    assert next_update(inc, Audience.EXECUTIVE, policy) is None


def test_snooze_pushes_a_reminder_until_the_next_send(clock, policy):
    inc = declare(clock)
    inc.record_update_sent(Audience.INTERNAL, at=clock.now(), actor="a")
    until = clock.now() + 25 * M
    inc.snooze_reminder(
        Audience.INTERNAL, until=until, at=clock.now(), actor="a", reason="waiting for GCP"
    )
    due = next_update(inc, Audience.INTERNAL, policy)
    assert due.due_at == until and due.snoozed_until == until
    clock.advance(26 * M)
    inc.record_update_sent(Audience.INTERNAL, at=clock.now(), actor="a")
    assert next_update(inc, Audience.INTERNAL, policy).due_at == clock.now() + 15 * M


def test_phases_time_boxes_from_detection_and_overrun(clock, policy):
    inc = declare(clock)
    progress = phase_progress(inc, policy)
    assert [p.ends_at - inc.detected_at for p in progress[:4]] == [5 * M, 30 * M, 60 * M, 120 * M]
    assert progress[4].starts_at is None
    assert current_phase(inc, policy).phase.id == "detection"
    clock.advance(6 * M)
    assert current_phase(inc, policy).overrun(clock.now())
    for step in ("1.1", "1.2", "1.3", "1.4"):
        inc.tick_step(step, at=clock.now(), actor="a")
    assert current_phase(inc, policy).phase.id == "investigation"
    assert not current_phase(inc, policy).overrun(clock.now())


def test_post_incident_phase_starts_at_resolution(clock, policy):
    inc = declare(clock)
    clock.advance(50 * M)
    inc.move_to(Status.RESOLVED, at=clock.now(), actor="a")
    current = current_phase(inc, policy)
    assert current.phase.id == "post_incident"
    assert current.starts_at == clock.now() and current.ends_at == clock.now() + 60 * M


def test_escalation_rules(clock, policy):
    sev1, sev2, sev3 = (declare(clock, s) for s in Severity)
    assert escalation_due_at(sev1, policy) == sev1.detected_at
    assert escalation_needed(sev1, policy, clock.now())
    assert escalation_due_at(sev2, policy) == sev2.detected_at + 120 * M
    clock.advance(119 * M)
    assert not escalation_needed(sev2, policy, clock.now())
    clock.advance(M)
    assert escalation_needed(sev2, policy, clock.now())
    sev2.move_to(Status.RESOLVED, at=clock.now(), actor="a")
    assert not escalation_needed(sev2, policy, clock.now())
    assert escalation_due_at(sev3, policy) is None


def test_no_escalation_is_due_once_the_incident_is_no_longer_active(clock, policy):
    """A SEV-2 resolved at 1:30 has no escalation "due at 2:00" (issue 23, item 8); nor has a
    SEV-1 once resolved, or any incident once closed."""
    sev1, sev2 = declare(clock, Severity.SEV1), declare(clock, Severity.SEV2)
    clock.advance(90 * M)
    for incident in (sev1, sev2):
        assert escalation_due_at(incident, policy) is not None
        incident.move_to(Status.RESOLVED, at=clock.now(), actor="a")
        assert escalation_due_at(incident, policy) is None
    clock.advance(60 * M)
    sev2.move_to(Status.CLOSED, at=clock.now(), actor="a")
    assert escalation_due_at(sev2, policy) is None


def test_open_deadlines_soonest_first(clock, policy):
    inc = declare(clock)
    labels = [d.label for d in open_deadlines(inc, policy)]
    assert labels[0] in ("acknowledge", "internal", "status_page", "executive")
    assert labels[-1] == "resolve"
    assert open_deadlines(inc, policy)[0].remaining(clock.now()) == 5 * M
    inc.move_to(Status.ACKNOWLEDGED, at=clock.now(), actor="a")
    assert "acknowledge" not in [d.label for d in open_deadlines(inc, policy)]


def test_reminders_follow_the_situation(clock, policy):
    inc = declare(clock)
    for step in ("1.1", "1.2", "1.3", "1.4"):
        inc.tick_step(step, at=clock.now(), actor="a")
    for audience in Audience:
        inc.record_update_sent(audience, at=clock.now(), actor="a")
    assert [a.id for a in reminders(inc, policy, clock.now())] == ["panic_guess"]
    for step in ("2.1", "2.2", "2.3"):
        inc.tick_step(step, at=clock.now(), actor="a")
    # 2.4 (root cause) still open: investigation goes on
    inc.tick_step("2.4", at=clock.now(), actor="a")
    assert reminders(inc, policy, clock.now()) == []
    clock.advance(16 * M)
    assert [a.id for a in reminders(inc, policy, clock.now())] == ["no_communication"]
    inc.move_to(Status.RESOLVED, at=clock.now(), actor="a")
    ids = [a.id for a in reminders(inc, policy, clock.now())]
    assert "skip_postmortem" in ids


def test_fix_without_understanding_when_mitigating_before_root_cause(clock, policy):

    inc = declare(clock)
    for step in ("1.1", "1.2", "1.3", "1.4", "2.1", "2.2", "2.3"):
        inc.tick_step(step, at=clock.now(), actor="a")
    assert current_phase(inc, policy).phase.id == "investigation"  # 2.4 open
    for audience in Audience:
        inc.record_update_sent(audience, at=clock.now(), actor="a")
    inc.tick_step("3.1", at=clock.now(), actor="a")  # a workaround before the root cause
    ids = [a.id for a in reminders(inc, policy, clock.now())]
    assert "fix_without_understanding" in ids
    inc.tick_step("2.4", at=clock.now(), actor="a")
    assert "fix_without_understanding" not in [a.id for a in reminders(inc, policy, clock.now())]


def test_escalation_contacts_notified_once(clock):
    import pytest

    from oncall_desktop.core.errors import DomainError

    inc = declare(clock)
    inc.mark_contact_notified("CTO", at=clock.now(), actor="a")
    assert inc.notified_contacts == {"CTO"}
    with pytest.raises(DomainError):
        inc.mark_contact_notified("CTO", at=clock.now(), actor="a")

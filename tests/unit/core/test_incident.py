from datetime import timedelta

import pytest

from oncall_desktop.core.errors import DomainError, TransitionError
from oncall_desktop.core.incident import ALLOWED_TRANSITIONS, EventKind, Incident, Status
from oncall_desktop.core.policy import Audience, Severity


def declare(clock, **kw):
    kw.setdefault("title", "API Down - All endpoints returning 500")
    kw.setdefault("severity", Severity.SEV1)
    return Incident.declare(at=clock.now(), actor="alice", **kw)


def test_declare_records_an_event(clock):
    inc = declare(clock, impact="100% users")
    assert inc.status is Status.TRIGGERED
    assert [e.kind for e in inc.timeline] == [EventKind.DECLARED]
    assert inc.timeline[0].data["severity"] == "SEV-1"
    assert inc.detected_at == inc.declared_at == clock.now()


def test_title_is_required_and_detection_cannot_follow_declaration(clock):
    with pytest.raises(DomainError):
        declare(clock, title="   ")
    with pytest.raises(DomainError):
        declare(clock, detected_at=clock.now() + timedelta(minutes=1))


def test_full_lifecycle(clock):
    inc = declare(clock)
    for status in (
        Status.ACKNOWLEDGED,
        Status.INVESTIGATING,
        Status.MITIGATING,
        Status.RESOLVED,
        Status.CLOSED,
    ):
        clock.advance(60)
        inc.move_to(status, at=clock.now(), actor="alice")
    assert inc.acknowledged_at == inc.declared_at + timedelta(minutes=1)
    assert inc.resolved_at == inc.declared_at + timedelta(minutes=4)
    assert inc.closed_at == inc.declared_at + timedelta(minutes=5)
    changes = [(e.data["previous"], e.data["to"]) for e in inc.events(EventKind.STATUS_CHANGED)]
    assert changes[0] == ("triggered", "acknowledged") and changes[-1] == ("resolved", "closed")


@pytest.mark.parametrize(
    ("start", "target"),
    [(s, t) for s in Status for t in Status if t not in ALLOWED_TRANSITIONS[s]],
)
def test_impossible_transitions_are_refused(clock, start, target):
    inc = declare(clock)
    inc.status = start
    before = list(inc.timeline)
    with pytest.raises(TransitionError):
        inc.move_to(target, at=clock.now(), actor="alice")
    assert inc.status is start and inc.timeline == before


def test_no_way_back_to_triggered_and_closed_is_final(clock):
    assert Status.TRIGGERED not in set().union(*ALLOWED_TRANSITIONS.values())
    assert ALLOWED_TRANSITIONS[Status.CLOSED] == frozenset()


def test_skipping_acknowledge_still_records_when_it_was_taken(clock):
    inc = declare(clock)
    clock.advance(120)
    inc.move_to(Status.INVESTIGATING, at=clock.now(), actor="alice")
    assert inc.acknowledged_at == clock.now()


def test_resolving_a_triggered_incident_leaves_it_unacknowledged(clock):
    inc = declare(clock)
    inc.move_to(Status.RESOLVED, at=clock.now(), actor="pagerduty")
    assert inc.acknowledged_at is None


def test_reopen_clears_resolution(clock):
    inc = declare(clock, status=Status.ACKNOWLEDGED)
    inc.move_to(Status.RESOLVED, at=clock.now(), actor="alice")
    inc.move_to(Status.INVESTIGATING, at=clock.now(), actor="alice")
    assert inc.resolved_at is None and inc.is_active


def test_severity_change_needs_a_reason_and_is_recorded(clock):
    inc = declare(clock)
    with pytest.raises(DomainError):
        inc.change_severity(Severity.SEV2, at=clock.now(), actor="alice", reason=" ")
    with pytest.raises(DomainError):
        inc.change_severity(Severity.SEV1, at=clock.now(), actor="alice", reason="same")
    inc.change_severity(Severity.SEV2, at=clock.now(), actor="alice", reason="only Gmail users")
    event = inc.events(EventKind.SEVERITY_CHANGED)[0]
    assert (event.data["previous"], event.data["to"], event.data["reason"]) == (
        "SEV-1",
        "SEV-2",
        "only Gmail users",
    )


def test_steps_record_who_and_when(clock):
    inc = declare(clock)
    clock.advance(30)
    inc.tick_step("1.2", at=clock.now(), actor="bob", note="acked in PD")
    assert inc.steps["1.2"].done_by == "bob" and inc.steps["1.2"].done_at == clock.now()
    with pytest.raises(DomainError):
        inc.tick_step("1.2", at=clock.now(), actor="bob")
    inc.untick_step("1.2", at=clock.now(), actor="bob")
    assert not inc.steps["1.2"].done
    kinds = [e.kind for e in inc.timeline]
    assert kinds == [EventKind.DECLARED, EventKind.STEP_DONE, EventKind.STEP_UNDONE]


def test_notes_updates_and_snoozes_go_in_the_timeline(clock):
    inc = declare(clock)
    inc.add_note("rollback started", at=clock.now(), actor="alice")
    with pytest.raises(DomainError):
        inc.add_note("  ", at=clock.now(), actor="alice")
    inc.record_update_sent(Audience.INTERNAL, at=clock.now(), actor="alice", channel="slack")
    with pytest.raises(DomainError):
        inc.snooze_reminder(
            Audience.INTERNAL,
            until=clock.now() + timedelta(minutes=5),
            at=clock.now(),
            actor="alice",
            reason="",
        )
    with pytest.raises(DomainError):
        inc.snooze_reminder(
            Audience.INTERNAL, until=clock.now(), at=clock.now(), actor="alice", reason="x"
        )
    assert [e.kind for e in inc.timeline][1:] == [EventKind.NOTE, EventKind.UPDATE_SENT]


def test_a_note_is_bounded(clock):
    import pytest

    from oncall_desktop.core.errors import DomainError
    from oncall_desktop.core.incident import MAX_NOTE_LENGTH

    inc = Incident.declare(title="x", severity=Severity.SEV1, at=clock.now(), actor="a")
    inc.add_note("y" * MAX_NOTE_LENGTH, at=clock.now(), actor="a")
    with pytest.raises(DomainError, match="at most"):
        inc.add_note("y" * (5 * 1024 * 1024), at=clock.now(), actor="a")

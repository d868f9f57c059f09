"""Steps ticked by evidence (issue 17, item 3): what the app did or saw ticks its step."""

from datetime import UTC, datetime, timedelta

from oncall_desktop.core.deadlines import current_phase
from oncall_desktop.core.evidence import APP, done_steps
from oncall_desktop.core.incident import Incident, Status
from oncall_desktop.core.paging import AlertLink
from oncall_desktop.core.policy import Audience, Severity

AT = datetime(2025, 10, 20, 22, 15, tzinfo=UTC)
M = timedelta(minutes=1)


def from_page():
    return Incident.declare(
        title="API down",
        severity=Severity.SEV1,
        at=AT,
        actor="PagerDuty",
        alert=AlertLink("pagerduty", "PINC1"),
        provisional_from_urgency="high",
    )


def test_a_page_handled_by_the_app_ticks_its_steps(policy):
    inc = from_page()
    assert set(done_steps(inc, policy)) == {"1.1"}  # received; severity only provisional
    inc.move_to(Status.ACKNOWLEDGED, at=AT + 2 * M, actor="ana", confirmed_by="pagerduty")
    inc.change_severity(Severity.SEV2, at=AT + 3 * M, actor="ana", reason="Gmail users only")
    inc.record_update_sent(Audience.INTERNAL, at=AT + 4 * M, actor="ana", channel="slack")
    inc.mark_contact_notified("Lead Dev", at=AT + 5 * M, actor="ana")
    inc.record_update_sent(Audience.INTERNAL, at=AT + 20 * M, actor="ana", channel="slack")
    done = done_steps(inc, policy)
    assert {"1.1", "1.2", "1.3", "1.4", "3.2", "3.3"} <= set(done)
    assert done["1.2"].by == APP and done["1.2"].at == AT + 2 * M
    assert done["1.2"].evidence == "acknowledged"
    assert current_phase(inc, policy).phase.id == "investigation"  # phase 1 complete
    inc.move_to(Status.RESOLVED, at=AT + 60 * M, actor="ana", confirmed_by="pagerduty")
    assert "4.2" in done_steps(inc, policy) and "4.3" not in done_steps(inc, policy)
    inc.record_update_sent(Audience.STATUS_PAGE, at=AT + 62 * M, actor="ana", channel="x")
    assert "4.3" in done_steps(inc, policy)


def test_a_person_can_untick_what_the_app_ticked_and_tick_again(policy):
    inc = from_page()
    inc.move_to(Status.ACKNOWLEDGED, at=AT + M, actor="ana")
    inc.untick_step("1.2", at=AT + 2 * M, actor="ana", ticked_by_evidence=True)
    assert "1.2" not in done_steps(inc, policy)
    inc.tick_step("1.2", at=AT + 3 * M, actor="ana")
    assert done_steps(inc, policy)["1.2"].by == "ana"


def test_a_careless_run_does_not_look_careful(policy):
    """Resolved in a minute and a half with nothing sent: only what happened is ticked."""
    inc = from_page()
    inc.move_to(
        Status.RESOLVED, at=AT + 90 * timedelta(seconds=1), actor="ana", confirmed_by="pagerduty"
    )
    assert set(done_steps(inc, policy)) == {"1.1", "4.2"}


def test_a_page_acknowledged_or_resolved_here_alone_ticks_nothing(policy):
    """Issue 23: a local click does not stop PagerDuty escalating. 1.2 and 4.2 ("resolve the
    incident (PagerDuty)") are ticked on PagerDuty's answer, not on the click."""
    inc = from_page()
    inc.move_to(Status.ACKNOWLEDGED, at=AT + M, actor="ana")
    assert "1.2" not in done_steps(inc, policy)
    inc.move_to(Status.RESOLVED, at=AT + 30 * M, actor="ana", note="fixed")
    assert "4.2" not in done_steps(inc, policy)
    inc.record_update_sent(Audience.INTERNAL, at=AT + 31 * M, actor="ana", channel="slack")
    assert "4.3" in done_steps(inc, policy)  # the notice went, whatever PagerDuty holds


def test_an_incident_declared_here_counts_its_own_moves(policy):
    inc = Incident.declare(title="Mail down", severity=Severity.SEV2, at=AT, actor="ana")
    inc.move_to(Status.RESOLVED, at=AT + 30 * M, actor="ana", note="fixed")
    assert "4.2" in done_steps(inc, policy)

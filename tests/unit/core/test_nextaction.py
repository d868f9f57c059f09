"""One next action over a whole SEV-1 (issue 17, item 2)."""

from datetime import UTC, datetime, timedelta

from oncall_desktop.core.incident import Incident, Status
from oncall_desktop.core.nextaction import ActionKind, next_action
from oncall_desktop.core.paging import AlertLink
from oncall_desktop.core.policy import Audience, Severity

AT = datetime(2025, 10, 20, 22, 15, tzinfo=UTC)
M = timedelta(minutes=1)


def test_the_next_action_walks_a_whole_sev1(policy):
    inc = Incident.declare(
        title="API down",
        severity=Severity.SEV1,
        at=AT,
        actor="PagerDuty",
        alert=AlertLink("pagerduty", "PINC1"),
        provisional_from_urgency="high",
    )

    def step(now):
        action = next_action(inc, policy, now)
        return action.kind, action.due_at, action.audience

    assert step(AT) == (ActionKind.ACKNOWLEDGE, AT + 5 * M, None)
    inc.move_to(Status.ACKNOWLEDGED, at=AT + 2 * M, actor="ana")
    assert step(AT + 2 * M) == (ActionKind.CONFIRM_SEVERITY, AT + 5 * M, None)
    inc.tick_step("1.3", at=AT + 3 * M, actor="ana", note="confirmed SEV-1")
    assert step(AT + 3 * M) == (ActionKind.DECLARE, AT + 5 * M, Audience.INTERNAL)
    inc.record_update_sent(Audience.INTERNAL, at=AT + 4 * M, actor="ana", channel="slack")
    assert step(AT + 4 * M)[0] is ActionKind.ESCALATE  # SEV-1: at once
    for contact in policy.contacts_for(Severity.SEV1):
        inc.mark_contact_notified(contact.name, at=AT + 5 * M, actor="ana")
    kind, due, audience = step(AT + 5 * M)
    assert kind is ActionKind.SEND_UPDATE and audience is not Audience.INTERNAL  # owed at 5
    for audience in (Audience.STATUS_PAGE, Audience.EXECUTIVE):
        inc.record_update_sent(audience, at=AT + 5 * M, actor="ana", channel="x")
    assert step(AT + 6 * M) == (ActionKind.SEND_UPDATE, AT + 19 * M, Audience.INTERNAL)
    inc.move_to(Status.RESOLVED, at=AT + 60 * M, actor="ana", note="failover")
    kind, due, audience = step(AT + 60 * M)
    assert kind is ActionKind.SEND_RESOLUTION_NOTICE and due == AT + 75 * M
    for audience in Audience:
        inc.record_update_sent(audience, at=AT + 61 * M, actor="ana", channel="x")
    assert step(AT + 61 * M) == (ActionKind.MONITOR, AT + 120 * M, None)
    assert step(AT + 120 * M)[0] is ActionKind.CLOSE
    inc.move_to(Status.CLOSED, at=AT + 121 * M, actor="ana")
    assert step(AT + 121 * M)[0] is ActionKind.NOTHING


def test_resolve_comes_when_it_is_the_nearest_deadline(policy):
    inc = Incident.declare(
        title="x", severity=Severity.SEV3, at=AT, actor="ana", status=Status.ACKNOWLEDGED
    )
    inc.record_update_sent(Audience.INTERNAL, at=AT + M, actor="ana", channel="slack")
    kind = next_action(inc, policy, AT + 2 * M).kind
    assert kind is ActionKind.SEND_UPDATE  # SEV-3: hourly updates before the 24 h
    late = AT + timedelta(hours=23, minutes=30)
    inc.record_update_sent(Audience.INTERNAL, at=late, actor="ana", channel="slack")
    assert next_action(inc, policy, late).kind is ActionKind.RESOLVE


def _declared_sev1(policy):
    inc = Incident.declare(
        title="API down", severity=Severity.SEV1, at=AT, actor="ana", status=Status.ACKNOWLEDGED
    )
    inc.tick_step("1.3", at=AT + M, actor="ana", note="confirmed SEV-1")
    inc.record_update_sent(Audience.INTERNAL, at=AT + 2 * M, actor="ana", channel="slack")
    return inc


def test_escalation_is_done_without_the_contact_the_sop_names_only_if(policy):
    """SOP 3.2: CTO + the whole team (and GCP); BANGE Support only "si webhook issue"."""
    inc = _declared_sev1(policy)
    for name in ("CTO", "GCP Support", "Team Dev"):
        inc.mark_contact_notified(name, at=AT + 3 * M, actor="ana")
    late = AT + 10 * M
    action = next_action(inc, policy, late)
    # the status page and executive updates were owed at 5:00: that is what is late now
    assert action.kind is ActionKind.SEND_UPDATE
    assert action.due_at == AT + 5 * M and action.audience is not Audience.INTERNAL
    bange = next(c for c in policy.contacts_for(Severity.SEV1) if c.name == "BANGE Support")
    assert bange.when is not None and bange.when.get("fr") == "si problème de webhook"


def test_the_escalation_still_leads_while_a_required_contact_is_missing(policy):
    inc = _declared_sev1(policy)
    for name in ("CTO", "GCP Support"):  # not the team yet
        inc.mark_contact_notified(name, at=AT + 3 * M, actor="ana")
    assert next_action(inc, policy, AT + 10 * M).kind is ActionKind.ESCALATE


def test_an_update_late_for_longer_comes_before_an_escalation_just_due(policy):
    """SEV-2 escalates when unresolved at 2 h; an update owed before that and still not sent
    is the more urgent one, not hidden behind the escalation."""
    inc = Incident.declare(
        title="x", severity=Severity.SEV2, at=AT, actor="ana", status=Status.ACKNOWLEDGED
    )
    inc.tick_step("1.3", at=AT + M, actor="ana", note="SEV-2")
    inc.record_update_sent(Audience.INTERNAL, at=AT + 2 * M, actor="ana", channel="slack")
    now = AT + 125 * M
    action = next_action(inc, policy, now)
    assert action.kind is ActionKind.SEND_UPDATE and action.due_at is not None
    assert action.due_at < AT + 120 * M  # late for longer than the escalation
    for contact in policy.required_contacts(Severity.SEV2):
        assert contact.name not in inc.notified_contacts

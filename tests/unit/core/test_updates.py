"""What counts as an audience's update (core.updates, core.destinations.serves): delivered by a
destination that serves the audience, or marked sent; one composed message is one update
however many destinations took it; a refusal by the audience's own destination is said until
something makes up for it."""

from datetime import UTC, datetime, timedelta

from oncall_desktop.core.compose import MessageKind, default_kind, update_number
from oncall_desktop.core.destinations import (
    PAGERDUTY_STATUS,
    SLACK,
    SLACK_WEBHOOK,
    Destination,
    register_destination,
    serves,
    unregister_destination,
)
from oncall_desktop.core.evidence import done_steps
from oncall_desktop.core.incident import EventKind, Incident, TimelineEvent
from oncall_desktop.core.outbox import Post, PostState
from oncall_desktop.core.policy import Audience, Severity, Text
from oncall_desktop.core.updates import MESSAGE, refused_updates, updates_sent

AT = datetime(2025, 10, 20, 22, 15, tzinfo=UTC)
M = timedelta(minutes=1)
INTERNAL, EXTERNAL = Audience.INTERNAL.value, Audience.STATUS_PAGE.value


def declared() -> Incident:
    return Incident.declare(title="API down", severity=Severity.SEV1, at=AT, actor="ana")


def delivered(inc: Incident, at: datetime, channel: str, message: str, kind: str = "") -> None:
    """An update the outbox recorded as delivered (services/outbox.timeline_event's shape)."""
    data = {"audience": INTERNAL, "channel": channel, "kind": kind, MESSAGE: message}
    inc.timeline.append(TimelineEvent(at=at, kind=EventKind.UPDATE_SENT, actor="ana", data=data))


def test_each_audience_is_served_by_its_own_destinations_only():
    assert serves(SLACK, INTERNAL) and serves(SLACK_WEBHOOK, INTERNAL)
    assert not serves(SLACK, EXTERNAL)  # the customers' text in Slack is a copy
    assert not serves(PAGERDUTY_STATUS, INTERNAL) and not serves(PAGERDUTY_STATUS, EXTERNAL)
    assert not serves(SLACK, "")  # a post for no audience serves none
    # a destination that names only the audiences it is offered for serves those
    register_destination(
        Destination("raven", Text(fr="Corbeau", en="Raven"), audiences=("internal",))
    )
    try:
        assert serves("raven", INTERNAL) and not serves("raven", EXTERNAL)
    finally:
        unregister_destination("raven")
    assert not serves("never_registered", INTERNAL)


def test_one_message_delivered_to_two_destinations_is_one_update(policy):
    """Issue 3: the declaration in Slack and Teams used to tick 3.3 "regular updates"."""
    inc = declared()
    delivered(inc, AT + M, SLACK, "m1", MessageKind.DECLARED.value)
    delivered(inc, AT + M + timedelta(seconds=3), "teams", "m1", MessageKind.DECLARED.value)
    assert [e.data["channel"] for e in updates_sent(inc, INTERNAL)] == [SLACK]
    done = done_steps(inc, policy)
    assert "1.4" in done and "3.3" not in done
    assert update_number(inc) == 1  # the first update after it is UPDATE #1, not #2
    assert default_kind(inc, Audience.INTERNAL) is MessageKind.UPDATE
    delivered(inc, AT + 16 * M, "teams", "m2")  # a second message: 3.3 is met by it
    assert done_steps(inc, policy)["3.3"].at == AT + 16 * M
    assert update_number(inc) == 2


def test_updates_marked_by_hand_or_recorded_before_message_ids_each_count(policy):
    inc = declared()
    inc.record_update_sent(Audience.INTERNAL, at=AT + M, actor="ana", channel="slack")
    inc.record_update_sent(Audience.INTERNAL, at=AT + 2 * M, actor="ana")
    assert len(updates_sent(inc, INTERNAL)) == 2
    assert "3.3" in done_steps(inc, policy)


def test_a_copy_noted_in_the_timeline_is_no_update(policy):
    """Issue 1: the declaration's PagerDuty copy (a note) does not post the declaration."""
    inc = declared()
    inc.add_note(
        "Posted to pagerduty_status",
        at=AT + M,
        actor="ana",
        posted_to=PAGERDUTY_STATUS,
        copy_of=INTERNAL,
        channel=PAGERDUTY_STATUS,
    )
    assert updates_sent(inc, INTERNAL) == []
    assert "1.4" not in done_steps(inc, policy)
    assert default_kind(inc, Audience.INTERNAL) is MessageKind.DECLARED


def post(n: int, target: str, state: PostState, at: datetime, audience: str = INTERNAL) -> Post:
    return Post(target, "x", incident_id=1, audience=audience, state=state, created_at=at, id=n)


def test_a_refusal_by_the_audiences_own_destination_is_said_until_made_up_for():
    inc = declared()
    slack_refused = post(1, SLACK, PostState.FAILED, AT + M)
    copy_sent = post(2, PAGERDUTY_STATUS, PostState.SENT, AT + M)
    assert refused_updates(inc, [slack_refused, copy_sent]) == {INTERNAL: slack_refused}
    # a refused copy leaves the audience as it was; a refusal for another audience is its own
    copy_refused = post(3, PAGERDUTY_STATUS, PostState.FAILED, AT + M, EXTERNAL)
    assert refused_updates(inc, [copy_refused]) == {}
    # edited and resent (pending again), or a later post on its way: not refused any more
    assert (
        refused_updates(inc, [slack_refused, post(4, SLACK, PostState.PENDING, AT + 2 * M)]) == {}
    )
    # marked sent by hand (or another destination of the team's delivered) since
    inc.record_update_sent(Audience.INTERNAL, at=AT + 3 * M, actor="ana")
    assert refused_updates(inc, [slack_refused]) == {}

"""What a delivered post writes in the incident's timeline (services/outbox.timeline_event):
the audience's update when its destination serves that audience, a copy otherwise; and the
message it belongs to, so that one message sent to several destinations is one update."""

from dataclasses import replace
from datetime import UTC, datetime

from oncall_desktop.config.schema import Settings
from oncall_desktop.core.clock import SystemClock
from oncall_desktop.core.incident import EventKind, Incident
from oncall_desktop.core.outbox import PostState
from oncall_desktop.core.paging import AlertLink
from oncall_desktop.core.policy import Audience, Severity
from oncall_desktop.core.updates import MESSAGE
from oncall_desktop.services.outbox import timeline_event
from oncall_desktop.services.routing import UpdateRouter

AT = datetime(2025, 10, 20, 22, 15, tzinfo=UTC)


def page():
    inc = Incident.declare(
        title="API down",
        severity=Severity.SEV1,
        at=AT,
        actor="a",
        alert=AlertLink("pagerduty", "P1"),
    )
    inc.id = 12
    return inc


def test_the_posts_of_one_message_share_its_id_and_each_message_has_its_own():
    posts = []
    router = UpdateRouter(lambda: Settings(slack_channel="#incidents"), posts.append)
    for target in ("slack", "pagerduty_status"):
        router.post(
            target, "x", incident=page(), audience="internal", kind="declared", message="m1"
        )
    router.post("slack", "y", incident=page(), audience="internal", kind="update")
    router.post_internal("z", kind="update", incident=page())
    ids = [p.extra[MESSAGE] for p in posts]
    assert ids[0] == ids[1] == "m1" and len({*ids[1:]}) == 3


def test_delivered_where_the_audience_reads_it_is_its_update_elsewhere_a_copy():
    posts = []
    router = UpdateRouter(lambda: Settings(slack_channel="#incidents"), posts.append)
    for target, audience in (
        ("slack", Audience.INTERNAL),
        ("pagerduty_status", Audience.INTERNAL),
        ("slack", Audience.STATUS_PAGE),
    ):
        router.post(target, "x", incident=page(), audience=audience.value, kind="k", message="m1")
    events = [
        timeline_event(replace(p, state=PostState.SENT, id=n), SystemClock(), "a")
        for n, p in enumerate(posts, start=1)
    ]
    assert events[0].kind is EventKind.UPDATE_SENT and events[0].data["audience"] == "internal"
    assert events[0].data[MESSAGE] == "m1"
    assert [(e.kind, e.data.get("copy_of"), e.data["posted_to"]) for e in events[1:]] == [
        (EventKind.NOTE, "internal", "pagerduty_status"),
        (EventKind.NOTE, "status_page", "slack"),
    ]

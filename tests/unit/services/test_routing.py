"""One place decides where an update goes, for every sender (issue 16, item 2)."""

from datetime import UTC, datetime

from oncall_desktop.config.schema import Settings
from oncall_desktop.core.incident import Incident
from oncall_desktop.core.outbox import Target
from oncall_desktop.core.paging import AlertLink
from oncall_desktop.core.policy import Severity
from oncall_desktop.services.routing import UpdateRouter

AT = datetime(2025, 10, 20, 22, 15, tzinfo=UTC)


def incident(pagerduty_id=None, channel=""):
    inc = Incident.declare(
        title="API down",
        severity=Severity.SEV1,
        at=AT,
        actor="a",
        alert=AlertLink("pagerduty", pagerduty_id) if pagerduty_id else None,
    )
    inc.id = 12
    if channel:
        inc.add_note("channel", at=AT, actor="a", slack_channel=channel)
    return inc


def router(**settings):
    posts = []
    return UpdateRouter(lambda: Settings(**settings), posts.append), posts


def test_bot_mode_uses_the_incidents_own_channel_then_the_settings_one():
    route, posts = router(slack_channel="#incidents")
    assert (
        route.post_internal("u1", kind="update", incident=incident(channel="C0OWN")).label
        == "C0OWN"
    )
    assert route.post_internal("u2", kind="update", incident=incident()).label == "#incidents"
    route.post_internal("pm", kind="postmortem", incident_id=12)
    assert [(p.target, p.destination, p.incident_id) for p in posts] == [
        (Target.SLACK, "C0OWN", 12),
        (Target.SLACK, "#incidents", 12),
        (Target.SLACK, "#incidents", 12),
    ]


def test_webhook_mode_sends_everything_internal_to_the_webhook():
    route, posts = router(slack_mode="webhook")
    for kind in ("declared", "update", "postmortem", "handoff"):
        assert route.post_internal(kind, kind=kind, incident=incident(channel="C0OWN")).label == (
            "webhook"
        )
    assert {(p.target, p.destination) for p in posts} == {(Target.SLACK_WEBHOOK, "")}


def test_status_updates_only_for_an_incident_from_a_page():
    route, posts = router()
    assert not route.post_status_update("x", incident=incident(), audience="internal", kind="u")
    assert route.post_status_update("x", incident=incident("PINC1"), audience="internal", kind="u")
    assert [(p.target, p.destination) for p in posts] == [(Target.PAGERDUTY_STATUS, "PINC1")]


def test_the_status_page_goes_only_where_one_is_set_up_and_its_route_fits_the_outbox():
    from oncall_desktop.integrations.statuspage import STATUS_PAGE, StatusPagePostRoute

    route, posts = router()
    assert not route.post_status_page(
        "x", incident=incident(), kind="status_page", title="t", every_minutes=30
    )
    route, posts = router(status_page_id="PSTPG01")
    long_title = "Perturbation généralisée du service — " * 10  # a team's long template
    assert route.post_status_page(
        "x", incident=incident(), kind="status_page", title=long_title, every_minutes=30
    )
    [post] = posts
    assert post.target == STATUS_PAGE and post.audience == "status_page"
    assert len(post.destination) <= 200  # the outbox's destination column
    sent = StatusPagePostRoute.decode(post.destination)
    assert (sent.page_id, sent.severity, sent.every_minutes) == ("PSTPG01", "SEV-1", 30)
    assert long_title.startswith(sent.title) and len(sent.title) <= 128


def test_the_status_page_route_carries_the_severitys_impact_and_still_fits():
    """Issue 24: the impact the procedure gives the severity travels with the post; a long
    title and many words still make a route of at most 200 characters."""
    from oncall_desktop.integrations.statuspage import StatusPagePostRoute

    route, posts = router(status_page_id="PSTPG01")
    route.post_status_page(
        "x",
        incident=incident(),
        kind="status_page",
        title="Service disruption — 2025-10-20 22:15 UTC",
        every_minutes=30,
        impact=("outage", "major outage"),
    )
    long_title = "Perturbation généralisée du service — " * 10
    route.post_status_page(
        "x",
        incident=incident(),
        kind="status_page",
        title=long_title,
        every_minutes=30,
        impact=("une panne générale de tout le service",) * 4,
    )
    first, second = (StatusPagePostRoute.decode(p.destination) for p in posts)
    assert first.impact == ("outage", "major outage")
    assert len(posts[1].destination) <= 200 and long_title.startswith(second.title)

"""One place decides where an update goes, for every sender (issue 16, item 2)."""

from datetime import UTC, datetime

from oncall_desktop.config.schema import Settings
from oncall_desktop.core.incident import Incident
from oncall_desktop.core.outbox import Target
from oncall_desktop.core.paging import AlertLink
from oncall_desktop.core.policy import Audience, Severity
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


def router(policy=None, **settings):
    posts = []
    return UpdateRouter(lambda: Settings(**settings), posts.append, policy), posts


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
    route.post("slack", "composed", incident=incident(), audience="internal", kind="update")
    assert {(p.target, p.destination) for p in posts} == {(Target.SLACK_WEBHOOK, "")}


def test_one_post_for_every_destination_each_routed_its_own_way():
    """Issue 25, item 3: the router has one post; the destination's route says where."""
    route, posts = router(slack_channel="#incidents")
    assert route.post(
        "slack", "x", incident=incident(), audience="internal", kind="update", notify_channel=True
    )
    assert route.post(
        "pagerduty_status", "x", incident=incident("PINC1"), audience="internal", kind="update"
    )
    assert [(p.target, p.destination, p.notify_channel) for p in posts] == [
        ("slack", "#incidents", True),
        (Target.PAGERDUTY_STATUS, "PINC1", False),
    ]


def test_status_updates_only_for_an_incident_from_a_page():
    route, posts = router()
    assert not route.post(
        "pagerduty_status", "x", incident=incident(), audience="internal", kind="u"
    )
    assert not route.takes("pagerduty_status", incident())
    assert route.post(
        "pagerduty_status", "x", incident=incident("PINC1"), audience="internal", kind="u"
    )
    assert [(p.target, p.destination) for p in posts] == [(Target.PAGERDUTY_STATUS, "PINC1")]


def test_the_status_page_goes_only_where_one_is_set_up_with_the_procedures_title(policy):
    from oncall_desktop.core.compose import status_page_title
    from oncall_desktop.integrations.statuspage import STATUS_PAGE, StatusPagePostRoute

    route, posts = router(policy)
    assert not route.post(STATUS_PAGE, "x", incident=incident(), audience="", kind="status_page")
    route, posts = router(policy, status_page_id="PSTPG01")
    assert route.post(STATUS_PAGE, "x", incident=incident(), audience="", kind="status_page")
    [post] = posts
    assert post.target == STATUS_PAGE and post.audience == "status_page"
    sent = StatusPagePostRoute.decode(post.destination)
    assert (sent.page_id, sent.severity) == ("PSTPG01", "SEV-1")
    assert sent.title == status_page_title(incident(), policy, "en")
    every = policy.cadence_rule(Audience.STATUS_PAGE, Severity.SEV1).every
    assert sent.every_minutes == every.total_seconds() // 60
    assert sent.impact == policy.status_page_impact_words(Severity.SEV1, False)[:4]


def test_a_post_mortem_on_the_status_page_promises_no_cadence(policy):
    from oncall_desktop.integrations.statuspage import (
        POSTMORTEM_KIND,
        STATUS_PAGE,
        StatusPagePostRoute,
    )

    route, posts = router(policy, status_page_id="PSTPG01")
    route.post(STATUS_PAGE, "pm", incident=incident(), audience="", kind=POSTMORTEM_KIND)
    sent = StatusPagePostRoute.decode(posts[0].destination)
    assert (sent.every_minutes, sent.impact) == (None, ())


def test_the_status_page_route_fits_the_outbox_with_a_long_title_and_many_words():
    """Issue 24: the impact the procedure gives the severity travels with the post; a long
    title and many words still make a route of at most 200 characters."""
    from oncall_desktop.integrations.statuspage import post_route

    first = post_route(
        "PSTPG01",
        "Service disruption — 2025-10-20 22:15 UTC",
        "SEV-1",
        30,
        ("outage", "major outage"),
    )
    assert first.impact == ("outage", "major outage")
    long_title = "Perturbation généralisée du service — " * 10  # a team's long template
    second = post_route(
        "PSTPG01", long_title, "SEV-1", 30, ("une panne générale de tout le service",) * 4
    )
    assert len(second.encode()) <= 200 and long_title.startswith(second.title)
    assert len(second.title) <= 128
    bare = post_route("PSTPG01", long_title, "SEV-1", 30)
    assert len(bare.encode()) <= 200 and long_title.startswith(bare.title)


def test_a_destination_routes_its_own_posts_and_can_take_the_teams_updates():
    """A destination is its module: registered here alone, the router posts to it the way
    its route says, and the team's own updates (a handoff) go there too."""
    from oncall_desktop.core.destinations import (
        Destination,
        register_destination,
        unregister_destination,
    )
    from oncall_desktop.core.outbox import Attempt, Outcome
    from oncall_desktop.core.policy import Text
    from oncall_desktop.integrations import deliverers

    def route(outgoing):
        if not outgoing.setting("slack_channel"):
            return None  # "not set up"
        where = outgoing.incident.title if outgoing.incident is not None else "the square"
        return outgoing.post("town_crier", where.lower())

    register_destination(Destination("town_crier", Text(fr="Crieur", en="Town crier")))
    deliverers.register_deliverer(
        "town_crier", lambda post, context: Attempt(Outcome.DELIVERED), route=route, team=True
    )
    try:
        route_, posts = router(slack_channel="#incidents")
        assert route_.post("town_crier", "x", incident=incident(), audience="internal", kind="u")
        route_.post_internal("handoff", kind="handoff")
        assert [(p.target, p.destination) for p in posts] == [
            ("town_crier", "api down"),
            ("slack", "#incidents"),
            ("town_crier", "the square"),
        ]
        assert not router(slack_channel="")[0].takes("town_crier")
    finally:
        deliverers.unregister_deliverer("town_crier")
        unregister_destination("town_crier")


def test_what_the_composer_is_told_of_where_each_destination_goes(policy):
    """Issue 25, item 3: the composer's boxes come from the registry; the router says, under
    the settings in force, where each would take the text, and leaves out those not set up."""
    from dataclasses import replace

    bare, _ = router(slack_channel="")
    assert bare.offered(incident()) == {}  # nothing set up: no channel, no page, no server
    mailing = replace(policy, executive_recipients=("cto@example.com",))
    route, _ = router(
        mailing,
        slack_channel="#incidents",
        teams_enabled=True,
        status_page_id="PSTAT1",
        status_page_name="Acme status",
        smtp_host="smtp.example.com",
        smtp_sender="oncall@example.com",
    )
    assert route.offered(incident("PX1", channel="C0OWN")) == {
        "pagerduty_status_page": "Acme status",
        "slack": "C0OWN",  # the incident's own channel, once created
        "teams": "",
        "pagerduty_status": "PX1",
        "executive_mail": "smtp.example.com",
    }
    webhook, _ = router(slack_mode="webhook")
    assert webhook.offered(incident()) == {"slack": "webhook"}

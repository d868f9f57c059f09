"""Microsoft Teams through a Workflows webhook, against the fake that checks the payload
contract (tests/helpers/fake_teams.py): delivered, escaped, refused, retried (issue 19, item 3);
a line of the message is a line in Teams, the card stays within Teams' 28 KB, and Teams can be
chosen on its own in the composer (issue 24, item 3)."""

import json
from datetime import UTC, datetime, timedelta

import pytest

from oncall_desktop.core.outbox import Post, PostState
from oncall_desktop.integrations.errors import BadPayload, RateLimited, TokenRejected
from oncall_desktop.integrations.teams import TEAMS, post_to_workflow
from tests.helpers.fake_teams import PAYLOAD_LIMIT, TeamsFault
from tests.unit.app.conftest import context  # noqa: F401  (the app assembled, as a fixture)


def test_an_update_reaches_the_channel_shown_as_written(teams):
    post_to_workflow(teams.workflow_url, "API *down* [SEV-1] _all_ #1", timeout=(2, 2))
    assert teams.messages == [r"API \*down\* \[SEV\-1\] \_all\_ \#1"]


@pytest.mark.parametrize(
    ("fault", "error"),
    [
        (TeamsFault(200, b"<html>Hotel network: accept the terms</html>"), BadPayload),
        (TeamsFault(429, headers={"Retry-After": "3"}), RateLimited),
        (TeamsFault(404), TokenRejected),
    ],
)
def test_answers_that_are_not_an_acceptance(teams, fault, error):
    teams.fail_next(fault)
    with pytest.raises(error) as raised:
        post_to_workflow(teams.workflow_url, "x", timeout=(2, 2))
    if error is RateLimited:
        assert raised.value.retry_after == timedelta(seconds=3)
    assert teams.messages == []


def test_through_the_outbox_with_its_guarantees(qapp, qtbot, tmp_path, teams):
    from oncall_desktop.core.clock import SystemClock
    from oncall_desktop.core.outbox import RetryPolicy
    from oncall_desktop.integrations.delivery import Courier, Endpoints
    from oncall_desktop.integrations.secrets import InMemorySecretStore
    from oncall_desktop.integrations.teams import TEAMS_WEBHOOK_URL
    from oncall_desktop.services.outbox import OutboxService
    from oncall_desktop.services.tasks import TaskRunner
    from oncall_desktop.storage.db import open_database, sqlite_url
    from oncall_desktop.storage.outbox import OutboxRepository

    secrets = InMemorySecretStore()
    secrets.set(TEAMS_WEBHOOK_URL, teams.workflow_url)
    database = open_database(sqlite_url(tmp_path / "o.sqlite3"))
    repo = OutboxRepository(database)
    runner = TaskRunner()
    retry = RetryPolicy(base=timedelta(milliseconds=50), cap=timedelta(milliseconds=100))
    courier = Courier(secrets, lambda: Endpoints("", "", "", timeout=(2, 2)))
    service = OutboxService(repo, courier.deliver, runner, SystemClock(), retry)
    service.start()
    try:
        teams.fail_next(TeamsFault(503), TeamsFault(200, b"<html>portal</html>"))
        stored = repo.enqueue(Post(TEAMS, "UPDATE #1"), datetime.now(UTC))
        service.drain()
        qtbot.waitUntil(lambda: repo.get(stored.id).state is PostState.SENT, timeout=8000)
        assert repo.get(stored.id).attempts == 3 and teams.messages == ["UPDATE \\#1"]
    finally:
        service.stop()
        runner.wait()
        database.close()


def test_the_router_posts_internal_updates_to_teams_too_when_set_up():
    from oncall_desktop.config.schema import Settings
    from oncall_desktop.services.routing import UpdateRouter

    posts = []
    router = UpdateRouter(lambda: Settings(teams_enabled=True), posts.append)
    router.post_internal("UPDATE #1", kind="update", incident_id=3)
    assert [(p.target, p.incident_id) for p in posts] == [("slack", 3), (TEAMS, 3)]
    assert router.takes(TEAMS) and router.slack_route().label == "#incidents"
    posts.clear()
    router.post(TEAMS, "UPDATE #2", incident_id=3, audience="internal", kind="update")
    assert [p.target for p in posts] == [TEAMS]  # each on its own, as the composer asks
    posts.clear()
    router = UpdateRouter(lambda: Settings(), posts.append)
    router.post_internal("x", kind="update")
    assert not router.post(TEAMS, "y", audience="internal", kind="update")  # Teams is off
    assert [p.target for p in posts] == ["slack"] and not router.takes(TEAMS)


# A 10-line update as the SOP's template makes it, and lines that Markdown would read as
# formatting (a list, a heading, a link, Teams' date function, indentation), a blank line
TEN_LINES = (
    "📢 UPDATE #2 - API down [SEV-1]\r\n"
    "**Status** : mitigating\n"
    "**Actions** :\n"
    "- rolled back deploy 2024.10.1\n"
    "1. paged the DB team\n"
    "  + indented: [docs](https://evil.example/x)\n"
    "\n"
    "# not a heading\n"
    "{{DATE(2024-10-20T10:00:00Z, SHORT)}} > quote\n"
    "**ETA** : 30 min\n"
    "Next update in 30 min"
)


def test_each_line_of_an_update_is_a_line_in_teams_shown_as_written(teams):
    from oncall_desktop.integrations.teams import teams_text

    post_to_workflow(teams.workflow_url, TEN_LINES, timeout=(2, 2))
    [shown] = teams.messages  # as Teams lays the card out (tests/helpers/fake_teams.py)
    lines = TEN_LINES.replace("\r\n", "\n").split("\n")
    assert len([line for line in lines if line]) == 10
    indent = "\u00a0\u00a0"  # leading spaces kept (Markdown drops ordinary ones)
    assert shown.split("\n") == [
        (indent if line.startswith("  ") else "") + teams_text(line.strip()) for line in lines
    ]
    [card] = teams.cards
    texts = [block["text"] for block in card["body"]]
    assert len(texts) == 10 and not any("\n" in text or "\r" in text for text in texts)
    assert texts[5] == "\u00a0\u00a0\\+ indented: \\[docs\\]\\(https://evil\\.example/x\\)"
    assert card["body"][6].get("spacing") == "large"  # the blank line, kept as a gap
    assert "actions" not in card


def _route_a_long_update(language: str, page_url: str):
    from oncall_desktop.config.schema import Settings
    from oncall_desktop.core.incident import Incident
    from oncall_desktop.core.paging import AlertLink
    from oncall_desktop.core.policy import Severity
    from oncall_desktop.services.routing import UpdateRouter

    incident = Incident.declare(
        title="API down",
        severity=Severity.SEV1,
        at=datetime.now(UTC),
        actor="alice",
        alert=AlertLink("pagerduty", "PX1", page_url) if page_url else None,
    )
    incident.id = 42
    text = "".join(  # ~100 KB, accents, and Markdown characters escaping makes longer
        f"- étape {n}: vérifié *le* cluster #{n} (ok). [{'x' * 40}]\n" for n in range(1400)
    )
    assert len(text.encode("utf-8")) > 100_000
    posts = []
    settings = Settings(teams_enabled=True, message_language=language)
    UpdateRouter(lambda: settings, posts.append).post(
        TEAMS, text, incident=incident, audience="internal", kind="update"
    )
    [post] = posts
    return text, post


def test_a_100_kb_text_is_never_sent_past_teams_28_kb(teams):
    """The workflow would take it (202), then Teams would never post it."""
    text = "".join(f"line {n}: *all* checks [{'x' * 60}]\n" for n in range(1200))
    assert len(text) > 100_000
    post_to_workflow(teams.workflow_url, text, timeout=(2, 2))
    assert teams.sizes[0] <= PAYLOAD_LIMIT
    assert teams.messages[0].startswith("line 0: \\*all\\* checks")
    assert teams.messages[0].endswith("The whole text is in oncall\\-desktop's posts\\.")


@pytest.mark.parametrize(
    ("language", "page_url", "where"),
    [
        (
            "en",
            "https://acme.pagerduty.com/incidents/PX1",
            "The whole text is in oncall\\-desktop, in the posts of incident \\#42\\.",
        ),
        (
            "fr",
            "",
            "dans oncall\\-desktop, dans les publications de l’incident nº 42\\.",
        ),
    ],
)
def test_a_100_kb_text_is_cut_to_fit_teams_with_where_the_rest_is(teams, language, page_url, where):
    from oncall_desktop.integrations.deliverers import DeliveryContext, Endpoints
    from oncall_desktop.integrations.secrets import InMemorySecretStore
    from oncall_desktop.integrations.teams import (
        OPEN_THE_INCIDENT,
        TEAMS_WEBHOOK_URL,
        deliver,
        teams_text,
    )

    text, post = _route_a_long_update(language, page_url)
    secrets = InMemorySecretStore()
    secrets.set(TEAMS_WEBHOOK_URL, teams.workflow_url)
    attempt = deliver(post, DeliveryContext(secrets, Endpoints("", "", "", timeout=(2, 2)), {}))
    assert attempt.delivered_as == "cut message"
    [size] = teams.sizes
    assert size <= PAYLOAD_LIMIT  # the fake counts bytes, as Teams does
    [shown] = teams.messages
    *kept, last, gap, note = shown.split("\n")
    sent = text.splitlines()
    assert kept == [teams_text(line) for line in sent[: len(kept)]]  # whole lines, in order
    assert last == teams_text(sent[len(kept)]) + " \\[…\\]"  # cut at a line's end
    assert len(kept) > 100 and gap == ""
    assert note.endswith(where)
    [card] = teams.cards
    assert card["body"][-1]["isSubtle"] and card["body"][-1]["separator"]
    if page_url:
        assert card["actions"] == [
            {"type": "Action.OpenUrl", "title": OPEN_THE_INCIDENT.get(language), "url": page_url}
        ]
    else:
        assert "actions" not in card
    assert json.loads(post.destination)["lang"] == language  # what the post carries


def test_teams_chosen_alone_in_the_composer_reaches_teams_only_and_resets_the_countdown(
    qtbot,
    context,  # noqa: F811 - the fixture imported above
    clock,
    slack,
    teams,
):
    """The real composer: Slack unticked, Teams ticked, Send."""
    from oncall_desktop.config.schema import Settings
    from oncall_desktop.core.incident import EventKind
    from oncall_desktop.core.policy import Audience, Severity
    from oncall_desktop.integrations.secrets import SLACK_BOT_TOKEN, InMemorySecretStore
    from oncall_desktop.integrations.teams import TEAMS_WEBHOOK_URL
    from tests.helpers.dialogs import answer_dialogs, press_ok

    clock.advance(datetime.now(UTC) - clock.now())  # the fakes live in real time
    secrets = InMemorySecretStore()
    secrets.set(SLACK_BOT_TOKEN, slack.token)
    secrets.set(TEAMS_WEBHOOK_URL, teams.workflow_url)
    ctx = context(
        settings=Settings(language="en", slack_base_url=slack.url, teams_enabled=True),
        secrets=secrets,
    )
    with qtbot.waitSignal(ctx.incidents.incident_declared, timeout=5000) as declared:
        ctx.incidents.declare("Checkout down", Severity.SEV2)
    incident_id = declared.args[0].id
    qtbot.waitUntil(lambda: incident_id in ctx.controller.cockpits, timeout=5000)
    window = ctx.controller.cockpits[incident_id]
    clock.advance(timedelta(minutes=45))  # the team's update is owed
    assert ctx.controller.dues(window.incident)[Audience.INTERNAL].due_at <= clock.now()
    seen = []

    def teams_alone(dialog):
        try:
            seen.append((dialog.boxes["slack"].text(), dialog.boxes["teams"].isVisibleTo(dialog)))
            dialog.boxes["slack"].click()  # untick Slack
            dialog.boxes["teams"].click()  # Teams is ticked with Slack by default: off, then on
            dialog.boxes["teams"].click()
            seen.append((dialog.boxes["slack"].isChecked(), dialog.boxes["teams"].isChecked()))
            dialog.preview.setPlainText("UPDATE #1\nTeams only\nline 3")
        finally:
            press_ok(dialog)

    answer_dialogs(teams_alone)
    ctx.controller.cockpit_controller.compose(incident_id, "internal")
    assert seen == [("Slack: #incidents", True), (False, True)]
    qtbot.waitUntil(lambda: len(teams.messages) == 1, timeout=8000)
    assert teams.messages == ["UPDATE \\#1\nTeams only\nline 3"]
    qtbot.waitUntil(
        lambda: any(
            e.data.get("audience") == "internal" and e.data.get("channel") == TEAMS
            for e in window.incident.events(EventKind.UPDATE_SENT)
        ),
        timeout=8000,
    )
    assert ctx.controller.dues(window.incident)[Audience.INTERNAL].due_at > clock.now()
    assert slack.messages == []  # Slack was not chosen

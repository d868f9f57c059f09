"""The outbox service end to end in-process: SQLite, the real courier, the fake Slack and
PagerDuty on 127.0.0.1 (contract-checked), faults injected."""

from datetime import timedelta

import pytest

from oncall_desktop.core.clock import SystemClock
from oncall_desktop.core.outbox import Post, PostState, RetryPolicy, Target
from oncall_desktop.integrations.delivery import Courier, Endpoints
from oncall_desktop.integrations.secrets import (
    PAGERDUTY_TOKEN,
    SLACK_BOT_TOKEN,
    InMemorySecretStore,
)
from oncall_desktop.services.outbox import OutboxService
from oncall_desktop.services.tasks import TaskRunner
from oncall_desktop.storage.db import open_database, sqlite_url
from oncall_desktop.storage.outbox import OutboxRepository
from tests.helpers.fake_pagerduty import Fault
from tests.helpers.fake_slack import SlackFault

FAST_RETRY = RetryPolicy(base=timedelta(milliseconds=50), cap=timedelta(milliseconds=200))


@pytest.fixture
def outbox(qapp, tmp_path, slack, pagerduty, monkeypatch):
    secrets = InMemorySecretStore()
    secrets.set(SLACK_BOT_TOKEN, slack.token)
    secrets.set(PAGERDUTY_TOKEN, pagerduty.token)
    database = open_database(sqlite_url(tmp_path / "oncall.sqlite3"))
    repo = OutboxRepository(database)
    courier = Courier(secrets, lambda: Endpoints(slack.url, "#incidents", pagerduty.url))
    runner = TaskRunner()
    service = OutboxService(repo, courier.deliver, runner, SystemClock(), FAST_RETRY)
    service.start()
    yield service, repo
    service.stop()
    runner.wait()
    database.close()


def wait_state(qtbot, repo, post_id, state, timeout=8000):
    qtbot.waitUntil(lambda: repo.get(post_id).state is state, timeout=timeout)
    return repo.get(post_id)


def submitted(qtbot, service, post):
    """Submit and return the post as stored (ignoring late signals about earlier posts)."""
    with qtbot.waitSignal(
        service.post_changed, timeout=5000, check_params_cb=lambda stored: stored.text == post.text
    ) as blocker:
        service.submit(post)
    return blocker.args[0]


def test_slack_post_is_stored_then_sent(qtbot, outbox, slack):
    service, repo = outbox
    post = submitted(
        qtbot, service, Post(Target.SLACK, "UPDATE #1 <!channel>", destination="#incidents")
    )
    sent = wait_state(qtbot, repo, post.id, PostState.SENT)
    assert sent.remote_ref.startswith("C0INCIDENTS/") and sent.attempts == 1
    assert slack.texts("C0INCIDENTS") == ["UPDATE #1 &lt;!channel&gt;"]


def test_5xx_and_429_are_retried_until_delivered_once(qtbot, outbox, slack):
    service, repo = outbox
    slack.fail_next(
        SlackFault(503),
        SlackFault(429, headers={"Retry-After": "0"}),
        SlackFault(500, body=b"<html>oops</html>"),
    )
    post = submitted(qtbot, service, Post(Target.SLACK, "hello", destination="#incidents"))
    sent = wait_state(qtbot, repo, post.id, PostState.SENT)
    assert sent.attempts == 4
    assert slack.texts("C0INCIDENTS") == ["hello"]


def test_refusal_waits_for_an_edit_and_resend(qtbot, outbox, slack):
    service, repo = outbox
    post = submitted(qtbot, service, Post(Target.SLACK, "hello", destination="#gone"))
    failed = wait_state(qtbot, repo, post.id, PostState.FAILED)
    assert "channel_not_found" in failed.last_error
    service.resend(failed, "hello again", "#incidents")
    sent = wait_state(qtbot, repo, post.id, PostState.SENT)
    assert sent.text == "hello again" and slack.texts("C0INCIDENTS") == ["hello again"]


def test_pagerduty_status_update_and_note_fallback(qtbot, outbox, pagerduty):
    service, repo = outbox
    incident = pagerduty.add_incident()
    post = submitted(
        qtbot, service, Post(Target.PAGERDUTY_STATUS, "Investigating", destination=incident)
    )
    assert wait_state(qtbot, repo, post.id, PostState.SENT).delivered_as == "status_update"
    pagerduty.status_updates_in_plan = False
    post = submitted(
        qtbot, service, Post(Target.PAGERDUTY_STATUS, "Mitigating", destination=incident)
    )
    assert wait_state(qtbot, repo, post.id, PostState.SENT).delivered_as == "note"
    pagerduty.fail_next(Fault(503, path=f"/incidents/{incident}/status_updates"))
    pagerduty.status_updates_in_plan = True
    post = submitted(
        qtbot, service, Post(Target.PAGERDUTY_STATUS, "Resolved", destination=incident)
    )
    sent = wait_state(qtbot, repo, post.id, PostState.SENT)
    assert sent.attempts == 2
    assert [u["message"] for u in pagerduty.status_updates] == ["Investigating", "Resolved"]


def test_posts_left_behind_go_out_at_start(qtbot, qapp, tmp_path, slack):
    """Stored while offline (or before a crash): a new service instance sends them."""
    from oncall_desktop.core.clock import SystemClock

    database = open_database(sqlite_url(tmp_path / "o.sqlite3"))
    repo = OutboxRepository(database, lease=timedelta(milliseconds=200))
    waiting = repo.enqueue(
        Post(Target.SLACK, "written offline", destination="#incidents"), SystemClock().now()
    )
    interrupted = repo.enqueue(
        Post(Target.SLACK, "interrupted", destination="#incidents"), SystemClock().now()
    )
    repo.claim_next(SystemClock().now())  # claimed by a console that was then killed
    secrets = InMemorySecretStore()
    secrets.set(SLACK_BOT_TOKEN, slack.token)
    runner = TaskRunner()
    service = OutboxService(
        repo,
        Courier(
            secrets, lambda: Endpoints(slack.url, "#incidents", "https://api.pagerduty.com")
        ).deliver,
        runner,
        SystemClock(),
    )
    service.start()
    try:
        for post in (waiting, interrupted):
            wait_state(qtbot, repo, post.id, PostState.SENT)
        assert sorted(slack.texts("C0INCIDENTS")) == ["interrupted", "written offline"]
    finally:
        service.stop()
        runner.wait()
        database.close()


def test_a_confirmed_update_resets_the_countdown_in_the_same_transaction(qtbot, outbox, clock):
    from oncall_desktop.core.deadlines import next_update
    from oncall_desktop.core.incident import EventKind, Incident
    from oncall_desktop.core.policy import Audience, Severity
    from oncall_desktop.core.policy_file import load_policy
    from oncall_desktop.storage.incidents import IncidentRepository

    service, repo = outbox
    incidents = IncidentRepository(repo._db)
    incident = incidents.save(
        Incident.declare(
            title="DB down", severity=Severity.SEV1, at=SystemClock().now(), actor="alice"
        )
    )
    post = submitted(
        qtbot,
        service,
        Post(
            Target.SLACK,
            "UPDATE #1",
            incident_id=incident.id,
            audience=Audience.INTERNAL.value,
            kind="update",
            destination="#incidents",
        ),
    )
    sent = wait_state(qtbot, repo, post.id, PostState.SENT)
    stored = incidents.get(incident.id)
    event = stored.events(EventKind.UPDATE_SENT)[0]
    assert (event.data["link"], event.data["post"]) == (sent.remote_ref, sent.id)
    due = next_update(stored, Audience.INTERNAL, load_policy().policy)
    assert due.last_sent_at == sent.sent_at

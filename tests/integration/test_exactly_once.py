"""Exactly once where the destination can be read back (issue 24, item 2).

A post whose answer was lost or unreadable, or whose sender died holding its claim, may have
arrived. Before it is sent again it is looked for at the destination: the Slack bot's message
by the post's id in its metadata (``conversations.history``), a PagerDuty note by its text.
Where the destination cannot be read back (a Slack webhook; PagerDuty's status updates, which
its API does not list), the post is sent again and marked "may have arrived twice", which the
cockpit's posts table shows. The real outbox step and courier, against the contract-checked
fakes.
"""

import time
from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import Qt

from oncall_desktop.core.clock import SystemClock
from oncall_desktop.core.outbox import Outcome, Post, PostState, RetryPolicy, Target
from oncall_desktop.integrations.delivery import Courier, Endpoints
from oncall_desktop.integrations.secrets import (
    PAGERDUTY_TOKEN,
    SLACK_BOT_TOKEN,
    SLACK_WEBHOOK_URL,
    InMemorySecretStore,
)
from oncall_desktop.services.outbox import send_next
from oncall_desktop.storage.db import open_database, sqlite_url
from oncall_desktop.storage.outbox import OutboxRepository
from tests.helpers.fake_pagerduty import Fault
from tests.helpers.fake_slack import SlackFault

DEEP = b"[" * 100_000 + b"]" * 100_000  # a 200 whose JSON cannot be read


@pytest.fixture
def repo(tmp_path):
    database = open_database(sqlite_url(tmp_path / "outbox.sqlite3"))
    yield OutboxRepository(database, lease=timedelta(milliseconds=200))
    database.close()


def courier(slack, pagerduty=None):
    secrets = InMemorySecretStore()
    secrets.set(SLACK_BOT_TOKEN, slack.token)
    secrets.set(SLACK_WEBHOOK_URL, slack.webhook_url)
    if pagerduty is not None:
        secrets.set(PAGERDUTY_TOKEN, pagerduty.token)
    pagerduty_url = pagerduty.url if pagerduty is not None else "http://127.0.0.1:9"
    return Courier(
        secrets, lambda: Endpoints(slack.url, "#incidents", pagerduty_url, timeout=(1.0, 0.5))
    )


def drain(repo, deliver, seconds=15.0):
    """The outbox's own step until nothing waits (as the worker runs it)."""
    clock, retry = (
        SystemClock(),
        RetryPolicy(timedelta(milliseconds=10), timedelta(milliseconds=50)),
    )
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        post, next_due = send_next(repo, deliver, clock, retry, "test")
        if post is None and next_due is None:
            return
        if post is None:
            time.sleep(0.02)
    raise AssertionError("the outbox did not drain")


def queue(repo, target, text, destination=""):
    return repo.enqueue(Post(target, text, destination=destination), datetime.now(UTC))


LOST_AFTER_POSTING = {
    "a 200 whose JSON is nested 100 000 deep": SlackFault(200, body=DEEP, after=True),
    "the connection dropped": SlackFault(after=True, drop=True),
    "no answer in time": SlackFault(200, body=b"{}", delay=0.8, after=True),
    "ok without its ts": SlackFault(200, body=b'{"ok": true}', after=True),
}


@pytest.mark.parametrize("fault", LOST_AFTER_POSTING.values(), ids=LOST_AFTER_POSTING.keys())
def test_slack_posted_then_the_answer_is_lost_arrives_once(slack, repo, fault):
    """Issue 24: a 200 with an unreadable body made the courier post it again (4 times)."""
    post = queue(repo, Target.SLACK, "UPDATE #1: the API is back", "#incidents")
    slack.fail_next(SlackFault(**{**fault.__dict__, "method": "chat.postMessage"}))
    drain(repo, courier(slack).deliver)
    assert slack.texts("C0INCIDENTS") == ["UPDATE #1: the API is back"]
    stored = repo.get(post.id)
    (message,) = slack.messages
    assert (stored.state, stored.remote_ref) == (PostState.SENT, f"C0INCIDENTS/{message.ts}")
    assert not stored.maybe_twice and not stored.unsure
    assert message.metadata["event_payload"]["post_id"] == str(post.id)
    reads = [a for m, a in slack.calls if m == "conversations.history"]
    assert reads and all(a["include_all_metadata"] == "true" for a in reads)


def test_slack_answer_lost_before_posting_is_looked_for_then_sent(slack, repo):
    """Not found at the destination: sent, once, and nothing is said about twice."""
    post = queue(repo, Target.SLACK, "INCIDENT DECLARED", "#incidents")
    slack.fail_next(SlackFault(200, body=DEEP, method="chat.postMessage"))  # not posted
    drain(repo, courier(slack).deliver)
    assert slack.texts("C0INCIDENTS") == ["INCIDENT DECLARED"]
    stored = repo.get(post.id)
    assert stored.state is PostState.SENT and not stored.maybe_twice


def test_a_sender_killed_after_slack_accepted_does_not_post_it_again(slack, repo):
    """The claim says the post may be there: its sender died before recording it."""
    post = queue(repo, Target.SLACK, "UPDATE #2", "#incidents")
    claimed = repo.claim_next(datetime.now(UTC))
    assert courier(slack).deliver(claimed).outcome is Outcome.DELIVERED  # ...then SIGKILL
    time.sleep(0.25)  # the dead sender's lease runs out
    drain(repo, courier(slack).deliver)  # a new process
    assert slack.texts("C0INCIDENTS") == ["UPDATE #2"]
    assert repo.get(post.id).state is PostState.SENT and not repo.get(post.id).maybe_twice


def test_a_console_restarted_after_slack_accepted_does_not_post_it_again(slack, tmp_path):
    database = open_database(sqlite_url(tmp_path / "o.sqlite3"))
    try:
        repo = OutboxRepository(database, console="console-a")
        post = queue(repo, Target.SLACK, "UPDATE #3", "C0INCIDENTS")
        courier(slack).deliver(repo.claim_next(datetime.now(UTC)))  # ...then SIGKILL
        assert repo.release_own_claims() == 1  # the console restarts
        assert repo.get(post.id).unsure
        drain(repo, courier(slack).deliver)
        assert slack.texts("C0INCIDENTS") == ["UPDATE #3"]
    finally:
        database.close()


def test_an_edited_resend_is_a_new_message_not_the_old_one(slack, repo):
    """The post's id with a digest of its text: the refused, edited post is not taken for
    the message its first, lost attempt left."""
    queue(repo, Target.SLACK, "UPDATE #4 (typo)", "#incidents")
    slack.fail_next(
        SlackFault(200, body=DEEP, after=True, method="chat.postMessage"),
        SlackFault(200, error="invalid_auth", method="chat.postMessage"),
    )
    slack_courier = courier(slack)
    clock = SystemClock()
    retry = RetryPolicy(timedelta(milliseconds=1), timedelta(milliseconds=2))
    send_next(repo, slack_courier.deliver, clock, retry, "test")  # posted, answer unreadable
    slack.messages.clear()  # someone deleted the message with the typo from the channel
    time.sleep(0.01)
    failed, _ = send_next(repo, slack_courier.deliver, clock, retry, "test")
    assert failed.state is PostState.FAILED  # looked for, not found, then refused
    from oncall_desktop.core.outbox import resend

    repo.record(resend(failed, "UPDATE #4", None, clock.now()))
    drain(repo, slack_courier.deliver)
    assert slack.texts("C0INCIDENTS") == ["UPDATE #4"]


def test_without_permission_to_read_the_channel_it_is_sent_and_may_be_there_twice(slack, repo):
    post = queue(repo, Target.SLACK, "UPDATE #5", "#incidents")
    slack.fail_next(
        SlackFault(200, body=DEEP, after=True, method="chat.postMessage"),
        SlackFault(200, error="missing_scope", method="conversations.history"),
    )
    drain(repo, courier(slack).deliver)
    assert slack.texts("C0INCIDENTS") == ["UPDATE #5", "UPDATE #5"]
    assert repo.get(post.id).maybe_twice


def test_slack_rate_limiting_the_read_back_waits_and_looks_again(slack, repo):
    post = queue(repo, Target.SLACK, "UPDATE #6", "#incidents")
    slack.fail_next(
        SlackFault(after=True, drop=True, method="chat.postMessage"),
        SlackFault(429, headers={"Retry-After": "0"}, method="conversations.history"),
    )
    drain(repo, courier(slack).deliver)
    assert slack.texts("C0INCIDENTS") == ["UPDATE #6"]
    assert not repo.get(post.id).maybe_twice


@pytest.mark.parametrize(
    "fault",
    [
        SlackFault(200, body=b"o", after=True, method="webhook"),  # a cut "ok"
        SlackFault(after=True, drop=True, method="webhook"),
    ],
    ids=["a 200 without its ok", "the connection dropped"],
)
def test_a_webhook_sent_again_after_a_lost_answer_may_have_arrived_twice(slack, repo, fault):
    """A webhook cannot be read back: sent again, and said so."""
    post = queue(repo, Target.SLACK_WEBHOOK, "UPDATE #7")
    slack.fail_next(fault)
    drain(repo, courier(slack).deliver)
    assert slack.texts(slack.WEBHOOK_CHANNEL) == ["UPDATE #7", "UPDATE #7"]
    stored = repo.get(post.id)
    assert stored.state is PostState.SENT and stored.maybe_twice and not stored.unsure


def test_a_webhook_refused_plainly_is_not_said_twice(slack, repo):
    post = queue(repo, Target.SLACK_WEBHOOK, "UPDATE #8")
    slack.fail_next(SlackFault(503, method="webhook"), SlackFault(429, method="webhook"))
    drain(repo, courier(slack).deliver)
    assert slack.texts(slack.WEBHOOK_CHANNEL) == ["UPDATE #8"]
    assert not repo.get(post.id).maybe_twice


def test_the_posts_table_says_may_have_arrived_twice_in_both_languages(slack, repo, qapp):
    from oncall_desktop.ui.translations import install_translators
    from oncall_desktop.ui.widgets.posts_table import PostsTable

    post = queue(repo, Target.SLACK_WEBHOOK, "UPDATE #9")
    slack.fail_next(SlackFault(after=True, drop=True, method="webhook"))
    drain(repo, courier(slack).deliver)
    stored = repo.get(post.id)
    try:
        for language, said in (
            ("en", "sent, may have arrived twice"),
            ("fr", "envoyé, peut-être arrivé deux fois"),
        ):
            install_translators(qapp, language)
            table = PostsTable(language, UTC)
            table.set_posts([stored])
            assert table.model.cell(0, 2) == said
            tip = table.model.index(0, 2).data(Qt.ItemDataRole.ToolTipRole)
            assert tip and tip != said
            table.deleteLater()
    finally:
        install_translators(qapp, "en")


def test_a_pagerduty_note_whose_answer_was_lost_is_found_not_posted_again(slack, pagerduty, repo):
    pagerduty.status_updates_in_plan = False  # the plan has no status updates: notes
    incident = pagerduty.add_incident("API down")
    post = queue(repo, Target.PAGERDUTY_STATUS, "UPDATE #10: rolled back", incident)
    pagerduty.fail_next(
        Fault(200, body=DEEP, after=True, path=f"/incidents/{incident}/notes", method="POST")
    )
    drain(repo, courier(slack, pagerduty).deliver)
    assert [n["content"] for n in pagerduty.notes] == ["UPDATE #10: rolled back"]
    stored = repo.get(post.id)
    assert (stored.state, stored.delivered_as, stored.remote_ref) == (
        PostState.SENT,
        "note",
        pagerduty.notes[0]["id"],
    )
    assert not stored.maybe_twice
    assert pagerduty.requests_to("GET", f"/incidents/{incident}/notes")


def test_a_pagerduty_status_update_cannot_be_read_back_so_it_may_be_there_twice(
    slack, pagerduty, repo
):
    """The API lists no status updates (no GET …/status_updates): sent again, and said so."""
    incident = pagerduty.add_incident("API down")
    post = queue(repo, Target.PAGERDUTY_STATUS, "UPDATE #11", incident)
    pagerduty.fail_next(Fault(after=True, drop=True, path=f"/incidents/{incident}/status_updates"))
    drain(repo, courier(slack, pagerduty).deliver)
    assert [u["message"] for u in pagerduty.status_updates] == ["UPDATE #11", "UPDATE #11"]
    stored = repo.get(post.id)
    assert stored.state is PostState.SENT and stored.maybe_twice

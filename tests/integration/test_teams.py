"""Microsoft Teams through a Workflows webhook, against the fake that checks the payload
contract (tests/helpers/fake_teams.py): delivered, escaped, refused, retried (issue 19, item 3)."""

from datetime import UTC, datetime, timedelta

import pytest

from oncall_desktop.core.outbox import Post, PostState
from oncall_desktop.integrations.errors import BadPayload, RateLimited, TokenRejected
from oncall_desktop.integrations.teams import TEAMS, post_to_workflow
from tests.helpers.fake_teams import TeamsFault


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
    assert router.internal_label() == "#incidents + Microsoft Teams"
    posts.clear()
    UpdateRouter(lambda: Settings(), posts.append).post_internal("x", kind="update")
    assert [p.target for p in posts] == ["slack"]

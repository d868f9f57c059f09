"""kill -9 of the real app in the middle of sending: after a restart every post is delivered,
and a duplicate is only possible for the post Slack had accepted when the app died."""

import json
import os
import signal
from collections import Counter
from datetime import UTC, datetime

import pytest

from oncall_desktop.core.outbox import Post, PostState, Target
from oncall_desktop.integrations.secrets import SLACK_BOT_TOKEN
from oncall_desktop.storage.db import open_database, sqlite_url
from oncall_desktop.storage.outbox import OutboxRepository
from tests.desktop.test_app_on_desktop import launch, log_of, stop
from tests.helpers.desktop import wait_for

pytestmark = [pytest.mark.desktop, pytest.mark.keyring, pytest.mark.slow]


def test_sigkill_mid_send_then_restart(desktop, tmp_path, slack):
    desktop.store_secret(SLACK_BOT_TOKEN, slack.token)
    (tmp_path / "config").mkdir()
    (tmp_path / "config" / "settings.json").write_text(
        json.dumps({"slack_base_url": slack.url, "pagerduty_poll_seconds": 600})
    )
    database = open_database(sqlite_url(tmp_path / "data" / "oncall.sqlite3"))
    repo = OutboxRepository(database)
    texts = [f"update {n}" for n in range(6)]
    for text in texts:  # queued while offline, or just before a crash
        repo.enqueue(Post(Target.SLACK, text, destination="#incidents"), datetime.now(UTC))
    app = launch(desktop, tmp_path)
    killed = []

    def kill_on_third(text):
        if text == "update 2" and not killed:
            killed.append(text)
            os.kill(app.pid, signal.SIGKILL)  # Slack has it; the app never records it

    slack.on_message = kill_on_third
    try:
        assert wait_for(lambda: app.poll() is not None, timeout=30), log_of(tmp_path)
        assert app.returncode == -signal.SIGKILL
        restarted = launch(desktop, tmp_path)
        try:
            assert wait_for(
                lambda: all(repo.get(i).state is PostState.SENT for i in range(1, 7)), timeout=30
            ), log_of(tmp_path)
        finally:
            code, _out, err = stop(restarted)
        assert code == 0, err
    finally:
        slack.on_message = None
        database.close()
    delivered = Counter(m.text for m in slack.messages)
    assert all(delivered[t] >= 1 for t in texts)  # nothing lost
    assert {t for t in texts if delivered[t] > 1} <= {"update 2"}  # the one window
    assert "interrupted by the last stop are due again" in log_of(tmp_path)

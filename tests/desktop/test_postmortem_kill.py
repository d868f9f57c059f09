"""kill -9 of the real app while the engineer types a post-mortem: at most the last second of
typing is lost, and the restarted app shows the draft exactly as saved."""

import itertools
import json
import os
import signal
import string
import subprocess
import time
from datetime import UTC, datetime, timedelta

import pytest

from oncall_desktop.core.incident import Incident, Status
from oncall_desktop.core.policy import Severity
from oncall_desktop.core.policy_file import load_policy
from oncall_desktop.core.postmortem import prefill
from oncall_desktop.storage.db import open_database, sqlite_url
from oncall_desktop.storage.incidents import IncidentRepository
from oncall_desktop.storage.postmortems import PostmortemRepository
from tests.desktop.test_app_on_desktop import exit_report, launch, log_of, stop
from tests.helpers.desktop import wait_for

pytestmark = [pytest.mark.desktop, pytest.mark.slow]

WINDOW_TITLE = "Post-mortem"
MAX_LOSS_SECONDS = 1.0
DELIVERY_MARGIN = 0.3  # key event through the X server to Qt, then the write itself


def _xdotool(desktop, *args):
    return subprocess.run(
        ["xdotool", *args], env=desktop.env(), capture_output=True, text=True, timeout=10
    )


def _editor_window(desktop):
    found = []
    assert wait_for(lambda: found.extend(desktop.visible_windows(WINDOW_TITLE)) or found, 30)
    return found[0]


def _root_cause(database_path):
    database = open_database(sqlite_url(database_path))
    try:
        return PostmortemRepository(database).for_incident(1).draft
    finally:
        database.close()


def test_sigkill_while_typing_loses_at_most_the_last_second(desktop, tmp_path):
    (tmp_path / "config").mkdir()
    (tmp_path / "config" / "settings.json").write_text(
        json.dumps({"language": "en", "pagerduty_poll_seconds": 600, "team_timezone": "UTC"})
    )
    database_path = tmp_path / "data" / "oncall.sqlite3"
    database = open_database(sqlite_url(database_path))
    now = datetime.now(UTC)
    incident = Incident.declare(
        title="API Down", severity=Severity.SEV1, at=now - timedelta(hours=2), actor="oncall"
    )
    incident.move_to(Status.RESOLVED, at=now - timedelta(hours=1), actor="oncall")
    incident = IncidentRepository(database).save(incident)
    draft = prefill(incident, load_policy().policy, language="en", zone=UTC)
    PostmortemRepository(database).create(incident.id, draft, at=now, due_at=None)
    database.close()

    app = launch(desktop, tmp_path, "--postmortem", str(incident.id))
    typed: list[tuple[str, float]] = []
    try:
        window = _editor_window(desktop)
        assert _xdotool(desktop, "windowfocus", "--sync", window).returncode == 0
        time.sleep(0.3)
        letters = itertools.cycle(string.ascii_lowercase + string.ascii_uppercase)
        started = time.monotonic()
        # A fast typist who never pauses (so only the autosave ceiling can save), one key at
        # a time, each with the moment it went out.
        while time.monotonic() - started < 3.0:
            char = next(letters)
            _xdotool(desktop, "type", "--delay", "0", char)
            typed.append((char, time.monotonic()))
            time.sleep(0.03)
        killed_at = time.monotonic()
        os.kill(app.pid, signal.SIGKILL)
        app.wait(10)
    finally:
        if app.poll() is None:
            app.kill()
            app.wait(10)
    text = "".join(c for c, _ in typed)
    saved = _root_cause(database_path).text("root_cause")
    must_have = sum(1 for _, at in typed if at < killed_at - MAX_LOSS_SECONDS - DELIVERY_MARGIN)
    assert must_have > 20, "typing was too slow to test anything"
    assert text.startswith(saved), (saved, text)
    assert len(saved) >= must_have, (
        f"{len(text)} keys typed, {len(saved)} saved; the keys older than "
        f"{MAX_LOSS_SECONDS}s ({must_have}) had to be saved\n{log_of(tmp_path)}"
    )

    # Restart: the editor opens on the saved draft, the cursor in the first empty section
    # (resolution). Typing there saves the whole form,
    # so if the restored text differed from what was saved, the root cause would change.
    restarted = launch(desktop, tmp_path, "--postmortem", str(incident.id))
    try:
        window = _editor_window(desktop)
        assert _xdotool(desktop, "windowfocus", "--sync", window).returncode == 0
        time.sleep(0.3)
        _xdotool(desktop, "type", "--delay", "20", "kept")
        assert wait_for(lambda: _root_cause(database_path).text("resolution") == "kept", 10), (
            log_of(tmp_path)
        )
    finally:
        code, _out, err = stop(restarted)
    assert code == 0, exit_report(tmp_path, err)
    assert _root_cause(database_path).text("root_cause") == saved

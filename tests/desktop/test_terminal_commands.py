"""Terminal commands against the real running app: status, note, ack, and what a terminal
sees when the app is not running or the command is ambiguous."""

import json
from datetime import UTC, datetime, timedelta

import pytest

from oncall_desktop.core.incident import EventKind, Incident, Status
from oncall_desktop.core.policy import Severity
from oncall_desktop.storage.db import open_database, sqlite_url
from oncall_desktop.storage.incidents import IncidentRepository
from tests.desktop.test_app_on_desktop import exit_report, launch, log_of, stop, terminal
from tests.helpers.desktop import wait_for

pytestmark = [pytest.mark.desktop, pytest.mark.slow]


command = terminal  # oncall-desktop in a terminal of the desktop


def test_status_note_and_ack_reach_the_running_console(desktop, tmp_path):
    (tmp_path / "config").mkdir()
    (tmp_path / "config" / "settings.json").write_text(
        json.dumps(
            {
                "language": "en",
                "pagerduty_poll_seconds": 600,
                "engineer_name": "Ana",
                # never the real PagerDuty, whatever token another test left in the keyring
                "pagerduty_base_url": "http://127.0.0.1:9",
            }
        )
    )
    not_running = command(desktop, tmp_path, "status")
    assert not_running.returncode == 3 and "is not running" in not_running.stderr

    database = open_database(sqlite_url(tmp_path / "data" / "oncall.sqlite3"))
    repo = IncidentRepository(database)
    now = datetime.now(UTC)
    incident = repo.save(
        Incident.declare(
            title="API Down - <b>500</b>",
            severity=Severity.SEV1,
            at=now - timedelta(minutes=2),
            actor="pager",
        )
    )
    app = launch(desktop, tmp_path)
    try:
        assert wait_for(lambda: "database ready" in log_of(tmp_path), timeout=30), log_of(tmp_path)
        answers = []  # "still opening" until its incidents are read, then the list
        assert wait_for(
            lambda: (
                answers.append(command(desktop, tmp_path, "status")) or answers[-1].returncode == 0
            ),
            timeout=30,
        ), answers[-1].stderr
        status = answers[-1]
        assert all("still opening" in a.stderr for a in answers[:-1])
        # (a line before it would name an alert source that has not answered)
        lines = [line for line in status.stdout.splitlines() if line.startswith("#")]
        assert lines[0].startswith(f"#{incident.id}") and "SEV-1" in lines[0]
        assert "API Down - <b>500</b>" in lines[0]
        assert "next: acknowledge SLA in 0:0" in status.stdout  # 5 min SLA, 2 min gone

        noted = command(desktop, tmp_path, "note", "rollback of v2.3 started")
        assert noted.returncode == 0, noted.stderr
        assert "Noted in #" in noted.stdout

        acked = command(desktop, tmp_path, "ack")
        assert acked.returncode == 0, acked.stderr
        again = command(desktop, tmp_path, "ack")
        assert again.returncode == 1 and "no unacknowledged incident" in again.stderr

        as_json = json.loads(command(desktop, tmp_path, "status", "--json").stdout)
        assert as_json["incidents"][0]["status"] == "acknowledged"
    finally:
        code, _out, err = stop(app)
    assert code == 0, exit_report(tmp_path, err)
    stored = repo.get(incident.id)
    database.close()
    notes = [e for e in stored.timeline if e.kind is EventKind.NOTE]
    assert [(n.data["text"], n.actor, n.data["source"]) for n in notes] == [
        ("rollback of v2.3 started", "Ana", "terminal")
    ]
    assert stored.status is Status.ACKNOWLEDGED and stored.acknowledged_at is not None


def test_a_note_with_several_open_incidents_names_them(desktop, tmp_path):
    database = open_database(sqlite_url(tmp_path / "data" / "oncall.sqlite3"))
    repo = IncidentRepository(database)
    now = datetime.now(UTC)
    for title in ("Database lag", "Webhooks failing"):
        repo.save(Incident.declare(title=title, severity=Severity.SEV2, at=now, actor="a"))
    database.close()
    app = launch(desktop, tmp_path)
    try:
        assert wait_for(lambda: "database ready" in log_of(tmp_path), timeout=30)
        result = command(desktop, tmp_path, "note", "which one?")
        assert result.returncode == 1
        assert "several open incidents" in result.stderr and "Webhooks failing" in result.stderr
        chosen = command(desktop, tmp_path, "note", "this one", "--incident", "1")
        assert chosen.returncode == 0, chosen.stderr
    finally:
        stop(app)

"""Consoles sharing one database never overwrite each other (issue 18, item 1): real processes
change one incident at the same time through the app's storage path; the stored state must be
the one the timeline implies, with every change there."""

import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from oncall_desktop.core.incident import EventKind, Incident, Status
from oncall_desktop.core.policy import Severity
from oncall_desktop.storage.db import open_database
from oncall_desktop.storage.incidents import IncidentRepository

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[2]
OPERATIONS = 120


def run_consoles(url: str, consoles: int) -> Incident:
    database = open_database(url)
    repo = IncidentRepository(database)
    incident = repo.save(
        Incident.declare(
            title="shared",
            severity=Severity.SEV1,
            at=datetime.now(UTC),
            actor="a",
            status=Status.INVESTIGATING,
        )
    )
    workers = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "tests.helpers.change_worker",
                url,
                str(incident.id),
                str(worker),
                str(OPERATIONS),
                str(worker + 7),
            ],
            cwd=ROOT,
            stderr=subprocess.PIPE,
            text=True,
        )
        for worker in range(consoles)
    ]
    for worker in workers:
        _, err = worker.communicate(timeout=300)
        assert worker.returncode == 0, err
    stored = repo.get(incident.id or -1)
    database.close()
    return stored


def assert_state_is_what_the_timeline_says(incident: Incident, consoles: int) -> None:
    changes = [e for e in incident.timeline if e.kind is not EventKind.DECLARED]
    assert len(changes) == consoles * OPERATIONS  # no change lost
    last_tick: dict[str, bool] = {}
    for event in incident.timeline:
        if event.kind in (EventKind.STEP_DONE, EventKind.STEP_UNDONE):
            last_tick[str(event.data["step"])] = event.kind is EventKind.STEP_DONE
    stored = {step: state.done for step, state in incident.steps.items()}
    assert {s: stored.get(s, False) for s in last_tick} == last_tick
    moves = incident.events(EventKind.STATUS_CHANGED)
    if moves:
        assert incident.status.value == moves[-1].data["to"]
    raised = incident.events(EventKind.SEVERITY_CHANGED)
    if raised:
        assert incident.severity.value == raised[-1].data["to"]


def test_two_consoles_on_one_sqlite_file_lose_nothing(tmp_path):
    url = f"sqlite+pysqlite:///{tmp_path / 'oncall.sqlite3'}"
    assert_state_is_what_the_timeline_says(run_consoles(url, 2), 2)


def test_three_consoles_on_one_postgresql_database_lose_nothing(postgres_url):
    assert_state_is_what_the_timeline_says(run_consoles(postgres_url, 3), 3)

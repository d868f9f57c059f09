"""What the UI tests that drive a real cockpit share: an incident store on SQLite and the
incident service over it (a real task runner, the fake clock)."""

import pytest

from oncall_desktop.services.incidents import IncidentService
from oncall_desktop.services.tasks import TaskRunner
from oncall_desktop.storage.db import open_database, sqlite_url
from oncall_desktop.storage.incidents import IncidentRepository


@pytest.fixture
def store(tmp_path):
    database = open_database(sqlite_url(tmp_path / "oncall.sqlite3"))
    yield IncidentRepository(database)
    database.close()


@pytest.fixture
def service(qapp, store, clock, policy):
    runner = TaskRunner()
    service = IncidentService(store, runner, clock, policy, "alice")
    yield service
    runner.wait()

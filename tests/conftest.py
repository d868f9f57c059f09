"""Test-wide setup: no test touches the developer's real config, data, keyring or display."""

import os

# Before any Qt import: in-process GUI tests run offscreen. The real X server tests start the
# app as a separate process (tests/desktop).
os.environ["QT_QPA_PLATFORM"] = "offscreen"
os.environ.pop("ONCALL_DATABASE_URL", None)

import pytest

from oncall_desktop.core.clock import FakeClock
from oncall_desktop.core.policy import load_policy


@pytest.fixture(autouse=True)
def _isolated_dirs(tmp_path, monkeypatch):
    """Config, data and logs of every test go to its own temporary folder."""
    monkeypatch.setenv("ONCALL_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("ONCALL_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("ONCALL_DATABASE_URL", raising=False)


@pytest.fixture(scope="session")
def policy():
    return load_policy().policy


@pytest.fixture
def clock():
    return FakeClock()


def pytest_collection_modifyitems(config, items):
    for item in items:
        if {"qtbot", "qapp"} & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.gui)


# --- databases ---------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def postgres_server():
    """A PostgreSQL server: ONCALL_TEST_POSTGRES_URL (as .ci/run sets it) or a throwaway
    cluster started here. Skipped when neither can be had, except in CI where it fails."""
    from tests.helpers.services import PostgresServer, ThrowawayPostgres, unavailable

    try:
        import psycopg  # noqa: F401
    except ImportError:
        unavailable("psycopg is not installed (pip install -e '.[test]')")
    url = os.environ.get("ONCALL_TEST_POSTGRES_URL")
    cluster = None
    if not url:
        cluster = ThrowawayPostgres()
        try:
            url = cluster.start()
        except Exception as error:  # noqa: BLE001 - any failure means "no server here"
            cluster.stop()
            unavailable(f"no PostgreSQL server: {error}")
    server = PostgresServer(url)
    try:
        server.wait_ready()
    except Exception as error:  # noqa: BLE001 - reported as unavailable
        unavailable(f"PostgreSQL at {url} is not answering: {error}")
    yield server
    server.close()
    if cluster:
        cluster.stop()


@pytest.fixture
def postgres_url(postgres_server):
    name, url = postgres_server.create_database()
    yield url
    postgres_server.drop_database(name)


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def database_url(request, tmp_path):
    """Each test using this runs on SQLite and on PostgreSQL."""
    if request.param == "sqlite":
        from oncall_desktop.storage.db import sqlite_url

        return sqlite_url(tmp_path / "data" / "oncall.sqlite3")
    return request.getfixturevalue("postgres_url")

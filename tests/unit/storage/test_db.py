"""Opening the database: migrations, backups and every way it can be unusable."""

import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import textwrap
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import text

from oncall_desktop.core.clock import FakeClock
from oncall_desktop.core.incident import Incident, Status
from oncall_desktop.core.paging import AlertLink
from oncall_desktop.core.policy import Audience, Severity
from oncall_desktop.storage import db as dbmod
from oncall_desktop.storage.db import current_revision, known_revisions, open_database, sqlite_url
from oncall_desktop.storage.errors import StorageUnavailable
from oncall_desktop.storage.incidents import IncidentRepository


def _declare(clock, title="API Down", severity=Severity.SEV1):
    return Incident.declare(title=title, severity=severity, at=clock.now(), actor="alice")


def test_schema_head_constant_matches_the_migrations():
    assert known_revisions()[1] == dbmod.SCHEMA_HEAD


def test_migrations_build_exactly_the_tables_the_code_uses(database_url):
    """Alembic's own comparison: a column or index added to tables.py without a migration
    (or the reverse) would break only on users' upgraded databases, so it fails here."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from oncall_desktop.storage.search import OUTSIDE_METADATA
    from oncall_desktop.storage.tables import Base

    db = open_database(database_url)
    try:
        with db.engine.connect() as connection:
            # the title search index, made where the database can (storage/search.py)
            context = MigrationContext.configure(
                connection,
                opts={"include_name": lambda name, *_: name not in OUTSIDE_METADATA},
            )
            assert compare_metadata(context, Base.metadata) == []
    finally:
        db.close()


def test_round_trip_on_both_backends(database_url):
    db = open_database(database_url)
    try:
        assert current_revision(db.engine) == known_revisions()[1]
        repo = IncidentRepository(db)
        clock = FakeClock()
        inc = _declare(clock, title='<b>API</b> & "500" 💥')
        clock.advance(60)
        inc.move_to(Status.ACKNOWLEDGED, at=clock.now(), actor="alice")
        inc.tick_step("1.2", at=clock.now(), actor="alice", note="from the tray")
        inc.record_update_sent(Audience.INTERNAL, at=clock.now(), actor="alice", link="x")
        saved = repo.save(inc)
        assert saved.id is not None
        loaded = repo.get(saved.id)
        assert loaded.title == '<b>API</b> & "500" 💥'
        assert loaded.acknowledged_at == inc.declared_at + timedelta(minutes=1)
        assert loaded.acknowledged_at.tzinfo is not None
        assert [e.kind for e in loaded.timeline] == [e.kind for e in inc.timeline]
        assert loaded.steps["1.2"].note == "from the tray"
        # saving again appends only the new events
        loaded.add_note("rollback", at=clock.now(), actor="bob")
        again = repo.save(loaded)
        assert len(again.timeline) == len(inc.timeline) + 1
        assert [i.id for i in repo.list_active()] == [saved.id]
        again.move_to(Status.RESOLVED, at=clock.now(), actor="bob")
        repo.save(again)
        assert repo.list_active() == []
        assert [i.id for i in repo.list_recent()] == [saved.id]
    finally:
        db.close()


def test_one_incident_per_alert_of_a_source(database_url):
    db = open_database(database_url)
    try:
        repo = IncidentRepository(db)
        clock = FakeClock()
        first = _declare(clock)
        first.alert = AlertLink("pagerduty", "PABC123", "https://pd.example/PABC123")
        repo.save(first)
        found = repo.find_by_alert("pagerduty", "PABC123")
        assert found.title == "API Down" and found.alert == first.alert
        assert repo.find_by_alert("pagerduty", "nope") is None
        assert repo.find_by_alert("opsgenie", "PABC123") is None
        other_source = _declare(clock)  # the same id in another source is another alert
        other_source.alert = AlertLink("opsgenie", "PABC123")
        repo.save(other_source)
        second = _declare(clock)
        second.alert = AlertLink("pagerduty", "PABC123")
        with pytest.raises(Exception):  # noqa: B017 - the backend's own IntegrityError
            repo.save(second)
    finally:
        db.close()


def test_reopening_is_idempotent_and_backs_up_only_when_migrating(tmp_path):
    path = tmp_path / "oncall.sqlite3"
    open_database(sqlite_url(path)).close()
    db = open_database(sqlite_url(path))
    assert db.backup_path is None
    db.close()
    assert list(tmp_path.glob("*.bak")) == []


def test_old_sqlite_file_is_backed_up_before_migrating(tmp_path):
    path = tmp_path / "oncall.sqlite3"
    with sqlite3.connect(path) as conn:  # a file from before the app used migrations
        conn.execute("CREATE TABLE notes (x TEXT)")
        conn.execute("INSERT INTO notes VALUES ('keep me')")
    db = open_database(sqlite_url(path))
    db.close()
    assert db.backup_path is not None and db.backup_path.exists()
    with sqlite3.connect(db.backup_path) as conn:
        assert conn.execute("SELECT x FROM notes").fetchone() == ("keep me",)


def test_database_from_a_newer_app_is_refused_untouched(database_url):
    db = open_database(database_url)
    with db.engine.begin() as c:
        c.execute(text("UPDATE alembic_version SET version_num = '9999_future'"))
    db.close()
    with pytest.raises(StorageUnavailable, match="newer version of oncall-desktop"):
        open_database(database_url)
    from sqlalchemy import create_engine

    engine = create_engine(database_url)
    try:
        assert current_revision(engine) == "9999_future"
    finally:
        engine.dispose()


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("not a url", "The database URL is not valid"),
        ("mysql://user@host/db", "Database type 'mysql' is not supported"),
        ("postgresql+nosuchdriver://u@h/db", "driver"),
        ("postgresql+psycopg://user:hunter2@127.0.0.1:1/oncall", "cannot be reached"),
    ],
)
def test_bad_urls_give_a_message(url, message):
    with pytest.raises(StorageUnavailable, match=message) as info:
        open_database(url)
    assert "hunter2" not in str(info.value)  # a password in the URL is never echoed


def test_corrupt_sqlite_file(tmp_path):
    path = tmp_path / "oncall.sqlite3"
    path.write_bytes(b"this is not a database, it is a shopping list\n" * 100)
    with pytest.raises(StorageUnavailable, match="damaged or is not a database"):
        open_database(sqlite_url(path))
    assert path.read_bytes().startswith(b"this is not a database")  # left as it was


def test_locked_sqlite_file(tmp_path, monkeypatch):
    monkeypatch.setattr(dbmod, "SQLITE_BUSY_TIMEOUT_MS", 50)
    path = tmp_path / "oncall.sqlite3"
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(StorageUnavailable, match="locked by another program"):
            open_database(sqlite_url(path))
    finally:
        holder.close()


def test_read_only_data_folder():
    """Run as an unprivileged user where the tests run as root (root ignores permissions)."""
    base = Path(tempfile.mkdtemp(prefix="oncall-ro-"))  # pytest's tmp_path is root-only
    base.chmod(0o755)
    folder = base / "ro"
    folder.mkdir()
    folder.chmod(0o555)
    tmp_path = base
    script = textwrap.dedent(f"""
        from oncall_desktop.storage.db import open_database, sqlite_url
        from oncall_desktop.storage.errors import StorageUnavailable
        try:
            open_database(sqlite_url({str(folder / "oncall.sqlite3")!r}))
        except StorageUnavailable as e:
            print("MESSAGE:", e)
    """)
    cmd = [sys.executable, "-c", script]
    if os.geteuid() == 0:
        cmd = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", *cmd]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    out = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=60, cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    shutil.rmtree(base, ignore_errors=True)
    assert "MESSAGE: The database" in out.stdout
    assert "cannot be opened" in out.stdout or "read-only" in out.stdout


def test_missing_data_folder_is_created(tmp_path):
    db = open_database(sqlite_url(tmp_path / "a" / "b" / "oncall.sqlite3"))
    db.close()
    assert (tmp_path / "a" / "b" / "oncall.sqlite3").exists()


def test_plain_postgresql_urls_use_the_shipped_driver(postgres_url):
    plain = postgres_url.replace("postgresql+psycopg://", "postgresql://", 1)
    db = open_database(plain)
    try:
        assert db.url.drivername == "postgresql+psycopg"
    finally:
        db.close()


KILL_DURING_FIRST_MIGRATION = textwrap.dedent(
    """
    import os, signal, sys
    from alembic.operations import Operations
    from oncall_desktop.storage.db import open_database

    created = []
    real = Operations.create_table

    def create_table(self, name, *columns, **kw):
        result = real(self, name, *columns, **kw)
        created.append(name)
        if len(created) == int(sys.argv[2]):
            os.kill(os.getpid(), signal.SIGKILL)  # like a power cut mid-way
        return result

    Operations.create_table = create_table
    open_database(sys.argv[1])
    """
)


@pytest.mark.parametrize("tables_before_the_kill", [1, 3])
def test_a_first_start_killed_mid_migration_leaves_no_trace(database_url, tables_before_the_kill):
    """Issue 15, item 1: kill -9 right after the migration began left some tables and no
    version stamp, and every later start said "table incidents already exists"."""
    killed = subprocess.run(
        [
            sys.executable,
            "-c",
            KILL_DURING_FIRST_MIGRATION,
            database_url,
            str(tables_before_the_kill),
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert killed.returncode == -9, killed.stderr
    db = open_database(database_url)  # the next start
    try:
        assert db.notice is None  # nothing half-made was left to move aside
        assert current_revision(db.engine) == dbmod.SCHEMA_HEAD
        saved = IncidentRepository(db).save(_declare(FakeClock()))
        assert IncidentRepository(db).get(saved.id).title == "API Down"
    finally:
        db.close()


def test_a_half_made_sqlite_file_from_an_older_build_is_moved_aside(tmp_path):
    path = tmp_path / "oncall.sqlite3"
    with sqlite3.connect(path) as conn:  # what an interrupted older build left: no stamp
        conn.execute("CREATE TABLE incidents (id INTEGER PRIMARY KEY, title TEXT)")
        conn.execute("INSERT INTO incidents (title) VALUES ('keep me')")
    db = open_database(sqlite_url(path))
    try:
        assert db.notice is not None and "moved aside" in str(db.notice)
        assert current_revision(db.engine) == dbmod.SCHEMA_HEAD
    finally:
        db.close()
    [aside] = tmp_path.glob("oncall.sqlite3.incomplete-*")
    assert str(aside) in str(db.notice)
    with sqlite3.connect(aside) as conn:
        assert conn.execute("SELECT title FROM incidents").fetchone() == ("keep me",)


@pytest.mark.postgres
def test_a_half_made_postgresql_database_is_named_with_what_to_do(postgres_url):
    from sqlalchemy import create_engine

    engine = create_engine(postgres_url.replace("postgresql://", "postgresql+psycopg://", 1))
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE incidents (id INTEGER PRIMARY KEY)"))
    engine.dispose()
    with pytest.raises(StorageUnavailable, match="no schema version"):
        open_database(postgres_url)


def test_messages_name_the_sqlite_file_not_a_driver_url(tmp_path):
    path = tmp_path / "oncall.sqlite3"
    path.write_bytes(b"this is not a database at all" * 100)
    with pytest.raises(StorageUnavailable) as raised:
        open_database(sqlite_url(path))
    assert str(path) in str(raised.value) and "sqlite+pysqlite" not in str(raised.value)


def test_links_made_before_alert_sources_keep_their_pagerduty_page(database_url):
    """Migration 0006: pagerduty_id/pagerduty_url became a source-neutral alert link; an
    incident linked by an older version still follows its PagerDuty page, still unique."""
    from alembic import command
    from sqlalchemy import create_engine, make_url

    url = make_url(database_url)
    if url.get_backend_name() == "sqlite":
        Path(url.database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(database_url)
    with engine.begin() as connection:
        command.upgrade(dbmod._alembic_config(connection), "0005")
        connection.execute(
            text(
                "INSERT INTO incidents (title, impact, severity, status, detected_at,"
                " declared_at, pagerduty_id, pagerduty_url, is_drill) VALUES ('API down', '',"
                " 'SEV-1', 'triggered', '2026-12-01 03:00:00', '2026-12-01 03:00:00', 'PX42',"
                " 'https://pd.example/incidents/PX42', false)"
            )
        )
    engine.dispose()
    db = open_database(database_url)
    try:
        repo = IncidentRepository(db)
        found = repo.find_by_alert("pagerduty", "PX42")
        assert found is not None and found.title == "API down"
        assert found.alert == AlertLink("pagerduty", "PX42", "https://pd.example/incidents/PX42")
        again = _declare(FakeClock())
        again.alert = AlertLink("pagerduty", "PX42")
        with pytest.raises(Exception):  # noqa: B017 - still one incident per page
            repo.save(again)
    finally:
        db.close()


@pytest.mark.postgres
def test_consoles_starting_together_on_a_new_team_database_all_open_it(postgres_url):
    """Seen when two consoles started at once on a fresh PostgreSQL database: both migrated,
    the second failed with 'duplicate key ... pg_type_typname_nsp_index' and its user got
    'the database cannot be used'. Migrations now take turns; the later one finds the
    schema made."""
    import threading

    barrier, results = threading.Barrier(3), []

    def start():
        barrier.wait()
        try:
            results.append(open_database(postgres_url))
        except StorageUnavailable as error:
            results.append(error)

    starters = [threading.Thread(target=start) for _ in range(3)]
    for thread in starters:
        thread.start()
    for thread in starters:
        thread.join(60)
    problems = [r for r in results if isinstance(r, Exception)]
    for opened in results:
        if not isinstance(opened, Exception):
            assert current_revision(opened.engine) == dbmod.SCHEMA_HEAD
            opened.close()
    assert problems == [] and len(results) == 3

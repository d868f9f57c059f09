"""Migrations run in a child process, so that the console never loads Alembic (the memory goal
on a first start), with the same outcomes as in-process."""

import sqlite3
import subprocess
import sys

import pytest

from oncall_desktop.storage import db as dbmod
from oncall_desktop.storage.db import current_revision, open_database, sqlite_url
from oncall_desktop.storage.errors import StorageUnavailable
from oncall_desktop.storage.migrate import migrate_in_child


def test_a_first_start_migrates_in_a_child_and_the_console_never_imports_alembic(tmp_path):
    script = (
        "import sys\n"
        "from oncall_desktop.storage.db import open_database\n"
        "from oncall_desktop.storage.migrate import migrate_in_child\n"
        "db = open_database(sys.argv[1], migrate_elsewhere=migrate_in_child)\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('alembic', 'mako')))\n"
        "db.close()\n"
    )
    url = sqlite_url(tmp_path / "oncall.sqlite3")
    done = subprocess.run(
        [sys.executable, "-c", script, url], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"
    db = open_database(url)
    try:
        assert current_revision(db.engine) == dbmod.SCHEMA_HEAD
    finally:
        db.close()


def test_the_childs_refusal_comes_back_as_its_message(tmp_path):
    path = tmp_path / "oncall.sqlite3"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE alembic_version (version_num VARCHAR(32))")
        conn.execute("INSERT INTO alembic_version VALUES ('9999_future')")
    with pytest.raises(StorageUnavailable, match="newer version"):
        open_database(sqlite_url(path), migrate_elsewhere=migrate_in_child)


def test_the_childs_backup_and_notice_reach_the_console(tmp_path):
    path = tmp_path / "oncall.sqlite3"
    with sqlite3.connect(path) as conn:  # what an interrupted older build left
        conn.execute("CREATE TABLE incidents (id INTEGER PRIMARY KEY, title TEXT)")
    db = open_database(sqlite_url(path), migrate_elsewhere=migrate_in_child)
    try:
        assert db.notice is not None and "moved aside" in str(db.notice)
    finally:
        db.close()
    backup, notice = migrate_in_child(sqlite_url(path))  # already at head: nothing to do
    assert backup is None and notice is None

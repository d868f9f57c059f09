"""The app started the way a user starts it, offscreen, when things are wrong around it:
a clear message on stderr (a dialog without --no-dialogs), no traceback, nothing destroyed."""

import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow


def run_app(tmp_path, *args, env=None, user=None, timeout=60):
    environment = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "ONCALL_CONFIG_DIR": str(tmp_path / "config"),
        "ONCALL_DATA_DIR": str(tmp_path / "data"),
        "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
        **(env or {}),
    }
    cmd = [sys.executable, "-m", "oncall_desktop", "--no-dialogs", "--quit-after", "0.3", *args]
    if user is not None and os.geteuid() == 0:
        cmd = ["setpriv", f"--reuid={user}", f"--regid={user}", "--clear-groups", *cmd]
        environment["PYTHONPATH"] = os.pathsep.join(sys.path)
    return subprocess.run(
        cmd, capture_output=True, text=True, env=environment, timeout=timeout, cwd=tmp_path
    )


def assert_clean_failure(result, message):
    assert result.returncode == 2, result.stderr
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_version():
    out = subprocess.run(
        [sys.executable, "-m", "oncall_desktop", "--version"],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert out.returncode == 0 and out.stdout.startswith("oncall-desktop 0.")


def test_starts_and_quits_on_embedded_defaults(tmp_path):
    result = run_app(tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "data" / "oncall.sqlite3").exists()
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("this is not a url", "The database URL is not valid"),
        ("oracle://scott:tiger@db/orcl", "Database type 'oracle' is not supported"),
        ("postgresql+psycopg://oncall:pw@127.0.0.1:1/oncall", "cannot be reached"),
    ],
)
def test_bad_database_url(tmp_path, url, message):
    result = run_app(tmp_path, env={"ONCALL_DATABASE_URL": url})
    assert_clean_failure(result, message)
    assert "tiger" not in result.stderr and ":pw@" not in result.stderr


def test_corrupt_database_file(tmp_path):
    (tmp_path / "data").mkdir()
    db = tmp_path / "data" / "oncall.sqlite3"
    db.write_bytes(b"\x00garbage" * 512)
    assert_clean_failure(run_app(tmp_path), "damaged or is not a database")
    assert db.read_bytes() == b"\x00garbage" * 512


def test_database_from_a_newer_version(tmp_path):
    assert run_app(tmp_path).returncode == 0
    db = tmp_path / "data" / "oncall.sqlite3"
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '0999_from_the_future'")
    assert_clean_failure(run_app(tmp_path), "written by a newer version of oncall-desktop")


def test_read_only_data_folder():
    base = Path(tempfile.mkdtemp(prefix="oncall-ro-"))  # pytest's tmp_path is root-only
    try:
        base.chmod(0o755)
        (base / "data").mkdir()
        (base / "config").mkdir()
        (base / "data").chmod(0o555)
        result = run_app(base, user=65534)
        assert_clean_failure(result, "cannot be used")
        assert str(base / "data") in result.stderr
    finally:
        shutil.rmtree(base, ignore_errors=True)


def test_invalid_override_and_settings_are_reported_and_the_app_runs(tmp_path):
    (tmp_path / "config").mkdir()
    (tmp_path / "config" / "policy.toml").write_text(
        "[severities.SEV-1]\nack_sla_minutes = 'five'\n", encoding="utf-8"
    )
    (tmp_path / "config" / "settings.json").write_text('{"language": 42}', encoding="utf-8")
    result = run_app(tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Procedure file: severities.SEV-1.ack_sla_minutes" in result.stderr
    assert "Settings: language: expected text" in result.stderr
    assert "Traceback" not in result.stderr


def test_bad_team_database_can_fall_back_to_local_only_when_asked(tmp_path):
    """Without a dialog there is nobody to ask: a broken team database is not silently
    swapped for the local one."""
    result = run_app(tmp_path, env={"ONCALL_DATABASE_URL": "postgresql+psycopg://x@127.0.0.1:1/x"})
    assert result.returncode == 2
    assert not (tmp_path / "data" / "oncall.sqlite3").exists()

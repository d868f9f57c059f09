"""The real app, as a separate process, on a real X server with a tray host."""

import json
import signal
import subprocess
import sys
from datetime import UTC, datetime

import pytest

from tests.helpers.desktop import wait_for

pytestmark = [pytest.mark.desktop, pytest.mark.slow]

WINDOW_TITLE = "On-call Desktop"


def terminal(desktop, where, *args):
    """``oncall-desktop *args`` in a terminal of the desktop, for the console whose folders
    are under ``where``."""
    env = desktop.env(ONCALL_CONFIG_DIR=str(where / "config"), ONCALL_DATA_DIR=str(where / "data"))
    return subprocess.run(
        [sys.executable, "-m", "oncall_desktop", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def launch(desktop, tmp_path, *args, **env):
    env = desktop.env(
        ONCALL_CONFIG_DIR=str(tmp_path / "config"),
        ONCALL_DATA_DIR=str(tmp_path / "data"),
        **env,
    )
    return subprocess.Popen(
        [sys.executable, "-m", "oncall_desktop", "--no-dialogs", *args],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def log_of(tmp_path):
    path = tmp_path / "data" / "logs" / "oncall-desktop.log"
    return path.read_text() if path.exists() else ""


def exit_report(tmp_path, err):
    """stderr plus what faulthandler wrote of a hard crash (a segfault leaves no traceback)."""
    fatal = sorted((tmp_path / "data" / "crash").glob("fatal*.log"))
    return "\n".join([err, *(f"--- {f.name}\n{f.read_text()}" for f in fatal)])


def stop(proc):
    proc.send_signal(signal.SIGTERM)
    try:
        out, err = proc.communicate(timeout=15)
    except subprocess.TimeoutExpired:
        proc.kill()
        out, err = proc.communicate()
        pytest.fail(f"the app did not quit on SIGTERM\n{err}")
    return proc.returncode, out, err


def test_window_and_tray_icon_appear(desktop, tmp_path):
    app = launch(desktop, tmp_path)
    try:
        assert wait_for(lambda: desktop.visible_windows(WINDOW_TITLE), timeout=20), (
            "the main window never became visible"
        )
        assert wait_for(lambda: desktop.tray_items_of(app.pid), timeout=20), (
            "the tray icon was never registered with the tray host"
        )
        log_file = tmp_path / "data" / "logs" / "oncall-desktop.log"
        assert wait_for(
            lambda: "keyring: keyring.backends.SecretService.Keyring" in log_file.read_text(),
            timeout=20,
        ), "the keyring was not found usable"
    finally:
        code, _out, err = stop(app)
    assert code == 0, exit_report(tmp_path, err)
    log = log_file.read_text()
    assert "tray icon shown" in log and "no system tray" not in log
    assert "database ready" in log
    assert "Traceback" not in err


def test_second_launch_hands_over_to_the_first(desktop, tmp_path):
    first = launch(desktop, tmp_path)
    try:
        assert wait_for(lambda: desktop.visible_windows(WINDOW_TITLE), timeout=20)
        second = launch(desktop, tmp_path)
        out, err = second.communicate(timeout=20)
        assert second.returncode == 0, err
        assert "already running" in out
        assert first.poll() is None  # the first one is still serving
    finally:
        code, _out, err = stop(first)
    assert code == 0, exit_report(tmp_path, err)


@pytest.mark.postgres
def test_app_runs_on_postgresql(desktop, tmp_path, postgres_url):
    from sqlalchemy import create_engine, inspect

    app = launch(desktop, tmp_path, ONCALL_DATABASE_URL=postgres_url)
    try:
        assert wait_for(lambda: desktop.visible_windows(WINDOW_TITLE), timeout=20)
        assert wait_for(lambda: "database ready: PostgreSQL" in log_of(tmp_path), timeout=20)
    finally:
        code, _out, err = stop(app)
    assert code == 0, exit_report(tmp_path, err)
    engine = create_engine(postgres_url)
    try:
        tables = set(inspect(engine).get_table_names())
    finally:
        engine.dispose()
    assert {"incidents", "timeline_events", "checklist_steps", "alembic_version"} <= tables
    assert not (tmp_path / "data" / "oncall.sqlite3").exists()  # the local file was not used


def test_app_without_a_keyring_says_so_and_keeps_working(desktop, tmp_path):
    app = launch(desktop, tmp_path, PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring")
    try:
        assert wait_for(lambda: desktop.visible_windows(WINDOW_TITLE), timeout=20)
        log_file = tmp_path / "data" / "logs" / "oncall-desktop.log"
        assert wait_for(lambda: "keyring unavailable" in log_file.read_text(), timeout=20)
        assert app.poll() is None
    finally:
        code, _out, err = stop(app)
    assert code == 0, exit_report(tmp_path, err)


@pytest.mark.postgres
def test_two_consoles_on_one_postgresql_see_each_other_live(desktop, tmp_path, postgres_url):
    """Issue 18: two real app processes on one team database. What a colleague's console
    declares and acknowledges shows in the other's list without any action there (its poll
    of PagerDuty is an hour away: only the change feed can bring it)."""

    from oncall_desktop.core.incident import Incident
    from oncall_desktop.core.policy import Severity
    from oncall_desktop.storage.db import open_database
    from oncall_desktop.storage.incidents import IncidentRepository

    def folder(name):
        (tmp_path / name / "config").mkdir(parents=True)
        (tmp_path / name / "config" / "settings.json").write_text(
            json.dumps({"language": "en", "pagerduty_poll_seconds": 3600, "engineer_name": name})
        )
        return tmp_path / name

    def command(where, *args):
        def run():
            return terminal(desktop, where, *args)

        # until its incidents are read a console answers "still opening" (exit 1): ask again
        answers = [run()]
        while answers[-1].returncode == 1 and "still opening" in answers[-1].stderr:
            assert len(answers) < 300, "the console never read its incidents"
            answers.append(run())
        done = answers[-1]
        assert done.returncode == 0, done.stderr
        return done.stdout

    def listed(where):
        return json.loads(command(where, "status", "--json"))["incidents"]

    ana, ben = folder("ana"), folder("ben")
    apps = [launch(desktop, where, ONCALL_DATABASE_URL=postgres_url) for where in (ana, ben)]
    try:
        for where in (ana, ben):
            assert wait_for(lambda w=where: "change feed listening" in log_of(w), timeout=30), (
                log_of(where)
            )
        assert listed(ben) == []
        # a third party (another console's storage path) declares: both lists show it
        database = open_database(postgres_url)
        incident = IncidentRepository(database).save(
            Incident.declare(
                title="Checkout 502", severity=Severity.SEV1, at=datetime.now(UTC), actor="x"
            )
        )
        database.close()
        for where in (ana, ben):
            assert wait_for(
                lambda w=where: [i["id"] for i in listed(w)] == [incident.id], timeout=10
            )
        # Ana acknowledges from her terminal: Ben's console shows it, untouched
        command(ana, "ack")
        assert wait_for(lambda: listed(ben)[0]["status"] == "acknowledged", timeout=10)
    finally:
        results = [stop(app) for app in apps]
    for (code, _out, err), where in zip(results, (ana, ben), strict=True):
        assert code == 0, exit_report(where, err)

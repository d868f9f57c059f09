"""The app assembled in-process (offscreen: no tray), with a real SQLite database."""

import json
import subprocess
import sys
import time

import keyring.backends.fail
from PySide6.QtCore import QCoreApplication

from oncall_desktop.app.crash import CrashHandler, build_report
from oncall_desktop.app.paths import AppPaths
from oncall_desktop.app.shell import resolve_zone
from oncall_desktop.app.single_instance import STARTING_WAIT_SECONDS, SingleInstance
from oncall_desktop.config.schema import Settings
from oncall_desktop.core.policy import Severity
from oncall_desktop.core.policy_file import load_policy
from oncall_desktop.integrations.secrets import KeyringSecretStore
from oncall_desktop.services.poller import PollState, describe
from tests.unit.app.conftest import RecordingNotifier


def test_declared_incident_appears_in_the_window(qtbot, context):
    ctx = context()
    ctx.window.show()
    assert ctx.window.stack.currentWidget() is ctx.window.empty_label
    with qtbot.waitSignal(ctx.incidents.incident_declared, timeout=5000) as blocker:
        ctx.incidents.declare("Database connexion perdue", Severity.SEV1, "100% users")
    assert blocker.args[0].id is not None
    qtbot.waitUntil(lambda: ctx.window.model.rowCount() == 1, timeout=5000)
    assert ctx.window.stack.currentWidget() is ctx.window.table
    # it is in the database, not only in memory
    from oncall_desktop.storage.incidents import IncidentRepository

    stored = IncidentRepository(ctx.database).list_active()
    assert [i.title for i in stored] == ["Database connexion perdue"]


def test_without_a_tray_the_window_says_so_and_closing_quits(context):
    ctx = context()
    assert ctx.tray is None
    assert "No system tray" in ctx.window.banner.texts()["no-tray"]
    assert not ctx.window.keep_running_in_tray


def test_invalid_policy_override_is_shown_and_defaults_apply(qtbot, context, tmp_path):
    override = tmp_path / "policy.toml"
    override.write_text("[severities.SEV-1]\nack_sla_minutes = -5\n", encoding="utf-8")
    loaded = load_policy(override)
    ctx = context(problems=[f"Procedure file: {p}" for p in loaded.problems], policy_file=override)
    texts = " ".join(ctx.window.banner.texts().values())
    assert "severities.SEV-1.ack_sla_minutes" in texts
    assert ctx.incidents.policy.severity(Severity.SEV1).ack_sla.total_seconds() == 300


def test_unknown_time_zone_is_reported():
    zone, problem = resolve_zone("Mars/Olympus_Mons")
    assert zone is None and "Mars/Olympus_Mons" in problem
    assert resolve_zone("Africa/Douala")[1] is None


def test_no_keyring_banner(qtbot, context):
    ctx = context(secrets=KeyringSecretStore(keyring.backends.fail.Keyring()))
    ctx.check_keyring()
    qtbot.waitUntil(lambda: "keyring" in ctx.window.banner.texts(), timeout=5000)
    assert "everything else works" in ctx.window.banner.texts()["keyring"]


def test_no_keyring_is_said_once_though_pagerduty_also_finds_it(qtbot, context):
    ctx = context(secrets=KeyringSecretStore(keyring.backends.fail.Keyring()))
    with qtbot.waitSignal(ctx.poller.status_changed, timeout=5000):
        ctx.poller.start()  # reading the token fails: no keyring
    ctx.check_keyring()
    # both have spoken once this shows: the poller's status (waited for above, said as it
    # comes) and the keyring check (this message); nothing else is on its way
    qtbot.waitUntil(lambda: "keyring" in ctx.window.banner.texts(), timeout=20_000)
    about_keyring = [t for t in ctx.window.banner.texts().values() if "keyring" in t]
    assert len(about_keyring) == 1
    status = ctx.poller.status_of("pagerduty")
    assert status.state is PollState.NO_KEYRING
    assert describe(status, ctx.clock.now()) == "PagerDuty: off, no usable keyring"


def test_crash_report_is_written_without_secrets(tmp_path, monkeypatch):
    from oncall_desktop.ui.windows import crash_dialog

    shown = []
    monkeypatch.setattr(
        crash_dialog.CrashDialog,
        "ask",
        classmethod(lambda cls, report, log_path: shown.append(report) or True),
    )
    handler = CrashHandler(tmp_path / "crash", tmp_path / "x.log", show_dialog=True)
    handler.crash_dir.mkdir()
    try:
        raise RuntimeError("PUT failed with Authorization: Token token=u+SECRETSECRET")
    except RuntimeError as error:
        report = build_report(type(error), error, error.__traceback__)
    handler.handle(report)
    assert len(shown) == 1 and "RuntimeError" in shown[0]
    assert "SECRETSECRET" not in shown[0]
    written = list((tmp_path / "crash").glob("crash-*.txt"))
    assert len(written) == 1 and "SECRETSECRET" not in written[0].read_text()


def test_previous_hard_crash_is_reported_once(tmp_path):
    handler = CrashHandler(tmp_path / "crash", tmp_path / "x.log", show_dialog=False)
    handler.crash_dir.mkdir()
    handler.fatal_log.write_text("Fatal Python error: Segmentation fault\n")
    assert "Segmentation fault" in handler.previous_fatal_crash()
    assert handler.previous_fatal_crash() is None


def test_single_instance_hands_requests_to_the_first(qtbot, tmp_path):
    """The later launch is another process (a thread would hold the GIL in Qt's blocking
    socket calls, which is not how it runs)."""
    first = SingleInstance(tmp_path)
    try:
        assert first.acquire()
        assert not SingleInstance(tmp_path).acquire()
        script = (
            "import json, pathlib, sys\n"
            "from oncall_desktop.app.single_instance import SingleInstance\n"
            "print(json.dumps(SingleInstance(pathlib.Path(sys.argv[1])).send({'command': 'show'})))"
        )
        # launched while the first holds the lock but is still starting (no socket yet)
        with qtbot.waitSignal(first.request_received, timeout=10_000) as blocker:
            client = subprocess.Popen(
                [sys.executable, "-c", script, str(tmp_path)], stdout=subprocess.PIPE, text=True
            )
            qtbot.wait(400)
            first.serve()
        qtbot.waitUntil(lambda: client.poll() is not None, timeout=10_000)
        assert blocker.args == [{"command": "show"}]
        assert json.loads(client.stdout.read()) == {"ok": True}
        client.stdout.close()
    finally:
        first.release()
    second = SingleInstance(tmp_path)
    assert second.acquire()  # released: the next launch becomes the first
    second.release()


def test_a_launch_does_not_wait_when_no_instance_runs(tmp_path):
    started = time.monotonic()
    assert SingleInstance(tmp_path).send({"command": "show"}) is None
    assert time.monotonic() - started < STARTING_WAIT_SECONDS


def test_paths_follow_env_overrides(tmp_path, monkeypatch):
    monkeypatch.setenv("ONCALL_DATA_DIR", str(tmp_path / "d"))
    monkeypatch.setenv("ONCALL_CONFIG_DIR", str(tmp_path / "c"))
    paths = AppPaths.from_environment()
    assert paths.database_file == tmp_path / "d" / "oncall.sqlite3"
    assert paths.policy_override == tmp_path / "c" / "policy.toml"


def test_declare_waits_for_the_database(shell):
    assert not shell.window.declare_action.isEnabled()
    assert "Opening the database" in shell.window.status_label.text()


def test_broken_team_database_offers_the_local_one(qtbot, shell, monkeypatch):
    import argparse

    from oncall_desktop.app import main
    from oncall_desktop.ui.windows import crash_dialog

    asked = []
    monkeypatch.setattr(
        crash_dialog.StartupErrorDialog,
        "ask",
        staticmethod(
            lambda message, can_use_local: asked.append((message, can_use_local)) or "local"
        ),
    )
    args = argparse.Namespace(
        database_url="postgresql+psycopg://x@127.0.0.1:1/team", no_dialogs=False
    )
    paths = AppPaths.from_environment()
    ctx = shell
    ready = []
    main.open_storage(ctx, paths, args, on_ready=lambda: ready.append(True))
    qtbot.waitUntil(lambda: bool(ready), timeout=10_000)
    assert asked and asked[0][1] is True and "cannot be reached" in asked[0][0]
    assert ctx.database.is_sqlite
    assert ctx.window.declare_action.isEnabled()
    assert "Using the local database" in ctx.window.banner.texts()["database-fallback"]


def low_and_high_pages():
    from oncall_desktop.core.paging import Page

    return [
        Page("L1", 1, "disk 80%", "triggered", "low", "db", None, ""),
        Page("H1", 2, "<b>API</b> & down", "triggered", "high", "api", None, ""),
    ]


def test_every_notification_body_is_escaped_for_markup_servers(qtbot, context, clock):
    """Overdue updates and post-mortem reminders carry incident titles too."""
    from dataclasses import replace
    from datetime import timedelta

    from oncall_desktop.core.incident import Status

    ctx = context(settings=Settings(language="en"))
    recorder = RecordingNotifier()
    ctx.controller.notifications.use(recorder.notifier, body_markup=True)
    with qtbot.waitSignal(ctx.incidents.incident_declared, timeout=5000) as declared:
        ctx.incidents.declare("<b>API</b> & down", Severity.SEV1, "all")
    qtbot.waitUntil(lambda: len(ctx.incidents.active) == 1, timeout=5000)
    clock.advance(timedelta(minutes=6))
    ctx.controller.on_tick(clock.now())
    overdue = [n for n in recorder.shown if n.title.startswith("Update overdue")]
    assert overdue and all("&lt;b&gt;API&lt;/b&gt; &amp; down" in n.body for n in overdue)
    with qtbot.waitSignal(ctx.incidents.incident_changed, timeout=5000):
        ctx.incidents.move_to(declared.args[0].id, Status.RESOLVED)
    service = ctx.controller.postmortems.service
    qtbot.waitUntil(lambda: len(service.unsigned) == 1, timeout=5000)
    draft = service.unsigned[0].draft
    service.save(declared.args[0].id, replace(draft, title="<i>PM</i>", revision=1))
    qtbot.waitUntil(lambda: service.unsigned and service.unsigned[0].draft.revision == 1)
    clock.advance(timedelta(days=2))
    ctx.controller.on_tick(clock.now())
    reminder = [n for n in recorder.shown if n.title == "Post-mortem overdue"]
    assert [n.body for n in reminder] == ["&lt;i&gt;PM&lt;/i&gt;"]


def test_cockpits_open_from_the_list_and_overdue_updates_alert_once(qtbot, context, clock):
    from datetime import timedelta

    recorder = RecordingNotifier()
    ctx = context(settings=Settings(language="en"), notifier=recorder.notifier, tray=True)
    with qtbot.waitSignal(ctx.incidents.incident_declared, timeout=5000):
        ctx.incidents.declare("API Down", Severity.SEV1, "100% users")
    qtbot.waitUntil(lambda: len(ctx.controller.cockpits) == 1, timeout=5000)
    qtbot.waitUntil(lambda: len(ctx.incidents.active) == 1, timeout=5000)
    incident_id = next(iter(ctx.controller.cockpits))
    cockpit = ctx.controller.cockpits[incident_id]
    ctx.controller.update_tray(clock.now())
    entries = [a.text() for a in ctx.controller.tray._incident_actions.values()]
    assert entries == ["SEV-1 API Down — Internal (Slack #incidents) 5:00"]  # declared: acked
    clock.advance(timedelta(minutes=6))
    ctx.controller.on_tick(clock.now())
    ctx.controller.on_tick(clock.now())  # a second tick must not alert again
    overdue = [n for n in recorder.shown if n.title.startswith("Update overdue")]
    titles = sorted(n.title for n in overdue)
    assert titles == [
        "Update overdue: Executive (email/phone)",
        "Update overdue: External (status page)",
        "Update overdue: Internal (Slack #incidents)",
    ]
    assert all(n.urgent for n in overdue)
    # each carries the action that fixes it
    assert {n.key for n in overdue} == {
        f"compose:{incident_id}:{a}" for a in ("internal", "status_page", "executive")
    }
    assert all(n.actions == (("compose", "Compose…"),) for n in overdue)
    assert (
        "OVERDUE"
        in cockpit.clocks.audience_rows[next(iter(cockpit.clocks.audience_rows))].countdown.text()
    )
    cockpit.close()
    assert ctx.controller.cockpits == {}
    ctx.controller.alert_controller.on_notification_action(f"incident:{incident_id}", "default")
    qtbot.waitUntil(lambda: incident_id in ctx.controller.cockpits, timeout=5000)


def test_a_worker_thread_crash_reaches_the_crash_folder_and_the_log(qtbot, tmp_path, caplog):
    """Issue 15, item 16: only the dialog saw it; a report must be on disk first."""
    import threading

    from oncall_desktop.app.crash import CrashHandler

    presented = []
    handler = CrashHandler(tmp_path / "crash", tmp_path / "x.log", show_dialog=False)
    handler.crash_dir.mkdir()
    handler.attach_to_qt()
    handler._bridge.report_ready.disconnect()
    handler._bridge.report_ready.connect(presented.append)

    def boom():
        raise RuntimeError("worker blew up with token=Token token=u+SECRETSECRET")

    previous = threading.excepthook
    threading.excepthook = handler._thread_excepthook
    try:
        with caplog.at_level("CRITICAL"):
            worker = threading.Thread(target=boom, name="storage-writer")
            worker.start()
            worker.join()
        written = list((tmp_path / "crash").glob("crash-*.txt"))
        assert len(written) == 1 and "worker blew up" in written[0].read_text()
        assert "SECRETSECRET" not in written[0].read_text()
        assert any("storage-writer" in r.getMessage() for r in caplog.records)
        qtbot.waitUntil(lambda: len(presented) == 1, timeout=10_000)  # and then the dialog
    finally:
        threading.excepthook = previous


def test_ack_while_pagerduty_hangs_says_so_instead_of_not_running(qtbot, context, monkeypatch):
    """Issue 15, item 15: `ack` during a PagerDuty hang answered "not running" after 20 s."""
    from oncall_desktop.app import commands
    from oncall_desktop.core.paging import Page

    monkeypatch.setattr(commands, "PAGERDUTY_ANSWER_WITHIN_S", 0.3)
    ctx = context(settings=Settings(language="en"))
    ctx.poller.watcher("pagerduty").pages = [
        Page("H1", 2, "API down", "triggered", "high", "api", None, "")
    ]
    asked = []
    monkeypatch.setattr(ctx.poller, "acknowledge", asked.append)  # PagerDuty never answers
    replies = []
    commands.CommandHandler(ctx).handle({"command": "ack"}, replies.append)
    qtbot.waitUntil(lambda: bool(replies), timeout=10_000)
    assert asked == ["pagerduty:H1"]
    assert replies == [
        {
            "ok": False,
            "error": "PagerDuty is not answering; the app is still trying to acknowledge "
            "(see its window)",
        }
    ]
    ctx.poller.acknowledged.emit(ctx.poller.pages[0])  # the late answer replies nothing more
    QCoreApplication.processEvents()  # what it posted, delivered (no time waited)
    assert len(replies) == 1


def test_a_page_acknowledged_from_the_notification_stays_visible(qtbot, context, clock):
    """Issue 17: acknowledged from the notification, the page vanished: the window said 'No
    open incident', the tray went idle and `status` listed only triggered pages."""
    from dataclasses import replace

    from oncall_desktop.app import commands
    from oncall_desktop.app.commands import format_status
    from oncall_desktop.ui.icons import TrayState

    ctx = context(settings=Settings(language="en"), tray=True)
    page = low_and_high_pages()[1]
    ctx.poller.watcher("pagerduty").pages = [replace(page, status="acknowledged")]
    ctx.controller.update_tray(clock.now())
    assert ctx.controller.tray.state is TrayState.INCIDENT_OPEN  # not idle
    assert "1 acknowledged page not opened" in ctx.controller.tray.icon.toolTip()
    status = commands.CommandHandler(ctx).status()
    assert [p["id"] for p in status["pages"]] == ["H1"] and status["pages_to_acknowledge"] == []
    assert "(acknowledged, not opened)" in format_status(status, clock.now())


def test_pages_are_listed_in_the_main_window_until_opened(qtbot, context, clock, monkeypatch):
    from dataclasses import replace

    ctx = context(settings=Settings(language="en"))
    low, high = low_and_high_pages()
    acknowledged = replace(high, status="acknowledged")
    ctx.poller.watcher("pagerduty").pages = [low, acknowledged]
    ctx.controller.alert_controller.on_pages_changed(ctx.poller.pages)
    panel = ctx.window.pages
    assert panel.isVisibleTo(ctx.window)
    rows = [panel.table.item(r, 3).text() for r in range(panel.table.rowCount())]
    assert rows == ["to acknowledge", "acknowledged, not opened"]  # waiting ones first
    assert panel.table.item(1, 1).text() == "<b>API</b> & down"  # plain text
    assert "open the page above" in ctx.window.empty_label.text()
    acked = []
    monkeypatch.setattr(ctx.poller, "acknowledge", acked.append)
    ctx.window.page_acknowledge_requested.disconnect()
    ctx.window.page_acknowledge_requested.connect(ctx.poller.acknowledge)
    panel.select_row(0)
    panel.acknowledge_button.click()
    assert acked == ["pagerduty:L1"]
    panel.select_row(1)
    assert not panel.acknowledge_button.isEnabled()  # already acknowledged: Open only
    with qtbot.waitSignal(ctx.incidents.incident_opened, timeout=5000):
        panel.open_button.click()
    qtbot.waitUntil(lambda: len(ctx.incidents.active) == 1, timeout=5000)
    ctx.controller.alert_controller.on_pages_changed(ctx.poller.pages)
    assert [panel.table.item(r, 1).text() for r in range(panel.table.rowCount())] == [
        "disk 80%"
    ]  # the opened page is now an incident in the list below


def test_a_first_start_teaches_the_next_steps_instead_of_warning(qtbot, context, monkeypatch):
    from PySide6.QtCore import QProcess
    from PySide6.QtWidgets import QPushButton

    ctx = context(settings=Settings(language="en"))
    with qtbot.waitSignal(ctx.poller.status_changed, timeout=5000):
        ctx.poller.start()  # no token: not set up
    assert ctx.window.stack.currentWidget() is ctx.window.welcome
    assert "pagerduty" not in ctx.window.banner.texts()  # taught, not warned
    started = []
    monkeypatch.setattr(
        QProcess, "startDetached", staticmethod(lambda program, args: started.append(args) or True)
    )
    drill = next(
        b for b in ctx.window.welcome.findChildren(QPushButton) if b.text() == "Start a drill"
    )
    drill.click()
    assert started and started[0][-1] == "--drill"
    with qtbot.waitSignal(ctx.incidents.incident_declared, timeout=5000):
        ctx.incidents.declare("API down", Severity.SEV1)
    qtbot.waitUntil(lambda: ctx.window.stack.currentWidget() is ctx.window.table, timeout=5000)

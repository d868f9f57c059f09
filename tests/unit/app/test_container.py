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
from oncall_desktop.integrations.secrets import InMemorySecretStore, KeyringSecretStore
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


def test_many_cockpits_all_catch_up_within_the_second(qtbot, context, clock):
    from datetime import timedelta

    from oncall_desktop.core.incident import Incident

    ctx = context(settings=Settings(language="en"))
    from oncall_desktop.storage.incidents import IncidentRepository

    repo = IncidentRepository(ctx.database)
    for n in range(3):
        incident = repo.save(
            Incident.declare(
                title=f"incident {n}", severity=Severity.SEV1, at=clock.now(), actor="a"
            )
        )
        ctx.controller.cockpit_controller.show_cockpit(incident)
    clock.advance(timedelta(minutes=2))
    ctx.controller.on_tick(clock.now())
    windows = list(ctx.controller.cockpits.values())
    assert windows[0].clocks.ack_label.text() == "3:00"  # the first at once, the others spread out
    qtbot.waitUntil(
        lambda: all(w.clocks.ack_label.text() == "3:00" for w in windows), timeout=10_000
    )


def test_compose_sends_through_the_outbox_and_resets_the_countdown(
    qtbot, context, slack, monkeypatch
):
    from oncall_desktop.core.compose import MessageKind
    from oncall_desktop.core.incident import EventKind
    from oncall_desktop.integrations.secrets import SLACK_BOT_TOKEN
    from oncall_desktop.ui.windows import composer_dialog
    from oncall_desktop.ui.windows.composer_dialog import Composition

    secrets = InMemorySecretStore()
    secrets.set(SLACK_BOT_TOKEN, slack.token)
    ctx = context(settings=Settings(language="en", slack_base_url=slack.url), secrets=secrets)
    with qtbot.waitSignal(ctx.incidents.incident_declared, timeout=5000):
        ctx.incidents.declare("Login impossible <!here>", Severity.SEV2)
    qtbot.waitUntil(lambda: len(ctx.controller.cockpits) == 1, timeout=5000)
    window = next(iter(ctx.controller.cockpits.values()))
    seen = []

    def fake_ask(
        cls,
        incident,
        policy,
        language,
        now,
        zone,
        oncall,
        where,
        kind,
        parent=None,
        ui_language="en",
    ):
        seen.append((where["slack"], kind))
        return Composition(MessageKind.DECLARED, f"DECLARED: {incident.title}", ("slack",))

    monkeypatch.setattr(composer_dialog.ComposerDialog, "ask", classmethod(fake_ask))
    window.clocks.audience_rows[next(iter(window.clocks.audience_rows))].compose.click()
    assert seen == [("#incidents", MessageKind.DECLARED)]
    qtbot.waitUntil(lambda: bool(slack.texts("C0INCIDENTS")), timeout=8000)
    assert slack.texts("C0INCIDENTS") == ["DECLARED: Login impossible &lt;!here&gt;"]
    qtbot.waitUntil(lambda: bool(window.incident.events(EventKind.UPDATE_SENT)), timeout=8000)
    qtbot.waitUntil(
        lambda: (
            window.posts_table.model.rowCount() == 1
            and window.posts_table.model.cell(0, 2) == "sent"
        ),
        timeout=8000,
    )


def test_create_incident_channel_then_post_the_declaration_there(qtbot, context, slack, clock):
    from oncall_desktop.core.incident import EventKind
    from oncall_desktop.integrations.secrets import SLACK_BOT_TOKEN
    from oncall_desktop.integrations.slack_destination import incident_channel

    secrets = InMemorySecretStore()
    secrets.set(SLACK_BOT_TOKEN, slack.token)
    ctx = context(
        settings=Settings(language="en", slack_base_url=slack.url, team_timezone="UTC"),
        secrets=secrets,
    )
    slack.channels["incident-2025-10-20-001"] = "C000000OLD"
    with qtbot.waitSignal(ctx.incidents.incident_declared, timeout=5000):
        ctx.incidents.declare("API Down", Severity.SEV1)
    qtbot.waitUntil(lambda: len(ctx.controller.cockpits) == 1, timeout=5000)
    window = next(iter(ctx.controller.cockpits.values()))
    window.channel_button.click()
    qtbot.waitUntil(lambda: "incident-2025-10-20-002" in slack.channels, timeout=8000)
    channel_id = slack.channels["incident-2025-10-20-002"]
    qtbot.waitUntil(lambda: bool(slack.texts(channel_id)), timeout=8000)
    assert slack.texts(channel_id)[0].startswith("📢 INCIDENT DECLARED")
    qtbot.waitUntil(lambda: incident_channel(window.incident) == channel_id, timeout=8000)
    # the declaration counts as the internal update sent
    qtbot.waitUntil(lambda: bool(window.incident.events(EventKind.UPDATE_SENT)), timeout=8000)


def test_channel_creation_without_a_token_says_so(qtbot, context):
    ctx = context(settings=Settings(language="en"))
    with qtbot.waitSignal(ctx.incidents.incident_declared, timeout=5000):
        ctx.incidents.declare("API Down", Severity.SEV1)
    qtbot.waitUntil(lambda: len(ctx.controller.cockpits) == 1, timeout=5000)
    window = next(iter(ctx.controller.cockpits.values()))
    window.channel_button.click()
    qtbot.waitUntil(lambda: "No Slack bot token" in window.problem_label.text(), timeout=5000)


def test_messages_are_composed_in_the_team_message_language_not_the_ui_one(
    qtbot, context, monkeypatch, qapp
):
    from oncall_desktop.ui.translations import install_translators
    from oncall_desktop.ui.windows import composer_dialog

    asked = []
    monkeypatch.setattr(
        composer_dialog.ComposerDialog,
        "ask",
        classmethod(lambda cls, *args, **kwargs: asked.append(args[2])),
    )
    try:
        for message_language in ("en", "fr"):
            ctx = context(settings=Settings(language="fr", message_language=message_language))
            with qtbot.waitSignal(ctx.incidents.incident_declared, timeout=5000) as blocker:
                ctx.incidents.declare("API down", Severity.SEV1, "100%")
            incident_id = blocker.args[0].id
            qtbot.waitUntil(
                lambda ctx=ctx, i=incident_id: i in ctx.controller.cockpits, timeout=5000
            )
            ctx.controller.cockpit_controller.compose(incident_id, "internal")
            assert asked[-1] == message_language
    finally:
        install_translators(qapp, "en")
    assert Settings().message_language == "en"  # the SOP's templates are English


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


def test_the_controller_resends_to_the_chosen_channel(qtbot, context, monkeypatch):
    from oncall_desktop.config.schema import Settings
    from oncall_desktop.ui.windows import resend_dialog

    ctx = context(settings=Settings(language="en", slack_channel="#incidents"))
    monkeypatch.setattr(
        resend_dialog.ResendDialog,
        "ask",
        classmethod(
            lambda cls, post, channel, parent=None, language="en": resend_dialog.Resend(
                "x", channel
            )
        ),
    )
    sent = []
    monkeypatch.setattr(
        ctx.outbox, "resend", lambda post, text, destination: sent.append(destination)
    )
    from oncall_desktop.core.outbox import Post, PostState, Target

    ctx.controller.cockpit_controller.resend(
        Post(Target.SLACK, "x", destination="#gone", state=PostState.FAILED, id=7)
    )
    assert sent == ["#incidents"]


def test_a_compose_notification_opens_the_composer_of_its_incident(
    qtbot, context, clock, monkeypatch
):
    """Its warning is tests/unit/app/test_deadline_alerts.py's; its action, here."""
    ctx = context(settings=Settings(language="en"))
    with qtbot.waitSignal(ctx.incidents.incident_declared, timeout=5000) as blocker:
        ctx.incidents.declare("API Down", Severity.SEV1, "100% users")
    incident_id = blocker.args[0].id
    qtbot.waitUntil(lambda: len(ctx.incidents.active) == 1, timeout=5000)
    composed = []
    monkeypatch.setattr(
        ctx.controller.cockpit_controller, "compose", lambda i, a: composed.append((i, a))
    )
    ctx.controller.alert_controller.on_notification_action(
        f"compose:{incident_id}:status_page", "compose"
    )
    qtbot.waitUntil(lambda: composed == [(incident_id, "status_page")], timeout=5000)


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


def test_the_executive_mail_resets_its_countdown_only_once_confirmed(qtbot, context, monkeypatch):
    from PySide6.QtGui import QDesktopServices
    from PySide6.QtWidgets import QMessageBox

    from oncall_desktop.core.incident import EventKind

    ctx = context(settings=Settings(language="en"))
    with qtbot.waitSignal(ctx.incidents.incident_declared, timeout=5000) as blocker:
        ctx.incidents.declare("API down", Severity.SEV1, "100% users")
    incident = blocker.args[0]
    opened = []
    monkeypatch.setattr(
        QDesktopServices, "openUrl", staticmethod(lambda url: opened.append(url.toString()) or True)
    )
    answers = iter([QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes])
    monkeypatch.setattr(QMessageBox, "question", staticmethod(lambda *a, **k: next(answers)))
    ctx.controller.cockpit_controller.sending.mail_executives(
        incident, "SEV-1 incident: API down\nImpact: all", ctx.window
    )
    assert opened and opened[0].startswith("mailto:?subject=SEV-1")
    ctx.controller.cockpit_controller.sending.mail_executives(
        incident, "SEV-1 incident: API down", ctx.window
    )

    def sent_updates():  # as the incidents list has them (it is read after the declaration)
        return [e for i in ctx.incidents.active for e in i.events(EventKind.UPDATE_SENT)]

    qtbot.waitUntil(lambda: bool(sent_updates()), timeout=20_000)
    # the confirmed one only: the first, not confirmed, counted nothing (writes go in order)
    [sent] = sent_updates()
    assert (sent.data.get("audience"), sent.data.get("channel")) == ("executive", "mail")


def test_escalation_asks_the_contact_in_pagerduty_and_records_the_answer(
    qtbot, context, pagerduty, tmp_path
):
    """Issue 19: a contact named with a PagerDuty user is asked with one click, with the
    SOP's message; the contact counts as reached only once PagerDuty took the request."""
    from oncall_desktop.core.incident import EventKind
    from oncall_desktop.integrations.secrets import PAGERDUTY_TOKEN
    from tests.helpers.fake_pagerduty import ME_EMAIL, OTHER_ID

    override = tmp_path / "policy.toml"
    override.write_text(
        "[[escalation_contacts]]\n"
        'name = "CTO"\ncontact = "@cto"\nseverities = ["SEV-1"]\n'
        f'pagerduty_user = "{OTHER_ID}"\n'
        "[[escalation_contacts]]\n"
        'name = "GCP Support"\ncontact = "ticket"\nseverities = ["SEV-1"]\n',
        encoding="utf-8",
    )
    secrets = InMemorySecretStore()
    secrets.set(PAGERDUTY_TOKEN, pagerduty.token)
    ctx = context(
        settings=Settings(language="en", pagerduty_base_url=pagerduty.url),
        secrets=secrets,
        policy_file=override,
    )
    page_id = pagerduty.add_incident("<b>API</b> down")
    pagerduty.set_status(page_id, "acknowledged")
    ctx.poller.start()
    qtbot.waitUntil(lambda: ctx.poller.page(f"pagerduty:{page_id}") is not None, timeout=5000)
    with qtbot.waitSignal(ctx.incidents.incident_opened, timeout=5000) as opened:
        ctx.incidents.open_from_page(ctx.poller.page(f"pagerduty:{page_id}"))
    incident = opened.args[0]
    ctx.incidents.change_severity(incident.id, Severity.SEV1, "all users")
    qtbot.waitUntil(lambda: incident.id in ctx.controller.cockpits, timeout=5000)
    window = ctx.controller.cockpits[incident.id]
    qtbot.waitUntil(lambda: window.incident.severity is Severity.SEV1, timeout=5000)
    assert set(window.escalation_box.contact_requests) == {"CTO"}  # GCP Support is reached by hand
    ask = window.escalation_box.contact_requests["CTO"]
    qtbot.waitUntil(lambda: ask.isVisibleTo(window) and ask.isEnabled(), timeout=5000)
    ask.click()
    qtbot.waitUntil(lambda: bool(pagerduty.responder_requests), timeout=5000)
    [request] = pagerduty.responder_requests
    assert request["incident"]["id"] == page_id
    assert "SEV-1" in request["message"] and "<b>API</b> down" in request["message"]
    target = request["responder_request_targets"][0]["responder_request_target"]
    assert target["id"] == OTHER_ID
    post = pagerduty.requests_to("POST", f"/incidents/{page_id}/responder_requests")[0]
    assert post.headers["From"] == ME_EMAIL and pagerduty.take_violations() == []
    qtbot.waitUntil(
        lambda: any(
            e.data.get("contact") == "CTO" and e.data.get("via") == "pagerduty"
            for e in window.incident.events(EventKind.CONTACT_NOTIFIED)
        ),
        timeout=5000,
    )
    qtbot.waitUntil(lambda: not ask.isVisibleTo(window), timeout=5000)  # asked: done
    assert window.escalation_box.contact_boxes["CTO"].isChecked()
    # PagerDuty's answer shows beside the contact, from the page the poller follows
    ctx.poller.poll_now()
    qtbot.waitUntil(
        lambda: "no answer yet" in window.escalation_box.contact_boxes["CTO"].text(), timeout=5000
    )
    pagerduty.answer_responder_request(page_id, OTHER_ID, "joined")
    ctx.poller.poll_now()
    qtbot.waitUntil(
        lambda: "joined" in window.escalation_box.contact_boxes["CTO"].text(), timeout=5000
    )


def declared_here_with_pagerduty(qtbot, context, pagerduty, title):
    """A console connected to the fake PagerDuty, with a service for declared incidents, and
    a SEV-1 declared here in its cockpit."""
    from oncall_desktop.integrations.secrets import PAGERDUTY_TOKEN

    secrets = InMemorySecretStore()
    secrets.set(PAGERDUTY_TOKEN, pagerduty.token)
    ctx = context(
        settings=Settings(
            language="en", pagerduty_base_url=pagerduty.url, pagerduty_service_id="PSVC042"
        ),
        secrets=secrets,
    )
    ctx.poller.start()
    qtbot.waitUntil(lambda: ctx.poller.me("pagerduty") is not None, timeout=5000)
    with qtbot.waitSignal(ctx.incidents.incident_declared, timeout=5000) as declared:
        ctx.incidents.declare(title, Severity.SEV1, "all users")
    incident_id = declared.args[0].id
    qtbot.waitUntil(lambda: incident_id in ctx.controller.cockpits, timeout=5000)
    return ctx, ctx.controller.cockpits[incident_id]


def test_a_hand_declared_incident_is_declared_in_pagerduty_once_and_linked(
    qtbot, context, pagerduty
):
    """Issue 19: an incident declared in the app reaches PagerDuty on the service from
    Settings, so the team's escalation policy pages them; the page is then linked."""
    from tests.helpers.fake_pagerduty import ME_EMAIL

    ctx, window = declared_here_with_pagerduty(qtbot, context, pagerduty, "<b>API</b> down")
    assert window.declare_button.isVisibleTo(window)
    window.declare_button.click()
    qtbot.waitUntil(lambda: window.incident.alert is not None, timeout=5000)
    [page_id] = pagerduty.incidents
    assert window.incident.follows("pagerduty") == page_id
    created = pagerduty.incidents[page_id]
    assert created["title"] == "[SEV-1] <b>API</b> down" and created["urgency"] == "high"
    assert created["service"]["id"] == "PSVC042"
    assert pagerduty.requests_to("POST", "/incidents")[0].headers["From"] == ME_EMAIL
    qtbot.waitUntil(lambda: not window.declare_button.isVisibleTo(window), timeout=5000)
    # a second console (or a retry after a lost answer) does not page the team twice, and is
    # answered with the incident PagerDuty holds under our key, to link (issue 23)
    again = []
    ctx.poller.watcher("pagerduty").declare(
        "again",
        "high",
        window.incident.declaration_key,
        again.append,
        lambda message: window.show_problem(message),
    )
    qtbot.waitUntil(lambda: bool(again), timeout=5000)
    assert [p.id for p in again] == [page_id] and len(pagerduty.incidents) == 1
    assert "dedup key" not in window.problem_label.text()


def test_declare_in_pagerduty_whose_answer_was_lost_is_still_linked(qtbot, context, pagerduty):
    """Issue 23: PagerDuty created the incident but its answer never arrived; the incident is
    found by its key and linked, not left as a page still to open."""
    from tests.helpers.fake_pagerduty import Fault

    _ctx, window = declared_here_with_pagerduty(qtbot, context, pagerduty, "API down")
    pagerduty.fail_next(Fault(drop=True, after=True, method="POST", path="/incidents"))
    window.declare_button.click()
    qtbot.waitUntil(lambda: window.incident.alert is not None, timeout=5000)
    [page_id] = pagerduty.incidents
    assert window.incident.follows("pagerduty") == page_id
    assert pagerduty.incidents[page_id]["incident_key"] == window.incident.declaration_key
    assert window.problem_label.text() == ""


def test_declare_in_pagerduty_is_offered_only_with_a_service_and_never_for_a_drill(qtbot, context):
    ctx = context(settings=Settings(language="en"))
    with qtbot.waitSignal(ctx.incidents.incident_declared, timeout=5000) as declared:
        ctx.incidents.declare("API down", Severity.SEV1)
    incident_id = declared.args[0].id
    qtbot.waitUntil(lambda: incident_id in ctx.controller.cockpits, timeout=5000)
    window = ctx.controller.cockpits[incident_id]
    assert not window.declare_button.isVisibleTo(window)  # no service in Settings
    ctx.controller.settings_controller.apply_settings(
        Settings(language="en", pagerduty_service_id="PSVC042"), {}
    )
    assert window.declare_button.isVisibleTo(window)
    assert window.declare_button.text() == "Declare in PagerDuty"  # the source's name


def test_the_external_audience_goes_to_the_status_page_through_the_outbox(
    qtbot, context, pagerduty, monkeypatch, clock
):
    """Issue 19: from the composer to the PagerDuty status page: the first send creates the
    incident's post, the next adds an update, the resolution notice resolves it; the status
    page countdown restarts once PagerDuty confirmed."""
    from datetime import UTC, datetime, timedelta

    from PySide6.QtWidgets import QDialog

    from oncall_desktop.core.compose import MessageKind
    from oncall_desktop.core.incident import EventKind
    from oncall_desktop.integrations.secrets import PAGERDUTY_TOKEN
    from oncall_desktop.ui.windows import composer_dialog

    clock.advance(datetime.now(UTC) - clock.now())  # the fake PagerDuty lives in real time
    secrets = InMemorySecretStore()
    secrets.set(PAGERDUTY_TOKEN, pagerduty.token)
    ctx = context(
        settings=Settings(
            language="en",
            pagerduty_base_url=pagerduty.url,
            status_page_id=pagerduty.status_page_id,
            status_page_name="Example status",
        ),
        secrets=secrets,
    )
    with qtbot.waitSignal(ctx.incidents.incident_declared, timeout=5000) as declared:
        ctx.incidents.declare("<b>Payments</b> down", Severity.SEV1, "all users")
    incident_id = declared.args[0].id
    qtbot.waitUntil(lambda: incident_id in ctx.controller.cockpits, timeout=5000)
    window = ctx.controller.cockpits[incident_id]
    kinds = iter(
        [MessageKind.STATUS_PAGE, MessageKind.STATUS_PAGE, MessageKind.STATUS_PAGE_RESOLVED]
    )
    shown = []

    def send(dialog):  # what the engineer sees and does: the status page is ticked, Send
        dialog.kind.setCurrentIndex(dialog.kind.findData(next(kinds).value))
        status_page = dialog.boxes["pagerduty_status_page"]
        shown.append((status_page.isVisibleTo(dialog), status_page.text()))
        dialog.boxes["slack"].setChecked(False)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(composer_dialog.ComposerDialog, "exec", send)
    from tests.helpers.services_dialog import ServicesDialogs

    answering = ServicesDialogs()  # the first update asks which services: all of them
    for _ in range(3):
        clock.advance(timedelta(minutes=1))  # the same words, sent on purpose a minute later
        ctx.controller.cockpit_controller.compose(incident_id, "status_page")
        done = len(shown)
        qtbot.waitUntil(lambda n=done: len(pagerduty.status_updates_text()) == n, timeout=8000)
    answering.stop()
    assert shown == [(True, "Status page: Example status")] * 3
    updates = pagerduty.status_updates_text()
    assert [status for _title, status, _message in updates] == [
        "investigating",
        "investigating",
        "resolved",
    ]
    [post] = pagerduty.status_posts  # one incident, one post, titled without its internals
    assert post["title"].startswith("Service disruption — ") and "Payments" not in post["title"]
    assert "We&#x27;re experiencing issues" in updates[0][2]
    assert post["updates"][0]["update_frequency_ms"] == 30 * 60_000  # SEV-1: every 30 min
    qtbot.waitUntil(lambda: window.posts_table.model.rowCount() == 3, timeout=5000)
    assert window.posts_table.model.cell(0, 1) == "the status page"  # not its route data
    qtbot.waitUntil(
        lambda: any(
            e.data.get("audience") == "status_page"
            for e in window.incident.events(EventKind.UPDATE_SENT)
        ),
        timeout=8000,
    )


def test_closing_the_cockpit_while_pagerduty_answers_loses_nothing(qtbot, context, pagerduty):
    """A cockpit closed while 'Declare in PagerDuty' runs: the page is still linked, and a
    refusal is said in the main window (a closed window is gone; no crash)."""
    from oncall_desktop.integrations.secrets import PAGERDUTY_TOKEN

    secrets = InMemorySecretStore()
    secrets.set(PAGERDUTY_TOKEN, pagerduty.token)
    ctx = context(
        settings=Settings(
            language="en", pagerduty_base_url=pagerduty.url, pagerduty_service_id="PSVC042"
        ),
        secrets=secrets,
    )
    ctx.poller.start()
    qtbot.waitUntil(lambda: ctx.poller.me("pagerduty") is not None, timeout=5000)
    with qtbot.waitSignal(ctx.incidents.incident_declared, timeout=5000) as declared:
        ctx.incidents.declare("API down", Severity.SEV1)
    incident_id = declared.args[0].id
    qtbot.waitUntil(lambda: incident_id in ctx.controller.cockpits, timeout=5000)
    pagerduty.fault_hook = lambda method, path, body: (  # PagerDuty answers slowly
        time.sleep(0.5) if (method, path) == ("POST", "/incidents") else None
    )
    ctx.controller.cockpits[incident_id].declare_button.click()
    ctx.controller.cockpits[incident_id].close()
    qtbot.waitUntil(lambda: incident_id not in ctx.controller.cockpits, timeout=5000)
    qtbot.waitUntil(
        lambda: any(i.alert for i in ctx.incidents.active if i.id == incident_id),
        timeout=8000,
    )
    pagerduty.fault_hook = None
    # a refusal with the cockpit closed goes to the main window
    ctx.controller.cockpit_controller._tell_cockpit(
        incident_id, "PagerDuty refused the request (400)."
    )
    assert "refused" in ctx.window.banner.texts()[f"cockpit-{incident_id}"]


def test_with_a_mail_server_the_executive_summary_goes_through_the_outbox(
    qtbot, context, smtp, monkeypatch, tmp_path
):
    """Issue 19, item 2: with SMTP set up, "Email the executives" sends from here (no mail
    client, no "was it sent?"), and the executive countdown restarts once the server took it;
    the password comes from the keyring, never from the settings."""
    from PySide6.QtWidgets import QDialog

    from oncall_desktop.core.compose import MessageKind
    from oncall_desktop.core.incident import EventKind
    from oncall_desktop.integrations.smtp_mail import SMTP_PASSWORD
    from oncall_desktop.ui.windows import composer_dialog

    override = tmp_path / "policy.toml"
    override.write_text('[executive_mail]\nto = ["cto@example.com", "ceo@example.com"]\n')
    secrets = InMemorySecretStore()
    secrets.set(SMTP_PASSWORD, smtp.password)
    settings = Settings(
        language="en",
        smtp_host="127.0.0.1",
        smtp_port=smtp.port,
        smtp_security="none",
        smtp_username=smtp.username,
        smtp_sender="oncall@example.com",
    )
    ctx = context(settings=settings, secrets=secrets, policy_file=override)
    with qtbot.waitSignal(ctx.incidents.incident_declared, timeout=5000) as declared:
        ctx.incidents.declare("Payments down", Severity.SEV1, "all users")
    incident_id = declared.args[0].id
    qtbot.waitUntil(lambda: incident_id in ctx.controller.cockpits, timeout=5000)
    window = ctx.controller.cockpits[incident_id]
    shown = []

    def send(dialog):
        dialog.kind.setCurrentIndex(dialog.kind.findData(MessageKind.EXECUTIVE.value))
        shown.append((dialog.boxes["executive_mail"].text(), dialog.boxes["slack"].isChecked()))
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(composer_dialog.ComposerDialog, "exec", send)
    asked = []
    monkeypatch.setattr(
        "PySide6.QtWidgets.QMessageBox.question", lambda *a, **k: asked.append(a) or 0
    )
    ctx.controller.cockpit_controller.compose(incident_id, "executive")
    assert shown == [("Email the executives through 127.0.0.1", False)]
    qtbot.waitUntil(lambda: len(smtp.mails) == 1, timeout=8000)
    [mail] = smtp.mails
    assert mail.recipients == ["cto@example.com", "ceo@example.com"]
    assert "Payments down" in mail.headers["Subject"] and "Payments down" in mail.text
    assert asked == []  # the app saw it go: nothing to confirm by hand
    qtbot.waitUntil(
        lambda: any(
            e.data.get("audience") == "executive"
            for e in window.incident.events(EventKind.UPDATE_SENT)
        ),
        timeout=8000,
    )
    assert smtp.password not in repr(ctx.controller.settings)

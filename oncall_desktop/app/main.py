"""Entry point: ``oncall-desktop`` and ``python -m oncall_desktop``.

Start-up order: the window and the tray first (an engineer woken by a page sees the app at
once), then the database is opened and migrated on a worker thread; until it is ready the
window says so and "Declare incident" waits.
"""

from __future__ import annotations

import argparse
import logging
import os
import signal
import sys
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from oncall_desktop import APP_DISPLAY_NAME, APP_ID, APP_NAME, ORGANIZATION, __version__

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

    from oncall_desktop.app.container import AppContext
    from oncall_desktop.app.crash import CrashHandler
    from oncall_desktop.app.paths import AppPaths
    from oncall_desktop.app.shell import Shell
    from oncall_desktop.app.single_instance import SingleInstance
    from oncall_desktop.config.schema import Settings
    from oncall_desktop.core.messages import UserMessage
    from oncall_desktop.core.policy import LoadedPolicy
    from oncall_desktop.storage.db import Database

log = logging.getLogger("oncall_desktop")

EXIT_OK = 0
EXIT_STARTUP_FAILED = 2
BACKGROUND_START_DELAY_MS = 150


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog=APP_NAME, description="System-tray cockpit for the on-call engineer (SOP-5)."
    )
    parser.add_argument("--version", action="version", version=f"{APP_NAME} {__version__}")
    # the console's own migration child (storage/migrate.py); not for people
    parser.add_argument("--migrate-database", metavar="URL", help=argparse.SUPPRESS)
    # the console's keyring helper (integrations/keyring_child.py); not for people
    parser.add_argument("--keyring-helper", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument(
        "--database-url",
        help="database to use this time (overrides settings and ONCALL_DATABASE_URL)",
    )
    parser.add_argument(
        "--no-dialogs",
        action="store_true",
        help="report startup problems and crashes on stderr instead of in dialogs (CI, scripts)",
    )
    parser.add_argument("--verbose", action="store_true", help="log debug messages to stderr")
    parser.add_argument(
        "--drill",
        action="store_true",
        help="practise: the SOP's SEV-1 scenario against built-in local fakes of PagerDuty and "
        "Slack, in a data folder of its own, scored at the end",
    )
    parser.add_argument(
        "--postmortem",
        type=int,
        metavar="INCIDENT_ID",
        help="open the post-mortem of this incident (in the running app, if there is one)",
    )
    parser.add_argument(
        "--quit-after",
        type=float,
        metavar="SECONDS",
        help=argparse.SUPPRESS,  # smoke starts and benchmarks
    )
    parser.add_argument(
        "command",
        nargs="?",
        choices=("status", "note", "ack"),
        help="to the running console: status (open incidents and next deadlines), "
        'note "text" (in the open incident\'s timeline), ack (the page waiting for it)',
    )
    parser.add_argument("text", nargs="?", help="the note, for: note")
    parser.add_argument("--incident", type=int, help="which open incident, when several")
    parser.add_argument("--json", action="store_true", help="status as JSON")
    args = parser.parse_args(argv)
    if args.text is not None and args.command != "note":
        parser.error("only the note command takes a text")
    if args.command == "note" and not (args.text or "").strip():
        parser.error('note needs its text: oncall-desktop note "what you saw"')
    return args


EXIT_REFUSED = 1
EXIT_NOT_RUNNING = 3


def run_terminal_command(args: argparse.Namespace) -> int:
    """Send the command to the running console and print its answer."""
    from datetime import UTC, datetime

    from PySide6.QtCore import QCoreApplication

    from oncall_desktop.app.commands import format_status, terminal_safe, terminal_safe_json
    from oncall_desktop.app.paths import AppPaths
    from oncall_desktop.app.single_instance import SingleInstance

    app = QCoreApplication.instance() or QCoreApplication([sys.argv[0]])  # noqa: F841
    paths = AppPaths.from_environment()
    if args.drill:  # the drill console has a data folder, and so a socket, of its own
        paths = paths.for_drill()
    instance = SingleInstance(paths.data_dir)
    request: dict[str, object] = {"command": args.command}
    if args.text is not None:
        request["text"] = args.text
    if args.incident is not None:
        request["incident"] = args.incident
    answer = instance.send(request, timeout_ms=20_000)
    if answer is None:
        start = f"{APP_NAME} --drill" if args.drill else APP_NAME
        print(f"{APP_DISPLAY_NAME} is not running (start it with: {start}).", file=sys.stderr)
        return EXIT_NOT_RUNNING
    safe = terminal_safe  # titles and errors come from outside: nothing reaches the terminal raw
    if not answer.get("ok"):
        error = safe(answer.get("error", "refused"))
        print(f"{APP_NAME} {args.command}: {error}", file=sys.stderr)
        return EXIT_REFUSED
    if args.command == "status":
        if args.json:
            print(terminal_safe_json(answer))
        else:
            print(format_status(answer, datetime.now(UTC)))
    elif args.command == "note":
        print(f"Noted in #{safe(answer.get('incident'))} {safe(answer.get('title', ''))}")
    elif args.command == "ack":
        print(f"Acknowledged: {safe(answer.get('title', ''))}")
    return EXIT_OK


def main(argv: list[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    if args.command:
        return run_terminal_command(args)
    if args.keyring_helper:
        from oncall_desktop.integrations.keyring_child import serve_one_request

        return serve_one_request(sys.stdin, sys.stdout)
    if args.migrate_database:
        from oncall_desktop.storage.migrate import run_in_this_process

        return run_in_this_process(args.migrate_database)
    return run_console(args)


@dataclass
class Start:
    """What the console starts from: its folders, the settings, the crash handler, and the
    problems met so far (shown in the window once it is up)."""

    user_paths: AppPaths
    paths: AppPaths  # the drill's own folders in drill mode
    settings: Settings
    crash: CrashHandler
    problems: list[str | UserMessage]


def prepare(args: argparse.Namespace) -> Start:
    """Folders made private, logging, crash handling, the settings: before any Qt."""
    # Imported after argument parsing so that --version and --help stay instant.
    from oncall_desktop.app.crash import CrashHandler
    from oncall_desktop.app.logsetup import setup_logging
    from oncall_desktop.app.paths import AppPaths

    user_paths = AppPaths.from_environment()
    paths = user_paths.for_drill() if args.drill else user_paths
    problems: list[str | UserMessage] = []
    # Private before anything is written there (README, "Security model"): the folders are
    # 0700, so nothing in them is reachable by another user whatever its own mode, and what an
    # older version left readable is closed. No process-wide umask: exports the user saves
    # elsewhere keep the user's usual permissions.
    unprivate = user_paths.make_private()
    log_problem = setup_logging(paths.log_file, args.verbose)
    if log_problem:
        problems.append(log_problem)
    crash = CrashHandler(paths.crash_dir, paths.log_file, show_dialog=not args.no_dialogs)
    crash.install()
    log.info("starting %s %s (data: %s)", APP_NAME, __version__, paths.data_dir)
    for problem in unprivate:
        log.warning("could not make private: %s", problem)
    # (a drill keeps the user's preferences and the team's procedure, nothing else)
    settings = load_settings(user_paths, problems)
    return Start(user_paths, paths, settings, crash, problems)


def run_console(args: argparse.Namespace) -> int:
    start = prepare(args)
    from PySide6.QtWidgets import QApplication

    from oncall_desktop.app.importscan import skip_pyside_source_scan

    skip_pyside_source_scan()  # before any other module is imported
    from oncall_desktop.app.single_instance import SingleInstance

    QApplication.setApplicationName(APP_NAME)
    QApplication.setApplicationDisplayName(APP_DISPLAY_NAME)
    QApplication.setOrganizationName(ORGANIZATION)
    QApplication.setApplicationVersion(__version__)
    QApplication.setDesktopFileName(APP_ID)
    app = QApplication([sys.argv[0]])
    start.crash.attach_to_qt()

    try:
        instance = SingleInstance(start.paths.data_dir)
        first = instance.acquire()
    except OSError as error:
        reason = error.strerror or str(error)
        return _fail(f"The data folder {start.paths.data_dir} cannot be used ({reason}).", args)
    if not first:
        return _hand_over(instance, args)

    fatal = start.crash.previous_fatal_crash()
    if fatal:
        from oncall_desktop.core.messages import QT_TR_NOOP

        start.problems.append(
            QT_TR_NOOP(
                "On-call Desktop stopped abruptly last time; the details are in {folder}. "
                "Nothing you saved was lost."
            ).format(folder=start.crash.crash_dir)
        )
    from oncall_desktop.app.shell import open_shell, show_shell
    from oncall_desktop.ui.geometry import remember_geometry_in

    remember_geometry_in(start.paths.config_dir)  # windows come back where they were left
    shell = open_shell(app, start.settings, start.problems)
    show_shell(shell, then=lambda: complete_console(app, shell, instance, start, args))
    return app.exec()


def _hand_over(instance: SingleInstance, args: argparse.Namespace) -> int:
    """Another console runs: it shows its window (or the post-mortem asked for)."""
    request: dict[str, object] = {"command": "show"}
    if args.postmortem is not None:
        request = {"command": "postmortem", "incident": args.postmortem}
    reply = instance.send(request)
    if reply is None:
        return _fail("Another On-call Desktop is starting or not answering; try again.", args)
    print("On-call Desktop is already running; its window was brought forward.")
    return EXIT_OK


def complete_console(
    app: QApplication,
    shell: Shell,
    instance: SingleInstance,
    start: Start,
    args: argparse.Namespace,
) -> None:
    """The rest of the app, once the event loop has put the window and the tray icon on
    screen; then, shortly after, the database and the alert sources on workers."""
    log.debug("window painted; building the rest")
    from PySide6.QtCore import QCoreApplication, QTimer

    from oncall_desktop.app.commands import CommandHandler
    from oncall_desktop.app.container import choose_notifier, complete_shell
    from oncall_desktop.app.single_instance import SocketUnavailable
    from oncall_desktop.config.store import SettingsStore
    from oncall_desktop.core.clock import SystemClock

    paths, problems = start.paths, start.problems
    loaded_policy = load_procedure(start.user_paths, problems)
    current, secrets = start.settings, None
    drill_server = None
    if args.drill:
        from oncall_desktop.app.drill import drill_secrets, drill_settings, start_drill_server

        drill_server = start_drill_server(start.settings.engineer_name)
        current, secrets = drill_settings(start.settings, drill_server), drill_secrets()
        app.aboutToQuit.connect(drill_server.stop)
    context = complete_shell(
        shell,
        app,
        current,
        loaded_policy,
        SystemClock(),
        problems,
        SettingsStore(paths.config_dir),
        secrets,
    )
    context.drill = args.drill
    context.console_id = paths.console_id()  # our single-instance lock is held
    instance.set_handler(CommandHandler(context).handle)
    try:
        instance.serve()
    except SocketUnavailable as error:
        log.warning("single-instance socket unavailable: %s", error)
        context.window.show_message(
            "socket",
            QCoreApplication.translate(
                "MainWindow",
                "Terminal commands and a second launch cannot reach this window: %1",
            ).replace("%1", str(error)),
            "warning",
        )
    if args.postmortem is not None:
        context.open_postmortem(args.postmortem)
    app.aboutToQuit.connect(context.shutdown)
    app.aboutToQuit.connect(instance.release)  # once queued writes are done
    _quit_on_signals(context.controller.quit)

    def ready() -> None:
        _after_storage(context, args)
        if drill_server is not None:
            from oncall_desktop.app.drill import DrillController

            DrillController(context, drill_server, show_dialog=not args.no_dialogs).start()

    # The database first, at once: its worker's imports fill the wait for the window system
    # (the imports are most of the time to a usable console).
    open_storage(context, paths, args, on_ready=ready)

    def start_background_work() -> None:
        if not args.drill:  # the drill's fake PagerDuty is not who I am
            context.controller.identity.start(ask=not args.no_dialogs)
        context.poller.start()
        choose_notifier(context)

    # The workers' imports (SQLAlchemy, keyring) would otherwise compete for the
    # interpreter with the tray icon's registration and the window's first layout.
    QTimer.singleShot(BACKGROUND_START_DELAY_MS, start_background_work)


def load_settings(paths: AppPaths, problems: list[str | UserMessage]) -> Settings:
    from oncall_desktop.config.store import SettingsStore
    from oncall_desktop.core.messages import QT_TR_NOOP

    loaded = SettingsStore(paths.config_dir).load()
    problems.extend(QT_TR_NOOP("Settings: {problem}").format(problem=p) for p in loaded.problems)
    return loaded.settings


def load_procedure(paths: AppPaths, problems: list[str | UserMessage]) -> LoadedPolicy:
    """The SOP's defaults with the team's override (loaded once the window is on screen)."""
    from oncall_desktop.core.messages import QT_TR_NOOP
    from oncall_desktop.core.policy_file import load_policy

    loaded = load_policy(paths.policy_override)
    problems.extend(
        QT_TR_NOOP("Procedure file: {problem}").format(problem=p) for p in loaded.problems
    )
    return loaded


def database_url(paths: AppPaths, args: argparse.Namespace, configured: str) -> str:
    from oncall_desktop.storage.urls import sqlite_url

    if getattr(args, "drill", False):  # a drill never touches the team's database
        return sqlite_url(paths.database_file)
    return (
        args.database_url
        or os.environ.get("ONCALL_DATABASE_URL")
        or configured
        or sqlite_url(paths.database_file)
    )


def team_password(context: AppContext, url: str) -> str | None:
    """The team database's password from the keyring (blocking: on a worker), for the
    PostgreSQL address of the settings only: never sent to a server named elsewhere
    (--database-url, ONCALL_DATABASE_URL). None without one (libpq may use ~/.pgpass)."""
    from oncall_desktop.integrations.secrets import DATABASE_PASSWORD, SecretStoreError

    if url != context.settings.database_url or not url.startswith("postgres"):
        return None
    try:
        return context.secrets.get(DATABASE_PASSWORD)
    except SecretStoreError as error:
        log.warning("the team database's password cannot be read: %s", error)
        return None


def open_storage(
    context: AppContext,
    paths: AppPaths,
    args: argparse.Namespace,
    on_ready: Callable[[], None] = lambda: None,
) -> None:
    """Open (and migrate) the database on a worker; attach it, or explain and quit."""

    from oncall_desktop.core.messages import QT_TR_NOOP
    from oncall_desktop.services.messages import shown
    from oncall_desktop.storage.errors import StorageUnavailable
    from oncall_desktop.storage.urls import sqlite_url

    local_url = sqlite_url(paths.database_file)
    url = database_url(paths, args, context.settings.database_url)

    def open_database(url: str) -> Database:
        from oncall_desktop.storage.db import open_database  # on the worker: SQLAlchemy too
        from oncall_desktop.storage.migrate import migrate_in_child

        password = team_password(context, url)
        return open_database(url, migrate_elsewhere=migrate_in_child, password=password)

    def ready(database: Database, note: str | None = None) -> None:
        context.attach_database(database)
        if note:
            context.window.show_message("database-fallback", note, "warning")
        if database.notice is not None:  # e.g. a half-made file moved aside
            context.window.show_message("database-notice", shown(database.notice), "warning")
        log.info("database ready: %s", database.description)
        on_ready()

    def give_up(message: str) -> None:
        _ask_startup_error(message, False, args)
        context.app.exit(EXIT_STARTUP_FAILED)

    def failed(error: Exception) -> None:
        if not isinstance(error, StorageUnavailable):
            raise error  # our bug: to the crash handler
        log.error("database unavailable: %s", error)
        if url == local_url:
            give_up(shown(error))
            return
        if _ask_startup_error(shown(error), True, args) != "local":
            context.app.exit(EXIT_STARTUP_FAILED)
            return
        note = shown(
            QT_TR_NOOP("{reason} Using the local database until this is fixed.").format(
                reason=shown(error)
            )
        )
        context.runner.run(
            lambda: open_database(local_url),
            lambda database: ready(database, note),
            lambda second: give_up(shown(second)),
            write=True,
        )

    context.runner.run(lambda: open_database(url), ready, failed, write=True)


def _after_storage(context: AppContext, args: argparse.Namespace) -> None:
    # Tell now, not at 03:00 when a token is first needed, if tokens cannot be stored.
    context.check_keyring()
    if args.quit_after is not None:
        from PySide6.QtCore import QTimer

        QTimer.singleShot(int(args.quit_after * 1000), context.controller.quit)


def _quit_on_signals(quit_app: Callable[[], None]) -> None:
    """SIGTERM (logout, systemd, kill) and Ctrl+C quit cleanly: queued writes are finished and
    the database closed. Python runs signal handlers only between bytecodes, so a slow timer
    lets it in while Qt's event loop waits."""
    from PySide6.QtCore import QCoreApplication, QTimer

    def handler(signum: int, _frame: object) -> None:
        log.info("signal %s received, quitting", signum)
        quit_app()

    signal.signal(signal.SIGTERM, handler)
    signal.signal(signal.SIGINT, handler)
    timer = QTimer(QCoreApplication.instance())
    timer.setObjectName("signal-wakeup")
    timer.start(250)
    timer.timeout.connect(lambda: None)


def _ask_startup_error(message: str, can_use_local: bool, args: argparse.Namespace) -> str:
    if args.no_dialogs:
        print(f"{APP_NAME}: {message}", file=sys.stderr)
        return "quit"
    from oncall_desktop.ui.windows.crash_dialog import StartupErrorDialog

    return StartupErrorDialog.ask(message, can_use_local)


def _fail(message: str, args: argparse.Namespace) -> int:
    _ask_startup_error(message, False, args)
    return EXIT_STARTUP_FAILED

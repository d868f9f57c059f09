"""The composition root: builds every part, wires them, and shuts them down in order."""

from __future__ import annotations

import getpass
import logging
from dataclasses import dataclass
from datetime import datetime, tzinfo
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from PySide6.QtCore import QLocale, QObject
from PySide6.QtWidgets import QApplication

from oncall_desktop.config.schema import Settings
from oncall_desktop.core.clock import Clock
from oncall_desktop.core.clocks import next_updates
from oncall_desktop.core.policy import LoadedPolicy
from oncall_desktop.integrations.secrets import KeyringSecretStore, KeyringStatus, SecretStore
from oncall_desktop.services.incidents import IncidentService
from oncall_desktop.services.tasks import TaskRunner
from oncall_desktop.services.ticker import Ticker
from oncall_desktop.ui.icons import TrayState
from oncall_desktop.ui.tray import Tray
from oncall_desktop.ui.windows.main_window import MainWindow

if TYPE_CHECKING:
    # SQLAlchemy takes ~300 ms to import: the worker that opens the database loads it, so
    # the window never waits for it.
    from oncall_desktop.storage.db import Database

log = logging.getLogger(__name__)


def resolve_language(setting: str) -> str:
    if setting in ("fr", "en"):
        return setting
    return "fr" if QLocale.system().language() == QLocale.Language.French else "en"


def resolve_zone(name: str) -> tuple[tzinfo | None, str | None]:
    """The team's time zone, or None for this computer's; with a problem to show if any."""
    if not name:
        return None, None
    try:
        return ZoneInfo(name), None
    except (ZoneInfoNotFoundError, ValueError):
        return None, f"Time zone '{name}' is unknown; times are shown in this computer's zone."


@dataclass
class AppContext:
    """Everything the running app is made of. The window and tray exist from the start; the
    database and what needs it are attached once it is open (see :meth:`attach_database`)."""

    app: QApplication
    clock: Clock
    runner: TaskRunner
    ticker: Ticker
    window: MainWindow
    tray: Tray | None
    controller: AppController
    secrets: SecretStore
    actor: str
    settings: Settings
    loaded_policy: LoadedPolicy
    database: Database | None = None
    incidents: IncidentService | None = None

    def attach_database(self, database: Database) -> None:
        from oncall_desktop.storage.repositories import IncidentRepository

        self.database = database
        policy = self.loaded_policy.policy
        self.incidents = IncidentService(
            IncidentRepository(database), self.runner, self.clock, policy, self.actor, self.app
        )
        self.controller.attach_incidents(self.incidents)
        sop = policy.sop
        custom = self.loaded_policy.override_path and self.loaded_policy.override_path.exists()
        self.window.set_status(
            f"{sop.id} v{sop.version} · {database.description}"
            + (" · " + self.window.tr("custom policy") if custom else "")
        )
        self.incidents.refresh()

    def check_keyring(self) -> None:
        """Ask the keyring, off the GUI thread, whether tokens can be stored; say so if not."""

        def on_checked(status: KeyringStatus) -> None:
            if status.usable:
                log.info("keyring: %s", status.backend)
            else:
                log.warning("keyring unavailable: %s", status.message)
                self.window.show_message("keyring", status.message, "warning")

        self.runner.run(self.secrets.status, on_checked)

    def shutdown(self) -> None:
        """Stop the clocks, let queued writes finish, then close the database."""
        self.ticker.stop()
        if self.tray is not None:
            self.tray.hide()
        if not self.runner.wait(10_000):
            log.warning("background work still running at exit")
        if self.database is not None:
            self.database.close()


class AppController(QObject):
    """Routes user requests between the window, the tray and the services."""

    def __init__(
        self,
        app: QApplication,
        window: MainWindow,
        tray: Tray | None,
        loaded_policy: LoadedPolicy,
        language: str,
        clock: Clock,
    ) -> None:
        super().__init__(window)
        self.app = app
        self.window = window
        self.tray = tray
        self.incidents: IncidentService | None = None
        self.policy = loaded_policy.policy
        self.language = language
        self.clock = clock
        self._told_about_tray = False
        window.declare_requested.connect(self.declare)
        window.hidden_to_tray.connect(self._on_window_hidden_to_tray)
        window.declare_action.setEnabled(False)  # until the database is open
        if tray is not None:
            tray.open_requested.connect(window.bring_forward)
            tray.declare_requested.connect(self.declare)
            tray.quit_requested.connect(self.quit)

    def attach_incidents(self, incidents: IncidentService) -> None:
        self.incidents = incidents
        incidents.incidents_changed.connect(self.window.set_incidents)
        incidents.incidents_changed.connect(lambda _: self.update_tray(self.clock.now()))
        incidents.problem.connect(lambda text: self.window.show_message("storage", text, "error"))
        self.window.declare_action.setEnabled(True)

    def declare(self) -> None:
        self.window.bring_forward()
        if self.incidents is None:
            return
        from oncall_desktop.ui.windows.declare_dialog import DeclareDialog

        declaration = DeclareDialog.ask(self.policy, self.language, self.window)
        if declaration is not None:
            self.incidents.declare(declaration.title, declaration.severity, declaration.impact)

    def quit(self) -> None:
        self.window.quitting = True
        self.app.quit()

    def on_tick(self, now: datetime) -> None:
        self.window.set_now(now)
        self.update_tray(now)

    def update_tray(self, now: datetime) -> None:
        if self.tray is None:
            return
        active = self.incidents.active if self.incidents is not None else []
        overdue = [
            i for i in active if any(d.overdue(now) for d in next_updates(i, self.policy).values())
        ]
        if overdue:
            state, tip = TrayState.UPDATE_OVERDUE, self.tr("%n update(s) overdue", "", len(overdue))
        elif active:
            state, tip = TrayState.INCIDENT_OPEN, self.tr("%n open incident(s)", "", len(active))
        else:
            state, tip = TrayState.IDLE, self.tr("No open incident")
        self.tray.set_state(state, f"On-call Desktop — {tip}")

    def _on_window_hidden_to_tray(self) -> None:
        if self.tray is not None and not self._told_about_tray:
            self._told_about_tray = True
            self.tray.notify(
                self.tr("On-call Desktop is still running"),
                self.tr("Alerts keep coming to the tray. Quit from the tray menu."),
            )


def build_shell(
    app: QApplication,
    settings: Settings,
    loaded_policy: LoadedPolicy,
    clock: Clock,
    problems: list[str],
    secrets: SecretStore | None = None,
) -> AppContext:
    """The window, the tray and the clocks: everything that needs no database, so that the
    window is up at once while the database opens in the background."""
    language = resolve_language(settings.language)
    zone, zone_problem = resolve_zone(settings.team_timezone)
    if zone_problem:
        problems.append(zone_problem)
    policy = loaded_policy.policy

    runner = TaskRunner(app)
    ticker = Ticker(clock, app)
    window = MainWindow(policy, language, zone)
    window.set_status(window.tr("Opening the database…"))

    tray: Tray | None = None
    if Tray.available():
        tray = Tray(app)
        tray.show()
        window.keep_running_in_tray = settings.close_to_tray
        log.info("tray icon shown")
    else:
        window.show_message(
            "no-tray",
            window.tr(
                "No system tray was found, so alerts appear in this window only. "
                "Keep it open: closing it quits the app."
            ),
            "warning",
        )
        log.warning("no system tray available")
    app.setQuitOnLastWindowClosed(tray is None or not settings.close_to_tray)

    controller = AppController(app, window, tray, loaded_policy, language, clock)
    ticker.ticked.connect(controller.on_tick)
    runner.failed.connect(lambda text: window.show_message("task", text, "error"))
    for i, problem in enumerate(problems):
        log.warning("startup problem: %s", problem)
        window.show_message(f"problem-{i}", problem, "warning")

    ticker.start()
    controller.on_tick(clock.now())
    return AppContext(
        app=app,
        clock=clock,
        runner=runner,
        ticker=ticker,
        window=window,
        tray=tray,
        controller=controller,
        secrets=secrets or KeyringSecretStore(),
        actor=settings.engineer_name or getpass.getuser(),
        settings=settings,
        loaded_policy=loaded_policy,
    )

"""The composition root: builds every part, wires them, and shuts them down in order."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QObject
from PySide6.QtWidgets import QApplication

from oncall_desktop.app.collaborators import Dues, Preferences
from oncall_desktop.app.console import AppController
from oncall_desktop.app.shell import Shell, open_shell
from oncall_desktop.app.wiring import connect_console, connect_workspace
from oncall_desktop.config.schema import Settings
from oncall_desktop.config.store import SettingsStore
from oncall_desktop.core.clock import Clock
from oncall_desktop.core.messages import UserMessage
from oncall_desktop.core.policy import LoadedPolicy, Policy
from oncall_desktop.integrations import builtins  # noqa: F401  (the one place they load)
from oncall_desktop.integrations.keyring_child import KeyringInChild
from oncall_desktop.integrations.secrets import KeyringStatus, SecretStore
from oncall_desktop.services.alert_actions import AlertActions
from oncall_desktop.services.alert_sources import AlertPoller, source_options
from oncall_desktop.services.connections import ConnectionsService
from oncall_desktop.services.incidents import IncidentService
from oncall_desktop.services.outbox import OutboxService
from oncall_desktop.services.tasks import TaskRunner
from oncall_desktop.services.ticker import Ticker
from oncall_desktop.ui.drill_mark import set_drill_console
from oncall_desktop.ui.notifier import (
    FreedesktopNotifier,
    Notifier,
    TrayNotifier,
    WindowNotifier,
)
from oncall_desktop.ui.tray import Tray
from oncall_desktop.ui.windows.main_window import MainWindow

if TYPE_CHECKING:
    # SQLAlchemy takes ~300 ms to import: the worker that opens the database loads it, so
    # the window never waits for it.
    from oncall_desktop.services.changefeed import ChangeFeed
    from oncall_desktop.services.presence import PresenceService
    from oncall_desktop.storage.db import Database

log = logging.getLogger(__name__)


@dataclass
class AppContext:
    """Everything the running app is made of. The window, tray and PagerDuty poller exist from
    the start; the database and what needs it are attached once it is open."""

    root: QObject
    app: QApplication
    clock: Clock
    runner: TaskRunner
    ticker: Ticker
    window: MainWindow
    tray: Tray | None
    controller: AppController
    secrets: SecretStore
    connections: ConnectionsService
    poller: AlertPoller
    settings_store: SettingsStore
    loaded_policy: LoadedPolicy
    console_id: str = ""
    database: Database | None = None
    incidents: IncidentService | None = None
    outbox: OutboxService | None = None
    drafts_dir: Path | None = None
    feed: ChangeFeed | None = None  # team mode on PostgreSQL
    _pending_postmortem: int | None = None
    disposed: bool = False
    _drill: bool = False

    @property
    def drill(self) -> bool:
        """A drill console: what is declared here is a drill, and every window and
        notification title says so (ui/drill_mark)."""
        return self._drill

    @drill.setter
    def drill(self, drill: bool) -> None:
        self._drill = drill
        set_drill_console(drill)
        self.window.show_title()

    @property
    def settings(self) -> Settings:
        return self.controller.settings

    # what the terminal commands and the drill read (app/facilities.CommandContext, DrillContext)
    @property
    def policy(self) -> Policy:
        return self.loaded_policy.policy

    @property
    def preferences(self) -> Preferences:
        return self.controller.preferences

    @property
    def dues(self) -> Dues:
        return self.controller.dues

    @property
    def alert_actions(self) -> AlertActions | None:
        workspace = self.controller.workspace
        return workspace.alert_actions if workspace is not None else None

    def attach_database(self, database: Database) -> None:
        """The database is open: build the workspace (everything that needs it) at once and
        connect it to the console's rooms."""
        from oncall_desktop.app.paths import AppPaths
        from oncall_desktop.app.workspace import build_workspace

        self.database = database
        controller, window = self.controller, self.window
        self.outbox = build_outbox(self, database)
        drafts_dir = self.drafts_dir or AppPaths.from_environment().data_dir / "drafts"
        controller.workspace = build_workspace(
            controller, database, self.outbox, drafts_dir, self.drill
        )
        incidents = self.incidents = controller.workspace.incidents
        connect_workspace(controller, controller.workspace)
        self.outbox.start()
        if not database.is_sqlite:  # team mode: colleagues' changes, live, and who is here
            self.feed = build_change_feed(self, database)
            controller.presence = build_presence(self, database, self.feed)
            from oncall_desktop.app.team_news import TeamNews  # a colleague's SEV-1/2 notifies

            news = TeamNews(
                self.feed,
                incidents,
                self.clock,
                controller.preferences,
                controller.notifications,
                controller.alert_controller.snoozed_until,
                self.root,
            )
            controller.alert_controller.snoozed.connect(news.set_snoozed)
        if self._pending_postmortem is not None:
            self.open_postmortem(self._pending_postmortem)
        sop = self.loaded_policy.policy.sop
        custom = self.loaded_policy.override_path and self.loaded_policy.override_path.exists()
        window.set_status(
            f"{sop.id} v{sop.version} · {database.short_description}"
            + (" · " + QCoreApplication.translate("MainWindow", "custom policy") if custom else ""),
            database.description,
        )
        incidents.refresh()

    def open_postmortem(self, incident_id: int) -> None:
        """Open it now, or as soon as the database is attached."""
        workspace = self.controller.workspace
        if workspace is None:
            self._pending_postmortem = incident_id
            return
        self._pending_postmortem = None
        workspace.postmortems.open(incident_id)

    def check_keyring(self) -> None:
        """Ask the keyring, off the GUI thread, whether tokens can be stored; say so if not."""

        def on_checked(status: KeyringStatus) -> None:
            if status.usable:
                log.info("keyring: %s", status.backend)
            else:
                log.warning("keyring unavailable: %s", status.message)
                # a message, said again if the language changes
                self.window.show_message("keyring", status.message, "warning")

        self.runner.run(self.secrets.status, on_checked)

    def shutdown(self) -> None:
        """Stop the clocks and the poller, let queued writes finish, close the database."""
        self.ticker.stop()
        self.poller.stop()
        if self.controller.presence is not None:
            self.controller.presence.stop()  # queued: the runner drains it before closing
        workspace = self.controller.workspace
        if self.feed is not None:
            self.feed.stop()
        if workspace is not None:  # the database was opened
            workspace.incidents.stop_following()
            workspace.postmortems.close_windows()
            workspace.outbox.stop()
            workspace.cockpits.close_all()
            workspace.history.close_windows()
            workspace.handoffs.close_window()
        self.controller.notifications.close()
        if self.tray is not None:
            self.tray.hide()
        if not self.runner.wait(10_000):
            log.warning("background work still running at exit")
        if self.database is not None:
            self.database.close()

    def dispose(self) -> None:
        """Shut down and delete every Qt object of this app instance (tests build many)."""
        if self.disposed:
            return
        self.disposed = True
        if self._drill:  # the next console this process builds (tests) is not a drill's
            set_drill_console(False)
        self.shutdown()
        self.window.deleteLater()
        self.root.deleteLater()
        self.app.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)


def build_shell(
    app: QApplication,
    settings: Settings,
    loaded_policy: LoadedPolicy,
    clock: Clock,
    problems: list[str | UserMessage],
    settings_store: SettingsStore,
    secrets: SecretStore | None = None,
    tray_icon: bool | None = None,
) -> AppContext:
    """The window, the tray, the clocks and the PagerDuty poller: everything that needs no
    database, so that the window is up at once while the database opens in the background.
    (The app itself shows the window and tray between the two steps: see app/shell.py.)
    ``tray_icon``: as in shell.open_shell."""
    shell = open_shell(app, settings, problems, tray_icon)
    if shell.tray is not None:
        shell.tray.show()
    return complete_shell(
        shell, app, settings, loaded_policy, clock, problems, settings_store, secrets
    )


def complete_shell(
    shell: Shell,
    app: QApplication,
    settings: Settings,
    loaded_policy: LoadedPolicy,
    clock: Clock,
    problems: list[str | UserMessage],
    settings_store: SettingsStore,
    secrets: SecretStore | None = None,
) -> AppContext:
    """Wires the clocks, the alert sources' poller and the controller to a window already
    built."""
    root, window, tray = shell.root, shell.window, shell.tray
    window.set_policy(loaded_policy.policy)
    # the keyring in a helper process: its libraries never load in the console (memory)
    secrets = secrets or KeyringInChild()
    runner = TaskRunner(root)
    ticker = Ticker(clock, root)

    poller = AlertPoller(
        secrets,
        source_options(settings, loaded_policy.policy),
        runner,
        clock,
        interval=timedelta(seconds=settings.pagerduty_poll_seconds),
        parent=root,
    )
    connections = ConnectionsService(secrets, runner, root)
    notifier: Notifier = (
        TrayNotifier(tray.icon, root) if tray is not None else WindowNotifier(window, root)
    )
    controller = AppController(
        app,
        window,
        tray,
        notifier,
        poller,
        connections,
        runner,
        secrets,
        settings_store,
        settings,
        loaded_policy,
        clock,
    )
    connect_console(controller)
    ticker.ticked.connect(controller.on_tick)
    ticker.clock_jumped.connect(poller.on_clock_jumped)
    runner.failed.connect(lambda text: window.show_message("task", text, "error"))
    for i, problem in enumerate(problems):
        log.warning("startup problem: %s", problem)
        window.show_message(f"problem-{i}", problem, "warning")  # in the UI's language

    ticker.start()
    controller.on_tick(clock.now())
    return AppContext(
        root=root,
        app=app,
        clock=clock,
        runner=runner,
        ticker=ticker,
        window=window,
        tray=tray,
        controller=controller,
        secrets=secrets,
        connections=connections,
        poller=poller,
        settings_store=settings_store,
        loaded_policy=loaded_policy,
    )


def build_outbox(context: AppContext, database: Database) -> OutboxService:
    from oncall_desktop.integrations.delivery import Courier, Endpoints
    from oncall_desktop.services.routing import mail_server
    from oncall_desktop.services.status_page import remembering
    from oncall_desktop.storage.outbox import OutboxRepository
    from oncall_desktop.storage.status_page import StatusPageRecords

    controller = context.controller

    def endpoints() -> Endpoints:  # the settings in force at each attempt
        settings = controller.settings
        return Endpoints(
            settings.slack_base_url,
            settings.slack_channel,
            settings.pagerduty_base_url,
            mail_server=mail_server(settings),
        )

    repository = OutboxRepository(database, console=context.console_id)
    # the status page's deliverer hears what the database remembers of the incident's post
    deliver = remembering(Courier(context.secrets, endpoints).deliver, StatusPageRecords(database))
    outbox = OutboxService(
        repository,
        deliver,
        context.runner,
        context.clock,
        actor=controller.actor,
        parent=context.root,
    )
    context.ticker.clock_jumped.connect(outbox.on_clock_jumped)
    return outbox


def build_change_feed(context: AppContext, database: Database) -> ChangeFeed:
    """Listens for the other consoles' changes (NOTIFY) and says when it cannot."""
    from oncall_desktop.services.changefeed import ChangeFeed
    from oncall_desktop.storage.changes import ChangeListener

    feed = ChangeFeed(ChangeListener(database.conninfo, database.origin), context.root)
    assert context.incidents is not None
    context.incidents.follow_colleagues(feed)
    window = context.window

    cockpits = context.controller.cockpit_controller

    def say(listening: bool) -> None:
        if listening:
            window.banner.clear_message("team-feed")
            for key in ("storage", "outbox"):  # what failed for want of it: said, and over
                window.banner.clear_message(key)
            cockpits.set_database_away("")
            return
        text = QCoreApplication.translate(
            "MainWindow",
            "The team database is not answering (reconnecting): colleagues' changes show again "
            "once it is back. A change you make that cannot be saved meanwhile is not kept: it "
            "springs back where you made it, with the reason; make it again then.",
        )
        window.show_message("team-feed", text, "warning")
        cockpits.set_database_away(text)

    feed.connection_changed.connect(say)
    feed.start()
    return feed


def build_presence(context: AppContext, database: Database, feed: ChangeFeed) -> PresenceService:
    """This console's heartbeat (its open cockpits) and who else is on each incident."""
    from oncall_desktop.services.presence import PresenceService
    from oncall_desktop.storage.presence import PresenceRepository

    controller = context.controller
    presence = PresenceService(
        PresenceRepository(database, database.origin),
        context.runner,
        context.clock,
        person=lambda: controller.actor,
        open_incidents=lambda: set(controller.cockpits),
        parent=context.root,
    )
    cockpits = controller.cockpit_controller
    # team mode: who else is there, no one until a heartbeat says otherwise (None, "unknown
    # while the database is away", is said by ``changed`` when it is; alone, nothing changes)
    cockpits.show_presence(presence.others if presence.known else None)
    presence.changed.connect(cockpits.show_presence)
    cockpits.opened_changed.connect(presence.beat)  # the others see it at once
    presence.follow(feed)  # who is where, read on the feed's connection
    feed.connection_changed.connect(
        lambda listening: presence.rejoin() if listening else presence.lost()
    )
    presence.start()
    return presence


def choose_notifier(context: AppContext) -> None:
    """Switch to desktop notifications with buttons when a notification server is there
    (checked on a worker: it is a D-Bus round trip)."""

    def check() -> tuple[bool, bool]:
        if not FreedesktopNotifier.available():
            return False, False
        return True, FreedesktopNotifier.has_body_markup()

    def chosen(result: tuple[bool, bool]) -> None:
        available, markup = result
        if available:
            context.controller.notifications.use(
                FreedesktopNotifier("On-call Desktop", context.root), markup
            )
            log.info("desktop notifications with actions")

    context.runner.run(check, chosen, lambda error: log.info("no notifier: %s", error))

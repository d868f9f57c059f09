"""The composition root: builds every part, wires them, and shuts them down in order."""

from __future__ import annotations

import getpass
import html
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from oncall_desktop import APP_DISPLAY_NAME
from oncall_desktop.app.shell import Shell, open_shell, resolve_language, resolve_zone
from oncall_desktop.config.schema import Settings
from oncall_desktop.config.store import SettingsStore
from oncall_desktop.core.clock import Clock
from oncall_desktop.core.clocks import (
    UpdateDue,
    WarningKind,
    breach_warnings,
    escalation_due_at,
    next_updates,
    open_deadlines,
)
from oncall_desktop.core.incident import Incident, Status
from oncall_desktop.core.messages import QT_TR_NOOP, UserMessage
from oncall_desktop.core.outbox import Post, PostState
from oncall_desktop.core.paging import Page, QuietHours, should_notify
from oncall_desktop.core.policy import Audience, EscalationMode, LoadedPolicy, Severity
from oncall_desktop.core.traysummary import TrayLevel, summarize
from oncall_desktop.integrations.errors import IntegrationError
from oncall_desktop.integrations.keyring_child import KeyringInChild
from oncall_desktop.integrations.pagerduty_payloads import SOURCE as PAGERDUTY_SOURCE
from oncall_desktop.integrations.secrets import (
    KeyringStatus,
    SecretStore,
    SecretStoreError,
)
from oncall_desktop.integrations.sources import source_kinds, source_name
from oncall_desktop.services.connections import ConnectionsService
from oncall_desktop.services.incidents import IncidentService
from oncall_desktop.services.messages import shown
from oncall_desktop.services.outbox import OutboxService
from oncall_desktop.services.poller import (
    AlertPoller,
    PollState,
    PollStatus,
    enabled_sources,
    source_options,
)
from oncall_desktop.services.poller import describe as describe_poll
from oncall_desktop.services.routing import UpdateRouter
from oncall_desktop.services.tasks import TaskRunner
from oncall_desktop.services.ticker import Ticker
from oncall_desktop.ui.icons import TrayState
from oncall_desktop.ui.notifier import (
    ACKNOWLEDGE,
    OPEN,
    FreedesktopNotifier,
    Notification,
    Notifier,
    TrayNotifier,
    WindowNotifier,
)
from oncall_desktop.ui.text import countdown, fill
from oncall_desktop.ui.tray import Tray
from oncall_desktop.ui.windows.main_window import MainWindow

if TYPE_CHECKING:
    from oncall_desktop.app.handoffs import HandoffController
    from oncall_desktop.app.history import HistoryController

    # SQLAlchemy takes ~300 ms to import: the worker that opens the database loads it, so
    # the window never waits for it.
    from oncall_desktop.app.postmortems import PostmortemController
    from oncall_desktop.storage.db import Database
    from oncall_desktop.ui.windows.cockpit_window import CockpitWindow

TRAY_STATES = {
    TrayLevel.UPDATE_OVERDUE: TrayState.UPDATE_OVERDUE,
    TrayLevel.OFFLINE: TrayState.OFFLINE,
    TrayLevel.INCIDENT_OPEN: TrayState.INCIDENT_OPEN,
    TrayLevel.IDLE: TrayState.IDLE,
}

# Pages notified one by one in a single poll; beyond that, one grouped notification.
MAX_SINGLE_ALERTS = 3
STORM_KEY = "pages"
# A notification whose action composes an update: "compose:<incident id>:<audience>".
COMPOSE_PREFIX = "compose:"
COMPOSE = "compose"

log = logging.getLogger(__name__)

COCKPIT_REFRESH_SPREAD_MS = 800

OFFLINE_STATES = (
    PollState.OFFLINE,
    PollState.TOKEN_REJECTED,
    PollState.FAILED,
    PollState.NO_KEYRING,
    PollState.RATE_LIMITED,
)


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
    _pending_postmortem: int | None = None
    disposed: bool = False
    drill: bool = False

    @property
    def settings(self) -> Settings:
        return self.controller.settings

    def attach_database(self, database: Database) -> None:
        from oncall_desktop.storage.repositories import IncidentRepository

        self.database = database
        policy = self.loaded_policy.policy
        self.incidents = IncidentService(
            IncidentRepository(database),
            self.runner,
            self.clock,
            policy,
            self.controller.actor,
            self.app,
        )
        self.incidents.drill = self.drill
        self.controller.attach_incidents(self.incidents)
        self.outbox = build_outbox(self, database)
        self.controller.attach_outbox(self.outbox)
        self.outbox.start()
        self.controller.attach_postmortems(build_postmortems(self, database))
        self.controller.history = build_history(self, database)
        self.controller.handoffs = build_handoffs(self, database)
        if self._pending_postmortem is not None:
            self.open_postmortem(self._pending_postmortem)
        sop = policy.sop
        custom = self.loaded_policy.override_path and self.loaded_policy.override_path.exists()
        self.window.set_status(
            f"{sop.id} v{sop.version} · {database.description}"
            + (" · " + QCoreApplication.translate("MainWindow", "custom policy") if custom else "")
        )
        self.incidents.refresh()

    def open_postmortem(self, incident_id: int) -> None:
        """Open it now, or as soon as the database is attached."""
        if self.controller.postmortems is None:
            self._pending_postmortem = incident_id
            return
        self._pending_postmortem = None
        self.controller.postmortems.open(incident_id)

    def check_keyring(self) -> None:
        """Ask the keyring, off the GUI thread, whether tokens can be stored; say so if not."""

        def on_checked(status: KeyringStatus) -> None:
            if status.usable:
                log.info("keyring: %s", status.backend)
            else:
                log.warning("keyring unavailable: %s", status.message)
                self.window.show_message("keyring", shown(status.message), "warning")

        self.runner.run(self.secrets.status, on_checked)

    def shutdown(self) -> None:
        """Stop the clocks and the poller, let queued writes finish, close the database."""
        self.ticker.stop()
        self.poller.stop()
        if self.controller.postmortems is not None:
            self.controller.postmortems.close_windows()
        if self.outbox is not None:
            self.outbox.stop()
        for cockpit in list(self.controller.cockpits.values()):
            cockpit.close()
        if self.controller.history is not None:
            self.controller.history.close_windows()
        if self.controller.handoffs is not None:
            self.controller.handoffs.close_window()
        self.controller.notifier.close()
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
        self.shutdown()
        self.window.deleteLater()
        self.root.deleteLater()
        self.app.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)


class AppController(QObject):
    """Routes requests and events between the window, the tray, the notifier and services."""

    def __init__(
        self,
        app: QApplication,
        window: MainWindow,
        tray: Tray | None,
        notifier: Notifier,
        poller: AlertPoller,
        connections: ConnectionsService,
        runner: TaskRunner,
        secrets: SecretStore,
        settings_store: SettingsStore,
        settings: Settings,
        loaded_policy: LoadedPolicy,
        clock: Clock,
    ) -> None:
        super().__init__(window)
        self.app = app
        self.window = window
        self.tray = tray
        self.notifier = notifier
        self.poller = poller
        self.connections = connections
        self.runner = runner
        self.secrets = secrets
        self.settings_store = settings_store
        self.settings = settings
        self.policy = loaded_policy.policy
        self.clock = clock
        self.incidents: IncidentService | None = None
        self.outbox: OutboxService | None = None
        self.router: UpdateRouter | None = None  # once the outbox is attached
        self.postmortems: PostmortemController | None = None
        self.history: HistoryController | None = None
        self.handoffs: HandoffController | None = None
        self.snoozed_until: datetime | None = None
        self._told_about_tray = False
        self._body_markup = False
        self._pending_open: str | None = None
        self._last_poll_states: dict[str, PollState] = {}
        self.cockpits: dict[int, CockpitWindow] = {}
        self._overdue_alerted: set[tuple[int, str, datetime]] = set()
        self._alerted_pages: set[str] = set()  # pages whose notification may still be up
        self._dues_cache: dict[tuple[object, ...], dict[Audience, UpdateDue]] = {}

        window.declare_requested.connect(self.declare)
        window.settings_requested.connect(self.open_settings)
        window.page_acknowledge_requested.connect(poller.acknowledge)
        window.page_open_requested.connect(self.open_page)
        window.drill_requested.connect(start_drill_console)
        window.hidden_to_tray.connect(self._on_window_hidden_to_tray)
        window.incident_activated.connect(self.open_cockpit)
        window.declare_action.setEnabled(False)  # until the database is open
        poller.new_alerts.connect(self.on_new_alerts)
        poller.pages_changed.connect(self._on_pages_changed)
        poller.pages_left.connect(self._on_pages_left)
        poller.status_changed.connect(self._on_poll_status)
        poller.acknowledged.connect(self._on_acknowledged)
        poller.problem.connect(lambda text: window.show_message("pagerduty-action", text, "error"))
        self._connect_notifier(notifier)
        if tray is not None:
            tray.open_requested.connect(window.bring_forward)
            tray.declare_requested.connect(self.declare)
            tray.settings_requested.connect(self.open_settings)
            tray.quit_requested.connect(self.quit)
            tray.acknowledge_requested.connect(poller.acknowledge)
            tray.open_page_requested.connect(self.open_page)
            tray.snooze_requested.connect(self.snooze)
            tray.incident_requested.connect(self.open_cockpit)
            tray.reminder_requested.connect(lambda key: self._on_notification_action(key, OPEN))

    @property
    def language(self) -> str:
        return resolve_language(self.settings.language)

    @property
    def message_language(self) -> str:
        """The language of what is posted (a team setting, apart from the UI's)."""
        return self.settings.message_language

    @property
    def zone(self) -> tzinfo | None:
        return resolve_zone(self.settings.team_timezone)[0]

    @property
    def actor(self) -> str:
        return self.settings.engineer_name or getpass.getuser()

    # --- incidents ------------------------------------------------------------------------------

    def attach_incidents(self, incidents: IncidentService) -> None:
        self.incidents = incidents
        incidents.incidents_changed.connect(self.window.set_incidents)
        incidents.incidents_changed.connect(lambda _: self.update_tray(self.clock.now()))
        incidents.incident_opened.connect(self._on_incident_opened)
        incidents.incident_declared.connect(self._on_incident_opened)
        incidents.incident_changed.connect(self._on_incident_changed)
        incidents.incidents_changed.connect(self._on_incidents_listed)
        incidents.problem.connect(lambda text: self.window.show_message("storage", text, "error"))
        self.window.declare_action.setEnabled(True)
        if self._pending_open:
            self.open_page(self._pending_open)

    def attach_postmortems(self, postmortems: PostmortemController) -> None:
        self.postmortems = postmortems
        for window in self.cockpits.values():
            window.postmortem_requested.connect(postmortems.open)

    def attach_outbox(self, outbox: OutboxService) -> None:
        self.outbox = outbox
        self.router = UpdateRouter(lambda: self.settings, outbox.submit)
        outbox.post_changed.connect(self._on_post_changed)
        outbox.problem.connect(lambda text: self.window.show_message("outbox", text, "error"))

    def compose(self, incident_id: int, audience: str) -> None:
        window = self.cockpits.get(incident_id)
        if window is None or self.router is None:
            return
        from oncall_desktop.core.compose import default_kind
        from oncall_desktop.ui.windows.composer_dialog import ComposerDialog

        incident = window.incident
        composition = ComposerDialog.ask(
            incident,
            self.policy,
            self.message_language,
            self.clock.now(),
            self.zone,
            self.actor,
            self.router.internal_label(incident),
            default_kind(incident, Audience(audience)),
            parent=window,
            status_page=(
                (self.settings.status_page_name or self.settings.status_page_id)
                if self.settings.status_page_id
                else ""
            ),
        )
        if composition is None:
            return
        kind = composition.kind.value
        if composition.to_slack:
            self.router.post_internal(
                composition.text,
                kind=kind,
                incident=incident,
                audience=composition.audience,
                notify_channel=composition.notify_channel,
            )
        if composition.to_pagerduty:
            self.router.post_status_update(
                composition.text, incident=incident, audience=composition.audience, kind=kind
            )
        if composition.to_status_page:
            self.router.post_status_page(
                composition.text,
                incident=incident,
                kind=kind,
                title=self.status_page_title(incident),
                every_minutes=self._status_page_every(incident),
            )
        if composition.to_mail:
            self.mail_executives(incident, composition.text, window)

    def status_page_title(self, incident: Incident) -> str:
        from oncall_desktop.core.compose import status_page_title

        return status_page_title(incident, self.policy, self.message_language)

    def _status_page_every(self, incident: Incident) -> int | None:
        every = self.policy.cadence_rule(Audience.STATUS_PAGE, incident.severity).every
        return int(every.total_seconds() // 60) if every else None

    def request_responders(self, incident_id: int, contact_name: str) -> None:
        """Escalate with one click: a PagerDuty responder request on the incident's page, with
        the SOP's message; once PagerDuty confirms, the contact is recorded as reached."""
        window = self.cockpits.get(incident_id)
        contact = next((c for c in self.policy.escalation_contacts if c.name == contact_name), None)
        if window is None or contact is None or contact.pagerduty is None:
            return
        incident = window.incident
        source = self.poller.watcher(PAGERDUTY_SOURCE)
        page_id = incident.follows(PAGERDUTY_SOURCE)
        if not page_id or source is None:
            window.show_problem(self.tr("This incident has no PagerDuty page to escalate on."))
            return
        message = (
            self.policy.templates["responder_request"]
            .get(self.message_language)
            .format(severity=incident.severity.value, title=incident.title)
        )

        def done(_requested_at: str) -> None:
            if self.incidents is not None:
                self.incidents.mark_contact_notified(incident_id, contact_name, via="pagerduty")

        source.request_responders(
            page_id,
            [contact.pagerduty],
            message,
            done,
            lambda problem: self._tell_cockpit(incident_id, problem),
        )

    def _tell_cockpit(self, incident_id: int, problem: str) -> None:
        """A failed request's message in its cockpit (re-enabled), or in the main window when
        the cockpit was closed while the request ran (a closed window is gone)."""
        window = self.cockpits.get(incident_id)
        if window is None:
            self.window.show_message(f"cockpit-{incident_id}", problem, "error")
            return
        window.declare_pd_button.setEnabled(True)
        window.channel_button.setEnabled(True)
        window.show_problem(problem)

    def declare_in_pagerduty(self, incident_id: int) -> None:
        """A hand-declared incident created in PagerDuty, on the service from Settings, so the
        team's escalation policy runs; the page is then linked and followed like any other."""
        window = self.cockpits.get(incident_id)
        service = self.settings.pagerduty_service_id
        source = self.poller.watcher(PAGERDUTY_SOURCE)
        if window is None or not service or source is None:
            return
        incident = window.incident
        window.declare_pd_button.setEnabled(False)  # one click, one page

        def done(page: Page) -> None:
            if (still_open := self.cockpits.get(incident_id)) is not None:
                still_open.declare_pd_button.setEnabled(True)
            if self.incidents is not None:  # linked even when the cockpit was closed meanwhile
                self.incidents.link_page(incident_id, page)

        def failed(message: str) -> None:
            self._tell_cockpit(incident_id, message)

        source.declare(
            f"[{incident.severity.value}] {incident.title}",
            service,
            "high" if incident.severity is not Severity.SEV3 else "low",
            incident.declaration_key,
            done,
            failed,
        )

    def mail_executives(self, incident: Incident, text: str, parent: QWidget) -> None:
        """The executive summary in the user's mail client; its countdown resets only once
        the user says the mail went (the app cannot see it)."""
        from PySide6.QtCore import QUrl
        from PySide6.QtGui import QDesktopServices, QGuiApplication
        from PySide6.QtWidgets import QMessageBox

        from oncall_desktop.core.mail import mailto_link

        subject = text.splitlines()[0] if text.strip() else incident.title
        link, shortened = mailto_link(
            self.policy.executive_recipients,
            subject,
            text,
            self.tr("\n\n[…] The full text is on the clipboard: paste it here."),
        )
        if shortened:
            QGuiApplication.clipboard().setText(text)
        if not QDesktopServices.openUrl(QUrl(link)):
            QGuiApplication.clipboard().setText(text)
            self.window.show_message(
                "mail",
                self.tr("No mail client could be opened; the summary is on the clipboard."),
                "warning",
            )
        answer = QMessageBox.question(
            parent,
            self.tr("Executive summary"),
            self.tr("Was the executive summary sent? Its countdown restarts only then."),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer == QMessageBox.StandardButton.Yes and self.incidents is not None:
            self.incidents.mark_update_sent(incident.id or -1, Audience.EXECUTIVE, channel="mail")

    def create_incident_channel(self, incident_id: int) -> None:
        """SOP 1.4: #incident-YYYY-MM-DD-NNN (next free NNN), recorded in the timeline, then
        the declaration posted there through the outbox."""
        window = self.cockpits.get(incident_id)
        if window is None or self.incidents is None:
            return
        from oncall_desktop.core.compose import MessageKind, compose
        from oncall_desktop.integrations.secrets import SLACK_BOT_TOKEN
        from oncall_desktop.integrations.slack import SlackClient

        incident, settings, secrets = window.incident, self.settings, self.secrets
        day = incident.detected_at.astimezone(self.zone).date()
        window.channel_button.setEnabled(False)

        def create() -> str:
            token = secrets.get(SLACK_BOT_TOKEN)
            if not token:
                raise IntegrationError(QT_TR_NOOP("No Slack bot token: add it in Settings first."))
            return SlackClient(token, settings.slack_base_url).create_incident_channel(day)

        def created(channel_id: str) -> None:
            if (still_open := self.cockpits.get(incident_id)) is not None:
                still_open.channel_button.setEnabled(True)
            assert self.incidents is not None
            self.incidents.change(
                incident_id,
                lambda i, now, who: i.add_note(
                    f"Slack channel created for this incident ({channel_id})",
                    at=now,
                    actor=who,
                    slack_channel=channel_id,
                ),
            )
            if self.router is not None:
                text = compose(
                    MessageKind.DECLARED,
                    incident,
                    self.policy,
                    self.message_language,
                    self.clock.now(),
                    zone=self.zone,
                    oncall=self.actor,
                )
                self.router.post_internal(
                    text, kind=MessageKind.DECLARED.value, incident=incident, channel=channel_id
                )

        def failed(error: Exception) -> None:
            if not isinstance(error, IntegrationError | SecretStoreError):
                raise error
            self._tell_cockpit(incident_id, shown(error))

        self.runner.run(create, created, failed, write=False)

    def resend(self, post: Post) -> None:
        """Edit a refused post, its destination too, and queue it again."""
        from oncall_desktop.ui.windows.resend_dialog import ResendDialog

        if self.outbox is None:
            return
        answer = ResendDialog.ask(
            post,
            self.settings.slack_channel,
            self.cockpits.get(post.incident_id or -1) or self.window,
            self.language,
        )
        if answer is not None and answer.text:
            self.outbox.resend(post, answer.text, answer.destination)

    def _on_post_changed(self, post: Post) -> None:
        if post.incident_id is None:
            return
        window = self.cockpits.get(post.incident_id)
        if window is not None and self.outbox is not None:
            self.outbox.posts_for(post.incident_id, window.set_posts)
        if post.state is PostState.SENT and self.incidents is not None:
            self.incidents.refresh()  # the countdown it served has been reset
            if window is not None:
                self.incidents.load(post.incident_id, window.set_incident)

    def declare(self) -> None:
        self.window.bring_forward()
        if self.incidents is None:
            return
        from oncall_desktop.ui.windows.declare_dialog import DeclareDialog

        declaration = DeclareDialog.ask(self.policy, self.language, self.clock.now(), self.window)
        if declaration is not None:
            self.incidents.declare(
                declaration.title,
                declaration.severity,
                declaration.impact,
                declaration.reason,
                declaration.detected_at,
            )

    def open_page(self, key: str) -> None:
        """Open (creating it if needed) the local incident of a page (``Page.key``)."""
        page = self.poller.page(key)
        self.window.bring_forward()
        if page is None:
            self.window.show_message(
                "pagerduty-action",
                self.tr("That page is no longer assigned to you."),
                "info",
            )
            return
        if self.incidents is None:
            self._pending_open = key  # the database is still opening
            return
        self._pending_open = None
        self.incidents.open_from_page(page)

    def _on_incident_opened(self, incident: Incident) -> None:
        if incident.id is not None:
            self.window.select_incident(incident.id)
            self.show_cockpit(incident)

    def open_cockpit(self, incident_id: int, then: Callable[[], None] | None = None) -> None:
        """Bring up the cockpit of an incident (loaded fresh from the database); ``then``
        runs once it is on screen (e.g. the composer a notification's action asked for)."""
        window = self.cockpits.get(incident_id)
        if window is not None:
            self.raise_window(window)
            if then is not None:
                QTimer.singleShot(0, then)
        elif self.incidents is not None:

            def shown(incident: Incident) -> None:
                self.show_cockpit(incident)
                if then is not None:
                    QTimer.singleShot(0, then)

            self.incidents.load(incident_id, shown)

    def acknowledge_incident(self, incident_id: int) -> None:
        """Acknowledge from a notification: in PagerDuty when the incident came from a page
        (the local incident follows), else locally."""
        if self.incidents is None:
            return
        incident = next((i for i in self.incidents.active if i.id == incident_id), None)
        page = self.poller.page(incident.alert.key) if incident and incident.alert else None
        if page is not None:
            self.poller.acknowledge(page.key)
        else:
            self.incidents.move_to(incident_id, Status.ACKNOWLEDGED)

    def show_cockpit(self, incident: Incident) -> None:
        assert incident.id is not None and self.incidents is not None
        window = self.cockpits.get(incident.id)
        if window is None:
            from oncall_desktop.ui.windows.cockpit_window import CockpitWindow

            window = CockpitWindow(incident, self.policy, self.language, self.zone, self.incidents)
            window.closed.connect(lambda incident_id: self.cockpits.pop(incident_id, None))
            window.compose_requested.connect(self.compose)
            window.resend_requested.connect(self.resend)
            window.channel_requested.connect(self.create_incident_channel)
            window.responders_requested.connect(self.request_responders)
            window.pagerduty_declare_requested.connect(self.declare_in_pagerduty)
            window.set_pagerduty_declarable(bool(self.settings.pagerduty_service_id))
            if self.postmortems is not None:
                window.postmortem_requested.connect(self.postmortems.open)
            self.cockpits[incident.id] = window
            if self.outbox is not None:
                self.outbox.posts_for(incident.id, window.set_posts)
            window.set_now(self.clock.now())
        else:
            window.set_incident(incident)
        self.raise_window(window)

    @staticmethod
    def raise_window(window: QWidget) -> None:
        window.show()
        window.raise_()
        window.activateWindow()

    def _on_incident_changed(self, incident: Incident) -> None:
        if self.postmortems is not None:
            self.postmortems.on_incident_changed(incident)
        window = self.cockpits.get(incident.id or -1)
        if window is not None:
            window.set_incident(incident)

    def _on_incidents_listed(self, incidents: list[Incident]) -> None:
        self._show_pages(self.poller.pages)  # a page opened as an incident leaves the list
        for incident in incidents:  # e.g. a colleague acknowledged it in PagerDuty
            window = self.cockpits.get(incident.id or -1)
            if window is not None and len(incident.timeline) != len(window.incident.timeline):
                window.set_incident(incident)

    # --- alerts ---------------------------------------------------------------------------------

    def _connect_notifier(self, notifier: Notifier) -> None:
        notifier.action_invoked.connect(self._on_notification_action)
        notifier.shown.connect(lambda key: log.info("alert shown for %s", key))

    def use_notifier(self, notifier: Notifier, body_markup: bool = False) -> None:
        old, self.notifier = self.notifier, notifier
        self._body_markup = body_markup
        self._connect_notifier(notifier)
        if old is not notifier:
            old.close()

    def notification_body(self, text: str) -> str:
        """Notification bodies may be markup on some desktops: text from outside is escaped
        there, so a title like "<b>API</b>" shows as typed."""
        return html.escape(text, quote=False) if self._body_markup else text

    def on_new_alerts(self, pages: list[Page]) -> None:
        now = self.clock.now()
        local_now = now.astimezone()
        try:
            quiet = QuietHours.parse(self.settings.quiet_hours_start, self.settings.quiet_hours_end)
        except ValueError:
            quiet = None
        wanted = []
        for page in pages:
            if not should_notify(page, now, local_now, quiet, self.snoozed_until):
                log.info("alert for %s held back (snoozed or quiet hours)", page.key)
                continue
            wanted.append(page)
        # A storm (a thousand pages at once) is one notification beyond the first few, high
        # urgency first: the desktop stays usable and the tray lists them all.
        wanted.sort(key=lambda p: p.urgency != "high")
        rest = wanted[MAX_SINGLE_ALERTS:]
        wanted = wanted[:MAX_SINGLE_ALERTS]
        for page in wanted:
            self._alerted_pages.add(page.key)
            urgent = page.urgency == "high"
            where = page.service or source_name(page.source)
            body = self.notification_body(page.title)
            self.notifier.notify(
                Notification(
                    key=page.key,
                    title=(
                        self.tr("🔴 High urgency · %1") if urgent else self.tr("Low urgency · %1")
                    ).replace("%1", where),
                    body=body,
                    urgent=urgent,
                    actions=((ACKNOWLEDGE, self.tr("Acknowledge")),),
                    sound=self.settings.alert_sound,
                )
            )
        if rest:
            self.notifier.notify(
                Notification(
                    key=STORM_KEY,
                    title=self.tr("%n more page(s) to acknowledge", "", len(rest)),
                    body=self.notification_body(", ".join(p.title for p in rest[:5])),
                    urgent=any(p.urgency == "high" for p in rest),
                    sound=False,
                )
            )
        self.update_tray(now)

    def _on_notification_action(self, key: str, action: str) -> None:
        log.info("notification %s: %s", key, action)
        if key.startswith(COMPOSE_PREFIX):
            number, _, audience = key.removeprefix(COMPOSE_PREFIX).partition(":")
            incident_id = int(number)
            if action == COMPOSE:
                self.open_cockpit(incident_id, then=lambda: self.compose(incident_id, audience))
            else:
                self.open_cockpit(incident_id)
        elif key.startswith("incident:") and action == ACKNOWLEDGE:
            self.acknowledge_incident(int(key.split(":", 1)[1]))
        elif key.startswith("incident:"):
            self.open_cockpit(int(key.split(":", 1)[1]))
        elif key.startswith("postmortem:") and self.postmortems is not None:
            self.postmortems.open(int(key.split(":", 1)[1]))
        elif key == "handoff" and self.handoffs is not None:
            self.handoffs.open()
        elif key == STORM_KEY:
            self.window.bring_forward()
        elif action == ACKNOWLEDGE:
            self.poller.acknowledge(key)
            self.notifier.withdraw(key)  # handled: off the screen
        elif action == OPEN:
            self.open_page(key)
            self.notifier.withdraw(key)

    def snooze(self, minutes: int) -> None:
        self.snoozed_until = self.clock.now() + timedelta(minutes=minutes) if minutes else None
        self.update_tray(self.clock.now())

    def _on_pages_changed(self, pages: list[Page]) -> None:
        by_key = {p.key: p for p in pages}
        for cockpit in self.cockpits.values():  # who answered our responder requests
            alert = cockpit.incident.alert
            page = by_key.get(alert.key) if alert is not None else None
            if page is not None:
                cockpit.set_responder_states(dict(page.responders))
        if self.tray is not None:
            self.tray.set_pages(pages)
        self._show_pages(pages)
        # Without a tray, alerts are banners in the window: one a page still waiting, not one
        # for every page ever seen (they piled up, and memory with them).
        waiting = {f"alert-{p.key}" for p in pages if p.is_triggered}
        for key in list(self.window.banner.texts()):
            if key.startswith("alert-") and key not in waiting:
                self.window.banner.clear_message(key)
        for page in pages:  # acknowledged here or elsewhere: its alert has done its job
            if not page.is_triggered and page.key in self._alerted_pages:
                self._alerted_pages.discard(page.key)
                self.notifier.withdraw(page.key)
        if self.incidents is not None:
            self.incidents.sync_from_sources(pages)
        self.update_tray(self.clock.now())

    def _show_pages(self, pages: list[Page]) -> None:
        """The main window lists the pages that have no local incident yet."""
        active = self.incidents.active if self.incidents is not None else []
        linked = {i.alert.key for i in active if i.alert}
        self.window.set_pages([p for p in pages if p.key not in linked])

    def _on_pages_left(self, pages: list[Page]) -> None:
        if self.incidents is not None:
            self.incidents.sync_from_sources(pages)

    def _on_acknowledged(self, page: Page) -> None:
        log.info("acknowledged %s in %s", page.id, source_name(page.source))
        self._on_pages_changed(self.poller.pages)
        if self.incidents is not None:
            self.incidents.follow_page(page)

    def _on_poll_status(self, status: PollStatus) -> None:
        if status.state is not self._last_poll_states.get(status.source):
            log.info("%s: %s %s", source_name(status.source), status.state.value, status.message)
            self._last_poll_states[status.source] = status.state
        if status.state in (PollState.TOKEN_REJECTED, PollState.FAILED):
            self.window.show_message(status.source, status.message, "error")
        elif status.state is PollState.NO_KEYRING:
            # the same key as the keyring check at start-up: one banner says it
            self.window.show_message("keyring", status.message, "warning")
        else:
            self.window.banner.clear_message(status.source)
        # not set up yet (a first start): the window teaches the next steps, no warning
        self.window.show_getting_started(
            all(s.state is PollState.NOT_CONFIGURED for s in self.poller.statuses)
        )
        self.update_tray(self.clock.now())

    # --- settings -------------------------------------------------------------------------------

    def open_settings(self) -> None:
        from oncall_desktop.ui.windows.settings_dialog import SettingsDialog

        self.window.bring_forward()
        dialog = SettingsDialog(self.settings, self.connections, self.window)
        if dialog.exec() != SettingsDialog.DialogCode.Accepted:
            return
        self.apply_settings(dialog.result_settings(), dialog.secrets_to_store())

    def apply_settings(self, settings: Settings, secrets_to_store: dict[str, str]) -> None:
        """Save the settings; store changed secrets in the keyring (off the GUI thread; ''
        removes one) and reconnect PagerDuty when its token, address or interval changed."""
        previous, self.settings = self.settings, settings
        try:
            self.settings_store.save(settings)
        except OSError as error:
            self.window.show_message(
                "settings", self.tr("Settings could not be saved: ") + shown(error), "error"
            )
        for cockpit in self.cockpits.values():
            cockpit.set_pagerduty_declarable(bool(settings.pagerduty_service_id))
        if self.tray is not None:
            self.window.keep_running_in_tray = settings.close_to_tray
            self.app.setQuitOnLastWindowClosed(not settings.close_to_tray)
        if settings.start_at_login != previous.start_at_login:
            self._apply_autostart(settings.start_at_login)
        if resolve_language(settings.language) != resolve_language(previous.language):
            self.window.show_message(
                "language", self.tr("The new language applies at the next start."), "info"
            )
        secrets = self.secrets

        def reconnect(_: object = None) -> None:
            self.poller.reconfigure(
                source_options(settings), timedelta(seconds=settings.pagerduty_poll_seconds)
            )

        # another address or interval, a source switched on or off, or a source's token stored
        def reads_secret(names: Iterable[str]) -> bool:
            return any(n in kind.secrets for kind in source_kinds() for n in names)

        sources_changed = (
            settings.pagerduty_base_url,
            settings.pagerduty_poll_seconds,
            enabled_sources(settings),
        ) != (
            previous.pagerduty_base_url,
            previous.pagerduty_poll_seconds,
            enabled_sources(previous),
        )
        if not secrets_to_store:
            if sources_changed:
                reconnect()
            return

        def save() -> None:
            for name, value in secrets_to_store.items():
                if value:
                    secrets.set(name, value)
                else:
                    secrets.delete(name)

        self.runner.run(
            save,
            lambda _: reconnect() if sources_changed or reads_secret(secrets_to_store) else None,
            lambda error: self.window.show_message("settings", shown(error), "error"),
            write=True,
        )

    def _apply_autostart(self, enabled: bool) -> None:
        from oncall_desktop.app.autostart import set_autostart, supported

        if not supported():
            self.window.show_message(
                "autostart",
                self.tr("Start at login is not available on this system yet."),
                "warning",
            )
            return
        try:
            path = set_autostart(enabled)
        except OSError as error:
            self.window.show_message(
                "autostart", self.tr("Start at login could not be set: ") + str(error), "error"
            )
            return
        log.info("start at login %s (%s)", "on" if enabled else "off", path or "removed")

    # --- the rest -------------------------------------------------------------------------------

    def quit(self) -> None:
        self.window.quitting = True
        self.app.quit()

    def dues(self, incident: Incident) -> dict[Audience, UpdateDue]:
        """The update cadence of an incident, computed once per incident version: the tray,
        its menu and the overdue alerts all ask every second."""
        key = (incident.id or -1, len(incident.timeline), incident.severity, incident.status)
        cached = self._dues_cache.get(key)
        if cached is None:
            cached = next_updates(incident, self.policy)
            self._dues_cache[key] = cached
            if len(self._dues_cache) > 500:
                self._dues_cache.clear()
        return cached

    def on_tick(self, now: datetime) -> None:
        self.window.set_now(now)
        self._refresh_cockpits(now)
        self._alert_before_breaches(now)
        self._alert_overdue_updates(now)
        self._alert_escalations(now)
        if self.postmortems is not None:
            self.postmortems.remind(now)
        if self.handoffs is not None:
            self.handoffs.on_tick(now)
        self.update_tray(now)

    def _refresh_cockpits(self, now: datetime) -> None:
        """Spread the cockpits' refreshes over the second: with many windows open, one
        burst of repaints would stall the event loop; small ones do not. Each window reads
        the clock when its turn comes, so what it shows is exact."""
        windows = list(self.cockpits.values())
        if not windows:
            return
        windows[0].set_now(now)
        spacing = max(1, COCKPIT_REFRESH_SPREAD_MS // len(windows))
        for i, window in enumerate(windows[1:], start=1):
            # with a context object, the call is dropped if the window is gone by then
            QTimer.singleShot(i * spacing, window, lambda w=window: w.set_now(self.clock.now()))

    def _alert_overdue_updates(self, now: datetime) -> None:
        """One notification each time an update becomes overdue (not every tick)."""
        if self.incidents is None:
            return
        for incident in self.incidents.active:
            for audience, due in self.dues(incident).items():
                key = (incident.id or -1, audience.value, due.due_at)
                if not due.overdue(now) or key in self._overdue_alerted:
                    continue
                self._overdue_alerted.add(key)
                name = self.policy.cadence[audience].name.get(self.language)
                self.notifier.notify(
                    Notification(
                        key=f"{COMPOSE_PREFIX}{incident.id}:{audience.value}",
                        title=self.tr("Update overdue: %1").replace("%1", name),
                        body=self.notification_body(
                            f"{incident.severity.value} · {incident.title}"
                        ),
                        urgent=incident.severity.rank == 1,
                        actions=((COMPOSE, self.tr("Compose…")),),
                        sound=self.settings.alert_sound,
                    )
                )

    def _alert_before_breaches(self, now: datetime) -> None:
        """One warning a few minutes before each deadline (the lead time is procedure data),
        with the action that meets it: Acknowledge, or Compose… for an update owed."""
        if self.incidents is None:
            return
        for incident in self.incidents.active:
            for warning in breach_warnings(incident, self.policy, now):
                key = (incident.id or -1, *warning.key)
                if key in self._overdue_alerted:
                    continue
                self._overdue_alerted.add(key)
                left = countdown(warning.due_at - now)
                body = self.notification_body(f"{incident.severity.value} · {incident.title}")
                if warning.kind is WarningKind.UPDATE and warning.audience is not None:
                    name = self.policy.cadence[warning.audience].name.get(self.language)
                    title = fill(self.tr("Update due in %1: %2"), left, name)
                    notification_key = f"{COMPOSE_PREFIX}{incident.id}:{warning.audience.value}"
                    actions: tuple[tuple[str, str], ...] = ((COMPOSE, self.tr("Compose…")),)
                elif warning.kind is WarningKind.ACKNOWLEDGE:
                    title = fill(self.tr("Acknowledge within %1"), left)
                    notification_key = f"incident:{incident.id}"
                    actions = ((ACKNOWLEDGE, self.tr("Acknowledge")),)
                elif warning.kind is WarningKind.RESOLVE:
                    title = fill(self.tr("Resolve SLA ends in %1"), left)
                    notification_key, actions = f"incident:{incident.id}", ()
                else:
                    sev = self.policy.severity(incident.severity)
                    title = fill(
                        self.tr("Escalate to %1 in %2 if still unresolved"),
                        sev.escalation_targets.get(self.language),
                        left,
                    )
                    notification_key, actions = f"incident:{incident.id}", ()
                self.notifier.notify(
                    Notification(
                        key=notification_key,
                        title=title,
                        body=body,
                        urgent=incident.severity.rank == 1,
                        actions=actions,
                        sound=self.settings.alert_sound,
                    )
                )

    def _alert_escalations(self, now: datetime) -> None:
        """One notification when a timed escalation falls due (SEV-2 unresolved after 2 h);
        the cockpit then shows the contacts to reach. SEV-1's immediate escalation is part of
        the page's own alert."""
        if self.incidents is None:
            return
        for incident in self.incidents.active:
            sev = self.policy.severity(incident.severity)
            due = escalation_due_at(incident, self.policy)
            if sev.escalation is not EscalationMode.IF_UNRESOLVED or due is None:
                continue
            key = (incident.id or -1, "escalation", due)
            if now < due or key in self._overdue_alerted:
                continue
            self._overdue_alerted.add(key)
            self.notifier.notify(
                Notification(
                    key=f"incident:{incident.id}",
                    title=fill(
                        self.tr("%1 unresolved: escalate to %2"),
                        incident.severity.value,
                        sev.escalation_targets.get(self.language),
                    ),
                    body=self.notification_body(f"{incident.severity.value} · {incident.title}"),
                    urgent=True,
                    sound=self.settings.alert_sound,
                )
            )

    def update_tray(self, now: datetime) -> None:
        if self.tray is None:
            return
        active = self.incidents.active if self.incidents is not None else []
        postmortems = self.postmortems.reminder_entries(now) if self.postmortems else []
        handoffs = self.handoffs.reminder_entries() if self.handoffs is not None else []
        linked = {i.alert.key for i in active if i.alert}
        summary = summarize(
            active,
            self.dues,
            sum(1 for p in self.poller.pages if p.is_triggered),
            any(s.state in OFFLINE_STATES for s in self.poller.statuses),
            len(postmortems),
            len(handoffs),
            now,
            sum(1 for p in self.poller.pages if not p.is_triggered and p.key not in linked),
        )
        parts = []
        if summary.overdue_incidents:
            parts.append(self.tr("%n update(s) overdue", "", summary.overdue_incidents))
        if summary.pages_to_acknowledge:
            parts.append(self.tr("%n page(s) to acknowledge", "", summary.pages_to_acknowledge))
        if summary.open_incidents:
            parts.append(self.tr("%n open incident(s)", "", summary.open_incidents))
        if summary.pages_acknowledged_unopened:
            parts.append(
                self.tr(
                    "%n acknowledged page(s) not opened", "", summary.pages_acknowledged_unopened
                )
            )
        if summary.postmortems_overdue:
            parts.append(self.tr("%n post-mortem(s) overdue", "", summary.postmortems_overdue))
        if summary.handoffs_pending:
            parts.append(self.tr("handoff pending"))
        if summary.quiet:
            parts.append(self.tr("No open incident"))
        parts.extend(describe_poll(status, now) for status in self.poller.statuses)
        if self.snoozed_until and now < self.snoozed_until:
            parts.append(self.tr("low-urgency alerts snoozed"))
        self.tray.set_state(
            TRAY_STATES[summary.level], f"{APP_DISPLAY_NAME} — " + " · ".join(parts)
        )
        self.tray.set_incidents([(i.id or -1, self._most_urgent(i, now)) for i in active])
        self.tray.set_reminders(postmortems + handoffs)

    def _most_urgent(self, incident: Incident, now: datetime) -> str:
        deadlines = open_deadlines(incident, self.policy, self.dues(incident))
        head = f"{incident.severity.value} {incident.title}"
        if not deadlines:
            return head
        first = deadlines[0]
        names = {"acknowledge": self.tr("ack"), "resolve": self.tr("resolve")}
        label = names.get(first.label) or self.policy.cadence[Audience(first.label)].name.get(
            self.language
        )
        return f"{head} — {label} {countdown(first.remaining(now))}"

    def _on_window_hidden_to_tray(self) -> None:
        if self.tray is not None and not self._told_about_tray:
            self._told_about_tray = True
            self.notifier.notify(
                Notification(
                    key="",
                    title=self.tr("On-call Desktop is still running"),
                    body=self.tr("Alerts keep coming to the tray. Quit from the tray menu."),
                )
            )


def start_drill_console() -> None:
    """A drill in a console of its own (its own data folder; nothing real is touched)."""
    from PySide6.QtCore import QProcess

    from oncall_desktop import child_command

    program, *arguments = child_command("--drill")
    if not QProcess.startDetached(program, arguments):
        log.warning("the drill console could not be started")


def build_shell(
    app: QApplication,
    settings: Settings,
    loaded_policy: LoadedPolicy,
    clock: Clock,
    problems: list[str | UserMessage],
    settings_store: SettingsStore,
    secrets: SecretStore | None = None,
) -> AppContext:
    """The window, the tray, the clocks and the PagerDuty poller: everything that needs no
    database, so that the window is up at once while the database opens in the background.
    (The app itself shows the window and tray between the two steps: see app/shell.py.)"""
    shell = open_shell(app, settings, problems)
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
        source_options(settings),
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
    ticker.ticked.connect(controller.on_tick)
    ticker.clock_jumped.connect(poller.on_clock_jumped)
    runner.failed.connect(lambda text: window.show_message("task", text, "error"))
    for i, problem in enumerate(problems):
        log.warning("startup problem: %s", problem)
        window.show_message(f"problem-{i}", shown(problem), "warning")

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
    from oncall_desktop.storage.outbox import OutboxRepository

    controller = context.controller

    def endpoints() -> Endpoints:
        settings = controller.settings
        return Endpoints(
            settings.slack_base_url, settings.slack_channel, settings.pagerduty_base_url
        )

    repository = OutboxRepository(database, console=context.console_id)
    outbox = OutboxService(
        repository,
        Courier(context.secrets, endpoints).deliver,
        context.runner,
        context.clock,
        actor=controller.actor,
        parent=context.root,
    )
    context.ticker.clock_jumped.connect(outbox.on_clock_jumped)
    return outbox


def build_postmortems(context: AppContext, database: Database) -> PostmortemController:
    from oncall_desktop.app.paths import AppPaths
    from oncall_desktop.app.postmortems import PostmortemController
    from oncall_desktop.services.postmortems import LocalDrafts, PostmortemService
    from oncall_desktop.storage.postmortems import PostmortemRepository
    from oncall_desktop.storage.repositories import IncidentRepository

    drafts_dir = context.drafts_dir or AppPaths.from_environment().data_dir / "drafts"
    controller = context.controller
    service = PostmortemService(
        PostmortemRepository(database),
        IncidentRepository(database),
        context.runner,
        context.clock,
        context.loaded_policy.policy,
        LocalDrafts(drafts_dir, database.key),
        language=lambda: controller.language,
        zone=lambda: controller.zone,
        parent=context.root,
    )
    return PostmortemController(controller, service)


def build_history(context: AppContext, database: Database) -> HistoryController:
    from oncall_desktop.app.history import HistoryController
    from oncall_desktop.services.history import HistoryService
    from oncall_desktop.storage.kpis import HistoryQueries, KpiQueries

    service = HistoryService(
        HistoryQueries(database),
        KpiQueries(database),
        context.runner,
        context.clock,
        context.loaded_policy.policy,
        parent=context.root,
    )
    return HistoryController(context.controller, service)


def build_handoffs(context: AppContext, database: Database) -> HandoffController:
    from oncall_desktop.app.handoffs import HandoffController
    from oncall_desktop.services.handoffs import HandoffService
    from oncall_desktop.storage.handoffs import HandoffRepository
    from oncall_desktop.storage.postmortems import PostmortemRepository
    from oncall_desktop.storage.repositories import IncidentRepository

    controller = context.controller
    service = HandoffService(
        HandoffRepository(database),
        IncidentRepository(database),
        PostmortemRepository(database),
        context.runner,
        context.clock,
        context.loaded_policy.policy,
        context.secrets,
        settings=lambda: controller.settings,
        zone=lambda: controller.zone,
        parent=context.root,
    )
    return HandoffController(controller, service)


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
            context.controller.use_notifier(
                FreedesktopNotifier("On-call Desktop", context.root), markup
            )
            log.info("desktop notifications with actions")

    context.runner.run(check, chosen, lambda error: log.info("no notifier: %s", error))

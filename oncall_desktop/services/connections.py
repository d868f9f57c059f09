"""Setting up the PagerDuty connection: keep the token in the keyring, test it, all off the GUI
thread (the keyring can wait on an unlock prompt, the network on anything)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date

from PySide6.QtCore import QObject, Signal, SignalInstance

from oncall_desktop.core.messages import QT_TR_NOOP, UserMessage
from oncall_desktop.integrations import alertmanager
from oncall_desktop.integrations.alertmanager import ALERTMANAGER_PASSWORD, ALERTMANAGER_TOKEN
from oncall_desktop.integrations.errors import IntegrationError
from oncall_desktop.integrations.mail_server import MailServer
from oncall_desktop.integrations.pagerduty import PagerDutyClient
from oncall_desktop.integrations.secrets import (
    DATABASE_PASSWORD,
    PAGERDUTY_TOKEN,
    SLACK_BOT_TOKEN,
    SLACK_WEBHOOK_URL,
    SecretStore,
    SecretStoreError,
)
from oncall_desktop.integrations.slack import SlackClient
from oncall_desktop.integrations.smtp_mail import SMTP_PASSWORD, check_account
from oncall_desktop.integrations.teams import TEAMS_WEBHOOK_URL, post_to_workflow

__all__ = [
    "ALERTMANAGER_PASSWORD",
    "ALERTMANAGER_TOKEN",
    "DATABASE_PASSWORD",
    "PAGERDUTY_TOKEN",
    "SLACK_BOT_TOKEN",
    "SLACK_WEBHOOK_URL",
    "SMTP_PASSWORD",
    "TEAMS_WEBHOOK_URL",
    "ConnectionsService",
    "MailServer",
]
from oncall_desktop.services.messages import shown
from oncall_desktop.services.tasks import TaskRunner


class ConnectionsService(QObject):
    """Signals:
    pagerduty_tested(bool, str): whether the token works, and a message for the user.
    slack_tested(bool, str): the same for the Slack bot token (auth.test).
    teams_tested(bool, str): whether the Teams workflow took a test message.
    smtp_tested(bool, str): whether the mail server took the account (no mail is sent).
    alertmanager_tested(bool, str): whether the Alertmanager answered, and what it has.
    status_pages_listed(object, str): the PagerDuty status pages [(id, name)], or a problem.
    database_tested(bool, str): whether the team database answered, and what it holds.
    token_presence(bool, str): whether a token is stored (and a message if that is unknown).
    """

    pagerduty_tested = Signal(bool, str)
    slack_tested = Signal(bool, str)
    teams_tested = Signal(bool, str)
    smtp_tested = Signal(bool, str)
    alertmanager_tested = Signal(bool, str)
    status_pages_listed = Signal(object, str)
    database_tested = Signal(bool, str)
    token_presence = Signal(bool, str)

    def __init__(
        self, secrets: SecretStore, runner: TaskRunner, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._secrets = secrets
        self._runner = runner

    def test_pagerduty(self, base_url: str, token: str | None = None) -> None:
        """Call GET /users/me with ``token``, or with the stored token when None."""

        def test() -> str:
            value = token or self._secrets.get(PAGERDUTY_TOKEN)
            if not value:
                raise IntegrationError(
                    QT_TR_NOOP("No token: paste your PagerDuty user API token first.")
                )
            me = PagerDutyClient(value, base_url).me()
            who = f"{me.name} <{me.email}>" if me.email else me.name or me.id
            return f"Connected to {base_url} as {who}."

        self._runner.run(
            test,
            lambda message: self.pagerduty_tested.emit(True, message),
            self._failed(self.pagerduty_tested),
        )

    def test_slack(self, base_url: str, token: str | None = None) -> None:
        def test() -> str:
            value = token or self._secrets.get(SLACK_BOT_TOKEN)
            if not value:
                raise IntegrationError(
                    QT_TR_NOOP("No token: paste the Slack bot token (xoxb-…) first.")
                )
            identity = SlackClient(value, base_url).auth_test()
            return f"Connected to Slack workspace {identity.team} as {identity.user}."

        self._runner.run(
            test,
            lambda message: self.slack_tested.emit(True, message),
            self._failed(self.slack_tested),
        )

    def test_teams(self, text: str, url: str | None = None) -> None:
        """Post ``text`` through the workflow (typed ``url``, or the stored one): a Workflows
        webhook has nothing to ask without posting, so the test is a visible message."""

        def test() -> UserMessage:
            value = url or self._secrets.get(TEAMS_WEBHOOK_URL)
            if not value:
                raise IntegrationError(QT_TR_NOOP("No URL: paste the Teams workflow URL first."))
            post_to_workflow(value, text)
            return QT_TR_NOOP("Teams took the test message; look for it in the channel.")

        self._runner.run(
            test,
            lambda message: self.teams_tested.emit(True, shown(message)),
            self._failed(self.teams_tested),
        )

    def test_smtp(self, server: MailServer, password: str | None = None) -> None:
        """Connect to the mail server, secure the connection and log in as the settings say
        (typed ``password``, or the stored one); no mail is sent."""

        def test() -> UserMessage:
            value = password or (self._secrets.get(SMTP_PASSWORD) if server.username else "")
            if server.username and not value:
                raise IntegrationError(QT_TR_NOOP("No password: type the mail account's first."))
            check_account(server, value or "", timeout=10.0)
            return QT_TR_NOOP("The mail server took the account; the summary can be sent.")

        self._runner.run(
            test,
            lambda message: self.smtp_tested.emit(True, shown(message)),
            self._failed(self.smtp_tested),
        )

    def test_alertmanager(
        self, options: Mapping[str, object], token: str | None, password: str | None
    ) -> None:
        """Ask the Alertmanager of these settings for its version and the alerts of their
        matchers, with the typed ``token``/``password``, or the stored ones when None."""

        def test() -> UserMessage:
            user = str(options.get("alertmanager_username") or "").strip()
            secret = password if password is not None else self._secrets.get(ALERTMANAGER_PASSWORD)
            bearer = token if token is not None else self._secrets.get(ALERTMANAGER_TOKEN)
            return alertmanager.check(options, None if user else bearer, secret if user else None)

        self._runner.run(
            test,
            lambda message: self.alertmanager_tested.emit(True, shown(message)),
            self._failed(self.alertmanager_tested),
        )

    def test_database(self, url: str, password: str | None) -> None:
        """Connect to the team database at ``url`` (PostgreSQL) with the typed ``password``, or
        the stored one when None; read only. The driver and SQLAlchemy load on the worker."""

        def test() -> UserMessage:
            from oncall_desktop.storage.db import check_server

            secret = password if password is not None else self._secrets.get(DATABASE_PASSWORD)
            return check_server(url, secret or None)

        def failed(error: Exception) -> None:
            from oncall_desktop.storage.errors import StorageUnavailable

            if not isinstance(error, StorageUnavailable | SecretStoreError):
                raise error
            self.database_tested.emit(False, shown(error))

        self._runner.run(
            test, lambda message: self.database_tested.emit(True, shown(message)), failed
        )

    def create_incident_channel(
        self,
        base_url: str,
        day: date,
        done: Callable[[str], None],
        failed: Callable[[str], None],
    ) -> None:
        """SOP 1.4: #incident-YYYY-MM-DD-NNN (the next free NNN), made with the bot token on a
        worker; ``done`` gets the channel's id, ``failed`` a message for the user."""

        def create() -> str:
            token = self._secrets.get(SLACK_BOT_TOKEN)
            if not token:
                raise IntegrationError(QT_TR_NOOP("No Slack bot token: add it in Settings first."))
            return SlackClient(token, base_url).create_incident_channel(day)

        def refused(error: Exception) -> None:
            if not isinstance(error, IntegrationError | SecretStoreError):
                raise error
            failed(shown(error))

        self._runner.run(create, done, refused, write=False)

    def list_status_pages(self, base_url: str, token: str | None = None) -> None:
        """The account's status pages, for Settings to choose where the external audience's
        updates go."""

        def listing() -> list[tuple[str, str]]:
            from oncall_desktop.integrations.statuspage import StatusPageClient

            value = token or self._secrets.get(PAGERDUTY_TOKEN)
            if not value:
                raise IntegrationError(
                    QT_TR_NOOP("No token: paste your PagerDuty user API token first.")
                )
            return [(p.id, p.name) for p in StatusPageClient(value, base_url).status_pages()]

        def failed(error: Exception) -> None:
            if not isinstance(error, IntegrationError | SecretStoreError | ValueError):
                raise error
            self.status_pages_listed.emit([], shown(error))

        self._runner.run(listing, lambda pages: self.status_pages_listed.emit(pages, ""), failed)

    def check_pagerduty_token(self) -> None:
        self._runner.run(
            lambda: bool(self._secrets.get(PAGERDUTY_TOKEN)),
            lambda present: self.token_presence.emit(present, ""),
            lambda error: self.token_presence.emit(False, shown(error)),
        )

    @staticmethod
    def _failed(signal: SignalInstance) -> Callable[[Exception], None]:
        def emit(error: Exception) -> None:
            if not isinstance(error, IntegrationError | SecretStoreError | ValueError):
                raise error
            signal.emit(False, shown(error))

        return emit

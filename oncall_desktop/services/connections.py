"""Setting up the integrations: each one's connection test, as its module declared it
(integrations/declarations), the team database's, and PagerDuty's status pages; all off the GUI
thread (the keyring can wait on an unlock prompt, the network on anything). The declarations
are re-exported here for the UI, which does not import integrations/."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date

from PySide6.QtCore import QObject, Signal

from oncall_desktop.core.messages import QT_TR_NOOP, UserMessage
from oncall_desktop.integrations.alertmanager import ALERTMANAGER_PASSWORD, ALERTMANAGER_TOKEN
from oncall_desktop.integrations.declarations import (
    ConnectionCheck,
    Field,
    Integration,
    integration,
    integrations,
)
from oncall_desktop.integrations.errors import IntegrationError
from oncall_desktop.integrations.mail_server import MailServer
from oncall_desktop.integrations.secrets import (
    DATABASE_PASSWORD,
    PAGERDUTY_TOKEN,
    SLACK_BOT_TOKEN,
    SLACK_WEBHOOK_URL,
    SecretStore,
    SecretStoreError,
)
from oncall_desktop.integrations.slack import SlackClient
from oncall_desktop.integrations.smtp_mail import SMTP_PASSWORD
from oncall_desktop.integrations.teams import TEAMS_WEBHOOK_URL

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
    "Field",
    "Integration",
    "MailServer",
    "integration",
    "integrations",
]
from oncall_desktop.services.messages import shown
from oncall_desktop.services.tasks import TaskRunner


class ConnectionsService(QObject):
    """Signals:
    tested(str, bool, str): an integration's connection test (its id), whether it passed, and
        what to tell the user.
    status_pages_listed(object, str): the PagerDuty status pages [(id, name)], or a problem.
    database_tested(bool, str): whether the team database answered, and what it holds.
    token_presence(bool, str): whether a token is stored (and a message if that is unknown).
    """

    tested = Signal(str, bool, str)
    status_pages_listed = Signal(object, str)
    database_tested = Signal(bool, str)
    token_presence = Signal(bool, str)

    def __init__(
        self, secrets: SecretStore, runner: TaskRunner, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._secrets = secrets
        self._runner = runner

    def test(
        self, integration_id: str, options: Mapping[str, object], typed: Mapping[str, str]
    ) -> None:
        """Run the connection test ``integration_id`` declared (integrations/declarations), on
        the settings its section holds now (``options``, not saved yet) and the secrets typed
        there (by keyring name; the stored ones for the others); ``tested`` says how it went."""
        found = integration(integration_id)
        if found is None or found.test is None:
            return
        test = found.test
        check = ConnectionCheck(dict(options), dict(typed), self._secrets, shown)

        def failed(error: Exception) -> None:
            if not isinstance(error, IntegrationError | SecretStoreError | ValueError):
                raise error
            self.tested.emit(integration_id, False, shown(error))

        self._runner.run(
            lambda: test(check),
            lambda message: self.tested.emit(integration_id, True, shown(message)),
            failed,
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

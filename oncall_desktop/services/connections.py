"""Setting up the integrations: each one's connection test, the choices its settings read
from the service, the channel it opens for an incident, as its module declared them
(integrations/declarations), and the team database's test; all off the GUI thread (the keyring
can wait on an unlock prompt, the network on anything). No integration is named here. The
declarations are re-exported for the UI, which does not import integrations/."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date

from PySide6.QtCore import QObject, Signal

from oncall_desktop.core.messages import QT_TR_NOOP, UserMessage
from oncall_desktop.integrations.declarations import (
    ConnectionCheck,
    Field,
    Integration,
    integration,
    integrations,
    opening_incident_channels,
)
from oncall_desktop.integrations.errors import IntegrationError
from oncall_desktop.integrations.secrets import DATABASE_PASSWORD, SecretStore, SecretStoreError
from oncall_desktop.services.messages import said, shown
from oncall_desktop.services.tasks import TaskRunner

__all__ = [
    "DATABASE_PASSWORD",
    "ConnectionsService",
    "Field",
    "Integration",
    "integration",
    "integrations",
    "secret_name",
]


def secret_name(integration_id: str, field_name: str) -> str:
    """The keyring entry of the secret field ``field_name`` that ``integration_id`` declared."""
    found = integration(integration_id)
    if found is None:
        raise KeyError(integration_id)
    return found.field(field_name).key


class ConnectionsService(QObject):
    """Signals:
    tested(str, bool, str): an integration's connection test (its id), whether it passed, and
        what to tell the user.
    listed(str, str, object, str): an integration's id, the name of the list it declared, the
        choices read [(value, label)] (empty on a problem), and the problem ("" for none).
    database_tested(bool, str): whether the team database answered, and what it holds.
    stored(str, bool, str): an integration's id, whether one of its secrets is stored in the
        keyring, and a message if that is unknown.
    """

    tested = Signal(str, bool, str)
    listed = Signal(str, str, object, str)
    database_tested = Signal(bool, str)
    stored = Signal(str, bool, str)

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

    def list_choices(
        self,
        integration_id: str,
        name: str,
        options: Mapping[str, object],
        typed: Mapping[str, str],
    ) -> None:
        """Read the choices the list ``name`` of ``integration_id`` declared (the status pages
        of the account), with the settings its section holds now and the secrets typed there;
        ``listed`` gives them, or the problem."""
        found = integration(integration_id)
        lister = found.lists.get(name) if found is not None else None
        if lister is None:
            return
        check = ConnectionCheck(dict(options), dict(typed), self._secrets, shown)

        def failed(error: Exception) -> None:
            if not isinstance(error, IntegrationError | SecretStoreError | ValueError):
                raise error
            self.listed.emit(integration_id, name, [], shown(error))

        self._runner.run(
            lambda: lister(check),
            lambda choices: self.listed.emit(integration_id, name, choices, ""),
            failed,
        )

    def check_stored(self, integration_id: str) -> None:
        """Whether one of the secrets ``integration_id`` declared is in the keyring:
        ``stored`` says."""
        found = integration(integration_id)
        names = found.secrets if found is not None else ()
        self._runner.run(
            lambda: any(self._secrets.get(name) for name in names),
            lambda present: self.stored.emit(integration_id, present, ""),
            lambda error: self.stored.emit(integration_id, False, shown(error)),
        )

    def create_incident_channel(
        self,
        options: Mapping[str, object],
        day: date,
        done: Callable[[str], None],
        failed: Callable[[UserMessage | str], None],
    ) -> None:
        """SOP 1.4: the incident's own channel, opened by the integration that declares it
        (with ``options``, the settings in force) on a worker; ``done`` gets the channel's id,
        ``failed`` a message for the user (said again in a new language)."""
        opener = opening_incident_channels()
        if opener is None or opener.opens_incident_channel is None:
            failed(QT_TR_NOOP("No integration here opens a channel for an incident."))
            return
        opening = opener.opens_incident_channel
        check = ConnectionCheck(dict(options), {}, self._secrets, shown)

        def refused(error: Exception) -> None:
            if not isinstance(error, IntegrationError | SecretStoreError):
                raise error
            failed(said(error))

        self._runner.run(lambda: opening(check, day), done, refused, write=False)

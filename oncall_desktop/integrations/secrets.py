"""API tokens live in the OS keyring, and only there.

:class:`KeyringSecretStore` refuses backends that would write tokens in plain text
(keyrings.alt's file backends, or a chain that falls back to one), and never waits forever: a
locked keyring can open an unlock prompt that nobody sees, so every call has a time limit.
Call it from a worker thread, never the GUI thread.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from typing import Any, Protocol

from oncall_desktop.core.messages import QT_TR_NOOP, UserMessage
from oncall_desktop.core.redact import register_secret

log = logging.getLogger(__name__)

SERVICE = "oncall-desktop"

# The names under which tokens are stored (the keyring "username" field).
PAGERDUTY_TOKEN = "pagerduty-user-token"
SLACK_BOT_TOKEN = "slack-bot-token"
SLACK_WEBHOOK_URL = "slack-webhook-url"
# the team database's (PostgreSQL) password: the address is a setting, the password is not
DATABASE_PASSWORD = "team-database-password"


class SecretStoreError(Exception):
    """The keyring cannot be used; ``str(error)`` is a message for the user (in English;
    ``error.message`` is the same, translatable: see core/messages.py)."""

    def __init__(self, message: str | UserMessage) -> None:
        super().__init__(str(message))
        self.message = message


class NoKeyring(SecretStoreError):
    pass


class KeyringLocked(SecretStoreError):
    pass


class InsecureKeyring(SecretStoreError):
    pass


@dataclass(frozen=True)
class KeyringStatus:
    usable: bool
    backend: str
    message: str | UserMessage


class SecretStore(Protocol):
    def get(self, name: str) -> str | None: ...
    def set(self, name: str, value: str) -> None: ...
    def delete(self, name: str) -> None: ...
    def status(self) -> KeyringStatus: ...


class InMemorySecretStore:
    """For tests and the drill mode: secrets in this process only."""

    def __init__(self) -> None:
        self._values: dict[str, str] = {}

    def get(self, name: str) -> str | None:
        return self._values.get(name)

    def set(self, name: str, value: str) -> None:
        self._values[name] = value

    def delete(self, name: str) -> None:
        self._values.pop(name, None)

    def status(self) -> KeyringStatus:
        return KeyringStatus(True, "in-memory", QT_TR_NOOP("Secrets are kept in memory only."))


# Backends that store nothing (fail, null) or store it unencrypted in a file (keyrings.alt).
_NOTHING_STORED = ("keyring.backends.fail.", "keyring.backends.null.")
_UNENCRYPTED = ("keyrings.alt.",)

NO_KEYRING_MESSAGE = QT_TR_NOOP(
    "No usable keyring was found (GNOME Keyring, KWallet, macOS Keychain or Windows "
    "Credential Locker). Tokens for PagerDuty and Slack cannot be stored, so those are off; "
    "everything else works.",
)
LOCKED_MESSAGE = QT_TR_NOOP(
    "The keyring is locked or did not answer. Unlock it (log in to your desktop session, or "
    "open your keyring manager) and try again. Nothing was lost.",
)


def _backend_name(backend: Any) -> str:
    cls = type(backend)
    return f"{cls.__module__}.{cls.__qualname__}"


def _secure(backend: Any) -> bool:
    name = _backend_name(backend)
    return not name.startswith(_NOTHING_STORED + _UNENCRYPTED) and not hasattr(backend, "backends")


def _secure_part(backend: Any) -> Any:
    """With keyrings.alt installed, keyring chains its plain-text file backends behind the
    real one: use the best secure backend of the chain (GNOME Keyring, KWallet…) instead of
    refusing them all. None when there is no chain or nothing secure in it."""
    members = list(getattr(backend, "backends", []) or [])
    secure = [b for b in members if _secure(b)]
    if not secure:
        return None
    return max(secure, key=lambda b: getattr(b, "priority", 0))


class KeyringSecretStore:
    TIMEOUT_SECONDS = 10.0

    def __init__(self, backend: Any = None, timeout: float | None = None) -> None:
        self._backend = backend
        self._timeout = self.TIMEOUT_SECONDS if timeout is None else timeout
        # A call that hangs keeps its (daemon) thread; later calls fail fast until it ends,
        # and it never holds up quitting the app.
        self._hung: threading.Thread | None = None

    def _keyring(self) -> Any:
        import keyring

        backend = self._backend or keyring.get_keyring()
        backend = _secure_part(backend) or backend
        name = _backend_name(backend)
        chain = [_backend_name(b) for b in getattr(backend, "backends", [])]
        if name.startswith(_NOTHING_STORED):
            raise NoKeyring(NO_KEYRING_MESSAGE)
        if any(n.startswith(_UNENCRYPTED) for n in [name, *chain]):
            raise InsecureKeyring(
                QT_TR_NOOP(
                    "The keyring backend {backend} would store tokens unencrypted in a file; "
                    "the app refuses it. Remove keyrings.alt or set PYTHON_KEYRING_BACKEND to "
                    "a secure backend.",
                ).format(backend=_backend_name(backend))
            )
        return backend

    def _call(self, operation: str, *args: str) -> Any:
        import keyring.errors

        if self._hung is not None and self._hung.is_alive():
            raise KeyringLocked(LOCKED_MESSAGE)
        outcome: dict[str, Any] = {}

        def run() -> None:
            try:
                outcome["value"] = getattr(self._keyring(), operation)(SERVICE, *args)
            except BaseException as error:  # noqa: BLE001 - re-raised in the caller's thread
                outcome["error"] = error

        thread = threading.Thread(target=run, name=f"keyring-{operation}", daemon=True)
        thread.start()
        thread.join(self._timeout)
        if thread.is_alive():
            self._hung = thread
            log.warning("keyring %s did not answer within %.0f s", operation, self._timeout)
            raise KeyringLocked(LOCKED_MESSAGE)
        try:
            if "error" in outcome:
                raise outcome["error"]
            return outcome.get("value")
        except SecretStoreError:
            raise
        except keyring.errors.NoKeyringError:
            raise NoKeyring(NO_KEYRING_MESSAGE) from None
        except keyring.errors.PasswordDeleteError:
            return None
        except keyring.errors.KeyringLocked:
            raise KeyringLocked(LOCKED_MESSAGE) from None
        except (keyring.errors.KeyringError, RuntimeError, OSError) as error:
            # InitError "Prompt dismissed", D-Bus errors, a backend's own failures
            log.warning("keyring %s failed: %s", operation, type(error).__name__)
            if "prompt" in str(error).lower() or "lock" in str(error).lower():
                raise KeyringLocked(LOCKED_MESSAGE) from None
            raise SecretStoreError(
                QT_TR_NOOP("The keyring refused the request ({reason}).").format(reason=error)
            ) from None

    def get(self, name: str) -> str | None:
        value: str | None = self._call("get_password", name)
        if value:
            register_secret(value)
        return value

    def set(self, name: str, value: str) -> None:
        register_secret(value)
        self._call("set_password", name, value)

    def delete(self, name: str) -> None:
        self._call("delete_password", name)

    def status(self) -> KeyringStatus:
        """Checks that the keyring is there, secure and answering (by reading a name)."""
        try:
            backend = self._call_backend_name()
            self._call("get_password", "connection-check")
        except SecretStoreError as error:
            return KeyringStatus(False, "", error.message)
        return KeyringStatus(
            True,
            backend,
            QT_TR_NOOP("Tokens are stored in {backend}.").format(backend=backend),
        )

    def _call_backend_name(self) -> str:
        import keyring.errors

        try:
            return _backend_name(self._keyring())
        except keyring.errors.NoKeyringError:
            raise NoKeyring(NO_KEYRING_MESSAGE) from None

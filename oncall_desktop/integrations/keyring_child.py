"""The OS keyring, asked through a short-lived child process.

keyring's Secret Service backend brings secretstorage, cryptography and their D-Bus session
(about 10 MiB that a process never gives back); the console, which idles in the tray for days,
needs a token a few times at most. So the console asks a child (``oncall-desktop
--keyring-helper``, one JSON request on stdin, one JSON answer on stdout) and keeps what it
read in memory. A child that hangs on an unlock prompt nobody sees is killed at the time limit,
which is cleaner than the abandoned thread it replaces.

Secrets travel only through the pipes between the two processes: never a file, an argument
(visible to ``ps``) or a log line.
"""

from __future__ import annotations

import json
import subprocess
import threading
import time
from typing import IO, Any

from oncall_desktop import child_command
from oncall_desktop.core.messages import QT_TR_NOOP, message_from_json, message_to_json
from oncall_desktop.core.redact import register_secret
from oncall_desktop.integrations.secrets import (
    LOCKED_MESSAGE,
    InsecureKeyring,
    KeyringLocked,
    KeyringSecretStore,
    KeyringStatus,
    NoKeyring,
    SecretStoreError,
)

ERRORS: dict[str, type[SecretStoreError]] = {
    "NoKeyring": NoKeyring,
    "KeyringLocked": KeyringLocked,
    "InsecureKeyring": InsecureKeyring,
    "SecretStoreError": SecretStoreError,
}
# What was read stays this long: a token changed by another program is seen within it.
CACHE_SECONDS = 600.0


NOT_UNDERSTOOD = QT_TR_NOOP("The keyring helper gave an answer that was not understood.")


def serve_one_request(stdin: IO[str], stdout: IO[str], store: Any = None) -> int:
    """The child's side: one request, one answer. The keyring's own time limit applies."""
    store = store or KeyringSecretStore()
    try:
        request = json.loads(stdin.readline() or "{}")
        operation, name = request.get("op"), str(request.get("name", ""))
        if operation == "get":
            answer: dict[str, Any] = {"ok": True, "value": store.get(name)}
        elif operation == "set":
            store.set(name, str(request.get("value", "")))
            answer = {"ok": True}
        elif operation == "delete":
            store.delete(name)
            answer = {"ok": True}
        elif operation == "status":
            status = store.status()
            answer = {
                "ok": True,
                "usable": status.usable,
                "backend": status.backend,
                "message": message_to_json(status.message),
            }
        else:
            answer = {"ok": False, "kind": "SecretStoreError", "message": message_to_json("?")}
    except SecretStoreError as error:
        answer = {
            "ok": False,
            "kind": type(error).__name__,
            "message": message_to_json(error.message),
        }
    except ValueError:
        answer = {
            "ok": False,
            "kind": "SecretStoreError",
            "message": message_to_json("bad request"),
        }
    stdout.write(json.dumps(answer) + "\n")
    stdout.flush()
    return 0


class KeyringInChild:
    """A :class:`SecretStore` whose keyring lives in a child process. Blocking: call it from a
    worker thread, never the GUI thread."""

    TIMEOUT_SECONDS = 15.0  # the child's own keyring time limit is 10 s

    def __init__(self, command: list[str] | None = None, timeout: float | None = None) -> None:
        self._command = command or child_command("--keyring-helper")
        self._timeout = self.TIMEOUT_SECONDS if timeout is None else timeout
        self._cache: dict[str, tuple[str | None, float]] = {}
        self._lock = threading.Lock()

    def _ask(self, request: dict[str, Any]) -> dict[str, Any]:
        try:
            done = subprocess.run(
                self._command,
                input=json.dumps(request) + "\n",
                capture_output=True,
                text=True,
                timeout=self._timeout,
            )
        except subprocess.TimeoutExpired:
            raise KeyringLocked(LOCKED_MESSAGE) from None  # the child is killed
        except OSError as error:
            raise SecretStoreError(
                QT_TR_NOOP("The keyring helper could not start ({reason}).").format(
                    reason=error.strerror or error
                )
            ) from None
        lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
        try:
            answer = json.loads(lines[-1]) if lines else None
        except ValueError:
            answer = None
        if not isinstance(answer, dict):
            raise SecretStoreError(NOT_UNDERSTOOD)
        if not answer.get("ok"):
            error_type = ERRORS.get(str(answer.get("kind")), SecretStoreError)
            raise error_type(message_from_json(answer.get("message"), NOT_UNDERSTOOD))
        return answer

    def get(self, name: str) -> str | None:
        with self._lock:
            cached = self._cache.get(name)
        if cached is not None and time.monotonic() - cached[1] < CACHE_SECONDS:
            return cached[0]
        value = self._ask({"op": "get", "name": name}).get("value")
        value = value if isinstance(value, str) and value else None
        if value:
            register_secret(value)
        with self._lock:
            self._cache[name] = (value, time.monotonic())
        return value

    def set(self, name: str, value: str) -> None:
        register_secret(value)
        self._ask({"op": "set", "name": name, "value": value})
        with self._lock:
            self._cache[name] = (value, time.monotonic())

    def delete(self, name: str) -> None:
        self._ask({"op": "delete", "name": name})
        with self._lock:
            self._cache[name] = (None, time.monotonic())

    def status(self) -> KeyringStatus:
        try:
            answer = self._ask({"op": "status"})
        except SecretStoreError as error:
            return KeyringStatus(False, "", error.message)
        return KeyringStatus(
            bool(answer.get("usable")),
            str(answer.get("backend", "")),
            message_from_json(answer.get("message"), NOT_UNDERSTOOD),
        )

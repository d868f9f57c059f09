"""Migrations in a child process, so that the console never carries Alembic.

Alembic and Mako cost the process that imports them about 12 MiB that is never given back;
run in the console, a first start (or the first start after an upgrade) sat above the memory
target for as long as it ran. The console asks a short-lived child to migrate
(``oncall-desktop --migrate-database URL``) and opens the migrated database itself.

The child prints one JSON line: {"ok": true, "backup": path or null, "notice": message or
null} or {"ok": false, "message": message}; a message is {"template", "values"} so that the
console translates it like any other (core/messages.py).
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

from oncall_desktop import child_command
from oncall_desktop.core.messages import (
    QT_TR_NOOP,
    UserMessage,
    message_from_json,
    message_to_json,
)
from oncall_desktop.storage.errors import StorageUnavailable

MIGRATE_TIMEOUT_S = 600  # a large team database can take a while; nothing else waits on it


NOT_UNDERSTOOD = QT_TR_NOOP("The database could not be migrated.")


def run_in_this_process(url: str) -> int:
    """The child's side: migrate, print the outcome, exit 0 (done) or 1 (refused)."""
    from oncall_desktop.storage.db import open_database

    try:
        database = open_database(url)
    except StorageUnavailable as error:
        print(json.dumps({"ok": False, "message": message_to_json(error.message)}))
        return 1
    backup, notice = database.backup_path, database.notice
    database.close()
    print(
        json.dumps(
            {
                "ok": True,
                "backup": str(backup) if backup else None,
                "notice": message_to_json(notice) if notice else None,
            }
        )
    )
    return 0


def _password_apart(url: str) -> tuple[str, dict[str, str] | None]:
    """A command line is readable by every user of the machine: a database password goes to
    the child in its environment (PGPASSWORD, which libpq reads), never in its arguments."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        parsed = make_url(url)
    except ArgumentError:
        return url, None  # the child says what is wrong with it
    if not parsed.password:
        return url, None
    bare = parsed._replace(password=None).render_as_string(hide_password=False)
    return bare, {**os.environ, "PGPASSWORD": str(parsed.password)}


def migrate_in_child(url: str) -> tuple[Path | None, UserMessage | None]:
    """The console's side: (the backup made, a notice for the user). Blocking: call it on a
    worker.

    Raises:
        StorageUnavailable: the child refused (its message) or could not run.
    """
    shown_url, environment = _password_apart(url)
    try:
        done = subprocess.run(
            child_command("--migrate-database", shown_url),
            capture_output=True,
            text=True,
            timeout=MIGRATE_TIMEOUT_S,
            stdin=subprocess.DEVNULL,
            env=environment,
        )
    except (OSError, subprocess.TimeoutExpired) as error:
        raise StorageUnavailable(
            QT_TR_NOOP("The database could not be migrated ({reason}).").format(
                reason=type(error).__name__
            )
        ) from None
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    try:
        outcome = json.loads(lines[-1]) if lines else {}
    except ValueError:
        outcome = {}
    if not isinstance(outcome, dict) or "ok" not in outcome:
        raise StorageUnavailable(
            QT_TR_NOOP("The database could not be migrated ({reason}).").format(
                reason=(done.stderr.strip().splitlines() or [f"exit {done.returncode}"])[-1][:200]
            )
        )
    if not outcome["ok"]:
        raise StorageUnavailable(message_from_json(outcome.get("message"), NOT_UNDERSTOOD))
    backup = Path(outcome["backup"]) if outcome.get("backup") else None
    notice = message_from_json(outcome["notice"], NOT_UNDERSTOOD) if outcome.get("notice") else None
    return backup, notice

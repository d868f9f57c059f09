"""Team mode, live: every committed change is announced on PostgreSQL (NOTIFY) and every
other console listening hears it within the second.

``announce`` runs inside the writing transaction: PostgreSQL delivers the notification only
if, and when, the transaction commits, so no console hears of a change that did not happen.
The payload is "<what>:<id>:<origin>"; ``origin`` names the console's database handle, so a
console does not reload what it just wrote itself. SQLite has no such channel: one console
per file (README, "Team mode").

``ChangeListener`` is blocking (a worker thread runs it): one psycopg connection that LISTENs,
given up and made again with backoff when the server goes away; it says when it is connected
again, so the console reloads what changed meanwhile.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import text

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from oncall_desktop.storage.db import Database

log = logging.getLogger(__name__)

CHANNEL = "oncall_changes"
BACKOFF_START_S, BACKOFF_CAP_S = 0.5, 10.0


@dataclass(frozen=True)
class Change:
    what: str  # "incident"
    id: int
    origin: str

    @classmethod
    def parse(cls, payload: str) -> Change | None:
        what, _, rest = payload.partition(":")
        number, _, origin = rest.partition(":")
        return cls(what, int(number), origin) if number.isdigit() and what else None


def announce(session: Session, database: Database, what: str, ident: int) -> None:
    """Tell the other consoles, when this transaction commits, that ``what`` ``ident``
    changed. Nothing on SQLite."""
    if database.is_sqlite:
        return
    session.execute(
        text("SELECT pg_notify(:channel, :payload)"),
        {"channel": CHANNEL, "payload": f"{what}:{ident}:{database.origin}"},
    )


class ChangeListener:
    """LISTENs on one connection of its own; ``run`` returns when ``stop`` is set."""

    def __init__(self, conninfo: str, origin: str) -> None:
        self._conninfo = conninfo
        self._origin = origin
        self.connection_pid: int | None = None  # the server process serving us (tests)

    def run(
        self,
        deliver: Callable[[Change], None],
        connected: Callable[[bool], None],
        stop: threading.Event,
    ) -> None:
        import psycopg

        delay, was_connected = BACKOFF_START_S, None
        while not stop.is_set():
            try:
                with psycopg.connect(self._conninfo, autocommit=True, connect_timeout=5) as conn:
                    conn.execute(f"LISTEN {CHANNEL}")
                    self.connection_pid = conn.info.backend_pid
                    delay = BACKOFF_START_S
                    if was_connected is not True:
                        was_connected = True
                        connected(True)
                    while not stop.is_set():
                        for notify in conn.notifies(timeout=0.5):
                            change = Change.parse(notify.payload)
                            if change is not None and change.origin != self._origin:
                                deliver(change)
            except (psycopg.Error, OSError) as error:  # the server, or the network, went away
                log.warning(
                    "change feed: %s; listening again in %.1f s", type(error).__name__, delay
                )
                if was_connected is not False:
                    was_connected = False
                    connected(False)
                stop.wait(delay)
                delay = min(BACKOFF_CAP_S, delay * 2)

"""Team mode, live: every committed change is announced on PostgreSQL (NOTIFY) and every
other console listening hears it within the second.

``announce`` runs inside the writing transaction: PostgreSQL delivers the notification only
if, and when, the transaction commits, so no console hears of a change that did not happen.
The payload is "<what>:<id>:<origin>[:<version>:<delta>]"; ``origin`` names the console's
database handle, so a console does not reload what it just wrote itself. An incident's change
carries the incident's new version and, when the payload stays under PostgreSQL's 8000 bytes,
what the change made (storage/deltas.py): the others apply it without reading the database
(storage/mirror.py); a console that is not on the version before reads only what is newer.
SQLite has no such channel: one console per file (README, "Team mode").

``ChangeListener`` is blocking (a worker thread runs it): one psycopg connection that LISTENs,
given up and made again with backoff when the server goes away (each wait lengthened by a
random share of ``RECONNECT_SPREAD_S``: after a restart a war room's consoles come back spread
over it, not all in one instant, tests/benchmarks/bench_warroom_restart.py); it says when it
is connected again, so the console reloads what changed meanwhile. What a console reads
because of a colleague's news (an incident's newer rows, who is where) it reads on that same
connection, between notifications (``answers``): a war room's every console reading at once
opens no connection for it (issue 27).
"""

from __future__ import annotations

import logging
import random
import threading
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from sqlalchemy import text

from oncall_desktop.storage.deltas import IncidentDelta
from oncall_desktop.storage.pool import application_name

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from oncall_desktop.storage.db import Database

log = logging.getLogger(__name__)

CHANNEL = "oncall_changes"
BACKOFF_START_S, BACKOFF_CAP_S = 0.5, 10.0
RECONNECT_SPREAD_S = 2.0  # added to each wait, drawn between 0 and it
# PostgreSQL refuses a NOTIFY payload of 8000 bytes or more (its default build): a change
# whose delta would not fit is announced with its version only
PAYLOAD_LIMIT = 7999


@dataclass(frozen=True)
class Change:
    """``version``: the incident's version after the change (None: an announcement without
    one). ``delta``: what the change made, when it travelled with the announcement."""

    what: str  # "incident", "presence"
    id: int
    origin: str
    version: int | None = None
    delta: IncidentDelta | None = None
    answer: object = None  # what the listener read for it (ChangeListener.answers), or its error

    @classmethod
    def parse(cls, payload: str) -> Change | None:
        what, _, rest = payload.partition(":")
        number, _, rest = rest.partition(":")
        origin, _, rest = rest.partition(":")
        if not number.isdigit() or not what:
            return None
        version, _, body = rest.partition(":")
        delta = IncidentDelta.decode(body) if body else None
        if delta is not None and (
            delta.incident_id != int(number) or str(delta.version) != version
        ):
            delta = None  # not what the announcement says: read rather than trust it
        return cls(what, int(number), origin, int(version) if version.isdigit() else None, delta)


def announce(
    session: Session,
    database: Database,
    what: str,
    ident: int,
    version: int | None = None,
    delta: IncidentDelta | None = None,
) -> None:
    """Tell the other consoles, when this transaction commits, that ``what`` ``ident``
    changed (to ``version``, by ``delta`` if it fits). Nothing on SQLite."""
    if database.is_sqlite:
        return
    payload = f"{what}:{ident}:{database.origin}"
    if version is not None:
        payload += f":{version}"
        if delta is not None:
            with_delta = f"{payload}:{delta.encode()}"
            if len(with_delta.encode()) <= PAYLOAD_LIMIT:
                payload = with_delta
    session.execute(
        text("SELECT pg_notify(:channel, :payload)"), {"channel": CHANNEL, "payload": payload}
    )


# What to read when a colleague's news comes, on the listener's connection: (the news, a
# Database over that connection) -> what was read.
Answer = Callable[[Change, "Database"], object]


class ChangeListener:
    """LISTENs on one connection of its own; ``run`` returns when ``stop`` is set.
    ``answers``: for a kind of news ("incident", "presence"), what to read on that connection
    before delivering it (the result, or the error, as ``Change.answer``)."""

    def __init__(self, conninfo: str, origin: str) -> None:
        self._conninfo = conninfo
        self._origin = origin
        self.connection_pid: int | None = None  # the server process serving us (tests)
        self.answers: dict[str, Answer] = {}

    def _answered(self, change: Change, reader: Database) -> Change:
        answer = self.answers.get(change.what)
        if answer is None:
            return change
        try:
            return replace(change, answer=answer(change, reader))
        except Exception as error:  # noqa: BLE001 - the console reads it its usual way
            log.info("change feed: reading %s %s: %s", change.what, change.id, error)
            return replace(change, answer=error)

    def _reader(self, conn: Any) -> Database:
        """A Database over the listening connection (autocommit: reads only)."""
        from sqlalchemy import create_engine
        from sqlalchemy.engine import make_url
        from sqlalchemy.pool import StaticPool

        from oncall_desktop.storage.db import Database

        url = make_url(self._conninfo).set(drivername="postgresql+psycopg")
        return Database(create_engine(url, creator=lambda: conn, poolclass=StaticPool), url)

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
                with psycopg.connect(
                    self._conninfo,
                    autocommit=True,
                    connect_timeout=5,
                    application_name=application_name(self._origin),
                ) as conn:
                    conn.execute(f"LISTEN {CHANNEL}")
                    self.connection_pid = conn.info.backend_pid
                    delay = BACKOFF_START_S
                    if was_connected is not True:
                        was_connected = True
                        connected(True)
                    reader = self._reader(conn)
                    try:
                        while not stop.is_set():
                            # out of the generator before anything is read on the connection
                            # (news meanwhile waits in psycopg's backlog, in order)
                            for notify in list(conn.notifies(timeout=0.5, stop_after=1)):
                                change = Change.parse(notify.payload)
                                if change is not None and change.origin != self._origin:
                                    deliver(self._answered(change, reader))
                    finally:
                        reader.close()
            except (psycopg.Error, OSError) as error:  # the server, or the network, went away
                wait = delay + random.uniform(0, RECONNECT_SPREAD_S)
                log.warning(
                    "change feed: %s; listening again in %.1f s", type(error).__name__, wait
                )
                if was_connected is not False:
                    was_connected = False
                    connected(False)
                stop.wait(wait)
                delay = min(BACKOFF_CAP_S, delay * 2)

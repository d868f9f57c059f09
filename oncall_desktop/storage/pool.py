"""A team console's connections to PostgreSQL (issue 27; README, "Team mode"): one resident,
its change feed's LISTEN (storage/changes.py), and none at rest for its reads and writes.

A read or a write takes a connection and gives it back; the pool keeps it for a moment
(``LINGER_S``) so that a burst (a colleague's change read, the list after one's own change)
reuses it, then closes it: at rest a console holds its LISTEN connection alone. Up to three
are open together while its readers, writer and remote lane run at once; a fourth waits for
one of them (``pool_timeout``). Measured against closing each at once (NullPool) by
tests/benchmarks/bench_warroom.py (``--linger 0``).

Every connection says which console it serves (``application_name``: "oncall-desktop"
and the console's origin), so pg_stat_activity shows what each console holds.

A server that is full ("sorry, too many clients already": a war room reconnecting at once
after a restart) is waited for, up to ``FULL_WAIT_S`` at spread intervals, before a read or
write fails as it would on a server that does not answer; a server that does not answer is
not waited for (a change made then is refused at once: README, "Team mode"). Measured by
tests/benchmarks/bench_warroom_restart.py.
"""

from __future__ import annotations

import logging
import random
import threading
import time
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL
from sqlalchemy.pool import ConnectionPoolEntry, NullPool, QueuePool
from sqlalchemy.util import queue as sqla_queue

log = logging.getLogger(__name__)

# How long a connection given back stays open for the next read or write.
LINGER_S = 1.0
APPLICATION = "oncall-desktop"
# How long a read or write waits for a full server to take its connection.
FULL_WAIT_S = 5.0


def application_name(origin: str) -> str:
    return f"{APPLICATION} {origin}"


class LingeringPool(QueuePool):
    """A QueuePool whose connections close once none was given back for ``linger`` seconds
    (SQLAlchemy's own pools keep theirs until they are invalid or recycled)."""

    linger = LINGER_S

    def __init__(self, creator: Any, **kw: Any) -> None:
        super().__init__(creator, **kw)
        self._linger = self.linger
        self._lock = threading.Lock()
        self._reaper: threading.Timer | None = None
        self._returned_at = 0.0

    def _do_return_conn(self, record: ConnectionPoolEntry) -> None:
        super()._do_return_conn(record)
        with self._lock:
            self._returned_at = time.monotonic()
            if self._reaper is None:
                self._arm(self._linger)

    def _arm(self, delay: float) -> None:
        reaper = threading.Timer(delay, self._reap)
        reaper.daemon = True
        reaper.name = "pool-linger"
        self._reaper = reaper
        reaper.start()

    def _reap(self) -> None:
        with self._lock:
            idle = time.monotonic() - self._returned_at
            if idle < self._linger:  # given back again meanwhile: wait for its turn
                self._arm(self._linger - idle)
                return
            self._reaper = None
        self._close_idle()

    def _close_idle(self) -> None:
        while True:
            try:
                record = self._pool.get(False)
            except sqla_queue.Empty:
                return
            try:
                record.close()
            finally:
                self._dec_overflow()

    def dispose(self) -> None:
        with self._lock:
            if self._reaper is not None:
                self._reaper.cancel()
                self._reaper = None
        super().dispose()

    def recreate(self) -> LingeringPool:
        return self.__class__(
            self._creator,
            pool_size=self._pool.maxsize,
            max_overflow=self._max_overflow,
            pre_ping=self._pre_ping,
            timeout=self._timeout,
            recycle=self._recycle,
            echo=self.echo,
            logging_name=self._orig_logging_name,
            reset_on_return=self._reset_on_return,
            _dispatch=self.dispatch,
            dialect=self._dialect,
        )


def team_engine(url: URL, linger: float | None = None) -> Engine:
    """The engine of a console on PostgreSQL. ``linger`` 0: each connection closes as it is
    given back (NullPool)."""
    linger = LINGER_S if linger is None else linger
    options: dict[str, Any] = {"connect_args": {"connect_timeout": 5}}
    if linger <= 0:
        return create_engine(url, poolclass=NullPool, **options)
    pool: type[LingeringPool] = LingeringPool
    if linger != LingeringPool.linger:
        pool = type("LingeringPool", (LingeringPool,), {"linger": linger})
    engine = create_engine(
        url,
        poolclass=pool,
        pool_size=1,
        max_overflow=2,
        pool_timeout=30,
        pool_pre_ping=True,  # a server restarted while it lingered: a new one, no error
        **options,
    )
    event.listen(engine, "do_connect", _wait_while_full)
    return engine


def server_full(error: BaseException) -> bool:
    """The server refused a connection because it has no slot left (SQLSTATE 53300)."""
    message = str(error)
    return (
        getattr(error, "sqlstate", None) == "53300"
        or "too many clients" in message
        or "too many connections" in message  # for a role or a database (CONNECTION LIMIT)
        or "remaining connection slots are reserved" in message
    )


def _wait_while_full(dialect: Any, _record: Any, cargs: Any, cparams: dict[str, Any]) -> Any:
    """Connect; while the server is full, try again after a pause drawn at random (so that
    consoles refused together do not come back together), up to FULL_WAIT_S."""
    deadline, pause, said = time.monotonic() + FULL_WAIT_S, 0.05, False
    while True:
        try:
            return dialect.connect(*cargs, **cparams)
        except Exception as error:
            wait = random.uniform(pause, 2 * pause)
            if not server_full(error) or time.monotonic() + wait > deadline:
                raise
            if not said:
                log.info("team database full, waiting for a connection: %s", error)
                said = True
        time.sleep(wait)
        pause = min(0.5, pause * 2)


def name_connections(engine: Engine, origin: str) -> None:
    """Every new connection of ``engine`` says which console it serves."""

    def named(_dialect: Any, _record: Any, _cargs: Any, cparams: dict[str, Any]) -> None:
        cparams["application_name"] = application_name(origin)

    event.listen(engine, "do_connect", named, insert=True)  # before the connection is made

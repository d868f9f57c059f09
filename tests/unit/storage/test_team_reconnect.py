"""A war room after a PostgreSQL restart (issue 27): every console reconnects, reads everything
again and says where it is at once. A console's read on a full server waits for a connection
instead of failing (a reload refused then would leave the console behind, with nothing to read
it again), and consoles whose listening connections drop together do not come back in one
instant. Real PostgreSQL, real listeners; what was refused and when each console came back is
seen on the server (its limits, pg_stat_activity) and in the console's log."""

from __future__ import annotations

import logging
import threading
import time
import uuid
from datetime import UTC, datetime

import psycopg
import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from oncall_desktop.core.incident import Incident, Status
from oncall_desktop.core.policy import Severity
from oncall_desktop.storage.changes import ChangeListener
from oncall_desktop.storage.db import open_database
from oncall_desktop.storage.incidents import IncidentRepository
from oncall_desktop.storage.mirror import IncidentMirror
from oncall_desktop.storage.pool import application_name

pytestmark = [pytest.mark.postgres]


def until(condition, timeout=15.0, step=0.05):
    """Wait for a condition (polled), not for a time."""
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "condition not met in time"
        time.sleep(step)


class Listening:
    """A console's database and its change feed."""

    def __init__(self, url: str) -> None:
        self.database = open_database(url)
        self.connected: list[bool] = []
        self._stop = threading.Event()
        self.listener = ChangeListener(self.database.conninfo, self.database.origin)
        self._thread = threading.Thread(
            target=self.listener.run,
            args=(lambda _change: None, self.connected.append, self._stop),
            daemon=True,
        )
        self._thread.start()
        until(lambda: self.connected == [True])

    def close(self) -> None:
        self._stop.set()
        self._thread.join(5)
        self.database.close()


@pytest.fixture
def admin(postgres_server):
    engine = create_engine(postgres_server.admin_url, isolation_level="AUTOCOMMIT")
    yield engine
    engine.dispose()


@pytest.fixture
def limited(postgres_url, admin):
    """The team database through a role allowed two connections at once (a full server, for
    this console alone: the shared server's other tests are not crowded out)."""
    open_database(postgres_url).close()  # migrated by the owner
    role = f"oncall_full_{uuid.uuid4().hex[:8]}"
    name = make_url(postgres_url).database
    with admin.connect() as conn:
        conn.execute(text(f"CREATE ROLE {role} LOGIN PASSWORD 'full' CONNECTION LIMIT 2"))
    owner = create_engine(postgres_url, isolation_level="AUTOCOMMIT")
    with owner.connect() as conn:
        conn.execute(text(f"GRANT ALL ON ALL TABLES IN SCHEMA public TO {role}"))
        conn.execute(text(f"GRANT ALL ON ALL SEQUENCES IN SCHEMA public TO {role}"))
    owner.dispose()
    yield make_url(postgres_url).set(username=role, password="full").render_as_string(False)
    with admin.connect() as conn:
        conn.execute(
            text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = :r"),
            {"r": role},
        )
        conn.execute(text(f'REVOKE ALL ON DATABASE "{name}" FROM {role}'))
    owner = create_engine(postgres_url, isolation_level="AUTOCOMMIT")
    with owner.connect() as conn:
        conn.execute(text(f"DROP OWNED BY {role}"))
    owner.dispose()
    with admin.connect() as conn:
        conn.execute(text(f"DROP ROLE IF EXISTS {role}"))


def test_a_read_on_a_full_server_waits_for_a_connection_instead_of_failing(
    limited, postgres_url, admin, caplog
):
    writer = open_database(postgres_url)
    incident = IncidentRepository(writer, IncidentMirror()).save(
        Incident.declare(
            title="Payments down",
            severity=Severity.SEV1,
            at=datetime.now(UTC),
            actor="Ana",
            status=Status.INVESTIGATING,
        )
    )
    writer.close()
    ben = Listening(limited)  # one of the role's two connections: its LISTEN
    role = make_url(limited).username

    def held() -> int:
        with admin.connect() as conn:
            return conn.execute(
                text("SELECT count(*) FROM pg_stat_activity WHERE usename = :r"), {"r": role}
            ).scalar_one()

    until(lambda: held() == 1)  # at rest: what it read while opening, given back and closed
    other = psycopg.connect(  # the last one: taken by someone else, as a full server's are
        make_url(limited).set(drivername="postgresql").render_as_string(False)
    )
    listed: list[object] = []
    caplog.set_level(logging.INFO, logger="oncall_desktop.storage.pool")

    def reload() -> None:  # what a console does once its feed listens again
        try:
            listed.append(IncidentRepository(ben.database, IncidentMirror()).list_active())
        except Exception as error:  # noqa: BLE001 - the failure is what is asserted against
            listed.append(error)

    reader = threading.Thread(target=reload, daemon=True)
    reader.start()
    until(lambda: "waiting for a connection" in caplog.text or listed)
    assert not listed, f"the read did not wait for the full server: {listed}"
    other.close()  # a slot frees
    reader.join(15)
    assert listed and not isinstance(listed[0], Exception), listed
    assert [i.id for i in listed[0]] == [incident.id]  # type: ignore[attr-defined]
    ben.close()


def test_consoles_whose_listen_drops_at_once_do_not_all_come_back_in_one_instant(
    postgres_url, admin
):
    consoles = [Listening(postgres_url) for _ in range(8)]
    try:
        names = [application_name(c.database.origin) for c in consoles]
        old = {c.listener.connection_pid for c in consoles}
        with admin.connect() as conn:  # what a server restart does to every LISTEN at once
            conn.execute(
                text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE pid = ANY(:p)"),
                {"p": list(old)},
            )
        until(lambda: all(c.connected[-2:] == [False, True] for c in consoles), timeout=30)
        new = [c.listener.connection_pid for c in consoles]
        assert not old & set(new)
        with admin.connect() as conn:
            started = conn.execute(
                text(
                    "SELECT extract(epoch FROM max(backend_start) - min(backend_start))"
                    " FROM pg_stat_activity WHERE pid = ANY(:p) AND application_name = ANY(:n)"
                ),
                {"p": new, "n": names},
            ).scalar_one()
        # each wait is lengthened by a random share of 2 s (RECONNECT_SPREAD_S): eight
        # consoles all within 0.2 s of each other would be a chance of about 1 in 10^7
        assert float(started) > 0.2, f"the consoles came back within {float(started):.3f} s"
    finally:
        for console in consoles:
            console.close()

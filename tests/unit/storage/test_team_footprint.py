"""A war room on one PostgreSQL (issue 27): a console holds one server connection at rest (its
change feed's LISTEN), and a colleague's change reaches it with what the change made, so it
reads nothing (or, for a change too large to travel, only the rows newer than what it has).
Real PostgreSQL, real listeners; what a console reads is seen through SQLAlchemy's own cursor
events on its engine."""

from __future__ import annotations

import queue
import threading
import time
from datetime import UTC, datetime

import pytest
from sqlalchemy import create_engine, event, text

from oncall_desktop.core.incident import Incident, Status
from oncall_desktop.core.policy import Severity
from oncall_desktop.storage.changes import Change, ChangeListener
from oncall_desktop.storage.db import open_database
from oncall_desktop.storage.incidents import IncidentRepository
from oncall_desktop.storage.mirror import IncidentMirror
from oncall_desktop.storage.pool import LINGER_S, application_name

pytestmark = [pytest.mark.postgres]


def until(condition, timeout=10.0, step=0.05):
    """Wait for a condition (polled), not for a time."""
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "condition not met in time"
        time.sleep(step)


class Console:
    """One console's storage and change feed, without its windows."""

    def __init__(self, url: str) -> None:
        self.database = open_database(url)
        self.mirror = IncidentMirror()
        self.incidents = IncidentRepository(self.database, self.mirror)
        self.heard: queue.Queue[Change] = queue.Queue()
        self.listening = threading.Event()
        self._stop = threading.Event()
        self.listener = ChangeListener(self.database.conninfo, self.database.origin)
        self._thread = threading.Thread(
            target=self.listener.run,
            args=(self.heard.put, lambda ok: self.listening.set() if ok else None, self._stop),
            daemon=True,
        )
        self._thread.start()
        assert self.listening.wait(10)
        self.statements: list[str] = []
        event.listen(self.database.engine, "before_cursor_execute", self._seen)

    def _seen(self, _conn, _cursor, statement, *_args) -> None:
        self.statements.append(statement)

    def next_change(self) -> Change:
        change = self.heard.get(timeout=10)
        while change.what != "incident":
            change = self.heard.get(timeout=10)
        return change

    def close(self) -> None:
        self._stop.set()
        self._thread.join(5)
        self.database.close()


@pytest.fixture
def room(postgres_url):
    made: list[Console] = []

    def console() -> Console:
        made.append(Console(postgres_url))
        return made[-1]

    yield console
    for made_console in made:
        made_console.close()


@pytest.fixture
def admin(postgres_server):
    engine = create_engine(postgres_server.admin_url, isolation_level="AUTOCOMMIT")
    yield engine
    engine.dispose()


def held_by(admin, console: Console) -> int:
    with admin.connect() as conn:
        return conn.execute(
            text("SELECT count(*) FROM pg_stat_activity WHERE application_name = :name"),
            {"name": application_name(console.database.origin)},
        ).scalar_one()


def declare(repository: IncidentRepository, title: str = "Payments down") -> Incident:
    return repository.save(
        Incident.declare(
            title=title,
            severity=Severity.SEV1,
            at=datetime.now(UTC),
            actor="Ana",
            status=Status.INVESTIGATING,
        )
    )


def tick(step: str, who: str = "Ana"):
    return lambda incident: incident.tick_step(step, at=datetime.now(UTC), actor=who)


def test_a_console_at_rest_holds_one_server_connection_its_listen(room, admin):
    ana = room()
    incident = declare(ana.incidents)
    for step in ("1.1", "1.2", "1.3"):  # a burst of work: it keeps one for a moment
        ana.incidents.change(incident.id, tick(step))
    assert held_by(admin, ana) >= 1
    started = time.monotonic()
    until(lambda: held_by(admin, ana) == 1, timeout=LINGER_S + 5)
    assert time.monotonic() - started < LINGER_S + 2
    with admin.connect() as conn:  # the one left is the LISTEN
        pid = conn.execute(
            text("SELECT pid FROM pg_stat_activity WHERE application_name = :name"),
            {"name": application_name(ana.database.origin)},
        ).scalar_one()
    assert pid == ana.listener.connection_pid
    # and the next write takes one again, without an error
    assert ana.incidents.change(incident.id, tick("1.4")).steps["1.4"].done


def test_a_colleagues_change_arrives_whole_and_is_applied_without_reading(room):
    ana, ben = room(), room()
    incident = declare(ana.incidents)
    assert ben.mirror.heard(ben.next_change()) == ana.incidents.get(incident.id)  # declared
    ben.statements.clear()
    stored = ana.incidents.change(incident.id, tick("1.1"))
    change = ben.next_change()
    assert change.version == 2 and change.delta is not None
    assert ben.mirror.heard(change) == stored
    assert ben.statements == []  # Ben read nothing
    assert ben.mirror.applied == 2


def test_a_change_too_large_to_travel_is_read_from_the_newer_rows_only(room):
    ana, ben = room(), room()
    incident = declare(ana.incidents)
    for step in ("1.1", "1.2", "1.3"):  # a timeline Ben has
        ana.incidents.change(incident.id, tick(step))
    ben.incidents.get(incident.id)
    while not ben.heard.empty():
        ben.heard.get()
    long_note = "Logs from the payment gateway: " + "x" * 9000  # over NOTIFY's 8000 bytes
    stored = ana.incidents.change(
        incident.id, lambda i: i.add_note(long_note, at=datetime.now(UTC), actor="Ana")
    )
    change = ben.next_change()
    assert change.version == stored_version(ana, incident.id) and change.delta is None
    assert ben.mirror.heard(change) is None  # to be read
    rows: list[tuple[str, int]] = []
    event.listen(
        ben.database.engine,
        "after_cursor_execute",
        lambda _c, cursor, statement, *_: rows.append((statement, cursor.rowcount)),
    )
    assert ben.incidents.catch_up(incident.id) == stored
    events_read = [count for statement, count in rows if "FROM timeline_events" in statement]
    assert events_read == [1]  # the note alone, not the timeline before it
    assert not any("JOIN" in statement for statement, _ in rows)


def stored_version(console: Console, incident_id: int) -> int:
    with console.database.engine.connect() as conn:
        return conn.execute(
            text("SELECT version FROM incidents WHERE id = :id"), {"id": incident_id}
        ).scalar_one()


def test_a_console_that_missed_changes_reads_them_and_takes_none_back(room):
    """Ben missed version 2 (his listener was down): version 3 does not follow what he has,
    so he reads; a read that comes back after a newer change was applied takes nothing back."""
    ana, ben = room(), room()
    incident = declare(ana.incidents)
    ben.mirror.heard(ben.next_change())
    ana.incidents.change(incident.id, tick("1.1"))
    ben.next_change()  # missed: never given to Ben's mirror
    stored = ana.incidents.change(incident.id, tick("1.2"))
    change = ben.next_change()
    assert ben.mirror.heard(change) is None
    assert ben.incidents.catch_up(incident.id) == stored
    newer = ana.incidents.change(incident.id, tick("1.3"))
    assert ben.mirror.heard(ben.next_change()) == newer  # follows: applied
    assert ben.mirror.know(stored, 3) == newer  # a read of version 3 coming back late
    assert ben.mirror.current(incident.id) == newer == ben.incidents.get(incident.id)


def test_a_change_that_changes_nothing_is_not_announced(room):
    """A source's sync that finds the incident as it is (every console polls it) costs the
    others nothing."""
    ana, ben = room(), room()
    incident = declare(ana.incidents)
    ben.next_change()
    ana.incidents.change(incident.id, lambda i: None)
    stored = ana.incidents.change(incident.id, tick("1.1"))
    change = ben.next_change()
    assert change.version == 2
    assert ben.incidents.get(incident.id) == stored


def test_what_a_colleagues_change_makes_a_console_read_is_read_on_its_listen_connection(
    room, admin
):
    """A change too large to travel makes every console read at once: on the connection
    each already holds, so a war room's 50 consoles open none for it."""
    ana, ben = room(), room()

    def answer(change, database):
        return ben.mirror.heard(change) or IncidentRepository(database, ben.mirror).catch_up(
            change.id
        )

    ben.listener.answers["incident"] = answer
    incident = declare(ana.incidents)
    assert ben.next_change().answer == ana.incidents.get(incident.id)
    until(lambda: held_by(admin, ben) == 1, timeout=LINGER_S + 5)
    ben.statements.clear()
    stored = ana.incidents.change(
        incident.id, lambda i: i.add_note("y" * 9000, at=datetime.now(UTC), actor="Ana")
    )
    change = ben.next_change()
    assert change.delta is None and change.answer == stored
    assert ben.statements == []  # nothing through its pool
    assert held_by(admin, ben) == 1


def test_news_arriving_while_a_console_reads_on_its_listen_connection_is_not_lost(room):
    """While Ben's listening connection reads for one change, Ana's next change lands: it is
    delivered after, in order (psycopg keeps it while nothing listens)."""
    ana, ben = room(), room()
    incident = declare(ana.incidents)
    ben.next_change()
    landed = []

    def answer(change, database):
        if not landed:  # Ana's next change commits while Ben reads for this one
            landed.append(ana.incidents.change(incident.id, tick("1.2")))
        return IncidentRepository(database, ben.mirror).catch_up(change.id)

    ben.listener.answers["incident"] = answer
    ana.incidents.change(incident.id, tick("1.1"))
    first, second = ben.next_change(), ben.next_change()
    assert (first.version, second.version) == (2, 3)
    assert second.answer == landed[0] == ana.incidents.get(incident.id)


def test_a_consoles_own_change_and_its_list_after_read_only_the_rows_it_wrote(room):
    """The console that changes an incident reads it whole once, under its lock, to apply the
    change; then only what it wrote (not the whole timeline again), and its list after the
    change reads the ids and versions alone."""
    ana = room()
    incident = declare(ana.incidents)
    for step in ("1.1", "1.2", "1.3"):
        ana.incidents.change(incident.id, tick(step))
    assert [i.id for i in ana.incidents.list_active()] == [incident.id]
    rows: list[tuple[str, int]] = []

    def seen(_conn, cursor, statement, *_args):
        rows.append((statement, cursor.rowcount))

    event.listen(ana.database.engine, "after_cursor_execute", seen)
    stored = ana.incidents.change(incident.id, tick("1.4"))
    listed = ana.incidents.list_active()
    event.remove(ana.database.engine, "after_cursor_execute", seen)
    assert listed == [stored] == [IncidentRepository(ana.database).get(incident.id)]
    events_read = [
        n
        for statement, n in rows
        if statement.lstrip().startswith("SELECT") and "FROM timeline_events" in statement
    ]
    assert events_read == [4, 1]  # the change's own read under the lock, then the tick

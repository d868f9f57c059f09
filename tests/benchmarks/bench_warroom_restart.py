"""A war room through a PostgreSQL restart (issue 27): N consoles at rest, each a process with the
product's storage and change feed, then the server restarted (``pg_ctl restart -m fast``) and
every console reconnecting at once.

    python tests/benchmarks/bench_warroom_restart.py [--consoles 50] [--incidents 5] [--runs 1]
        [--no-spread]

Always on a throwaway server started here (it is restarted): default settings,
max_connections 100. Each console does what the app does (app/container.py,
services/incidents.py, services/presence.py): its feed LISTENs (storage/changes.py) and, each
time it is listening again after a loss, forgets what it knew and reads the open incidents
again (IncidentRepository.list_active, one thread) while its presence heartbeat runs (beat, then
who is where: another thread, as the app's reader and write lanes run at once); a colleague's
change heard is applied or read on the listening connection; a heartbeat every 10 s at a
random phase. A colleague's console (the writer) changes an incident as soon as the server
takes it after the restart, and once more 300 ms later. ``--no-spread``: every console listens
again 0.5 s after the loss and beats at once (storage/changes.py RECONNECT_SPREAD_S and
services/presence.py REJOIN_SPREAD_S at 0), as before issue 27's restart figures; a read or
write refused by the full server still waits for a slot (storage/pool.py).

Prints, from the restart's end (pg_ctl back, the server accepting): the time until every
console listens again, until every console has read the incidents again, until every
heartbeat after the reconnection landed; the peak of server connections (pg_stat_activity,
sampled every 20 ms); connections refused ("sorry, too many clients already", counted in the
server's log); the consoles' reloads or heartbeats that failed; and whether any console misses
a change made right after the restart (its incident at an older version than the server's,
2 s after the last console read everything again).
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import os
import random
import statistics
import sys
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

REFUSED = "too many clients"


def console(url: str, index: int, events, stop, answer, spread: bool) -> None:
    """One console: its database, its change feed, its reload and heartbeat on reconnection."""
    from oncall_desktop.services.presence import REJOIN_SPREAD_S
    from oncall_desktop.storage import changes

    if not spread:
        changes.RECONNECT_SPREAD_S, REJOIN_SPREAD_S = 0.0, (0.0, 0.0)
    from oncall_desktop.storage.changes import ChangeListener
    from oncall_desktop.storage.db import open_database
    from oncall_desktop.storage.incidents import IncidentRepository
    from oncall_desktop.storage.mirror import IncidentMirror
    from oncall_desktop.storage.presence import EXPIRY, PresenceRepository

    database = open_database(url)
    mirror = IncidentMirror()
    repo = IncidentRepository(database, mirror)
    here = PresenceRepository(database, database.origin)
    stopping = threading.Event()
    lock = threading.Lock()  # the app runs one heartbeat at a time (its write lane)
    state = {"lost": False}

    def report(kind: str, detail: str = "") -> None:
        events.put((index, kind, time.monotonic(), detail))

    def reload() -> None:
        mark = mirror.mark()
        try:
            mirror.listed(repo.list_active(), mark)
            report("reloaded")
        except Exception as error:  # noqa: BLE001 - a refused reload is a result
            report("reload failed", str(error)[-120:])

    def beat(after_loss: bool) -> None:
        if after_loss and stopping.wait(random.uniform(*REJOIN_SPREAD_S)):  # as the app does
            return
        with lock:
            now = datetime.now(UTC)
            try:
                here.beat(f"person {index}", set(), now)
                here.others(now - EXPIRY)
                if after_loss:
                    report("beat")
            except Exception as error:  # noqa: BLE001
                report("beat failed" if after_loss else "periodic beat failed", str(error)[-120:])

    def connected(ok: bool) -> None:
        if not ok:
            state["lost"] = True
            report("lost")
            return
        report("listening")
        mirror.forget()  # what the app does on every (re)connection of its feed
        threading.Thread(target=reload, daemon=True).start()
        threading.Thread(target=beat, args=(state["lost"],), daemon=True).start()

    def incident_news(change, reader):
        return mirror.heard(change) or IncidentRepository(reader, mirror).catch_up(change.id)

    def deliver(change) -> None:
        if isinstance(change.answer, Exception):
            report("news failed", str(change.answer)[-120:])

    def heartbeat() -> None:
        if not stopping.wait(random.uniform(0, 10)):
            while not stopping.is_set():
                beat(False)
                if stopping.wait(10):
                    return

    listener = ChangeListener(database.conninfo, database.origin)
    listener.answers["incident"] = incident_news
    feed = threading.Thread(target=listener.run, args=(deliver, connected, stopping), daemon=True)
    feed.start()
    threading.Thread(target=heartbeat, daemon=True).start()
    stop.wait()
    since = {}
    for ident in range(1, 1000):
        known = mirror.since(ident)
        if known is not None:
            since[ident] = known[0]
    answer.put((index, since))
    stopping.set()
    feed.join(2)
    database.close()


class Sampler:
    """The server's connections to the team database, every 20 ms, through the restart."""

    def __init__(self, libpq: str, name: str) -> None:
        self.libpq, self.name, self.peak, self.gap = libpq, name, 0, 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def count(self) -> int:
        import psycopg

        with psycopg.connect(self.libpq, autocommit=True, connect_timeout=2) as admin:
            return self._count(admin)

    def _count(self, admin) -> int:
        return int(
            admin.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = %s"
                " AND pid <> pg_backend_pid()",
                (self.name,),
            ).fetchone()[0]
        )

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(3)

    def _run(self) -> None:
        import psycopg

        while not self._stop.is_set():
            try:
                # a superuser: the reserved connections take it when the server is full
                with psycopg.connect(self.libpq, autocommit=True, connect_timeout=2) as admin:
                    while not self._stop.wait(0.02):
                        self.peak = max(self.peak, self._count(admin))
            except psycopg.Error:
                self._stop.wait(0.02)  # the server is restarting


def run(server, admin_url: str, n: int, incidents: int, spread: bool) -> dict[str, object]:
    from oncall_desktop.core.incident import Incident, Status
    from oncall_desktop.core.policy import Severity
    from oncall_desktop.storage.db import open_database
    from oncall_desktop.storage.incidents import IncidentRepository
    from oncall_desktop.storage.mirror import IncidentMirror
    from tests.helpers.services import PostgresServer

    load = os.getloadavg()  # before the room: the machine is shared
    databases = PostgresServer(admin_url)
    name, url = databases.create_database()
    databases.close()
    writer = open_database(url)  # migrates it
    writing = IncidentRepository(writer, IncidentMirror())
    ids = []
    for k in range(incidents):
        incident = writing.save(
            Incident.declare(
                title=f"war room {k}",
                severity=Severity.SEV1,
                at=datetime.now(UTC),
                actor="bench",
                status=Status.INVESTIGATING,
            )
        )
        for step in ("1.1", "1.2", "2.1"):
            writing.change(
                incident.id or -1, lambda i, s=step: i.tick_step(s, at=datetime.now(UTC), actor="b")
            )
        ids.append(incident.id)
    context = mp.get_context("spawn")
    events, stop, answer = context.Queue(), context.Event(), context.Queue()
    processes = [
        context.Process(target=console, args=(url, i, events, stop, answer, spread), daemon=True)
        for i in range(n)
    ]
    for process in processes:  # consoles opened one after the other, as a team arrives
        process.start()
        time.sleep(0.1)
    first: dict[str, set[int]] = {"listening": set(), "reloaded": set()}
    deadline = time.monotonic() + 180
    while (len(first["reloaded"]) < n or len(first["listening"]) < n) and (
        time.monotonic() < deadline
    ):
        index, kind, _at, detail = events.get(timeout=180)
        if kind in first:
            first[kind].add(index)
        elif kind == "reload failed":
            raise RuntimeError(f"console {index} at start: {kind}: {detail}")
    libpq = url.replace("postgresql+psycopg://", "postgresql://")
    sampler = Sampler(libpq, name)
    time.sleep(3)  # at rest: the pools' lingering connections closed
    resting = sampler.count()
    log = Path(server.dir) / "log"
    refused_before = log.read_text(errors="replace").count(REFUSED)
    sampler.start()
    began = time.monotonic()
    server.restart()
    up = time.monotonic()
    # a colleague changes an incident as soon as the server takes it, and again 300 ms later
    made: list[tuple[int, float]] = []
    writer_refused = 0
    for ident, step, not_before in ((ids[0], "3.1", up), (ids[-1], "3.2", up + 0.3)):
        while time.monotonic() < not_before:
            time.sleep(0.01)
        while True:
            try:
                writing.change(
                    ident, lambda i, s=step: i.tick_step(s, at=datetime.now(UTC), actor="b")
                )
                made.append((ident, time.monotonic()))
                break
            except Exception:  # noqa: BLE001 - refused, or the server not answering yet
                writer_refused += 1
                time.sleep(0.05)
    listening: dict[int, float] = {}
    reloaded: dict[int, float] = {}
    beaten: dict[int, float] = {}
    failures: list[str] = []
    deadline = time.monotonic() + 120
    while (len(reloaded) < n or len(beaten) < n) and time.monotonic() < deadline:
        try:
            index, kind, at, detail = events.get(timeout=1)
        except Exception:  # noqa: BLE001 - queue.Empty: look at the deadline again
            continue
        target = {"listening": listening, "reloaded": reloaded, "beat": beaten}.get(kind)
        if target is not None and at > began:
            target.setdefault(index, at)
        elif "failed" in kind and kind != "periodic beat failed":  # in the outage: expected
            failures.append(f"{kind}: {detail}")
    time.sleep(2)  # news of the last change reaches every console listening
    sampler.stop()
    while True:  # failures reported after the last console read everything
        try:
            index, kind, at, detail = events.get_nowait()
        except Exception:  # noqa: BLE001
            break
        if "failed" in kind and kind != "periodic beat failed":
            failures.append(f"{kind}: {detail}")
    from sqlalchemy import text

    with writer.session() as session:
        truth = dict(session.execute(text("SELECT id, version FROM incidents")).all())
    stop.set()
    views = dict(answer.get(timeout=30) for _ in processes)
    for process in processes:
        process.join(10)
    writer.close()
    missing = sum(
        1
        for view in views.values()
        if any(view.get(ident, -1) < truth[ident] for ident, _at in made)
    )
    refused = log.read_text(errors="replace").count(REFUSED) - refused_before
    databases = PostgresServer(admin_url)
    databases.drop_database(name)
    databases.close()

    def last(times: dict[int, float]) -> str:
        if len(times) < n:
            return f"{n - len(times)} of {n} never"
        return f"{(max(times.values()) - up) * 1000:.0f} ms"

    spread = sorted(at - up for at in reloaded.values())
    return {
        "restart": (up - began) * 1000,
        "listening": last(listening),
        "reloaded": last(reloaded),
        "reloaded_p50": statistics.median(spread) * 1000 if spread else 0,
        "beaten": last(beaten),
        "resting": resting,
        "peak": sampler.peak,
        "refused": refused,
        "writer_refused": writer_refused,
        "failures": failures,
        "missing": missing,
        "load": load,
    }


def main() -> int:
    from tests.helpers.services import PostgresServer, ThrowawayPostgres

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--consoles", type=int, default=50)
    parser.add_argument("--incidents", type=int, default=5)
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--no-spread", action="store_true")
    args = parser.parse_args()
    server = ThrowawayPostgres()
    admin_url = server.start()
    try:
        PostgresServer(admin_url).wait_ready()
        print(
            f"{args.consoles} consoles (processes), {args.incidents} open incidents; throwaway "
            f"PostgreSQL, max_connections 100; {os.cpu_count()} cores;"
            f" {'no spread' if args.no_spread else 'reconnections and heartbeats spread'}"
        )
        print(
            "run | restart (pg_ctl) | from the server back: last console listening / last "
            "reloaded (p50) / last heartbeat | connections at rest / peak | refused (server log)"
            " | writer's tries refused | failed reloads or heartbeats | consoles missing a change"
            " | load 1/5 min before"
        )
        results = []
        for k in range(args.runs):
            r = run(server, admin_url, args.consoles, args.incidents, not args.no_spread)
            results.append(r)
            failures = r["failures"]
            print(
                f"{k + 1:3} | {r['restart']:.0f} ms | {r['listening']} / {r['reloaded']}"
                f" ({r['reloaded_p50']:.0f} ms) / {r['beaten']} | {r['resting']} / {r['peak']}"
                f" | {r['refused']} | {r['writer_refused']} | {len(failures)}"  # type: ignore[arg-type]
                f"{' ' + str(failures[:2]) if failures else ''} | {r['missing']}"
                f" | {r['load'][0]:.2f} / {r['load'][1]:.2f}",  # type: ignore[index]
                flush=True,
            )
        missing = sum(int(r["missing"]) for r in results)  # type: ignore[call-overload]
        refused = sum(int(r["refused"]) for r in results)  # type: ignore[call-overload]
        behind = sum(len(r["failures"]) for r in results)  # type: ignore[arg-type]
        met = not (missing or refused or behind)
        print(
            f"{args.consoles} consoles through a restart, {args.runs} run(s): {missing} missing a"
            f" change, {refused} connections refused, {behind} failed reloads or heartbeats,"
            f" last console reloaded {', '.join(str(r['reloaded']) for r in results)}"
            f" (target none missing, none refused: {'met' if met else 'NOT met'})"
        )
    finally:
        server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())

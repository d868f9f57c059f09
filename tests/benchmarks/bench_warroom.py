"""A war room on PostgreSQL (issue 27): N consoles, each a process of its own with the product's
storage and change feed, follow one incident a colleague keeps changing.

    python tests/benchmarks/bench_warroom.py [--consoles 1,10,25,50] [--changes 100]
        [--linger SECONDS] [--no-delta]

Uses ONCALL_TEST_POSTGRES_URL (as .ci/run sets it) or a throwaway server started here (default
settings: max_connections 100). Each console does what a console does with a colleague's
change (services/incidents.py), on its listening connection: applies what the change's
announcement carries to what it has (storage/mirror.py), or, when it cannot, reads what is
newer (IncidentRepository.catch_up); and, when a colleague opens or closes a cockpit, reads
who is where (services/presence.py).
For each N it prints, from the start of a change (the writer's transaction and commit
included) to the last of the N consoles having it: p50 and p99; the server's connections to
the team database (pg_stat_activity) at rest (consoles listening, their pools idle) and the
most seen while the changes ran; changes/s (one change after the other, each waited for by
every console); the consoles' reads per change; how many consoles the server refused; the
machine's load average before the room started (the machine is shared).

``--linger``: how long a console's pool keeps a connection given back (storage/pool.py; 0:
closed at once, NullPool). ``--no-delta``: changes announced with their version only, so
every console reads what is newer (the path a change too large to travel takes).
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import os
import statistics
import sys
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def configure(linger: float | None, delta: bool) -> None:
    """The benchmark's knobs, in each process (consoles are spawned)."""
    from oncall_desktop.storage import changes, pool

    if linger is not None:
        pool.LINGER_S = linger
    if not delta:
        changes.PAYLOAD_LIMIT = 0


def console(url: str, index: int, knobs, ready, seen, stop) -> None:
    """One console: its database handle and its change feed; on each change, what a console
    does before it shows it."""
    configure(*knobs)
    from oncall_desktop.storage.changes import ChangeListener
    from oncall_desktop.storage.db import open_database
    from oncall_desktop.storage.incidents import IncidentRepository
    from oncall_desktop.storage.mirror import IncidentMirror
    from oncall_desktop.storage.presence import EXPIRY, PresenceRepository

    try:
        database = open_database(url)
    except Exception as error:  # noqa: BLE001 - the server refusing a console is a result
        ready.put((index, f"refused: {error}"))
        return
    mirror = IncidentMirror()
    listening = threading.Event()
    stopping = threading.Event()

    def incident_news(change, reader) -> tuple[object, int]:
        """What a console does (services/incidents.py), on its listening connection."""
        applied = mirror.heard(change)
        if applied is not None:
            return applied, 0
        return IncidentRepository(reader, mirror).catch_up(change.id), 1

    def presence_news(_change, reader) -> tuple[object, int]:
        """What PresenceService does when a colleague opens or closes a cockpit."""
        others = PresenceRepository(reader, database.origin).others(datetime.now(UTC) - EXPIRY)
        return others, 1

    def deliver(change) -> None:
        if isinstance(change.answer, Exception):
            seen.put((index, -1, f"{type(change.answer).__name__}: {change.answer}"))
        elif change.answer is not None:
            seen.put((index, change.answer[1], time.perf_counter()))

    listener = ChangeListener(database.conninfo, database.origin)
    listener.answers.update(incident=incident_news, presence=presence_news)
    thread = threading.Thread(
        target=listener.run,
        args=(deliver, lambda ok: listening.set() if ok else None, stopping),
        daemon=True,
    )
    thread.start()
    ready.put((index, "listening" if listening.wait(30) else "not listening"))
    stop.wait()
    stopping.set()
    thread.join(2)
    database.close()


def connections(admin, name: str) -> int:
    return int(
        admin.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = %s", (name,)
        ).fetchone()[0]
    )


def room(
    url: str, name: str, admin, n: int, changes: int, presence: int, knobs
) -> dict[str, object]:
    from oncall_desktop.core.incident import Incident, Status
    from oncall_desktop.core.policy import Severity
    from oncall_desktop.storage.db import open_database
    from oncall_desktop.storage.incidents import IncidentRepository
    from oncall_desktop.storage.pool import LINGER_S

    load = os.getloadavg()[0]
    context = mp.get_context("spawn")
    ready, seen, stop = context.Queue(), context.Queue(), context.Event()
    processes = [
        context.Process(target=console, args=(url, i, knobs, ready, seen, stop), daemon=True)
        for i in range(n)
    ]
    for process in processes:
        process.start()
    states = [ready.get(timeout=120) for _ in processes]
    refused = [s for s in states if s[1] != "listening"]
    deadline = time.monotonic() + LINGER_S + 5  # at rest: every pool idle, its lingering closed
    while connections(admin, name) > n - len(refused) and time.monotonic() < deadline:
        time.sleep(0.1)
    resting = connections(admin, name)
    try:
        writer = open_database(url)
    except Exception as error:  # noqa: BLE001 - the server refusing the writer is a result
        stop.set()
        for process in processes:
            process.join(10)
        return {
            "failed": f"the writer's console refused: {str(error)[-60:]}",
            "resting": resting,
            "refused": len(refused) + 1,
            "load": load,
        }
    from oncall_desktop.storage.mirror import IncidentMirror

    writing = IncidentRepository(writer, IncidentMirror())  # a console, as the app has it
    incident = writing.save(
        Incident.declare(
            title="war room",
            severity=Severity.SEV1,
            at=datetime.now(UTC),
            actor="bench",
            status=Status.INVESTIGATING,
        )
    )
    listening = n - len(refused)
    while listening:  # the declaration's own announcement, heard by all
        seen.get(timeout=30)
        listening -= 1
    peak, samples, errors, reads = resting, [], [], 0
    sampling = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not sampling.wait(0.02):
            peak = max(peak, connections(admin, name))

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    started = time.perf_counter()
    for k in range(changes):
        began = time.perf_counter()
        writing.change(
            incident.id or -1,
            (lambda i: i.tick_step("2.1", at=datetime.now(UTC), actor="bench"))
            if k % 2 == 0
            else (lambda i: i.untick_step("2.1", at=datetime.now(UTC), actor="bench")),
        )
        last = began
        for _ in range(n - len(refused)):
            _index, read, at = seen.get(timeout=30)
            if isinstance(at, str):
                errors.append(at)
            else:
                last = max(last, at)
                reads += read
        samples.append(last - began)
    elapsed = time.perf_counter() - started
    changes_peak, peak = peak, resting
    # then a colleague opens and closes a cockpit: every console reads who is where
    from oncall_desktop.storage.presence import PresenceRepository

    here, presence_samples, presence_errors = PresenceRepository(writer, "bench"), [], []
    for k in range(-1, presence):  # the first one warms each console's queries: not counted
        began = time.perf_counter()
        here.beat("bench", {incident.id or 0} if k % 2 == 0 else set(), datetime.now(UTC))
        last = began
        for _ in range(n - len(refused)):
            _index, _read, at = seen.get(timeout=30)
            if isinstance(at, str):
                presence_errors.append(at)
            else:
                last = max(last, at)
        if k >= 0:
            presence_samples.append(last - began)
    sampling.set()
    sampler.join(1)
    stop.set()
    for process in processes:
        process.join(10)
    writer.close()
    return {
        "p50": statistics.median(samples) * 1000,
        "p99": percentile(samples, 0.99) * 1000,
        "resting": resting,
        "peak": changes_peak,
        "rate": changes / elapsed,
        "refused": len(refused),
        "errors": errors[:3],
        "error_count": len(errors),
        "reads": reads / changes,
        "load": load,
        "changes_peak": changes_peak,
        "presence_peak": peak,
        "presence_p50": statistics.median(presence_samples) * 1000 if presence_samples else 0,
        "presence_p99": percentile(presence_samples, 0.99) * 1000 if presence_samples else 0,
        "presence_errors": len(presence_errors),
    }


def main() -> int:
    import psycopg

    from oncall_desktop.storage.db import open_database
    from tests.helpers.services import PostgresServer, ThrowawayPostgres

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--consoles", default="1,10,25,50")
    parser.add_argument("--changes", type=int, default=100)
    parser.add_argument("--linger", type=float, default=None)
    parser.add_argument("--no-delta", action="store_true")
    parser.add_argument("--presence", type=int, default=20)
    args = parser.parse_args()
    knobs = (args.linger, not args.no_delta)
    configure(*knobs)
    admin_url = os.environ.get("ONCALL_TEST_POSTGRES_URL")
    throwaway = None
    if not admin_url:
        throwaway = ThrowawayPostgres()
        admin_url = throwaway.start()
    server = PostgresServer(admin_url)
    server.wait_ready()
    libpq = admin_url.replace("postgresql+psycopg://", "postgresql://")
    try:
        with psycopg.connect(libpq, autocommit=True) as admin:
            limit = admin.execute("SHOW max_connections").fetchone()[0]  # type: ignore[index]
            from oncall_desktop.storage.pool import LINGER_S

            print(
                f"server max_connections {limit}; {os.cpu_count()} cores; consoles are processes;"
                f" pool linger {LINGER_S} s{' (NullPool)' if LINGER_S <= 0 else ''};"
                f" {'version only' if args.no_delta else 'changes carried when they fit'}"
            )
            print(
                "consoles | change -> last console has it p50 / p99 | connections at rest / peak"
                " | changes/s | consoles' reads per change | refused | load before"
                " | a cockpit opened or closed, every console reading who is where: p50 / p99,"
                " connections at peak, reads refused"
            )
            counts = [int(v) for v in args.consoles.split(",")]
            for n in counts:
                name, url = server.create_database()
                open_database(url).close()  # migrated once, before anyone measures
                r = room(url, name, admin, n, args.changes, args.presence, knobs)
                largest = n == max(counts)
                if "failed" in r:
                    print(
                        f"{n:8} | {r['failed']} | {r['resting']} at rest | - | - | {r['refused']}"
                        f" | {r['load']:.2f}"
                    )
                    if largest:
                        print(
                            f"{n} consoles, change seen by the last: refused by the server "
                            "(target p99 <= 250 ms, none refused: NOT met)"
                        )
                    server.drop_database(name)
                    continue
                print(
                    f"{n:8} | {r['p50']:.0f} / {r['p99']:.0f} ms | {r['resting']} / {r['peak']}"
                    f" | {r['rate']:.1f} | {r['reads']:.1f} | {r['refused']} | {r['load']:.2f}"
                    f" | presence: {r['presence_p50']:.0f} / {r['presence_p99']:.0f} ms,"
                    f" peak {r['presence_peak']},"
                    f" {r['presence_errors']} refused reads"
                    + (
                        f" | {r['error_count']} failed reloads {r['errors']}" if r["errors"] else ""
                    ),
                    flush=True,
                )
                if largest:
                    met = r["p99"] <= 250 and not r["refused"] and not r["errors"]  # type: ignore[operator]
                    print(
                        f"{n} consoles, change seen by the last: p99 {r['p99']:.0f} ms "
                        f"(target p99 <= 250 ms, none refused: {'met' if met else 'NOT met'})"
                    )
                server.drop_database(name)
    finally:
        server.close()
        if throwaway is not None:
            throwaway.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())

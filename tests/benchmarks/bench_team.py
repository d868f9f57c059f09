"""Team mode on PostgreSQL: how soon a console sees a colleague's change, and how many changes
four consoles get through together without losing one.

    python tests/benchmarks/bench_team.py [--changes 200] [--consoles 4]

Uses ONCALL_TEST_POSTGRES_URL (as .ci/run sets it) or a throwaway server started here.
Latency is from the start of the writer's change (its transaction and commit included) to the
other console having reloaded the incident (the listener's NOTIFY, then the read the console
does before showing it); the GUI's queued signal adds well under a millisecond on top.
"""

from __future__ import annotations

import argparse
import os
import queue
import statistics
import sys
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from oncall_desktop.core.incident import Incident, Status
from oncall_desktop.core.policy import Severity
from oncall_desktop.storage.changes import ChangeListener
from oncall_desktop.storage.db import open_database
from oncall_desktop.storage.incidents import IncidentRepository
from tests.helpers.services import PostgresServer, ThrowawayPostgres
from tests.integration import test_concurrent_changes as concurrent


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def latency(url: str, changes: int) -> list[float]:
    writer, reader = open_database(url), open_database(url)
    writing, reading = IncidentRepository(writer), IncidentRepository(reader)
    incident = writing.save(
        Incident.declare(
            title="latency",
            severity=Severity.SEV2,
            at=datetime.now(UTC),
            actor="bench",
            status=Status.INVESTIGATING,
        )
    )
    seen: queue.Queue[float] = queue.Queue()
    stop, up = threading.Event(), threading.Event()

    def deliver(change) -> None:  # type: ignore[no-untyped-def]
        reading.get(change.id)  # what the console does before it shows the change
        seen.put(time.perf_counter())

    listener = ChangeListener(reader.conninfo, reader.origin)
    thread = threading.Thread(
        target=listener.run, args=(deliver, lambda ok: ok and up.set(), stop), daemon=True
    )
    thread.start()
    up.wait(10)
    step = "2.1"
    samples = []
    for n in range(changes):
        done = n % 2 == 0
        began = time.perf_counter()  # the commit is inside change(): measured from its start
        writing.change(
            incident.id or -1,
            (lambda i, d=done: i.tick_step(step, at=datetime.now(UTC), actor="bench"))
            if done
            else (lambda i: i.untick_step(step, at=datetime.now(UTC), actor="bench")),
        )
        samples.append(seen.get(timeout=10) - began)
    stop.set()
    thread.join(2)
    writer.close()
    reader.close()
    return samples


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--changes", type=int, default=200)
    parser.add_argument("--consoles", type=int, default=4)
    args = parser.parse_args()
    admin = os.environ.get("ONCALL_TEST_POSTGRES_URL")
    throwaway = None
    if not admin:
        throwaway = ThrowawayPostgres()
        admin = throwaway.start()
    server = PostgresServer(admin)
    server.wait_ready()
    try:
        name, url = server.create_database()
        open_database(url).close()  # migrated once, before anyone measures
        samples = latency(url, args.changes)
        print(
            f"change seen by another console: p50 {statistics.median(samples) * 1000:.1f} ms, "
            f"p99 {percentile(samples, 0.99) * 1000:.1f} ms over {len(samples)} changes "
            f"(target p99 <= 1 s: {'met' if percentile(samples, 0.99) <= 1 else 'NOT met'})"
        )
        server.drop_database(name)
        name, url = server.create_database()
        started = time.perf_counter()
        stored = concurrent.run_consoles(url, args.consoles)
        elapsed = time.perf_counter() - started
        concurrent.assert_state_is_what_the_timeline_says(stored, args.consoles)
        total = args.consoles * concurrent.OPERATIONS
        print(
            f"{args.consoles} consoles changing one incident at once: {total} changes in "
            f"{elapsed:.1f} s ({total / elapsed:.0f} changes/s, process starts included), "
            "lost 0"
        )
        server.drop_database(name)
    finally:
        server.close()
        if throwaway is not None:
            throwaway.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())

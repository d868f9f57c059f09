"""GUI stalls with 20 open incidents ticking: the main list, the tray menu and the cockpit
windows recompute their clocks every second.

The app is assembled in-process (offscreen) on a SQLite database holding 20 active incidents
with realistic timelines. Two runs: one cockpit open (the usual case: one incident in front of
you, the others in the list and the tray), then all 20 cockpits open and visible at once (the
worst case). A 5 ms timer on the GUI thread records the gaps in the event loop for 10 s after
a 1 s warm-up (opening 20 windows at once is itself a one-off stall, reported apart); the
cost of each tick is timed too.

    python tests/benchmarks/bench_cockpit.py [--incidents 20] [--seconds 10]

Target (issue 4): longest stall ≤ 16 ms.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from tests.benchmarks.stalls import run_and_measure_stalls  # noqa: E402

TARGET_STALL_MS = 16.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--incidents", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=10.0)
    args = parser.parse_args()
    for cockpits in (1, args.incidents):
        measure(args.incidents, cockpits, args.seconds)
    return 0


def measure(incidents: int, cockpits: int, seconds: float) -> None:
    from types import SimpleNamespace

    args = SimpleNamespace(incidents=incidents, seconds=seconds)

    from PySide6.QtWidgets import QApplication

    from oncall_desktop.app.container import build_shell
    from oncall_desktop.config.schema import Settings
    from oncall_desktop.config.store import SettingsStore
    from oncall_desktop.core.clock import SystemClock
    from oncall_desktop.core.incident import Incident, Status
    from oncall_desktop.core.policy import Audience, Severity
    from oncall_desktop.core.policy_file import load_policy
    from oncall_desktop.integrations.secrets import InMemorySecretStore
    from oncall_desktop.storage.db import open_database, sqlite_url
    from oncall_desktop.storage.incidents import IncidentRepository

    app = QApplication.instance() or QApplication([])
    work = Path(tempfile.mkdtemp(prefix="oncall-bench-cockpit-"))
    clock = SystemClock()
    try:
        database = open_database(sqlite_url(work / "oncall.sqlite3"))
        repo = IncidentRepository(database)
        severities = list(Severity)
        for n in range(args.incidents):
            incident = Incident.declare(
                title=f"Incident {n}: payments failing on node {n}",
                severity=severities[n % 3],
                at=clock.now() - timedelta(minutes=3 * n),
                actor="bench",
            )
            incident.move_to(Status.INVESTIGATING, at=clock.now(), actor="bench")
            for step in ("1.1", "1.2", "1.3", "1.4", "2.1"):
                incident.tick_step(step, at=clock.now(), actor="bench", note="done")
            for k in range(10):
                incident.add_note(f"observation {k}", at=clock.now(), actor="bench")
            incident.record_update_sent(Audience.INTERNAL, at=clock.now(), actor="bench")
            repo.save(incident)
        context = build_shell(
            app,
            Settings(language="en"),
            load_policy(),
            clock,
            [],
            SettingsStore(work / "config"),
            InMemorySecretStore(),
            tray_icon=True,  # offscreen has no tray host: drive its menu anyway
        )
        context.attach_database(database)
        context.window.show()
        deadline = time.monotonic() + 10
        while len(context.incidents.active) < args.incidents and time.monotonic() < deadline:
            app.processEvents()
            time.sleep(0.005)
        opened = time.perf_counter()
        for incident in context.incidents.active[:cockpits]:
            context.controller.cockpit_controller.show_cockpit(incident)
        app.processEvents()
        opening_ms = (time.perf_counter() - opened) * 1000
        warm_up = time.monotonic() + 1.0
        while time.monotonic() < warm_up:
            app.processEvents()
            time.sleep(0.001)

        tick_costs: list[float] = []
        original = context.controller.on_tick

        def timed_tick(now):  # type: ignore[no-untyped-def]
            started = time.perf_counter()
            original(now)
            tick_costs.append((time.perf_counter() - started) * 1000)

        context.ticker.ticked.disconnect(original)
        context.ticker.ticked.connect(timed_tick)
        worst, _beats = run_and_measure_stalls(app, args.seconds)
        open_windows = len(context.controller.cockpits)
        context.dispose()
    finally:
        shutil.rmtree(work, ignore_errors=True)

    print(
        f"{args.incidents} open incidents, {open_windows} cockpit window(s) open, ticking "
        f"for {args.seconds:.0f} s (offscreen); opening them took {opening_ms:.0f} ms:"
    )
    print(
        f"  tick cost: median {statistics.median(tick_costs):.1f} ms, "
        f"worst {max(tick_costs):.1f} ms over {len(tick_costs)} ticks"
    )
    verdict = "met" if worst <= TARGET_STALL_MS else "NOT met"
    print(
        f"  longest GUI event-loop stall: {worst:.1f} ms "
        f"(target ≤ {TARGET_STALL_MS:.0f} ms: {verdict})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())

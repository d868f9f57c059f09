"""KPIs and history at scale: 100 000 incidents with 1 000 000 timeline events on SQLite.

Prints the KPI dashboard's computation time (SQL aggregation, last 12 months and the whole
two years) and the history window's open time (window built until its first page of rows is
on screen, offscreen), each the median of 5 runs.

    python tests/benchmarks/bench_kpis.py [--incidents 100000] [--events 10]

Targets (issue 8): dashboard ≤ 250 ms; history window open ≤ 300 ms.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

TARGET_DASHBOARD_MS = 250.0
TARGET_HISTORY_MS = 300.0
RUNS = 5


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--incidents", type=int, default=100_000)
    parser.add_argument("--events", type=int, default=10, help="timeline events per incident")
    args = parser.parse_args()
    for line in measure(args.incidents, args.events):
        print(line)
    return 0


def measure(count: int, events: int) -> list[str]:
    from PySide6.QtWidgets import QApplication

    from oncall_desktop.core.clock import FakeClock
    from oncall_desktop.core.kpis import month_buckets, quarter_buckets, required_severities
    from oncall_desktop.core.policy_file import load_policy
    from oncall_desktop.services.history import HistoryService
    from oncall_desktop.services.tasks import TaskRunner
    from oncall_desktop.storage.db import open_database, sqlite_url
    from oncall_desktop.storage.kpis import HistoryQueries, KpiQueries
    from oncall_desktop.ui.windows.history_window import HistoryWindow
    from tests.helpers.history import bulk_incidents

    app = QApplication.instance() or QApplication([])
    policy = load_policy().policy
    now = datetime(2026, 11, 1, tzinfo=UTC)
    work = Path(tempfile.mkdtemp(prefix="oncall-bench-kpis-"))
    lines = []
    try:
        database = open_database(sqlite_url(work / "oncall.sqlite3"))
        started = time.perf_counter()
        bulk_incidents(database, count, now, events_per_incident=events)
        loaded = time.perf_counter() - started
        lines.append(
            f"{count} incidents, {count * events} timeline events on SQLite "
            f"(generated in {loaded:.1f} s):"
        )
        kpis = KpiQueries(database)
        for label, days in (("last 12 months", 365), ("whole history (2 years)", 731)):
            start = now - timedelta(days=days)
            timings = []
            for _ in range(RUNS):
                started = time.perf_counter()
                report = kpis.report(
                    start,
                    now,
                    month_buckets(start, now, UTC),
                    quarter_buckets(start, now, UTC),
                    required_severities(policy),
                    policy.kpis.action_items_window,
                    now,
                )
                timings.append((time.perf_counter() - started) * 1000)
            ms = statistics.median(timings)
            verdict = "met" if ms <= TARGET_DASHBOARD_MS else "NOT met"
            lines.append(
                f"  KPI dashboard, {label} ({report.incidents} incidents): {ms:.0f} ms "
                f"(target ≤ {TARGET_DASHBOARD_MS:.0f} ms: {verdict})"
            )

        runner = TaskRunner()
        service = HistoryService(HistoryQueries(database), kpis, runner, FakeClock(now), policy)
        timings = []
        rows = 0
        for _ in range(RUNS):
            shown: list[float] = []
            started = time.perf_counter()
            window = HistoryWindow(service, UTC, "en")
            window.model.first_page_shown.connect(lambda s=shown: s.append(time.perf_counter()))
            window.show()
            deadline = time.monotonic() + 10
            while not shown and time.monotonic() < deadline:
                app.processEvents()
            app.processEvents()  # the first page painted
            timings.append((time.perf_counter() - started) * 1000)
            rows = window.model.rowCount()
            window.close()
            window.deleteLater()
            app.processEvents()
        ms = statistics.median(timings)
        verdict = "met" if ms <= TARGET_HISTORY_MS else "NOT met"
        lines.append(
            f"  history window open to first rows ({rows} rows, lazy): {ms:.0f} ms "
            f"(target ≤ {TARGET_HISTORY_MS:.0f} ms: {verdict})"
        )
        runner.wait(10_000)
        database.close()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return lines


if __name__ == "__main__":
    sys.exit(main())

"""KPIs and history at a large organisation's scale, on SQLite and on PostgreSQL.

A million incidents (two years of them) with ten million timeline events, and a post-mortem
with two action items for every SEV-1 and SEV-2. Prints, each the median of 5 runs:

- the KPI dashboard's computation for several periods (the last 30 days, the last 12 months,
  the whole two years, this year in a half-hour time zone);
- the history window opened to its first rows (built until its first page is on screen,
  offscreen), then filtered by severity, searched (a common word, a rare title), sorted by
  title, and scrolled to its middle row; and when each count came (the rows below the first
  page are added then);
- what an incident's change costs the writing console (the KPI facts kept with it).

    python tests/benchmarks/bench_kpis.py [--incidents 1000000] [--events 10]
        [--database both|sqlite|postgresql] [--sqlite-file PATH] [--postgres-url URL]

The database is generated afresh in a temporary place unless ``--sqlite-file`` or
``--postgres-url`` names one, which is reused when it already holds that many incidents (and
the one each run adds; generating a million incidents takes minutes). PostgreSQL: the URL
given, else ONCALL_TEST_POSTGRES_URL, else a throwaway server started here.

Targets (issue 28): dashboard ≤ 250 ms; history to first rows, filtered or searched ≤ 300 ms.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

TARGET_DASHBOARD_MS = 250.0
TARGET_HISTORY_MS = 300.0
RUNS = 5
NOW = datetime(2026, 11, 1, 9, 30, tzinfo=UTC)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--incidents", type=int, default=1_000_000)
    parser.add_argument("--events", type=int, default=10, help="timeline events per incident")
    parser.add_argument("--database", choices=("both", "sqlite", "postgresql"), default="both")
    parser.add_argument("--sqlite-file", type=Path, help="kept and reused (else a temp file)")
    parser.add_argument("--postgres-url", help="kept and reused (else a throwaway database)")
    args = parser.parse_args()
    backends = ("sqlite", "postgresql") if args.database == "both" else (args.database,)
    for backend in backends:
        with _database_url(backend, args) as url:
            for line in measure(url, backend, args.incidents, args.events):
                print(line, flush=True)
    return 0


@contextmanager
def _database_url(backend: str, args: argparse.Namespace) -> Iterator[str]:
    from oncall_desktop.storage.db import sqlite_url

    if backend == "sqlite":
        if args.sqlite_file:
            yield sqlite_url(args.sqlite_file)
            return
        work = Path(tempfile.mkdtemp(prefix="oncall-bench-kpis-"))
        try:
            yield sqlite_url(work / "oncall.sqlite3")
        finally:
            shutil.rmtree(work, ignore_errors=True)
        return
    if args.postgres_url:
        yield args.postgres_url
        return
    from tests.helpers.services import PostgresServer, ThrowawayPostgres

    cluster = None
    admin = os.environ.get("ONCALL_TEST_POSTGRES_URL")
    if not admin:
        cluster = ThrowawayPostgres()
        admin = cluster.start()
    server = PostgresServer(admin)
    try:
        server.wait_ready()
        name, url = server.create_database()
        try:
            yield url
        finally:
            server.drop_database(name)
    finally:
        server.close()
        if cluster:
            cluster.stop()


def _median_ms(run: Callable[[], object]) -> tuple[float, object]:
    timings, result = [], None
    for _ in range(RUNS):
        started = time.perf_counter()
        result = run()
        timings.append((time.perf_counter() - started) * 1000)
    return statistics.median(timings), result


def _verdict(ms: float, target: float) -> str:
    return f"{ms:.0f} ms (target ≤ {target:.0f} ms: {'met' if ms <= target else 'NOT met'})"


def measure(url: str, backend: str, count: int, events: int) -> list[str]:
    from sqlalchemy import func, select, text

    from oncall_desktop.storage.db import open_database
    from oncall_desktop.storage.tables import IncidentRow
    from tests.helpers.history import bulk_incidents

    name = "SQLite" if backend == "sqlite" else "PostgreSQL"
    started = time.perf_counter()
    database = open_database(url)
    opened = time.perf_counter() - started
    with database.engine.connect() as connection:
        present = connection.execute(select(func.count(IncidentRow.id))).scalar() or 0
    if count <= present <= count + 100:  # each run adds the incident it changes
        how = f"reused (opened and migrated in {opened:.1f} s)"
    else:
        if present:
            raise SystemExit(f"{url} holds {present} incidents, not {count}: use another")
        started = time.perf_counter()
        bulk_incidents(database, count, NOW, events_per_incident=events, postmortems=True)
        how = f"generated in {time.perf_counter() - started:.0f} s"
    if not database.is_sqlite:
        # a team database in use has been vacuumed and analysed by autovacuum long since
        with database.engine.connect() as connection:
            connection.execution_options(isolation_level="AUTOCOMMIT").execute(
                text("VACUUM ANALYZE")
            )
    lines = [f"{count} incidents, {count * events} timeline events on {name} ({how}):"]
    try:
        lines += _dashboard(database)
        lines += _history(database)
        lines += _writes(database)
    finally:
        database.close()
    return lines


def _dashboard(database) -> list[str]:  # type: ignore[no-untyped-def]
    from oncall_desktop.core.kpis import month_buckets, quarter_buckets, required_severities
    from oncall_desktop.core.policy_file import load_policy
    from oncall_desktop.storage.kpis import KpiQueries

    policy = load_policy().policy
    kpis = KpiQueries(database)
    kolkata = ZoneInfo("Asia/Kolkata")
    periods = (
        ("last 30 days", NOW - timedelta(days=30), UTC),
        ("last 12 months", NOW - timedelta(days=365), UTC),
        ("whole history (2 years)", NOW - timedelta(days=731), UTC),
        ("this year, Asia/Kolkata months", datetime(2026, 1, 1, tzinfo=kolkata), kolkata),
    )
    lines = []
    for label, start, zone in periods:

        def report(start: datetime = start, zone=zone):  # type: ignore[no-untyped-def]
            return kpis.report(
                start,
                NOW,
                month_buckets(start, NOW, zone),
                quarter_buckets(start, NOW, zone),
                required_severities(policy),
                policy.kpis.action_items_window,
                NOW,
            )

        ms, result = _median_ms(report)
        lines.append(
            f"  KPI dashboard, {label} ({result.incidents} incidents): "  # type: ignore[attr-defined]
            + _verdict(ms, TARGET_DASHBOARD_MS)
        )
    return lines


def _history(database) -> list[str]:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from oncall_desktop.core.clock import FakeClock
    from oncall_desktop.core.policy_file import load_policy
    from oncall_desktop.services.history import HistoryService
    from oncall_desktop.services.tasks import TaskRunner
    from oncall_desktop.storage.kpis import HistoryQueries, KpiQueries
    from oncall_desktop.ui.models.history_model import PAGE_SIZE
    from oncall_desktop.ui.windows.history_window import HistoryWindow

    app = QApplication.instance() or QApplication([])
    policy = load_policy().policy
    runner = TaskRunner()
    service = HistoryService(
        HistoryQueries(database), KpiQueries(database), runner, FakeClock(NOW), policy
    )

    def wait(done: Callable[[], bool]) -> None:
        deadline = time.monotonic() + 60
        while not done() and time.monotonic() < deadline:
            app.processEvents()
        if not done():
            raise RuntimeError("the history window did not answer within 60 s")
        app.processEvents()  # painted

    def answered(window: HistoryWindow, act: Callable[[], None], started: float) -> list[float]:
        """ms from ``started`` to the first rows on screen, and to the count."""
        marks: dict[str, float] = {}
        model = window.model
        model.first_page_shown.connect(lambda: marks.setdefault("rows", time.perf_counter()))
        model.counted.connect(lambda _: marks.setdefault("count", time.perf_counter()))
        act()
        wait(lambda: len(marks) == 2)
        model.first_page_shown.disconnect()
        model.counted.disconnect()
        return [(marks["rows"] - started) * 1000, (marks["count"] - started) * 1000]

    def figures(label: str, timings: list[list[float]]) -> str:
        rows_ms = statistics.median(t[0] for t in timings)
        count_ms = statistics.median(t[1] for t in timings)
        verdict = _verdict(rows_ms, TARGET_HISTORY_MS)
        return f"  history {label}: {verdict}, counted in {count_ms:.0f} ms"

    lines = []

    def closed(window: HistoryWindow) -> None:
        window.close()
        window.deleteLater()
        app.processEvents()

    timings = []
    for _ in range(RUNS):
        started = time.perf_counter()
        window = HistoryWindow(service, UTC, "en")
        timings.append(answered(window, window.show, started))
        rows = window.model.rowCount()
        closed(window)
    lines.append(figures(f"window open to first rows ({rows} rows)", timings))

    window = HistoryWindow(service, UTC, "en")
    answered(window, window.show, time.perf_counter())

    def step(label: str, act: Callable[[], None], undo: Callable[[], None]) -> None:
        timings = []
        for _ in range(RUNS):
            timings.append(answered(window, act, time.perf_counter()))
            count = window.model.rowCount()
            answered(window, undo, time.perf_counter())
        lines.append(figures(f"{label} ({count} rows)", timings))

    def search(words: str) -> Callable[[], None]:
        def act() -> None:
            window.text_edit.setText(words)
            window.apply_filter()  # at once, not after the typing pause

        return act

    def clear() -> None:
        window.text_edit.setText("")
        window.severity_combo.setCurrentIndex(0)
        window.apply_filter()

    step("filtered by severity (SEV-1)", lambda: window.severity_combo.setCurrentIndex(1), clear)
    step("searched, a common word ('latency')", search("latency"), clear)
    rare = f"Incident {rows // 3}:"
    step(f"searched, one title ('{rare}')", search(rare), clear)
    step(
        "sorted by title",
        lambda: window.table.sortByColumn(3, Qt.SortOrder.AscendingOrder),
        lambda: window.table.sortByColumn(0, Qt.SortOrder.DescendingOrder),
    )
    timings = []
    model = window.model
    for attempt in range(RUNS):
        rows = model.rowCount()
        middle = (rows // 2 + attempt * 3 * PAGE_SIZE) % rows  # never a cached page
        started = time.perf_counter()
        model.row(middle)
        wait(lambda m=middle: model.row(m) is not None)
        timings.append((time.perf_counter() - started) * 1000)
    lines.append(
        "  history scrolled to its middle row: "
        + _verdict(statistics.median(timings), TARGET_HISTORY_MS)
    )
    closed(window)
    runner.wait(10_000)
    return lines


def _writes(database) -> list[str]:  # type: ignore[no-untyped-def]
    from oncall_desktop.core.incident import Incident, Status
    from oncall_desktop.core.policy import Severity
    from oncall_desktop.storage.incidents import IncidentRepository

    repository = IncidentRepository(database)
    incident = repository.save(
        Incident.declare(title="bench", severity=Severity.SEV2, at=NOW, actor="bench")
    )
    assert incident.id is not None
    steps = iter([Status.ACKNOWLEDGED] + [Status.RESOLVED, Status.INVESTIGATING] * RUNS)
    moment = iter(range(1, 100))

    def change() -> None:
        repository.change(
            incident.id,  # type: ignore[arg-type]
            lambda i: i.move_to(next(steps), at=NOW + timedelta(minutes=next(moment)), actor="b"),
        )

    ms, _ = _median_ms(change)
    return [f"  an incident's change as the writing console waits for it: {ms:.1f} ms"]


if __name__ == "__main__":
    sys.exit(main())

"""History pages and KPI figures, computed by the database.

Everything is aggregated in SQL that SQLite (≥ 3.25, window functions) and PostgreSQL run
alike: durations in whole seconds, percentiles by row number, months and quarters as CASE
buckets whose bounds (the team's calendar, in UTC) come from Python. Drills never count.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import (
    and_,
    case,
    func,
    literal,
    or_,
    select,
)
from sqlalchemy.sql.elements import ColumnElement

from oncall_desktop.core.kpis import (
    Bucket,
    DurationStats,
    HistoryFilter,
    HistoryRow,
    KpiReport,
    SortKey,
)
from oncall_desktop.core.policy import Severity
from oncall_desktop.storage.db import Database
from oncall_desktop.storage.sqlfunctions import seconds_between
from oncall_desktop.storage.tables import ActionItemRow, IncidentRow, PostmortemRow

incidents = IncidentRow.__table__
action_items = ActionItemRow.__table__
postmortems = PostmortemRow.__table__


TIME_TO_ACK = incidents.c.ack_seconds
TIME_TO_RESOLVE = incidents.c.resolve_seconds
SEVERITY_ORDER = case({s.value: s.rank for s in Severity}, value=incidents.c.severity, else_=9)

SORT_COLUMNS: dict[SortKey, ColumnElement[Any]] = {
    SortKey.DETECTED: incidents.c.detected_at,
    SortKey.SEVERITY: SEVERITY_ORDER,
    SortKey.STATUS: incidents.c.status,
    SortKey.TITLE: func.lower(incidents.c.title),
    SortKey.TIME_TO_ACK: TIME_TO_ACK,
    SortKey.TIME_TO_RESOLVE: TIME_TO_RESOLVE,
}


def _where(flt: HistoryFilter) -> list[ColumnElement[bool]]:
    clauses: list[ColumnElement[bool]] = []
    if not flt.include_drills:
        clauses.append(incidents.c.is_drill.is_(False))
    if flt.severities:
        clauses.append(incidents.c.severity.in_(sorted(s.value for s in flt.severities)))
    if flt.statuses:
        clauses.append(incidents.c.status.in_(sorted(flt.statuses)))
    if flt.detected_from is not None:
        clauses.append(incidents.c.detected_at >= flt.detected_from)
    if flt.detected_before is not None:
        clauses.append(incidents.c.detected_at < flt.detected_before)
    text = flt.text.strip().lower()
    if text:
        clauses.append(func.lower(incidents.c.title).contains(text, autoescape=True))
    return clauses


class HistoryQueries:
    def __init__(self, database: Database) -> None:
        self._db = database

    def count(self, flt: HistoryFilter) -> int:
        with self._db.session() as session:
            query = select(func.count()).select_from(incidents).where(*_where(flt))
            return int(session.scalar(query) or 0)

    def page(
        self,
        flt: HistoryFilter,
        sort: SortKey = SortKey.DETECTED,
        descending: bool = True,
        offset: int = 0,
        limit: int = 200,
    ) -> list[HistoryRow]:
        key = SORT_COLUMNS[sort]
        order: list[ColumnElement[Any]] = [key.desc() if descending else key.asc()]
        if sort in (SortKey.TIME_TO_ACK, SortKey.TIME_TO_RESOLVE):
            # the same place for "never" on both backends: last
            order.insert(0, key.is_(None))
        order.append(incidents.c.id.desc() if descending else incidents.c.id.asc())
        query = (
            select(
                incidents.c.id,
                incidents.c.title,
                incidents.c.severity,
                incidents.c.status,
                incidents.c.detected_at,
                incidents.c.acknowledged_at,
                incidents.c.resolved_at,
                incidents.c.is_drill,
            )
            .where(*_where(flt))
            .order_by(*order)
            .offset(offset)
            .limit(limit)
        )
        with self._db.session() as session:
            return [
                HistoryRow(
                    id=r.id,
                    title=r.title,
                    severity=Severity(r.severity),
                    status=r.status,
                    detected_at=r.detected_at,
                    acknowledged_at=r.acknowledged_at,
                    resolved_at=r.resolved_at,
                    is_drill=r.is_drill,
                )
                for r in session.execute(query)
            ]


def _duration_stats(n: int, figures: list[Any], missing: int) -> DurationStats:
    """From the summary columns: the sum, the sum and count of the middle values, the p90."""
    total, mid_sum, mid_count, p90 = figures
    if not n:
        return DurationStats(count=0, missing=missing)
    return DurationStats(
        count=n,
        missing=missing,
        mean=timedelta(seconds=int(total or 0) / n),
        median=timedelta(seconds=int(mid_sum or 0) / int(mid_count or 1)),
        p90=timedelta(seconds=int(p90 or 0)),
    )


def _with_missing(
    stats: dict[Severity, DurationStats], counts: dict[Severity, tuple[int, int, int]], at: int
) -> dict[Severity, DurationStats]:
    """Add how many incidents of each severity lack the instant (never acknowledged...)."""
    out = {}
    for severity, figures in stats.items():
        total, known = counts.get(severity, (0, 0, 0))[0], counts.get(severity, (0, 0, 0))[at]
        out[severity] = replace(figures, missing=total - known)
    return out


def _bucket_index(column: ColumnElement[datetime], buckets: list[Bucket]) -> ColumnElement[int]:
    """Buckets are contiguous and in order: one comparison per bucket, first match wins."""
    return case(
        *[(column < b.end, literal(i)) for i, b in enumerate(buckets)],
        else_=literal(-1),
    )


class KpiQueries:
    """The report is a few independent queries; they run at the same time on the pool's
    connections (SQLite in WAL mode reads concurrently, and the driver releases the GIL while
    a query runs), so the dashboard waits for the slowest one, not for their sum."""

    def __init__(self, database: Database) -> None:
        self._db = database

    def report(
        self,
        start: datetime,
        end: datetime,
        months: list[Bucket],
        quarters: list[Bucket],
        required: tuple[Severity, ...],
        action_window: timedelta,
        now: datetime,
    ) -> KpiReport:
        period = [
            incidents.c.is_drill.is_(False),
            incidents.c.detected_at >= start,
            incidents.c.detected_at < end,
        ]
        counts = self._counts(period)
        acked = {s: c[1] for s, c in counts.items()}
        resolved = {s: c[2] for s, c in counts.items()}
        with ThreadPoolExecutor(max_workers=4, thread_name_prefix="kpi") as pool:
            mtta = pool.submit(self._durations, incidents.c.ack_seconds, period, acked)
            mttr = pool.submit(self._durations, incidents.c.resolve_seconds, period, resolved)
            monthly = pool.submit(self._monthly, period, months)
            signed = pool.submit(self._postmortems, period, required)
            closed = self._action_items(start, end, action_window, now)
            ack_stats = _with_missing(mtta.result(), counts, 1)
            res_stats = _with_missing(mttr.result(), counts, 2)
            per_month, monthly_ack, monthly_res = monthly.result()
            pm_required, pm_signed = signed.result()
        total = sum(c[0] for c in counts.values())
        per_quarter = []
        for quarter in quarters:
            sev1 = sum(
                counts[Severity.SEV1]
                for bucket, (_, counts) in zip(months, per_month, strict=True)
                if quarter.start <= bucket.start < quarter.end
            )
            per_quarter.append((quarter.label, sev1))
        return KpiReport(
            start=start,
            end=end,
            incidents=total,
            mtta=ack_stats,
            mttr=res_stats,
            per_month=per_month,
            sev1_per_quarter=per_quarter,
            postmortems_required=pm_required,
            postmortems_signed=pm_signed,
            action_items_due=closed[0],
            action_items_closed_in_window=closed[1],
            monthly_mtta_sev1=monthly_ack,
            monthly_mttr_sev1=monthly_res,
        )

    def _counts(self, period: list[ColumnElement[bool]]) -> dict[Severity, tuple[int, int, int]]:
        """Per severity: incidents, how many were acknowledged, how many are resolved."""
        query = (
            select(
                incidents.c.severity,
                func.count(),
                func.count(incidents.c.ack_seconds),
                func.count(incidents.c.resolve_seconds),
            )
            .where(*period)
            .group_by(incidents.c.severity)
        )
        with self._db.session() as session:
            return {
                Severity(sev): (int(n), int(acked), int(resolved))
                for sev, n, acked, resolved in session.execute(query)
            }

    def _durations(
        self,
        seconds: ColumnElement[int],
        period: list[ColumnElement[bool]],
        known: dict[Severity, int],
    ) -> dict[Severity, DurationStats]:
        """Mean, median and p90 of the known durations per severity. The ranks wanted are
        computed here from the counts, so the database numbers the rows and sums; it does not
        also have to count each partition (a second window costs as much as the first)."""
        ranked = (
            select(
                incidents.c.severity.label("severity"),
                seconds.label("value"),
                func.row_number()
                .over(partition_by=incidents.c.severity, order_by=seconds)
                .label("rank"),
            )
            .where(*period, seconds.is_not(None))
            .subquery()
        )
        value, rank, severity = ranked.c.value, ranked.c.rank, ranked.c.severity
        middle_ranks, p90_ranks = [], []
        for sev, n in known.items():
            if n:
                # the middle ranks: floor((n+1)/2) and floor((n+2)/2); p90: ceil(0.9 n)
                ranks = sorted({(n + 1) // 2, (n + 2) // 2})
                middle_ranks.append(and_(severity == sev.value, rank.in_(ranks)))
                p90_ranks.append(and_(severity == sev.value, rank == -(-9 * n // 10)))
        if not middle_ranks:
            return {s: DurationStats() for s in Severity}
        middle, p90 = or_(*middle_ranks), or_(*p90_ranks)
        query = select(
            severity,
            func.sum(value),
            func.sum(case((middle, value), else_=0)),
            func.sum(case((middle, 1), else_=0)),
            func.max(case((p90, value), else_=None)),
        ).group_by(severity)
        stats: dict[Severity, DurationStats] = {}
        with self._db.session() as session:
            for sev, *figures in session.execute(query):
                stats[Severity(sev)] = _duration_stats(known[Severity(sev)], figures, 0)
        return {s: stats.get(s, DurationStats()) for s in Severity}

    def _monthly(
        self, period: list[ColumnElement[bool]], months: list[Bucket]
    ) -> tuple[
        list[tuple[str, dict[Severity, int]]],
        list[tuple[str, timedelta | None]],
        list[tuple[str, timedelta | None]],
    ]:
        per_month = [(b.label, {s: 0 for s in Severity}) for b in months]
        monthly_ack: list[tuple[str, timedelta | None]] = [(b.label, None) for b in months]
        monthly_res: list[tuple[str, timedelta | None]] = [(b.label, None) for b in months]
        if not months:
            return per_month, monthly_ack, monthly_res
        ack, res = incidents.c.ack_seconds, incidents.c.resolve_seconds
        index = _bucket_index(incidents.c.detected_at, months).label("bucket")
        query = (
            select(
                index,
                incidents.c.severity,
                func.count(),
                func.sum(ack),
                func.count(ack),
                func.sum(res),
                func.count(res),
            )
            .where(*period)
            .group_by(index, incidents.c.severity)
        )
        with self._db.session() as session:
            rows = session.execute(query).all()
        for bucket, severity, count, ack_sum, ack_n, res_sum, res_n in rows:
            if bucket < 0:
                continue
            per_month[bucket][1][Severity(severity)] = int(count)
            if severity != Severity.SEV1.value:
                continue
            label = months[bucket].label
            if ack_n:
                monthly_ack[bucket] = (label, timedelta(seconds=int(ack_sum) / int(ack_n)))
            if res_n:
                monthly_res[bucket] = (label, timedelta(seconds=int(res_sum) / int(res_n)))
        return per_month, monthly_ack, monthly_res

    def _postmortems(
        self, period: list[ColumnElement[bool]], required: tuple[Severity, ...]
    ) -> tuple[int, int]:
        """Resolved incidents whose severity requires a post-mortem, and how many are signed."""
        query = (
            select(func.count(), func.count(postmortems.c.signed_at))
            .select_from(
                incidents.outerjoin(postmortems, postmortems.c.incident_id == incidents.c.id)
            )
            .where(
                *period,
                incidents.c.severity.in_([s.value for s in required]),
                incidents.c.resolved_at.is_not(None),
            )
        )
        with self._db.session() as session:
            required_count, signed = session.execute(query).one()
        return int(required_count or 0), int(signed or 0)

    def _action_items(
        self, start: datetime, end: datetime, window: timedelta, now: datetime
    ) -> tuple[int, int]:
        """Items created in the period whose window is over (or done), and those done in it."""
        items = action_items.join(
            postmortems, action_items.c.postmortem_id == postmortems.c.id
        ).join(incidents, postmortems.c.incident_id == incidents.c.id)
        closed_in_window = and_(
            action_items.c.closed_at.is_not(None),
            seconds_between(action_items.c.created_at, action_items.c.closed_at)
            <= int(window.total_seconds()),
        )
        query = (
            select(func.count(), func.sum(case((closed_in_window, 1), else_=0)))
            .select_from(items)
            .where(
                incidents.c.is_drill.is_(False),
                action_items.c.created_at >= start,
                action_items.c.created_at < end,
                or_(
                    action_items.c.created_at <= now - window,
                    action_items.c.closed_at.is_not(None),
                ),
            )
        )
        with self._db.session() as session:
            due, in_window = session.execute(query).one()
        return int(due or 0), int(in_window or 0)

"""History pages and KPI figures, computed by the database.

Everything is aggregated in SQL that SQLite (≥ 3.25, window functions) and PostgreSQL run
alike: durations in whole seconds, percentiles by row number, months and quarters as CASE
buckets whose bounds (the team's calendar, in UTC) come from Python. Drills never count.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import (
    Integer,
    and_,
    case,
    func,
    literal,
    or_,
    select,
)
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.elements import ColumnElement
from sqlalchemy.sql.functions import FunctionElement

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
from oncall_desktop.storage.tables import ActionItemRow, IncidentRow, PostmortemRow

incidents = IncidentRow.__table__
action_items = ActionItemRow.__table__
postmortems = PostmortemRow.__table__


class seconds_between(FunctionElement[int]):
    """Whole seconds from the first instant to the second, on either backend."""

    type = Integer()
    inherit_cache = True


@compiles(seconds_between, "sqlite")
def _sqlite_seconds(element: seconds_between, compiler: Any, **kw: Any) -> str:
    start, end = list(element.clauses)
    return (
        f"CAST(ROUND((julianday({compiler.process(end, **kw)}) - "
        f"julianday({compiler.process(start, **kw)})) * 86400) AS INTEGER)"
    )


@compiles(seconds_between, "postgresql")
def _pg_seconds(element: seconds_between, compiler: Any, **kw: Any) -> str:
    start, end = list(element.clauses)
    return (
        f"CAST(ROUND(EXTRACT(EPOCH FROM ({compiler.process(end, **kw)} - "
        f"{compiler.process(start, **kw)}))) AS INTEGER)"
    )


TIME_TO_ACK = seconds_between(incidents.c.detected_at, incidents.c.acknowledged_at)
TIME_TO_RESOLVE = seconds_between(incidents.c.detected_at, incidents.c.resolved_at)
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
        order = [key.desc() if descending else key.asc()]
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


def _stats(
    session: Any, seconds: ColumnElement[int], period: list[ColumnElement[bool]]
) -> dict[Severity, DurationStats]:
    """Mean, median and p90 per severity, with the count of incidents lacking the instant."""
    ranked = (
        select(
            incidents.c.severity.label("severity"),
            seconds.label("seconds"),
            func.row_number()
            .over(partition_by=incidents.c.severity, order_by=seconds)
            .label("rank"),
            func.count().over(partition_by=incidents.c.severity).label("n"),
        )
        .where(*period, seconds.is_not(None))
        .subquery()
    )
    # middle ranks: floor((n+1)/2) and floor((n+2)/2); p90: ceil(0.9 n) = floor((9n + 9) / 10)
    is_middle = or_(ranked.c.rank == (ranked.c.n + 1) // 2, ranked.c.rank == (ranked.c.n + 2) // 2)
    p90_rank = (ranked.c.n * 9 + 9) // 10
    query = select(
        ranked.c.severity,
        func.max(ranked.c.n),
        func.sum(ranked.c.seconds),
        func.sum(case((is_middle, ranked.c.seconds), else_=0)),
        func.sum(case((is_middle, 1), else_=0)),
        func.max(case((ranked.c.rank == p90_rank, ranked.c.seconds), else_=None)),
    ).group_by(ranked.c.severity)
    found = {}
    for severity, n, total, mid_sum, mid_count, p90 in session.execute(query):
        found[Severity(severity)] = (int(n), int(total), int(mid_sum), int(mid_count), p90)
    missing = dict(
        session.execute(
            select(incidents.c.severity, func.count())
            .where(*period, seconds.is_(None))
            .group_by(incidents.c.severity)
        ).all()
    )
    out = {}
    for severity in Severity:
        gaps = int(missing.get(severity.value, 0))
        if severity not in found:
            out[severity] = DurationStats(count=0, missing=gaps)
            continue
        n, total, mid_sum, mid_count, p90 = found[severity]
        out[severity] = DurationStats(
            count=n,
            missing=gaps,
            mean=timedelta(seconds=total / n),
            median=timedelta(seconds=mid_sum / mid_count),
            p90=timedelta(seconds=int(p90)),
        )
    return out


def _bucket_index(column: ColumnElement[datetime], buckets: list[Bucket]) -> ColumnElement[int]:
    return case(
        *[(and_(column >= b.start, column < b.end), literal(i)) for i, b in enumerate(buckets)],
        else_=literal(-1),
    )


class KpiQueries:
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
        with self._db.session() as session:
            total = int(
                session.scalar(select(func.count()).select_from(incidents).where(*period)) or 0
            )
            mtta = _stats(session, TIME_TO_ACK, period)
            mttr = _stats(session, TIME_TO_RESOLVE, period)

            per_month: list[tuple[str, dict[Severity, int]]] = [
                (b.label, {s: 0 for s in Severity}) for b in months
            ]
            monthly_ack: list[tuple[str, timedelta | None]] = [(b.label, None) for b in months]
            monthly_res: list[tuple[str, timedelta | None]] = [(b.label, None) for b in months]
            if months:
                index = _bucket_index(incidents.c.detected_at, months).label("bucket")
                rows = session.execute(
                    select(index, incidents.c.severity, func.count())
                    .where(*period)
                    .group_by(index, incidents.c.severity)
                )
                for bucket, severity, count in rows:
                    if bucket >= 0:
                        per_month[bucket][1][Severity(severity)] = int(count)
                sev1 = [*period, incidents.c.severity == Severity.SEV1.value]
                for seconds, target in ((TIME_TO_ACK, monthly_ack), (TIME_TO_RESOLVE, monthly_res)):
                    rows = session.execute(
                        select(index, func.sum(seconds), func.count(seconds))
                        .where(*sev1, seconds.is_not(None))
                        .group_by(index)
                    )
                    for bucket, total_seconds, count in rows:
                        if bucket >= 0 and count:
                            target[bucket] = (
                                target[bucket][0],
                                timedelta(seconds=int(total_seconds) / int(count)),
                            )

            per_quarter: list[tuple[str, int]] = [(b.label, 0) for b in quarters]
            if quarters:
                index = _bucket_index(incidents.c.detected_at, quarters).label("bucket")
                rows = session.execute(
                    select(index, func.count())
                    .where(*period, incidents.c.severity == Severity.SEV1.value)
                    .group_by(index)
                )
                for bucket, count in rows:
                    if bucket >= 0:
                        per_quarter[bucket] = (per_quarter[bucket][0], int(count))

            needs_pm = [
                *period,
                incidents.c.severity.in_([s.value for s in required]),
                incidents.c.resolved_at.is_not(None),
            ]
            pm_required = int(
                session.scalar(select(func.count()).select_from(incidents).where(*needs_pm)) or 0
            )
            pm_signed = int(
                session.scalar(
                    select(func.count())
                    .select_from(
                        incidents.join(postmortems, postmortems.c.incident_id == incidents.c.id)
                    )
                    .where(*needs_pm, postmortems.c.signed_at.is_not(None))
                )
                or 0
            )

            window_days = action_window.total_seconds() / 86400
            items = action_items.join(
                postmortems, action_items.c.postmortem_id == postmortems.c.id
            ).join(incidents, postmortems.c.incident_id == incidents.c.id)
            item_period = [
                incidents.c.is_drill.is_(False),
                action_items.c.created_at >= start,
                action_items.c.created_at < end,
            ]
            window_over = action_items.c.created_at <= now - action_window
            closed_in_window = and_(
                action_items.c.closed_at.is_not(None),
                seconds_between(action_items.c.created_at, action_items.c.closed_at)
                <= int(window_days * 86400),
            )
            due, in_window = session.execute(
                select(
                    func.count(),
                    func.sum(case((closed_in_window, 1), else_=0)),
                )
                .select_from(items)
                .where(*item_period, or_(window_over, action_items.c.closed_at.is_not(None)))
            ).one()
        return KpiReport(
            start=start,
            end=end,
            incidents=total,
            mtta=mtta,
            mttr=mttr,
            per_month=per_month,
            sev1_per_quarter=per_quarter,
            postmortems_required=pm_required,
            postmortems_signed=pm_signed,
            action_items_due=int(due or 0),
            action_items_closed_in_window=int(in_window or 0),
            monthly_mtta_sev1=monthly_ack,
            monthly_mttr_sev1=monthly_res,
        )

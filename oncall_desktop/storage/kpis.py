"""KPI figures, computed by the database (and the history's queries, storage/history.py).

The KPIs are added up from the facts kept with every write (storage/kpi_facts.py), in SQL
that SQLite and PostgreSQL run alike: a period is read as the fewest aligned spans (64 and 8
days, days, hours) plus the few incidents at its edges (storage/rollups.py); months and
quarters are cut where the team's calendar (in UTC, from Python) says. Drills never count.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from dataclasses import astuple
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import (
    and_,
    case,
    func,
    literal,
    or_,
    select,
    union_all,
)
from sqlalchemy.orm import Session

from oncall_desktop.core.kpis import (
    Bucket,
    DurationStats,
    KpiReport,
    bin_is_exact,
    closed_after_days,
    middle_ranks,
    p90_rank,
)
from oncall_desktop.core.policy import Severity
from oncall_desktop.storage.db import Database
from oncall_desktop.storage.history import HistoryQueries as HistoryQueries  # its old home
from oncall_desktop.storage.kpi_facts import HISTOGRAM_SPANS, OPEN_ITEM
from oncall_desktop.storage.rollups import (
    Sums,
    in_pieces,
    period_sums,
    pieces,
    snapshot,
    tag_of,
)
from oncall_desktop.storage.sqlfunctions import seconds_between
from oncall_desktop.storage.tables import (
    ActionItemRow,
    IncidentKpiRow,
    IncidentRow,
    KpiHistogramRow,
    PostmortemRow,
)

log = logging.getLogger(__name__)

incidents = IncidentRow.__table__
action_items = ActionItemRow.__table__
postmortems = PostmortemRow.__table__
facts = IncidentKpiRow.__table__
histograms = KpiHistogramRow.__table__


def _intervals(
    start: datetime, end: datetime, months: list[Bucket]
) -> list[tuple[datetime, datetime, int | None]]:
    """The period cut where the months begin and end: (start, end, the month's index), None
    for a part in no month (counted in the period, in no month)."""
    cuts = sorted(
        (max(b.start, start), min(b.end, end), i)
        for i, b in enumerate(months)
        if b.start < end and b.end > start
    )
    out: list[tuple[datetime, datetime, int | None]] = []
    at = start
    for lo, hi, index in cuts:
        if lo > at:
            out.append((at, lo, None))
        if hi > max(lo, at):
            out.append((max(lo, at), hi, index))
        at = max(at, hi)
    if at < end:
        out.append((at, end, None))
    return out


class KpiQueries:
    """The report from the KPI facts (storage/kpi_facts.py), all of it read in one snapshot:
    counts and totals from ``kpi_counts``, medians and p90s from ``kpi_histograms`` (the bin
    that holds the wanted rank, then that bin's few values in the period, in order), action
    items from their histogram. A few thousand rows whatever the period and the history's
    size: tens of milliseconds at a million incidents, and a change is counted at once."""

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
        with self._db.session() as session:
            snapshot(session)
            intervals = _intervals(start, end, months)
            sums = period_sums(session, intervals)
            histograms = self._histograms(session, start, end)
            stats = self._duration_stats(session, start, end, sums, histograms)
            if action_window % timedelta(days=1):
                closed = self._action_items_by_rows(session, start, end, action_window, now)
            else:
                closed = self._action_items(session, start, end, action_window, now)
        totals = {s: Sums() for s in Severity}
        per_month = [(b.label, {s: 0 for s in Severity}) for b in months]
        monthly_ack: list[tuple[str, timedelta | None]] = [(b.label, None) for b in months]
        monthly_res: list[tuple[str, timedelta | None]] = [(b.label, None) for b in months]
        month_sev1 = [Sums() for _ in months]
        for (_, _, index), by_severity in zip(intervals, sums, strict=True):
            for severity, figures in by_severity.items():
                totals[severity].add(astuple(figures))
                if index is not None:
                    per_month[index][1][severity] += figures.incidents
                    if severity is Severity.SEV1:
                        month_sev1[index].add(astuple(figures))
        for i, (bucket, figures) in enumerate(zip(months, month_sev1, strict=True)):
            if figures.acknowledged:
                mean = timedelta(seconds=figures.ack_total / figures.acknowledged)
                monthly_ack[i] = (bucket.label, mean)
            if figures.resolved:
                mean = timedelta(seconds=figures.resolve_total / figures.resolved)
                monthly_res[i] = (bucket.label, mean)
        per_quarter = []
        for quarter in quarters:
            sev1 = sum(
                in_month[Severity.SEV1]
                for bucket, (_, in_month) in zip(months, per_month, strict=True)
                if quarter.start <= bucket.start < quarter.end
            )
            per_quarter.append((quarter.label, sev1))
        return KpiReport(
            start=start,
            end=end,
            incidents=sum(t.incidents for t in totals.values()),
            mtta=stats["ack"],
            mttr=stats["resolve"],
            per_month=per_month,
            sev1_per_quarter=per_quarter,
            postmortems_required=sum(totals[s].resolved for s in required),
            postmortems_signed=sum(totals[s].signed for s in required),
            action_items_due=closed[0],
            action_items_closed_in_window=closed[1],
            monthly_mtta_sev1=monthly_ack,
            monthly_mttr_sev1=monthly_res,
        )

    def _histograms(
        self, session: Session, start: datetime, end: datetime
    ) -> dict[tuple[str, Severity], dict[int, int]]:
        """How many of the period's times to acknowledge and to resolve fall in each bin."""
        out: dict[tuple[str, Severity], dict[int, int]] = defaultdict(lambda: defaultdict(int))
        if start >= end:
            return out
        parts = pieces(start, end, HISTOGRAM_SPANS)
        rolled = [p for p in parts if p.span is not None]
        raw = [p for p in parts if p.span is None]
        rows: list[Any] = []
        if rolled:
            rows += session.execute(
                select(
                    histograms.c.metric,
                    histograms.c.severity,
                    histograms.c.bin,
                    func.sum(histograms.c.count),
                )
                .where(
                    histograms.c.metric.in_(["ack", "resolve"]),
                    in_pieces(rolled, histograms.c.start, histograms.c.span),
                )
                .group_by(histograms.c.metric, histograms.c.severity, histograms.c.bin)
            ).all()
        if raw:
            for metric, column in (("ack", facts.c.ack_bin), ("resolve", facts.c.resolve_bin)):
                rows += [
                    (metric, *row)
                    for row in session.execute(
                        select(facts.c.severity, column, func.count())
                        .where(in_pieces(raw, facts.c.detected_at), column.is_not(None))
                        .group_by(facts.c.severity, column)
                    )
                ]
        for metric, severity, bin_, count in rows:
            out[(metric, Severity(severity))][int(bin_)] += int(count)
        return out

    def _duration_stats(
        self,
        session: Session,
        start: datetime,
        end: datetime,
        sums: list[dict[Severity, Sums]],
        histograms: dict[tuple[str, Severity], dict[int, int]],
    ) -> dict[str, dict[Severity, DurationStats]]:
        """Mean from the totals; median and p90 from the values at their ranks, each found in
        its bin: the bin from the histogram, then the value among that bin's few values in
        the period (one query for all of them)."""
        totals = {s: Sums() for s in Severity}
        for by_severity in sums:
            for severity, figures in by_severity.items():
                totals[severity].add(astuple(figures))
        values: dict[tuple[str, Severity, int], int] = {}
        lookups: list[tuple[str, Severity, int, list[tuple[int, int]]]] = []
        figures_of: dict[tuple[str, Severity], tuple[int, int, int]] = {}
        for metric in ("ack", "resolve"):
            for severity in Severity:
                figures = totals[severity]
                known, total = (
                    (figures.acknowledged, figures.ack_total)
                    if metric == "ack"
                    else (figures.resolved, figures.resolve_total)
                )
                figures_of[(metric, severity)] = (known, figures.incidents - known, total)
                if not known:
                    continue
                ranks = sorted({*middle_ranks(known), p90_rank(known)})
                bins = histograms.get((metric, severity), {})
                if sum(bins.values()) != known:  # never expected: both are written together
                    log.warning("KPI histogram out of step: %s %s", metric, severity.value)
                    found = self._ranked_by_sorting(session, metric, severity, start, end, ranks)
                    values.update({(metric, severity, r): v for r, v in found.items()})
                    continue
                for bin_, places in _places(bins, ranks).items():
                    if bin_is_exact(bin_):
                        values.update({(metric, severity, rank): bin_ for rank, _ in places})
                    else:
                        lookups.append((metric, severity, bin_, places))
        values.update(self._ranked(session, start, end, lookups))
        out: dict[str, dict[Severity, DurationStats]] = {"ack": {}, "resolve": {}}
        for (metric, severity), (known, missing, total) in figures_of.items():
            out[metric][severity] = DurationStats.of(
                known,
                missing,
                total,
                [values[(metric, severity, r)] for r in middle_ranks(known)] if known else [],
                values.get((metric, severity, p90_rank(known))),
            )
        return out

    def _ranked(
        self,
        session: Session,
        start: datetime,
        end: datetime,
        lookups: list[tuple[str, Severity, int, list[tuple[int, int]]]],
    ) -> dict[tuple[str, Severity, int], int]:
        """For each (metric, severity, bin, [(rank, place in the bin)]): the values at those
        places among the bin's values in the period, in order; the index that leads with the
        severity and the bin holds them by detection, so only they are read and sorted."""
        if not lookups:
            return {}
        parts = []
        for i, (metric, severity, bin_, places) in enumerate(lookups):
            seconds = facts.c.ack_seconds if metric == "ack" else facts.c.resolve_seconds
            binned = facts.c.ack_bin if metric == "ack" else facts.c.resolve_bin
            first = min(p for _, p in places)
            last = max(p for _, p in places)
            inner = (
                select(seconds.label("value"))
                .where(
                    facts.c.severity == severity.value,
                    binned == bin_,
                    facts.c.detected_at >= start,
                    facts.c.detected_at < end,
                )
                .order_by(seconds)
                .offset(first - 1)
                .limit(last - first + 1)
                .subquery()
            )
            parts.append(select(literal(i).label("lookup"), inner.c.value))
        found: dict[int, list[int]] = defaultdict(list)
        for lookup, value in session.execute(union_all(*parts)):
            found[int(lookup)].append(int(value))
        out: dict[tuple[str, Severity, int], int] = {}
        for i, (metric, severity, _, places) in enumerate(lookups):
            ordered = sorted(found[i])
            first = min(p for _, p in places)
            for rank, place in places:
                out[(metric, severity, rank)] = ordered[min(place - first, len(ordered) - 1)]
        return out

    def _ranked_by_sorting(
        self,
        session: Session,
        metric: str,
        severity: Severity,
        start: datetime,
        end: datetime,
        ranks: list[int],
    ) -> dict[int, int]:
        """The same from the period's facts sorted (slow on a large history)."""
        seconds = facts.c.ack_seconds if metric == "ack" else facts.c.resolve_seconds
        query = (
            select(seconds)
            .where(
                facts.c.severity == severity.value,
                seconds.is_not(None),
                facts.c.detected_at >= start,
                facts.c.detected_at < end,
            )
            .order_by(seconds)
        )
        return {r: int(session.scalars(query.offset(r - 1).limit(1)).one()) for r in ranks}

    def _action_items(
        self, session: Session, start: datetime, end: datetime, window: timedelta, now: datetime
    ) -> tuple[int, int]:
        """Items created in the period whose window is over (or done), and those done in it:
        from the items' histogram of days to done, as two parts of the period, the one whose
        window is over (created at or before now - window) and the one whose is not."""
        cut = max(start, min(end, now - window + timedelta(microseconds=1)))
        parts = [(start, cut), (cut, end)]
        days = window // timedelta(days=1)
        found: list[dict[int, int]] = [defaultdict(int), defaultdict(int)]
        ends = [cut, end]
        rolled = [
            (p, i)
            for i, (lo, hi) in enumerate(parts)
            for p in pieces(lo, hi, HISTOGRAM_SPANS)
            if p.span is not None
        ]
        raw = [
            (p, i)
            for i, (lo, hi) in enumerate(parts)
            for p in pieces(lo, hi, HISTOGRAM_SPANS)
            if p.span is None
        ]
        if rolled:
            tag = tag_of(histograms.c.start, ends).label("tag")
            query = (
                select(tag, histograms.c.bin, func.sum(histograms.c.count))
                .where(
                    histograms.c.metric == "item",
                    in_pieces([p for p, _ in rolled], histograms.c.start, histograms.c.span),
                )
                .group_by(tag, histograms.c.bin)
            )
            for index, bin_, count in session.execute(query):
                if index >= 0:
                    found[index][int(bin_)] += int(count)
        if raw:
            # from the items created in those few hours (the index on created_at), each
            # checked for its incident: the other way round reads every incident
            real = (
                select(literal(1))
                .select_from(
                    postmortems.join(incidents, postmortems.c.incident_id == incidents.c.id)
                )
                .where(
                    postmortems.c.id == action_items.c.postmortem_id,
                    incidents.c.is_drill.is_(False),
                )
                .exists()
            )
            query = select(action_items.c.created_at, action_items.c.closed_at).where(
                in_pieces([p for p, _ in raw], action_items.c.created_at), real
            )
            for created_at, closed_at in session.execute(query):
                done = closed_after_days(created_at, closed_at)
                index = 0 if created_at < cut else 1
                found[index][OPEN_ITEM if done is None else done] += 1
        due = sum(found[0].values()) + sum(n for b, n in found[1].items() if b != OPEN_ITEM)
        in_window = sum(n for part in found for b, n in part.items() if 0 <= b <= days)
        return due, in_window

    def _action_items_by_rows(
        self, session: Session, start: datetime, end: datetime, window: timedelta, now: datetime
    ) -> tuple[int, int]:
        """The same from the items themselves, for a window that is not whole days (the
        procedure's is; the histogram counts in days)."""
        closed_in_window = and_(
            action_items.c.closed_at.is_not(None),
            seconds_between(action_items.c.created_at, action_items.c.closed_at)
            <= int(window.total_seconds()),
        )
        query = (
            select(func.count(), func.sum(case((closed_in_window, 1), else_=0)))
            .select_from(_items_of_incidents())
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
        due, in_window = session.execute(query).one()
        return int(due or 0), int(in_window or 0)


def _places(bins: dict[int, int], ranks: list[int]) -> dict[int, list[tuple[int, int]]]:
    """Which bin holds each rank (ranks from 1, in order), and its place in that bin."""
    out: dict[int, list[tuple[int, int]]] = defaultdict(list)
    below, pending = 0, list(ranks)
    for bin_ in sorted(bins):
        count = bins[bin_]
        while pending and pending[0] <= below + count:
            rank = pending.pop(0)
            out[bin_].append((rank, rank - below))
        below += count
        if not pending:
            break
    return out


def _items_of_incidents() -> Any:
    return action_items.join(postmortems, action_items.c.postmortem_id == postmortems.c.id).join(
        incidents, postmortems.c.incident_id == incidents.c.id
    )

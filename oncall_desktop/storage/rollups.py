"""Reading the KPI rollups (storage/kpi_facts.py) for any period.

A period is read as the fewest aligned spans, largest first (64-day blocks in the middle, then
8-day blocks, days, hours toward either edge), and the few incidents left at its edges from
their facts: a few hundred rows whatever the period and the history's size. Several
contiguous intervals (a period cut into months) are read by one query, each row tagged with
its interval.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import and_, case, func, literal, or_, select, text
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from oncall_desktop.core.policy import Severity
from oncall_desktop.storage.kpi_facts import COUNT_FIGURES, COUNT_SPANS, span_start
from oncall_desktop.storage.tables import IncidentKpiRow, KpiCountRow

facts = IncidentKpiRow.__table__
counts = KpiCountRow.__table__


@dataclass(frozen=True)
class Piece:
    """A part of a period read from one place: the rollups of ``span`` seconds whose start
    is in [start, end), or (span None) the facts themselves."""

    span: int | None
    start: datetime
    end: datetime


def pieces(start: datetime, end: datetime, spans: tuple[int, ...]) -> list[Piece]:
    """[start, end) as the fewest aligned spans (``spans`` largest first, each a multiple of
    the next) and the rest as raw facts."""
    out: list[Piece] = []

    def split(a: datetime, b: datetime, level: int) -> None:
        if a >= b:
            return
        if level == len(spans):
            out.append(Piece(None, a, b))
            return
        span = spans[level]
        lo = span_start(a, span)
        lo = lo if lo == a else lo + timedelta(seconds=span)
        hi = span_start(b, span)
        if lo >= hi:
            split(a, b, level + 1)
            return
        split(a, lo, level + 1)
        out.append(Piece(span, lo, hi))
        split(hi, b, level + 1)

    split(start, end, 0)
    return out


def in_pieces(
    parts: list[Piece], start: ColumnElement[datetime], span: ColumnElement[int] | None = None
) -> ColumnElement[bool]:
    return or_(
        *[
            and_(
                *([span == p.span] if span is not None else []),
                start >= p.start,
                start < p.end,
            )
            for p in parts
        ]
    )


def tag_of(column: ColumnElement[datetime], ends: list[datetime]) -> ColumnElement[int]:
    """Which of the contiguous intervals ending at ``ends`` holds the instant (-1: none)."""
    return case(*[(column < end, literal(i)) for i, end in enumerate(ends)], else_=literal(-1))


@dataclass
class Sums:
    incidents: int = 0
    acknowledged: int = 0
    ack_total: int = 0
    resolved: int = 0
    resolve_total: int = 0
    signed: int = 0

    def add(self, figures: tuple[Any, ...]) -> None:
        self.incidents += int(figures[0] or 0)
        self.acknowledged += int(figures[1] or 0)
        self.ack_total += int(figures[2] or 0)
        self.resolved += int(figures[3] or 0)
        self.resolve_total += int(figures[4] or 0)
        self.signed += int(figures[5] or 0)


def period_sums(
    session: Session, intervals: list[tuple[datetime, datetime, Any]]
) -> list[dict[Severity, Sums]]:
    """Per contiguous interval (start, end, anything) and severity: the incidents detected
    in it (drills never), how many were acknowledged and resolved with their total seconds,
    how many resolved have a signed post-mortem."""
    out: list[dict[Severity, Sums]] = [defaultdict(Sums) for _ in intervals]
    if not intervals:
        return out
    ends = [hi for _, hi, _ in intervals]
    parts = [p for lo, hi, _ in intervals for p in pieces(lo, hi, COUNT_SPANS)]
    rolled = [p for p in parts if p.span is not None]
    raw = [p for p in parts if p.span is None]
    queries = []
    if rolled:
        tag = tag_of(counts.c.start, ends).label("tag")
        queries.append(
            select(tag, counts.c.severity, *[func.sum(counts.c[name]) for name in COUNT_FIGURES])
            .where(in_pieces(rolled, counts.c.start, counts.c.span))
            .group_by(tag, counts.c.severity)
        )
    if raw:
        tag = tag_of(facts.c.detected_at, ends).label("tag")
        signed = and_(facts.c.postmortem_signed.is_(True), facts.c.resolve_seconds.is_not(None))
        queries.append(
            select(
                tag,
                facts.c.severity,
                func.count(),
                func.count(facts.c.ack_seconds),
                func.sum(facts.c.ack_seconds),
                func.count(facts.c.resolve_seconds),
                func.sum(facts.c.resolve_seconds),
                func.sum(case((signed, 1), else_=0)),
            )
            .where(in_pieces(raw, facts.c.detected_at))
            .group_by(tag, facts.c.severity)
        )
    for query in queries:
        for index, severity, *figures in session.execute(query):
            if index >= 0:
                out[index][Severity(severity)].add(tuple(figures))
    return out


def snapshot(session: Session) -> None:
    """Every later query of the session reads the same committed state (a report made while
    a console writes stays whole): SQLite's read transaction, PostgreSQL's repeatable read.
    Call it first."""
    if session.get_bind().dialect.name == "sqlite":
        session.execute(text("BEGIN"))
    else:
        session.connection(execution_options={"isolation_level": "REPEATABLE READ"})

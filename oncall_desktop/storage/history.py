"""The history's counts and pages, however many incidents there are.

Each order the history offers has its index (detection, severity, status, title, the two
durations either way; migration 0011), ending with the id and is_drill: a page is a walk
along one index from where it starts, never a sort of the history. A count without words
or statuses is added up from the KPI rollups (drills, never in them, counted apart). Words
are looked up in the titles' trigram index where the database has one (storage/search.py):
a common word is found by walking the order's index until a page is full, a rare one from
the trigram index; the condition that decides is the same either way.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import ColumnElement, column, func, select, table
from sqlalchemy.orm import Session

from oncall_desktop.core.kpis import HistoryFilter, HistoryRow, SortKey
from oncall_desktop.core.policy import Severity
from oncall_desktop.storage import search
from oncall_desktop.storage.db import Database
from oncall_desktop.storage.rollups import period_sums
from oncall_desktop.storage.tables import IncidentRow

incidents = IncidentRow.__table__
c = incidents.c

# The keys of each order, before the id; the durations' depend on the direction ("never" last).
SORT_KEYS: dict[SortKey, tuple[tuple[ColumnElement[Any], ...], tuple[ColumnElement[Any], ...]]] = {
    SortKey.DETECTED: ((c.detected_at,), (c.detected_at,)),
    SortKey.SEVERITY: ((c.severity, c.detected_at), (c.severity, c.detected_at)),
    SortKey.STATUS: ((c.status, c.detected_at), (c.status, c.detected_at)),
    SortKey.TITLE: ((c.sort_title,), (c.sort_title,)),
    SortKey.TIME_TO_ACK: ((c.sort_ack_up,), (c.sort_ack_down,)),
    SortKey.TIME_TO_RESOLVE: ((c.sort_resolve_up,), (c.sort_resolve_down,)),
}
ROW_COLUMNS = (
    c.id,
    c.title,
    c.severity,
    c.status,
    c.detected_at,
    c.acknowledged_at,
    c.resolved_at,
    c.is_drill,
)
# A word is first looked for along the order, this far: a common word fills a page long
# before; fewer matches there, and the trigram index finds them all.
PROBE_ROWS = 20_000
PROBE_ROWS_MAX = 100_000
FEW = 5_000  # titles with the words, counted from the trigram index
EARLIEST = datetime(1900, 1, 1, tzinfo=UTC)
LATEST = datetime(3000, 1, 1, tzinfo=UTC)


def _keys(sort: SortKey, descending: bool) -> list[ColumnElement[Any]]:
    return [*SORT_KEYS[sort][descending], c.id]


def _ordered(keys: list[Any], descending: bool) -> list[ColumnElement[Any]]:
    return [key.desc() if descending else key.asc() for key in keys]


def _where(flt: HistoryFilter, words: bool = True) -> list[ColumnElement[bool]]:
    clauses: list[ColumnElement[bool]] = []
    if not flt.include_drills:
        clauses.append(c.is_drill.is_(False))
    if flt.severities:
        clauses.append(c.severity.in_(sorted(s.value for s in flt.severities)))
    if flt.statuses:
        clauses.append(c.status.in_(sorted(flt.statuses)))
    if flt.detected_from is not None:
        clauses.append(c.detected_at >= flt.detected_from)
    if flt.detected_before is not None:
        clauses.append(c.detected_at < flt.detected_before)
    text = _words(flt)
    if text and words:
        # the title as lower() has it (sort_title), holding the words; % and _ as typed
        clauses.append(c.sort_title.contains(text, autoescape=True))
    return clauses


def _words(flt: HistoryFilter) -> str:
    return flt.text.strip().lower()


def _words_only(flt: HistoryFilter) -> bool:
    """Nothing but words (and drills or not): all of it is in the title index."""
    return replace(flt, include_drills=False) == HistoryFilter(text=flt.text)


def _fts_candidates(text: str) -> ColumnElement[bool]:
    """The incidents whose title has the words, by SQLite's trigram index (a superset: the
    index folds case beyond ASCII; the history's own condition decides)."""
    titles = table(search.FTS_TABLE, column("rowid"), column("title"))
    return c.id.in_(select(titles.c.rowid).where(titles.c.title.like(f"%{text}%")))


class HistoryQueries:
    def __init__(self, database: Database) -> None:
        self._db = database
        self._indexed: bool | None = None  # whether the titles' trigram index is there

    def _search_indexed(self, session: Session) -> bool:
        if self._indexed is None:
            self._indexed = search.available(session.connection())
        return self._indexed

    def _fts(self, session: Session, flt: HistoryFilter) -> bool:
        """Whether to narrow by SQLite's trigram index (PostgreSQL's serves the condition
        itself)."""
        text = _words(flt)
        return (
            self._db.is_sqlite
            and bool(text)
            and search.searchable(text)
            and self._search_indexed(session)
        )

    def count(self, flt: HistoryFilter) -> int:
        with self._db.session() as session:
            words = _words(flt)
            if not words and not flt.statuses:
                return self._count_from_rollups(session, flt)
            clauses = _where(flt)
            query = select(func.count()).select_from(incidents)
            if self._fts(session, flt) and self._few(session, words):
                clauses.append(_fts_candidates(words))
            elif self._db.is_sqlite and words and _words_only(flt):
                # a common word: every title read from the title index, not the table (left
                # to itself, SQLite reads the table: more than twice as long); the range,
                # true of every title, is what makes it take the index
                clauses.append(c.sort_title >= "")
            return int(session.scalar(query.where(*clauses)) or 0)

    def _few(self, session: Session, words: str) -> bool:
        """Whether the trigram index has few titles with the words (then they are counted
        from it: a few lookups; else by reading every title, which costs the same whatever
        the word)."""
        titles = table(search.FTS_TABLE, column("rowid"), column("title"))
        some = select(titles.c.rowid).where(titles.c.title.like(f"%{words}%")).limit(FEW)
        return int(session.scalar(select(func.count()).select_from(some.subquery())) or 0) < FEW

    def _count_from_rollups(self, session: Session, flt: HistoryFilter) -> int:
        start, end = flt.detected_from or EARLIEST, flt.detected_before or LATEST
        if start >= end:
            return 0
        (by_severity,) = period_sums(session, [(start, end, None)])
        total = sum(
            figures.incidents
            for severity, figures in by_severity.items()
            if not flt.severities or severity in flt.severities
        )
        if flt.include_drills:  # never in the rollups; few
            drills = select(func.count()).where(c.is_drill.is_(True), *_where(flt))
            total += int(session.scalar(drills) or 0)
        return total

    def page(
        self,
        flt: HistoryFilter,
        sort: SortKey = SortKey.DETECTED,
        descending: bool = True,
        offset: int = 0,
        limit: int = 200,
    ) -> list[HistoryRow]:
        keys = _keys(sort, descending)
        order = _ordered(keys, descending)
        with self._db.session() as session:
            clauses = _where(flt)
            rows: list[Any] = []
            if self._fts(session, flt):
                rows = self._probe(session, flt, keys, descending, offset, limit)
                if len(rows) < limit:  # a rare word: the index has them all
                    clauses.append(_fts_candidates(_words(flt)))
                    rows = []
            if not rows:
                # the page's ids from the order's index alone (what is skipped is never
                # read from the table: PostgreSQL would, row by row), then their rows
                ids = select(c.id).where(*clauses).order_by(*order).offset(offset).limit(limit)
                query = select(*ROW_COLUMNS).where(c.id.in_(ids.scalar_subquery())).order_by(*order)
                rows = list(session.execute(query))
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
                for r in rows
            ]

    def _probe(
        self,
        session: Session,
        flt: HistoryFilter,
        keys: list[Any],
        descending: bool,
        offset: int,
        limit: int,
    ) -> list[Any]:
        """The page among the first rows along the order's index (the words checked on
        those only): a common word's page is there."""
        budget = min(max(PROBE_ROWS, 10 * (offset + limit)), PROBE_ROWS_MAX)
        wanted = {col.name: col for col in (*ROW_COLUMNS, *keys, c.sort_title)}
        head = (
            select(*wanted.values())
            .where(*_where(flt, words=False))
            .order_by(*_ordered(keys, descending))
            .limit(budget)
            .subquery()
        )
        outer = (
            select(*[head.c[col.name] for col in ROW_COLUMNS])
            .where(head.c.sort_title.contains(_words(flt), autoescape=True))
            .order_by(*_ordered([head.c[key.name] for key in keys], descending))
            .offset(offset)
            .limit(limit)
        )
        return list(session.execute(outer))

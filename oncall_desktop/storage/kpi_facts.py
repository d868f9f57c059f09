"""The KPI facts, kept by every write that changes them, in the same transaction.

Each incident's contribution (core.kpis.IncidentFacts) is one row of ``incident_kpis``, and
is added into ``kpi_counts`` (counts and total seconds) and ``kpi_histograms`` (the durations'
bins, and the action items' days to done) for each aligned span that holds its detection:
an hour, a day, 8 days and 64 days from the Unix epoch (UTC). A change removes the old
contribution and adds the new one: ``UPDATE ... SET n = n + delta`` is exact when consoles
write at once (PostgreSQL applies each to the row as committed), and the rows are touched in
one order, so two writers never wait for each other in a circle. The dashboard then adds up
a few hundred rows for any period (storage/kpis.py) and a change is counted at once.

``rebuild`` makes them all again from the incidents, post-mortems and action items (the
migration that introduced them; bulk loads in tests and benchmarks).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any, cast

from sqlalchemy import Connection, Table, delete, insert, select, update
from sqlalchemy.orm import Session

from oncall_desktop.core.incident import Incident
from oncall_desktop.core.kpis import IncidentFacts, closed_after_days, incident_facts
from oncall_desktop.core.policy import Severity
from oncall_desktop.storage.tables import (
    ActionItemRow,
    IncidentKpiRow,
    IncidentRow,
    KpiCountRow,
    KpiHistogramRow,
    PostmortemRow,
)

HOUR = 3600
DAY = 86400
COUNT_SPANS = (64 * DAY, 8 * DAY, DAY, HOUR)  # largest first; each a multiple of the next
HISTOGRAM_SPANS = (64 * DAY, 8 * DAY, DAY)
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
OPEN_ITEM = -1  # an action item's bin while it is not done

facts_table = cast(Table, IncidentKpiRow.__table__)
counts_table = cast(Table, KpiCountRow.__table__)
histograms_table = cast(Table, KpiHistogramRow.__table__)
incidents_table = IncidentRow.__table__
postmortems_table = PostmortemRow.__table__
items_table = ActionItemRow.__table__

COUNT_FIGURES = ("incidents", "acknowledged", "ack_total", "resolved", "resolve_total", "signed")
CountKey = tuple[int, datetime, str]  # span, start, severity
HistogramKey = tuple[int, datetime, str, str, int]  # span, start, metric, severity, bin


def span_start(at: datetime, span: int) -> datetime:
    """The start of the aligned span of ``span`` seconds that holds ``at``."""
    step = timedelta(seconds=span)
    return EPOCH + ((at - EPOCH) // step) * step


class Deltas:
    """What a transaction adds to (or takes from) the rollups, applied at once, in order."""

    def __init__(self) -> None:
        self.counts: dict[CountKey, list[int]] = defaultdict(lambda: [0] * len(COUNT_FIGURES))
        self.histograms: dict[HistogramKey, int] = defaultdict(int)

    def incident(self, facts: IncidentFacts | None, sign: int) -> None:
        """Add (``sign`` 1) or take away (-1) an incident's contribution."""
        if facts is None:
            return
        severity, at = facts.severity.value, facts.detected_at
        figures = (
            1,
            facts.ack_seconds is not None,
            facts.ack_seconds or 0,
            facts.resolve_seconds is not None,
            facts.resolve_seconds or 0,
            facts.signed_and_resolved,
        )
        for span in COUNT_SPANS:
            sums = self.counts[(span, span_start(at, span), severity)]
            for i, figure in enumerate(figures):
                sums[i] += sign * int(figure)
        for span in HISTOGRAM_SPANS:
            start = span_start(at, span)
            if facts.ack_bin is not None:
                self.histograms[(span, start, "ack", severity, facts.ack_bin)] += sign
            if facts.resolve_bin is not None:
                self.histograms[(span, start, "resolve", severity, facts.resolve_bin)] += sign

    def item(self, created_at: datetime, closed_at: datetime | None, sign: int) -> None:
        """Add or take away an action item of a real (not drill) incident."""
        days = closed_after_days(created_at, closed_at)
        bin_ = OPEN_ITEM if days is None else days
        for span in HISTOGRAM_SPANS:
            self.histograms[(span, span_start(created_at, span), "item", "", bin_)] += sign

    def count_rows(self) -> Iterator[dict[str, Any]]:
        for (span, start, severity), sums in sorted(self.counts.items()):
            if any(sums):
                yield {
                    "span": span,
                    "start": start,
                    "severity": severity,
                    **dict(zip(COUNT_FIGURES, sums, strict=True)),
                }

    def histogram_rows(self) -> Iterator[dict[str, Any]]:
        for (span, start, metric, severity, bin_), count in sorted(self.histograms.items()):
            if count:
                yield {
                    "span": span,
                    "start": start,
                    "metric": metric,
                    "severity": severity,
                    "bin": bin_,
                    "count": count,
                }

    def apply(self, session: Session | Connection) -> None:
        """Add the deltas into the rollups (an upsert on both backends)."""
        for table, rows, keys, figures in (
            (counts_table, list(self.count_rows()), ("span", "start", "severity"), COUNT_FIGURES),
            (
                histograms_table,
                list(self.histogram_rows()),
                ("span", "start", "metric", "severity", "bin"),
                ("count",),
            ),
        ):
            if rows:
                session.execute(_upsert(session, table, keys, figures), rows)
        self.counts.clear()
        self.histograms.clear()


def _upsert(
    session: Session | Connection, table: Table, keys: Iterable[str], figures: Iterable[str]
) -> Any:
    """INSERT ... ON CONFLICT DO UPDATE SET figure = figure + the delta, in each dialect's
    own words (its module is loaded already, by its engine)."""
    bind = session.get_bind() if isinstance(session, Session) else session
    if bind.dialect.name == "sqlite":
        from sqlalchemy.dialects import sqlite as dialect
    else:
        from sqlalchemy.dialects import postgresql as dialect  # type: ignore[no-redef]
    statement = dialect.insert(table)
    return statement.on_conflict_do_update(
        index_elements=list(keys),
        set_={f: table.c[f] + statement.excluded[f] for f in figures},
    )


# --- the writes that change them -----------------------------------------------------------------


def _stored_facts(session: Session, incident_id: int) -> IncidentFacts | None:
    """The incident's facts as committed, its row held until the transaction ends (another
    console signing its post-mortem waits, and the other way round)."""
    row = session.execute(
        select(facts_table).where(facts_table.c.incident_id == incident_id).with_for_update()
    ).one_or_none()
    if row is None:
        return None
    return IncidentFacts(
        detected_at=row.detected_at,
        severity=Severity(row.severity),
        ack_seconds=row.ack_seconds,
        resolve_seconds=row.resolve_seconds,
        postmortem_signed=row.postmortem_signed,
    )


def _store(
    session: Session, incident_id: int, old: IncidentFacts | None, new: IncidentFacts | None
) -> None:
    if old == new:
        return
    deltas = Deltas()
    deltas.incident(old, -1)
    deltas.incident(new, 1)
    if new is None:
        session.execute(delete(facts_table).where(facts_table.c.incident_id == incident_id))
    else:
        values = _row(incident_id, new)
        if old is None:
            session.execute(insert(facts_table).values(values))
        else:
            session.execute(
                update(facts_table).where(facts_table.c.incident_id == incident_id).values(values)
            )
    deltas.apply(session)


def _row(incident_id: int, facts: IncidentFacts) -> dict[str, Any]:
    return {
        "incident_id": incident_id,
        "detected_at": facts.detected_at,
        "severity": facts.severity.value,
        "ack_seconds": facts.ack_seconds,
        "resolve_seconds": facts.resolve_seconds,
        "ack_bin": facts.ack_bin,
        "resolve_bin": facts.resolve_bin,
        "postmortem_signed": facts.postmortem_signed,
    }


def incident_written(session: Session, incident_id: int, incident: Incident) -> None:
    """After the incident's row is written (and held) in this transaction."""
    old = _stored_facts(session, incident_id)
    if old is not None:
        signed = old.postmortem_signed
    else:  # new, or was a drill: its post-mortem as stored, if any
        signed = (
            session.execute(
                select(postmortems_table.c.signed_at).where(
                    postmortems_table.c.incident_id == incident_id
                )
            ).scalar()
            is not None
        )
    _store(session, incident_id, old, incident_facts(incident, postmortem_signed=signed))


def postmortem_written(
    session: Session,
    incident_id: int,
    signed: bool,
    items_before: list[tuple[datetime, datetime | None]],
    items_after: list[tuple[datetime, datetime | None]],
) -> None:
    """After the incident's post-mortem is written in this transaction: whether it is signed,
    and its action items (created, closed) before and after the write."""
    old = _stored_facts(session, incident_id)
    if old is None:
        return  # a drill's: never counted
    _store(session, incident_id, old, replace(old, postmortem_signed=signed))
    before, after = Counter(items_before), Counter(items_after)
    if before == after:
        return
    deltas = Deltas()
    for created, closed in (before - after).elements():
        deltas.item(created, closed, -1)
    for created, closed in (after - before).elements():
        deltas.item(created, closed, 1)
    deltas.apply(session)


# --- all of them again -------------------------------------------------------------------------

BATCH = 20_000


def rebuild(connection: Connection) -> None:
    """Every incident's facts and every rollup made again from the stored incidents,
    post-mortems and action items, in this connection's transaction. Read in time order, so
    that a 64-day span's rollups are complete (and written) before the next one begins: the
    memory used is a span's, whatever the size of the history."""
    for table in (facts_table, counts_table, histograms_table):
        connection.execute(delete(table))
    incidents = connection.execute(
        select(
            incidents_table.c.id,
            incidents_table.c.detected_at,
            incidents_table.c.severity,
            incidents_table.c.ack_seconds,
            incidents_table.c.resolve_seconds,
            postmortems_table.c.signed_at,
        )
        .select_from(
            incidents_table.outerjoin(
                postmortems_table, postmortems_table.c.incident_id == incidents_table.c.id
            )
        )
        .where(incidents_table.c.is_drill.is_(False))
        .order_by(incidents_table.c.detected_at)
        .execution_options(yield_per=BATCH)  # this statement only: the connection goes on
    )
    deltas, rows, block = Deltas(), [], None
    for row in incidents:
        facts = IncidentFacts(
            detected_at=row.detected_at,
            severity=Severity(row.severity),
            ack_seconds=row.ack_seconds,
            resolve_seconds=row.resolve_seconds,
            postmortem_signed=row.signed_at is not None,
        )
        here = span_start(facts.detected_at, COUNT_SPANS[0])
        if here != block:
            deltas.apply(connection)
            block = here
        deltas.incident(facts, 1)
        rows.append(_row(row.id, facts))
        if len(rows) >= BATCH:
            connection.execute(insert(facts_table), rows)
            rows.clear()
    if rows:
        connection.execute(insert(facts_table), rows)
    deltas.apply(connection)
    items = connection.execute(
        select(items_table.c.created_at, items_table.c.closed_at)
        .select_from(
            items_table.join(
                postmortems_table, postmortems_table.c.id == items_table.c.postmortem_id
            ).join(incidents_table, incidents_table.c.id == postmortems_table.c.incident_id)
        )
        .where(incidents_table.c.is_drill.is_(False))
        .order_by(items_table.c.created_at)
        .execution_options(yield_per=BATCH)
    )
    block = None
    for created_at, closed_at in items:
        here = span_start(created_at, HISTOGRAM_SPANS[0])
        if here != block:
            deltas.apply(connection)
            block = here
        deltas.item(created_at, closed_at, 1)
    deltas.apply(connection)

"""Incidents in and out of the database, as core dataclasses."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime, time, tzinfo
from types import MappingProxyType

from sqlalchemy import Select, func, select, update
from sqlalchemy.orm import selectinload

from oncall_desktop.core.incident import EventKind, Incident, Status, StepState, TimelineEvent
from oncall_desktop.core.kpis import whole_seconds
from oncall_desktop.core.paging import AlertLink
from oncall_desktop.core.policy import Severity
from oncall_desktop.storage import kpi_facts
from oncall_desktop.storage.changes import announce
from oncall_desktop.storage.db import Database, rows_matched
from oncall_desktop.storage.deltas import IncidentDelta
from oncall_desktop.storage.errors import Conflict
from oncall_desktop.storage.mirror import IncidentMirror
from oncall_desktop.storage.tables import ChecklistStepRow, IncidentRow, TimelineEventRow

ACTIVE_STATUSES = tuple(s.value for s in Status if s.is_active)


def _head(row: IncidentRow) -> Incident:
    """The incident's fields, without its timeline and steps."""
    return Incident(
        id=row.id,
        title=row.title,
        impact=row.impact,
        severity=Severity(row.severity),
        status=Status(row.status),
        detected_at=row.detected_at,
        declared_at=row.declared_at,
        acknowledged_at=row.acknowledged_at,
        resolved_at=row.resolved_at,
        closed_at=row.closed_at,
        alert=(
            AlertLink(row.alert_source, row.alert_id, row.alert_url or "")
            if row.alert_source and row.alert_id
            else None
        ),
        is_drill=row.is_drill,
    )


def _event(e: TimelineEventRow) -> TimelineEvent:
    return TimelineEvent(
        id=e.id,
        at=e.at,
        kind=EventKind(e.kind),
        actor=e.actor,
        data=MappingProxyType(json.loads(e.data)),
    )


def _step(s: ChecklistStepRow) -> StepState:
    return StepState(s.step_id, done_at=s.done_at, done_by=s.done_by, note=s.note)


def _to_incident(row: IncidentRow) -> Incident:
    incident = _head(row)
    incident.timeline = [_event(e) for e in row.events]
    incident.steps = {s.step_id: _step(s) for s in row.steps}
    return incident


def _copy_fields(incident: Incident, row: IncidentRow) -> None:
    row.title = incident.title
    row.impact = incident.impact
    row.severity = incident.severity.value
    row.status = incident.status.value
    row.detected_at = incident.detected_at
    row.declared_at = incident.declared_at
    row.acknowledged_at = incident.acknowledged_at
    row.resolved_at = incident.resolved_at
    row.closed_at = incident.closed_at
    link = incident.alert
    row.alert_source = link.source if link else None
    row.alert_id = link.id if link else None
    row.alert_url = (link.url or None) if link else None
    row.is_drill = incident.is_drill
    row.ack_seconds = whole_seconds(incident.detected_at, incident.acknowledged_at)
    row.resolve_seconds = whole_seconds(incident.detected_at, incident.resolved_at)


Written = tuple[list[TimelineEventRow], list[ChecklistStepRow]]


def _write(incident: Incident, row: IncidentRow) -> Written:
    """The incident into its row: fields and step states as they are, new timeline events
    appended (events already stored are never rewritten). Returns the events added and the
    steps changed (what the change's announcement carries)."""
    _copy_fields(incident, row)
    added = []
    for event in incident.timeline:
        if event.id is None:
            added.append(
                TimelineEventRow(
                    at=event.at,
                    kind=event.kind.value,
                    actor=event.actor,
                    data=json.dumps(dict(event.data), ensure_ascii=False),
                )
            )
            row.events.append(added[-1])
    stored = {s.step_id: s for s in row.steps}
    changed = []
    for step in incident.steps.values():
        target = stored.get(step.step_id)
        state = (step.done_at, step.done_by, step.note)
        if target is not None and (target.done_at, target.done_by, target.note) == state:
            continue
        if target is None:
            target = ChecklistStepRow(step_id=step.step_id)
            row.steps.append(target)
        target.done_at, target.done_by, target.note = state
        changed.append(target)
    return added, changed


def _delta(row: IncidentRow, written: Written, whole: bool = False) -> IncidentDelta:
    """What was just written (flushed: the events have their ids), for the announcement."""
    added, changed = written
    return IncidentDelta(
        row.version,
        _head(row),
        tuple(_event(e) for e in added),
        tuple(_step(s) for s in changed),
        whole=whole,
    )


class IncidentRepository:
    """``mirror``: team mode, what this console knows of each incident at its version, fed
    by every incident this repository reads whole or writes (storage/mirror.py)."""

    def __init__(self, database: Database, mirror: IncidentMirror | None = None) -> None:
        self._db = database
        self.mirror = mirror

    def _known(self, row: IncidentRow, incident: Incident) -> Incident:
        """``incident`` as read from ``row``, or the newer one this console already has."""
        return self.mirror.know(incident, row.version) if self.mirror is not None else incident

    def save(self, incident: Incident) -> Incident:
        """Insert or update the incident; new timeline events are appended, never rewritten.
        Returns the incident as stored (ids filled in). To change a stored incident, use
        :meth:`change`: a save of a copy read earlier would overwrite what another console
        wrote meanwhile. Its KPI facts are kept in the same transaction (kpi_facts)."""
        with self._db.session() as session:
            row: IncidentRow | None
            if incident.id is None:
                row = IncidentRow(version=1)
                session.add(row)
            else:
                row = session.get(
                    IncidentRow,
                    incident.id,
                    options=[selectinload(IncidentRow.events), selectinload(IncidentRow.steps)],
                    with_for_update=True,
                )
                if row is None:
                    raise KeyError(f"incident {incident.id} is not in the database")
                row.version += 1
            written = _write(incident, row)
            session.flush()
            saved_id = row.id
            kpi_facts.incident_written(session, saved_id, incident)
            whole = incident.id is None  # a new incident travels whole, when it fits
            delta = _delta(row, (row.events, row.steps) if whole else written, whole)
            announce(session, self._db, "incident", saved_id, row.version, delta)
        return self.get(saved_id)

    def change(self, incident_id: int, apply: Callable[[Incident], object]) -> Incident:
        """Apply ``apply(incident)`` to the incident as stored right now, and store the result,
        in one transaction that holds the incident's row: two consoles changing one incident
        take turns and neither overwrites the other (a rule ``apply`` enforces, e.g. a
        transition refused because a colleague already closed it, raises and changes nothing).
        Returns the incident as stored."""
        with self._db.session() as session:
            # The write lock first, then the read: on SQLite this takes the database's write
            # lock (other writers wait, busy_timeout), on PostgreSQL the row's, so what is read
            # is what the other consoles last committed.
            locked = rows_matched(
                session.execute(
                    update(IncidentRow)
                    .where(IncidentRow.id == incident_id)
                    .values(id=IncidentRow.id)
                )
            )
            if not locked:
                raise KeyError(f"incident {incident_id} is not in the database")
            row = session.get(
                IncidentRow,
                incident_id,
                options=[selectinload(IncidentRow.events), selectinload(IncidentRow.steps)],
                populate_existing=True,
            )
            assert row is not None
            incident = _to_incident(row)
            apply(incident)
            before = _head(row)
            written = _write(incident, row)
            if written[0] or written[1] or _head(row) != before:  # else: nothing to say
                row.version += 1
                session.flush()
                kpi_facts.incident_written(session, incident_id, incident)
                delta = _delta(row, written)
                announce(session, self._db, "incident", incident_id, row.version, delta)
        # in team mode, what this console has of it and the rows just written; else all of it
        return self.catch_up(incident_id)

    def catch_up(self, incident_id: int) -> Incident:
        """A colleague's change this console could not apply from its announcement: read only
        what is newer than what it has (the incident's row, the events after its last one, the
        steps), and return the incident as it now stands. Read whole when it has nothing."""
        since = self.mirror.since(incident_id) if self.mirror is not None else None
        if self.mirror is None or since is None:
            return self.get(incident_id)
        after = since[1]
        with self._db.session() as session:
            # the row first: what is read after it is at least as new as its version (a change
            # committed in between comes again with its announcement: adds nothing twice)
            row = session.get(IncidentRow, incident_id)
            if row is None:
                raise KeyError(f"incident {incident_id} is not in the database")
            events = session.scalars(
                select(TimelineEventRow)
                .where(TimelineEventRow.incident_id == incident_id, TimelineEventRow.id > after)
                .order_by(TimelineEventRow.id)
            ).all()
            steps = session.scalars(
                select(ChecklistStepRow).where(ChecklistStepRow.incident_id == incident_id)
            ).all()
            newer = IncidentDelta(
                row.version,
                _head(row),
                tuple(_event(e) for e in events),
                tuple(_step(s) for s in steps),
                after_event=after,
            )
        learned = self.mirror.learn(newer)
        return learned if learned is not None else self.get(incident_id)

    def create_for_page(self, incident: Incident) -> Incident:
        """Store a new incident for a page, or return the one another console stored for the
        same page a moment before (the unique alert link decides, without a crash)."""
        link = incident.alert
        assert link is not None
        existing = self.find_by_alert(link.source, link.id)
        if existing is not None:
            return existing
        try:
            return self.save(incident)
        except Conflict:
            found = self.find_by_alert(link.source, link.id)
            if found is None:
                raise
            return found

    def get(self, incident_id: int) -> Incident:
        with self._db.session() as session:
            row = session.get(
                IncidentRow,
                incident_id,
                options=[selectinload(IncidentRow.events), selectinload(IncidentRow.steps)],
            )
            if row is None:
                raise KeyError(f"incident {incident_id} is not in the database")
            return self._known(row, _to_incident(row))

    def find_by_alert(self, source: str, alert_id: str) -> Incident | None:
        """The local incident following this alert of this source, if any."""
        with self._db.session() as session:
            incident_id = session.scalar(
                select(IncidentRow.id).where(
                    IncidentRow.alert_source == source, IncidentRow.alert_id == alert_id
                )
            )
        return self.get(incident_id) if incident_id is not None else None

    def closed_for_alerts(self, links: list[tuple[str, str]]) -> set[tuple[str, str]]:
        """Of these (source, alert id), the ones whose local incident is resolved or closed
        (resolved here while the page stays open in its source)."""
        if not links:
            return set()
        with self._db.session() as session:
            rows = session.execute(
                select(IncidentRow.alert_source, IncidentRow.alert_id).where(
                    IncidentRow.alert_id.in_({alert_id for _, alert_id in links}),
                    IncidentRow.status.not_in(ACTIVE_STATUSES),
                )
            ).all()
        return set(links) & {(source, alert_id) for source, alert_id in rows}

    def list_active(self) -> list[Incident]:
        """Open incidents, most recently detected first, with their timelines. In team mode
        (a mirror), only what this console does not have is read: the ids and versions, then
        the incidents it does not know, whole, and what is newer of those it knows at an older
        version (after its own change: nothing more)."""
        active = IncidentRow.status.in_(ACTIVE_STATUSES)
        order = (IncidentRow.detected_at.desc(), IncidentRow.id.desc())
        if self.mirror is None:
            return self._read_whole(select(IncidentRow).where(active).order_by(*order))
        with self._db.session() as session:
            listed = session.execute(
                select(IncidentRow.id, IncidentRow.version).where(active).order_by(*order)
            ).all()
        unknown = [ident for ident, _ in listed if self.mirror.since(ident) is None]
        whole = {}
        if unknown:
            query = select(IncidentRow).where(IncidentRow.id.in_(unknown))
            whole = {incident.id: incident for incident in self._read_whole(query)}
        incidents = []
        for ident, version in listed:
            known, since = self.mirror.current(ident), self.mirror.since(ident)
            if ident in whole:
                incidents.append(whole[ident])
            elif known is not None and since is not None and since[0] >= version:
                incidents.append(known)
            else:
                try:
                    incidents.append(self.catch_up(ident))
                except KeyError:  # gone meanwhile
                    continue
        return [incident for incident in incidents if incident.is_active]

    def _read_whole(self, query: Select[IncidentRow]) -> list[Incident]:
        with self._db.session() as session:
            rows = session.scalars(
                query.options(selectinload(IncidentRow.events), selectinload(IncidentRow.steps))
            ).all()
            return [self._known(row, _to_incident(row)) for row in rows]

    def list_recent(self, limit: int = 200) -> list[Incident]:
        with self._db.session() as session:
            rows = session.scalars(
                select(IncidentRow)
                .order_by(IncidentRow.detected_at.desc(), IncidentRow.id.desc())
                .limit(limit)
                .options(selectinload(IncidentRow.events), selectinload(IncidentRow.steps))
            ).all()
            return [_to_incident(row) for row in rows]

    def list_detected_between(
        self, start: datetime, end: datetime, limit: int = 500
    ) -> list[Incident]:
        """Incidents detected in [start, end), oldest first (a handoff's week)."""
        with self._db.session() as session:
            rows = session.scalars(
                select(IncidentRow)
                .where(IncidentRow.detected_at >= start, IncidentRow.detected_at < end)
                .order_by(IncidentRow.detected_at, IncidentRow.id)
                .limit(limit)
                .options(selectinload(IncidentRow.events), selectinload(IncidentRow.steps))
            ).all()
            return [_to_incident(row) for row in rows]

    def rank_in_day(self, incident: Incident, zone: tzinfo | None) -> int:
        """1 for the first incident detected that day (team time), 2 for the second...:
        the NNN of INC-YYYY-MM-DD-NNN when no Slack channel gave it one."""
        local = incident.detected_at.astimezone(zone)
        start = datetime.combine(local.date(), time(0), tzinfo=local.tzinfo).astimezone(UTC)
        with self._db.session() as session:
            earlier = session.scalar(
                select(func.count(IncidentRow.id)).where(
                    IncidentRow.detected_at >= start,
                    IncidentRow.detected_at <= incident.detected_at,
                    IncidentRow.is_drill.is_(incident.is_drill),
                    IncidentRow.id <= (incident.id or 0),
                )
            )
        return max(1, int(earlier or 0))

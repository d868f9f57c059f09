"""Handoff notes in and out of the database: one per rotation change, with their history."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from oncall_desktop.core.clock import utc
from oncall_desktop.core.handoff import HandoffNote, from_json, to_json
from oncall_desktop.storage.db import Database
from oncall_desktop.storage.errors import Conflict
from oncall_desktop.storage.tables import HandoffRow


@dataclass(frozen=True)
class StoredHandoff:
    id: int
    note: HandoffNote
    updated_at: datetime
    signed_at: datetime | None
    completed_at: datetime | None


def _stored(row: HandoffRow) -> StoredHandoff:
    return StoredHandoff(
        id=row.id,
        note=from_json(row.body),
        updated_at=row.updated_at,
        signed_at=row.signed_at,
        completed_at=row.completed_at,
    )


class HandoffRepository:
    def __init__(self, database: Database) -> None:
        self._db = database

    def for_change(self, change_at: datetime) -> StoredHandoff | None:
        with self._db.session() as session:
            row = session.scalar(select(HandoffRow).where(HandoffRow.change_at == utc(change_at)))
            return _stored(row) if row is not None else None

    def previous(self, change_at: datetime) -> StoredHandoff | None:
        """The last handoff before this change (its watch items carry over)."""
        with self._db.session() as session:
            row = session.scalar(
                select(HandoffRow)
                .where(HandoffRow.change_at < utc(change_at))
                .order_by(HandoffRow.change_at.desc())
                .limit(1)
            )
            return _stored(row) if row is not None else None

    def create(self, note: HandoffNote, *, at: datetime) -> StoredHandoff:
        """The draft for a change; a second call (another console) returns the first one."""
        existing = self.for_change(note.change_at)
        if existing is not None:
            return existing
        try:
            with self._db.session() as session:
                session.add(
                    HandoffRow(
                        change_at=note.change_at,
                        outgoing=note.outgoing,
                        incoming=note.incoming,
                        body=to_json(note),
                        revision=note.revision,
                        created_at=at,
                        updated_at=at,
                    )
                )
        except Conflict:
            pass  # another console made it a moment ago: theirs is the one
        stored = self.for_change(note.change_at)
        assert stored is not None
        return stored

    def save(self, note: HandoffNote, *, at: datetime, complete: bool) -> StoredHandoff:
        """Newest revision wins, as for post-mortems."""
        with self._db.session() as session:
            row = session.scalar(
                select(HandoffRow).where(HandoffRow.change_at == note.change_at).with_for_update()
            )
            if row is None:
                raise KeyError(f"no handoff for the change at {note.change_at.isoformat()}")
            if note.revision >= row.revision:
                row.outgoing, row.incoming = note.outgoing, note.incoming
                row.body = to_json(note)
                row.revision = note.revision
                row.updated_at = at
                row.signed_at = note.signed_at
                row.completed_at = (row.completed_at or at) if complete else None
        stored = self.for_change(note.change_at)
        assert stored is not None
        return stored

    def history(self, limit: int = 52) -> list[StoredHandoff]:
        with self._db.session() as session:
            rows = session.scalars(
                select(HandoffRow).order_by(HandoffRow.change_at.desc()).limit(limit)
            ).all()
            return [_stored(row) for row in rows]

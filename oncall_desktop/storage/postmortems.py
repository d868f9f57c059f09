"""Post-mortems and their action items in and out of the database."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.orm import selectinload

from oncall_desktop.core.postmortem import (
    ActionItem,
    ActionStatus,
    PostMortem,
    StoredPostMortem,
    TrackedActionItem,
    from_json,
    to_json,
)
from oncall_desktop.storage import kpi_facts
from oncall_desktop.storage.db import Database
from oncall_desktop.storage.errors import Conflict
from oncall_desktop.storage.tables import ActionItemRow, IncidentRow, PostmortemRow


def _items(row: PostmortemRow) -> tuple[ActionItem, ...]:
    return tuple(_item(i) for i in row.action_items)


def _item(row: ActionItemRow) -> ActionItem:
    return ActionItem(
        number=row.number,
        action=row.action,
        owner=row.owner,
        due=row.due_on,
        status=ActionStatus(row.status),
        closed_at=row.closed_at,
    )


def _stored(row: PostmortemRow) -> StoredPostMortem:
    return StoredPostMortem(
        id=row.id,
        incident_id=row.incident_id,
        draft=from_json(row.body, _items(row)),
        created_at=row.created_at,
        updated_at=row.updated_at,
        due_at=row.due_at,
        signed_at=row.signed_at,
    )


class PostmortemRepository:
    def __init__(self, database: Database) -> None:
        self._db = database

    def for_incident(self, incident_id: int) -> StoredPostMortem | None:
        with self._db.session() as session:
            row = session.scalar(
                select(PostmortemRow)
                .where(PostmortemRow.incident_id == incident_id)
                .options(selectinload(PostmortemRow.action_items))
            )
            return _stored(row) if row is not None else None

    def create(
        self, incident_id: int, draft: PostMortem, *, at: datetime, due_at: datetime | None
    ) -> StoredPostMortem:
        """The first draft; a second call for the same incident returns the existing one
        (two consoles resolving the same incident must not make two post-mortems)."""
        existing = self.for_incident(incident_id)
        if existing is not None:
            return existing
        try:
            with self._db.session() as session:
                row = PostmortemRow(
                    incident_id=incident_id,
                    title=draft.title,
                    body=to_json(draft),
                    revision=draft.revision,
                    created_at=at,
                    updated_at=at,
                    due_at=due_at,
                    signed_at=at if draft.is_signed else None,
                )
                _replace_items(row, draft.action_items, at)
                session.add(row)
                kpi_facts.postmortem_written(
                    session, incident_id, row.signed_at is not None, [], _item_times(row)
                )
        except Conflict:
            pass  # another console made it a moment ago: theirs is the one
        stored = self.for_incident(incident_id)
        assert stored is not None
        return stored

    def save(self, incident_id: int, draft: PostMortem, *, at: datetime) -> StoredPostMortem:
        """Store the draft unless the database already holds a newer revision (another
        console, or a local copy replayed late): the newest writing wins, never the last."""
        with self._db.session() as session:
            row = session.scalar(
                select(PostmortemRow)
                .where(PostmortemRow.incident_id == incident_id)
                .options(selectinload(PostmortemRow.action_items))
                .with_for_update()
            )
            if row is None:
                raise KeyError(f"incident {incident_id} has no post-mortem")
            if draft.revision >= row.revision:
                before = _item_times(row)
                row.title = draft.title
                row.body = to_json(draft)
                row.revision = draft.revision
                row.updated_at = at
                if not draft.is_signed:
                    row.signed_at = None
                elif row.signed_at is None:
                    row.signed_at = at
                _replace_items(row, draft.action_items, at)
                kpi_facts.postmortem_written(
                    session, incident_id, row.signed_at is not None, before, _item_times(row)
                )
        stored = self.for_incident(incident_id)
        assert stored is not None
        return stored

    def tracked_action_items(self) -> list[TrackedActionItem]:
        """Every action item, open ones first by due date, drills left out."""
        with self._db.session() as session:
            rows = session.execute(
                select(ActionItemRow, PostmortemRow.incident_id, PostmortemRow.title)
                .join(PostmortemRow, ActionItemRow.postmortem_id == PostmortemRow.id)
                .join(IncidentRow, PostmortemRow.incident_id == IncidentRow.id)
                .where(IncidentRow.is_drill.is_(False))
                .order_by(
                    (ActionItemRow.status == ActionStatus.DONE.value),
                    ActionItemRow.due_on.is_(None),
                    ActionItemRow.due_on,
                    ActionItemRow.id,
                )
            ).all()
            return [
                TrackedActionItem(
                    postmortem_id=item.postmortem_id,
                    incident_id=incident_id,
                    postmortem_title=title,
                    item=_item(item),
                )
                for item, incident_id, title in rows
            ]

    def set_action_status(
        self, postmortem_id: int, number: int, status: ActionStatus, *, at: datetime
    ) -> None:
        """From the tracking list, without opening the post-mortem."""
        with self._db.session() as session:
            # the post-mortem held first (its row on PostgreSQL, the write lock on SQLite):
            # its body is rewritten below from what is read, so nobody may save in between
            session.execute(
                update(PostmortemRow)
                .where(PostmortemRow.id == postmortem_id)
                .values(id=PostmortemRow.id)
            )
            row = session.scalar(
                select(ActionItemRow).where(
                    ActionItemRow.postmortem_id == postmortem_id, ActionItemRow.number == number
                )
            )
            if row is None:
                raise KeyError(f"no action item {number} in post-mortem {postmortem_id}")
            updated = _item(row).with_status(status, at=at)
            before = [(row.created_at, row.closed_at)]
            row.status, row.closed_at = updated.status.value, updated.closed_at
            parent = session.get(PostmortemRow, postmortem_id, populate_existing=True)
            assert parent is not None
            kpi_facts.postmortem_written(
                session,
                parent.incident_id,
                parent.signed_at is not None,
                before,
                [(row.created_at, row.closed_at)],
            )
            # The draft's copy of the items is the table itself; bump the revision so an
            # editor open elsewhere reloads instead of overwriting the change.
            parent.revision += 1
            parent.body = to_json(replace(from_json(parent.body), revision=parent.revision))

    def unsigned(self) -> list[StoredPostMortem]:
        """Drafts still to be reviewed and signed (the tray reminds when one is overdue)."""
        with self._db.session() as session:
            rows = session.scalars(
                select(PostmortemRow)
                .join(IncidentRow, PostmortemRow.incident_id == IncidentRow.id)
                .where(PostmortemRow.signed_at.is_(None), IncidentRow.is_drill.is_(False))
                .order_by(PostmortemRow.due_at)
                .options(selectinload(PostmortemRow.action_items))
            ).all()
            return [_stored(row) for row in rows]


def _item_times(row: PostmortemRow) -> list[tuple[datetime, datetime | None]]:
    """When each of its action items was created and done (the KPIs count them)."""
    return [(item.created_at, item.closed_at) for item in row.action_items]


def _replace_items(row: PostmortemRow, items: tuple[ActionItem, ...], at: datetime) -> None:
    existing = {i.number: i for i in row.action_items}
    keep = {item.number for item in items}
    for number, stale in existing.items():
        if number not in keep:
            row.action_items.remove(stale)
    for item in items:
        target = existing.get(item.number)
        if target is None:
            target = ActionItemRow(number=item.number, created_at=at)
            row.action_items.append(target)
        closed = item.closed_at
        if item.status is ActionStatus.DONE and closed is None:
            closed = target.closed_at or at
        target.action, target.owner, target.due_on = item.action, item.owner, item.due
        target.status = item.status.value
        target.closed_at = closed if item.status is ActionStatus.DONE else None

"""What the database remembers of an incident's status-page post, read just before one of its
posts goes out (services/status_page turns it into the deliverer's memory): the incident's
posts to the status page, the choices of affected services in its timeline, and the posts
other incidents created on the page. Nothing of it is kept anywhere else, so a restart, or a
colleague's console on the team database, reads the same."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import or_, select

from oncall_desktop.core.incident import EventKind
from oncall_desktop.core.outbox import Post, PostState, as_target
from oncall_desktop.storage.db import Database
from oncall_desktop.storage.tables import OutboxPostRow, TimelineEventRow

# The key of a timeline note's data that records an incident's affected services.
SERVICES_CHOSEN = "status_page_services"


@dataclass(frozen=True)
class StatusPageHistory:
    posts: tuple[Post, ...]  # the incident's posts to the status page, oldest first
    choices: tuple[Mapping[str, Any], ...]  # its notes choosing affected services, oldest first
    created_elsewhere: frozenset[str]  # the posts other incidents created (their ids)


def _post(row: OutboxPostRow) -> Post:
    return Post(
        target=as_target(row.target),
        text=row.text,
        incident_id=row.incident_id,
        kind=row.kind,
        destination=row.destination,
        state=PostState(row.state),
        created_at=row.created_at,
        remote_ref=row.remote_ref,
        delivered_as=row.delivered_as,
        id=row.id,
    )


class StatusPageRecords:
    def __init__(self, database: Database) -> None:
        self._db = database

    def history(self, incident_id: int, target: str) -> StatusPageHistory:
        """One read of what the incident's next post to ``target`` needs to know."""
        with self._db.session() as session:
            rows = session.scalars(
                select(OutboxPostRow)
                .where(OutboxPostRow.incident_id == incident_id, OutboxPostRow.target == target)
                .order_by(OutboxPostRow.created_at, OutboxPostRow.id)
            ).all()
            notes = session.scalars(
                select(TimelineEventRow.data)
                .where(
                    TimelineEventRow.incident_id == incident_id,
                    TimelineEventRow.kind == EventKind.NOTE.value,
                    TimelineEventRow.data.contains(SERVICES_CHOSEN),
                )
                .order_by(TimelineEventRow.at, TimelineEventRow.id)
            ).all()
            elsewhere = session.scalars(
                select(OutboxPostRow.remote_ref).where(
                    OutboxPostRow.target == target,
                    OutboxPostRow.state == PostState.SENT.value,
                    OutboxPostRow.delivered_as == "post",
                    or_(
                        OutboxPostRow.incident_id != incident_id,
                        OutboxPostRow.incident_id.is_(None),
                    ),
                )
            ).all()
            posts = tuple(_post(row) for row in rows)
        choices = []
        for raw in notes:
            try:
                data = json.loads(raw)
            except ValueError:
                continue
            if isinstance(data, dict) and SERVICES_CHOSEN in data:
                choices.append(data)
        return StatusPageHistory(posts, tuple(choices), frozenset(r for r in elsewhere if r))

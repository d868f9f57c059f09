"""The outbox in the database. Claiming is atomic, so two consoles sharing one PostgreSQL
database (or a console and its own restart) never send the same post at the same time.

A claim that is taken back (its lease ran out, or its own console restarted) was never
recorded: its sender may have died after the destination accepted the post. Such a post comes
back ``unsure``, to be looked for at the destination before it is sent again (core/outbox)."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import and_, case, func, or_, select, true, update
from sqlalchemy.sql.elements import ColumnElement

from oncall_desktop.core.incident import TimelineEvent
from oncall_desktop.core.messages import UserMessage, message_from_json, message_to_json
from oncall_desktop.core.outbox import Post, PostState, as_target
from oncall_desktop.storage.db import Database, rows_matched
from oncall_desktop.storage.tables import OutboxPostRow, TimelineEventRow

# A claim older than this is taken to be from a console that died mid-send (kill -9, power
# loss): longer than one HTTP attempt can last (5 s connect + 20 s read).
CLAIM_LEASE = timedelta(seconds=30)


def _to_post(row: OutboxPostRow) -> Post:
    return Post(
        id=row.id,
        incident_id=row.incident_id,
        target=as_target(row.target),
        kind=row.kind,
        audience=row.audience,
        destination=row.destination,
        text=row.text,
        notify_channel=row.notify_channel,
        state=PostState(row.state),
        attempts=row.attempts,
        created_at=row.created_at,
        next_attempt_at=row.next_attempt_at,
        sent_at=row.sent_at,
        last_error=row.last_error,
        last_error_message=_message(row.last_error_message),
        remote_ref=row.remote_ref,
        delivered_as=row.delivered_as,
        unsure=bool(row.unsure),
        maybe_twice=bool(row.maybe_twice),
        extra=_extra(row.extra),
    )


def _message(stored: str | None) -> UserMessage | None:
    """Post.last_error_message as stored (JSON); None for none, for a row from before it was
    kept (migration 0013), or unreadable (last_error, the English text, is then shown)."""
    if not stored:
        return None
    try:
        data = json.loads(stored)
    except ValueError:
        return None
    unreadable = UserMessage("")
    message = message_from_json(data, unreadable)
    return None if message is unreadable else message


def _extra(stored: str | None) -> dict[str, Any]:
    """Post.extra as stored (JSON); {} for a row from before it was kept, or unreadable."""
    try:
        value = json.loads(stored or "{}")
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


class OutboxRepository:
    def __init__(
        self, database: Database, lease: timedelta = CLAIM_LEASE, console: str = ""
    ) -> None:
        self._db = database
        self._lease = lease
        self._console = console  # who claims: lets a restarted console take back its own

    def release_own_claims(self) -> int:
        """At start, with this console's single-instance lock held: posts this console had
        claimed when it died are due again at once (no need to wait for the lease), unsure:
        it may have died once the destination had them."""
        if not self._console:
            return 0
        with self._db.session() as session:
            return rows_matched(
                session.execute(
                    update(OutboxPostRow)
                    .where(
                        OutboxPostRow.state == PostState.SENDING.value,
                        OutboxPostRow.claimed_by == self._console,
                    )
                    .values(state=PostState.PENDING.value, claimed_at=None, unsure=true())
                    .execution_options(synchronize_session=False)
                )
            )

    def enqueue(self, post: Post, now: datetime) -> Post:
        """Store a new post (committed before this returns: nothing is sent before that)."""
        with self._db.session() as session:
            row = OutboxPostRow(
                incident_id=post.incident_id,
                target=str(post.target),
                kind=post.kind,
                audience=post.audience,
                destination=post.destination,
                text=post.text,
                notify_channel=post.notify_channel,
                state=PostState.PENDING.value,
                attempts=0,
                created_at=now,
                next_attempt_at=now,
                last_error="",
                remote_ref="",
                delivered_as="",
                unsure=False,
                maybe_twice=False,
                extra=json.dumps(post.extra, ensure_ascii=False),
            )
            session.add(row)
            session.flush()
            return _to_post(row)

    def _due(self, now: datetime) -> ColumnElement[bool]:
        return or_(
            and_(
                OutboxPostRow.state == PostState.PENDING.value,
                or_(OutboxPostRow.next_attempt_at.is_(None), OutboxPostRow.next_attempt_at <= now),
            ),
            and_(
                OutboxPostRow.state == PostState.SENDING.value,
                OutboxPostRow.claimed_at < now - self._lease,
            ),
        )

    def claim_next(self, now: datetime) -> Post | None:
        """Take the oldest due post: mark it sending, count the attempt, commit. A post taken
        from a dead sender's expired claim comes back unsure."""
        with self._db.session() as session:
            candidates = session.scalars(
                select(OutboxPostRow.id)
                .where(self._due(now))
                .order_by(OutboxPostRow.created_at, OutboxPostRow.id)
                .limit(5)
            ).all()
            for post_id in candidates:
                # compare-and-set: only one claimer wins, whatever the backend
                claimed = rows_matched(
                    session.execute(
                        update(OutboxPostRow)
                        .where(OutboxPostRow.id == post_id, self._due(now))
                        .values(
                            state=PostState.SENDING.value,
                            claimed_at=now,
                            claimed_by=self._console,
                            attempts=OutboxPostRow.attempts + 1,
                            # SET reads the row as it was: still 'sending' means a lapsed claim
                            unsure=case(
                                (OutboxPostRow.state == PostState.SENDING.value, true()),
                                else_=OutboxPostRow.unsure,
                            ),
                        )
                        .execution_options(synchronize_session=False)
                    )
                )
                if claimed == 1:
                    session.flush()
                    row = session.get(OutboxPostRow, post_id, populate_existing=True)
                    assert row is not None
                    return _to_post(row)
            return None

    def record(self, post: Post, event: TimelineEvent | None = None) -> Post:
        """Store the outcome of an attempt (or an edit of a failed post). ``event`` (the
        incident's "update sent") is written in the same transaction, so a confirmed post
        and its timeline entry cannot be separated by a crash."""
        assert post.id is not None
        with self._db.session() as session:
            if event is not None and post.incident_id is not None:
                session.add(
                    TimelineEventRow(
                        incident_id=post.incident_id,
                        at=event.at,
                        kind=event.kind.value,
                        actor=event.actor,
                        data=json.dumps(dict(event.data), ensure_ascii=False),
                    )
                )
            row = session.get(OutboxPostRow, post.id)
            if row is None:
                raise KeyError(f"post {post.id} is not in the outbox")
            row.state = post.state.value
            row.text = post.text
            row.destination = post.destination
            row.next_attempt_at = post.next_attempt_at
            row.sent_at = post.sent_at
            row.last_error = post.last_error
            message = post.last_error_message
            row.last_error_message = (
                json.dumps(message_to_json(message), ensure_ascii=False) if message else None
            )
            row.remote_ref = post.remote_ref
            row.delivered_as = post.delivered_as
            row.unsure = post.unsure
            row.maybe_twice = post.maybe_twice
            row.extra = json.dumps(post.extra, ensure_ascii=False)  # a deliverer's progress
            row.claimed_at = None if post.state is not PostState.SENDING else row.claimed_at
            session.flush()
            return replace(_to_post(row))

    def get(self, post_id: int) -> Post:
        with self._db.session() as session:
            row = session.get(OutboxPostRow, post_id)
            if row is None:
                raise KeyError(f"post {post_id} is not in the outbox")
            return _to_post(row)

    def for_incident(self, incident_id: int) -> list[Post]:
        with self._db.session() as session:
            rows = session.scalars(
                select(OutboxPostRow)
                .where(OutboxPostRow.incident_id == incident_id)
                .order_by(OutboxPostRow.created_at, OutboxPostRow.id)
            ).all()
            return [_to_post(r) for r in rows]

    def next_due_at(self) -> datetime | None:
        """When the earliest waiting post is due (None when nothing waits)."""
        with self._db.session() as session:
            pending = session.scalar(
                select(func.min(OutboxPostRow.next_attempt_at)).where(
                    OutboxPostRow.state == PostState.PENDING.value
                )
            )
            claimed = session.scalar(
                select(func.min(OutboxPostRow.claimed_at)).where(
                    OutboxPostRow.state == PostState.SENDING.value
                )
            )
        candidates = [t for t in (pending, claimed + self._lease if claimed else None) if t]
        return min(candidates) if candidates else None

    def counts(self) -> dict[str, int]:
        with self._db.session() as session:
            rows = session.execute(
                select(OutboxPostRow.state, func.count()).group_by(OutboxPostRow.state)
            ).all()
        return {state: count for state, count in rows}

"""Sends the outbox: one post at a time, off the GUI thread, from the database.

``submit`` stores the post first; only then does the drain loop claim it, deliver it and record
the outcome. The loop wakes when a post is submitted, when the earliest retry is due (a stored
instant), after a clock jump, and at start (so posts left by a crash or an outage go out).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from oncall_desktop.core.clock import Clock
from oncall_desktop.core.destinations import serves
from oncall_desktop.core.incident import EventKind, TimelineEvent
from oncall_desktop.core.outbox import Attempt, Post, PostState, RetryPolicy, resend, settle
from oncall_desktop.core.updates import MESSAGE, is_update
from oncall_desktop.services.lifetime import gone
from oncall_desktop.services.messages import said, shown
from oncall_desktop.services.tasks import TaskRunner
from oncall_desktop.storage.errors import StorageUnavailable

if TYPE_CHECKING:
    from oncall_desktop.storage.outbox import OutboxRepository

log = logging.getLogger(__name__)


class OutboxService(QObject):
    """Signals:
    post_changed(object): a Post as stored after any change (queued, sent, retry, failed).
    post_refused(object, str): a Post that could not be queued (storage away), and why.
    problem(object): the outbox could not be read or written, for the user
        (a UserMessage, said again in a new language, or text; services.messages.said).
    """

    post_changed = Signal(object)
    post_refused = Signal(object, str)
    problem = Signal(object)

    def __init__(
        self,
        repository: OutboxRepository,
        deliver: Callable[[Post], Attempt],
        runner: TaskRunner,
        clock: Clock,
        retry: RetryPolicy | None = None,
        actor: str = "",
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.actor = actor
        self._retry = retry or RetryPolicy()
        self._repo = repository
        self._deliver = deliver
        self._runner = runner
        self.clock = clock
        self._draining = False
        self._again = False
        self._running = False
        self._timer = QTimer(self)
        self._timer.setObjectName("outbox-next-attempt")
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.drain)
        # by incident: how many reads of its posts were asked, and the newest one delivered
        self._reads_asked: dict[int, int] = {}
        self._read_shown: dict[int, int] = {}

    def start(self) -> None:
        """Take back what this console claimed when it last died, then send what is due."""
        self._running = True
        self._runner.run(
            self._repo.release_own_claims, self._on_released, self._on_drain_error, write=True
        )

    def _on_released(self, count: int) -> None:
        if count:
            log.info("%d post(s) interrupted by the last stop are due again", count)
        self.drain()

    def stop(self) -> None:
        self._running = False
        self._timer.stop()

    def submit(self, post: Post) -> None:
        """Store the post (nothing is sent before it is committed), then send it."""
        now = self.clock.now()

        def refused(error: Exception) -> None:
            if isinstance(error, StorageUnavailable):  # not queued: said where it was made
                self.post_refused.emit(post, shown(error))
            self._on_storage_error(error)

        self._runner.run(
            lambda: self._repo.enqueue(post, now), self._on_stored, refused, write=True
        )

    def resend(self, post: Post, text: str, destination: str | None = None) -> None:
        """A failed post, edited, goes back in the queue."""
        edited = resend(post, text, destination, self.clock.now())
        self._runner.run(
            lambda: self._repo.record(edited), self._on_stored, self._on_storage_error, write=True
        )

    def posts_for(self, incident_id: int, on_loaded: Callable[[list[Post]], None]) -> None:
        """The incident's posts, as stored; a read answered after a newer one of the same
        incident was delivered is dropped (readers run side by side: it can only be older)."""
        asked = self._reads_asked[incident_id] = self._reads_asked.get(incident_id, 0) + 1

        def loaded(posts: list[Post]) -> None:
            if asked < self._read_shown.get(incident_id, 0) or gone(on_loaded):
                return  # (its window closed meanwhile: as the runner checks a bare callback)
            self._read_shown[incident_id] = asked
            on_loaded(posts)

        self._runner.run(
            lambda: self._repo.for_incident(incident_id), loaded, self._on_storage_error
        )

    def posts_of(
        self,
        incident_ids: list[int],
        on_loaded: Callable[[dict[int, list[Post]]], None],
        on_failed: Callable[[Exception], None],
    ) -> None:
        """Each incident's posts, read in one go (the terminal's ``status``); ``on_failed``
        when they cannot be read, so the caller answers all the same."""
        ids = list(incident_ids)
        self._runner.run(lambda: {i: self._repo.for_incident(i) for i in ids}, on_loaded, on_failed)

    def on_clock_jumped(self, seconds: float) -> None:
        if seconds > 0:
            self.drain()

    def _on_stored(self, post: Post) -> None:
        self.post_changed.emit(post)
        self.drain()

    def drain(self) -> None:
        """Send every due post, one after the other, then sleep until the next is due."""
        if not self._running:
            return
        if self._draining:
            self._again = True
            return
        self._draining = True
        self._again = False
        self._runner.run(self._send_one, self._on_sent_one, self._on_drain_error)

    def _send_one(self) -> tuple[Post | None, datetime | None]:
        return send_next(self._repo, self._deliver, self.clock, self._retry, self.actor)

    def _on_sent_one(self, result: tuple[Post | None, datetime | None]) -> None:
        self._draining = False
        post, next_due = result
        if post is not None:
            if post.state is PostState.FAILED:
                log.warning("post %s refused: %s", post.id, post.last_error)
            self.post_changed.emit(post)
            self.drain()  # maybe more are due
            return
        if self._again:
            self.drain()
            return
        if next_due is not None:
            wait_ms = max(0, int((next_due - self.clock.now()).total_seconds() * 1000))
            self._timer.start(min(wait_ms, 3_600_000))

    def _on_drain_error(self, error: Exception) -> None:
        self._draining = False
        self._on_storage_error(error)
        self._timer.start(5_000)  # the database may come back

    def _on_storage_error(self, error: Exception) -> None:
        if isinstance(error, StorageUnavailable):
            self.problem.emit(said(error))
            return
        raise error


def send_next(
    repo: OutboxRepository,
    deliver: Callable[[Post], Attempt],
    clock: Clock,
    retry: RetryPolicy,
    actor: str,
) -> tuple[Post | None, datetime | None]:
    """One step of the outbox (blocking, no Qt): claim the next due post, deliver it, record
    the outcome. Returns the post as stored, or (None, when the next one is due)."""
    post = repo.claim_next(clock.now())
    if post is None:
        return None, repo.next_due_at()
    attempt = deliver(post)
    settled = settle(post, attempt, clock.now(), retry)
    return repo.record(settled, timeline_event(settled, clock, actor)), None


def timeline_event(post: Post, clock: Clock, actor: str) -> TimelineEvent | None:
    """A confirmed post to a destination that serves its audience is that audience's update
    (its countdown restarts, core.updates); the same text anywhere else is a copy, noted, and
    a post-mortem's text (core.updates.NOT_UPDATES) is a note wherever it went."""
    if post.state is not PostState.SENT or post.incident_id is None:
        return None
    at = post.sent_at or clock.now()
    data = {
        "channel": str(post.target),  # any registered destination's id
        "link": post.remote_ref,
        "post": post.id,
        "delivered_as": post.delivered_as,
        "kind": post.kind,
        MESSAGE: str(post.extra.get(MESSAGE) or ""),
    }
    if is_update(post):
        return TimelineEvent(
            at=at, kind=EventKind.UPDATE_SENT, actor=actor, data={"audience": post.audience, **data}
        )
    if post.audience and not serves(str(post.target), post.audience):
        # the customers' text in the team's Slack: the customers saw nothing
        data["copy_of"] = post.audience
    return TimelineEvent(
        at=at,
        kind=EventKind.NOTE,
        actor=actor,
        # worded by the timeline in the reader's language (core/narrative)
        data={"text": f"Posted to {post.target}", "posted_to": str(post.target), **data},
    )

"""The persistent outbox: every outgoing post, its state, and when to try it again.

A post is written to the database *before* anything is sent. A worker claims due posts
(state ``sending``, attempts + 1, committed), sends, then records ``sent`` with the server's
reference, or a retry time, or a permanent failure. Pure decisions live here; storage and the
network are elsewhere.

Delivery is at-least-once. The only window where a crash can duplicate a post is between the
server accepting it and our commit of ``sent`` (one HTTP round trip plus one small commit):
a post found in ``sending`` at start-up was interrupted there, and is sent again.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any


class PostState(StrEnum):
    PENDING = "pending"  # waiting for its next attempt (possibly after a failure)
    SENDING = "sending"  # claimed by a worker; an attempt may be in flight
    SENT = "sent"  # the server confirmed it: never sent again
    FAILED = "failed"  # refused for good (bad channel, bad token): needs the engineer


class Target(StrEnum):
    SLACK = "slack"
    SLACK_WEBHOOK = "slack_webhook"
    PAGERDUTY_STATUS = "pagerduty_status"  # status update, falling back to a note


def as_target(value: str) -> Target | str:
    """A stored target: one of the built-in ones, or the id of a registered destination."""
    try:
        return Target(value)
    except ValueError:
        return value


@dataclass(frozen=True)
class Post:
    target: Target | str  # a Target, or the id of another registered destination
    text: str
    incident_id: int | None = None
    audience: str = ""  # the Audience value this post serves ("" for none)
    kind: str = ""  # MessageKind value
    destination: str = ""  # Slack channel, or PagerDuty incident id
    notify_channel: bool = False
    state: PostState = PostState.PENDING
    attempts: int = 0
    created_at: datetime | None = None
    next_attempt_at: datetime | None = None
    sent_at: datetime | None = None
    last_error: str = ""
    remote_ref: str = ""  # Slack permalink / ts, PagerDuty status update or note id
    delivered_as: str = ""  # e.g. "note" when PagerDuty refused a status update
    id: int | None = None
    extra: dict[str, Any] = field(default_factory=dict)


class Outcome(StrEnum):
    DELIVERED = "delivered"
    RETRY = "retry"  # network, timeout, 5xx, 429
    REFUSED = "refused"  # 4xx, ok:false: sending it again as it is will not help


@dataclass(frozen=True)
class Attempt:
    """What one send attempt came to."""

    outcome: Outcome
    remote_ref: str = ""
    delivered_as: str = ""
    error: str = ""
    retry_after: timedelta | None = None


@dataclass(frozen=True)
class RetryPolicy:
    base: timedelta = timedelta(seconds=2)
    cap: timedelta = timedelta(minutes=5)

    def delay(
        self, attempts: int, server_asked: timedelta | None, rng: random.Random | None = None
    ) -> timedelta:
        exponential = min(self.cap, self.base * (2 ** min(max(attempts - 1, 0), 16)))
        delay = exponential * (rng or random).uniform(0.5, 1.0)
        return max(delay, server_asked) if server_asked is not None else delay


def settle(
    post: Post,
    attempt: Attempt,
    now: datetime,
    policy: RetryPolicy = RetryPolicy(),
    rng: random.Random | None = None,
) -> Post:
    """The post after an attempt: sent, waiting to retry, or failed for good."""
    if attempt.outcome is Outcome.DELIVERED:
        return replace(
            post,
            state=PostState.SENT,
            sent_at=now,
            remote_ref=attempt.remote_ref,
            delivered_as=attempt.delivered_as,
            last_error="",
            next_attempt_at=None,
        )
    if attempt.outcome is Outcome.REFUSED:
        return replace(post, state=PostState.FAILED, last_error=attempt.error, next_attempt_at=None)
    delay = policy.delay(post.attempts, attempt.retry_after, rng)
    return replace(
        post, state=PostState.PENDING, last_error=attempt.error, next_attempt_at=now + delay
    )


def resend(post: Post, text: str, destination: str | None, now: datetime) -> Post:
    """A failed post, edited by the engineer and queued again."""
    if post.state is not PostState.FAILED:
        raise ValueError("only a failed post can be edited and sent again")
    return replace(
        post,
        text=text,
        destination=destination or post.destination,
        state=PostState.PENDING,
        next_attempt_at=now,
        last_error="",
    )

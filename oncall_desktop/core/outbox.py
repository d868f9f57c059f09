"""The persistent outbox: every outgoing post, its state, and when to try it again.

A post is written to the database *before* anything is sent. A worker claims due posts
(state ``sending``, attempts + 1, committed), sends, then records ``sent`` with the server's
reference, or a retry time, or a permanent failure. Pure decisions live here; storage and the
network are elsewhere.

An attempt whose answer was lost or unreadable (a timeout once the request was out, a dropped
connection, a 2xx whose body cannot be read) is *ambiguous*: the post may have arrived. So is
a claim that was never recorded (the sender died, perhaps after the destination accepted it:
a post found in ``sending`` when its lease ran out, or taken back by its restarted console).
Such a post is ``unsure``, and before it is sent again its deliverer looks at the destination
(integrations/deliverers: the destination's ``find`` hook). Found there, it is recorded as
delivered, with the reference found: exactly once where the destination can be read back.
Where it cannot (a webhook, mail), the post is sent again and marked ``maybe_twice``: it may
have arrived twice, and the cockpit says so.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any

from oncall_desktop.core.messages import UserMessage


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
    last_error: str = ""  # in English (logs; consoles of earlier versions read only this)
    last_error_message: UserMessage | None = None  # the same, to be translated when shown
    remote_ref: str = ""  # Slack permalink / ts, PagerDuty status update or note id
    delivered_as: str = ""  # e.g. "note" when PagerDuty refused a status update
    # an earlier attempt may have arrived (its answer lost, or its sender killed): look at the
    # destination before sending it again
    unsure: bool = False
    maybe_twice: bool = False  # sent again where the destination could not be checked
    id: int | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def problem(self) -> UserMessage | str:
        """Why its last attempt failed, in the form the UI translates ("" for none)."""
        return self.last_error_message or self.last_error


class Outcome(StrEnum):
    DELIVERED = "delivered"
    RETRY = "retry"  # network, timeout, 5xx, 429
    REFUSED = "refused"  # 4xx, ok:false: sending it again as it is will not help
    # the request went out but its answer was lost or unreadable: it may have arrived. Retried,
    # after looking at the destination where it can be read back
    AMBIGUOUS = "ambiguous"


@dataclass(frozen=True)
class Attempt:
    """What one send attempt came to."""

    outcome: Outcome
    remote_ref: str = ""
    delivered_as: str = ""
    error: str | UserMessage = ""
    retry_after: timedelta | None = None
    # this attempt sent an unsure post again without looking whether it had arrived (the
    # destination cannot be read back): if it went out, it may be there twice
    blind: bool = False


@dataclass(frozen=True)
class RetryPolicy:
    base: timedelta = timedelta(seconds=2)
    cap: timedelta = timedelta(minutes=5)

    def delay(
        self, attempts: int, server_asked: timedelta | None, rng: random.Random | None = None
    ) -> timedelta:
        factor: int = 2 ** min(max(attempts - 1, 0), 16)  # (int ** int is typed Any)
        exponential = min(self.cap, self.base * factor)
        delay = exponential * (rng or random).uniform(0.5, 1.0)
        return max(delay, server_asked) if server_asked is not None else delay


def settle(
    post: Post,
    attempt: Attempt,
    now: datetime,
    policy: RetryPolicy = RetryPolicy(),
    rng: random.Random | None = None,
) -> Post:
    """The post after an attempt: sent, waiting to retry, or failed for good. A plain failure
    (refused, or a retry that surely did not arrive) leaves an earlier doubt as it was."""
    may_have_gone = attempt.outcome in (Outcome.DELIVERED, Outcome.AMBIGUOUS)
    twice = post.maybe_twice or (attempt.blind and may_have_gone)
    if attempt.outcome is Outcome.DELIVERED:
        return replace(
            post,
            state=PostState.SENT,
            sent_at=now,
            remote_ref=attempt.remote_ref,
            delivered_as=attempt.delivered_as,
            last_error="",
            last_error_message=None,
            next_attempt_at=None,
            unsure=False,
            maybe_twice=twice,
        )
    error = attempt.error
    message = error if isinstance(error, UserMessage) else None
    if attempt.outcome is Outcome.REFUSED:
        return replace(
            post,
            state=PostState.FAILED,
            last_error=str(error),
            last_error_message=message,
            next_attempt_at=None,
        )
    delay = policy.delay(post.attempts, attempt.retry_after, rng)
    return replace(
        post,
        state=PostState.PENDING,
        last_error=str(error),
        last_error_message=message,
        next_attempt_at=now + delay,
        unsure=post.unsure or attempt.outcome is Outcome.AMBIGUOUS,
        maybe_twice=twice,
    )


def resend(post: Post, text: str, destination: str | None, now: datetime) -> Post:
    """A failed post, edited by the engineer and queued again (still unsure if it was: the
    destination is looked at first; an edited text is a different message there)."""
    if post.state is not PostState.FAILED:
        raise ValueError("only a failed post can be edited and sent again")
    return replace(
        post,
        text=text,
        destination=destination or post.destination,
        state=PostState.PENDING,
        next_attempt_at=now,
        last_error="",
        last_error_message=None,
    )

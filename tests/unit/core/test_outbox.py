import random
from datetime import timedelta

import pytest

from oncall_desktop.core.outbox import (
    Attempt,
    Outcome,
    Post,
    PostState,
    RetryPolicy,
    Target,
    resend,
    settle,
)


def claimed(attempts=1):
    return Post(Target.SLACK, "hello", state=PostState.SENDING, attempts=attempts)


def test_delivered_is_final(clock):
    post = settle(claimed(), Attempt(Outcome.DELIVERED, remote_ref="https://x/p1"), clock.now())
    assert (post.state, post.sent_at, post.remote_ref) == (
        PostState.SENT,
        clock.now(),
        "https://x/p1",
    )


def test_retry_backs_off_and_honours_the_server(clock):
    rng = random.Random(3)
    first = settle(claimed(1), Attempt(Outcome.RETRY, error="500"), clock.now(), rng=rng)
    assert first.state is PostState.PENDING and first.last_error == "500"
    assert timedelta(seconds=1) <= first.next_attempt_at - clock.now() <= timedelta(seconds=2)
    later = settle(claimed(8), Attempt(Outcome.RETRY), clock.now(), rng=rng)
    assert later.next_attempt_at - clock.now() <= RetryPolicy().cap
    rate_limited = settle(
        claimed(1), Attempt(Outcome.RETRY, retry_after=timedelta(seconds=30)), clock.now(), rng=rng
    )
    assert rate_limited.next_attempt_at - clock.now() == timedelta(seconds=30)


def test_refused_waits_for_the_engineer_then_resends_edited(clock):
    failed = settle(claimed(), Attempt(Outcome.REFUSED, error="channel_not_found"), clock.now())
    assert failed.state is PostState.FAILED and failed.next_attempt_at is None
    again = resend(failed, "fixed text", "#incidents", clock.now())
    assert (again.state, again.text, again.destination) == (
        PostState.PENDING,
        "fixed text",
        "#incidents",
    )
    with pytest.raises(ValueError):
        resend(again, "x", None, clock.now())

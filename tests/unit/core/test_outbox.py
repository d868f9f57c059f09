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


def test_an_ambiguous_answer_makes_the_post_unsure_until_delivered(clock):
    """The answer was lost or unreadable: retried, but looked for first (issue 24)."""
    lost = settle(claimed(), Attempt(Outcome.AMBIGUOUS, error="no answer"), clock.now())
    assert (lost.state, lost.unsure, lost.maybe_twice) == (PostState.PENDING, True, False)
    assert lost.next_attempt_at > clock.now()
    plain_failure = settle(lost, Attempt(Outcome.RETRY, error="503"), clock.now())
    assert plain_failure.unsure  # a plain failure does not clear the earlier doubt
    found = settle(plain_failure, Attempt(Outcome.DELIVERED, remote_ref="C1/1.2"), clock.now())
    assert (found.state, found.unsure, found.maybe_twice) == (PostState.SENT, False, False)


def test_sent_again_blind_it_may_have_arrived_twice(clock):
    unsure = Post(Target.SLACK_WEBHOOK, "x", state=PostState.SENDING, attempts=2, unsure=True)
    sent = settle(unsure, Attempt(Outcome.DELIVERED, blind=True), clock.now())
    assert (sent.state, sent.maybe_twice) == (PostState.SENT, True)
    again_lost = settle(unsure, Attempt(Outcome.AMBIGUOUS, blind=True), clock.now())
    assert again_lost.maybe_twice and again_lost.unsure
    refused = settle(unsure, Attempt(Outcome.REFUSED, blind=True), clock.now())
    assert not refused.maybe_twice and refused.unsure  # this attempt surely did not arrive

"""The outbox on SQLite and PostgreSQL: stored before sending, claimed once, leases expire."""

from datetime import timedelta

from oncall_desktop.core.outbox import Attempt, Outcome, Post, PostState, Target, settle
from oncall_desktop.storage.db import open_database
from oncall_desktop.storage.outbox import CLAIM_LEASE, OutboxRepository


def test_enqueue_claim_settle(database_url, clock):
    db = open_database(database_url)
    try:
        repo = OutboxRepository(db)
        first = repo.enqueue(Post(Target.SLACK, "one", destination="#incidents"), clock.now())
        repo.enqueue(Post(Target.SLACK, "two", destination="#incidents"), clock.now())
        claimed = repo.claim_next(clock.now())
        assert (claimed.id, claimed.state, claimed.attempts) == (first.id, PostState.SENDING, 1)
        second = repo.claim_next(clock.now())
        assert second.text == "two"
        assert repo.claim_next(clock.now()) is None  # both are being sent
        repo.record(settle(claimed, Attempt(Outcome.DELIVERED, remote_ref="ts1"), clock.now()))
        repo.record(settle(second, Attempt(Outcome.RETRY, error="503"), clock.now()))
        assert repo.get(first.id).state is PostState.SENT
        assert repo.claim_next(clock.now()) is None  # the retry waits for its time
        clock.advance(timedelta(minutes=10))
        again = repo.claim_next(clock.now())
        assert (again.text, again.attempts) == ("two", 2)
        assert repo.counts() == {"sent": 1, "sending": 1}
    finally:
        db.close()


def test_a_claim_from_a_dead_console_expires(database_url, clock):
    db = open_database(database_url)
    try:
        repo = OutboxRepository(db)
        post = repo.enqueue(Post(Target.SLACK, "interrupted"), clock.now())
        repo.claim_next(clock.now())  # ...and the process is killed here
        assert repo.claim_next(clock.now()) is None
        assert repo.next_due_at() == clock.now() + CLAIM_LEASE
        clock.advance(CLAIM_LEASE + timedelta(seconds=1))
        retaken = repo.claim_next(clock.now())
        assert (retaken.id, retaken.attempts) == (post.id, 2)
        assert retaken.unsure  # its sender may have died once the destination had it
    finally:
        db.close()


def test_two_consoles_never_claim_the_same_post(database_url, clock):
    first_db, second_db = open_database(database_url), open_database(database_url)
    try:
        one, two = OutboxRepository(first_db), OutboxRepository(second_db)
        for n in range(10):
            one.enqueue(Post(Target.SLACK, f"post {n}"), clock.now())
        taken = []
        while True:
            a, b = one.claim_next(clock.now()), two.claim_next(clock.now())
            if a is None and b is None:
                break
            taken += [p.id for p in (a, b) if p is not None]
        assert sorted(taken) == sorted(set(taken)) and len(taken) == 10
    finally:
        first_db.close()
        second_db.close()


def test_a_restarted_console_takes_back_its_own_claims_at_once(database_url, clock):
    db = open_database(database_url)
    try:
        mine = OutboxRepository(db, console="console-a")
        other = OutboxRepository(db, console="console-b")
        first = mine.enqueue(Post(Target.SLACK, "mine"), clock.now())
        mine.enqueue(Post(Target.SLACK, "theirs"), clock.now())
        assert mine.claim_next(clock.now()).id == first.id  # ...then console-a is killed
        other.claim_next(clock.now())  # console-b is alive and sending
        assert mine.release_own_claims() == 1  # console-a restarts
        again = mine.claim_next(clock.now())
        assert (again.id, again.attempts, again.unsure) == (first.id, 2, True)
        assert other.release_own_claims() == 1 and mine.claim_next(clock.now()) is not None
    finally:
        db.close()


def test_doubts_are_kept_with_the_post(database_url, clock):
    db = open_database(database_url)
    try:
        repo = OutboxRepository(db)
        post = repo.enqueue(Post(Target.SLACK_WEBHOOK, "x"), clock.now())
        assert not post.unsure and not post.maybe_twice
        claimed = repo.claim_next(clock.now())
        assert not claimed.unsure  # a first claim is no doubt
        lost = repo.record(settle(claimed, Attempt(Outcome.AMBIGUOUS), clock.now()))
        assert repo.get(post.id).unsure
        clock.advance(timedelta(minutes=10))
        again = repo.claim_next(clock.now())
        assert again.unsure and again.id == lost.id
        repo.record(settle(again, Attempt(Outcome.DELIVERED, blind=True), clock.now()))
        stored = repo.get(post.id)
        assert (stored.state, stored.unsure, stored.maybe_twice) == (PostState.SENT, False, True)
    finally:
        db.close()

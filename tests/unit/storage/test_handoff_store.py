"""Handoff notes on SQLite and PostgreSQL: one per change, newest revision wins, completion
recorded, the previous one found for carrying watch items over."""

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from oncall_desktop.core.handoff import HandoffNote
from oncall_desktop.storage.db import open_database
from oncall_desktop.storage.handoffs import HandoffRepository

CHANGE = datetime(2025, 10, 27, 8, 0, tzinfo=UTC)


@pytest.fixture
def handoffs(database_url):
    db = open_database(database_url)
    yield HandoffRepository(db)
    db.close()


def test_one_per_change_newest_revision_wins_and_completion(handoffs, policy):
    note = HandoffNote(CHANGE, "Agent DEV", "Orchestrateur", watch_items=("replica lag",))
    first = handoffs.create(note, at=CHANGE)
    assert handoffs.create(replace(note, outgoing="someone else"), at=CHANGE).id == first.id
    signed = note.sign(at=CHANGE, by="Agent DEV")
    signed = replace(signed, revision=2)
    for check in policy.handoff.incoming_checks:
        signed = signed.acknowledge(check.id, at=CHANGE + timedelta(minutes=5), by="Orch")
    stored = handoffs.save(signed, at=CHANGE + timedelta(minutes=6), complete=True)
    assert stored.completed_at == CHANGE + timedelta(minutes=6)
    assert stored.note == signed and stored.signed_at == CHANGE
    handoffs.save(replace(note, revision=1, notes="stale"), at=CHANGE, complete=False)
    assert handoffs.for_change(CHANGE).note.notes == ""  # the older revision lost
    with pytest.raises(KeyError):
        handoffs.save(
            replace(note, change_at=CHANGE + timedelta(days=1)), at=CHANGE, complete=False
        )


def test_previous_and_history(handoffs):
    for weeks in range(3):
        moment = CHANGE + timedelta(weeks=weeks)
        handoffs.create(HandoffNote(moment, f"out{weeks}", f"in{weeks}"), at=moment)
    assert handoffs.previous(CHANGE + timedelta(weeks=2)).note.outgoing == "out1"
    assert handoffs.previous(CHANGE) is None
    assert [h.note.outgoing for h in handoffs.history()] == ["out2", "out1", "out0"]


def test_two_consoles_making_the_same_handoff_get_one_without_a_crash(handoffs, monkeypatch):
    """Issue 18: both consoles looked, saw none, inserted: the second hit the unique change
    and crashed. It now gets the first one's note."""
    from oncall_desktop.storage.handoffs import HandoffRepository

    note = HandoffNote(CHANGE, "Agent DEV", "Orchestrateur")
    first = handoffs.create(note, at=CHANGE)
    real = HandoffRepository.for_change
    looked = []

    def not_yet_committed_when_looked(self, change_at):
        if not looked:
            looked.append(change_at)
            return None
        return real(self, change_at)

    monkeypatch.setattr(HandoffRepository, "for_change", not_yet_committed_when_looked)
    assert handoffs.create(replace(note, outgoing="Ben"), at=CHANGE).id == first.id
    assert looked == [CHANGE]

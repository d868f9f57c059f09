"""Post-mortems on SQLite and PostgreSQL: one per incident, newest revision wins, action items
tracked across post-mortems with the moment they were closed."""

from dataclasses import replace
from datetime import UTC, date, timedelta

import pytest

from oncall_desktop.core.incident import Incident, Status
from oncall_desktop.core.policy import Severity
from oncall_desktop.core.postmortem import ActionItem, ActionStatus, prefill
from oncall_desktop.storage.db import open_database
from oncall_desktop.storage.incidents import IncidentRepository
from oncall_desktop.storage.postmortems import PostmortemRepository


@pytest.fixture
def stores(database_url):
    db = open_database(database_url)
    yield IncidentRepository(db), PostmortemRepository(db)
    db.close()


def _resolved(incidents, clock, title="API down", drill=False):
    inc = Incident.declare(
        title=title, severity=Severity.SEV1, at=clock.now(), actor="a", is_drill=drill
    )
    inc.move_to(Status.RESOLVED, at=clock.now() + timedelta(hours=1), actor="a")
    return incidents.save(inc)


def test_create_save_reload_on_both_backends(stores, clock, policy):
    incidents, postmortems = stores
    inc = _resolved(incidents, clock, title='<script>alert("x")</script> 💥')
    draft = prefill(inc, policy, language="en", zone=UTC)
    stored = postmortems.create(inc.id, draft, at=clock.now(), due_at=clock.now())
    assert stored.draft == draft and stored.signed_at is None
    assert postmortems.create(inc.id, draft, at=clock.now(), due_at=None).id == stored.id

    edited = replace(
        draft,
        revision=1,
        sections={**draft.sections, "root_cause": "disk full"},
        action_items=(ActionItem(1, "Alert on disk", "bob", date(2025, 10, 30)),),
    )
    clock.advance(60)
    saved = postmortems.save(inc.id, edited, at=clock.now())
    assert saved.draft == edited and saved.updated_at == clock.now()
    assert postmortems.for_incident(inc.id).draft.text("root_cause") == "disk full"


def test_an_older_revision_never_overwrites_a_newer_one(stores, clock, policy):
    incidents, postmortems = stores
    inc = _resolved(incidents, clock)
    draft = prefill(inc, policy, language="en", zone=UTC)
    postmortems.create(inc.id, draft, at=clock.now(), due_at=None)
    newer = replace(draft, revision=5, sections={"summary": "newest"})
    postmortems.save(inc.id, newer, at=clock.now())
    postmortems.save(
        inc.id, replace(draft, revision=3, sections={"summary": "stale"}), at=clock.now()
    )
    assert postmortems.for_incident(inc.id).draft.text("summary") == "newest"


def test_signing_completes_and_unsigning_reopens(stores, clock, policy):
    incidents, postmortems = stores
    inc = _resolved(incidents, clock)
    draft = prefill(inc, policy, language="en", zone=UTC)
    postmortems.create(inc.id, draft, at=clock.now(), due_at=clock.now() + timedelta(days=1))
    assert [p.incident_id for p in postmortems.unsigned()] == [inc.id]
    assert not postmortems.unsigned()[0].is_overdue(clock.now())
    assert postmortems.unsigned()[0].is_overdue(clock.now() + timedelta(days=2))
    signed = replace(draft, revision=1, reviewed_by="CTO", reviewed_on=date(2025, 10, 21))
    clock.advance(120)
    assert postmortems.save(inc.id, signed, at=clock.now()).signed_at == clock.now()
    assert postmortems.unsigned() == []
    postmortems.save(inc.id, replace(signed, revision=2, reviewed_by=""), at=clock.now())
    assert postmortems.for_incident(inc.id).signed_at is None


def test_action_items_are_tracked_across_post_mortems(stores, clock, policy):
    incidents, postmortems = stores
    first, second = _resolved(incidents, clock, "first"), _resolved(incidents, clock, "second")
    drill = _resolved(incidents, clock, "drill", drill=True)
    for inc, items in (
        (first, (ActionItem(1, "late", due=date(2025, 10, 22)), ActionItem(2, "no date"))),
        (second, (ActionItem(1, "soon", due=date(2025, 10, 25)),)),
        (drill, (ActionItem(1, "drill item", due=date(2025, 10, 21)),)),
    ):
        draft = replace(prefill(inc, policy, language="en", zone=UTC), action_items=items)
        postmortems.create(inc.id, draft, at=clock.now(), due_at=None)
    tracked = postmortems.tracked_action_items()
    assert [t.item.action for t in tracked] == ["late", "soon", "no date"]
    assert tracked[0].postmortem_title.startswith("POST-MORTEM : INC-")

    clock.advance(3600)
    pm = postmortems.for_incident(first.id)
    postmortems.set_action_status(pm.id, 1, ActionStatus.DONE, at=clock.now())
    after = postmortems.for_incident(first.id)
    assert after.draft.action_items[0].closed_at == clock.now()
    assert after.draft.revision == pm.draft.revision + 1  # an open editor reloads
    assert [t.item.action for t in postmortems.tracked_action_items()][-1] == "late"

    # removing an item in the editor removes it from the list
    postmortems.save(
        first.id,
        replace(
            after.draft, revision=after.draft.revision, action_items=after.draft.action_items[:1]
        ),
        at=clock.now(),
    )
    assert "no date" not in [t.item.action for t in postmortems.tracked_action_items()]
    with pytest.raises(KeyError):
        postmortems.set_action_status(pm.id, 9, ActionStatus.DONE, at=clock.now())


def test_two_consoles_creating_the_same_post_mortem_get_one_without_a_crash(
    stores, clock, policy, monkeypatch
):
    """Issue 18: both consoles looked, saw none, inserted; the second insert hit the unique
    incident and surfaced as a crash. The second now gets the first one's post-mortem."""
    incidents, postmortems = stores
    inc = _resolved(incidents, clock)
    draft = prefill(inc, policy, language="en", zone=UTC)
    first = postmortems.create(inc.id, draft, at=clock.now(), due_at=None)
    looked = []
    real = PostmortemRepository.for_incident

    def not_yet_committed_when_looked(self, incident_id):  # the race: it looked just before
        if not looked:
            looked.append(incident_id)
            return None
        return real(self, incident_id)

    monkeypatch.setattr(PostmortemRepository, "for_incident", not_yet_committed_when_looked)
    second = postmortems.create(inc.id, draft, at=clock.now(), due_at=None)
    assert second.id == first.id and looked == [inc.id]


def test_an_action_status_set_from_the_list_never_undoes_a_draft_saved_meanwhile(
    stores, clock, policy, monkeypatch
):
    """Issue 18: the tracking list's status change read the post-mortem unlocked and wrote
    its body back from that read: a draft a colleague saved in between was lost. Now the
    post-mortem is held while its status changes; the colleague's save waits, then lands."""
    import threading

    from oncall_desktop.storage import postmortems as module

    incidents, postmortems = stores
    inc = _resolved(incidents, clock)
    draft = replace(
        prefill(inc, policy, language="en", zone=UTC),
        action_items=(ActionItem(number=1, action="add a replica", owner="ana"),),
    )
    stored = postmortems.create(inc.id, draft, at=clock.now(), due_at=None)
    newer = replace(
        stored.draft,
        sections={**stored.draft.sections, "summary": "Written by Ben"},
        revision=stored.draft.revision + 1,
    )
    list_has_read, let_it_write = threading.Event(), threading.Event()
    real_from_json = module.from_json

    def pause_after_reading(text, *args):
        list_has_read.set()
        let_it_write.wait(5)
        return real_from_json(text, *args)

    monkeypatch.setattr(module, "from_json", pause_after_reading)
    errors = []

    def run(action):
        try:
            action()
        except Exception as error:  # noqa: BLE001 - reported by the assertion below
            errors.append(error)

    status_change = threading.Thread(
        target=run,
        args=(
            lambda: postmortems.set_action_status(stored.id, 1, ActionStatus.DONE, at=clock.now()),
        ),
    )
    status_change.start()
    assert list_has_read.wait(5)
    monkeypatch.setattr(module, "from_json", real_from_json)  # Ben's save reads normally
    ben = threading.Thread(
        target=run, args=(lambda: postmortems.save(inc.id, newer, at=clock.now()),)
    )
    ben.start()
    ben.join(1.0)  # it waits for the status change to finish (or, unlocked, lands at once)
    let_it_write.set()
    status_change.join(10)
    ben.join(10)
    assert errors == []
    after = postmortems.for_incident(inc.id)
    assert after.draft.sections["summary"] == "Written by Ben"  # Ben's words are not lost

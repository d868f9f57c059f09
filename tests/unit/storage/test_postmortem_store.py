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

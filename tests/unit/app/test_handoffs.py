"""The weekly handoff: the room alone (its service on a throwaway SQLite store, a stand-in
router), then in the assembled app, driven by a fake clock across the rotation moment (and a
daylight-saving change), with the app closed over it, and PagerDuty's side against the
contract-checked fake."""

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from oncall_desktop.config.schema import Settings
from oncall_desktop.core.incident import Incident
from oncall_desktop.core.policy import Severity
from oncall_desktop.integrations.secrets import PAGERDUTY_TOKEN, InMemorySecretStore
from oncall_desktop.storage.db import open_database, sqlite_url
from oncall_desktop.storage.handoffs import HandoffRepository
from oncall_desktop.storage.incidents import IncidentRepository
from tests.helpers.fake_pagerduty import ME_ID, OTHER_ID
from tests.unit.app.conftest import RecordingNotifier

# Paris left summer time on Sunday 26 October 2025: the Monday 09:00 handoff was 07:00 UTC on
# the 20th and is 08:00 UTC on the 27th.
BEFORE_CHANGE = datetime(2025, 10, 27, 7, 30, tzinfo=UTC)  # 08:30 in Paris
CHANGE = datetime(2025, 10, 27, 8, 0, tzinfo=UTC)
# Week 1 (Agent DEV primary) from Monday 2025-10-20: these tests are about the moment of the
# change, not the default start (tests/unit/services/test_incidents.py checks that one).
PARIS_ORCHESTRATEUR = Settings(
    language="en",
    team_timezone="Europe/Paris",
    engineer_name="Orchestrateur",
    rotation_anchor="2025-10-20",
)


def set_clock(clock, moment):
    clock.advance(moment - clock.now())


def handoff_window(qtbot, ctx):
    qtbot.waitUntil(lambda: ctx.controller.handoffs.window is not None, timeout=5000)
    return ctx.controller.handoffs.window


# --- the room alone ---------------------------------------------------------------------------


class Router:
    """Stands in for the update router: keeps what the team would be sent."""

    class Route:
        label = "#incidents"

    def __init__(self):
        self.posted = []

    def post_internal(self, text, *, kind, **_where):
        self.posted.append((kind, text))
        return self.Route()


@pytest.fixture
def room(qapp, database, runner, clock, policy):
    from oncall_desktop.app.collaborators import Notifications, Preferences
    from oncall_desktop.app.handoffs import HandoffController
    from oncall_desktop.services.handoffs import HandoffService
    from oncall_desktop.storage.postmortems import PostmortemRepository

    set_clock(clock, BEFORE_CHANGE)
    preferences = Preferences(PARIS_ORCHESTRATEUR)
    service = HandoffService(
        HandoffRepository(database),
        IncidentRepository(database),
        PostmortemRepository(database),
        runner,
        clock,
        policy,
        InMemorySecretStore(),
        settings=lambda: preferences.settings,
        zone=lambda: preferences.zone,
    )
    recorder = RecordingNotifier()
    handoffs = HandoffController(service, preferences, Notifications(recorder.notifier), Router())
    handoffs.recorder = recorder
    yield handoffs
    handoffs.close_window()


def test_alone_the_handoff_i_owe_opens_notified_and_reminds_until_acknowledged(qtbot, room):
    said = []
    room.rotation_said.connect(said.append)
    room.start()
    qtbot.waitUntil(lambda: room.window is not None, timeout=5000)
    assert said == ["On call: Agent DEV (backup Orchestrateur) until Monday 09:00"]
    assert (room.window.note.outgoing, room.window.note.incoming) == ("Orchestrateur", "Agent DEV")
    assert [n.title for n in room.recorder.shown] == ["On-call handoff: Monday 09:00"]
    assert room.reminder_entries() == [("handoff", "Handoff pending: 0 of 4 acknowledged")]
    room.open()  # asked again: the same window, brought up
    assert room.window.isVisible()


def test_alone_someone_elses_handoff_neither_notifies_nor_reminds(qtbot, room):
    room.preferences.replace(replace(PARIS_ORCHESTRATEUR, engineer_name="Somebody Else"))
    room.start()
    qtbot.waitUntil(lambda: room.service.current is not None, timeout=5000)
    assert room.window is None and room.recorder.shown == []
    assert room.reminder_entries() == []


def test_alone_the_note_goes_to_the_team_through_the_router(qtbot, room):
    room.start()
    qtbot.waitUntil(lambda: room.window is not None, timeout=5000)
    room.window.post_action.trigger()
    assert [kind for kind, _ in room.router.posted] == ["handoff"]
    assert room.router.posted[0][1].startswith("## On-Call Handoff - Monday 09:00")
    assert room.window.statusBar().currentMessage() == "Queued for #incidents"


def test_alone_an_incident_opened_since_the_draft_is_in_the_handoff_when_it_opens(
    qtbot, room, database, clock
):
    """The drill's Handoff window said "No active incidents" while its SEV-1 was open: the
    draft made at the change (before the page) was shown as it was then."""
    from PySide6.QtWidgets import QLabel

    room.start()
    qtbot.waitUntil(lambda: room.window is not None, timeout=5000)
    assert room.window.note.active == ()
    room.close_window()
    qtbot.waitUntil(lambda: room.window is None)
    IncidentRepository(database).save(
        Incident.declare(
            title="API Down - All endpoints returning 500",
            severity=Severity.SEV1,
            at=clock.now(),
            actor="Orchestrateur",
            is_drill=True,
        )
    )
    room.open()
    qtbot.waitUntil(lambda: room.window is not None, timeout=5000)
    assert [line.title for line in room.window.note.active] == [
        "API Down - All endpoints returning 500"
    ]
    assert room.window.active_table.rowCount() == 1
    texts = [label.text() for label in room.window.findChildren(QLabel)]
    assert "✅ No active incidents" not in texts


# --- in the assembled app ------------------------------------------------------------------------


def test_the_form_opens_at_the_change_local_time_across_daylight_saving(qtbot, context, clock):
    set_clock(clock, BEFORE_CHANGE)
    recorder = RecordingNotifier()
    ctx = context(settings=PARIS_ORCHESTRATEUR, notifier=recorder.notifier)
    # At start: the change of Monday the 20th had no handoff (the app was not running then);
    # Orchestrateur handed over to Agent DEV: the form opens for them.
    first = handoff_window(qtbot, ctx)
    assert (first.note.outgoing, first.note.incoming) == ("Orchestrateur", "Agent DEV")
    assert first.note.change_at == datetime(2025, 10, 20, 7, 0, tzinfo=UTC)
    assert "On call: Agent DEV (backup Orchestrateur) until Monday 09:00" in (
        ctx.window.rotation_label.text()
    )
    first.watch_edit.setPlainText("Database replica lag (slight delay, monitoring)")
    first.close()
    qtbot.waitUntil(lambda: ctx.controller.handoffs.window is None)

    # 7 × 24 h after the last change it is only 08:00 in Paris: not yet.
    set_clock(clock, datetime(2025, 10, 27, 7, 0, 30, tzinfo=UTC))
    ctx.controller.on_tick(clock.now())  # decided there and then: nothing asked of a worker
    assert ctx.controller.handoffs.window is None
    set_clock(clock, CHANGE + timedelta(seconds=30))
    ctx.controller.on_tick(clock.now())
    second = handoff_window(qtbot, ctx)
    assert (second.note.outgoing, second.note.incoming) == ("Agent DEV", "Orchestrateur")
    assert second.note.change_at == CHANGE
    assert second.note.watch_items == ("Database replica lag (slight delay, monitoring)",)
    titles = [n.title for n in recorder.shown if n.key == "handoff"]
    assert titles == ["On-call handoff: Monday 09:00", "On-call handoff: Monday 09:00"]
    qtbot.waitUntil(lambda: ctx.controller.handoffs.service.current.note.change_at == CHANGE)
    assert ctx.controller.handoffs.reminder_entries() == [
        ("handoff", "Handoff pending: 0 of 4 acknowledged")
    ]


def test_the_app_closed_over_the_change_opens_the_form_at_the_next_start(qtbot, context, clock):
    set_clock(clock, BEFORE_CHANGE)
    ctx = context(settings=PARIS_ORCHESTRATEUR)
    handoff_window(qtbot, ctx).close()
    qtbot.waitUntil(lambda: ctx.controller.handoffs.window is None)
    ctx.dispose()  # the laptop is shut for the week-end... and Monday morning

    set_clock(clock, CHANGE + timedelta(hours=3))
    again = context(settings=PARIS_ORCHESTRATEUR)
    window = handoff_window(qtbot, again)
    assert window.note.change_at == CHANGE and window.note.incoming == "Orchestrateur"
    stored = HandoffRepository(again.database).history()
    assert [h.note.change_at for h in stored] == [CHANGE, datetime(2025, 10, 20, 7, tzinfo=UTC)]
    window.history_action.trigger()  # both handoffs, newest first, shown as plain text
    qtbot.waitUntil(lambda: getattr(window, "history_dialog", None) is not None, timeout=5000)
    dialog = window.history_dialog
    assert dialog.list.count() == 2 and "Agent DEV → Orchestrateur" in dialog.list.item(0).text()
    assert dialog.text.toPlainText().startswith("## On-Call Handoff - Monday 09:00 (2025-10-27)")


def test_incoming_checks_complete_the_handoff_with_pagerduty_checked_live(
    qtbot, context, clock, pagerduty, tmp_path
):
    set_clock(clock, CHANGE + timedelta(minutes=5))
    secrets = InMemorySecretStore()
    secrets.set(PAGERDUTY_TOKEN, pagerduty.token)
    pagerduty.add_oncall(ME_ID, CHANGE, CHANGE + timedelta(days=7))
    settings = Settings(
        language="en",
        team_timezone="Europe/Paris",
        engineer_name="Orchestrateur",
        pagerduty_base_url=pagerduty.url,
        rotation_anchor="2025-10-20",
    )
    database = open_database(sqlite_url(tmp_path / "oncall.sqlite3"))  # the app's database
    IncidentRepository(database).save(
        Incident.declare(
            title="Payments webhook failing", severity=Severity.SEV2, at=CHANGE, actor="a"
        )
    )
    database.close()
    ctx = context(settings=settings, secrets=secrets)
    window = handoff_window(qtbot, ctx)
    window.sign()
    assert window.note.signed_by == "Agent DEV"
    assert window.status_label.text() == "Status: pending ⏳ (0 of 4 acknowledged)"

    window.check_boxes["pagerduty"].setChecked(True)  # asks PagerDuty, does not just tick
    assert not window.check_boxes["pagerduty"].isChecked()
    qtbot.waitUntil(lambda: "pagerduty" in window.note.checks, timeout=5000)
    assert "token valid for Alice" in window.note.checks["pagerduty"].detail
    assert pagerduty.requests_to("GET", "/oncalls") and pagerduty.take_violations() == []
    for check in ("read", "access", "runbook"):
        window.check_boxes[check].setChecked(True)
    assert window.status_label.text() == "Status: Handoff complete ✅"
    qtbot.waitUntil(
        lambda: HandoffRepository(ctx.database).for_change(CHANGE).completed_at is not None,
        timeout=5000,
    )
    # the tray's reminder follows once the stored handoff comes back to the GUI thread (on a
    # busy machine, after the row is already in the database): wait for it, not for time
    qtbot.waitUntil(lambda: ctx.controller.handoffs.reminder_entries() == [], timeout=5000)
    markdown = window.markdown()
    assert "**Status** : Handoff complete ✅" in markdown
    assert "Payments webhook failing" in markdown  # the open incident, listed as active


def test_without_a_token_pagerduty_is_acknowledged_by_hand_and_the_tray_reminds(
    qtbot, context, clock, tmp_path
):
    set_clock(clock, CHANGE + timedelta(minutes=5))
    ctx = context(settings=PARIS_ORCHESTRATEUR)
    window = handoff_window(qtbot, ctx)
    qtbot.waitUntil(lambda: ctx.controller.handoffs.service.current is not None)
    assert ctx.controller.handoffs.reminder_entries() == [
        ("handoff", "Handoff pending: 0 of 4 acknowledged")
    ]
    window.check_boxes["pagerduty"].setChecked(True)
    qtbot.waitUntil(lambda: window.check_boxes["pagerduty"].isEnabled(), timeout=5000)
    assert "No PagerDuty token" in window.check_details["pagerduty"].text()
    window.check_boxes["pagerduty"].setChecked(True)  # a human tick, now allowed
    assert "pagerduty" in window.note.checks
    qtbot.waitUntil(
        lambda: (
            ctx.controller.handoffs.reminder_entries()
            == [("handoff", "Handoff pending: 1 of 4 acknowledged")]
        ),
        timeout=5000,
    )
    path = window.export_markdown(tmp_path / "handoff.md")
    assert path.read_text(encoding="utf-8").startswith("## On-Call Handoff - Monday 09:00")
    posts = []
    ctx.outbox.post_changed.connect(posts.append)
    window.post_action.trigger()
    qtbot.waitUntil(lambda: bool(posts), timeout=5000)
    assert posts[0].destination == "#incidents" and posts[0].kind == "handoff"


def test_the_live_check_asks_the_source_that_keeps_rotations_by_its_name(
    qtbot, context, clock
):
    """A source of the tests' own ("Siren", one module) that keeps rotations and is the one
    the rotation is read from: the check says it asks Siren, and without Siren's token it is
    ticked by hand (in French too, where the answer's words are not English)."""
    from oncall_desktop.core.capabilities import BASIC, Capability
    from oncall_desktop.integrations.sources import register_source, unregister_source
    from tests.unit.integrations import throwaway_source

    rotating = frozenset(BASIC | {Capability.ROTATION})
    register_source(replace(throwaway_source.KIND, capabilities=rotating))
    try:
        set_clock(clock, CHANGE + timedelta(minutes=5))
        settings = replace(PARIS_ORCHESTRATEUR, language="fr", rotation_source="siren")
        ctx = context(settings=settings)
        window = handoff_window(qtbot, ctx)
        box = window.check_boxes["pagerduty"]  # the procedure's check: "PagerDuty configured"
        box.setChecked(True)
        assert window.check_details["pagerduty"].text() == "Vérification de Siren…"
        qtbot.waitUntil(box.isEnabled, timeout=5000)
        assert "Aucun jeton Siren" in window.check_details["pagerduty"].text()
        box.setChecked(True)  # a human tick, now allowed
        assert "pagerduty" in window.note.checks
    finally:
        unregister_source(throwaway_source.SIREN)


def test_the_posted_handoff_speaks_the_message_language(qtbot, context, clock):
    set_clock(clock, CHANGE + timedelta(minutes=5))
    ctx = context(settings=replace(PARIS_ORCHESTRATEUR, message_language="fr"))
    window = handoff_window(qtbot, ctx)
    assert window.markdown().startswith("## On-Call Handoff")  # the English UI's export
    posts = []
    ctx.outbox.post_changed.connect(posts.append)
    window.post_action.trigger()
    qtbot.waitUntil(lambda: bool(posts), timeout=5000)
    assert posts[0].text.startswith("## Passation d’astreinte - Lundi 9h")


def test_the_rotation_can_come_from_pagerduty(qtbot, context, clock, pagerduty):
    set_clock(clock, CHANGE + timedelta(days=1))
    secrets = InMemorySecretStore()
    secrets.set(PAGERDUTY_TOKEN, pagerduty.token)
    end = CHANGE + timedelta(days=7)
    pagerduty.add_oncall(ME_ID, CHANGE, end, level=1)
    pagerduty.add_oncall(OTHER_ID, CHANGE, end, level=2)
    pagerduty.add_oncall(OTHER_ID, CHANGE - timedelta(days=7), CHANGE, level=1)
    settings = Settings(
        language="en",
        team_timezone="Europe/Paris",
        rotation_source="pagerduty",
        pagerduty_base_url=pagerduty.url,
        engineer_name="Alice",
    )
    ctx = context(settings=settings, secrets=secrets)
    qtbot.waitUntil(lambda: "Alice" in ctx.window.rotation_label.text(), timeout=5000)
    assert ctx.window.rotation_label.text() == "On call: Alice (backup Bob) until Monday 09:00"
    window = handoff_window(qtbot, ctx)
    assert (window.note.outgoing, window.note.incoming) == ("Bob", "Alice")
    assert pagerduty.take_violations() == []


def test_a_maintenance_date_that_is_not_a_date_is_kept_and_flagged(qtbot, context, clock):
    set_clock(clock, CHANGE + timedelta(minutes=5))
    ctx = context(settings=PARIS_ORCHESTRATEUR)
    window = handoff_window(qtbot, ctx)
    window.add_upcoming()
    window.upcoming_table.item(0, 0).setText("mercredi")
    window.upcoming_table.item(0, 2).setText("Maintenance database 22h")
    window.autosave.flush()
    assert "Not a date (YYYY-MM-DD): mercredi" in window.banner.texts()["dates"]
    assert window.note.upcoming[0].day is None
    assert window.note.upcoming[0].what == "mercredi Maintenance database 22h"
    qtbot.waitUntil(
        lambda: (
            HandoffRepository(ctx.database).for_change(CHANGE).note.upcoming == window.note.upcoming
        ),
        timeout=5000,
    )


def test_action_items_due_within_a_week_are_listed(qtbot, context, clock, tmp_path, policy):
    from datetime import date

    from oncall_desktop.core.incident import Status
    from oncall_desktop.core.postmortem import ActionItem, ActionStatus, prefill
    from oncall_desktop.storage.postmortems import PostmortemRepository

    set_clock(clock, CHANGE + timedelta(minutes=5))
    database = open_database(sqlite_url(tmp_path / "oncall.sqlite3"))
    inc = Incident.declare(
        title="DB down", severity=Severity.SEV1, at=CHANGE - timedelta(days=3), actor="a"
    )
    inc.move_to(Status.RESOLVED, at=CHANGE - timedelta(days=3, hours=-1), actor="a")
    inc = IncidentRepository(database).save(inc)
    draft = prefill(inc, policy, language="en", zone=UTC)
    items = (
        ActionItem(1, "Fix failover", "Orchestrateur", date(2025, 10, 29)),
        ActionItem(2, "Far away", "", date(2025, 12, 30)),
        ActionItem(3, "Already done", "", date(2025, 10, 28), ActionStatus.DONE),
        ActionItem(4, "No owner", "", date(2025, 10, 30)),
    )
    PostmortemRepository(database).create(
        inc.id, replace(draft, action_items=items), at=CHANGE, due_at=None
    )
    database.close()
    ctx = context(settings=PARIS_ORCHESTRATEUR)
    window = handoff_window(qtbot, ctx)
    assert window.note.action_items == (
        "INC-2025-10-24-001 #1 Fix failover (Orchestrateur, 2025-10-29)",
        "INC-2025-10-24-001 #4 No owner (2025-10-30)",
    )
    assert [line.title for line in window.note.last_week] == ["DB down"]

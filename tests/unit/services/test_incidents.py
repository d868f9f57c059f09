"""How a PagerDuty page becomes, and follows, a local incident."""

from contextlib import contextmanager
from datetime import timedelta

from oncall_desktop.core.incident import Status
from oncall_desktop.core.paging import AlertLink, Page
from oncall_desktop.core.policy import Severity
from oncall_desktop.services.incidents import apply_page_status, incident_from_page


def test_incident_keeps_pagerduty_times(clock):
    created = clock.now() - timedelta(minutes=7)
    acked = clock.now() - timedelta(minutes=4)
    page = Page(
        "PX1",
        42,
        "DB down",
        "acknowledged",
        "high",
        "Backend",
        created,
        "https://x",
        acknowledged_at=acked,
    )
    incident = incident_from_page(page, clock.now(), "alice")
    assert incident.detected_at == created and incident.acknowledged_at == acked
    assert incident.status is Status.ACKNOWLEDGED
    assert incident.severity is Severity.SEV1  # high urgency: provisional SEV-1
    assert incident.alert == AlertLink("pagerduty", "PX1", "https://x")
    assert incident.impact == "Backend (PagerDuty)"
    from oncall_desktop.core.narrative import describe
    from oncall_desktop.core.policy_file import load_policy

    policy = load_policy().policy
    assert describe(incident.timeline[0], policy, "en").endswith(
        "— provisional, from a high-urgency PagerDuty page"
    )
    assert describe(incident.timeline[0], policy, "fr").endswith(
        "— provisoire, d’après une alerte PagerDuty d’urgence haute"
    )
    assert incident.impact == "Backend (PagerDuty)"


def test_low_urgency_and_clock_skew(clock):
    future = clock.now() + timedelta(minutes=2)  # PagerDuty's clock ahead of ours
    page = Page("PX2", 1, "slow", "triggered", "low", "", future, "")
    incident = incident_from_page(page, clock.now(), "alice")
    assert incident.severity is Severity.SEV3
    assert incident.detected_at == clock.now() and incident.acknowledged_at is None


def test_following_pagerduty(clock):
    page = Page("PX3", 1, "t", "triggered", "high", "", clock.now(), "")
    incident = incident_from_page(page, clock.now(), "alice")
    clock.advance(120)
    acked = Page(
        "PX3", 1, "t", "acknowledged", "high", "", page.created_at, "", acknowledged_at=clock.now()
    )
    assert apply_page_status(incident, acked, clock.now())
    assert incident.acknowledged_at == clock.now()
    assert not apply_page_status(incident, acked, clock.now())  # nothing new
    resolved = Page("PX3", 1, "t", "resolved", "high", "", page.created_at, "")
    assert apply_page_status(incident, resolved, clock.now())
    assert incident.status is Status.RESOLVED
    assert incident.timeline[-1].actor == "PagerDuty"


def test_the_default_rotation_agrees_with_the_sops_example(policy):
    """SOP-5: the handoff of Monday 2025-10-20 9h goes from Agent DEV to Orchestrateur, who is
    on call for that evening's 22:15 incident (times GMT+1)."""
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from oncall_desktop.config.schema import Settings
    from oncall_desktop.core.handoff import shift_at
    from oncall_desktop.services.handoffs import rotation_spec

    gmt1 = ZoneInfo("Africa/Douala")
    spec = rotation_spec(Settings(), policy)
    incident = shift_at(spec, datetime(2025, 10, 20, 22, 15, tzinfo=gmt1), gmt1)
    assert (incident.primary, incident.backup, incident.previous) == (
        "Orchestrateur",
        "Agent DEV",
        "Agent DEV",
    )
    assert incident.start == datetime(2025, 10, 20, 9, 0, tzinfo=gmt1)


def test_declaring_by_hand_is_acknowledging(qtbot, tmp_path, clock, policy):
    from oncall_desktop.core.deadlines import ClockState, ack_clock
    from oncall_desktop.services.incidents import IncidentService
    from oncall_desktop.services.tasks import TaskRunner
    from oncall_desktop.storage.db import open_database, sqlite_url
    from oncall_desktop.storage.incidents import IncidentRepository

    database = open_database(sqlite_url(tmp_path / "oncall.sqlite3"))
    runner = TaskRunner()
    service = IncidentService(IncidentRepository(database), runner, clock, policy, "alice")
    try:
        detected = clock.now() - timedelta(minutes=3)
        with qtbot.waitSignal(service.incident_declared, timeout=5000) as blocker:
            service.declare("API down", Severity.SEV1, detected_at=detected)
        incident = blocker.args[0]
        assert incident.status is Status.ACKNOWLEDGED
        assert incident.acknowledged_at == clock.now()  # MTTA: detection to declaration
        assert ack_clock(incident, policy).state(clock.now() + timedelta(hours=1)) is (
            ClockState.MET
        )
    finally:
        runner.wait()
        database.close()


class HeldLists:
    """An incident repository whose next list read, once ``hold`` is set, waits for ``gate``
    (a busy machine's reader); the other reads and the writes answer at once."""

    def __init__(self, database):
        import threading

        from oncall_desktop.storage.incidents import IncidentRepository

        held = self

        class Repository(IncidentRepository):
            def list_active(self):
                listed = super().list_active()
                if held.hold:
                    held.hold = False
                    held.read.set()
                    held.gate.wait(10)
                return listed

        self.hold, self.gate, self.read = False, threading.Event(), threading.Event()
        self.database, self.repository = database, Repository(database)


@contextmanager
def one_incident_declared(qtbot, tmp_path, clock, policy):
    """(the service, its runner, the held lists, the incident's id), the incident listed."""
    from oncall_desktop.services.incidents import IncidentService
    from oncall_desktop.services.tasks import TaskRunner
    from oncall_desktop.storage.db import open_database, sqlite_url

    database = open_database(sqlite_url(tmp_path / "oncall.sqlite3"))
    runner = TaskRunner()
    lists = HeldLists(database)
    service = IncidentService(lists.repository, runner, clock, policy, "alice")
    try:
        with qtbot.waitSignal(service.incident_declared, timeout=5000) as declared:
            service.declare("API down", Severity.SEV1)
        incident_id = declared.args[0].id
        qtbot.waitUntil(lambda: [i.id for i in service.active] == [incident_id], timeout=5000)
        yield service, runner, lists, incident_id
    finally:
        lists.gate.set()
        runner.wait()
        database.close()


def test_a_list_asked_before_my_change_never_shows_the_incident_as_it_was(
    qtbot, tmp_path, clock, policy
):
    """Found running the suite twice at once: the list read for one change came back after
    the next change was done, and a second terminal `ack` found the incident 'still triggered'.
    The list shows this console's own change from the moment it is stored."""
    with one_incident_declared(qtbot, tmp_path, clock, policy) as (service, runner, lists, ident):
        lists.hold = True
        service.refresh()  # read before the change below, answered after it
        qtbot.waitUntil(lists.read.is_set, timeout=5000)
        with qtbot.waitSignal(service.incident_changed, timeout=5000) as changed:
            service.add_note(ident, "rolled back")
        assert "rolled back" in repr(service.active[0].timeline)  # at once
        lists.gate.set()
        qtbot.waitUntil(lambda: not runner.busy, timeout=10_000)
        assert "rolled back" in repr(service.active[0].timeline)
        assert changed.args[0].id == ident


def test_a_list_answered_after_a_newer_one_does_not_replace_it(qtbot, tmp_path, clock, policy):
    """Found running the suite twice at once beside a CPU hog: two readers side by side, the
    list asked before my note answered after the list asked after it, and the incident was
    shown without the note again."""
    with one_incident_declared(qtbot, tmp_path, clock, policy) as (service, runner, lists, ident):
        lists.hold = True
        service.refresh()  # the older list: read before the note, held
        qtbot.waitUntil(lists.read.is_set, timeout=5000)
        with qtbot.waitSignal(service.incident_changed, timeout=5000):
            service.add_note(ident, "rolled back")
        service.refresh()  # the newer list, read after the note, answers first
        qtbot.waitUntil(lambda: len(runner._pending) == 1, timeout=5000)  # only the held one
        assert "rolled back" in repr(service.active[0].timeline)
        lists.gate.set()  # now the older one answers
        qtbot.waitUntil(lambda: not runner.busy, timeout=10_000)
        assert "rolled back" in repr(service.active[0].timeline)


def test_a_list_older_than_one_shown_is_dropped_whatever_wrote_in_between(
    qtbot, tmp_path, clock, policy
):
    """Review of the fix above: two lists asked with none of the service's own writes between
    them (the outbox records an update through its own repository), the older answering last,
    showed the incident without that update: the team's clock looked not reset."""
    from oncall_desktop.storage.incidents import IncidentRepository

    with one_incident_declared(qtbot, tmp_path, clock, policy) as (service, runner, lists, ident):
        lists.hold = True
        service.refresh()  # the older list: read before the write below, held
        qtbot.waitUntil(lists.read.is_set, timeout=5000)
        elsewhere = IncidentRepository(lists.database)  # another writer, as the outbox is
        incident = elsewhere.get(ident)
        incident.add_note("update sent elsewhere", at=clock.now(), actor="outbox")
        elsewhere.save(incident)
        service.refresh()  # the newer list answers first, with it
        qtbot.waitUntil(lambda: len(runner._pending) == 1, timeout=5000)  # only the held one
        assert "update sent elsewhere" in repr(service.active[0].timeline)
        lists.gate.set()
        qtbot.waitUntil(lambda: not runner.busy, timeout=10_000)
        assert "update sent elsewhere" in repr(service.active[0].timeline)

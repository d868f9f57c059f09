"""The terminal commands, the room alone: real incidents and alert actions on a throwaway
SQLite store, a stand-in for the running app (its window, sources, clock, procedure) and for
the alert sources, whose acknowledgements are answered by hand."""

from types import SimpleNamespace

import pytest
from PySide6.QtCore import QObject, Signal

from oncall_desktop.core.incident import Status
from oncall_desktop.core.paging import Page
from oncall_desktop.core.policy import Severity

HIGH = Page("H1", 2, "API down", "triggered", "high", "api", None, "")


class Sources(QObject):
    """Stands in for the alert sources: their pages, and acknowledgements asked of them."""

    acknowledged = Signal(object)
    acknowledge_failed = Signal(str, object)

    def __init__(self):
        super().__init__()
        self.pages, self.statuses, self.asked = [], [], []
        self.refused = {}  # Page.key: why its acknowledge was refused (AlertPoller.refused)

    def page(self, key):
        return next((p for p in self.pages if p.key == key), None)

    def acknowledge(self, key):
        self.asked.append(key)


class Window:
    """Stands in for the main window: brought forward or not."""

    def __init__(self):
        self.forward = 0

    def bring_forward(self):
        self.forward += 1


@pytest.fixture
def app(qapp, database, runner, clock, policy, preferences):
    """What the commands read of the running app; its database not open yet."""
    from oncall_desktop.app.collaborators import Dues
    from oncall_desktop.services.alert_actions import AlertActions
    from oncall_desktop.services.incidents import IncidentService
    from oncall_desktop.storage.incidents import IncidentRepository

    incidents = IncidentService(IncidentRepository(database), runner, clock, policy, "ana")
    opened = []
    running = SimpleNamespace(
        window=Window(),
        poller=Sources(),
        clock=clock,
        policy=policy,
        preferences=preferences,
        dues=Dues(policy),
        incidents=None,
        alert_actions=None,
        outbox=None,
        open_postmortem=opened.append,
    )

    def database_opened():
        running.incidents, running.alert_actions = incidents, AlertActions(incidents, None)

    running.database_opened, running.postmortems_opened, running.service = (
        database_opened,
        opened,
        incidents,
    )
    return running


@pytest.fixture
def handler(app):
    from oncall_desktop.app.commands import CommandHandler

    return CommandHandler(app)


def asked(handler, request):
    replies = []
    handler.handle(request, replies.append)
    return replies


def listed(qtbot, app, *declared):
    """The database open, these incidents declared, and the list read."""
    app.database_opened()
    for title, severity in declared:
        with qtbot.waitSignal(app.service.incident_declared, timeout=5000):
            app.service.declare(title, severity, "users")
    with qtbot.waitSignal(app.service.incidents_changed, timeout=5000):
        app.service.refresh()


def test_before_the_database_opens_every_command_says_so(handler):
    for request in ({"command": "status"}, {"command": "note", "text": "x"}, {"command": "ack"}):
        assert asked(handler, request) == [
            {"ok": False, "error": "the database is still opening; try again"}
        ]


def test_before_the_database_opens_ack_still_takes_the_one_page_waiting(qtbot, app, handler):
    """A team database may take seconds to open: the page that woke you is acknowledged in its
    source meanwhile; an incident number, or no page, waits for the incidents."""
    app.poller.pages = [HIGH]
    replies = []
    handler.handle({"command": "ack"}, replies.append)
    assert app.poller.asked == ["pagerduty:H1"]
    app.poller.acknowledged.emit(HIGH)
    assert replies == [{"ok": True, "page": "H1", "title": "API down"}]
    assert asked(handler, {"command": "ack", "incident": 1}) == [
        {"ok": False, "error": "the database is still opening; try again"}
    ]


def test_status_lists_the_open_incidents_with_their_next_deadlines(qtbot, app, handler):
    listed(qtbot, app, ("API down", Severity.SEV1))
    app.poller.pages = [HIGH]
    status = handler.status()
    [incident] = status["incidents"]
    assert (incident["severity"], incident["title"]) == ("SEV-1", "API down")
    assert incident["deadlines"][0]["what"].startswith("update: ")
    assert status["pages_to_acknowledge"][0]["id"] == "H1"
    assert status["pages_without_incident"] == ["H1"]


def test_a_note_goes_to_the_one_open_incident_and_several_are_not_guessed(qtbot, app, handler):
    listed(qtbot, app, ("API down", Severity.SEV1))
    replies = []
    handler.handle({"command": "note", "text": "rolled back"}, replies.append)
    qtbot.waitUntil(lambda: bool(replies), timeout=5000)
    assert replies[0]["ok"] and replies[0]["title"] == "API down"
    listed(qtbot, app, ("Search slow", Severity.SEV3))
    [refused] = asked(handler, {"command": "note", "text": "which?"})
    assert not refused["ok"] and "several open incidents" in refused["error"]


def test_wrong_requests_are_refused_with_the_reason(qtbot, app, handler):
    listed(qtbot, app)
    replies = [
        *asked(handler, {"command": "note", "text": "x", "incident": True}),
        *asked(handler, {"command": "ack", "incident": "1"}),
        *asked(handler, {"command": "note", "text": "x" * 6_000_000}),
        *asked(handler, {"command": "note", "text": "x", "incident": 99}),
    ]
    assert [r["ok"] for r in replies] == [False] * 4
    assert "incident number" in replies[0]["error"] and "at most" in replies[2]["error"]
    assert replies[3]["error"] == "no open incident 99"


def test_ack_takes_the_page_waiting_and_answers_once_its_source_has(qtbot, app, handler):
    listed(qtbot, app)
    app.poller.pages = [HIGH]
    replies = []
    handler.handle({"command": "ack"}, replies.append)
    assert app.poller.asked == ["pagerduty:H1"] and replies == []
    app.poller.acknowledged.emit(HIGH)
    assert replies == [{"ok": True, "page": "H1", "title": "API down"}]
    app.poller.acknowledged.emit(HIGH)  # a second answer replies nothing more
    assert len(replies) == 1


def test_ack_without_a_page_acknowledges_the_triggered_incident_here(qtbot, app, handler):
    listed(qtbot, app, ("Checkout slow", Severity.SEV2))
    [declared] = app.service.active
    assert declared.status is Status.ACKNOWLEDGED  # declared here: nothing waits
    [refused] = asked(handler, {"command": "ack"})
    assert refused == {"ok": False, "error": "no unacknowledged incident"}


def test_show_and_postmortem_requests(app, handler):
    assert asked(handler, {"command": "show"}) == [{"ok": True}] and app.window.forward == 1
    assert asked(handler, {"command": "postmortem", "incident": 4}) == [{"ok": True}]
    assert app.postmortems_opened == [4]


def test_status_says_the_update_its_audience_never_got_was_refused(
    qtbot, app, handler, database, runner, clock
):
    """Slack refused the team's update (channel_not_found): `status` says so on the team's
    deadline, in text and in --json, as the cockpit's clock line does; the due time is the
    same as without the refusal (the audience never got it, its clock was not reset)."""
    import json
    import re
    from dataclasses import replace

    from oncall_desktop.app.commands import format_status, terminal_safe_json
    from oncall_desktop.core.messages import QT_TR_NOOP
    from oncall_desktop.core.outbox import Post, PostState, Target
    from oncall_desktop.services.outbox import OutboxService
    from oncall_desktop.storage.outbox import OutboxRepository

    listed(qtbot, app, ("API down", Severity.SEV1))
    [incident] = app.service.active
    repository = OutboxRepository(database)
    queued = repository.enqueue(
        Post(Target.SLACK, "UPDATE #1", incident.id, "internal", "update", "#gone"),
        clock.now(),
    )
    repository.record(
        replace(
            queued,
            state=PostState.FAILED,
            attempts=1,
            last_error="Slack refused the message: channel_not_found.",
            last_error_message=QT_TR_NOOP("Slack refused the message: {code}.").format(
                code="channel_not_found"
            ),
        )
    )
    app.outbox = OutboxService(repository, lambda post: None, runner, clock)
    before = handler.status()  # the posts not read: the deadlines alone

    replies = []
    handler.handle({"command": "status"}, replies.append)
    qtbot.waitUntil(lambda: bool(replies), timeout=5000)
    [answer] = replies
    deadlines = answer["incidents"][0]["deadlines"]
    [team] = [d for d in deadlines if d["refused"]]
    assert team["refused"] == {
        "post": queued.id,
        "destination": "slack",
        "by": "Slack",
        "why": "channel_not_found",
    }
    assert team["what"].startswith("update: ")
    assert [d["due_at"] for d in deadlines] == [
        d["due_at"] for d in before["incidents"][0]["deadlines"]
    ]
    assert json.loads(terminal_safe_json(answer)) == answer

    text = format_status(answer, clock.now())
    [line] = [line for line in text.splitlines() if "refused" in line]
    assert re.fullmatch(
        r"       next: update: .+: Slack refused the update \(channel_not_found\): not sent, "
        r"due in \d+:\d\d:\d\d",
        line,
    ), line
    team["refused"]["why"] = "\x1b]0;pwned\x07"  # a service's answer is text from outside
    shown = format_status(answer, clock.now())
    assert all(ch.isprintable() for line in shown.splitlines() for ch in line), shown


def test_status_says_a_refused_update_no_deadline_asks_for(
    qtbot, app, handler, database, runner, clock
):
    """A SEV-3 owes the executives no update; a mail sent to them all the same and refused
    is still said (no due time), as the cockpit's line says it."""
    from dataclasses import replace

    from oncall_desktop.app.commands import format_status
    from oncall_desktop.core.outbox import Post, PostState
    from oncall_desktop.services.outbox import OutboxService
    from oncall_desktop.storage.outbox import OutboxRepository

    listed(qtbot, app, ("CSV export broken", Severity.SEV3))
    [incident] = app.service.active
    repository = OutboxRepository(database)
    queued = repository.enqueue(
        Post("executive_mail", "CSV export", incident.id, "executive", "update", "{}"),
        clock.now(),
    )
    repository.record(
        replace(queued, state=PostState.FAILED, attempts=1, last_error="550 no such user")
    )
    app.outbox = OutboxService(repository, lambda post: None, runner, clock)
    replies = []
    handler.handle({"command": "status"}, replies.append)
    qtbot.waitUntil(lambda: bool(replies), timeout=5000)
    deadlines = replies[0]["incidents"][0]["deadlines"]
    [executives] = [d for d in deadlines if d["refused"]]
    assert (executives["due_at"], executives["seconds_left"]) == (None, None)
    assert executives["refused"]["by"] == "Email (SMTP)"
    lines = format_status(replies[0], clock.now()).splitlines()
    assert [line for line in lines if "refused" in line] == [
        f"       next: {executives['what']}: Email (SMTP) refused the update (550 no such "
        "user): not sent"
    ]

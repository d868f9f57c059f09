"""The terminal commands in the first instants of a console: until the database is open and
its incidents read, they say so; they never answer "no open incident" from an empty list."""

from oncall_desktop.app.commands import CommandHandler
from oncall_desktop.config.schema import Settings
from oncall_desktop.core.incident import Incident, Severity
from oncall_desktop.storage.db import open_database, sqlite_url


def _answers(handler, request):
    replies = []
    handler.handle(request, replies.append)
    return replies


def test_commands_say_still_opening_until_the_incidents_are_read(qtbot, shell, tmp_path):
    # an incident open from a previous run of the console
    first = open_database(sqlite_url(tmp_path / "oncall.sqlite3"))
    from oncall_desktop.storage.incidents import IncidentRepository

    declared = Incident.declare(
        title="Checkout down", severity=Severity.SEV2, at=shell.clock.now(), actor="ana"
    )
    IncidentRepository(first).save(declared)
    first.close()
    handler = CommandHandler(shell)
    assert _answers(handler, {"command": "status"}) == [
        {"ok": False, "error": "the database is still opening; try again"}
    ]
    shell.attach_database(open_database(sqlite_url(tmp_path / "oncall.sqlite3")))
    # open, but its incidents not read yet: no answer may say there is none
    for request in (
        {"command": "status"},
        {"command": "note", "text": "rolling back"},
        {"command": "ack"},
    ):
        assert _answers(handler, request) == [
            {"ok": False, "error": "the database is still opening; try again"}
        ], request
    qtbot.waitUntil(lambda: shell.incidents.listed, timeout=10_000)
    status = handler.status()
    assert status["ok"] and [i["title"] for i in status["incidents"]] == ["Checkout down"]


def test_status_says_which_alert_source_has_not_answered(qtbot, context, pagerduty):
    """'No open incident.' from a console that cannot reach PagerDuty would be a confident
    wrong answer: the terminal says its pages may be missing, and says nothing once it reads."""
    from oncall_desktop.app.commands import format_status
    from oncall_desktop.integrations.secrets import PAGERDUTY_TOKEN, InMemorySecretStore
    from oncall_desktop.services.poller import PollState
    from tests.helpers.fake_pagerduty import Fault

    secrets = InMemorySecretStore()
    secrets.set(PAGERDUTY_TOKEN, pagerduty.token)
    down = [True]
    pagerduty.fault_hook = lambda method, path, body: Fault(503) if down[0] else None
    ctx = context(
        settings=Settings(language="en", pagerduty_base_url=pagerduty.url), secrets=secrets
    )
    ctx.poller.start()
    qtbot.waitUntil(
        lambda: ctx.poller.status_of("pagerduty").state is PollState.OFFLINE, timeout=10_000
    )
    handler = CommandHandler(ctx)
    text = format_status(handler.status(), ctx.clock.now())
    assert text.startswith("No open incident.")
    assert "PagerDuty: never read" in text and "its pages may be missing here" in text

    down[0] = False
    ctx.poller.poll_now()
    qtbot.waitUntil(lambda: ctx.poller.status_of("pagerduty").state is PollState.OK, timeout=10_000)
    assert format_status(handler.status(), ctx.clock.now()) == "No open incident."

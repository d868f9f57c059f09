"""The terminal commands in the first instants of a console: until the database is open and
its incidents read, they say so; they never answer "no open incident" from an empty list."""

from oncall_desktop.app.commands import CommandHandler
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

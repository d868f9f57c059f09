"""The cockpits, the room alone: real incidents and alert actions on a throwaway SQLite store,
a real main window; stand-ins for the outbox, the update router, the alert sources and the
connection tests (each a few lines that keep what was asked of it)."""

import pytest
from PySide6.QtGui import QGuiApplication

from oncall_desktop.core.incident import EventKind
from oncall_desktop.core.outbox import Post
from oncall_desktop.core.policy import Severity


class Outbox:
    """Stands in for the outbox: no post yet for any incident."""

    def posts_for(self, incident_id, then):
        then([])


class Router:
    """Stands in for the update router: keeps what the team would be sent."""

    class Route:
        label = "#incidents"

    def __init__(self):
        self.internal = []

    def post_internal(self, text, *, kind, **where):
        self.internal.append((kind, where.get("channel")))
        return self.Route()


class Sources:
    """Stands in for the alert sources: none is watched (no page to escalate or declare on)."""

    def watcher(self, source):
        return None


class Connections:
    """Stands in for the connection tests: opens the incident channel it is asked for."""

    def __init__(self):
        self.asked = []

    def create_incident_channel(self, values, day, created, failed):
        self.asked.append(day)
        created("C42")


@pytest.fixture
def room(qapp, database, runner, clock, policy, preferences):
    from oncall_desktop.app.cockpits import CockpitController
    from oncall_desktop.integrations.secrets import InMemorySecretStore
    from oncall_desktop.services.alert_actions import AlertActions
    from oncall_desktop.services.incidents import IncidentService
    from oncall_desktop.storage.incidents import IncidentRepository
    from oncall_desktop.ui.translations import install_translators
    from oncall_desktop.ui.windows.main_window import MainWindow

    install_translators(qapp, "en")
    incidents = IncidentService(IncidentRepository(database), runner, clock, policy, "alice")
    window = MainWindow("en", None)
    cockpits = CockpitController(
        incidents,
        AlertActions(incidents, None),
        Outbox(),
        Router(),
        Sources(),
        Connections(),
        runner,
        InMemorySecretStore(),
        preferences,
        policy,
        clock,
        window,
    )
    incidents.incident_changed.connect(cockpits.on_incident_changed)  # as the root connects it
    yield cockpits
    cockpits.close_all()
    window.deleteLater()


def declared(qtbot, room, title="API down"):
    with qtbot.waitSignal(room.incidents.incident_declared, timeout=5000) as declaring:
        room.incidents.declare(title, Severity.SEV1, "all users")
    return declaring.args[0].id


def test_a_cockpit_opens_once_per_incident_and_closing_forgets_it(qtbot, room):
    incident_id = declared(qtbot, room)
    moves = []
    room.opened_changed.connect(lambda: moves.append(len(room.cockpits)))
    room.open_cockpit(incident_id)
    qtbot.waitUntil(lambda: incident_id in room.cockpits, timeout=5000)
    cockpit = room.cockpits[incident_id]
    assert cockpit.isVisible() and cockpit.incident.title == "API down"
    shown = []
    room.open_cockpit(incident_id, lambda: shown.append(True))  # asked again: the same one
    qtbot.waitUntil(lambda: shown == [True], timeout=5000)
    assert list(room.cockpits.values()) == [cockpit]
    cockpit.close()
    assert room.cockpits == {} and moves == [1, 0]


def test_the_incident_channel_is_recorded_and_the_declaration_posted_there(qtbot, room):
    incident_id = declared(qtbot, room)
    room.open_cockpit(incident_id)
    qtbot.waitUntil(lambda: incident_id in room.cockpits, timeout=5000)
    asked_names = []
    room.name_needed.connect(asked_names.append)
    room.create_incident_channel(incident_id)
    cockpit = room.cockpits[incident_id]
    assert asked_names == [cockpit]  # who is on call, asked before it is said there
    assert room.router.internal == [("declared", "C42")]
    qtbot.waitUntil(
        lambda: any(e.data.get("slack_channel") == "C42" for e in cockpit.incident.timeline),
        timeout=5000,
    )
    assert cockpit.channel_button.isEnabled()


def test_an_acknowledgement_refused_opens_the_cockpit_which_says_why(qtbot, room):
    incident_id = declared(qtbot, room)  # declared here: already acknowledged
    qtbot.waitUntil(lambda: [i.id for i in room.incidents.active] == [incident_id], timeout=5000)
    room.acknowledge_incident(incident_id)
    qtbot.waitUntil(lambda: incident_id in room.cockpits, timeout=5000)
    room.acknowledge_incident(incident_id + 1)  # not an open incident: nothing to do
    assert list(room.cockpits) == [incident_id]


def test_a_post_that_could_not_be_queued_is_on_the_clipboard_and_said_in_its_cockpit(qtbot, room):
    incident_id = declared(qtbot, room)
    room.open_cockpit(incident_id)
    qtbot.waitUntil(lambda: incident_id in room.cockpits, timeout=5000)
    post = Post("slack", "Update: mitigated", incident_id, destination="#incidents")
    room.on_post_refused(post, "The team database is not answering.")
    assert QGuiApplication.clipboard().text() == "Update: mitigated"
    cockpit = room.cockpits[incident_id]
    assert "The text is on the clipboard" in cockpit.problem_label.text()


def test_while_the_team_database_is_away_every_cockpit_says_so(qtbot, room):
    incident_id = declared(qtbot, room)
    room.show_presence(None)  # team mode, who else is here not known yet
    room.set_database_away("The team database is not answering.")
    room.open_cockpit(incident_id)  # opened meanwhile: says it too
    qtbot.waitUntil(lambda: incident_id in room.cockpits, timeout=5000)
    away = room.cockpits[incident_id].roles_bar.away
    assert away.text() == "The team database is not answering." and not away.isHidden()
    room.set_database_away("")
    assert away.isHidden()
    room.show_presence({incident_id: ["Ben"]})
    assert room.cockpits[incident_id].roles_bar.present.text() == "Also here: Ben"


def test_a_note_made_elsewhere_shows_in_the_open_cockpit(qtbot, room):
    incident_id = declared(qtbot, room)
    room.open_cockpit(incident_id)
    qtbot.waitUntil(lambda: incident_id in room.cockpits, timeout=5000)
    room.incidents.add_note(incident_id, "checked the load balancer")
    qtbot.waitUntil(
        lambda: bool(room.cockpits[incident_id].incident.events(EventKind.NOTE)), timeout=5000
    )

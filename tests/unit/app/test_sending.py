"""Sending a composed text (the cockpits' helper), alone: a stand-in router that keeps what it
was asked to post, real incidents on a throwaway SQLite store, a real main window."""

import pytest

from oncall_desktop.core.destinations import EXECUTIVE_MAIL, STATUS_PAGE
from oncall_desktop.core.incident import Incident
from oncall_desktop.core.policy import Severity


class Router:
    """Stands in for the update router: each post kept; the destinations in ``refusing`` take
    nothing (not set up)."""

    def __init__(self, refusing=()):
        self.posted, self.refusing = [], set(refusing)

    def post(self, target, text, **what):
        self.posted.append((target, what["kind"], what["audience"]))
        return None if target in self.refusing else object()


@pytest.fixture
def make_sending(qapp, database, runner, clock, policy, preferences):
    from oncall_desktop.app.sending import Sending
    from oncall_desktop.integrations.secrets import InMemorySecretStore
    from oncall_desktop.services.incidents import IncidentService
    from oncall_desktop.storage.incidents import IncidentRepository
    from oncall_desktop.ui.windows.main_window import MainWindow

    incidents = IncidentService(IncidentRepository(database), runner, clock, policy, "ana")
    windows = []

    def make(router):
        window = MainWindow("en", None)
        windows.append(window)
        return Sending(
            router, incidents, runner, InMemorySecretStore(), preferences, policy, window, {}
        )

    yield make
    for window in windows:
        window.deleteLater()


def incident(clock, number=7):
    declared = Incident.declare(title="API down", severity=Severity.SEV1, at=clock.now(), actor="a")
    declared.id = number
    return declared


def test_each_destination_chosen_gets_one_post_in_order(make_sending, clock):
    router = Router()
    sending = make_sending(router)
    # no status page set up: its post goes at once, nothing asked first
    sending.send(
        incident(clock),
        "Update",
        ("slack", STATUS_PAGE),
        kind="update",
        audience="internal",
        parent=sending.window,
    )
    assert router.posted == [("slack", "update", "internal"), (STATUS_PAGE, "update", "internal")]


def test_what_is_said_for_a_closed_cockpit_goes_to_the_main_window(make_sending):
    sending = make_sending(Router())
    sending.say(7, "Not posted on the status page: the text is on the clipboard.")
    assert sending.window.banner.texts()["cockpit-7"].startswith("Not posted on the status page")


def test_the_executives_mail_without_a_server_falls_back_to_the_mail_client(
    make_sending, clock, monkeypatch
):
    """No mail server: the router takes nothing, and the user's mail client is offered (here
    none opens: the cockpit, closed, says so in the main window)."""
    from PySide6.QtGui import QDesktopServices, QGuiApplication

    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(lambda url: False))
    router = Router(refusing={EXECUTIVE_MAIL})
    sending = make_sending(router)
    sending.send(
        incident(clock),
        "SEV-1: API down",
        (EXECUTIVE_MAIL,),
        kind="update",
        audience="executive",
        parent=sending.window,
    )
    assert router.posted == [(EXECUTIVE_MAIL, "update", "executive")]
    assert "No mail client could be opened" in sending.window.banner.texts()["cockpit-7"]
    assert QGuiApplication.clipboard().text() == "SEV-1: API down"


@pytest.fixture
def pigeon():
    """A destination of the tests' own (one registration, no module of the app names it)."""
    from oncall_desktop.core.destinations import (
        Destination,
        Offer,
        register_destination,
        unregister_destination,
    )
    from oncall_desktop.core.policy import Text

    def register(**steps):
        register_destination(
            Destination(
                "pigeon",
                Text(fr="Pigeon", en="Pigeon"),
                offer=Offer(None, ("executive",), **steps),
            )
        )
        return "pigeon"

    yield register
    unregister_destination("pigeon")


def test_a_destination_declaring_the_mail_client_gets_it_when_it_cannot_take_the_text(
    make_sending, clock, monkeypatch, pigeon
):
    """The step is the destination's declaration (its offer), not its id: a new destination
    that says so falls back on the mail client like the executives' mail."""
    from PySide6.QtGui import QDesktopServices

    from oncall_desktop.core.destinations import MAIL_CLIENT

    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(lambda url: opened.append(url)))
    target = pigeon(otherwise=MAIL_CLIENT)
    router = Router(refusing={target})
    sending = make_sending(router)
    sending.send(
        incident(clock), "Update", (target,), kind="update", audience="executive", parent=None
    )
    assert router.posted == [(target, "update", "executive")]
    assert opened and opened[0].scheme() == "mailto"
    assert "No mail client could be opened" in sending.window.banner.texts()["cockpit-7"]


def test_a_destination_declaring_no_step_is_only_posted(make_sending, clock, monkeypatch, pigeon):
    from PySide6.QtGui import QDesktopServices

    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(lambda url: opened.append(url)))
    target = pigeon()
    router = Router(refusing={target})
    sending = make_sending(router)
    sending.send(
        incident(clock), "Update", (target,), kind="update", audience="executive", parent=None
    )
    assert router.posted == [(target, "update", "executive")]
    assert opened == [] and "cockpit-7" not in sending.window.banner.texts()


def test_a_destination_declaring_the_services_step_takes_it_before_its_post(
    make_sending, clock, pigeon, preferences, qtbot
):
    """A destination declaring CHOOSE_SERVICES, with a status page set up, first has the
    page's services read (here they cannot be: no token), then its post goes naming them all
    and the cockpit says so."""
    from oncall_desktop.core.destinations import CHOOSE_SERVICES

    target = pigeon(asks_first=CHOOSE_SERVICES)
    from dataclasses import replace

    preferences.replace(
        replace(
            preferences.settings, status_page_id="PAGE1", pagerduty_base_url="http://127.0.0.1:9"
        )
    )
    router = Router()
    sending = make_sending(router)
    sending.send(
        incident(clock), "Update", (target,), kind="update", audience="executive", parent=None
    )
    qtbot.waitUntil(lambda: "cockpit-7" in sending.window.banner.texts())
    assert "services could not be listed" in sending.window.banner.texts()["cockpit-7"]
    assert router.posted == [(target, "update", "executive")]

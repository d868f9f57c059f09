"""Pages and notifications, the room alone: a real main window, stand-in alert sources, the
notifications recorded (or, without a notification server, shown as the window's banners).
What it asks of the rooms built with the database is what it signals."""

from dataclasses import replace
from datetime import timedelta

import pytest

from oncall_desktop.config.schema import Settings
from oncall_desktop.core.incident import Incident
from oncall_desktop.core.paging import AlertLink, Page
from oncall_desktop.core.policy import Severity
from oncall_desktop.services.poller import PollState, PollStatus
from oncall_desktop.ui.notifier import ACKNOWLEDGE, OPEN
from tests.unit.app.conftest import RecordingNotifier

LOW = Page("L1", 1, "disk 80%", "triggered", "low", "db", None, "")
HIGH = Page("H1", 2, "<b>API</b> & down", "triggered", "high", "api", None, "")


class Sources:
    """Stands in for the alert sources' poller: its pages and statuses, and the
    acknowledgements asked of it."""

    def __init__(self):
        self.pages, self.statuses, self.acknowledged = [], [], []

    def page(self, key):
        return next((p for p in self.pages if p.key == key), None)

    def acknowledge(self, key):
        self.acknowledged.append(key)


@pytest.fixture
def make_room(qapp, clock):
    from oncall_desktop.app.alerts import AlertController
    from oncall_desktop.app.collaborators import Notifications, Preferences
    from oncall_desktop.ui.notifier import WindowNotifier
    from oncall_desktop.ui.translations import install_translators
    from oncall_desktop.ui.windows.main_window import MainWindow

    install_translators(qapp, "en")
    made = []

    def make(recorded=True, markup=False):
        window = MainWindow("en", None)
        recorder = RecordingNotifier()
        notifier = recorder.notifier if recorded else WindowNotifier(window)
        notifications = Notifications(notifier)
        notifications.use(notifier, markup)
        alerts = AlertController(
            Sources(), window, notifications, Preferences(Settings(language="en")), clock
        )
        alerts.shown = recorder.shown
        made.append(window)
        return alerts

    yield make
    for window in made:
        window.deleteLater()


def test_high_urgency_first_and_a_snooze_or_quiet_hours_hold_back_only_low_urgency(make_room):
    alerts = make_room()
    alerts.on_new_alerts([LOW, HIGH])
    assert [n.key for n in alerts.shown] == ["pagerduty:H1", "pagerduty:L1"]
    high = alerts.shown[0]
    assert high.urgent and high.body == "<b>API</b> & down"  # plain: the server shows text
    assert high.title == "🔴 High urgency · api"
    assert (ACKNOWLEDGE, "Acknowledge") in high.actions
    alerts.shown.clear()
    alerts.snooze(30)
    alerts.on_new_alerts([LOW, HIGH])
    assert [n.key for n in alerts.shown] == ["pagerduty:H1"]
    alerts.snooze(0)
    alerts.shown.clear()
    alerts.preferences.replace(
        Settings(language="en", quiet_hours_start="00:00", quiet_hours_end="23:59")
    )
    alerts.on_new_alerts([LOW, HIGH])
    assert [n.key for n in alerts.shown] == ["pagerduty:H1"]


def test_a_snooze_is_said_to_whoever_listens(qtbot, make_room, clock):
    alerts = make_room()
    with qtbot.waitSignal(alerts.snoozed) as snoozed:
        alerts.snooze(30)
    assert snoozed.args == [clock.now() + timedelta(minutes=30)]
    with qtbot.waitSignal(alerts.snoozed) as snoozed:
        alerts.snooze(0)
    assert snoozed.args == [None]


def test_markup_capable_servers_get_escaped_bodies(make_room):
    alerts = make_room(markup=True)
    alerts.on_new_alerts([HIGH])
    assert alerts.shown[0].body == "&lt;b&gt;API&lt;/b&gt; &amp; down"


def test_a_storm_of_pages_is_a_few_notifications_not_a_thousand(make_room):
    alerts = make_room()
    storm = [
        Page(f"P{n}", n, f"disk {n}", "triggered", "high" if n == 999 else "low", "db", None, "")
        for n in range(1000)
    ]
    alerts.on_new_alerts(storm)
    assert len(alerts.shown) == 4
    assert alerts.shown[0].key == "pagerduty:P999"  # the high-urgency one first, on its own
    grouped = [n for n in alerts.shown if n.key == "pages"]
    assert len(grouped) == 1 and grouped[0].title.startswith("997 more page")


def test_without_a_notification_server_alerts_are_banners_until_handled(make_room):
    alerts = make_room(recorded=False)
    banner = alerts.window.banner
    alerts.on_new_alerts([LOW, HIGH])
    assert banner.texts()["alert-pagerduty:H1"] == "🔴 High urgency · api: <b>API</b> & down"
    assert "alert-pagerduty:L1" in banner.texts()
    alerts.on_pages_changed([replace(LOW, status="acknowledged"), HIGH])
    assert "alert-pagerduty:L1" not in banner.texts()  # handled: no banner left behind
    assert "alert-pagerduty:H1" in banner.texts()
    alerts.on_pages_changed([])
    assert not [k for k in banner.texts() if k.startswith("alert-")]


def test_the_window_lists_the_pages_that_have_no_incident_yet(make_room, clock):
    alerts = make_room()
    alerts.poller.pages = [LOW, replace(HIGH, status="acknowledged")]
    alerts.on_pages_changed(alerts.poller.pages)
    panel = alerts.window.pages
    rows = [panel.table.item(r, 3).text() for r in range(panel.table.rowCount())]
    assert rows == ["to acknowledge", "acknowledged, not opened"]  # waiting ones first
    assert panel.table.item(1, 1).text() == "<b>API</b> & down"  # plain text
    opened = Incident.declare(
        title="API down",
        severity=Severity.SEV1,
        at=clock.now(),
        actor="alice",
        alert=AlertLink("pagerduty", "H1", ""),
    )
    alerts.set_incidents([opened])  # as the incident list says it
    assert [panel.table.item(r, 1).text() for r in range(panel.table.rowCount())] == ["disk 80%"]


def test_a_source_that_is_not_set_up_teaches_instead_of_warning(make_room):
    alerts = make_room()
    status = PollStatus(PollState.NOT_CONFIGURED, "no token")
    alerts.poller.statuses = [status]
    alerts.on_poll_status(status)
    assert alerts.window.stack.currentWidget() is alerts.window.welcome
    assert "pagerduty" not in alerts.window.banner.texts()
    refused = PollStatus(PollState.TOKEN_REJECTED, "The token was refused")
    alerts.poller.statuses = [refused]
    alerts.on_poll_status(refused)
    assert alerts.window.banner.texts()["pagerduty"] == "The token was refused"


def test_a_notifications_buttons_are_asked_of_the_rooms_that_answer_them(qtbot, make_room):
    alerts = make_room()
    with qtbot.waitSignal(alerts.compose_requested) as asked:
        alerts.on_notification_action("compose:4:status_page", "compose")
    assert asked.args == [4, "status_page"]
    with qtbot.waitSignal(alerts.cockpit_requested) as asked:
        alerts.on_notification_action("compose:4:status_page", "default")
    assert asked.args == [4]
    with qtbot.waitSignal(alerts.incident_acknowledge_requested) as asked:
        alerts.on_notification_action("incident:5", ACKNOWLEDGE)
    assert asked.args == [5]
    with qtbot.waitSignal(alerts.cockpit_requested) as asked:
        alerts.on_notification_action("incident:5", OPEN)
    assert asked.args == [5]
    with qtbot.waitSignal(alerts.postmortem_requested) as asked:
        alerts.on_notification_action("postmortem:6", "default")
    assert asked.args == [6]
    with qtbot.waitSignal(alerts.handoff_requested):
        alerts.on_notification_action("handoff", "default")


def test_a_page_acknowledged_from_its_notification_says_so_once_its_source_confirms(make_room):
    alerts = make_room()
    alerts.poller.pages = [HIGH]
    alerts.on_new_alerts([HIGH])
    alerts.on_notification_action(HIGH.key, ACKNOWLEDGE)
    assert alerts.poller.acknowledged == [HIGH.key]
    alerts.on_acknowledged(replace(HIGH, status="acknowledged"))
    follow_up = alerts.shown[-1]
    assert follow_up.key == HIGH.key and follow_up.title.startswith("Acknowledged in PagerDuty")


def test_a_page_opened_before_the_database_opens_is_opened_once_it_has(qtbot, make_room):
    alerts = make_room()
    alerts.poller.pages = [HIGH]
    opened = []
    alerts.page_open_requested.connect(opened.append)
    alerts.open_page(HIGH.key)
    assert opened == []  # the database is still opening
    alerts.on_database_opened()
    assert opened == [HIGH]
    alerts.open_page("pagerduty:gone")
    assert "no longer assigned" in alerts.window.banner.texts()["pagerduty-action"]


def test_a_source_that_is_not_read_is_said_in_the_window_by_its_own_name(make_room, clock):
    import oncall_desktop.integrations.builtins  # noqa: F401  (the sources, with their names)

    alerts = make_room()
    alerts.preferences.replace(Settings(language="en", team_timezone="UTC"))
    waiting = PollStatus(
        PollState.RATE_LIMITED,
        "Alertmanager asked to wait.",
        clock.now() - timedelta(hours=1),
        None,
        "alertmanager",
    )
    alerts.poller.statuses = [waiting]
    alerts.poller.pages = [replace(LOW, source="alertmanager")]
    alerts.on_pages_changed(alerts.poller.pages)
    alerts.on_poll_status(waiting)
    assert alerts.window.banner.texts()["alertmanager"] == (
        "Alertmanager is limiting how often it may be read: pages waiting there may be missing "
        "here. Last read: 21:15. Alertmanager asked to wait."
    )
    assert alerts.window.pages.title() == (
        "Pages assigned to me · as last read from Alertmanager at 21:15"
    )
    read = replace(waiting, state=PollState.OK, last_success=clock.now())
    alerts.poller.statuses = [read]
    alerts.on_poll_status(read)
    assert "alertmanager" not in alerts.window.banner.texts()
    assert alerts.window.pages.title() == "Pages assigned to me"

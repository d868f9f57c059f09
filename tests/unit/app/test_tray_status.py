"""The tray's state, tooltip and menu, the room alone: a real tray icon (offscreen has no tray
host: its menu is driven by hand) and stand-in alert sources; what the other rooms know (the
open incidents, the snooze, the reminders) is handed to it as their signals would."""

from datetime import timedelta

import pytest

from oncall_desktop.core.incident import Incident, Status
from oncall_desktop.core.paging import Page
from oncall_desktop.core.policy import Severity
from oncall_desktop.services.poller import PollState, PollStatus
from oncall_desktop.ui.icons import TrayState


class Sources:
    """Stands in for the alert sources' poller: their pages and statuses."""

    def __init__(self):
        self.pages, self.statuses = [], []


@pytest.fixture
def room(qapp, policy, preferences):
    from oncall_desktop.app.collaborators import Dues
    from oncall_desktop.app.tray_status import TrayStatus
    from oncall_desktop.ui.translations import install_translators
    from oncall_desktop.ui.tray import Tray

    install_translators(qapp, "en")  # English plurals ("1 page", not "1 page(s)")
    tray = Tray()
    status = TrayStatus(tray, Sources(), policy, preferences, Dues(policy))
    yield status
    tray.hide()
    tray.deleteLater()


def test_state_and_tooltip_follow_the_alert_sources(room, clock):
    sources, tray = room.poller, room.tray
    sources.statuses = [PollStatus(PollState.OK, "", clock.now() - timedelta(seconds=12))]
    sources.pages = [Page("P1", 1, "t", "triggered", "high", "", None, "")]
    room.update(clock.now())
    assert tray.state is TrayState.INCIDENT_OPEN
    tip = tray.icon.toolTip()
    assert "1 page to acknowledge" in tip and "last poll 12 s ago" in tip
    sources.statuses = [PollStatus(PollState.OFFLINE, "down", clock.now() - timedelta(minutes=2))]
    room.update(clock.now())
    assert tray.state is TrayState.OFFLINE
    assert "PagerDuty: offline, last poll 120 s ago" in tray.icon.toolTip()


def test_the_menu_lists_each_open_incident_with_its_most_urgent_countdown(room, clock):
    incident = Incident.declare(
        title="API Down",
        severity=Severity.SEV1,
        at=clock.now(),
        actor="alice",
        status=Status.ACKNOWLEDGED,  # declared by hand: someone is on it
        acknowledged_at=clock.now(),
    )
    incident.id = 7
    room.update(clock.now())
    assert room.tray.state is TrayState.IDLE and "No open incident" in room.tray.icon.toolTip()
    room.set_incidents([incident])
    room.update(clock.now())
    assert room.tray.state is TrayState.INCIDENT_OPEN
    assert [a.text() for a in room.tray._incident_actions.values()] == [
        "SEV-1 API Down — Internal (Slack #incidents) 5:00"  # declared: acknowledged
    ]
    room.update(clock.now() + timedelta(minutes=6))
    assert room.tray.state is TrayState.UPDATE_OVERDUE
    assert "1 update overdue" in room.tray.icon.toolTip()


def test_a_snooze_is_said_until_it_ends(room, clock):
    room.set_snoozed(clock.now() + timedelta(minutes=30))
    room.update(clock.now())
    assert "low-urgency alerts snoozed" in room.tray.icon.toolTip()
    room.update(clock.now() + timedelta(minutes=31))
    assert "snoozed" not in room.tray.icon.toolTip()


def test_reminders_are_listed_until_they_are_done(room, clock):
    room.set_postmortem_reminders([("postmortem:3", "Post-mortem overdue: INC-3")])
    room.set_handoff_reminders([("handoff", "Handoff pending: 1 of 4 acknowledged")])
    room.update(clock.now())
    assert [a.text() for a in room.tray._reminder_actions.values()] == [
        "⏰ Post-mortem overdue: INC-3",
        "⏰ Handoff pending: 1 of 4 acknowledged",
    ]
    tip = room.tray.icon.toolTip()
    assert "1 post-mortem overdue" in tip and "handoff pending" in tip
    room.set_postmortem_reminders([])
    room.set_handoff_reminders([])
    room.update(clock.now())
    assert room.tray._reminder_actions == {}


def test_a_long_title_gives_way_never_the_severity_or_the_countdown(room, clock):
    """A title as long as PagerDuty allows: the entry is shortened in its title, and keeps
    the severity and what is due, late included (the tour's entries lost their countdown)."""
    incident = Incident.declare(
        title="Payments API returning 502 on checkout for every customer in the EU region "
        "after the database failover",
        severity=Severity.SEV1,
        at=clock.now(),
        actor="alice",
        status=Status.ACKNOWLEDGED,
        acknowledged_at=clock.now(),
    )
    incident.id = 8
    room.set_incidents([incident])
    room.update(clock.now() + timedelta(minutes=7))  # the internal update two minutes late
    [entry] = [a.text() for a in room.tray._incident_actions.values()]
    assert entry.startswith("SEV-1 Payments API returning 502")
    assert entry.endswith(" — Internal (Slack #incidents) -2:00"), entry
    assert "…" in entry and len(entry) <= 70


def test_a_page_opened_here_is_listed_by_its_incident_not_again_as_a_page(room, clock):
    """The menu agrees with the tooltip: an acknowledged page with its incident open is the
    incident's entry, not a page "to open" as well; one not opened yet is still a page."""
    opened = Page("P1", 1, "API down", "acknowledged", "high", "", clock.now(), "")
    waiting = Page("P2", 2, "Disk full", "acknowledged", "high", "", clock.now(), "")
    incident = Incident.declare(
        title="API down",
        severity=Severity.SEV2,
        at=clock.now(),
        actor="alice",
        status=Status.ACKNOWLEDGED,
        acknowledged_at=clock.now(),
        alert=opened.link,
    )
    incident.id = 9
    room.poller.pages = [opened, waiting]
    room.tray.set_pages(room.poller.pages)  # as the poller's pages_changed hands them over
    room.set_incidents([incident])
    room.update(clock.now())
    titles = [submenu.title() for _, submenu in room.tray._page_entries]
    assert titles == ["🟠 Disk full"]
    assert "1 acknowledged page not opened" in room.tray.icon.toolTip()
    [entry] = [a.text() for a in room.tray._incident_actions.values()]
    assert entry.startswith("SEV-2 API down — ")
    room.set_incidents([])  # closed here: the page is back among those to open
    assert sorted(s.title() for _, s in room.tray._page_entries) == ["🟠 API down", "🟠 Disk full"]


def test_the_most_urgent_incident_is_listed_first_an_overdue_one_above_one_still_in_time(
    room, clock
):
    """QA tour: the tray listed an incident due in 4:43 above one overdue by 13:37."""

    def declared(number, title, minutes_ago):
        incident = Incident.declare(
            title=title,
            severity=Severity.SEV1,
            at=clock.now() - timedelta(minutes=minutes_ago),
            actor="alice",
            status=Status.ACKNOWLEDGED,
            acknowledged_at=clock.now() - timedelta(minutes=minutes_ago),
        )
        incident.id = number
        return incident

    in_time, late = declared(7, "R&D wiki down", 0), declared(8, "API down", 20)
    room.set_incidents([in_time, late])  # as the incident list has them
    room.update(clock.now())
    assert [a.text() for a in room.tray._incident_actions.values()] == [
        "SEV-1 API down — Internal (Slack #incidents) -15:00",
        "SEV-1 R\uff06D wiki down — Internal (Slack #incidents) 5:00",  # no '&' for dbusmenu
    ]

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

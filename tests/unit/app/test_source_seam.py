"""An alert source added by one module alone (issue 16, item 4): registered here, in this test
module, and nowhere else, its alerts are polled beside PagerDuty's, notified, acknowledged from
the notification, opened as a local incident that follows it, and named in the tray."""

from dataclasses import replace
from datetime import UTC, datetime

import pytest

from oncall_desktop.config.schema import Settings
from oncall_desktop.core.incident import Status
from oncall_desktop.core.paging import AlertLink, Page
from oncall_desktop.integrations.errors import TokenRejected
from oncall_desktop.integrations.sources import (
    Me,
    SourceKind,
    register_source,
    unregister_source,
)
from oncall_desktop.ui.notifier import ACKNOWLEDGE, OPEN
from tests.unit.app.conftest import RecordingNotifier

BEACON = "beacon"


class Beacon:
    """A throwaway alert source: alerts held in memory, answers like a real source's."""

    def __init__(self) -> None:
        self.alerts: dict[str, Page] = {}
        self.acknowledged: list[tuple[str, str]] = []
        self.token_ok = True

    def raise_alert(self, alert_id: str, title: str, urgency: str = "high") -> None:
        self.alerts[alert_id] = Page(
            id=alert_id,
            number=None,
            title=title,
            status="triggered",
            urgency=urgency,
            service="lighthouse",
            created_at=datetime(2026, 12, 1, 3, 0, tzinfo=UTC),
            html_url=f"https://beacon.example/alerts/{alert_id}",
            source=BEACON,
        )

    def whoami(self) -> Me:
        if not self.token_ok:
            raise TokenRejected("the beacon does not know this token")
        return Me("U1", "Alice", "alice@example.com")

    def open_alerts(self, me: Me) -> list[Page]:
        return [a for a in self.alerts.values() if a.status != "resolved"]

    def alert(self, alert_id: str) -> Page:
        return self.alerts[alert_id]

    def acknowledge(self, alert_id: str, me: Me) -> Page:
        self.acknowledged.append((alert_id, me.email))
        self.alerts[alert_id] = replace(
            self.alerts[alert_id], status="acknowledged", acknowledged_at=datetime.now(UTC)
        )
        return self.alerts[alert_id]

    def resolve(self, alert_id: str, me: Me, note: str = "") -> Page:
        self.alerts[alert_id] = replace(self.alerts[alert_id], status="resolved")
        return self.alerts[alert_id]

    def oncall_shifts(self, since, until, *, user_ids=None, policy_ids=None):
        return []


@pytest.fixture
def beacon():
    source = Beacon()
    register_source(
        SourceKind(
            BEACON,
            "Beacon",
            lambda secrets, options: source,
            enabled=lambda options: options.get("language") != "off-for-this-test",
        )
    )
    yield source
    unregister_source(BEACON)  # other tests' consoles never see it


def test_a_new_source_is_polled_notified_acknowledged_and_opened(qtbot, context, beacon, clock):
    beacon.raise_alert("B1", "<b>Fog</b> on the coast")
    recorder = RecordingNotifier()
    ctx = context(settings=Settings(language="en"), notifier=recorder.notifier, tray=True)
    ctx.poller.start()

    qtbot.waitUntil(lambda: any(n.key == "beacon:B1" for n in recorder.shown), timeout=5000)
    note = next(n for n in recorder.shown if n.key == "beacon:B1")
    assert note.title == "🔴 High urgency · lighthouse" and note.body == "<b>Fog</b> on the coast"
    ctx.controller.update_tray(clock.now())
    tip = ctx.controller.tray.icon.toolTip()
    assert "1 page to acknowledge" in tip and "Beacon: connected" in tip
    assert "PagerDuty: not set up" in tip  # the first source is still watched beside it

    ctx.controller.alert_controller.on_notification_action("beacon:B1", ACKNOWLEDGE)
    qtbot.waitUntil(lambda: beacon.acknowledged == [("B1", "alice@example.com")], timeout=5000)
    qtbot.waitUntil(lambda: ctx.poller.page("beacon:B1").status == "acknowledged", timeout=5000)

    with qtbot.waitSignal(ctx.incidents.incident_opened, timeout=5000) as opened:
        ctx.controller.alert_controller.on_notification_action("beacon:B1", OPEN)
    incident = opened.args[0]
    assert incident.alert == AlertLink(BEACON, "B1", "https://beacon.example/alerts/B1")
    assert incident.status is Status.ACKNOWLEDGED and incident.impact == "lighthouse (Beacon)"

    # resolved at the source: the local incident follows, as it does for PagerDuty
    beacon.resolve("B1", Me("U1", "Alice", "alice@example.com"))
    with qtbot.waitSignal(ctx.incidents.incident_changed, timeout=5000) as followed:
        ctx.poller.poll_now()
    resolved = followed.args[0]
    assert resolved.id == incident.id and resolved.status is Status.RESOLVED
    last = resolved.timeline[-1]
    assert last.actor == "Beacon" and last.data.get("note") == "resolved in Beacon"


def test_a_source_switched_off_stops_and_its_pages_go(qtbot, context, beacon):
    beacon.raise_alert("B2", "Lighthouse dark")
    ctx = context(settings=Settings(language="en"))
    ctx.poller.start()
    qtbot.waitUntil(lambda: ctx.poller.page("beacon:B2") is not None, timeout=5000)
    from oncall_desktop.services.alert_sources import source_options

    off = replace(Settings(language="en"), language="off-for-this-test")
    ctx.poller.reconfigure(source_options(off), ctx.poller.interval)
    assert ctx.poller.page("beacon:B2") is None
    assert [s.source for s in ctx.poller.statuses] == ["pagerduty"]


def test_a_rejected_token_at_the_new_source_is_said_with_its_name(qtbot, context, beacon):
    beacon.token_ok = False
    ctx = context(settings=Settings(language="en"))
    ctx.poller.start()
    qtbot.waitUntil(lambda: "beacon" in ctx.window.banner.texts(), timeout=5000)
    assert ctx.window.banner.texts()["beacon"] == "the beacon does not know this token"

"""Issue 26, item 3: acknowledged from its notification, a page left nothing to open next (the
notification is withdrawn once handled). Once PagerDuty confirms, a quiet notification says so
and its Open opens the page's incident. The real app assembled, against the contract-checked
fake PagerDuty."""

from oncall_desktop.config.schema import Settings
from oncall_desktop.integrations.secrets import PAGERDUTY_TOKEN, InMemorySecretStore
from oncall_desktop.ui.notifier import ACKNOWLEDGE, OPEN
from tests.unit.app.conftest import RecordingNotifier


def test_acknowledged_from_its_notification_the_page_can_be_opened_next(qtbot, context, pagerduty):
    secrets = InMemorySecretStore()
    secrets.set(PAGERDUTY_TOKEN, pagerduty.token)
    page_id = pagerduty.add_incident("API down")
    ctx = context(
        settings=Settings(language="en", pagerduty_base_url=pagerduty.url), secrets=secrets
    )
    recorder = RecordingNotifier()
    alerts = ctx.controller.alert_controller
    ctx.controller.notifications.use(recorder.notifier)
    ctx.poller.start()
    key = f"pagerduty:{page_id}"
    qtbot.waitUntil(lambda: any(n.key == key for n in recorder.shown), timeout=10_000)

    alerts.on_notification_action(key, ACKNOWLEDGE)
    qtbot.waitUntil(lambda: pagerduty.incidents[page_id]["status"] == "acknowledged")
    qtbot.waitUntil(
        lambda: any(n.title.startswith("Acknowledged in PagerDuty") for n in recorder.shown),
        timeout=10_000,
    )
    [follow_up] = [n for n in recorder.shown if n.title.startswith("Acknowledged in PagerDuty")]
    assert follow_up.key == key and follow_up.body == "API down"

    alerts.on_notification_action(follow_up.key, OPEN)  # its Open
    qtbot.waitUntil(lambda: len(ctx.controller.cockpits) == 1, timeout=10_000)
    [cockpit] = ctx.controller.cockpits.values()
    assert cockpit.incident.title == "API down"

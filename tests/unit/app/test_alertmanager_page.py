"""Issue 25: a page from a real Prometheus Alertmanager in the assembled app: it notifies, opens
as a local incident, and its cockpit's Acknowledge silences it in Alertmanager (through
AlertActions, like a PagerDuty page), for the SOP's resolve SLA of the proposed severity;
what Alertmanager cannot do is not offered."""

from datetime import UTC, datetime, timedelta

from oncall_desktop.config.schema import Settings
from oncall_desktop.core.incident import Status
from oncall_desktop.ui.notifier import OPEN
from oncall_desktop.ui.windows.settings_dialog import SettingsDialog
from tests.unit.app.conftest import RecordingNotifier


def test_a_page_from_alertmanager_notifies_and_the_cockpit_acknowledge_silences_it(
    qtbot, context, alertmanager, policy
):
    fingerprint = alertmanager.fire(
        "CheckoutDown", summary="Checkout returns 500", service="checkout", team="payments"
    )
    settings = Settings(
        language="en",
        engineer_name="Alice",
        alertmanager_enabled=True,
        alertmanager_base_url=alertmanager.url,
        alertmanager_matchers='team="payments"',
    )
    ctx = context(settings=settings)
    recorder = RecordingNotifier()
    ctx.controller.notifications.use(recorder.notifier)
    ctx.poller.start()
    key = f"alertmanager:{fingerprint}"
    qtbot.waitUntil(lambda: any(n.key == key for n in recorder.shown), timeout=8000)
    note = next(n for n in recorder.shown if n.key == key)
    assert note.title == "🔴 High urgency · checkout" and note.body == "Checkout returns 500"

    with qtbot.waitSignal(ctx.incidents.incident_opened, timeout=5000) as opened:
        ctx.controller.alert_controller.on_notification_action(key, OPEN)
    incident = opened.args[0]
    assert incident.impact == "checkout (Alertmanager)" and incident.status is Status.TRIGGERED
    qtbot.waitUntil(lambda: incident.id in ctx.controller.cockpits, timeout=5000)
    window = ctx.controller.cockpits[incident.id]
    # no PagerDuty page behind it: asking responders there is not offered
    assert not any(b.isEnabled() for b in window.escalation_box.contact_requests.values())

    before = datetime.now(UTC)
    window.next_bar.button.click()  # "Acknowledge", the next action
    qtbot.waitUntil(lambda: window.incident.status is Status.ACKNOWLEDGED, timeout=8000)
    [silence] = alertmanager.silences()
    assert silence["createdBy"] == "Alice" and silence["status"]["state"] == "active"
    assert "Checkout returns 500" in silence["comment"]
    ends = datetime.fromisoformat(silence["endsAt"].replace("Z", "+00:00"))
    sla = policy.severity(window.incident.severity).resolve_sla  # SEV-1, proposed from critical
    assert before + sla - timedelta(minutes=1) < ends < datetime.now(UTC) + sla
    assert window.source_bar.label.text() == "Alertmanager: acknowledged."
    qtbot.waitUntil(lambda: ctx.poller.page(key).status == "acknowledged", timeout=5000)


def test_the_rotation_cannot_be_taken_from_alertmanager(qtbot, context):
    ctx = context(settings=Settings(language="en", alertmanager_enabled=True))
    dialog = SettingsDialog(ctx.controller.settings, ctx.connections)
    qtbot.addWidget(dialog)
    offered = [dialog.rotation_source.itemData(i) for i in range(dialog.rotation_source.count())]
    assert offered == ["settings", "pagerduty"]


def test_the_settings_section_tests_saves_and_reconnects(qtbot, context, alertmanager):
    from oncall_desktop.integrations.alertmanager import ALERTMANAGER_TOKEN

    alertmanager.fire("CheckoutDown", team="payments")
    alertmanager.fire("SearchDown", team="search")
    ctx = context(settings=Settings(language="en"))
    dialog = SettingsDialog(ctx.controller.settings, ctx.connections)
    qtbot.addWidget(dialog)
    section = dialog.section("alertmanager")  # built from alertmanager_setup's declaration
    section.enabled.setChecked(True)
    assert "Give the Alertmanager's address" in dialog._validate()
    section.base_url.setText(alertmanager.url + "/")
    section.matchers.setText("team payments")
    assert "matchers look like" in dialog._validate()
    section.matchers.setText('team="payments"')
    qtbot.keyClicks(section.token, " tok-en ")
    section.test.click()
    qtbot.waitUntil(lambda: "Connected" in section.result.text(), timeout=5000)
    assert "1 alert(s) firing for these matchers" in section.result.text()
    assert dialog._validate() == ""
    chosen = dialog.result_settings()
    assert chosen.alertmanager_enabled and chosen.alertmanager_base_url == alertmanager.url
    assert chosen.alertmanager_matchers == 'team="payments"'
    assert dialog.secrets_to_store() == {ALERTMANAGER_TOKEN: "tok-en"}  # the password untouched

    ctx.poller.start()
    ctx.controller.settings_controller.apply_settings(chosen, dialog.secrets_to_store())
    qtbot.waitUntil(lambda: "alertmanager" in ctx.poller.sources, timeout=5000)
    qtbot.waitUntil(lambda: len(ctx.poller.sources["alertmanager"].pages) == 1, timeout=5000)
    # another matcher: reconnected, and polled with it
    from dataclasses import replace

    ctx.controller.settings_controller.apply_settings(
        replace(chosen, alertmanager_matchers='team="search"'), {}
    )
    qtbot.waitUntil(
        lambda: [p.title for p in ctx.poller.sources["alertmanager"].pages] == ["SearchDown"],
        timeout=5000,
    )
    # switched off: it stops and its pages go
    ctx.controller.settings_controller.apply_settings(
        replace(chosen, alertmanager_enabled=False), {}
    )
    assert "alertmanager" not in ctx.poller.sources

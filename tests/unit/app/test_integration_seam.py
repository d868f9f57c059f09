"""A destination and an alert source that are one module each (issue 25, item 3):
tests/unit/integrations/throwaway_destination.py (a JSON webhook) and throwaway_source.py
("Siren"), registered here and nowhere else. Through the app assembled as it runs, each
appears in the real Settings dialog as a section built from its declaration, passes its
connection test against a server on 127.0.0.1, gets its secret into the keyring (the suite's
in-memory one) and its settings into the settings file; then the webhook receives an update
composed in the cockpit through the outbox, and Siren's alert becomes a page of the poller."""

import json
import re
from datetime import UTC, datetime

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from oncall_desktop.config.schema import Settings
from oncall_desktop.core.capabilities import Capability, can
from oncall_desktop.ui.windows.settings_dialog import SettingsDialog
from tests.unit.integrations import throwaway_destination, throwaway_source
from tests.unit.integrations.throwaway_destination import HOOK, HOOK_URL
from tests.unit.integrations.throwaway_source import SIREN, SIREN_TOKEN

WAIT = 8000


@pytest.fixture
def server():
    server = HTTPServer(host="127.0.0.1", port=0, threaded=True)
    server.start()
    yield server
    server.clear()
    if server.is_running():
        server.stop()


@pytest.fixture
def webhook(server):
    """The hook's receiving end: every JSON body posted to /hooks/s3cret, in order."""
    received = []

    def take(request: Request) -> Response:
        received.append(json.loads(request.get_data()))
        return Response("ok", 200)

    server.expect_request("/hooks/s3cret", method="POST").respond_with_handler(take)
    throwaway_destination.register()
    yield server.url_for("/hooks/s3cret"), received
    throwaway_destination.unregister()


@pytest.fixture
def siren(server):
    """Siren's API: one firing alert, for the bearer of 'tok-42' only."""
    alerts = {
        "S1": {
            "id": "S1",
            "title": "Checkout latency above 2 s",
            "urgency": "high",
            "status": "triggered",
            "service": "checkout",
            "created_at": datetime(2026, 12, 1, 3, 0, tzinfo=UTC).isoformat(),
        }
    }

    def answer(request: Request) -> Response:
        if request.headers.get("Authorization") != "Bearer tok-42":
            return Response("{}", 401, content_type="application/json")
        path = request.path.removeprefix("/siren")
        if path == "/whoami":
            body = {"id": "U7", "name": "Alice", "email": "alice@example.com"}
        elif path == "/alerts":
            body = list(alerts.values())
        elif match := re.fullmatch(r"/alerts/(\w+)(/ack|/resolve)?", path):
            alert = alerts[match.group(1)]
            if match.group(2) == "/ack":
                alert["status"] = "acknowledged"
            elif match.group(2) == "/resolve":
                alert["status"] = "resolved"
            body = alert
        else:
            return Response("{}", 404, content_type="application/json")
        return Response(json.dumps(body), 200, content_type="application/json")

    server.expect_request(re.compile("/siren/.*")).respond_with_handler(answer)
    throwaway_source.register()
    yield server.url_for("/siren")
    throwaway_source.unregister()


def open_dialog(qtbot, ctx):
    dialog = SettingsDialog(ctx.controller.settings, ctx.connections)
    qtbot.addWidget(dialog)
    return dialog


def test_a_destination_in_one_module_is_set_up_in_settings_and_posted_to(
    qtbot, context, webhook, monkeypatch, tmp_path
):
    url, received = webhook
    ctx = context(settings=Settings(language="en"))
    dialog = open_dialog(qtbot, ctx)
    section = dialog.section(HOOK)
    assert section.title() == "JSON webhook" and section.test.text() == "Test connection"
    assert list(section.widgets) == ["enabled", "url", "channel"]

    section.enabled.setChecked(True)
    section.channel.setText("Ops Room")
    assert dialog._validate() == "A webhook channel is lower-case letters, digits and dashes."
    section.channel.setText("ops")
    section.test.click()  # nothing typed, nothing stored
    qtbot.waitUntil(lambda: "No URL" in section.result.text(), timeout=WAIT)
    qtbot.keyClicks(section.url, url)
    section.test.click()
    qtbot.waitUntil(lambda: "took a test post" in section.result.text(), timeout=WAIT)
    assert received == [{"channel": "ops", "ping": True}]

    ctx.controller.settings_controller.apply_settings(
        dialog.result_settings(), dialog.secrets_to_store()
    )
    qtbot.waitUntil(lambda: ctx.secrets.get(HOOK_URL) == url, timeout=WAIT)  # to the keyring
    saved = json.loads((tmp_path / "config" / "settings.json").read_text())
    assert saved["integration_settings"] == {
        "json_webhook_enabled": True,
        "json_webhook_channel": "ops",
    }
    assert url not in json.dumps(saved)  # a secret is never a setting

    from PySide6.QtWidgets import QDialog

    from oncall_desktop.core.policy import Severity
    from oncall_desktop.ui.windows import composer_dialog

    with qtbot.waitSignal(ctx.incidents.incident_declared, timeout=WAIT) as declared:
        ctx.incidents.declare("Checkout slow", Severity.SEV2)
    incident_id = declared.args[0].id
    qtbot.waitUntil(lambda: incident_id in ctx.controller.cockpits, timeout=WAIT)

    def send(composer):  # the engineer ticks the webhook and sends
        box = composer.boxes[HOOK]  # where it goes under the settings just saved
        assert box.isVisibleTo(composer) and box.text() == "the webhook's ops channel"
        composer.boxes["slack"].setChecked(False)
        box.setChecked(True)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(composer_dialog.ComposerDialog, "exec", send)
    ctx.controller.cockpit_controller.compose(incident_id, "internal")
    qtbot.waitUntil(lambda: len(received) == 2, timeout=WAIT)
    posted = received[1]
    assert posted["channel"] == "ops" and posted["incident"] == incident_id
    assert "Checkout slow" in posted["text"]


def test_a_source_in_one_module_is_set_up_in_settings_and_pages(qtbot, context, siren, tmp_path):
    ctx = context(settings=Settings(language="en"))
    dialog = open_dialog(qtbot, ctx)
    section = dialog.section(SIREN)
    assert section.title() == "Siren"

    section.enabled.setChecked(True)
    assert dialog._validate() == "Give Siren's address."
    section.base_url.setText(siren + "/")
    qtbot.keyClicks(section.token, "wrong")
    section.test.click()
    qtbot.waitUntil(lambda: "rejected the token" in section.result.text(), timeout=WAIT)
    assert "c62828" in section.result.styleSheet()
    section.token.clear()
    qtbot.keyClicks(section.token, "tok-42")
    section.test.click()
    qtbot.waitUntil(lambda: "Connected" in section.result.text(), timeout=WAIT)
    assert section.result.text() == "Connected to Siren as Alice; 1 alert(s) open."

    ctx.poller.start()
    assert SIREN not in ctx.poller.sources  # switched off until saved
    ctx.controller.settings_controller.apply_settings(
        dialog.result_settings(), dialog.secrets_to_store()
    )
    qtbot.waitUntil(lambda: ctx.secrets.get(SIREN_TOKEN) == "tok-42", timeout=WAIT)
    qtbot.waitUntil(lambda: ctx.poller.page("siren:S1") is not None, timeout=WAIT)
    page = ctx.poller.page("siren:S1")
    assert (page.title, page.service, page.source) == (
        "Checkout latency above 2 s",
        "checkout",
        SIREN,
    )
    saved = json.loads((tmp_path / "config" / "settings.json").read_text())
    assert saved["integration_settings"] == {"siren_enabled": True, "siren_url": siren}

    # what it declared it can do, and what it did not: not offered for its pages
    assert can(SIREN, Capability.ACKNOWLEDGE) and can(SIREN, Capability.RESOLVE)
    assert not can(SIREN, Capability.REQUEST_RESPONDERS) and not can(SIREN, Capability.ROTATION)
    offered = [dialog.rotation_source.itemData(i) for i in range(dialog.rotation_source.count())]
    assert SIREN not in offered


def test_what_a_source_cannot_do_is_not_offered_for_its_pages(qtbot, context, siren):
    """A Siren that declares it cannot acknowledge from here: its page notifies with Open
    only, and the incident opened from it offers neither responder requests nor a status
    update on its page, nor resolving it there."""
    from dataclasses import replace

    from oncall_desktop.integrations.secrets import InMemorySecretStore
    from oncall_desktop.integrations.sources import register_source
    from oncall_desktop.ui.notifier import OPEN
    from tests.unit.app.conftest import RecordingNotifier

    register_source(replace(throwaway_source.KIND, capabilities=frozenset({Capability.RESOLVE})))
    secrets = InMemorySecretStore()
    secrets.set(SIREN_TOKEN, "tok-42")
    on = {"siren_enabled": True, "siren_url": siren}
    ctx = context(settings=Settings(language="en", integration_settings=on), secrets=secrets)
    recorder = RecordingNotifier()
    ctx.controller.notifications.use(recorder.notifier)
    ctx.poller.start()
    qtbot.waitUntil(lambda: any(n.key == "siren:S1" for n in recorder.shown), timeout=WAIT)
    note = next(n for n in recorder.shown if n.key == "siren:S1")
    assert note.actions == ()  # no Acknowledge: Siren cannot, from here

    with qtbot.waitSignal(ctx.incidents.incident_opened, timeout=WAIT) as opened:
        ctx.controller.alert_controller.on_notification_action("siren:S1", OPEN)
    incident = opened.args[0]
    qtbot.waitUntil(lambda: incident.id in ctx.controller.cockpits, timeout=WAIT)
    window = ctx.controller.cockpits[incident.id]
    assert not any(b.isEnabled() for b in window.escalation_box.contact_requests.values())
    assert not window.declare_button.isVisibleTo(window)  # no source declares here


def test_the_composer_offers_a_destination_only_for_its_audience_and_while_it_is_on(
    qtbot, context, webhook, monkeypatch
):
    """The webhook declared the team's audience and its label: the real composer offers it
    there, unticked, in its words with the channel Settings give it; not for the executives;
    and not at all while it is switched off in Settings (its route takes nothing)."""
    from PySide6.QtWidgets import QDialog

    from oncall_desktop.core.compose import MessageKind
    from oncall_desktop.core.policy import Severity
    from oncall_desktop.ui.windows import composer_dialog

    off = {"json_webhook_enabled": False, "json_webhook_channel": "ops"}
    ctx = context(settings=Settings(language="en", integration_settings=off))
    with qtbot.waitSignal(ctx.incidents.incident_declared, timeout=WAIT) as declared:
        ctx.incidents.declare("Checkout slow", Severity.SEV2)
    incident_id = declared.args[0].id
    qtbot.waitUntil(lambda: incident_id in ctx.controller.cockpits, timeout=WAIT)
    seen = []

    def look(composer):  # what the engineer sees for the team's update, then the executives'
        box = composer.boxes[HOOK]
        for kind in (MessageKind.UPDATE, MessageKind.EXECUTIVE):
            composer.kind.setCurrentIndex(composer.kind.findData(kind.value))
            seen.append((kind, box.isVisibleTo(composer), box.text(), box.isChecked()))
        return QDialog.DialogCode.Rejected

    monkeypatch.setattr(composer_dialog.ComposerDialog, "exec", look)
    ctx.controller.cockpit_controller.compose(incident_id, "internal")
    assert [(kind, shown) for kind, shown, _text, _ticked in seen] == [
        (MessageKind.UPDATE, False),
        (MessageKind.EXECUTIVE, False),
    ]

    dialog = open_dialog(qtbot, ctx)  # switched on in Settings, as the user does
    dialog.section(HOOK).enabled.setChecked(True)
    ctx.controller.settings_controller.apply_settings(
        dialog.result_settings(), dialog.secrets_to_store()
    )
    seen.clear()
    ctx.controller.cockpit_controller.compose(incident_id, "internal")
    assert seen == [
        (MessageKind.UPDATE, True, "the webhook's ops channel", False),
        (MessageKind.EXECUTIVE, False, "the webhook's ops channel", False),
    ]

"""Issue 19, done when: a SEV-1 worked end to end, every audience reached, every request
contract-checked. Page → declaration to Slack and Teams → status-page post → executive mail →
responders requested → updates on cadence to all three audiences → resolution notices to all
three → the post-mortem published on the status page."""

from datetime import UTC, datetime, timedelta

from PySide6.QtCore import QDate
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QDialog, QInputDialog, QMessageBox

from oncall_desktop.config.schema import Settings
from oncall_desktop.core.compose import MessageKind
from oncall_desktop.core.incident import EventKind, Status
from oncall_desktop.core.policy import Audience, Severity
from oncall_desktop.integrations.secrets import (
    PAGERDUTY_TOKEN,
    SLACK_BOT_TOKEN,
    InMemorySecretStore,
)
from oncall_desktop.integrations.teams import TEAMS_WEBHOOK_URL
from oncall_desktop.ui.windows import composer_dialog
from tests.helpers.fake_pagerduty import OTHER_ID
from tests.helpers.services_dialog import ServicesDialogs


def test_a_sev1_reaches_every_audience_from_page_to_post_mortem(
    qtbot, context, clock, pagerduty, slack, teams, tmp_path, monkeypatch
):
    clock.advance(datetime.now(UTC) - clock.now())  # the fakes live in real time
    procedure = tmp_path / "policy.toml"
    procedure.write_text(
        '[[escalation_contacts]]\nname = "CTO"\ncontact = "@cto"\nseverities = ["SEV-1"]\n'
        f'pagerduty_user = "{OTHER_ID}"\n',
        encoding="utf-8",
    )
    secrets = InMemorySecretStore()
    secrets.set(PAGERDUTY_TOKEN, pagerduty.token)
    secrets.set(SLACK_BOT_TOKEN, slack.token)
    secrets.set(TEAMS_WEBHOOK_URL, teams.workflow_url)
    ctx = context(
        settings=Settings(
            language="en",
            pagerduty_base_url=pagerduty.url,
            slack_base_url=slack.url,
            teams_enabled=True,
            status_page_id=pagerduty.status_page_id,
            status_page_name="Example status",
        ),
        secrets=secrets,
        policy_file=procedure,
    )
    mails = []
    monkeypatch.setattr(
        QDesktopServices, "openUrl", staticmethod(lambda url: mails.append(url.toString()) or True)
    )
    monkeypatch.setattr(
        QMessageBox, "question", staticmethod(lambda *a, **k: QMessageBox.StandardButton.Yes)
    )
    kinds: list[MessageKind] = []

    def send(dialog):  # the engineer picks the message and presses Send, targets as offered
        dialog.kind.setCurrentIndex(dialog.kind.findData(kinds.pop(0).value))
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(composer_dialog.ComposerDialog, "exec", send)
    services = ServicesDialogs()  # the first status-page update asks which services: all

    def compose(kind: MessageKind, audience: Audience) -> None:
        kinds.append(kind)
        ctx.controller.cockpit_controller.compose(incident_id, audience.value)
        assert kinds == []

    # the page, opened as an incident (high urgency: SEV-1)
    page_id = pagerduty.add_incident("API Down - All endpoints returning 500")
    ctx.poller.start()
    qtbot.waitUntil(lambda: ctx.poller.page(f"pagerduty:{page_id}") is not None, timeout=5000)
    with qtbot.waitSignal(ctx.incidents.incident_opened, timeout=5000) as opened:
        ctx.incidents.open_from_page(ctx.poller.page(f"pagerduty:{page_id}"))
    incident_id = opened.args[0].id
    qtbot.waitUntil(lambda: incident_id in ctx.controller.cockpits, timeout=5000)
    window = ctx.controller.cockpits[incident_id]
    assert window.incident.severity is Severity.SEV1

    # the declaration, the status page, the executives, the CTO
    compose(MessageKind.DECLARED, Audience.INTERNAL)
    compose(MessageKind.STATUS_PAGE, Audience.STATUS_PAGE)
    compose(MessageKind.EXECUTIVE, Audience.EXECUTIVE)
    window.escalation_box.contact_requests["CTO"].click()
    qtbot.waitUntil(lambda: len(slack.texts("C0INCIDENTS")) >= 2, timeout=8000)
    qtbot.waitUntil(lambda: len(pagerduty.status_updates_text()) == 1, timeout=8000)
    qtbot.waitUntil(lambda: bool(pagerduty.responder_requests), timeout=8000)
    assert slack.texts("C0INCIDENTS")[0].startswith("📢 INCIDENT DECLARED")
    assert teams.messages and "INCIDENT DECLARED" in teams.messages[0]
    assert mails and mails[0].startswith("mailto:")

    def sent(audience: Audience) -> int:
        return sum(
            1
            for e in window.incident.events(EventKind.UPDATE_SENT)
            if e.data.get("audience") == audience.value
        )

    # the status page took the customers' update (its copies in Slack and Teams are notes, not it)
    qtbot.waitUntil(lambda: sent(Audience.STATUS_PAGE) >= 1, timeout=8000)
    assert sent(Audience.EXECUTIVE) == 1 and sent(Audience.INTERNAL) >= 1

    # 30 minutes on: the internal and status-page updates are owed, and sent
    clock.advance(timedelta(minutes=30))
    dues = ctx.controller.dues(window.incident)
    assert dues[Audience.INTERNAL].due_at <= clock.now()
    assert dues[Audience.STATUS_PAGE].due_at <= clock.now()
    internal_before, external_before = sent(Audience.INTERNAL), sent(Audience.STATUS_PAGE)
    compose(MessageKind.UPDATE, Audience.INTERNAL)
    compose(MessageKind.STATUS_PAGE, Audience.STATUS_PAGE)
    qtbot.waitUntil(lambda: len(pagerduty.status_updates_text()) == 2, timeout=8000)
    qtbot.waitUntil(lambda: sent(Audience.STATUS_PAGE) > external_before, timeout=8000)
    qtbot.waitUntil(lambda: sent(Audience.INTERNAL) > internal_before, timeout=8000)
    dues = ctx.controller.dues(window.incident)
    assert dues[Audience.INTERNAL].due_at > clock.now()
    assert dues[Audience.STATUS_PAGE].due_at > clock.now()

    # resolved: the notices to all three audiences
    with qtbot.waitSignal(ctx.incidents.incident_changed, timeout=5000):
        ctx.incidents.move_to(incident_id, Status.RESOLVED, note="Rolled back the deploy")
    qtbot.waitUntil(lambda: window.incident.status is Status.RESOLVED, timeout=5000)
    compose(MessageKind.RESOLVED, Audience.INTERNAL)
    compose(MessageKind.STATUS_PAGE_RESOLVED, Audience.STATUS_PAGE)
    compose(MessageKind.EXECUTIVE_RESOLVED, Audience.EXECUTIVE)
    qtbot.waitUntil(lambda: len(pagerduty.status_updates_text()) == 3, timeout=8000)
    assert [status for _t, status, _m in pagerduty.status_updates_text()] == [
        "investigating",
        "investigating",
        "resolved",
    ]
    qtbot.waitUntil(lambda: any("RESOLVED" in t for t in slack.texts("C0INCIDENTS")), timeout=8000)
    qtbot.waitUntil(lambda: any("RESOLVED" in m for m in teams.messages), timeout=8000)
    assert len(mails) == 2 and sent(Audience.EXECUTIVE) == 2

    # the post-mortem, reviewed and signed, published where customers followed the incident
    ctx.controller.postmortems.open(incident_id)
    qtbot.waitUntil(lambda: incident_id in ctx.controller.postmortems.windows, timeout=5000)
    editor = ctx.controller.postmortems.windows[incident_id]
    editor.text_edits["summary"].setPlainText("The API failed for 40 minutes.")
    editor.reviewed_by_edit.setText("CTO")
    editor.reviewed_by_edit.textEdited.emit("CTO")
    editor.reviewed_on_edit.setDate(QDate.currentDate())
    monkeypatch.setattr(
        QInputDialog, "getMultiLineText", staticmethod(lambda _p, _c, _l, text: (text, True))
    )
    editor.publish_action.trigger()
    qtbot.waitUntil(lambda: "postmortem" in pagerduty.status_posts[0], timeout=8000)
    assert len(pagerduty.status_posts) == 1  # one incident, one post, from start to end
    services.stop()
    assert len(services.seen) == 1  # asked once, at the first status-page update
    assert pagerduty.status_update_impacts()[-1] == [
        ("API", "operational"),
        ("Web app", "operational"),
        ("Payments", "operational"),
    ]
    assert pagerduty.take_violations() == [] and slack.take_violations() == []

from oncall_desktop.config.schema import Settings
from oncall_desktop.core.compose import MessageKind, compose
from oncall_desktop.core.incident import Incident
from oncall_desktop.core.paging import AlertLink
from oncall_desktop.core.policy import Severity
from oncall_desktop.services.routing import UpdateRouter
from oncall_desktop.ui.windows.composer_dialog import ComposerDialog


def make(qtbot, clock, policy, pagerduty_id=None, slack="#incidents"):
    incident = Incident.declare(
        title="DB down",
        severity=Severity.SEV1,
        at=clock.now(),
        actor="alice",
        alert=AlertLink("pagerduty", pagerduty_id) if pagerduty_id else None,
    )
    router = UpdateRouter(lambda: Settings(slack_channel=slack), lambda post: None, policy)
    where = router.offered(incident)  # as the cockpit asks: under these settings
    dialog = ComposerDialog(
        incident, policy, "en", clock.now(), None, "@alice", where, MessageKind.UPDATE
    )
    qtbot.addWidget(dialog)
    return incident, dialog


def test_preview_is_the_template_filled_with_what_is_typed(qtbot, clock, policy):
    incident, dialog = make(qtbot, clock, policy)
    dialog.root_cause.setText("Cloud SQL down")
    dialog.eta.setText("30 min")
    assert "**Root Cause** : Cloud SQL down" in dialog.preview.toPlainText()
    dialog.language.setCurrentIndex(dialog.language.findData("fr"))
    assert "**Cause racine** : Cloud SQL down" in dialog.preview.toPlainText()
    dialog.kind.setCurrentIndex(dialog.kind.findData(MessageKind.DECLARED.value))
    assert dialog.preview.toPlainText() == compose(
        MessageKind.DECLARED, incident, policy, "fr", clock.now(), dialog._human(), None, "@alice"
    )


def test_edited_preview_is_kept_and_sent_as_is(qtbot, clock, policy):
    _, dialog = make(qtbot, clock, policy)
    dialog.preview.setPlainText("My own words")
    dialog.eta.setText("later")  # no longer overwrites the engineer's text
    result = dialog.composition()
    assert (result.text, result.destinations) == ("My own words", ("slack",))


def test_targets(qtbot, clock, policy):
    _, with_page = make(qtbot, clock, policy, pagerduty_id="PX1")
    status_update = with_page.boxes["pagerduty_status"]
    assert status_update.isEnabled() and status_update.isChecked()
    _, nowhere = make(qtbot, clock, policy, slack="")
    ok = nowhere.buttons.button(nowhere.buttons.StandardButton.Ok)
    assert not ok.isEnabled() and "Choose where" in nowhere.hint.text()


def test_only_the_inputs_the_template_uses_and_enter_does_not_send(qtbot, clock, policy):
    from PySide6.QtCore import Qt

    _, dialog = make(qtbot, clock, policy)  # UPDATE #n: root cause, actions, ETA
    dialog.show()
    visible = {
        name
        for name in (
            "root_cause",
            "actions_taken",
            "eta",
            "resolution",
            "next_steps",
            "financial",
        )
        if getattr(dialog, name).isVisibleTo(dialog)
    }
    assert visible == {"root_cause", "actions_taken", "eta"}
    dialog.kind.setCurrentIndex(dialog.kind.findData(MessageKind.STATUS_PAGE.value))
    assert not dialog.root_cause.isVisibleTo(dialog)  # no jargon field for the public page
    dialog.kind.setCurrentIndex(dialog.kind.findData(MessageKind.RESOLVED.value))
    assert dialog.resolution.isVisibleTo(dialog) and dialog.next_steps.isVisibleTo(dialog)
    dialog.kind.setCurrentIndex(dialog.kind.findData(MessageKind.UPDATE.value))
    dialog.root_cause.setFocus()
    qtbot.keyClick(dialog.root_cause, Qt.Key.Key_Return)
    assert dialog.isVisible() and dialog.result() == 0  # Enter did not send


def test_the_executive_summary_goes_to_the_mail_client_not_to_slack(qtbot, clock, policy):
    _, dialog = make(qtbot, clock, policy)
    mail = dialog.boxes["executive_mail"]
    assert mail.isHidden()  # an internal update: Slack
    dialog.kind.setCurrentIndex(dialog.kind.findData(MessageKind.EXECUTIVE.value))
    assert not mail.isHidden() and mail.isChecked()
    assert not dialog.boxes["slack"].isChecked()
    result = dialog.composition()
    assert (result.destinations, result.audience) == (("executive_mail",), "executive")

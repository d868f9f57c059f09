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


def test_the_hint_names_the_greyed_destinations_and_what_each_lacks(qtbot, clock, policy, qapp):
    """Built from the destinations offered, greyed, that cannot take the text (their names
    as registered): the built-ins' words as before, in French too; a destination of the
    tests' own is named the same way; with everything set up, nothing is blamed."""
    from oncall_desktop.core.destinations import (
        Destination,
        Offer,
        register_destination,
        unregister_destination,
    )
    from oncall_desktop.core.policy import Text
    from oncall_desktop.integrations.deliverers import register_deliverer, unregister_deliverer
    from oncall_desktop.ui.translations import install_translators

    def untick_all(dialog):
        for box in dialog.boxes.values():
            box.setChecked(False)
        return dialog.hint.text()

    _, nowhere = make(qtbot, clock, policy, slack="")
    assert nowhere.hint.text() == (
        "Choose where to send it (set Slack up in Settings; PagerDuty needs an incident "
        "opened from a page)."
    )
    _, everywhere = make(qtbot, clock, policy, pagerduty_id="PX1")
    assert untick_all(everywhere) == "Choose where to send it."
    _, slack_only = make(qtbot, clock, policy)
    assert untick_all(slack_only) == (
        "Choose where to send it (PagerDuty needs an incident opened from a page)."
    )
    try:
        install_translators(qapp, "fr")
        incident, _ = make(qtbot, clock, policy)
        router = UpdateRouter(lambda: Settings(slack_channel=""), lambda post: None, policy)
        french = ComposerDialog(
            incident,
            policy,
            "fr",
            clock.now(),
            None,
            "@alice",
            router.offered(incident),
            MessageKind.UPDATE,
            ui_language="fr",
        )
        qtbot.addWidget(french)
        assert french.hint.text() == (
            "Choisissez où l'envoyer (configurez Slack dans les Paramètres ; PagerDuty demande "
            "un incident ouvert depuis une page)."
        )
    finally:
        install_translators(qapp, "en")

    pigeon = Destination(
        "pigeon",
        Text(fr="Pigeon voyageur", en="Carrier pigeon"),
        offer=Offer(None, ("internal",), not_set_up="greyed", order=25),
    )  # never set up: its route takes nothing
    register_destination(pigeon)
    register_deliverer("pigeon", lambda post, context: None, route=lambda outgoing: None)
    try:
        _, with_pigeon = make(qtbot, clock, policy, pagerduty_id="PX1")
        assert untick_all(with_pigeon) == (
            "Choose where to send it (set Carrier pigeon up in Settings)."
        )
    finally:
        unregister_deliverer("pigeon")
        unregister_destination("pigeon")


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

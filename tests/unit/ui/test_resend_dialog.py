"""Edit and resend a refused post, its destination too (issue 15, item 4)."""

from oncall_desktop.core.outbox import Post, PostState, Target
from oncall_desktop.ui.windows.resend_dialog import ResendDialog


def refused(target=Target.SLACK, destination="#gone"):
    return Post(
        target,
        "UPDATE #2",
        destination=destination,
        state=PostState.FAILED,
        last_error="Slack refused the message: channel_not_found.",
        id=7,
    )


def test_the_channel_can_be_changed_and_the_dialog_says_where_it_goes(qtbot):
    dialog = ResendDialog(refused(), "#incidents")
    qtbot.addWidget(dialog)
    assert "channel_not_found" in dialog.reason.text()
    assert dialog.will_use.text() == "It will be sent to: Slack channel #gone"
    assert dialog.use_settings.isVisibleTo(dialog)
    dialog.use_settings.click()
    assert dialog.will_use.text() == "It will be sent to: Slack channel #incidents"
    dialog.text.setPlainText("UPDATE #2 (again)")
    assert dialog.result_resend().text == "UPDATE #2 (again)"
    assert dialog.result_resend().destination == "#incidents"
    dialog.destination.clear()
    assert not dialog.buttons.button(dialog.buttons.StandardButton.Ok).isEnabled()


def test_pagerduty_and_webhook_posts_keep_their_destination(qtbot):
    pagerduty = ResendDialog(refused(Target.PAGERDUTY_STATUS, "PINC1"), "#incidents")
    qtbot.addWidget(pagerduty)
    assert pagerduty.will_use.text() == "It will be sent to: PagerDuty incident PINC1"
    assert pagerduty.result_resend().destination is None
    webhook = ResendDialog(refused(Target.SLACK_WEBHOOK, ""), "#incidents")
    qtbot.addWidget(webhook)
    assert "webhook" in webhook.will_use.text() and webhook.result_resend().destination is None

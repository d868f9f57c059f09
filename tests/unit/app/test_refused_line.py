"""The cockpit's clock line of a refused post offers what it says: its "Edit and resend…"
button opens the real resend dialog for that post (QA tour 2, item 1), and a copy of an
update that its destination refused (the customers' text, no status page, to a Slack channel
that is gone) is said on its audience's line too (item 4). Through the real composer, router,
outbox, cockpit and resend dialog, against the fake Slack and PagerDuty."""

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from oncall_desktop.core.outbox import PostState
from oncall_desktop.core.policy import Audience
from oncall_desktop.ui.widgets.clocks_panel import LATE
from tests.unit.app.test_update_delivery import (
    _app,
    _cockpit_of_a_page,
    _posts_settled,
    _send_as_offered,
    _updates,
)


def _answer_resend(qtbot, channel, seen):
    """When the resend dialog opens: note what it shows, send it to ``channel``."""
    from oncall_desktop.ui.windows.resend_dialog import ResendDialog

    def answer():
        dialogs = [w for w in QApplication.topLevelWidgets() if isinstance(w, ResendDialog)]
        shown = [d for d in dialogs if d.isVisible()]
        if not shown:
            QTimer.singleShot(20, answer)
            return
        dialog = shown[0]
        seen.append({"reason": dialog.reason.text(), "text": dialog.text.toPlainText()})
        dialog.destination.setText(channel)
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()

    QTimer.singleShot(0, answer)


def test_the_refused_updates_line_opens_the_resend_dialog_of_that_post(
    qtbot, context, clock, pagerduty, slack, monkeypatch
):
    ctx = _app(context, clock, pagerduty, slack, slack_channel="#gone")
    window = _cockpit_of_a_page(qtbot, ctx, pagerduty)
    window.show()
    row = window.clocks.audience_rows[Audience.INTERNAL]
    assert not row.resend.isVisible()  # nothing refused: no button
    _send_as_offered(monkeypatch, [])
    row.compose.click()
    qtbot.waitUntil(lambda: _posts_settled(window, 2), timeout=8000)
    window.set_now(clock.now())
    qtbot.waitUntil(lambda: row.resend.isVisible(), timeout=5000)
    # the words say what is there: the refusal, and a button that does the resending
    assert row.countdown.text().startswith("Slack refused the update (channel_not_found): not sent")
    assert "Edit and resend" not in row.countdown.text()
    assert row.countdown.styleSheet() == LATE  # its own update refused: red though not late
    assert row.resend.text() == "Edit and resend…"
    [refused] = [p for p in window.posts_table.model.posts if p.state is PostState.FAILED]

    seen: list[dict] = []
    _answer_resend(qtbot, "#incidents", seen)
    row.resend.click()
    assert seen and seen[0]["text"] == refused.text and "channel_not_found" in seen[0]["reason"]
    qtbot.waitUntil(lambda: len(slack.texts("C0INCIDENTS")) == 1, timeout=8000)
    qtbot.waitUntil(lambda: bool(_updates(window, Audience.INTERNAL)), timeout=8000)
    window.set_now(clock.now())
    qtbot.waitUntil(lambda: not row.resend.isVisible(), timeout=5000)
    assert "refused" not in row.countdown.text()


def test_a_refused_copy_of_the_external_update_is_said_on_its_line(
    qtbot, context, clock, pagerduty, slack, monkeypatch
):
    """No status page: the External text goes, as offered, to Slack and PagerDuty, copies
    both. Slack refuses its copy: the External line says the copy was not posted there (the
    team did not see it), its clock still running, and offers to edit and resend the copy."""
    ctx = _app(context, clock, pagerduty, slack, slack_channel="#gone")
    window = _cockpit_of_a_page(qtbot, ctx, pagerduty)
    window.show()
    row = window.clocks.audience_rows[Audience.STATUS_PAGE]
    _send_as_offered(monkeypatch, [])
    row.compose.click()
    qtbot.waitUntil(lambda: _posts_settled(window, 2), timeout=8000)
    window.set_now(clock.now())
    qtbot.waitUntil(lambda: row.resend.isVisible(), timeout=5000)
    assert row.countdown.text().startswith(
        "Slack refused the copy of this update (channel_not_found): not posted there · "
    )
    assert _updates(window, Audience.STATUS_PAGE) == []  # a copy: its clock still runs
    # said in the normal style: red is for an audience whose own update was refused (or late)
    assert row.countdown.styleSheet() != LATE

    seen: list[dict] = []
    _answer_resend(qtbot, "#incidents", seen)
    row.resend.click()
    assert seen and "channel_not_found" in seen[0]["reason"]
    qtbot.waitUntil(lambda: len(slack.texts("C0INCIDENTS")) == 1, timeout=8000)
    window.set_now(clock.now())
    qtbot.waitUntil(lambda: not row.resend.isVisible(), timeout=5000)
    assert "refused" not in row.countdown.text()
    assert _updates(window, Audience.STATUS_PAGE) == []  # still a copy, still owed


def test_a_refusal_that_names_its_refuser_is_said_once(
    qtbot, context, clock, pagerduty, slack, monkeypatch
):
    """Slack answers 403: its reason already says "Slack refused the request (403).". The
    clock line and the terminal's status say it once, not "Slack refused the update (Slack
    refused the request (403).)"."""
    from oncall_desktop.app.commands import CommandHandler, format_status
    from tests.helpers.fake_slack import SlackFault

    ctx = _app(context, clock, pagerduty, slack)
    window = _cockpit_of_a_page(qtbot, ctx, pagerduty)
    row = window.clocks.audience_rows[Audience.INTERNAL]
    slack.fail_next(SlackFault(403, method="chat.postMessage"))
    _send_as_offered(monkeypatch, [])
    row.compose.click()
    qtbot.waitUntil(lambda: _posts_settled(window, 2), timeout=8000)
    window.set_now(clock.now())
    qtbot.waitUntil(lambda: "403" in row.countdown.text(), timeout=5000)
    assert row.countdown.text().startswith("Slack refused the request (403): update not sent · ")
    assert row.countdown.text().count("refused") == 1

    replies = []
    CommandHandler(ctx).handle({"command": "status"}, replies.append)
    qtbot.waitUntil(lambda: bool(replies), timeout=5000)
    [line] = [x for x in format_status(replies[0], clock.now()).splitlines() if "403" in x]
    assert line.startswith(
        "       next: update: Internal (Slack #incidents): Slack refused the request (403): "
        "update not sent, due in "
    ), line

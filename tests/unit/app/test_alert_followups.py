"""What follows an alert is said once, by whom it was done, and taken down when it is over
(QA tour on a real desktop, second round): the newest error is on top of the window's banner
and in sight, a banner about a thing done goes by itself; another engineer's acknowledge is
said with their name (banner, notification, pages list, cockpit), not as mine; one
notification per page, withdrawn once the page is acknowledged or resolved. The real app
assembled, against the contract-checked fake PagerDuty."""

from dataclasses import replace
from datetime import timedelta

import pytest
from PySide6.QtCore import QPoint

from oncall_desktop.core.incident import EventKind
from oncall_desktop.ui.notifier import ACKNOWLEDGE
from tests.helpers.fake_pagerduty import Fault
from tests.unit.app.conftest import RecordingNotifier
from tests.unit.app.test_alert_truth import connected, listed, up

WAIT = 10_000  # ms: returns as soon as the condition holds
STATUS = 3  # the pages list's Status column


@pytest.fixture
def english(qapp):
    yield
    from oncall_desktop.ui.translations import install_translators

    install_translators(qapp, "en")


def test_the_newest_error_is_on_top_in_sight_and_what_is_done_goes_by_itself(
    qtbot, context, pagerduty, clock, english
):
    lost = pagerduty.add_incident("Payments webhook queue backing up")
    refused = pagerduty.add_incident("DNS resolution failing")
    ctx = connected(context, pagerduty, RecordingNotifier())
    window, banner = ctx.window, ctx.window.banner
    window.resize(1024, 420)  # the banner may take a third: about three lines
    window.show()
    ctx.poller.start()
    qtbot.waitUntil(lambda: len(listed(window)) == 2, timeout=WAIT)

    # PagerDuty acknowledges the first, a proxy loses its answer: "after all", for information
    pagerduty.fail_next(Fault(502, path=f"/incidents/{lost}", method="PUT", after=True))
    with qtbot.waitSignal(ctx.poller.pages_changed, timeout=WAIT):
        ctx.poller.acknowledge(f"pagerduty:{lost}")
    settings = ctx.controller.settings_controller
    settings.apply_settings(replace(ctx.settings, language="fr"), {})
    settings.apply_settings(replace(ctx.settings, language="en"), {})  # said once: replaced
    banner.show_message("restored", "Something else, for information.", "info")
    banner.show_message("database-settings", "A warning.", "warning")
    # then an acknowledge PagerDuty refuses: the page keeps escalating
    pagerduty.fail_next(Fault(500, path=f"/incidents/{refused}", method="PUT"))
    ctx.poller.acknowledge(f"pagerduty:{refused}")
    error = f"acknowledge-failed-pagerduty:{refused}"
    qtbot.waitUntil(lambda: error in banner.texts(), timeout=WAIT)

    assert list(banner.levels().items()) == [
        (error, "error"),
        ("database-settings", "warning"),
        ("restored", "info"),  # the newest of its level first
        ("language", "info"),
        (f"acknowledge-failed-pagerduty:{lost}", "info"),
    ]
    row = banner.layout().itemAt(0).widget()
    assert "keeps escalating" in row.findChild(type(window.status_label)).text()
    area = window.banner_area
    qtbot.waitUntil(lambda: area.verticalScrollBar().maximum() > 0, timeout=WAIT)  # it scrolls

    def in_sight():  # the error's whole row within what the banner's area shows
        top = row.mapTo(area.viewport(), QPoint(0, 0)).y()
        return row.isVisible() and top >= 0 and top + row.height() <= area.viewport().height()

    qtbot.waitUntil(in_sight, timeout=WAIT)

    clock.advance(timedelta(seconds=61))
    ctx.controller.on_tick(clock.now())
    assert list(banner.texts()) == [error, "database-settings", "restored"]  # done things went


def paged_with_the_window_in_the_tray(qtbot, context, pagerduty):
    """(the page's id, the notifications, the app, the page's key): "API down" paged, its
    notification up, the window closed to the tray."""
    page_id = pagerduty.add_incident("API down")
    recorder = RecordingNotifier()
    ctx = connected(context, pagerduty, recorder, close_to_tray=True)
    ctx.window.show()
    ctx.window.close()  # to the tray
    ctx.poller.start()
    qtbot.waitUntil(lambda: bool(up(recorder, "🔴 High urgency")), timeout=WAIT)
    return page_id, recorder, ctx, f"pagerduty:{page_id}"


def test_another_engineers_acknowledge_is_said_with_their_name_not_as_mine(
    qtbot, context, pagerduty
):
    page_id, recorder, ctx, key = paged_with_the_window_in_the_tray(qtbot, context, pagerduty)
    alerts = ctx.controller.alert_controller
    pagerduty.fail_next(Fault(500, path=f"/incidents/{page_id}", method="PUT"))
    with qtbot.waitSignal(ctx.poller.pages_changed, timeout=WAIT):
        alerts.on_notification_action(key, ACKNOWLEDGE)
    assert up(recorder, "NOT acknowledged")

    pagerduty.set_status(page_id, "acknowledged")  # Bob, in PagerDuty
    with qtbot.waitSignal(ctx.poller.pages_changed, timeout=WAIT):
        ctx.poller.poll_now()

    texts = ctx.window.banner.texts()
    assert texts[f"acknowledge-failed-{key}"] == "“API down” was acknowledged in PagerDuty by Bob."
    assert not up(recorder, "NOT acknowledged")
    assert not up(recorder, "Acknowledged in PagerDuty · open it")  # not said as mine
    [said] = up(recorder, "Acknowledged in PagerDuty by Bob")
    assert said.key == key
    table = ctx.window.pages.table
    assert table.item(0, STATUS).text() == "acknowledged by Bob, not opened"

    ctx.window.pages.open_button.click()
    qtbot.waitUntil(lambda: len(ctx.controller.cockpits) == 1, timeout=WAIT)
    [cockpit] = ctx.controller.cockpits.values()
    with qtbot.waitSignal(ctx.poller.pages_changed, timeout=WAIT):
        ctx.poller.poll_now()
    qtbot.waitUntil(
        lambda: cockpit.source_bar.label.text() == "PagerDuty: acknowledged by Bob.",
        timeout=WAIT,
    )
    qtbot.waitUntil(lambda: not up(recorder, "Acknowledged in PagerDuty"), timeout=WAIT)


def test_my_own_acknowledge_is_not_said_as_someone_elses(qtbot, context, pagerduty):
    pagerduty.add_incident("API down")
    ctx = connected(context, pagerduty, RecordingNotifier())
    ctx.poller.start()
    qtbot.waitUntil(lambda: listed(ctx.window) == ["API down"], timeout=WAIT)
    with qtbot.waitSignal(ctx.poller.pages_changed, timeout=WAIT):
        ctx.window.pages.acknowledge_button.click()
    assert ctx.window.pages.table.item(0, STATUS).text() == "acknowledged, not opened"


def test_one_not_acknowledged_notification_a_page_gone_once_the_page_is_resolved(
    qtbot, context, pagerduty
):
    page_id, recorder, ctx, key = paged_with_the_window_in_the_tray(qtbot, context, pagerduty)
    for ask in (  # from the notification, then from the terminal's `ack`
        lambda: ctx.controller.alert_controller.on_notification_action(key, ACKNOWLEDGE),
        lambda: ctx.poller.acknowledge(key),
    ):
        pagerduty.fail_next(Fault(500, path=f"/incidents/{page_id}", method="PUT"))
        with qtbot.waitSignal(ctx.poller.pages_changed, timeout=WAIT):  # read again after it
            ask()
    assert len([n for n in recorder.shown if n.title.startswith("NOT acknowledged")]) == 2
    [refused] = up(recorder, "NOT acknowledged")  # the second took the first's place
    assert refused.body.startswith("API down — Could not acknowledge")  # not run together

    pagerduty.set_status(page_id, "resolved")  # by a colleague, there
    with qtbot.waitSignal(ctx.poller.pages_changed, timeout=WAIT):
        ctx.poller.poll_now()
    assert not up(recorder, "NOT acknowledged")
    assert f"acknowledge-failed-{key}" not in ctx.window.banner.texts()


def test_a_refused_update_is_notified_once_and_withdrawn_once_it_is_marked_sent(
    qtbot, context, clock, pagerduty, slack, monkeypatch
):
    """QA tour: 'Slack refused' notifications stayed after Mark sent (and after a resend:
    tests/unit/app/test_update_delivery.py)."""
    from oncall_desktop.core.policy import Audience
    from tests.unit.app.test_update_delivery import _app, _cockpit_of_a_page, _send_as_offered

    recorder = RecordingNotifier()
    ctx = _app(context, clock, pagerduty, slack, recorder.notifier, slack_channel="#gone")
    window = _cockpit_of_a_page(qtbot, ctx, pagerduty)
    window.show()
    _send_as_offered(monkeypatch, [])
    window.clocks.audience_rows[Audience.INTERNAL].compose.click()
    qtbot.waitUntil(lambda: bool(up(recorder, "Internal (Slack #incidents)")), timeout=WAIT)
    [said] = up(recorder, "Internal (Slack #incidents): update not sent")
    assert " — " in said.body and said.body.endswith("Edit and resend it from the cockpit.")

    window.clocks.audience_rows[Audience.INTERNAL].mark_sent.click()  # posted by hand
    qtbot.waitUntil(lambda: bool(window.incident.events(EventKind.UPDATE_SENT)), timeout=WAIT)
    ctx.controller.on_tick(clock.now())
    assert said not in recorder.on_screen()


def test_a_notification_after_a_switch_to_english_has_its_buttons_in_english(
    qtbot, context, pagerduty, english
):
    """QA tour: after a live switch from French, new notifications still said 'Ouvrir'. The
    desktop's notifier as the app uses it, its D-Bus calls read where they would go out."""
    from oncall_desktop.ui.notifier import FreedesktopNotifier
    from tests.unit.ui.test_notifier import Router, new_method_call

    pagerduty.add_incident("API down")
    ctx = connected(context, pagerduty, RecordingNotifier(), language="fr")
    notifier = FreedesktopNotifier("test")
    notifier.close()  # no session bus here: what it is asked stays queued, read below
    notifier._thread.join(10)
    while not notifier._outbox.empty():
        notifier._outbox.get_nowait()
    ctx.controller.notifications.use(notifier)
    ctx.controller.settings_controller.apply_settings(replace(ctx.settings, language="en"), {})

    ctx.poller.start()
    qtbot.waitUntil(lambda: not notifier._outbox.empty(), timeout=WAIT)
    router = Router()
    notifier._send(router, None, new_method_call, notifier._outbox.get_nowait())
    [(_app, _replaces, _icon, title, _body, actions, _hints, _timeout)] = router.sent
    assert title == "🔴 High urgency · Backend API"
    assert actions == ["default", "Open", "acknowledge", "Acknowledge"]

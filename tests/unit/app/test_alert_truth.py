"""What the alerts tell the responder is the truth (QA tour on a real desktop, four findings):
an acknowledge refused from a notification while the window is in the tray says that the page
keeps escalating, with Retry and Open, and the tray says it too; the "acknowledged · open it"
notification stays until the page is opened or resolved; a source that cannot be read is said
in the window, its pages kept as last read; a failure that turned out to be done is not left on
the screen, and what the banner says follows the language. The real app assembled, against the
contract-checked fake PagerDuty."""

from dataclasses import replace
from datetime import timedelta

import pytest

from oncall_desktop.config.schema import Settings
from oncall_desktop.integrations.secrets import PAGERDUTY_TOKEN, InMemorySecretStore
from oncall_desktop.ui.icons import TrayState
from oncall_desktop.ui.notifier import ACKNOWLEDGE, OPEN
from tests.helpers.fake_pagerduty import Fault
from tests.unit.app.conftest import RecordingNotifier

WAIT = 10_000  # ms: returns as soon as the condition holds


def connected(context, pagerduty, recorder, **settings):
    """The app set up with the fake PagerDuty, a tray, and the notifications recorded."""
    secrets = InMemorySecretStore()
    secrets.set(PAGERDUTY_TOKEN, pagerduty.token)
    settings = {"language": "en", "team_timezone": "UTC", **settings}
    return context(
        settings=Settings(pagerduty_base_url=pagerduty.url, **settings),
        secrets=secrets,
        notifier=recorder.notifier,
        tray=True,
    )


def up(recorder, start):
    """The notifications on the screen whose title starts so."""
    return [n for n in recorder.on_screen() if n.title.startswith(start)]


def listed(window):
    table = window.pages.table
    return [table.item(r, 1).text() for r in range(table.rowCount())]


@pytest.fixture
def english(qapp):
    """English again for the next tests, whatever this one chose."""
    yield
    from oncall_desktop.ui.translations import install_translators

    install_translators(qapp, "en")


def test_a_refused_acknowledge_from_a_notification_says_it_keeps_escalating(
    qtbot, context, pagerduty, clock
):
    page_id = pagerduty.add_incident("API down")
    recorder = RecordingNotifier()
    ctx = connected(context, pagerduty, recorder, close_to_tray=True)
    ctx.window.show()
    ctx.window.close()  # to the tray
    assert not ctx.window.isVisible()
    alerts, tray = ctx.controller.alert_controller, ctx.controller.tray
    ctx.poller.start()
    key = f"pagerduty:{page_id}"
    qtbot.waitUntil(lambda: bool(up(recorder, "🔴 High urgency")), timeout=WAIT)

    pagerduty.fail_next(Fault(500, path=f"/incidents/{page_id}", method="PUT"))
    with qtbot.waitSignal(ctx.poller.pages_changed, timeout=WAIT):  # read again after a 5xx
        alerts.on_notification_action(key, ACKNOWLEDGE)

    assert pagerduty.incidents[page_id]["status"] == "triggered"
    [refused] = up(recorder, "NOT acknowledged")  # still up after the page was read again
    assert refused.key == key and refused.urgent
    assert refused.title == "NOT acknowledged in PagerDuty: it keeps escalating"
    assert refused.body.startswith("API down — Could not acknowledge in PagerDuty: ")
    assert "(500)" in refused.body
    assert (ACKNOWLEDGE, "Retry") in refused.actions and (OPEN, "Open") in refused.actions
    ctx.controller.update_tray(clock.now())
    assert "1 page NOT acknowledged: still escalating" in tray.icon.toolTip()
    assert tray.state is TrayState.UPDATE_OVERDUE
    banner = ctx.window.banner.texts()[f"acknowledge-failed-{key}"]  # for when it is opened
    assert banner.endswith("“API down” is not acknowledged in PagerDuty: it keeps escalating.")

    alerts.on_notification_action(key, ACKNOWLEDGE)  # its Retry
    qtbot.waitUntil(lambda: bool(up(recorder, "Acknowledged in PagerDuty")), timeout=WAIT)
    assert pagerduty.incidents[page_id]["status"] == "acknowledged"
    assert not up(recorder, "NOT acknowledged")
    ctx.controller.update_tray(clock.now())
    assert "NOT acknowledged" not in tray.icon.toolTip()
    assert tray.state is not TrayState.UPDATE_OVERDUE
    assert f"acknowledge-failed-{key}" not in ctx.window.banner.texts()


def test_the_acknowledged_follow_up_stays_until_its_page_is_opened(qtbot, context, pagerduty):
    page_id = pagerduty.add_incident("API down")
    recorder = RecordingNotifier()
    ctx = connected(context, pagerduty, recorder)
    alerts = ctx.controller.alert_controller
    ctx.poller.start()
    key = f"pagerduty:{page_id}"
    qtbot.waitUntil(lambda: bool(up(recorder, "🔴 High urgency")), timeout=WAIT)

    with qtbot.waitSignal(ctx.poller.pages_changed, timeout=WAIT):  # the page, acknowledged
        alerts.on_notification_action(key, ACKNOWLEDGE)
    [follow_up] = up(recorder, "Acknowledged in PagerDuty · open it to work it")
    assert follow_up.key == key and (OPEN, "Open") in follow_up.actions
    assert follow_up.stays  # no expiry: the desktop keeps it until it is withdrawn
    assert not up(recorder, "🔴 High urgency")  # the alert itself has done its job
    with qtbot.waitSignal(ctx.poller.pages_changed, timeout=WAIT):  # the next poll
        ctx.poller.poll_now()
    assert up(recorder, "Acknowledged in PagerDuty")

    ctx.window.pages.open_button.click()  # opened from the window's list instead
    qtbot.waitUntil(lambda: len(ctx.controller.cockpits) == 1, timeout=WAIT)
    qtbot.waitUntil(lambda: not up(recorder, "Acknowledged in PagerDuty"), timeout=WAIT)


def test_the_acknowledged_follow_up_goes_once_its_page_is_resolved(qtbot, context, pagerduty):
    page_id = pagerduty.add_incident("API down")
    recorder = RecordingNotifier()
    ctx = connected(context, pagerduty, recorder)
    ctx.poller.start()
    qtbot.waitUntil(lambda: bool(up(recorder, "🔴 High urgency")), timeout=WAIT)
    with qtbot.waitSignal(ctx.poller.pages_changed, timeout=WAIT):
        ctx.controller.alert_controller.on_notification_action(f"pagerduty:{page_id}", ACKNOWLEDGE)
    assert up(recorder, "Acknowledged in PagerDuty")

    pagerduty.set_status(page_id, "resolved")  # by a colleague, there
    with qtbot.waitSignal(ctx.poller.pages_changed, timeout=WAIT):
        ctx.poller.poll_now()
    assert not up(recorder, "Acknowledged in PagerDuty")  # nothing left to open


def test_a_source_that_cannot_be_read_is_said_in_the_window_and_its_pages_stay(
    qtbot, context, pagerduty, clock
):
    pagerduty.add_incident("API down")
    down = [True]
    pagerduty.fault_hook = lambda method, path, body: Fault(503) if down[0] else None
    ctx = connected(context, pagerduty, RecordingNotifier())  # started while it is down
    banner, window = ctx.window.banner, ctx.window
    ctx.poller.start()
    qtbot.waitUntil(lambda: "pagerduty" in banner.texts(), timeout=WAIT)
    said = banner.texts()["pagerduty"]
    assert said.startswith(
        "PagerDuty cannot be reached: pages waiting there may be missing here. Last read: never."
    )
    assert "(503)" in said  # why

    down[0] = False
    with qtbot.waitSignal(ctx.poller.pages_changed, timeout=WAIT):
        ctx.poller.poll_now()
    assert "pagerduty" not in banner.texts()
    assert listed(window) == ["API down"]
    assert window.pages.title() == "Pages assigned to me"

    clock.advance(timedelta(minutes=5))
    down[0] = True
    with qtbot.waitSignal(ctx.poller.status_changed, timeout=WAIT):
        ctx.poller.poll_now()
    assert "Last read: 22:15." in banner.texts()["pagerduty"]
    assert listed(window) == ["API down"]  # as last read, and said so
    assert window.pages.title() == "Pages assigned to me · as last read from PagerDuty at 22:15"


def test_an_acknowledge_whose_answer_was_lost_leaves_no_failure_once_read_acknowledged(
    qtbot, context, pagerduty
):
    page_id = pagerduty.add_incident("API down")
    ctx = connected(context, pagerduty, RecordingNotifier())
    ctx.poller.start()
    qtbot.waitUntil(lambda: listed(ctx.window) == ["API down"], timeout=WAIT)
    key = f"pagerduty:{page_id}"

    # PagerDuty acknowledges it, then a proxy loses its answer: a 502
    pagerduty.fail_next(Fault(502, path=f"/incidents/{page_id}", method="PUT", after=True))
    with qtbot.waitSignal(ctx.poller.pages_changed, timeout=WAIT):  # read again after a 5xx
        ctx.window.pages.acknowledge_button.click()

    assert pagerduty.requests_to("PUT", f"/incidents/{page_id}")
    assert pagerduty.incidents[page_id]["status"] == "acknowledged"
    texts = ctx.window.banner.texts()
    assert not [t for t in texts.values() if "Could not acknowledge" in t]
    assert (
        texts[f"acknowledge-failed-{key}"] == "“API down” was acknowledged in PagerDuty after all."
    )


def test_what_the_banner_says_follows_the_language(qtbot, context, pagerduty, english):
    page_id = pagerduty.add_incident("API down")
    ctx = connected(context, pagerduty, RecordingNotifier())
    ctx.poller.start()
    qtbot.waitUntil(lambda: listed(ctx.window) == ["API down"], timeout=WAIT)
    key = f"acknowledge-failed-pagerduty:{page_id}"
    pagerduty.fail_next(Fault(500, path=f"/incidents/{page_id}", method="PUT"))
    ctx.window.pages.acknowledge_button.click()
    qtbot.waitUntil(lambda: key in ctx.window.banner.texts(), timeout=WAIT)
    assert ctx.window.banner.texts()[key].startswith(
        "Could not acknowledge in PagerDuty: PagerDuty is having trouble (500)."
    )

    ctx.controller.settings_controller.apply_settings(replace(ctx.settings, language="fr"), {})

    qtbot.waitUntil(
        lambda: ctx.window.banner.texts()[key].startswith(
            "Impossible d’acquitter dans PagerDuty : PagerDuty rencontre des difficultés (500)."
        ),
        timeout=WAIT,
    )
    assert ctx.window.banner.texts()[key].endswith(
        "« API down » n’est pas acquittée dans PagerDuty : l’escalade continue."
    )


def test_a_problem_said_at_start_follows_the_language(qtbot, context, english):
    from oncall_desktop.core.messages import QT_TR_NOOP

    odd = QT_TR_NOOP("{key}: unknown setting, ignored").format(key="colour")
    ctx = context(settings=Settings(language="en"), problems=[odd])
    assert ctx.window.banner.texts()["problem-0"] == "colour: unknown setting, ignored"

    ctx.controller.settings_controller.apply_settings(replace(ctx.settings, language="fr"), {})

    qtbot.waitUntil(
        lambda: ctx.window.banner.texts()["problem-0"] == "colour : réglage inconnu, ignoré",
        timeout=WAIT,
    )


def test_a_source_that_cannot_be_read_is_said_again_in_the_new_language(
    qtbot, context, pagerduty, english
):
    pagerduty.fault_hook = lambda method, path, body: Fault(503)
    ctx = connected(context, pagerduty, RecordingNotifier())
    ctx.poller.start()
    qtbot.waitUntil(lambda: "pagerduty" in ctx.window.banner.texts(), timeout=WAIT)

    ctx.controller.settings_controller.apply_settings(replace(ctx.settings, language="fr"), {})

    qtbot.waitUntil(
        lambda: ctx.window.banner.texts()["pagerduty"].startswith(
            "PagerDuty est injoignable : des alertes en attente là-bas peuvent manquer ici. "
            "Dernière lecture : jamais. PagerDuty rencontre des difficultés (503)."
        ),
        timeout=WAIT,
    )

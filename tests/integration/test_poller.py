"""The poller with a real HTTP client against the contract-checked fake PagerDuty."""

from datetime import timedelta

import pytest

from oncall_desktop.core.clock import SystemClock
from oncall_desktop.core.paging import Backoff
from oncall_desktop.integrations.pagerduty_source import PAGERDUTY
from oncall_desktop.integrations.secrets import PAGERDUTY_TOKEN, InMemorySecretStore
from oncall_desktop.services.poller import PollState, SourcePoller, connector, describe
from oncall_desktop.services.tasks import TaskRunner
from tests.helpers.fake_pagerduty import ME_EMAIL, OTHER_ID, Fault


@pytest.fixture
def make_poller(qapp, pagerduty):
    made = []

    def make(token=None, interval=0.2):
        secrets = InMemorySecretStore()
        if token is not False:
            secrets.set(PAGERDUTY_TOKEN, token or pagerduty.token)
        runner = TaskRunner()
        poller = SourcePoller(
            PAGERDUTY,
            connector(PAGERDUTY, secrets, {"pagerduty_base_url": pagerduty.url}),
            runner,
            SystemClock(),
            interval=timedelta(seconds=interval),
            backoff=Backoff(base=timedelta(milliseconds=100), cap=timedelta(milliseconds=300)),
        )
        made.append((poller, runner))
        return poller

    yield make
    for poller, runner in made:
        poller.stop()
        runner.wait()


def test_new_incident_raises_one_alert(qtbot, make_poller, pagerduty):
    poller = make_poller()
    incident = pagerduty.add_incident("<b>DB</b> down <!channel>")
    with qtbot.waitSignal(poller.new_alerts, timeout=5000) as blocker:
        poller.start()
    assert [p.id for p in blocker.args[0]] == [incident]
    assert blocker.args[0][0].title == "<b>DB</b> down <!channel>"
    assert poller.status.state is PollState.OK and poller.me.email == ME_EMAIL
    # later polls of the same state do not alert again
    with qtbot.assertNotEmitted(poller.new_alerts, wait=700):
        pass
    assert len(pagerduty.requests_to("GET", "/incidents")) >= 3


def test_escalation_to_me_and_retrigger_alert_again(qtbot, make_poller, pagerduty):
    old = pagerduty.add_incident("Old incident, someone else's", assignee=OTHER_ID)
    poller = make_poller()
    with qtbot.waitSignal(poller.pages_changed, timeout=5000):
        poller.start()
    with qtbot.waitSignal(poller.new_alerts, timeout=5000) as escalated:
        pagerduty.assign(old, "PME0001")
    assert [p.id for p in escalated.args[0]] == [old]
    pagerduty.set_status(old, "acknowledged")
    qtbot.waitUntil(
        lambda: poller.page(old) and poller.page(old).status == "acknowledged", timeout=5000
    )
    with qtbot.waitSignal(poller.new_alerts, timeout=5000) as retriggered:
        pagerduty.set_status(old, "triggered")
    assert [p.id for p in retriggered.args[0]] == [old]


def test_colleague_resolving_elsewhere_shows_up(qtbot, make_poller, pagerduty):
    incident = pagerduty.add_incident()
    poller = make_poller()
    with qtbot.waitSignal(poller.new_alerts, timeout=5000):
        poller.start()
    with qtbot.waitSignal(poller.pages_left, timeout=5000) as blocker:
        pagerduty.set_status(incident, "resolved")
    assert [(p.id, p.status) for p in blocker.args[0]] == [(incident, "resolved")]
    assert poller.pages == []


def test_acknowledge_from_the_app(qtbot, make_poller, pagerduty):
    incident = pagerduty.add_incident()
    poller = make_poller(interval=30)
    with qtbot.waitSignal(poller.new_alerts, timeout=5000):
        poller.start()
    with qtbot.waitSignal(poller.acknowledged, timeout=5000) as blocker:
        poller.acknowledge(incident)
    assert blocker.args[0].status == "acknowledged"
    assert pagerduty.requests_to("PUT", f"/incidents/{incident}")[0].headers["From"] == ME_EMAIL


def test_rejected_token_stops_polling(qtbot, make_poller, pagerduty):
    poller = make_poller(token="u+not-the-token")
    with qtbot.waitSignal(
        poller.status_changed,
        timeout=5000,
        check_params_cb=lambda s: s.state is PollState.TOKEN_REJECTED,
    ):
        poller.start()
    # stopped: no poll under way, none scheduled (not "none came in the next 600 ms")
    assert not poller._busy and not poller._timer.isActive()
    assert "token rejected" in describe(poller.status, poller.clock.now())


def test_no_token_says_so(qtbot, make_poller):
    poller = make_poller(token=False)
    with qtbot.waitSignal(
        poller.status_changed,
        timeout=5000,
        check_params_cb=lambda s: s.state is PollState.NOT_CONFIGURED,
    ):
        poller.start()
    assert "Settings" in str(poller.status.message)


def test_rate_limit_then_recovery(qtbot, make_poller, pagerduty):
    pagerduty.fail_next(Fault(429, headers={"ratelimit-reset": "1"}, path="/incidents"))
    poller = make_poller()
    with qtbot.waitSignal(
        poller.status_changed,
        timeout=5000,
        check_params_cb=lambda s: s.state is PollState.RATE_LIMITED,
    ):
        poller.start()
    waited_from = poller.clock.now()
    assert poller.status.next_poll - waited_from >= timedelta(seconds=0.9)
    with qtbot.waitSignal(
        poller.status_changed, timeout=5000, check_params_cb=lambda s: s.state is PollState.OK
    ):
        pass
    assert poller.clock.now() - waited_from >= timedelta(seconds=0.9)


@pytest.mark.parametrize(
    "fault", [Fault(500), Fault(502, body=b"<html>gateway</html>"), Fault(200, body=b"{not json")]
)
def test_server_trouble_backs_off_and_recovers(qtbot, make_poller, pagerduty, fault):
    incident = pagerduty.add_incident()
    pagerduty.fail_next(Fault(fault.status, body=fault.body, path="/incidents"))
    poller = make_poller()
    with qtbot.waitSignal(
        poller.status_changed, timeout=5000, check_params_cb=lambda s: s.state is PollState.OFFLINE
    ):
        poller.start()
    with qtbot.waitSignal(poller.new_alerts, timeout=5000) as blocker:
        pass
    assert [p.id for p in blocker.args[0]] == [incident]


def test_sleep_catch_up_polls_at_once(qtbot, make_poller, pagerduty):
    poller = make_poller(interval=60)
    with qtbot.waitSignal(poller.pages_changed, timeout=5000):
        poller.start()
    incident = pagerduty.add_incident()
    with qtbot.waitSignal(poller.new_alerts, timeout=10_000) as blocker:
        poller.on_clock_jumped(3600.0)  # the laptop slept an hour
    assert [p.id for p in blocker.args[0]] == [incident]


def test_never_asks_again_before_the_rate_limit_reset(qtbot, make_poller, pagerduty):
    """Issue 15, item 17: a reset of 8 s was followed by a request 7.997 s later (Qt's coarse
    timers may fire up to 5 % early)."""
    pagerduty.fail_next(Fault(429, headers={"ratelimit-reset": "2"}, path="/incidents"))
    poller = make_poller()
    with qtbot.waitSignal(
        poller.status_changed, timeout=5000, check_params_cb=lambda s: s.state is PollState.OK
    ):
        poller.start()
    first, second = pagerduty.requests_to("GET", "/incidents")[:2]
    assert second.at - first.at >= 2.0


def test_a_timer_that_fires_early_waits_the_rest(qtbot, make_poller, pagerduty):
    poller = make_poller()
    poller._running = True
    poller._schedule(timedelta(seconds=30))
    poller._on_timer()  # as if the timer woke at once
    assert not poller._busy  # did not ask (a poll marks itself under way before it goes)
    # waits the rest: most of the 30 s, whatever a busy machine took since
    assert poller._timer.isActive() and poller._timer.remainingTime() > 20_000
    poller.stop()

"""`status` in the terminal speaks English throughout, whatever the UI's language (QA tour 2,
item 2): the sources' trouble, the audiences' names and the refusals. A page whose acknowledge
was refused says why, not just "(ack!)", and an incident whose source refused to resolve it
says so. The real app assembled, with the UI in French, against the contract-checked fake
PagerDuty; the terminal's side is format_status."""

import pytest

from oncall_desktop.config.schema import Settings
from oncall_desktop.core.policy import Severity
from oncall_desktop.integrations.secrets import PAGERDUTY_TOKEN, InMemorySecretStore
from oncall_desktop.services.poller import PollState
from tests.helpers.fake_pagerduty import Fault
from tests.unit.app.conftest import RecordingNotifier

WAIT = 10_000  # ms: returns as soon as the condition holds
FRENCH = ("injoignable", "difficultés", "Impossible", "Direction", "Équipe", "acquitt")


@pytest.fixture
def french(qapp):
    from oncall_desktop.ui.translations import install_translators

    install_translators(qapp, "fr")
    yield
    install_translators(qapp, "en")


def _app(context, pagerduty):
    secrets = InMemorySecretStore()
    secrets.set(PAGERDUTY_TOKEN, pagerduty.token)
    return context(
        settings=Settings(language="fr", team_timezone="UTC", pagerduty_base_url=pagerduty.url),
        secrets=secrets,
        notifier=RecordingNotifier().notifier,
    )


def _status(qtbot, ctx):
    from oncall_desktop.app.commands import CommandHandler, format_status

    replies = []
    CommandHandler(ctx).handle({"command": "status"}, replies.append)
    qtbot.waitUntil(lambda: bool(replies), timeout=WAIT)
    return format_status(replies[0], ctx.clock.now())


def test_status_is_english_and_says_why_an_acknowledge_was_refused(
    qtbot, context, pagerduty, french
):
    page_id = pagerduty.add_incident("API down")
    ctx = _app(context, pagerduty)
    ctx.poller.start()
    qtbot.waitUntil(lambda: ctx.poller.page(f"pagerduty:{page_id}") is not None, timeout=WAIT)
    with qtbot.waitSignal(ctx.incidents.incident_declared, timeout=WAIT):
        ctx.incidents.declare("Payments down", Severity.SEV1, "all users")
    qtbot.waitUntil(lambda: len(ctx.incidents.active) == 1, timeout=WAIT)

    pagerduty.fail_next(Fault(500, path=f"/incidents/{page_id}", method="PUT"))
    with qtbot.waitSignal(ctx.poller.pages_changed, timeout=WAIT):  # read again after a 5xx
        ctx.window.pages.acknowledge_button.click()
    assert f"pagerduty:{page_id}" in ctx.poller.refused
    pagerduty.fail_next(Fault(503, path="/incidents", method="GET"))  # then it cannot be read
    ctx.poller.poll_now()
    qtbot.waitUntil(
        lambda: ctx.poller.status_of("pagerduty").state is not PollState.OK, timeout=WAIT
    )
    text = _status(qtbot, ctx)
    assert not [word for word in FRENCH if word in text], text
    [page] = [line for line in text.splitlines() if line.startswith(f"PAGE {page_id}")]
    assert page.endswith(
        "(acknowledge refused: Could not acknowledge in PagerDuty: PagerDuty is having trouble "
        "(500). Internal Server Error.)"
    ), page
    [source] = [line for line in text.splitlines() if line.startswith("PagerDuty: ")]
    assert source.endswith(
        "(PagerDuty is having trouble (503). Internal Server Error.): its pages may be missing here"
    ), source
    assert "next: update: Executive (email/phone) in " in text  # the policy's English name


def test_status_says_why_the_source_refused_to_resolve_an_incident(
    qtbot, context, pagerduty, french
):
    page_id = pagerduty.add_incident("API down")
    ctx = _app(context, pagerduty)
    ctx.poller.start()
    key = f"pagerduty:{page_id}"
    qtbot.waitUntil(lambda: ctx.poller.page(key) is not None, timeout=WAIT)
    with qtbot.waitSignal(ctx.incidents.incident_opened, timeout=WAIT) as opened:
        ctx.incidents.open_from_page(ctx.poller.page(key))
    incident = opened.args[0]
    pagerduty.fail_next(Fault(500, path=f"/incidents/{page_id}", method="PUT"))
    answers = []
    ctx.alert_actions.resolve(incident, "rolled back", then=lambda i, why: answers.append(why))
    qtbot.waitUntil(lambda: bool(answers), timeout=WAIT)
    text = _status(qtbot, ctx)
    assert not [word for word in FRENCH if word in text], text
    lines = text.splitlines()
    [title] = [n for n, line in enumerate(lines) if line.startswith(f"#{incident.id} ")]
    assert lines[title + 1] == (
        "       resolve refused: PagerDuty is having trouble (500). Internal Server Error."
    ), text


def test_status_forgets_a_refused_acknowledge_once_the_page_was_acknowledged_there(
    qtbot, context, pagerduty
):
    """Refused here, then acknowledged by a colleague in PagerDuty, then triggered again when
    that acknowledgement timed out: the terminal does not say the old refusal of a request
    nobody made now (the window dropped it when it saw the page acknowledged)."""
    page_id = pagerduty.add_incident("API down")
    ctx = _app(context, pagerduty)
    key = f"pagerduty:{page_id}"
    ctx.poller.start()
    qtbot.waitUntil(lambda: ctx.poller.page(key) is not None, timeout=WAIT)
    pagerduty.fail_next(Fault(500, path=f"/incidents/{page_id}", method="PUT"))
    with qtbot.waitSignal(ctx.poller.pages_changed, timeout=WAIT):  # read again after a 5xx
        ctx.window.pages.acknowledge_button.click()
    assert "acknowledge refused" in _status(qtbot, ctx)

    pagerduty.set_status(page_id, "acknowledged")  # by a colleague, there
    with qtbot.waitSignal(ctx.poller.pages_changed, timeout=WAIT):
        ctx.poller.poll_now()
    pagerduty.set_status(page_id, "triggered")  # the acknowledgement timed out
    with qtbot.waitSignal(ctx.poller.pages_changed, timeout=WAIT):
        ctx.poller.poll_now()
    [page] = [line for line in _status(qtbot, ctx).splitlines() if line.startswith("PAGE ")]
    assert page_id in page and "acknowledge refused" not in page, page
    assert key not in ctx.poller.refused

    pagerduty.fail_next(Fault(500, path=f"/incidents/{page_id}", method="PUT"))
    with qtbot.waitSignal(ctx.poller.pages_changed, timeout=WAIT):  # refused again
        ctx.window.pages.acknowledge_button.click()
    pagerduty.set_status(page_id, "resolved")  # and then resolved there: the page is gone
    with qtbot.waitSignal(ctx.poller.pages_changed, timeout=WAIT):
        ctx.poller.poll_now()
    assert key not in ctx.poller.refused  # not kept for a page that is no longer listed

"""Team notifications (issue 23, item 6): a colleague's new SEV-1 or SEV-2, declared or raised
to it, raises a desktop notification with *Open* on every other console; nothing for a SEV-3,
for an edit that keeps the severity, for what existed before the console started, for one's
own changes. Two consoles as the app assembles them, on one real PostgreSQL."""

from datetime import UTC, datetime

import pytest

from oncall_desktop.core.paging import Page
from oncall_desktop.core.policy import Severity
from oncall_desktop.ui.notifier import OPEN
from tests.integration.test_team_live import console, listening
from tests.unit.app.conftest import RecordingNotifier

pytestmark = [pytest.mark.postgres]


@pytest.fixture
def consoles(qapp, tmp_path, postgres_url):
    made = []

    def make(name):
        ctx = console(qapp, tmp_path, name, postgres_url)
        ctx.reloaded = []  # each incident as this console reloaded it (a change, its cockpit's)
        ctx.incidents.incident_changed.connect(ctx.reloaded.append)
        ctx.recorder = RecordingNotifier()
        ctx.controller.notifications.use(ctx.recorder.notifier)
        made.append(ctx)
        return ctx

    yield make
    for ctx in made:
        ctx.dispose()


def team_news(ctx):
    """The notifications about an incident that offer Open (a deadline's say other things)."""
    return [
        n
        for n in ctx.recorder.shown
        if n.key.startswith("incident:") and OPEN in [action for action, _label in n.actions]
    ]


def seen(qtbot, ctx, incident_id, check=lambda incident: True, reloaded=True):
    """Wait until this console lists the incident and ``check`` holds, and (``reloaded``) it
    has reloaded it from the change (what its open cockpit shows, and what team news weighs):
    its list may show a colleague's change first, read for another reason. What the change
    notifies is notified by then, in the same call on the GUI thread: nothing else to wait."""

    def there():
        found = [i for i in ctx.incidents.active if i.id == incident_id]
        return bool(found) and check(found[0])

    def reloaded_it():
        return any(i.id == incident_id and check(i) for i in ctx.reloaded)

    qtbot.waitUntil(lambda: there() and (not reloaded or reloaded_it()), timeout=20_000)


def told(qtbot, ctx, count):
    """Wait until this console has shown ``count`` team notifications; return them."""
    qtbot.waitUntil(lambda: len(team_news(ctx)) >= count, timeout=20_000)
    return team_news(ctx)  # after seen(): any more would be there too


def declare(qtbot, ctx, title, severity):
    with qtbot.waitSignal(ctx.incidents.incident_declared, timeout=5000) as declared:
        ctx.incidents.declare(title, severity, "all users")
    return declared.args[0].id


def test_a_colleagues_sev1_notifies_once_and_open_opens_its_cockpit(qtbot, consoles):
    ana, ben = consoles("Ana"), consoles("Ben")
    listening(qtbot, ana, ben)
    incident_id = declare(qtbot, ben, "<b>Payments</b> down", Severity.SEV1)
    seen(qtbot, ana, incident_id)
    [news] = told(qtbot, ana, 1)
    assert news.key == f"incident:{incident_id}"
    assert "SEV-1 declared by Ben" in news.title
    assert news.body == "<b>Payments</b> down"  # a plain-text notifier: shown as typed
    assert news.urgent
    assert team_news(ben) == []  # Ben declared it: his own console says nothing

    # Open, on Ana's console, opens the cockpit of that incident
    ana.recorder.notifier.action_invoked.emit(news.key, OPEN)
    qtbot.waitUntil(lambda: incident_id in ana.controller.cockpits, timeout=5000)
    assert ana.controller.cockpits[incident_id].incident.title == "<b>Payments</b> down"

    # Ben keeps working on it at SEV-1: no second notification
    ben.incidents.add_note(incident_id, "still down")
    seen(qtbot, ana, incident_id, lambda i: "still down" in repr(i.timeline))
    step = ben.controller.policy.phases[1].steps[0].id
    ben.incidents.tick_step(incident_id, step, True)
    seen(qtbot, ana, incident_id, lambda i: step in i.steps and i.steps[step].done)
    assert len(team_news(ana)) == 1


def test_a_sev3_says_nothing_and_raising_it_to_sev2_notifies(qtbot, consoles):
    ana, ben = consoles("Ana"), consoles("Ben")
    listening(qtbot, ana, ben)
    incident_id = declare(qtbot, ben, "Search slow", Severity.SEV3)
    seen(qtbot, ana, incident_id)
    assert team_news(ana) == []

    ben.incidents.change_severity(incident_id, Severity.SEV2, "checkout affected")
    seen(qtbot, ana, incident_id, lambda i: i.severity is Severity.SEV2)
    [news] = told(qtbot, ana, 1)
    assert news.key == f"incident:{incident_id}"
    assert "Raised to SEV-2 by Ben (was SEV-3)" in news.title
    assert news.body == "Search slow" and not news.urgent

    # Ana lowers it herself, Ben raises it back to SEV-2: already said at SEV-2
    ana.incidents.change_severity(incident_id, Severity.SEV3, "contained")
    seen(qtbot, ben, incident_id, lambda i: i.severity is Severity.SEV3)
    ben.incidents.change_severity(incident_id, Severity.SEV2, "back again")
    seen(qtbot, ana, incident_id, lambda i: i.severity is Severity.SEV2)
    assert len(team_news(ana)) == 1
    # ... while a raise to SEV-1 is news again
    ben.incidents.change_severity(incident_id, Severity.SEV1, "all users now")
    seen(qtbot, ana, incident_id, lambda i: i.severity is Severity.SEV1)
    assert [n.title for n in told(qtbot, ana, 2)][1:] == ["🔴 Raised to SEV-1 by Ben (was SEV-2)"]
    assert team_news(ben) == []  # nor did Ana's lowering tell Ben anything


def test_what_existed_at_start_drills_and_snooze(qtbot, consoles):
    """A console started after a SEV-1 exists is not told of it (nor by a later edit); a
    drill of a colleague never notifies; a snooze holds a SEV-2 back, never a SEV-1; a page a
    colleague opened (provisional SEV-1 from its high urgency) notifies."""
    ana, ben = consoles("Ana"), consoles("Ben")
    listening(qtbot, ana, ben)
    before = declare(qtbot, ben, "Payments down", Severity.SEV1)
    cleo = consoles("Cleo")
    listening(qtbot, cleo)
    qtbot.waitUntil(lambda: before in [i.id for i in cleo.incidents.active], timeout=5000)
    ben.incidents.add_note(before, "still down")
    seen(qtbot, cleo, before, lambda i: "still down" in repr(i.timeline))
    assert team_news(cleo) == []

    ben.incidents.drill = True
    drill = declare(qtbot, ben, "Drill: checkout down", Severity.SEV1)
    ben.incidents.drill = False
    seen(qtbot, cleo, drill)
    assert team_news(cleo) == []

    cleo.controller.alert_controller.snooze(60)
    sev2 = declare(qtbot, ben, "Login slow", Severity.SEV2)
    seen(qtbot, cleo, sev2)
    assert team_news(cleo) == []
    sev1 = declare(qtbot, ben, "Login down", Severity.SEV1)
    seen(qtbot, cleo, sev1)
    assert [n.key for n in told(qtbot, cleo, 1)] == [f"incident:{sev1}"]

    page = Page(
        id="PD42",
        number=42,
        title="API 5xx",
        status="triggered",
        urgency="high",
        service="api",
        created_at=datetime.now(UTC),
        html_url="https://example.pagerduty.com/incidents/PD42",
    )
    with qtbot.waitSignal(ben.incidents.incident_opened, timeout=5000) as opened:
        ben.incidents.open_from_page(page)
    from_page = opened.args[0].id
    seen(qtbot, cleo, from_page)
    assert told(qtbot, cleo, 2)[-1].key == f"incident:{from_page}"
    assert "SEV-1 (provisional, from a page) opened by Ben" in team_news(cleo)[-1].title
    assert [n.key for n in told(qtbot, ana, 4)] == [
        f"incident:{i}" for i in (before, sev2, sev1, from_page)
    ]


def test_a_sev1_declared_while_the_feed_was_away_notifies_once_it_is_back(
    qtbot, consoles, postgres_server
):
    from sqlalchemy import create_engine, text

    ana, ben = consoles("Ana"), consoles("Ben")
    listening(qtbot, ana, ben)
    known = declare(qtbot, ben, "Search slow", Severity.SEV3)
    seen(qtbot, ana, known)
    admin = create_engine(postgres_server.admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:  # the server drops Ana's listening connection
        conn.execute(
            text("SELECT pg_terminate_backend(:pid)"), {"pid": ana.feed.listener.connection_pid}
        )
    admin.dispose()
    qtbot.waitUntil(lambda: not ana.feed.connected, timeout=5000)
    missed = declare(qtbot, ben, "Payments down", Severity.SEV1)
    qtbot.waitUntil(lambda: ana.feed.connected, timeout=10_000)
    seen(qtbot, ana, missed, reloaded=False)  # in the list read once the feed is back
    assert [n.key for n in told(qtbot, ana, 1)] == [f"incident:{missed}"]
    assert "SEV-1 declared by Ben" in team_news(ana)[0].title

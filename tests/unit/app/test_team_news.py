"""Team news, the room alone: a colleague's new SEV-1 or SEV-2 notifies with *Open*; a SEV-3,
one's own incident, and a SEV-2 during a snooze do not. Both consoles' incidents on one
throwaway SQLite store; a stand-in change feed says which incident a colleague changed (the
real feed, on PostgreSQL, is tested in tests/integration/test_team_news.py)."""

from datetime import timedelta
from types import SimpleNamespace

import pytest
from PySide6.QtCore import QObject, Signal

from oncall_desktop.core.policy import Severity
from oncall_desktop.ui.notifier import OPEN
from tests.unit.app.conftest import RecordingNotifier


class Feed(QObject):
    """Stands in for the change feed (services/changefeed.ChangeFeed): what a colleague
    changed, and whether the team database is listening."""

    changed = Signal(str, int)
    heard = Signal(object)  # the same as the Change announced, right after changed
    connection_changed = Signal(bool)

    def answer(self, what, read):
        """Nothing is read on the stand-in's thread: the service reads it its usual way."""


@pytest.fixture
def team(qtbot, database, runner, clock, policy, preferences):
    from oncall_desktop.app.collaborators import Notifications
    from oncall_desktop.app.team_news import TeamNews
    from oncall_desktop.services.incidents import IncidentService
    from oncall_desktop.storage.incidents import IncidentRepository

    feed = Feed()
    mine = IncidentService(IncidentRepository(database), runner, clock, policy, "Ana")
    colleague = IncidentService(IncidentRepository(database), runner, clock, policy, "Ben")
    mine.follow_colleagues(feed)
    recorder = RecordingNotifier()
    news = TeamNews(feed, mine, clock, preferences, Notifications(recorder.notifier))
    with qtbot.waitSignal(mine.incidents_changed, timeout=5000):
        mine.refresh()  # what existed at start: never news

    return SimpleNamespace(
        feed=feed, mine=mine, colleague=colleague, news=news, shown=recorder.shown
    )


def colleague_declares(qtbot, team, severity, title="Payments down"):
    with qtbot.waitSignal(team.colleague.incident_declared, timeout=5000) as declared:
        team.colleague.declare(title, severity, "all users")
    incident_id = declared.args[0].id
    heard(qtbot, team, incident_id)
    return incident_id


def heard(qtbot, team, incident_id):
    """The feed says a colleague changed it; this console reads it (and weighs it) again."""
    from oncall_desktop.storage.changes import Change

    with qtbot.waitSignal(team.mine.incident_changed, timeout=5000):
        team.feed.changed.emit("incident", incident_id)
        # announced without a version (SQLite has no channel): this console reads it
        team.feed.heard.emit(Change("incident", incident_id, "colleague"))


def test_a_colleagues_sev1_notifies_once_with_open(qtbot, team):
    incident_id = colleague_declares(qtbot, team, Severity.SEV1, "<b>Payments</b> down")
    [news] = team.shown
    assert news.key == f"incident:{incident_id}"
    assert news.title == "🔴 SEV-1 declared by Ben"
    assert news.body == "<b>Payments</b> down"  # a plain-text notifier: shown as typed
    assert news.urgent and [action for action, _ in news.actions] == [OPEN]
    heard(qtbot, team, incident_id)  # heard again, unchanged: not news again
    assert len(team.shown) == 1


def test_a_sev3_says_nothing_until_a_colleague_raises_it(qtbot, team):
    incident_id = colleague_declares(qtbot, team, Severity.SEV3, "Search slow")
    assert team.shown == []
    with qtbot.waitSignal(team.colleague.incident_changed, timeout=5000):
        team.colleague.change_severity(incident_id, Severity.SEV2, "checkout affected")
    heard(qtbot, team, incident_id)
    assert [(n.title, n.urgent) for n in team.shown] == [
        ("Raised to SEV-2 by Ben (was SEV-3)", False)
    ]


def test_a_list_that_shows_the_raise_before_its_news_does_not_swallow_it(qtbot, team):
    """The list can be read (for another reason) after a colleague's change and before the
    feed's news of it is weighed: the raise is still news."""
    incident_id = colleague_declares(qtbot, team, Severity.SEV3, "Search slow")
    with qtbot.waitSignal(team.colleague.incident_changed, timeout=5000):
        team.colleague.change_severity(incident_id, Severity.SEV1, "all users now")
    with qtbot.waitSignal(team.mine.incidents_changed, timeout=5000):
        team.mine.refresh()
    assert [i.severity for i in team.mine.active] == [Severity.SEV1]  # the list has it first
    heard(qtbot, team, incident_id)
    assert [n.title for n in team.shown] == ["🔴 Raised to SEV-1 by Ben (was SEV-3)"]
    # and a colleague's new incident listed before its news is news too
    with qtbot.waitSignal(team.colleague.incident_declared, timeout=5000) as declared:
        team.colleague.declare("Checkout down", Severity.SEV2, "all users")
    with qtbot.waitSignal(team.mine.incidents_changed, timeout=5000):
        team.mine.refresh()
    heard(qtbot, team, declared.args[0].id)
    assert [n.title for n in team.shown][1:] == ["SEV-2 declared by Ben"]


def test_my_own_incident_is_not_news(qtbot, team):
    with qtbot.waitSignal(team.mine.incident_declared, timeout=5000):
        team.mine.declare("Mine", Severity.SEV1, "all users")
    assert team.shown == []


def test_a_snooze_holds_a_sev2_back_never_a_sev1(qtbot, team, clock):
    team.news.set_snoozed(clock.now() + timedelta(minutes=30))
    colleague_declares(qtbot, team, Severity.SEV2, "Checkout slow")
    assert team.shown == []
    colleague_declares(qtbot, team, Severity.SEV1, "Everything down")
    assert [n.title for n in team.shown] == ["🔴 SEV-1 declared by Ben"]

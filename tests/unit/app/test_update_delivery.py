"""An update counts for an audience only when a destination that serves that audience
delivered it (QA tour against the contract-checked fakes): a declaration Slack refused is not
met by its PagerDuty copy, the customers' text in Slack is not the status page, and one message
sent to Slack and Teams is one update. Driven through the real composer, router, outbox and
cockpit, with the fake Slack, PagerDuty and Teams."""

from datetime import UTC, datetime, timedelta

from PySide6.QtWidgets import QDialog

from oncall_desktop.config.schema import Settings
from oncall_desktop.core.evidence import is_done
from oncall_desktop.core.incident import EventKind
from oncall_desktop.core.narrative import describe
from oncall_desktop.core.outbox import PostState
from oncall_desktop.core.policy import Audience, Severity
from oncall_desktop.integrations.secrets import (
    PAGERDUTY_TOKEN,
    SLACK_BOT_TOKEN,
    InMemorySecretStore,
)
from oncall_desktop.ui.windows import composer_dialog
from tests.unit.app.conftest import RecordingNotifier


def _app(context, clock, pagerduty, slack, notifier=None, **settings):
    clock.advance(datetime.now(UTC) - clock.now())  # the fakes live in real time
    secrets = InMemorySecretStore()
    secrets.set(PAGERDUTY_TOKEN, pagerduty.token)
    secrets.set(SLACK_BOT_TOKEN, slack.token)
    values = {"language": "en", "pagerduty_base_url": pagerduty.url, "slack_base_url": slack.url}
    return context(settings=Settings(**{**values, **settings}), secrets=secrets, notifier=notifier)


def _cockpit_of_a_page(qtbot, ctx, pagerduty):
    """A PagerDuty page opened as an incident (a PagerDuty status update can go on it)."""
    page_id = pagerduty.add_incident("API Down - All endpoints returning 500")
    ctx.poller.start()
    qtbot.waitUntil(lambda: ctx.poller.page(f"pagerduty:{page_id}") is not None, timeout=5000)
    with qtbot.waitSignal(ctx.incidents.incident_opened, timeout=5000) as opened:
        ctx.incidents.open_from_page(ctx.poller.page(f"pagerduty:{page_id}"))
    incident_id = opened.args[0].id
    qtbot.waitUntil(lambda: incident_id in ctx.controller.cockpits, timeout=5000)
    return ctx.controller.cockpits[incident_id]


def _send_as_offered(monkeypatch, seen):
    """The engineer presses Send on what the composer offers (its boxes as ticked)."""

    def send(dialog):
        seen.append(
            {
                "ticked": [t for t, box in dialog.boxes.items() if box.isChecked()],
                "hint": dialog.hint.text(),
            }
        )
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(composer_dialog.ComposerDialog, "exec", send)


def _updates(window, audience):
    return [
        e
        for e in window.incident.events(EventKind.UPDATE_SENT)
        if e.data.get("audience") == audience.value
    ]


def _posts_settled(window, count):
    model = window.posts_table.model
    return model.rowCount() == count and all(
        model.cell(row, 2) in ("sent", "refused") for row in range(count)
    )


def test_a_declaration_slack_refused_is_not_met_by_its_pagerduty_copy(
    qtbot, context, clock, pagerduty, slack, monkeypatch
):
    """Issue 1: Slack answers channel_not_found, PagerDuty takes its status update. The team's
    clock keeps running, step 1.4 is not ticked, the timeline calls the PagerDuty post a copy,
    and the refusal is said on the team's clock line and on the desktop."""
    notifier = RecordingNotifier()
    ctx = _app(context, clock, pagerduty, slack, notifier.notifier, slack_channel="#gone")
    window = _cockpit_of_a_page(qtbot, ctx, pagerduty)
    window.show()

    def refusals():
        return [n for n in notifier.shown if "update not sent" in n.title]

    due_before = ctx.controller.dues(window.incident)[Audience.INTERNAL].due_at
    seen: list[dict] = []
    _send_as_offered(monkeypatch, seen)
    window.clocks.audience_rows[Audience.INTERNAL].compose.click()
    assert seen[0]["ticked"] == ["slack", "pagerduty_status"] and seen[0]["hint"] == ""

    qtbot.waitUntil(lambda: len(pagerduty.status_updates) == 1, timeout=8000)
    qtbot.waitUntil(lambda: _posts_settled(window, 2), timeout=8000)
    qtbot.waitUntil(lambda: bool(window.incident.events(EventKind.NOTE)), timeout=8000)
    assert slack.texts("C0INCIDENTS") == [] and slack.texts("gone") == []
    assert _updates(window, Audience.INTERNAL) == []
    assert ctx.controller.dues(window.incident)[Audience.INTERNAL].due_at == due_before
    assert not is_done(window.incident, ctx.policy, "1.4")
    copy = [e for e in window.incident.events(EventKind.NOTE) if e.data.get("copy_of")]
    assert [describe(e, ctx.policy, "en") for e in copy] == [
        "Copy of the update for Internal (Slack #incidents) posted to PagerDuty (not its update)"
    ]
    window.set_now(clock.now())
    line = window.clocks.audience_rows[Audience.INTERNAL].countdown.text()
    assert line.startswith("Slack refused the update (channel_not_found): not sent · ")
    qtbot.waitUntil(lambda: bool(refusals()), timeout=5000)
    [said] = refusals()
    assert "channel_not_found" in said.body
    assert said.title == "Internal (Slack #incidents): update not sent, Slack refused it"
    # one per incident and audience (a click opens the cockpit, as its overdue one's), a key
    # of its own: a due-soon or overdue notice for the same audience does not replace it
    assert said.key == f"compose:{window.incident_id}:internal:refused" and said.urgent

    # Edit and resend, to a channel that is there: the team has it, the clock restarts
    [refused] = [p for p in window.posts_table.model.posts if p.state is PostState.FAILED]
    ctx.outbox.resend(refused, refused.text, "#incidents")
    qtbot.waitUntil(lambda: bool(_updates(window, Audience.INTERNAL)), timeout=8000)
    assert len(slack.texts("C0INCIDENTS")) == 1
    assert is_done(window.incident, ctx.policy, "1.4")
    qtbot.waitUntil(lambda: said not in notifier.on_screen(), timeout=5000)  # it is over
    window.set_now(clock.now())
    qtbot.waitUntil(
        lambda: "refused" not in window.clocks.audience_rows[Audience.INTERNAL].countdown.text(),
        timeout=5000,
    )


def test_without_a_status_page_the_external_update_is_met_only_by_mark_sent(
    qtbot, context, clock, pagerduty, slack, monkeypatch
):
    """Issue 2: no status page in Settings. The External message goes, as offered, to Slack
    and PagerDuty; the composer says that is a copy, the External clock keeps running, and
    only Mark sent (the page updated by hand) restarts it."""
    ctx = _app(context, clock, pagerduty, slack)
    window = _cockpit_of_a_page(qtbot, ctx, pagerduty)
    seen: list[dict] = []
    _send_as_offered(monkeypatch, seen)
    window.clocks.audience_rows[Audience.STATUS_PAGE].compose.click()
    assert seen[0]["ticked"] == ["slack", "pagerduty_status"]
    assert seen[0]["hint"].startswith("None of these reaches External (status page)")
    assert "Mark sent" in seen[0]["hint"]

    qtbot.waitUntil(lambda: len(slack.texts("C0INCIDENTS")) == 1, timeout=8000)
    qtbot.waitUntil(lambda: len(pagerduty.status_updates) == 1, timeout=8000)
    qtbot.waitUntil(
        lambda: (
            len([e for e in window.incident.events(EventKind.NOTE) if "copy_of" in e.data]) == 2
        ),
        timeout=8000,
    )
    assert _updates(window, Audience.STATUS_PAGE) == []
    assert ctx.controller.dues(window.incident)[Audience.STATUS_PAGE].last_sent_at is None

    window.clocks.audience_rows[Audience.STATUS_PAGE].mark_sent.click()
    qtbot.waitUntil(lambda: bool(_updates(window, Audience.STATUS_PAGE)), timeout=5000)
    due = ctx.controller.dues(window.incident)[Audience.STATUS_PAGE]
    assert due.last_sent_at is not None


def test_one_message_to_slack_and_teams_is_one_update(
    qtbot, context, clock, pagerduty, slack, teams, monkeypatch
):
    """Issue 3: the declaration, delivered to Slack and Teams (both the team's channels), is
    one update: step 3.3 "regular updates" waits for a second message, which ticks it."""
    from oncall_desktop.integrations.teams import TEAMS_WEBHOOK_URL

    clock.advance(datetime.now(UTC) - clock.now())
    secrets = InMemorySecretStore()
    secrets.set(SLACK_BOT_TOKEN, slack.token)
    secrets.set(TEAMS_WEBHOOK_URL, teams.workflow_url)
    ctx = context(
        settings=Settings(language="en", slack_base_url=slack.url, teams_enabled=True),
        secrets=secrets,
    )
    with qtbot.waitSignal(ctx.incidents.incident_declared, timeout=5000) as declared:
        ctx.incidents.declare("Payments down", Severity.SEV1, "all users")
    incident_id = declared.args[0].id
    qtbot.waitUntil(lambda: incident_id in ctx.controller.cockpits, timeout=5000)
    window = ctx.controller.cockpits[incident_id]
    seen: list[dict] = []
    _send_as_offered(monkeypatch, seen)
    window.clocks.audience_rows[Audience.INTERNAL].compose.click()
    assert seen[0]["ticked"] == ["slack", "teams"]
    qtbot.waitUntil(lambda: len(_updates(window, Audience.INTERNAL)) == 2, timeout=8000)
    assert len(slack.texts("C0INCIDENTS")) == 1 and len(teams.messages) == 1
    assert is_done(window.incident, ctx.policy, "1.4")
    assert not is_done(window.incident, ctx.policy, "3.3")

    clock.advance(timedelta(minutes=15))
    window.clocks.audience_rows[Audience.INTERNAL].compose.click()  # UPDATE #1, as offered
    qtbot.waitUntil(lambda: len(_updates(window, Audience.INTERNAL)) == 4, timeout=8000)
    assert slack.texts("C0INCIDENTS")[1].startswith("📢 UPDATE #1")
    assert is_done(window.incident, ctx.policy, "3.3")


def test_in_the_drill_the_external_text_sent_to_slack_is_scored_as_not_sent(qtbot, qapp, tmp_path):
    """Issue 2, in the drill (Settings: no status page): the External message, sent as offered
    to the drill's Slack, left the External clock running, and the score counts the
    customers' first update as not sent (it counted the copy as sent)."""
    from oncall_desktop.core.drill import score
    from oncall_desktop.ui.notifier import ACKNOWLEDGE, OPEN
    from tests.unit.app.test_drill import drill_console, press_send_when_the_composer_opens

    with drill_console(qapp, tmp_path, "en") as (server, ctx, recorder, drill):
        assert not ctx.preferences.settings.status_page_id
        drill.start()
        ctx.poller.start()
        qtbot.waitUntil(lambda: bool(recorder.shown), timeout=20_000)
        page = f"pagerduty:{drill.page_id}"
        ctx.controller.alert_controller.on_notification_action(page, ACKNOWLEDGE)
        qtbot.waitUntil(lambda: server.incidents[drill.page_id]["status"] == "acknowledged")
        ctx.controller.alert_controller.on_notification_action(page, OPEN)
        qtbot.waitUntil(lambda: len(ctx.controller.cockpits) == 1, timeout=10_000)
        cockpit = next(iter(ctx.controller.cockpits.values()))

        press_send_when_the_composer_opens(qtbot)
        cockpit.clocks.audience_rows[Audience.STATUS_PAGE].compose.click()
        qtbot.waitUntil(
            lambda: any(s.where.startswith("slack:") for s in server.sent), timeout=10_000
        )
        qtbot.waitUntil(
            lambda: any(e.data.get("copy_of") == "status_page" for e in cockpit.incident.timeline),
            timeout=10_000,
        )
        assert _updates(cockpit, Audience.STATUS_PAGE) == []
        assert ctx.controller.dues(cockpit.incident)[Audience.STATUS_PAGE].last_sent_at is None
        later = datetime.now(UTC) + timedelta(hours=1)
        result = score(cockpit.incident, ctx.policy, later)
        external = [m for m in result.missed if m.audience is Audience.STATUS_PAGE]
        assert external and external[0].late_by is None  # never sent


def test_the_post_mortem_summary_in_slack_is_not_the_resolution_notice(
    qtbot, context, clock, slack
):
    """Review: a SEV-2 resolved with no resolution notice; the next day its post-mortem
    summary goes to Slack #incidents. It is noted as posted there, not the team's update:
    step 4.3 "resolution notice" stays unticked and the team has had no update."""
    from oncall_desktop.core.incident import Status
    from oncall_desktop.core.updates import updates_sent

    clock.advance(datetime.now(UTC) - clock.now())
    secrets = InMemorySecretStore()
    secrets.set(SLACK_BOT_TOKEN, slack.token)
    ctx = context(settings=Settings(language="en", slack_base_url=slack.url), secrets=secrets)
    with qtbot.waitSignal(ctx.incidents.incident_declared, timeout=5000) as declared:
        ctx.incidents.declare("Payments slow", Severity.SEV2, "some users")
    incident_id = declared.args[0].id
    qtbot.waitUntil(lambda: incident_id in ctx.controller.cockpits, timeout=5000)
    window = ctx.controller.cockpits[incident_id]
    with qtbot.waitSignal(ctx.incidents.incident_changed, timeout=5000):
        ctx.incidents.move_to(incident_id, Status.RESOLVED, note="Rolled back")
    qtbot.waitUntil(lambda: window.incident.status is Status.RESOLVED, timeout=5000)

    clock.advance(timedelta(days=1))
    ctx.controller.postmortems.post_summary(incident_id, "Post-mortem: the rollout, rolled back")
    qtbot.waitUntil(lambda: len(slack.texts("C0INCIDENTS")) == 1, timeout=8000)
    qtbot.waitUntil(
        lambda: any(e.data.get("posted_to") for e in window.incident.events(EventKind.NOTE)),
        timeout=8000,
    )
    [note] = [e for e in window.incident.events(EventKind.NOTE) if e.data.get("posted_to")]
    assert describe(note, ctx.policy, "en").startswith("Posted to Slack")
    assert _updates(window, Audience.INTERNAL) == []
    assert updates_sent(window.incident, Audience.INTERNAL.value) == []
    assert not is_done(window.incident, ctx.policy, "4.3")


def test_a_refused_update_is_said_in_the_tray_and_outlives_its_due_soon_warning(
    qtbot, context, clock, pagerduty, slack, monkeypatch
):
    """Review: Slack refused the team's update. The tray turns red and its tooltip leads with
    it, its menu says the update is not sent (not a countdown as if all were well); a due-soon
    warning for the same audience minutes later does not replace the refusal's notification.
    Once it goes, the tray and the notification let go of it."""
    from oncall_desktop.ui.icons import TrayState

    clock.advance(datetime.now(UTC) - clock.now())
    notifier = RecordingNotifier()
    secrets = InMemorySecretStore()
    secrets.set(PAGERDUTY_TOKEN, pagerduty.token)
    secrets.set(SLACK_BOT_TOKEN, slack.token)
    settings = Settings(
        language="en",
        pagerduty_base_url=pagerduty.url,
        slack_base_url=slack.url,
        slack_channel="#gone",
    )
    ctx = context(settings=settings, secrets=secrets, notifier=notifier.notifier, tray=True)
    tray = ctx.controller.tray
    window = _cockpit_of_a_page(qtbot, ctx, pagerduty)

    def up(start):
        return [n for n in notifier.on_screen() if n.title.startswith(start)]

    _send_as_offered(monkeypatch, [])
    window.clocks.audience_rows[Audience.INTERNAL].compose.click()
    refusal = "Internal (Slack #incidents): update not sent"
    qtbot.waitUntil(lambda: bool(up(refusal)), timeout=8000)
    ctx.controller.update_tray(clock.now())
    said = "Internal (Slack #incidents) update NOT sent: Slack refused it"
    assert tray.icon.toolTip().split(" — ", 1)[1].startswith(said)
    assert tray.state is TrayState.UPDATE_OVERDUE
    [entry] = [a.text() for a in tray._incident_actions.values()]
    assert entry.endswith("Internal (Slack #incidents) NOT sent")

    due = ctx.controller.dues(window.incident)[Audience.INTERNAL].due_at
    clock.advance(due - timedelta(minutes=1) - clock.now())  # the due-soon warning's time
    qtbot.waitUntil(lambda: bool(up("Update due in")), timeout=8000)
    assert up(refusal)  # still on the screen beside it

    [refused] = [p for p in window.posts_table.model.posts if p.state is PostState.FAILED]
    ctx.outbox.resend(refused, refused.text, "#incidents")
    qtbot.waitUntil(lambda: bool(_updates(window, Audience.INTERNAL)), timeout=8000)
    qtbot.waitUntil(lambda: not up(refusal), timeout=5000)
    ctx.controller.update_tray(clock.now())
    assert "NOT sent" not in tray.icon.toolTip()
    assert tray.state is not TrayState.UPDATE_OVERDUE

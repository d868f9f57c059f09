"""The incident cockpit, driven as a user would, with a fake clock and a real SQLite store."""

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt

from oncall_desktop.core.incident import EventKind, Incident, Status
from oncall_desktop.core.paging import AlertLink
from oncall_desktop.core.policy import Audience, Severity
from oncall_desktop.core.policy_file import apply_override, default_data
from oncall_desktop.ui.models.checklist_model import ChecklistModel
from oncall_desktop.ui.models.timeline_model import TimelineModel
from oncall_desktop.ui.widgets.runbook_links import safe_link
from oncall_desktop.ui.windows import cockpit_window, declare_dialog
from oncall_desktop.ui.windows.cockpit_dialogs import ResolveDialog
from oncall_desktop.ui.windows.cockpit_window import CockpitWindow
from tests.helpers.dialogs import answer_dialogs, press_ok, yes

M = timedelta(minutes=1)


def stored(store, clock, severity=Severity.SEV1, title="Database connexion perdue"):
    return store.save(
        Incident.declare(title=title, severity=severity, at=clock.now(), actor="alice")
    )


@pytest.fixture
def cockpit(qtbot, service, store, clock, policy):
    def make(incident=None, used_policy=None):
        incident = incident or stored(store, clock)
        window = CockpitWindow(incident, used_policy or policy, "en", None, service)
        qtbot.addWidget(window)
        service.incident_changed.connect(
            lambda changed: changed.id == window.incident_id and window.set_incident(changed)
        )
        window.set_now(clock.now())
        window.show()
        return window

    return make


def wait_for_event(qtbot, window, kind, count=1):
    qtbot.waitUntil(lambda: len(window.incident.events(kind)) >= count, timeout=5000)


def test_models_pass_qt_model_checks(qtmodeltester, store, clock, policy):
    incident = stored(store, clock)
    incident.tick_step("1.1", at=clock.now(), actor="alice", note="paged")
    incident.add_note("rollback started", at=clock.now(), actor="alice")
    checklist = ChecklistModel(policy, "en", None)
    checklist.set_incident(incident)
    checklist.set_now(clock.now())
    qtmodeltester.check(checklist)
    timeline = TimelineModel(policy, "fr", None)
    timeline.set_events(list(incident.timeline))
    qtmodeltester.check(timeline)
    assert checklist.rowCount() == 5
    assert [checklist.rowCount(checklist.index(r, 0)) for r in range(5)] == [4, 4, 3, 3, 2]


def test_every_figure_comes_from_the_procedure_data(cockpit, store, clock):
    window = cockpit()
    assert window.clocks.ack_label.text() == "5:00"
    assert window.clocks.resolve_label.text() == "2:00:00"
    internal = window.clocks.audience_rows[Audience.INTERNAL].countdown.text()
    assert internal == "5:00"  # the declaration post is due within phase 1's time box
    first_phase = window.checklist.index(0, 1).data()
    assert first_phase.startswith("0–5 min")
    custom = apply_override(
        default_data(),
        {
            "severities": {"SEV-1": {"ack_sla_minutes": 3}},
            "phases": [
                dict(
                    p,
                    start_minutes=p["start_minutes"],
                    end_minutes=p["end_minutes"] * 2 if p["end_minutes"] > 0 else -1,
                )
                for p in default_data()["phases"]
            ],
        },
    ).policy
    other = cockpit(stored(store, clock), custom)
    assert other.clocks.ack_label.text() == "3:00"
    assert other.checklist.index(0, 1).data().startswith("0–10 min")


def test_ticking_a_step_records_who_and_when_with_a_note(qtbot, cockpit, clock):
    window = cockpit()
    index = window.step_index("1.2")
    window.step_note.setText("acked from the tray")
    clock.advance(90)
    window.checklist.setData(index, Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
    wait_for_event(qtbot, window, EventKind.STEP_DONE)
    state = window.incident.steps["1.2"]
    assert (state.done_by, state.done_at, state.note) == (
        "alice",
        clock.now(),
        "acked from the tray",
    )
    index = window.step_index("1.2")
    assert index.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    assert index.siblingAtColumn(1).data().endswith("· alice")
    last = window.timeline.index(window.timeline.rowCount() - 1, 2).data()
    assert (
        last == "Done: 1.2 Acknowledge (< 5 min): stop the alarm, take the incident — "
        "acked from the tray"
    )
    assert window.step_note.text() == ""


def test_current_phase_and_overrun_are_visible(qtbot, cockpit, clock):
    window = cockpit()
    assert window.checklist.current_phase_id == "detection"
    clock.advance(6 * M)
    window.set_now(clock.now())
    phase = window.checklist.index(0, 0)
    assert phase.data(Qt.ItemDataRole.ForegroundRole).color().name() == "#c62828"
    assert "over by 1 min" in window.checklist.index(0, 1).data()
    assert phase.data(Qt.ItemDataRole.FontRole).bold()


def test_status_buttons_follow_the_lifecycle(qtbot, cockpit, clock):
    window = cockpit()
    assert not window.status_buttons[Status.CLOSED].isEnabled()
    clock.advance(2 * M)
    window.status_buttons[Status.ACKNOWLEDGED].click()
    qtbot.waitUntil(lambda: window.incident.status is Status.ACKNOWLEDGED, timeout=5000)
    window.set_now(clock.now())
    assert window.clocks.ack_label.text() == "met (3:00 to spare)"
    assert not window.status_buttons[Status.ACKNOWLEDGED].isEnabled()


def test_a_snapshot_read_before_a_change_never_takes_the_cockpit_back(qtbot, cockpit, store, clock):
    """A load that raced a change (the outbox confirming a post while the engineer resolved)
    delivered the incident as it was before, last: the cockpit showed it unresolved again."""
    window = cockpit()
    before = store.get(window.incident_id)
    window.status_buttons[Status.ACKNOWLEDGED].click()
    qtbot.waitUntil(lambda: window.incident.status is Status.ACKNOWLEDGED, timeout=5000)
    window.set_incident(before)  # the stale read arrives after the change
    assert window.incident.status is Status.ACKNOWLEDGED
    assert not window.status_buttons[Status.ACKNOWLEDGED].isEnabled()


def test_update_countdowns_mark_sent_overdue_and_snooze(qtbot, cockpit, clock, monkeypatch):
    window = cockpit()
    row = window.clocks.audience_rows[Audience.INTERNAL]
    row.mark_sent.click()
    wait_for_event(qtbot, window, EventKind.UPDATE_SENT)
    window.set_now(clock.now())
    assert row.countdown.text() == "15:00"  # SEV-1 internal cadence
    clock.advance(16 * M)
    window.set_now(clock.now())
    assert row.countdown.text() == "OVERDUE -1:00"
    assert window.windowTitle().startswith("⏰")
    assert "No communication" in window.reminder_label.text()
    monkeypatch.setattr(
        cockpit_window.SnoozeDialog,
        "ask",
        classmethod(lambda cls, name, parent=None: (10, "waiting for GCP")),
    )
    row.snooze.click()
    wait_for_event(qtbot, window, EventKind.REMINDER_SNOOZED)
    window.set_now(clock.now())
    assert row.countdown.text() == "10:00 (snoozed)"
    snooze = window.incident.events(EventKind.REMINDER_SNOOZED)[0]
    assert snooze.data["reason"] == "waiting for GCP"


def test_severity_change_is_recorded_and_moves_every_clock(
    qtbot, cockpit, store, clock, monkeypatch
):
    window = cockpit(stored(store, clock, Severity.SEV3))
    assert window.clocks.ack_label.text() == "1:00:00"
    assert window.clocks.audience_rows[Audience.STATUS_PAGE].countdown.text() == "—"
    monkeypatch.setattr(
        declare_dialog.SeverityDialog,
        "ask",
        classmethod(
            lambda cls, policy, language, current, parent=None: (Severity.SEV1, "all users now")
        ),
    )
    window.severity_button.click()
    wait_for_event(qtbot, window, EventKind.SEVERITY_CHANGED)
    window.set_now(clock.now())
    assert window.clocks.ack_label.text() == "5:00"
    assert window.clocks.audience_rows[Audience.STATUS_PAGE].countdown.text() == "5:00"
    assert window.severity_label.text() == "SEV-1 Critical"
    assert window.escalation_box.isVisible()  # SEV-1: escalate at once


def test_clocks_after_sleep_jump_and_restart(qtbot, cockpit, service, store, clock, policy):
    window = cockpit()
    clock.sleep(timedelta(minutes=30))  # lid closed, monotonic clock stopped
    window.set_now(clock.now())
    assert window.clocks.ack_label.text() == "BREACHED -25:00"
    clock.jump(-timedelta(minutes=28))  # NTP pulls the wall clock back
    window.set_now(clock.now())
    assert window.clocks.ack_label.text() == "3:00"
    reopened = CockpitWindow(store.get(window.incident_id), policy, "en", None, service)
    qtbot.addWidget(reopened)
    reopened.set_now(clock.now())  # an app restart: the same stored deadlines
    assert reopened.clocks.ack_label.text() == ""  # not shown yet: nothing computed
    reopened.show()  # catches up on showing
    assert reopened.clocks.ack_label.text() == "3:00"


def test_escalation_list_for_sev1_at_once_and_sev2_at_two_hours(qtbot, cockpit, store, clock):
    sev1 = cockpit()
    assert sev1.escalation_box.isVisible()
    assert "escalate now to CTO + whole team" in sev1.escalation_box.hint.text()
    sev1.escalation_box.contact_boxes["CTO"].setChecked(True)
    wait_for_event(qtbot, sev1, EventKind.CONTACT_NOTIFIED)
    assert sev1.incident.notified_contacts == {"CTO"}
    assert not sev1.escalation_box.contact_boxes["CTO"].isEnabled()
    sev2 = cockpit(stored(store, clock, Severity.SEV2))
    assert not sev2.escalation_box.isVisible()
    clock.advance(120 * M)
    sev2.set_now(clock.now())
    assert sev2.escalation_box.isVisible()
    assert "Lead dev + on-call" in sev2.escalation_box.hint.text()
    shown = [
        name for name, box in sev2.escalation_box.contact_boxes.items() if box.isVisibleTo(sev2)
    ]
    assert shown == ["Lead Dev"]  # not the SEV-1 list


def test_no_escalate_now_once_resolved(qtbot, cockpit, service, clock):
    window = cockpit()
    window.escalation_box.contact_boxes["CTO"].setChecked(True)
    wait_for_event(qtbot, window, EventKind.CONTACT_NOTIFIED)
    service.move_to(window.incident_id, Status.RESOLVED)
    qtbot.waitUntil(lambda: not window.incident.is_active, timeout=5000)
    window.set_now(clock.now())
    assert "escalate now" not in window.escalation_box.hint.text()
    visible = [
        name for name, box in window.escalation_box.contact_boxes.items() if box.isVisibleTo(window)
    ]
    assert visible == ["CTO"]  # who was reached stays on record
    resolved_quietly = cockpit()
    service.move_to(resolved_quietly.incident_id, Status.RESOLVED)
    qtbot.waitUntil(lambda: not resolved_quietly.incident.is_active, timeout=5000)
    resolved_quietly.set_now(clock.now())
    assert not resolved_quietly.escalation_box.isVisible()


def test_a_raised_severity_shows_its_clock_since_the_change(qtbot, cockpit, service, store, clock):
    window = cockpit(stored(store, clock, Severity.SEV3))
    service.move_to(window.incident_id, Status.ACKNOWLEDGED)
    wait_for_event(qtbot, window, EventKind.STATUS_CHANGED)
    clock.advance(120 * M)
    service.change_severity(window.incident_id, Severity.SEV1, "all users now")
    wait_for_event(qtbot, window, EventKind.SEVERITY_CHANGED)
    clock.advance(M)
    window.set_now(clock.now())
    assert window.clocks.ack_label.text().startswith("met")  # acknowledged in time, as SEV-3
    assert window.clocks.resolve_label.text() == (
        "1:59:00 · SEV-1 clock since the change, 2:00:00 spent before"
    )
    assert window.clocks.audience_rows[Audience.STATUS_PAGE].countdown.text() == "4:00"


def test_several_incidents_each_with_their_own_clocks(cockpit, store, clock):
    first = cockpit(stored(store, clock, Severity.SEV1, "first"))
    clock.advance(10 * M)
    second = cockpit(stored(store, clock, Severity.SEV2, "second"))
    for window in (first, second):
        window.set_now(clock.now())
    assert first.clocks.ack_label.text() == "BREACHED -5:00"
    assert second.clocks.ack_label.text() == "15:00"


def test_notes_and_hostile_text_stay_plain(qtbot, cockpit, store, clock):
    hostile = '<img src=x onerror=alert(1)> <b>bold</b> & <a href="http://evil">x</a>'
    window = cockpit(stored(store, clock, title=hostile))
    assert window.title_label.text() == hostile
    assert window.title_label.textFormat() == Qt.TextFormat.PlainText
    window.note_edit.setText(hostile)
    window.note_edit.returnPressed.emit()
    wait_for_event(qtbot, window, EventKind.NOTE)
    assert window.timeline.index(window.timeline.rowCount() - 1, 2).data() == hostile


def test_links_are_http_only():
    assert safe_link("https://grafana.example.com/d/api").scheme() == "https"
    for bad in ("javascript:alert(1)", "file:///etc/passwd", "smb://share", "not a url"):
        assert safe_link(bad) is None


def test_refused_change_is_reported_not_crashed(qtbot, cockpit, service):
    window = cockpit()
    with qtbot.waitSignal(service.problem, timeout=5000) as blocker:
        service.change_severity(window.incident_id, Severity.SEV1, "same")
    assert "already SEV-1" in blocker.args[0]


def test_monitoring_hour_counts_down_and_close_asks_while_it_runs(
    qtbot, cockpit, service, clock, monkeypatch
):
    from PySide6.QtWidgets import QMessageBox

    window = cockpit()
    assert not window.clocks.monitoring_label.isVisibleTo(window)
    service.move_to(window.incident_id, Status.RESOLVED)
    qtbot.waitUntil(lambda: not window.incident.is_active, timeout=5000)
    clock.advance(20 * M)
    window.set_now(clock.now())
    assert window.clocks.monitoring_label.text() == "40:00"
    asked = []
    monkeypatch.setattr(
        QMessageBox,
        "question",
        staticmethod(lambda *args, **kw: asked.append(args[2]) or QMessageBox.StandardButton.No),
    )
    window.status_buttons[Status.CLOSED].click()
    assert len(asked) == 1 and "40:00 from now" in asked[0]
    # a note written after it and seen back: a close asked before would be done by then
    service.add_note(window.incident_id, "checkpoint")
    qtbot.waitUntil(lambda: "checkpoint" in repr(window.incident.timeline), timeout=20_000)
    assert window.incident.status is Status.RESOLVED  # declined: still resolved
    clock.advance(40 * M)
    window.set_now(clock.now())
    assert window.clocks.monitoring_label.text() == "done: the incident can be closed"
    window.status_buttons[Status.CLOSED].click()
    qtbot.waitUntil(lambda: window.incident.status is Status.CLOSED, timeout=5000)
    assert len(asked) == 1  # no question once the hour is over


def test_escape_and_ctrl_w_close_the_cockpit(qtbot, service, store, clock, policy):
    from PySide6.QtGui import QKeySequence
    from shiboken6 import isValid

    for keys in ("Escape", QKeySequence(QKeySequence.StandardKey.Close).toString()):
        window = CockpitWindow(stored(store, clock), policy, "en", None, service)
        window.show()
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow, timeout=10_000)  # shortcuts act in the active one
        qtbot.keySequence(window, QKeySequence(keys))
        qtbot.waitUntil(lambda w=window: not isValid(w) or not w.isVisible(), timeout=10_000)


def test_resolve_is_a_flow_note_then_notices_then_post_mortem(qtbot, cockpit, service, clock):
    """Issue 17, item 5: Resolve was one click, with no note, no notices, no post-mortem.
    Driven through the real dialogs (issue 23: a mocked dialog hid a dead end)."""
    window = cockpit()  # SEV-1: every audience owes a resolution notice

    def resolve(dialog):
        assert not dialog.in_source.isVisible()  # declared here: no alert source to resolve in
        dialog.note.setPlainText("Failover to the replica")
        press_ok(dialog)

    asked = answer_dialogs(resolve, yes, yes)
    composed, postmortems = [], []
    window.compose_requested.connect(lambda i, audience: composed.append(audience))
    window.postmortem_requested.connect(postmortems.append)
    window.status_buttons[Status.RESOLVED].click()
    qtbot.waitUntil(lambda: bool(postmortems), timeout=5000)
    assert window.incident.status is Status.RESOLVED
    assert window.incident.resolution_note == "Failover to the replica"
    assert composed == ["internal", "status_page", "executive"]
    assert asked[0] == "Resolve the incident"
    assert asked[1:] == [
        "The procedure owes a resolution notice to: Internal (Slack #incidents), External (status "
        "page), Executive (email/phone). Compose them now?",
        "The procedure asks for a post-mortem of this incident. Open its draft now?",
    ]


def test_resolve_needs_a_note(qtbot):
    from PySide6.QtWidgets import QDialogButtonBox

    dialog = ResolveDialog("API down")
    qtbot.addWidget(dialog)
    ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
    assert not ok.isEnabled()
    dialog.note.setPlainText("   ")
    assert not ok.isEnabled()
    dialog.note.setPlainText("restarted the pool")
    assert ok.isEnabled()


def test_steps_ticked_by_evidence_say_so_and_ticking_an_app_step_opens_it(
    qtbot, cockpit, service, store, clock, monkeypatch
):
    window = cockpit(stored(store, clock, Severity.SEV3))
    service.move_to(window.incident_id, Status.ACKNOWLEDGED)
    wait_for_event(qtbot, window, EventKind.STATUS_CHANGED)
    index = window.step_index("1.2")
    assert index.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    assert index.siblingAtColumn(1).data().endswith("· by the app")
    assert "acknowledged" in index.data(Qt.ItemDataRole.ToolTipRole)
    # 1.3 opens the severity wizard; what it decides ticks the step
    monkeypatch.setattr(
        cockpit_window.SeverityDialog,
        "ask",
        classmethod(lambda cls, *args, **kw: (Severity.SEV2, "Gmail users only")),
    )
    window.checklist.setData(
        window.step_index("1.3"), Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole
    )
    wait_for_event(qtbot, window, EventKind.SEVERITY_CHANGED)
    assert window.incident.severity is Severity.SEV2
    assert window.step_index("1.3").data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    # 1.4 opens the composer for the declaration
    asked = []
    window.compose_requested.connect(lambda i, audience: asked.append(audience))
    window.checklist.setData(
        window.step_index("1.4"), Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole
    )
    assert asked == ["internal"]


def test_the_cockpit_leads_with_one_next_action_and_its_button(
    qtbot, cockpit, service, store, clock, monkeypatch
):
    page = store.save(
        Incident.declare(
            title="API down",
            severity=Severity.SEV1,
            at=clock.now(),
            actor="PagerDuty",
            alert=AlertLink("pagerduty", "PINC9"),
            provisional_from_urgency="high",
        )
    )
    window = cockpit(page)
    assert window.next_bar.label.text() == "Next: acknowledge the incident · 5:00 left"
    assert window.next_bar.button.text() == "Acknowledge" and window.next_bar.button.isDefault()
    window.next_bar.button.click()
    # no PagerDuty set up on this console: the page cannot be acknowledged where it escalates,
    # and the cockpit says so rather than acknowledging it here alone (issue 23)
    qtbot.waitUntil(window.source_bar.retry_button.isVisible, timeout=5000)
    assert window.incident.status is Status.TRIGGERED
    assert "PagerDuty is not set up on this console" in window.source_bar.label.text()
    # acknowledged in PagerDuty (by its app): the poll brings it here
    window.set_incident(
        store.change(
            page.id,
            lambda i: i.move_to(
                Status.ACKNOWLEDGED, at=clock.now(), actor="PagerDuty", confirmed_by="pagerduty"
            ),
        )
    )
    assert not window.source_bar.retry_button.isVisible()
    window.set_now(clock.now())
    assert window.next_bar.label.text().startswith("Next: evaluate the severity")
    monkeypatch.setattr(
        cockpit_window.SeverityDialog,
        "ask",
        classmethod(lambda cls, *args, **kw: (Severity.SEV1, "all users")),
    )
    window.next_bar.button.click()  # confirmed as it was: 1.3 ticked with the reason
    wait_for_event(qtbot, window, EventKind.STEP_DONE)
    window.set_now(clock.now())
    assert window.next_bar.label.text().startswith(
        "Next: post the declaration (Internal (Slack #incidents))"
    )
    asked = []
    window.compose_requested.connect(lambda i, audience: asked.append(audience))
    window.next_bar.button.click()
    assert asked == ["internal"]
    clock.advance(6 * M)
    window.set_now(clock.now())
    assert "late by 1:00" in window.next_bar.label.text()


@pytest.mark.parametrize(
    ("language", "yesterday"), [("en", "Oct 20\n22:15"), ("fr", "20 oct.\n22:15")]
)
def test_after_midnight_the_timeline_keeps_its_time_column_narrow(
    qtbot, service, store, clock, policy, language, yesterday
):
    """The tour's cockpit after midnight: every time took its whole date, and what happened
    was squeezed onto five lines with its Slack reference cut. Today's are the hour alone,
    another day's first says its day above its hour; the whole date on hovering."""
    from zoneinfo import ZoneInfo

    incident = stored(store, clock)  # declared at 22:15 UTC
    window = CockpitWindow(incident, policy, language, ZoneInfo("UTC"), service)
    qtbot.addWidget(window)
    window.resize(1000, 700)
    window.show()
    window.set_now(clock.now())
    clock.advance(2 * 60 * M)  # 00:15, the next day
    with qtbot.waitSignal(service.incident_changed, timeout=5000) as changed:
        service.add_note(window.incident_id, "C0INCIDENTS/1796687947.000001")
    window.set_incident(changed.args[0])
    window.set_now(clock.now())
    times = [window.timeline.index(r, 0).data() for r in range(window.timeline.rowCount())]
    assert times[0] == yesterday and times[-1] == "00:15"
    hover = window.timeline.index(0, 0).data(Qt.ItemDataRole.ToolTipRole)
    assert hover == "2025-10-20 22:15"
    width = window.timeline_view.horizontalHeader().sectionSize(0)
    metrics = window.timeline_view.fontMetrics()
    assert width < metrics.horizontalAdvance("2025-10-21 00:15")


@pytest.mark.parametrize(
    ("language", "yesterday"), [("en", "Oct 20 22:15"), ("fr", "20 oct. 22:15")]
)
def test_after_midnight_the_checklist_says_times_as_the_timeline_does(
    qtbot, qapp, service, store, clock, policy, language, yesterday
):
    """The checklist still said '2025-10-20 22:15 · par l'application' after midnight while the
    timeline said '20 oct.' over '22:15': a step done today says its hour alone, one done
    another day its short day and hour; the whole date on hovering."""
    from zoneinfo import ZoneInfo

    from oncall_desktop.ui.translations import install_translators

    install_translators(qapp, language)
    try:
        incident = stored(store, clock)  # declared at 22:15 UTC
        window = CockpitWindow(incident, policy, language, ZoneInfo("UTC"), service)
        qtbot.addWidget(window)
        window.show()
        window.set_now(clock.now())
        with qtbot.waitSignal(service.incident_changed, timeout=5000) as changed:
            service.tick_step(window.incident_id, "1.1", True, "")
        window.set_incident(changed.args[0])
        done = window.step_index("1.1").siblingAtColumn(1)
        who = done.data().split(" · ")[1]
        assert done.data() == f"22:15 · {who}"
        clock.advance(2 * 60 * M)  # 00:15, the next day
        with qtbot.waitSignal(service.incident_changed, timeout=5000) as changed:
            service.tick_step(window.incident_id, "1.2", True, "")
        window.set_incident(changed.args[0])
        window.set_now(clock.now())
        done = window.step_index("1.1").siblingAtColumn(1)
        assert done.data() == f"{yesterday} · {who}"
        assert done.data(Qt.ItemDataRole.ToolTipRole) == "2025-10-20 22:15"
        ticked = window.step_index("1.2").siblingAtColumn(1).data()
        assert ticked.startswith("00:15 · ")
        # the tick of midnight alone says yesterday's day (no change of the incident needed)
        clock.advance(24 * 60 * M)
        window.set_now(clock.now())
        assert window.step_index("1.2").siblingAtColumn(1).data().split(" · ")[0] != "00:15"
    finally:
        install_translators(qapp, "en")

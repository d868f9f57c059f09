"""The severity dialog, driven for real (no mock): evaluating the severity can confirm the
provisional one (issue 23, item 7), while changing it still needs a different severity."""

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from oncall_desktop.core.deadlines import ack_clock, resolve_clock
from oncall_desktop.core.incident import EventKind, Incident, Status
from oncall_desktop.core.paging import AlertLink
from oncall_desktop.core.policy import Severity
from oncall_desktop.ui.windows.cockpit_window import CockpitWindow
from oncall_desktop.ui.windows.declare_dialog import SeverityDialog

OK = QDialogButtonBox.StandardButton.Ok


def ok_button(dialog):
    return dialog.buttons.button(OK)


# --- the dialog alone ---------------------------------------------------------------------------


@pytest.mark.parametrize("current", list(Severity))
def test_the_dialog_preselects_the_severity_it_is_opened_with(qtbot, policy, current):
    for confirming in (False, True):
        dialog = SeverityDialog(policy, "en", current, confirming=confirming)
        qtbot.addWidget(dialog)
        assert dialog.assessment.chosen is current
        assert dialog.assessment.severity_combo.currentData() == current


def test_confirming_accepts_the_same_severity_with_a_reason(qtbot, policy):
    dialog = SeverityDialog(policy, "en", Severity.SEV1, confirming=True)
    qtbot.addWidget(dialog)
    assert not ok_button(dialog).isEnabled()  # a reason first
    qtbot.keyClicks(dialog.why, "all users, checked the dashboards")
    assert ok_button(dialog).isEnabled()
    dialog.why.clear()
    qtbot.keyClicks(dialog.why, "   ")
    assert not ok_button(dialog).isEnabled()  # blanks are no reason
    qtbot.keyClicks(dialog.why, "all users")
    dialog.assessment.severity_combo.setCurrentIndex(
        dialog.assessment.severity_combo.findData(Severity.SEV2)
    )
    assert ok_button(dialog).isEnabled()  # evaluating may also change it
    with qtbot.waitSignal(dialog.accepted, timeout=10_000):
        qtbot.mouseClick(ok_button(dialog), Qt.MouseButton.LeftButton)
    assert dialog.result_value() == (Severity.SEV2, "all users")


def test_changing_still_needs_a_different_severity(qtbot, policy):
    dialog = SeverityDialog(policy, "en", Severity.SEV2)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.why, "more users now")
    assert not ok_button(dialog).isEnabled()  # SEV-2 to SEV-2 is no change
    dialog.assessment.severity_combo.setCurrentIndex(
        dialog.assessment.severity_combo.findData(Severity.SEV1)
    )
    assert ok_button(dialog).isEnabled()


@pytest.fixture
def answer_the_modal_dialog(qtbot):
    """When the real dialog opens (modal, inside exec()), type a reason and press OK (or
    cancel, as a stuck engineer ends up doing). Its timer ends with the test."""
    timers = []

    def arm(reason, choose=None, seen=None):
        timer = QTimer()
        timers.append(timer)

        def act():
            dialog = QApplication.activeModalWidget()
            if not isinstance(dialog, SeverityDialog):
                return  # not open yet
            timer.stop()
            if seen is not None:
                seen.append((dialog.assessment.chosen, ok_button(dialog).isEnabled()))
            if choose is not None:
                combo = dialog.assessment.severity_combo
                combo.setCurrentIndex(combo.findData(choose))
            qtbot.keyClicks(dialog.why, reason)
            if seen is not None:
                seen.append((dialog.assessment.chosen, ok_button(dialog).isEnabled()))
            if ok_button(dialog).isEnabled():
                qtbot.mouseClick(ok_button(dialog), Qt.MouseButton.LeftButton)
            else:
                dialog.reject()

        timer.timeout.connect(act)
        timer.start(20)

    yield arm
    for timer in timers:
        timer.stop()


def test_ask_confirming_returns_the_unchanged_severity_through_the_real_dialog(
    answer_the_modal_dialog, policy
):
    seen = []
    answer_the_modal_dialog("all users", seen=seen)
    answer = SeverityDialog.ask(policy, "en", Severity.SEV1, None, confirming=True)
    assert seen == [(Severity.SEV1, False), (Severity.SEV1, True)]
    assert answer == (Severity.SEV1, "all users")
    seen.clear()
    answer_the_modal_dialog("all users", seen=seen)
    assert SeverityDialog.ask(policy, "en", Severity.SEV1) is None  # a change, not a change
    assert seen == [(Severity.SEV1, False), (Severity.SEV1, False)]


# --- through the cockpit, over a real service and SQLite ------------------------------------------


@pytest.fixture
def paged_cockpit(qtbot, service, store, clock, policy):
    """A SEV-1 that came from a page (provisional severity), acknowledged, in its cockpit."""
    incident = store.save(
        Incident.declare(
            title="API down",
            severity=Severity.SEV1,
            at=clock.now(),
            actor="PagerDuty",
            alert=AlertLink("pagerduty", "PINC9"),
            provisional_from_urgency="high",
        )
    )
    window = CockpitWindow(incident, policy, "en", None, service)
    qtbot.addWidget(window)
    service.incident_changed.connect(
        lambda changed: changed.id == window.incident_id and window.set_incident(changed)
    )
    window.set_now(clock.now())
    window.show()
    service.move_to(window.incident_id, Status.ACKNOWLEDGED)
    qtbot.waitUntil(lambda: bool(window.incident.events(EventKind.STATUS_CHANGED)), timeout=5000)
    window.set_now(clock.now())
    return window


def clocks(incident, policy):
    return (
        resolve_clock(incident, policy).deadline,
        resolve_clock(incident, policy).started_at,
        ack_clock(incident, policy).deadline,
    )


def test_evaluate_severity_confirms_the_provisional_one_and_ticks_the_step(
    qtbot, answer_the_modal_dialog, paged_cockpit, clock, policy
):
    window = paged_cockpit
    assert window.next_bar.label.text().startswith("Next: evaluate the severity")
    deadlines = clocks(window.incident, policy)
    seen = []
    clock.advance(60)
    answer_the_modal_dialog("all users, confirmed on the dashboards", seen=seen)
    window.next_bar.button.click()  # the next action: Evaluate severity…
    assert seen == [(Severity.SEV1, False), (Severity.SEV1, True)]
    qtbot.waitUntil(lambda: bool(window.incident.events(EventKind.STEP_DONE)), timeout=5000)
    incident = window.incident
    step = incident.steps["1.3"]
    assert step.done and step.note == "all users, confirmed on the dashboards"
    assert step.done_at == clock.now() and step.done_by == "alice"
    assert incident.severity is Severity.SEV1
    assert not incident.events(EventKind.SEVERITY_CHANGED)  # clocks untouched
    assert clocks(incident, policy) == deadlines
    window.set_now(clock.now())
    assert window.next_bar.label.text().startswith("Next: post the declaration")


def test_ticking_the_evaluate_step_opens_the_real_dialog_and_can_change_it(
    qtbot, answer_the_modal_dialog, paged_cockpit
):
    window = paged_cockpit
    answer_the_modal_dialog("Gmail users only", choose=Severity.SEV2)
    window.checklist.setData(
        window.step_index("1.3"), Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole
    )
    qtbot.waitUntil(lambda: bool(window.incident.events(EventKind.SEVERITY_CHANGED)), timeout=5000)
    assert window.incident.severity is Severity.SEV2
    assert window.step_index("1.3").data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked


def test_change_severity_keeping_the_same_one_is_not_accepted(
    answer_the_modal_dialog, paged_cockpit
):
    window = paged_cockpit
    seen = []
    answer_the_modal_dialog("still everyone", seen=seen)
    window.severity_button.click()  # Change severity…
    assert seen == [(Severity.SEV1, False), (Severity.SEV1, False)]
    assert not window.incident.events(EventKind.SEVERITY_CHANGED)
    assert "1.3" not in window.incident.steps or not window.incident.steps["1.3"].done

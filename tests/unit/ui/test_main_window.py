"""The main window and its model, offscreen."""

import subprocess
import sys
from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QLabel

from oncall_desktop.core.incident import Incident, Status
from oncall_desktop.core.policy import Audience, Severity
from oncall_desktop.ui.models.incident_table_model import IncidentRole, IncidentTableModel
from oncall_desktop.ui.windows.declare_dialog import DeclareDialog
from oncall_desktop.ui.windows.main_window import MainWindow

HOSTILE = '<b>API</b> <img src="x"> <a href="http://evil">click</a> <!channel>'


def incidents(clock):
    sev1 = Incident.declare(title=HOSTILE, severity=Severity.SEV1, at=clock.now(), actor="a")
    sev1.id = 1
    sev2 = Incident.declare(
        title="Login impossible pour users Gmail", severity=Severity.SEV2, at=clock.now(), actor="a"
    )
    sev2.id = 2
    return [sev1, sev2]


def cell(model, row, column):
    return model.data(model.index(row, model.COLUMNS.index(column)))


def test_model_passes_qt_model_checks(qtmodeltester, policy, clock):
    model = IncidentTableModel("en", None)
    model.set_policy(policy)
    qtmodeltester.check(model)
    model.set_incidents(incidents(clock))
    model.set_now(clock.now())
    qtmodeltester.check(model)
    assert model.data(model.index(0, 0), IncidentRole).id == 1


def test_clock_columns_count_down_from_stored_deadlines(policy, clock):
    model = IncidentTableModel("en", None)
    model.set_policy(policy)
    model.set_incidents(incidents(clock))
    model.set_now(clock.now())
    assert cell(model, 0, "ack_sla") == "5:00"  # SEV-1: acknowledge within 5 min
    assert cell(model, 1, "ack_sla") == "15:00"  # SEV-2: 15 min
    assert cell(model, 0, "resolve_sla") == "2:00:00"
    assert cell(model, 0, "next_update") == "5:00 · Internal (Slack #incidents)"
    clock.advance(timedelta(minutes=7))
    model.set_now(clock.now())
    assert cell(model, 0, "ack_sla") == "-2:00"
    red = model.data(model.index(0, model.COLUMNS.index("ack_sla")), Qt.ItemDataRole.ForegroundRole)
    assert red.color().name() == "#c62828"


def test_acknowledged_shows_met(policy, clock):
    inc = incidents(clock)[1]
    clock.advance(60)
    inc.move_to(Status.ACKNOWLEDGED, at=clock.now(), actor="a")
    inc.record_update_sent(Audience.INTERNAL, at=clock.now(), actor="a")
    model = IncidentTableModel("fr", None)
    model.set_policy(policy)
    model.set_incidents([inc])
    model.set_now(clock.now())
    assert cell(model, 0, "ack_sla") == "met"
    # internal was just sent; the status page still owes its first post (5 min from declaration)
    assert cell(model, 0, "next_update") == "4:00 · Externe (page de statut)"


def test_the_model_wants_the_procedure_before_incidents(policy, clock):
    """The window is shown before the procedure is loaded; an incident must never be listed
    without it (its clocks would be wrong)."""
    model = IncidentTableModel("en", None)
    with pytest.raises(RuntimeError):
        model.set_incidents(incidents(clock))


def test_the_first_window_needs_neither_the_procedure_nor_the_core():
    """What is built before the window is shown (app/shell.py) must stay light: the SOP data,
    the core's clocks and SQLAlchemy come after the first paint."""
    probe = (
        "import sys, oncall_desktop.app.shell\n"
        "print(sorted(m for m in sys.modules if m.startswith(('oncall_desktop.core.policy',"
        " 'oncall_desktop.core.deadlines', 'oncall_desktop.core.incident', 'sqlalchemy',"
        " 'oncall_desktop.services', 'oncall_desktop.storage', 'oncall_desktop.integrations'))))"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_window_shows_empty_state_then_incidents(qtbot, policy, clock):
    window = MainWindow("en", None)
    qtbot.addWidget(window)
    window.set_policy(policy)
    window.show()
    assert window.stack.currentWidget() is window.empty_label
    window.set_incidents(incidents(clock))
    assert window.stack.currentWidget() is window.table
    assert window.model.rowCount() == 2


def test_hostile_title_is_shown_literally(qtbot, policy, clock):
    window = MainWindow("en", None)
    qtbot.addWidget(window)
    window.set_policy(policy)
    window.set_incidents(incidents(clock))
    assert cell(window.model, 0, "title") == HOSTILE
    window.show_message("x", HOSTILE)
    label = window.banner.findChild(QLabel)
    assert label.textFormat() == Qt.TextFormat.PlainText
    assert label.text() == HOSTILE


def test_banner_messages_can_be_dismissed(qtbot, policy):
    window = MainWindow("en", None)
    qtbot.addWidget(window)
    window.set_policy(policy)
    window.show()
    window.show_message("a", "first")
    window.show_message("b", "second")
    assert window.banner.texts() == {"a": "first", "b": "second"}
    window.banner.clear_message("a")
    assert window.banner.texts() == {"b": "second"}
    window.banner.clear_message("b")
    assert not window.banner.isVisible()


def test_close_hides_to_tray_only_when_a_tray_keeps_running(qtbot, policy):
    window = MainWindow("en", None)
    qtbot.addWidget(window)
    window.set_policy(policy)
    window.show()
    window.keep_running_in_tray = True
    with qtbot.waitSignal(window.hidden_to_tray):
        window.close()
    assert not window.isVisible()
    window.show()
    window.quitting = True
    window.close()
    assert not window.isVisible()


def test_declare_dialog(qtbot, policy, clock):
    dialog = DeclareDialog(policy, "en", clock.now())
    qtbot.addWidget(dialog)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert not ok.isEnabled()  # a title is required
    qtbot.keyClicks(dialog.title_edit, "  DB down ")
    assert ok.isEnabled()
    dialog.assessment.questions["critical_feature"].setChecked(True)
    assert dialog.assessment.chosen is Severity.SEV2  # the proposal is preselected
    assert "20–90%" in dialog.criteria_label.text()
    assert "acknowledge < 15 min, resolve < 4h" in dialog.criteria_label.text()
    declaration = dialog.declaration()
    assert (declaration.title, declaration.severity) == ("DB down", Severity.SEV2)
    assert declaration.reason == "Yes: Is a critical feature impacted?"
    assert declaration.detected_at == clock.now()


def test_ctrl_comma_opens_settings_from_any_window_of_the_app(qtbot, policy):
    from PySide6.QtGui import QKeySequence
    from PySide6.QtWidgets import QWidget

    window = MainWindow("en", None)
    qtbot.addWidget(window)
    assert QKeySequence("Ctrl+,") in window.settings_action.shortcuts()
    assert window.settings_action.shortcutContext() is Qt.ShortcutContext.ApplicationShortcut
    window.show()
    other = QWidget()  # e.g. a cockpit: the shortcut is the application's
    qtbot.addWidget(other)
    other.show()
    other.activateWindow()
    qtbot.waitUntil(other.isActiveWindow, timeout=10_000)
    with qtbot.waitSignal(window.settings_action.triggered, timeout=10_000):
        qtbot.keySequence(other, QKeySequence("Ctrl+,"))


def test_pages_show_their_age_and_acknowledge_countdown_from_stored_instants(qtbot, policy, clock):
    """Issue 26, item 3: each page's age and, while it waits, the time left to acknowledge it
    within the SLA of the severity it would be opened with (high urgency: SEV-1), red once
    late; each tick works them out from the page's creation, refreshing only those cells."""
    from oncall_desktop.core.paging import Page
    from oncall_desktop.ui.widgets.pages_panel import ACK, AGE

    assert policy.severity(Severity.SEV1).ack_sla == timedelta(minutes=5)  # the SOP's data
    window = MainWindow("en", None)
    qtbot.addWidget(window)
    window.set_policy(policy)
    created = clock.now() - timedelta(minutes=2)

    def page(key, status):
        return Page(key, None, f"Page {key}", status, "high", "API", created, "https://x")

    window.set_now(clock.now())
    window.set_pages([page("P1", "triggered"), page("P2", "acknowledged")])
    table = window.pages.table
    header = [table.horizontalHeaderItem(c).text() for c in (AGE, ACK)]
    assert header == ["Age", "Acknowledge within"]
    assert table.item(0, AGE).text() == "2 min"
    assert table.item(0, ACK).text() == "3:00"
    assert table.item(1, AGE).text() == "2 min"
    assert table.item(1, ACK).text() == ""  # acknowledged: no countdown
    window.pages.select_row(1)
    first = table.item(0, 0)
    clock.advance(timedelta(minutes=4))
    window.set_now(clock.now())
    assert table.item(0, 0) is first  # rows not rebuilt
    assert window.pages.selected_page().key == "pagerduty:P2"  # the selection kept
    assert table.item(0, AGE).text() == "6 min"
    assert table.item(0, ACK).text() == "late by 1:00"
    assert table.item(0, ACK).foreground().color().name() == "#c62828"
    assert table.item(0, ACK).font().bold()
    assert table.item(1, ACK).text() == ""
    clock.advance(timedelta(hours=2, minutes=-1))
    window.set_now(clock.now())
    assert table.item(0, AGE).text() == "2 h 05"

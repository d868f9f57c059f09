"""Issue 26, item 3: every dialog submits with Ctrl+Return and moves on with Tab, through the
real dialogs (the resolve dialog typed a tab into the note and ignored Ctrl+Return)."""

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog

from oncall_desktop.core.policy import Severity
from oncall_desktop.ui.windows.cockpit_dialogs import ResolveDialog, SnoozeDialog
from oncall_desktop.ui.windows.declare_dialog import SeverityDialog

CTRL = Qt.KeyboardModifier.ControlModifier


def when_open(then):
    def look():
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(20, look)
            return
        then(dialog)

    QTimer.singleShot(20, look)


def test_resolve_dialog_tab_moves_on_and_ctrl_return_resolves(qtbot):
    seen = {}

    def type_then_submit(dialog):
        qtbot.keyClicks(dialog.note, "Rolled back the deploy")
        qtbot.keyClick(dialog.note, Qt.Key.Key_Tab)
        seen["tab_left_the_note"] = dialog.note.toPlainText() == "Rolled back the deploy"
        qtbot.keyClick(dialog.note, Qt.Key.Key_Return, CTRL)

    when_open(type_then_submit)
    answer = ResolveDialog.ask("API down", source="PagerDuty")
    assert answer == ("Rolled back the deploy", True)
    assert seen["tab_left_the_note"]  # no tab character typed into the note


def test_ctrl_return_does_nothing_while_ok_is_disabled(qtbot):
    dialog = ResolveDialog("API down")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClick(dialog.note, Qt.Key.Key_Return, CTRL)
    assert dialog.isVisible() and dialog.result() != QDialog.DialogCode.Accepted  # no note yet


def test_other_dialogs_submit_with_ctrl_return_too(qtbot, policy):
    when_open(
        lambda d: (
            qtbot.keyClicks(d.reason, "deploy"),
            qtbot.keyClick(d.reason, Qt.Key.Key_Return, CTRL),
        )
    )
    assert SnoozeDialog.ask("Executive") is not None

    def confirm(dialog):
        qtbot.keyClicks(dialog.why, "all users")
        qtbot.keyClick(dialog.why, Qt.Key.Key_Return, CTRL)

    when_open(confirm)
    answer = SeverityDialog.ask(policy, "en", Severity.SEV1, confirming=True)
    assert answer == (Severity.SEV1, "all users")

"""Drive the real modal dialogs a click opens (no mock of the dialog): each answer runs on
the next modal dialog that comes up, in order, from inside its own event loop."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox, QWidget

Answer = Callable[[QWidget], None]


def answer_dialogs(*answers: Answer, poll_ms: int = 20) -> list[str]:
    """Queue ``answers``, one per modal dialog to come; returns the titles seen (filled in as
    the dialogs open)."""
    queue = list(answers)
    seen: list[str] = []
    last: list[QWidget] = []

    def look() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None or (last and dialog is last[-1]):
            QTimer.singleShot(poll_ms, look)
            return
        last[:] = [dialog]
        seen.append(dialog.windowTitle() if not isinstance(dialog, QMessageBox) else dialog.text())
        answer = queue.pop(0)
        answer(dialog)
        if queue:
            QTimer.singleShot(poll_ms, look)

    QTimer.singleShot(poll_ms, look)
    return seen


def press_ok(dialog: QWidget) -> None:
    box = dialog.findChild(QDialogButtonBox)
    assert box is not None, f"{dialog!r} has no button box"
    box.button(QDialogButtonBox.StandardButton.Ok).click()


def press(button: QMessageBox.StandardButton) -> Answer:
    def answer(dialog: QWidget) -> None:
        assert isinstance(dialog, QMessageBox), f"expected a message box, got {dialog!r}"
        dialog.button(button).click()

    return answer


yes = press(QMessageBox.StandardButton.Yes)
no = press(QMessageBox.StandardButton.No)

"""Keyboard habits every secondary window keeps: Escape and Ctrl+W close it; every dialog
submits with Ctrl+Return and Tab moves on, even out of a text box (:func:`keep_dialog_keys`)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractButton,
    QDialog,
    QDialogButtonBox,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

SETTINGS_SHORTCUT = "Ctrl+,"  # Qt's "Preferences" key has no binding on Linux desktops


def close_with_escape_and_ctrl_w(window: QWidget) -> None:
    for keys in (QKeySequence(Qt.Key.Key_Escape), QKeySequence(QKeySequence.StandardKey.Close)):
        shortcut = QShortcut(keys, window)
        shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
        shortcut.activated.connect(window.close)


class _SubmitKeys(QObject):
    """Ctrl+Return submits the dialog from any of its fields (a text box would take it as a
    new line, and a shortcut loses to the box's own keys)."""

    def __init__(self, dialog: QDialog) -> None:
        super().__init__(dialog)
        self._dialog = dialog

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if isinstance(event, QKeyEvent) and event.type() in (
            QEvent.Type.KeyPress,
            QEvent.Type.ShortcutOverride,
        ):
            key = event.key()
            ctrl = event.modifiers() & Qt.KeyboardModifier.ControlModifier
            if ctrl and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                if event.type() == QEvent.Type.KeyPress:
                    _submit(self._dialog)
                event.accept()
                return True
        return False


def keep_dialog_keys(dialog: QDialog) -> None:
    """Every dialog: Ctrl+Return submits it (its OK button, when enabled) and Tab moves on out
    of its text boxes (a tab character is no use in a resolution note, and a keyboard user
    was stuck there). Call at the end of the dialog's constructor."""
    submit = _SubmitKeys(dialog)
    dialog.installEventFilter(submit)
    for field in dialog.findChildren(QWidget):
        if isinstance(field, QPlainTextEdit | QTextEdit):
            field.setTabChangesFocus(True)
        field.installEventFilter(submit)


def _submit(dialog: QDialog) -> None:
    box = dialog.findChild(QDialogButtonBox)
    ok: QAbstractButton | None = (
        box.button(QDialogButtonBox.StandardButton.Ok) if box is not None else None
    )
    if ok is None and box is not None:  # a dialog whose accept button has its own role
        accept = QDialogButtonBox.ButtonRole.AcceptRole
        ok = next((b for b in box.buttons() if box.buttonRole(b) == accept), None)
    if ok is not None and ok.isEnabled() and ok.isVisible():
        ok.click()

"""Keyboard habits every secondary window keeps: Escape and Ctrl+W close it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QWidget

SETTINGS_SHORTCUT = "Ctrl+,"  # Qt's "Preferences" key has no binding on Linux desktops


def close_with_escape_and_ctrl_w(window: QWidget) -> None:
    for keys in (QKeySequence(Qt.Key.Key_Escape), QKeySequence(QKeySequence.StandardKey.Close)):
        shortcut = QShortcut(keys, window)
        shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
        shortcut.activated.connect(window.close)

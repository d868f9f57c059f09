"""Windows that fit the screen they open on: a laptop at 1024x768 included.

A window asks for the size it would like; it gets at most what the screen has (less a margin
for the panels), and long content scrolls instead of pushing buttons off the screen. A window
given a ``remember`` key comes back where the user left it, if that still fits a screen (a
monitor unplugged since does not strand it off screen).
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QByteArray, QEvent, QObject, QSettings, Qt
from PySide6.QtWidgets import QApplication, QFrame, QScrollArea, QWidget
from shiboken6 import isValid

SCREEN_MARGIN = 40  # panels and window decorations
GEOMETRY_FILE = "window-geometry.ini"

_memory: QSettings | None = None  # set once at startup: remember_geometry_in()
_watched: list[tuple[QWidget, QObject]] = []  # (window, its keeper), until the app quits


def remember_geometry_in(config_dir: Path | None) -> None:
    """Where windows keep their size and place (None: not remembered, e.g. in tests)."""
    global _memory
    _memory = (
        QSettings(str(config_dir / GEOMETRY_FILE), QSettings.Format.IniFormat)
        if config_dir is not None
        else None
    )
    app = QApplication.instance()
    if app is not None and config_dir is not None:
        app.aboutToQuit.connect(forget_windows)


def forget_windows() -> None:
    """At quit: keep the open windows' places and stop watching them. Windows torn down while
    the interpreter finalizes must not call back into Python (that crashes PySide)."""
    for window, keeper in _watched:
        if isValid(window) and isValid(keeper):
            _remember(window)
            window.removeEventFilter(keeper)
    _watched.clear()


def _remember(window: QWidget) -> None:
    key = window.property("geometry_key")
    if _memory is not None and key:
        _memory.setValue(f"geometry/{key}", window.saveGeometry())
        _memory.sync()


class _Keeper(QObject):
    """Saves a window's geometry when it is hidden or closed."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if sys.is_finalizing():
            return False
        if event.type() in (QEvent.Type.Hide, QEvent.Type.Close) and isinstance(watched, QWidget):
            _remember(watched)
        return False


def fit_to_screen(window: QWidget, width: int, height: int, remember: str = "") -> None:
    """Resize to ``width`` x ``height``, or to what the screen has room for; with
    ``remember``, to the size and place it had when last closed, when that still fits."""
    screen = window.screen() or QApplication.primaryScreen()
    if screen is None:
        window.resize(width, height)
        return
    room = screen.availableGeometry()
    window.resize(
        max(200, min(width, room.width() - SCREEN_MARGIN)),
        max(150, min(height, room.height() - SCREEN_MARGIN)),
    )
    if not remember:
        return
    window.setProperty("geometry_key", remember)
    keeper = _Keeper(window)
    window.installEventFilter(keeper)
    _watched[:] = [(w, k) for w, k in _watched if isValid(w)]  # closed ones are gone
    _watched.append((window, keeper))
    saved = _memory.value(f"geometry/{remember}") if _memory is not None else None
    if isinstance(saved, QByteArray) and not saved.isEmpty():
        default = window.saveGeometry()
        window.restoreGeometry(saved)
        on_a_screen = any(
            s.availableGeometry().intersects(window.frameGeometry()) for s in QApplication.screens()
        )
        if not on_a_screen:
            window.restoreGeometry(default)  # left on a screen that is gone


def scrolling(content: QWidget, parent: QWidget | None = None) -> QScrollArea:
    """``content`` in a scroll area: it scrolls when the window is smaller than it."""
    area = QScrollArea(parent)
    area.setWidget(content)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
    return area

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
from shiboken6 import delete, isValid

SCREEN_MARGIN = 40  # panels and window decorations
GEOMETRY_FILE = "window-geometry.ini"

_memory_file: Path | None = None  # set once at startup: remember_geometry_in()
_watched: list[tuple[QWidget, QObject]] = []  # (window, its keeper), until the app quits


def remember_geometry_in(config_dir: Path | None) -> None:
    """Where windows keep their size and place (None: not remembered, e.g. in tests)."""
    global _memory_file
    _memory_file = config_dir / GEOMETRY_FILE if config_dir is not None else None
    app = QApplication.instance()
    if app is not None and config_dir is not None:
        app.aboutToQuit.connect(forget_windows)


def _memory() -> QSettings | None:
    # opened for each use, never kept: a QSettings left for the interpreter to destroy after
    # the application crashes the exit
    if _memory_file is None:
        return None
    return QSettings(str(_memory_file), QSettings.Format.IniFormat)


def forget_windows() -> None:
    """At quit: keep the open windows' places and stop watching them. Windows torn down while
    the interpreter finalizes must not call back into Python (that crashes PySide)."""
    for window, keeper in _watched:
        if isValid(window) and isValid(keeper):
            _remember(window)
            window.removeEventFilter(keeper)
        if isValid(keeper):
            delete(keeper)  # no Python-made object left in the windows' trees at exit
    _watched.clear()


def _remember(window: QWidget) -> None:
    key, memory = window.property("geometry_key"), _memory()
    if memory is not None and key:
        memory.setValue(f"geometry/{key}", window.saveGeometry())
        memory.sync()


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
    memory = _memory()
    saved = memory.value(f"geometry/{remember}") if memory is not None else None
    del memory
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

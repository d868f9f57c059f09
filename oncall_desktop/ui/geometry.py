"""Windows that fit the screen they open on: a laptop at 1024x768 included.

A window asks for the size it would like; it gets at most what the screen has room for *with
its frame* (the title bar and borders the window manager adds), and long content scrolls
instead of pushing buttons off the screen. The frame's size is known only once a window is on
screen: until then a usual one is assumed, and each window is checked again once shown, moved
and shrunk if its frame reaches past the screen (issue 26). A window given a ``remember`` key
comes back where the user left it, if that still fits a screen (a monitor unplugged since does
not strand it off screen).
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QByteArray, QEvent, QMargins, QObject, QRect, QSettings, Qt, QTimer
from PySide6.QtWidgets import QApplication, QFrame, QScrollArea, QWidget
from shiboken6 import delete, isValid

# The title bar and borders assumed until a window manager's real ones are seen: a tall
# title bar (GNOME's is 37 px) and thin borders.
USUAL_FRAME = QMargins(2, 38, 2, 4)
SPARE = 4  # pixels left free around a window that fills the screen
GEOMETRY_FILE = "window-geometry.ini"
CHECKS_AFTER_SHOW_MS = (0, 150, 600)  # the window manager frames a window shortly after

_memory_file: Path | None = None  # set once at startup: remember_geometry_in()
_watched: list[tuple[QWidget, QObject]] = []  # (window, its keeper), until the app quits
_seen_frame: QMargins | None = None  # the frame the window manager draws, once one was seen


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
    """Checks a window again shortly after each time it is shown (framed, it fits the screen)
    and saves its geometry when it is hidden or closed (if it has a ``remember`` key)."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if sys.is_finalizing() or not isinstance(watched, QWidget):
            return False
        if event.type() == QEvent.Type.Show:
            for delay in CHECKS_AFTER_SHOW_MS:
                QTimer.singleShot(delay, watched, lambda w=watched: keep_on_screen(w))
        elif event.type() in (QEvent.Type.Hide, QEvent.Type.Close):
            _remember(watched)
        return False


def frame_margins(window: QWidget | None = None) -> QMargins:
    """The frame around ``window`` (its title bar and borders): as the window manager drew it
    when Qt knows, else as seen around another window, else a usual one."""
    global _seen_frame
    if window is not None and window.isVisible():
        geometry, frame = window.geometry(), window.frameGeometry()
        if frame != geometry:
            margins = QMargins(
                geometry.left() - frame.left(),
                geometry.top() - frame.top(),
                frame.right() - geometry.right(),
                frame.bottom() - geometry.bottom(),
            )
            _seen_frame = margins
            return margins
    return _seen_frame if _seen_frame is not None else USUAL_FRAME


def fitted(window: QRect, frame: QMargins, room: QRect) -> QRect:
    """Where a window of geometry ``window`` (without its ``frame``) goes so that window and
    frame are inside ``room``: as it is when it fits, else shrunk and moved in."""
    width = min(window.width(), room.width() - frame.left() - frame.right())
    height = min(window.height(), room.height() - frame.top() - frame.bottom())
    x = min(max(window.x(), room.left() + frame.left()), room.right() + 1 - frame.right() - width)
    y = min(max(window.y(), room.top() + frame.top()), room.bottom() + 1 - frame.bottom() - height)
    return QRect(x, y, width, height)


def keep_on_screen(window: QWidget) -> None:
    """Once shown and framed: shrink and move the window so that its frame is inside the
    screen (the window manager may have placed it lower, or drawn a taller title bar)."""
    if not isValid(window) or not window.isVisible() or window.isMaximized():
        return
    if window.isFullScreen() or window.windowFlags() & Qt.WindowType.FramelessWindowHint:
        return
    screen = window.screen()
    if screen is None:
        return
    room, geometry = screen.availableGeometry(), window.geometry()
    wanted = fitted(geometry, frame_margins(window), room)
    if wanted.size() != geometry.size():
        window.resize(wanted.size())
    if wanted.topLeft() != geometry.topLeft():
        window.setGeometry(wanted)


def fit_to_screen(window: QWidget, width: int, height: int, remember: str = "") -> None:
    """Resize to ``width`` x ``height``, or to what the screen has room for with the window's
    frame; with ``remember``, to the size and place it had when last closed, when that still
    fits. Each time it is shown, the window is kept inside the screen, frame included."""
    keeper = _Keeper(window)
    window.installEventFilter(keeper)
    _watched[:] = [(w, k) for w, k in _watched if isValid(w)]  # closed ones are gone
    _watched.append((window, keeper))
    screen = window.screen() or QApplication.primaryScreen()
    if screen is None:
        window.resize(width, height)
        return
    room, frame = screen.availableGeometry(), frame_margins()
    window.resize(
        max(200, min(width, room.width() - frame.left() - frame.right() - 2 * SPARE)),
        max(150, min(height, room.height() - frame.top() - frame.bottom() - SPARE)),
    )
    if not remember:
        return
    window.setProperty("geometry_key", remember)
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

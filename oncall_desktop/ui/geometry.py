"""Windows that fit the screen they open on: a laptop at 1024x768 included.

A window asks for the size it would like; it gets at most what the screen has (less a margin
for the panels), and long content scrolls instead of pushing buttons off the screen.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFrame, QScrollArea, QWidget

SCREEN_MARGIN = 40  # panels and window decorations


def fit_to_screen(window: QWidget, width: int, height: int) -> None:
    """Resize to ``width`` x ``height``, or to what the screen has room for."""
    screen = window.screen() or QApplication.primaryScreen()
    if screen is None:
        window.resize(width, height)
        return
    room = screen.availableGeometry()
    window.resize(
        max(200, min(width, room.width() - SCREEN_MARGIN)),
        max(150, min(height, room.height() - SCREEN_MARGIN)),
    )


def scrolling(content: QWidget, parent: QWidget | None = None) -> QScrollArea:
    """``content`` in a scroll area: it scrolls when the window is smaller than it."""
    area = QScrollArea(parent)
    area.setWidget(content)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
    return area

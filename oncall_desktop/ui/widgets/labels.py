"""Labels for text from outside (titles, notes, messages): always plain text, never Qt rich
text, so "<b>API</b>" or "<img src=…>" in an incident title shows as typed."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

HINT_STYLE = "color: palette(mid); font-style: italic"


def plain_label(
    text: str = "", parent: QWidget | None = None, *, selectable: bool = True, hint: bool = False
) -> QLabel:
    """A word-wrapped plain-text label; ``selectable``: the text can be copied; ``hint``:
    quieter, for help beside a field."""
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setText(text)
    label.setWordWrap(True)
    if selectable:
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if hint:
        label.setStyleSheet(HINT_STYLE)
    return label


def set_style(widget: QWidget, style: str) -> None:
    """Re-style only on change: a style sheet set every second re-polishes every tick."""
    if widget.styleSheet() != style:
        widget.setStyleSheet(style)

"""A strip at the top of a window for things the user must know. Plain text only.

A message given as a :class:`~oncall_desktop.core.messages.UserMessage` (its template and
values) is said again in the new language when the UI's language changes; text is shown as
it came.

The most serious message is on top, where the strip shows first: errors above warnings above
information, the newest first in each. A message that reports a thing done (``fades``) goes
by itself a minute after it was shown (the window's clock, ``set_now``), or when another
replaces it under its key."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QToolButton, QVBoxLayout, QWidget

from oncall_desktop.core.messages import UserMessage

LEVELS = ("error", "warning", "info")  # the most serious first
FADES_AFTER = timedelta(seconds=60)  # a message about a thing done, then it goes by itself


class MessageBanner(QWidget):
    """Signal: changed() a message was shown or cleared."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("messageBanner")
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._rows: dict[str, QWidget] = {}
        self._messages: dict[str, UserMessage] = {}  # said again at a language change
        self._levels: dict[str, int] = {}  # each row's rank in LEVELS
        self._fading: dict[str, datetime | None] = {}  # shown at (None: not yet ticked)
        self._now: datetime | None = None
        self.hide()

    def show_message(
        self, key: str, text: str | UserMessage, level: str = "warning", fades: bool = False
    ) -> None:
        """Show (or replace) the message stored under ``key``, above the less serious ones
        and the older ones of its level. ``fades``: it reports a thing done, and goes by
        itself after FADES_AFTER."""
        self.clear_message(key)
        if isinstance(text, UserMessage):
            self._messages[key] = text
        row = QWidget(self)
        name = "banner-" + re.sub(r"[^A-Za-z0-9_-]", "_", key)  # a valid style-sheet selector
        row.setObjectName(name)
        color = {"error": "#ffebee", "warning": "#fff8e1", "info": "#e3f2fd"}[level]
        row.setStyleSheet(f"#{name} {{ background: {color}; border-radius: 4px; }}")
        layout = QHBoxLayout(row)
        label = QLabel(_shown(text), row)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        close = QToolButton(row)
        close.setText("✕")
        close.setToolTip(self.tr("Dismiss"))
        close.clicked.connect(lambda: self.clear_message(key))
        layout.addWidget(label, 1)
        layout.addWidget(close)
        rank = LEVELS.index(level)
        # the first row as or less serious: the newest of a level goes above its elders
        above = [k for k in self._rows if self._levels[k] < rank]
        self._layout.insertWidget(len(above), row)
        self._rows = (
            {k: self._rows[k] for k in above}
            | {key: row}
            | {k: r for k, r in self._rows.items() if k not in above}
        )
        self._levels[key] = rank
        if fades:
            self._fading[key] = self._now
        self.show()
        self.changed.emit()

    def clear_message(self, key: str) -> None:
        self._messages.pop(key, None)
        self._levels.pop(key, None)
        self._fading.pop(key, None)
        row = self._rows.pop(key, None)
        if row is not None:
            # out of the layout now, not at deleteLater: a row shown meanwhile is placed by
            # the rows still there, and a leftover would push it below a less serious one
            self._layout.removeWidget(row)
            row.hide()
            row.deleteLater()
        if not self._rows:
            self.hide()
        if row is not None:
            self.changed.emit()

    def set_now(self, now: datetime) -> None:
        """The window's clock: a message about a thing done goes a while after it came."""
        self._now = now
        for key, since in list(self._fading.items()):
            if since is None:
                self._fading[key] = now
            elif now - since >= FADES_AFTER:
                self.clear_message(key)

    def levels(self) -> dict[str, str]:
        """Each message's level, in the order shown (top first)."""
        return {key: LEVELS[self._levels[key]] for key in self._rows}

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            for key, row in self._rows.items():
                if (label := row.findChild(QLabel)) is not None and key in self._messages:
                    label.setText(_shown(self._messages[key]))
                if (close := row.findChild(QToolButton)) is not None:
                    close.setToolTip(self.tr("Dismiss"))
        super().changeEvent(event)

    def texts(self) -> dict[str, str]:
        """The messages shown, top first."""
        return {
            key: label.text()
            for key, row in self._rows.items()
            if (label := row.findChild(QLabel)) is not None
        }


def _shown(text: str | UserMessage) -> str:
    # imported when a banner is shown, not with the first window (tests/unit/ui/test_main_window)
    from oncall_desktop.services.messages import shown

    return shown(text)

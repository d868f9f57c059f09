"""Debounced autosave with a ceiling: quiet typing saves 300 ms after the last keystroke,
continuous typing still saves at least every 900 ms, so a crash loses under a second."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer

IDLE_MS = 300
CEILING_MS = 900


class Autosave(QObject):
    def __init__(
        self,
        save: Callable[[], None],
        parent: QObject | None = None,
        idle_ms: int = IDLE_MS,
        ceiling_ms: int = CEILING_MS,
    ) -> None:
        super().__init__(parent)
        self._save = save
        self._idle = QTimer(self, singleShot=True, interval=idle_ms)
        self._ceiling = QTimer(self, singleShot=True, interval=ceiling_ms)
        self._idle.setObjectName("autosave-idle")
        self._ceiling.setObjectName("autosave-ceiling")
        self._idle.timeout.connect(self.flush)
        self._ceiling.timeout.connect(self.flush)
        self.pending = False

    def changed(self) -> None:
        self.pending = True
        self._idle.start()  # restarts: waits for a pause in typing
        if not self._ceiling.isActive():
            self._ceiling.start()  # does not restart: bounds what a crash can lose

    def flush(self) -> None:
        self._idle.stop()
        self._ceiling.stop()
        if self.pending:
            self.pending = False
            self._save()

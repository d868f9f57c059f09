"""What the other consoles change, as it happens (team mode on PostgreSQL): a listener on a
thread of its own, its news turned into signals on the GUI thread.

Signals:
    changed(str, int): another console changed this (``"incident"``, its id).
    heard(object): the same, as the Change announced (an incident's version and, when it
        fitted, what the change made: storage/changes.py), with what ``answer`` read for it;
        emitted right after ``changed``.
    connection_changed(bool): the feed is listening (True) or has lost the server (False);
        after a loss, True again means: reload, things may have changed meanwhile.
"""

from __future__ import annotations

import logging
import threading
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

if TYPE_CHECKING:
    from oncall_desktop.storage.changes import Answer, Change, ChangeListener

log = logging.getLogger(__name__)


class ChangeFeed(QObject):
    changed = Signal(str, int)
    heard = Signal(object)
    connection_changed = Signal(bool)

    def __init__(self, listener: ChangeListener, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.listener = listener
        self.connected = False
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def answer(self, what: str, read: Answer) -> None:
        """When news of ``what`` comes, ``read(change, database)`` runs on the feed's thread
        over its own connection before ``heard`` carries the result as ``change.answer``: the
        console opens no connection to read what a colleague's change makes it read."""
        self.listener.answers[what] = read

    def start(self) -> None:
        # a plain thread, not the task pool: it blocks for as long as the console runs
        self._thread = threading.Thread(
            target=self.listener.run,
            args=(self._deliver, self._connected, self._stop),
            name="change-feed",
            daemon=True,
        )
        self._thread.start()

    def stop(self, wait_s: float = 2.0) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(wait_s)
            self._thread = None

    # called on the listener's thread: signals cross to the GUI thread queued
    def _deliver(self, change: Change) -> None:
        self.changed.emit(change.what, change.id)
        self.heard.emit(change)

    def _connected(self, connected: bool) -> None:
        self.connected = connected
        log.info("change feed %s", "listening" if connected else "lost the server")
        self.connection_changed.emit(connected)

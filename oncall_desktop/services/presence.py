"""Who else is on an incident (team mode): this console's heartbeat says which incidents it
has open and who is at it, every few seconds and at once when a cockpit opens or closes; the
other consoles' fresh heartbeats say who else is there. Best effort: without the database who
else is there is unknown (``known`` is False, and the change feed's banner says why), not "no
one"; nothing else waits for it.

After the change feed lost the server, the first heartbeat once it listens again comes at a
moment drawn within ``REJOIN_SPREAD_S`` (``rejoin``): after a restart a war room's consoles do
not all write at once, each after its reload rather than beside it (issue 27).

Signal: changed(object): {incident id: [names of the others who have it open]}, or None while
it is unknown.
"""

from __future__ import annotations

import logging
import random
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from oncall_desktop.core.clock import Clock
from oncall_desktop.services.tasks import TaskRunner
from oncall_desktop.storage.errors import StorageUnavailable

if TYPE_CHECKING:
    from oncall_desktop.services.changefeed import ChangeFeed
    from oncall_desktop.storage.changes import Change
    from oncall_desktop.storage.db import Database
    from oncall_desktop.storage.presence import PresenceRepository

log = logging.getLogger(__name__)

HEARTBEAT_MS = 10_000
REJOIN_SPREAD_S = (0.5, 3.0)  # the first heartbeat after the feed is back: drawn in between


class PresenceService(QObject):
    changed = Signal(object)

    def __init__(
        self,
        repository: PresenceRepository,
        runner: TaskRunner,
        clock: Clock,
        person: Callable[[], str],
        open_incidents: Callable[[], set[int]],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._repo, self._runner, self.clock = repository, runner, clock
        self._person, self._open = person, open_incidents
        self.others: dict[int, list[str]] = {}
        self.known = True  # False while the database does not answer
        self._timer = QTimer(self)
        self._timer.setInterval(HEARTBEAT_MS)
        self._timer.timeout.connect(self.beat)
        self._rejoin = QTimer(self)
        self._rejoin.setSingleShot(True)
        self._rejoin.timeout.connect(self.beat)
        self._stopped = False

    def start(self) -> None:
        self._timer.start()
        self.beat()

    def beat(self) -> None:
        """Say where this console is, then read where the others are."""
        if self._stopped:
            return
        from oncall_desktop.storage.presence import EXPIRY

        person, opened, now = self._person(), set(self._open()), self.clock.now()

        def work() -> dict[int, list[str]]:
            self._repo.beat(person, opened, now)
            return self._repo.others(now - EXPIRY)

        self._runner.run(work, self._on_others, self._on_error, write=True)

    def rejoin(self) -> None:
        """The change feed listens again after a loss: say where this console is in a moment
        drawn at random (REJOIN_SPREAD_S), not in the same instant as every other console."""
        if not self._stopped and not self._rejoin.isActive():
            self._rejoin.start(round(random.uniform(*REJOIN_SPREAD_S) * 1000))

    def refresh(self) -> None:
        """Another console opened or closed a cockpit (the change feed said so)."""
        if self._stopped:
            return
        from oncall_desktop.storage.presence import EXPIRY

        since = self.clock.now() - EXPIRY
        self._runner.run(lambda: self._repo.others(since), self._on_others, self._on_error)

    def on_change(self, what: str, _ident: int) -> None:
        if what == "presence":
            self.refresh()

    def follow(self, feed: ChangeFeed) -> None:
        """Team mode: a colleague opening or closing a cockpit makes this console read who is
        where on the change feed's own connection (ChangeFeed.answer), not on one opened for
        it: in a war room every console reads at once (issue 27)."""
        from oncall_desktop.storage.presence import EXPIRY, PresenceRepository

        console, clock = self._repo.console, self.clock

        def answer(_change: Change, database: Database) -> dict[int, list[str]]:
            return PresenceRepository(database, console).others(clock.now() - EXPIRY)

        feed.answer("presence", answer)
        feed.heard.connect(self._on_heard)

    def _on_heard(self, change: Change) -> None:
        if change.what != "presence" or self._stopped:
            return
        if isinstance(change.answer, dict):
            self._on_others(change.answer)
        else:  # it could not be read there: the usual way
            self.refresh()

    def stop(self) -> None:
        """Leave: the others stop listing this console (queued before the runner drains)."""
        self._stopped = True
        self._timer.stop()
        self._rejoin.stop()
        self._runner.run(self._repo.leave, lambda _: None, self._on_error, write=True)

    def _on_others(self, others: dict[int, list[str]]) -> None:
        if others != self.others or not self.known:
            self.others, self.known = others, True
            self.changed.emit(others)

    def _on_error(self, error: Exception) -> None:
        if not isinstance(error, StorageUnavailable):
            raise error
        log.info("presence unavailable: %s", error)
        if self.known:
            self.others, self.known = {}, False
            self.changed.emit(None)

    def lost(self) -> None:
        """The change feed lost the server: who else is here is unknown until it is back."""
        self._rejoin.stop()
        if self.known and not self._stopped:
            self.others, self.known = {}, False
            self.changed.emit(None)

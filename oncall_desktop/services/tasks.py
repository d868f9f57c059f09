"""Run blocking work off the GUI thread; get the result back on it.

Usage reads as "do X, then on success..., on failure...":

    runner.run(repo.list_active, on_success=model.set_incidents, on_failure=show_error)

Reads go to a small general pool; writes go through a one-thread pool so they reach the
database in the order they were asked for; calls to an outside service that acts on the world
(acknowledge, resolve, declare, escalate) go to a pool of their own, so a hung PagerDuty never
holds up a database write. Without a failure handler, the error goes to
:attr:`TaskRunner.failed` so that nothing fails silently.

Results come back through one queued signal carrying a job number, received by the runner:
when the runner is deleted, Qt drops its pending deliveries, so a late result can never reach a
callback whose objects are gone. A callback that is a method of a Qt object deleted meanwhile
(a closed window's) is not called either (services/lifetime.gone). The signal is not the
runner's own but a relay's that every job holds: a worker finishing while the runner is being
deleted (its window closed, the app quitting) emitted on a half-destroyed object, and the app
died with SIGSEGV. The relay lives until the last job that can emit on it is done.
"""

from __future__ import annotations

import itertools
import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QRunnable, Qt, QThreadPool, Signal, Slot

from oncall_desktop.services.lifetime import gone
from oncall_desktop.services.messages import said

log = logging.getLogger(__name__)

Callbacks = tuple[Callable[[Any], None] | None, Callable[[Exception], None] | None]


class _Relay(QObject):
    """Carries results from the workers to the runner, and outlives the runner until the last
    job that may emit on it is done (Qt makes an emission safe against the *receiver*'s
    deletion in another thread, not against the sender's). Owned by the application, so a
    worker dropping the last Python reference never deletes it there: it is deleted by
    ``deleteLater``, on the GUI thread, once its runner is gone and its jobs are done."""

    finished = Signal(int, bool, object)

    def __init__(self) -> None:
        super().__init__(QCoreApplication.instance())
        self._lock = threading.Lock()
        self._out = 0  # jobs started that have not emitted yet
        self._orphaned = False  # its runner is gone

    def job_started(self) -> None:
        with self._lock:
            self._out += 1

    def job_done(self) -> None:
        with self._lock:
            self._out -= 1
            last = self._orphaned and self._out == 0
        if last:
            self.deleteLater()

    @Slot()
    def orphan(self) -> None:
        with self._lock:
            self._orphaned = True
            last = self._out == 0
        if last:
            self.deleteLater()


class _Job(QRunnable):
    def __init__(self, fn: Callable[[], Any], job_id: int, relay: _Relay) -> None:
        super().__init__()
        self._fn = fn
        self._job_id = job_id
        self._relay = relay
        relay.job_started()

    def run(self) -> None:
        try:
            result: Any = self._fn()
            ok = True
        except Exception as error:  # noqa: BLE001 - handed to the failure handler
            result, ok = error, False
        self._relay.finished.emit(self._job_id, ok, result)  # dropped if the runner is gone
        self._relay.job_done()


class TaskRunner(QObject):
    """Signals:
    failed(object): a task with no failure handler raised; the argument is a message for the
        user (a UserMessage, said again in a new language, or text; services.messages.said).
    """

    failed = Signal(object)

    def __init__(
        self, parent: QObject | None = None, max_readers: int = 2, max_remote: int = 4
    ) -> None:
        super().__init__(parent)
        self._readers = QThreadPool(self)
        self._readers.setMaxThreadCount(max_readers)
        self._writer = QThreadPool(self)
        self._writer.setMaxThreadCount(1)
        self._remote = QThreadPool(self)
        self._remote.setMaxThreadCount(max_remote)
        self._ids = itertools.count(1)
        self._pending: dict[int, Callbacks] = {}
        self._relay = _Relay()
        self._relay.finished.connect(self._on_finished, Qt.ConnectionType.QueuedConnection)
        self.destroyed.connect(self._relay.orphan, Qt.ConnectionType.DirectConnection)

    def run(
        self,
        fn: Callable[[], Any],
        on_success: Callable[[Any], None] | None = None,
        on_failure: Callable[[Exception], None] | None = None,
        *,
        write: bool = False,
        remote: bool = False,
    ) -> None:
        """``write``: a database write, in order with the others; ``remote``: a call to an
        outside service that may hang (never on the writer's thread)."""
        job_id = next(self._ids)
        self._pending[job_id] = (on_success, on_failure)
        pool = self._remote if remote else self._writer if write else self._readers
        pool.start(_Job(fn, job_id, self._relay))

    @Slot(int, bool, object)
    def _on_finished(self, job_id: int, ok: bool, payload: Any) -> None:
        on_success, on_failure = self._pending.pop(job_id, (None, None))
        callback = on_success if ok else on_failure
        if callback is not None and gone(callback):  # e.g. a closed cockpit's set_posts
            log.info("result of a background task dropped: its window was closed meanwhile")
            return
        if ok:
            if on_success is not None:
                on_success(payload)
        elif on_failure is not None:
            on_failure(payload)
        else:
            log.error("background task failed", exc_info=payload)
            self.failed.emit(said(payload))

    @property
    def busy(self) -> bool:
        return bool(self._pending)

    def wait(self, msecs: int = 10_000) -> bool:
        """Block until queued work is done (shutdown and tests only)."""
        return (
            self._writer.waitForDone(msecs)
            and self._readers.waitForDone(msecs)
            and self._remote.waitForDone(msecs)
        )

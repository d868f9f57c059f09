"""Run blocking work off the GUI thread; get the result back on it.

Usage reads as "do X, then on success..., on failure...":

    runner.run(repo.list_active, on_success=model.set_incidents, on_failure=show_error)

Reads go to a small general pool; writes go through a one-thread pool so they reach the
database in the order they were asked for. Without a failure handler, the error goes to
:attr:`TaskRunner.failed` so that nothing fails silently.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

log = logging.getLogger(__name__)


class _Relay(QObject):
    """Lives on the GUI thread; signals emitted from a worker are queued to it."""

    succeeded = Signal(object)
    errored = Signal(object)


class _Job(QRunnable):
    def __init__(self, fn: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self._fn = fn
        self._relay = relay

    def run(self) -> None:
        try:
            result = self._fn()
        except Exception as error:  # noqa: BLE001 - handed to the failure handler
            self._relay.errored.emit(error)
        else:
            self._relay.succeeded.emit(result)


class TaskRunner(QObject):
    """Signals:
    failed(str): a task with no failure handler raised; the argument is a message for the user.
    """

    failed = Signal(str)

    def __init__(self, parent: QObject | None = None, max_readers: int = 2) -> None:
        super().__init__(parent)
        self._readers = QThreadPool(self)
        self._readers.setMaxThreadCount(max_readers)
        self._writer = QThreadPool(self)
        self._writer.setMaxThreadCount(1)
        self._pending: set[_Relay] = set()

    def run(
        self,
        fn: Callable[[], Any],
        on_success: Callable[[Any], None] | None = None,
        on_failure: Callable[[Exception], None] | None = None,
        *,
        write: bool = False,
    ) -> None:
        relay = _Relay(self)
        self._pending.add(relay)

        def done() -> None:
            self._pending.discard(relay)
            relay.deleteLater()

        def succeeded(result: Any) -> None:
            done()
            if on_success is not None:
                on_success(result)

        def errored(error: Exception) -> None:
            done()
            if on_failure is not None:
                on_failure(error)
            else:
                log.error("background task failed", exc_info=error)
                self.failed.emit(str(error))

        relay.succeeded.connect(succeeded)
        relay.errored.connect(errored)
        (self._writer if write else self._readers).start(_Job(fn, relay))

    @property
    def busy(self) -> bool:
        return bool(self._pending)

    def wait(self, msecs: int = 10_000) -> bool:
        """Block until queued work is done (shutdown and tests only)."""
        return self._writer.waitForDone(msecs) and self._readers.waitForDone(msecs)

"""One named one-second timer that drives every countdown in the app.

Widgets never count: on each tick they recompute ``deadline - now``. When the wall clock and
the monotonic clock disagree (the machine slept, the clock was set), ``clock_jumped`` says so at
once so that overdue alerts are raised right after waking rather than a tick later.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QObject, QTimer, Signal

from oncall_desktop.core.clock import Clock, ClockJumpDetector


class Ticker(QObject):
    """Signals:
    ticked(datetime): the current wall-clock time, about once a second.
    clock_jumped(float): seconds the wall clock moved beyond elapsed time (sleep, NTP, user).
    """

    ticked = Signal(datetime)
    clock_jumped = Signal(float)
    INTERVAL_MS = 1000

    def __init__(self, clock: Clock, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.clock = clock
        self._detector = ClockJumpDetector(clock)
        self._timer = QTimer(self)
        self._timer.setObjectName("countdown-ticker")
        self._timer.setInterval(self.INTERVAL_MS)
        self._timer.timeout.connect(self.tick)

    def start(self) -> None:
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def tick(self) -> None:
        jump = self._detector.check()
        if jump:
            self.clock_jumped.emit(jump)
        self.ticked.emit(self.clock.now())

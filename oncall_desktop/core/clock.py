"""Time, injected.

Every countdown is ``deadline - clock.now()``, recomputed when asked; nothing counts ticks.
Deadlines are stored as wall-clock UTC instants so they survive a restart; the monotonic reading
lets the app notice a clock jump or a sleep (see :class:`ClockJumpDetector`).
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, tzinfo
from typing import Protocol


class Clock(Protocol):
    def now(self) -> datetime:
        """The current wall-clock time, timezone-aware (UTC)."""
        ...

    def monotonic(self) -> float:
        """Seconds from an arbitrary origin; never goes backwards, may stop during sleep."""
        ...


class SystemClock:
    def now(self) -> datetime:
        return datetime.now(UTC)

    def monotonic(self) -> float:
        return time.monotonic()


@dataclass
class FakeClock:
    """A clock the tests drive: ``advance`` moves both readings, ``jump`` only the wall clock
    (an NTP correction or a user changing the time), ``sleep`` the wall clock while the
    monotonic clock stands still (a laptop lid closed)."""

    wall: datetime = field(default_factory=lambda: datetime(2025, 10, 20, 22, 15, tzinfo=UTC))
    mono: float = 1000.0

    def now(self) -> datetime:
        return self.wall

    def monotonic(self) -> float:
        return self.mono

    def advance(self, delta: timedelta | float) -> None:
        seconds = delta.total_seconds() if isinstance(delta, timedelta) else float(delta)
        self.wall += timedelta(seconds=seconds)
        self.mono += seconds

    def jump(self, delta: timedelta) -> None:
        self.wall += delta

    def sleep(self, delta: timedelta) -> None:
        self.wall += delta


class ClockJumpDetector:
    """Tells when wall time and monotonic time disagree: the machine slept or the clock jumped.

    The app then refreshes every deadline-derived display at once instead of waiting for the
    next regular tick.
    """

    def __init__(self, clock: Clock, tolerance_seconds: float = 2.0) -> None:
        self._clock = clock
        self._tolerance = tolerance_seconds
        self._offset = self._current_offset()

    def _current_offset(self) -> float:
        return self._clock.now().timestamp() - self._clock.monotonic()

    def check(self) -> float:
        """Return the jump in seconds since the last check (0.0 when none), and re-arm."""
        offset = self._current_offset()
        jump = offset - self._offset
        self._offset = offset
        return jump if abs(jump) > self._tolerance else 0.0


def local_time(moment: datetime, zone: tzinfo | None, with_date: bool = True) -> str:
    """'2025-10-20 22:15' (or '22:15') in ``zone``; None is this computer's zone."""
    return moment.astimezone(zone).strftime("%Y-%m-%d %H:%M" if with_date else "%H:%M")


def utc(dt: datetime) -> datetime:
    """Normalise to aware UTC; naive datetimes are taken to be UTC already."""
    if dt.tzinfo is None:
        return dt.replace(tzinfo=UTC)
    return dt.astimezone(UTC)

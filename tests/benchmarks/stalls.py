"""Event-loop stall measurement shared by the benchmarks."""

from __future__ import annotations

import time

BEAT_MS = 5


def run_and_measure_stalls(app, seconds: float) -> tuple[float, int]:  # type: ignore[no-untyped-def]
    """Run the event loop for ``seconds`` with a 5 ms heartbeat timer on the GUI thread;
    returns (the longest stall beyond the beat in ms, the number of beats)."""
    from PySide6.QtCore import QElapsedTimer, QTimer

    gaps: list[float] = []
    elapsed = QElapsedTimer()
    elapsed.start()
    last = [elapsed.elapsed()]

    def beat() -> None:
        now = elapsed.elapsed()
        gaps.append(now - last[0])
        last[0] = now

    heart = QTimer()
    heart.setInterval(BEAT_MS)
    heart.timeout.connect(beat)
    heart.start()
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.001)
    heart.stop()
    return (max(gaps) - BEAT_MS if gaps else 0.0), len(gaps)

"""Qt objects die on the GUI thread, and a late answer never reaches a widget that is gone.

1. **Python frees Qt objects on the GUI thread only.** Python's cycle collector runs in
   whichever thread allocates when its threshold is crossed: a database read on a worker, say
   (``storage/incidents.py`` ``list_active``). A window or widget whose last references were
   a reference cycle was then freed on that worker; shiboken hands the C++ deletion back to the
   GUI thread at its next Python call, wherever that is (in the middle of a queued call to the
   window's scroll area), and the app died with SIGSEGV. So the automatic collector is off and
   the same collections run on a GUI-thread timer: :func:`collect_garbage_on_gui_thread`, once
   the application exists. Code run on a worker must not call ``gc.collect`` either.

2. **A result that comes back after its widget is gone is dropped.** :func:`gone` tells the
   task runner that a callback is a method of a deleted Qt object (a closed cockpit's
   ``set_posts``); :func:`bound_to` ties any other callable (a lambda, a closure) to the object
   it touches.
"""

from __future__ import annotations

import gc
import weakref
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QThread, QTimer
from shiboken6 import isValid

# How often the GUI thread does what the automatic collector would have done meanwhile.
COLLECT_EVERY_MS = 250

_collector: GuiThreadCollector | None = None


class GuiThreadCollector(QObject):
    """Python's cycle collector, run by a timer of the GUI thread instead of by whichever
    thread allocates (the automatic one is switched off)."""

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self.setObjectName("gui-thread-garbage-collector")
        self._thresholds = gc.get_threshold()
        gc.disable()
        self._timer = QTimer(self)
        self._timer.setInterval(COLLECT_EVERY_MS)
        self._timer.timeout.connect(self.collect)
        self._timer.start()

    def collect(self) -> int:
        """The collection the automatic collector would have made by now (the same
        generations, by the same counts); the number of objects freed."""
        if gc.isenabled():  # someone switched it back on: off again, it must not run on workers
            gc.disable()
        counts, thresholds = gc.get_count(), self._thresholds
        if thresholds[0] <= 0 or counts[0] <= thresholds[0]:
            return 0
        generation = 0
        if counts[1] > thresholds[1]:
            generation = 2 if counts[2] > thresholds[2] else 1
        return gc.collect(generation)


def collect_garbage_on_gui_thread(app: QCoreApplication) -> GuiThreadCollector:
    """From now on Python frees cyclic garbage, Qt objects included, on this (the GUI)
    thread only. Once per application; later calls return the same collector."""
    global _collector
    if _collector is not None and isValid(_collector):
        return _collector
    assert QThread.currentThread() is app.thread(), "call it on the GUI thread"
    _collector = GuiThreadCollector(app)
    return _collector


def collect_due() -> int:
    """The collection that is due, here (call it on the GUI thread: e.g. between tests that
    never ran the event loop); nothing before :func:`collect_garbage_on_gui_thread`."""
    return _collector.collect() if _collector is not None and isValid(_collector) else 0


class _Bound:
    """``fn`` while ``owner`` lives; nothing once it is deleted."""

    def __init__(self, owner: QObject, fn: Callable[..., Any]) -> None:
        self._owner = weakref.ref(owner)
        self._fn = fn

    @property
    def owner(self) -> QObject | None:
        return self._owner()

    def __call__(self, *args: Any) -> Any:
        owner = self._owner()
        if owner is None or not isValid(owner):
            return None
        return self._fn(*args)


def bound_to(owner: QObject, fn: Callable[..., Any]) -> Callable[..., Any]:
    """``fn``, called only while ``owner`` (the widget or model it touches) still exists: for
    a lambda or closure handed to a service whose answer may come after the window closed."""
    return _Bound(owner, fn)


def gone(callback: Callable[..., Any]) -> bool:
    """True when ``callback`` belongs to a Qt object that has been deleted: a method of it,
    or a :func:`bound_to` callable whose owner is gone."""
    if isinstance(callback, _Bound):
        owner = callback.owner
        return owner is None or not isValid(owner)
    owner = getattr(callback, "__self__", None)
    return isinstance(owner, QObject) and not isValid(owner)

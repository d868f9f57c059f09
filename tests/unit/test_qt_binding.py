"""The Qt binding itself must survive a long day in the tray.

PySide6 6.12.0 drops a reference to ``True`` on every signal emission: after a few thousand
signals (the one-second ticker, the workers' results) CPython aborts with "bool_dealloc".
This checks the installed binding, so a bump to a broken version fails here, not at 03:00.
"""

import sys
import threading

from PySide6.QtCore import QObject, Qt, Signal


class _Emitter(QObject):
    bare = Signal()
    payload = Signal(int, bool, object)


def test_signals_do_not_leak_references_to_builtin_singletons(qapp):
    emitter = _Emitter()
    received = []
    emitter.bare.connect(lambda: received.append(1))
    emitter.payload.connect(lambda *args: received.append(args), Qt.ConnectionType.QueuedConnection)
    before = sys.getrefcount(True), sys.getrefcount(False), sys.getrefcount(None)
    for _ in range(200):
        emitter.bare.emit()

    def from_a_worker() -> None:
        for n in range(200):
            emitter.payload.emit(n, False, None)

    worker = threading.Thread(target=from_a_worker)
    worker.start()
    worker.join()
    for _ in range(50):
        qapp.processEvents()
    received.clear()  # drop what the payloads themselves held
    after = sys.getrefcount(True), sys.getrefcount(False), sys.getrefcount(None)
    lost = [b - a for a, b in zip(after, before, strict=True)]
    # a few references come and go with caches; hundreds lost means one per signal
    assert all(n < 50 for n in lost), f"references lost to True/False/None: {lost}"

"""One console per user and data folder: a second launch hands over to the first.

The first instance holds a lock file and listens on a local socket; a later one finds the
lock taken, sends its request over the socket and exits. A stale lock (the first instance
crashed) is detected by QLockFile from the PID it holds. The lock is taken before the window is
built; the socket (QtNetwork) opens once the window is on screen, and a launch in between
waits for it.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QByteArray, QLockFile, QObject, Signal

if TYPE_CHECKING:
    from PySide6.QtNetwork import QLocalServer, QLocalSocket

log = logging.getLogger(__name__)

# How long a later launch waits for a first instance that holds the lock but is still starting.
STARTING_WAIT_SECONDS = 5.0


def server_name(data_dir: Path) -> str:
    import getpass
    import hashlib

    digest = hashlib.sha256(str(data_dir.resolve()).encode()).hexdigest()[:12]
    return f"oncall-desktop-{getpass.getuser()}-{digest}"


Reply = Callable[[dict[str, Any]], None]


class SingleInstance(QObject):
    """Signals:
    request_received(dict): a later launch asked for something, e.g. {"command": "show"}.

    With a handler set (:meth:`set_handler`), the handler answers each request itself, when it
    is ready (a terminal command may wait for the database); otherwise the request is simply
    acknowledged.
    """

    request_received = Signal(dict)

    def __init__(self, data_dir: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        data_dir.mkdir(parents=True, exist_ok=True)
        self._data_dir = data_dir
        self._name: str | None = None
        self._lock = QLockFile(str(data_dir / "instance.lock"))
        self._lock.setStaleLockTime(0)  # only a dead PID makes it stale, never its age
        self._server: QLocalServer | None = None
        self._handler: Callable[[dict[str, Any], Reply], None] | None = None

    def set_handler(self, handler: Callable[[dict[str, Any], Reply], None]) -> None:
        self._handler = handler

    @property
    def name(self) -> str:
        if self._name is None:
            self._name = server_name(self._data_dir)
        return self._name

    def acquire(self) -> bool:
        """True when this process is the first instance; it must then :meth:`serve` the others.

        Raises:
            PermissionError: the data folder is not writable.
        """
        if not self._lock.tryLock(0):
            if self._lock.error() == QLockFile.LockError.LockFailedError:
                return False  # another live instance holds it
            raise PermissionError(f"the lock file in {self._data_dir} cannot be written")
        return True

    def serve(self) -> None:
        """Answer later launches from now on (call after :meth:`acquire` returned True)."""
        from PySide6.QtNetwork import QLocalServer

        QLocalServer.removeServer(self.name)  # a leftover socket from a crashed run
        self._server = QLocalServer(self)
        self._server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        if not self._server.listen(self.name):
            log.warning("single-instance socket unavailable: %s", self._server.errorString())
        self._server.newConnection.connect(self._on_new_connection)

    def release(self) -> None:
        if self._server is not None:
            self._server.close()
        self._lock.unlock()

    def send(self, request: dict[str, Any], timeout_ms: int = 10_000) -> dict[str, Any] | None:
        """Deliver ``request`` to the running instance; its reply, or None if none answered."""
        socket = self._connect(timeout_ms)
        if socket is None:
            return None
        socket.write(QByteArray(json.dumps(request).encode() + b"\n"))
        socket.waitForBytesWritten(timeout_ms)
        buffer = b""
        while b"\n" not in buffer and socket.waitForReadyRead(timeout_ms):
            buffer += bytes(socket.readAll().data())
        socket.disconnectFromServer()
        try:
            return json.loads(buffer.decode().strip() or "null")
        except ValueError:
            return None

    def _connect(self, timeout_ms: int) -> QLocalSocket | None:
        from PySide6.QtNetwork import QLocalSocket

        # No socket yet while the lock is held: the first instance is still starting.
        deadline = time.monotonic() + min(timeout_ms / 1000, STARTING_WAIT_SECONDS)
        while True:
            socket = QLocalSocket()
            socket.connectToServer(self.name)
            if socket.waitForConnected(timeout_ms):
                return socket
            if time.monotonic() >= deadline or not self._first_holds_lock():
                return None
            time.sleep(0.05)

    def _first_holds_lock(self) -> bool:
        probe = QLockFile(str(self._data_dir / "instance.lock"))
        probe.setStaleLockTime(0)
        if probe.tryLock(0):
            probe.unlock()
            return False
        return True

    def _on_new_connection(self) -> None:
        assert self._server is not None
        while (socket := self._server.nextPendingConnection()) is not None:
            socket.readyRead.connect(lambda s=socket: self._on_ready_read(s))
            socket.disconnected.connect(socket.deleteLater)

    def _on_ready_read(self, socket: QLocalSocket) -> None:
        if not socket.canReadLine():
            return
        line = bytes(socket.readLine().data()).decode(errors="replace").strip()
        try:
            request = json.loads(line)
            if not isinstance(request, dict):
                raise ValueError("not an object")
        except ValueError:
            socket.write(QByteArray(b'{"ok": false, "error": "bad request"}\n'))
            return
        self.request_received.emit(request)
        if self._handler is None:
            _write(socket, {"ok": True})
            return
        self._handler(request, lambda reply, s=socket: _write(s, reply))


def _write(socket: QLocalSocket, reply: dict[str, Any]) -> None:
    """Answer, unless the asking process has gone meanwhile."""
    from PySide6.QtNetwork import QLocalSocket  # loaded by then: serve() imported QtNetwork

    try:
        if socket.state() != QLocalSocket.LocalSocketState.ConnectedState:
            return
        socket.write(QByteArray(json.dumps(reply, ensure_ascii=False).encode() + b"\n"))
        socket.flush()
    except RuntimeError:  # the socket object was deleted with its connection
        return

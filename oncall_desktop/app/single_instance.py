"""One console per user and data folder: a second launch hands over to the first.

The first instance holds a lock file and listens on a local socket; a later one finds the
lock taken, sends its request over the socket and exits. A stale lock (the first instance
crashed) is detected by QLockFile from the PID it holds. The lock is taken before the window is
built; the socket (QtNetwork) opens once the window is on screen, and a launch in between
waits for it.

The socket is private (README, "Security model"): it lives in a folder only this user can
enter ($XDG_RUNTIME_DIR, or a 0700 folder of ours in the temporary folder, checked to be ours
and not a link), never under a predictable name in the world-writable /tmp; on Linux each
side checks the other's user id (SO_PEERCRED) and hangs up on anyone else. Connections are
bounded (a flood cannot exhaust the file descriptors), a request line is bounded in size and
must arrive within a few seconds, and several requests on one connection are all answered.
"""

from __future__ import annotations

import functools
import json
import logging
import os
import stat
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QLockFile, QObject, Signal

if TYPE_CHECKING:
    from PySide6.QtNetwork import QLocalServer, QLocalSocket

log = logging.getLogger(__name__)

# How long a later launch waits for a first instance that holds the lock but is still starting.
STARTING_WAIT_SECONDS = 5.0


# Bounds on what a local client can make us hold.
MAX_CONNECTIONS = 16
MAX_REQUEST_BYTES = 64 * 1024  # a note longer than this is refused (commands cap it lower)
REQUEST_WITHIN_MS = 5_000  # a connection that sends no full request by then is closed


class SocketUnavailable(Exception):
    """No private place for the socket, or it cannot listen there: said in the window."""


def socket_folder() -> Path:
    """A folder only this user can enter, for the socket.

    Raises:
        SocketUnavailable: there is none (e.g. someone else made our folder in /tmp first).
    """
    runtime = os.environ.get("XDG_RUNTIME_DIR", "")
    if runtime and _private_folder(Path(runtime)):
        folder = Path(runtime) / "oncall-desktop"
        folder.mkdir(mode=0o700, exist_ok=True)
        if _private_folder(folder):
            return folder
    import tempfile

    uid = os.getuid() if hasattr(os, "getuid") else 0
    folder = Path(tempfile.gettempdir()) / f"oncall-desktop-{uid}"
    try:
        folder.mkdir(mode=0o700)
    except FileExistsError:
        pass
    except OSError as error:
        raise SocketUnavailable(f"{folder} cannot be made ({error.strerror})") from None
    if not _private_folder(folder):
        raise SocketUnavailable(
            f"{folder} belongs to another user or is open to others; the terminal commands and "
            "the second-launch hand-over are off until it is removed"
        )
    return folder


def _private_folder(folder: Path) -> bool:
    """A real folder (not a link), ours, that nobody else may enter or write."""
    try:
        info = os.lstat(folder)
    except OSError:
        return False
    if not stat.S_ISDIR(info.st_mode):
        return False
    if hasattr(os, "getuid") and info.st_uid != os.getuid():
        return False
    return info.st_mode & 0o077 == 0


def server_name(data_dir: Path) -> str:
    """The socket's full path: one per user and data folder, in a private folder."""
    import getpass
    import hashlib

    digest = hashlib.sha256(str(data_dir.resolve()).encode()).hexdigest()[:12]
    return str(socket_folder() / f"{getpass.getuser()}-{digest}.sock")


def peer_uid(descriptor: int) -> int | None:
    """The user id of the process at the other end of a local socket (Linux), else None."""
    if not sys.platform.startswith("linux") or descriptor < 0:
        return None
    import socket
    import struct

    try:
        with socket.socket(fileno=os.dup(descriptor)) as peer:
            raw = peer.getsockopt(socket.SOL_SOCKET, socket.SO_PEERCRED, struct.calcsize("3i"))
    except OSError:
        return None
    return struct.unpack("3i", raw)[1]


def _same_user(descriptor: int) -> bool:
    uid = peer_uid(descriptor)
    return uid is None or uid == os.getuid()


# A request or an answer: one JSON object (its values read with isinstance where they matter).
Json = dict[str, object]
Reply = Callable[[Json], None]


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
        self._connections = 0
        self._refused_logged = False
        self._handler: Callable[[Json, Reply], None] | None = None

    def set_handler(self, handler: Callable[[Json, Reply], None]) -> None:
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
        """Answer later launches from now on (call after :meth:`acquire` returned True).

        Raises:
            SocketUnavailable: no private socket could be had; the app runs without one.
        """
        from PySide6.QtCore import QTimer
        from PySide6.QtNetwork import QLocalServer

        name = self.name  # raises SocketUnavailable
        QLocalServer.removeServer(name)  # a leftover socket from a crashed run (ours: private)
        self._server = QLocalServer(self)
        self._server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self._server.setMaxPendingConnections(MAX_CONNECTIONS)
        self._server.newConnection.connect(self._on_new_connection)
        if not self._server.listen(name):
            raise SocketUnavailable(self._server.errorString())
        # Qt stops listening for good when accept() fails (e.g. out of file descriptors under
        # a flood): look every few seconds and listen again.
        self._watchdog = QTimer(self)
        self._watchdog.setInterval(3_000)
        self._watchdog.timeout.connect(self._keep_listening)
        self._watchdog.start()

    def _keep_listening(self) -> None:
        if self._server is not None and not self._server.isListening():
            from PySide6.QtNetwork import QLocalServer

            log.warning("single-instance socket stopped listening; listening again")
            QLocalServer.removeServer(self.name)
            self._server.listen(self.name)

    def release(self) -> None:
        if self._server is not None:
            self._server.close()
        self._lock.unlock()

    def send(self, request: Json, timeout_ms: int = 10_000) -> Json | None:
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
        if b"\n" not in buffer:  # it is running (it took the request) but did not answer
            return {"ok": False, "error": "the running app did not answer in time"}
        try:
            answer = json.loads(buffer.decode().strip() or "null")
            if answer is None or isinstance(answer, dict):
                return answer
            raise ValueError("not an object")
        except (ValueError, RecursionError):
            return {"ok": False, "error": "the running app's answer was not understood"}

    def _connect(self, timeout_ms: int) -> QLocalSocket | None:
        from PySide6.QtNetwork import QLocalSocket

        # No socket yet while the lock is held: the first instance is still starting.
        deadline = time.monotonic() + min(timeout_ms / 1000, STARTING_WAIT_SECONDS)
        try:
            name = self.name
        except SocketUnavailable as error:
            log.warning("no private socket: %s", error)
            return None
        while True:
            socket = QLocalSocket()
            socket.connectToServer(name)
            if socket.waitForConnected(timeout_ms):
                if _same_user(int(socket.socketDescriptor())):
                    return socket
                log.warning("the console socket belongs to another user: not talking to it")
                socket.abort()
                return None
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
        from PySide6.QtCore import QTimer

        assert self._server is not None
        while (socket := self._server.nextPendingConnection()) is not None:
            if self._connections >= MAX_CONNECTIONS:
                if not self._refused_logged:
                    log.warning("more than %d local connections at once: refusing", MAX_CONNECTIONS)
                    self._refused_logged = True
                socket.abort()
                socket.deleteLater()
                continue
            if not _same_user(int(socket.socketDescriptor())):
                log.warning("a local connection from another user: refused")
                socket.abort()
                socket.deleteLater()
                continue
            self._connections += 1
            self._refused_logged = False
            socket.readyRead.connect(lambda s=socket: self._on_ready_read(s))
            socket.disconnected.connect(self._on_disconnected)
            socket.disconnected.connect(socket.deleteLater)
            # no full request in time: hang up (an idle connection holds a descriptor)
            QTimer.singleShot(REQUEST_WITHIN_MS, socket, lambda s=socket: _hang_up_if_silent(s))

    def _on_disconnected(self) -> None:
        self._connections = max(0, self._connections - 1)

    def _on_ready_read(self, socket: QLocalSocket) -> None:
        while socket.canReadLine():
            raw = bytes(socket.readLine(MAX_REQUEST_BYTES + 1).data())
            if not raw.endswith(b"\n"):
                _refuse(socket, "request too long")
                return
            socket.setProperty("answered", True)
            self._answer(socket, raw)
        if socket.bytesAvailable() > MAX_REQUEST_BYTES:
            _refuse(socket, "request too long")

    def _answer(self, socket: QLocalSocket, raw: bytes) -> None:
        line = raw.decode(errors="replace").strip()
        try:
            request = json.loads(line)
            if not isinstance(request, dict):
                raise ValueError("not an object")
        except (ValueError, RecursionError):
            socket.write(QByteArray(b'{"ok": false, "error": "bad request"}\n'))
            return
        self.request_received.emit(request)
        if self._handler is None:
            _write(socket, {"ok": True})
            return
        self._handler(request, functools.partial(_write, socket))


def _refuse(socket: QLocalSocket, why: str) -> None:
    socket.write(QByteArray(json.dumps({"ok": False, "error": why}).encode() + b"\n"))
    socket.flush()
    socket.disconnectFromServer()


def _hang_up_if_silent(socket: QLocalSocket) -> None:
    try:
        if not socket.property("answered"):
            socket.abort()
    except RuntimeError:  # already gone
        return


def _write(socket: QLocalSocket, reply: Json) -> None:
    """Answer, unless the asking process has gone meanwhile."""
    from PySide6.QtNetwork import QLocalSocket  # loaded by then: serve() imported QtNetwork

    try:
        if socket.state() != QLocalSocket.LocalSocketState.ConnectedState:
            return
        socket.write(QByteArray(json.dumps(reply, ensure_ascii=False).encode() + b"\n"))
        socket.flush()
    except RuntimeError:  # the socket object was deleted with its connection
        return

"""The local socket that terminal commands and a second launch use: private to the user, bounded,
and never a way in for another local user (issue 15, items 5 and 10)."""

import json
import os
import socket
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from oncall_desktop.app import single_instance
from oncall_desktop.app.single_instance import (
    SingleInstance,
    SocketUnavailable,
    peer_uid,
    socket_folder,
)

CLIENT = textwrap.dedent(
    """
    import json, pathlib, sys
    from oncall_desktop.app.single_instance import SingleInstance
    answer = SingleInstance(pathlib.Path(sys.argv[1])).send({"command": "show"}, timeout_ms=3000)
    print(json.dumps(answer))
    """
)


@pytest.fixture
def private_tmp(monkeypatch):
    """No $XDG_RUNTIME_DIR and a temporary folder of the test's own, so that squatting it can
    be staged without touching the machine's /tmp. Short: under pytest's tmp_path (its run
    number grows with the machine's runs) the socket's path outgrew what a socket address
    holds (108 bytes) and listening failed with "Name error"."""
    import shutil
    import tempfile

    base = Path(tempfile.mkdtemp(prefix="od-", dir="/tmp"))
    monkeypatch.delenv("XDG_RUNTIME_DIR", raising=False)
    monkeypatch.setenv("TMPDIR", str(base))  # for the client processes
    monkeypatch.setattr(tempfile, "tempdir", str(base))
    yield base
    shutil.rmtree(base, ignore_errors=True)


@pytest.fixture
def first(tmp_path, private_tmp):
    instance = SingleInstance(tmp_path / "data")
    assert instance.acquire()
    instance.serve()
    yield instance
    instance.release()


def ask_from_another_process(qtbot, data_dir: Path, script: str = CLIENT):
    env = dict(os.environ)
    client = subprocess.Popen(
        [sys.executable, "-c", script, str(data_dir)],
        stdout=subprocess.PIPE,
        text=True,
        env=env,
    )
    qtbot.waitUntil(lambda: client.poll() is not None, timeout=15_000)
    out = client.stdout.read()
    client.stdout.close()
    return out


def test_the_socket_lives_in_a_folder_only_its_user_can_enter(first, private_tmp):
    path = Path(first.name)
    folder = path.parent
    assert folder.parent == private_tmp  # not directly in the shared temporary folder
    info = os.lstat(folder)
    assert stat.S_ISDIR(info.st_mode) and info.st_uid == os.getuid()
    assert info.st_mode & 0o777 == 0o700
    assert stat.S_ISSOCK(os.stat(path).st_mode)


def test_xdg_runtime_dir_is_preferred_when_private(tmp_path, private_tmp, monkeypatch):
    runtime = tmp_path / "run"
    runtime.mkdir(mode=0o700)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(runtime))
    assert socket_folder() == runtime / "oncall-desktop"


@pytest.mark.parametrize("squat", ["open_to_others", "a_link"])
def test_a_squatted_folder_is_refused_and_said(tmp_path, private_tmp, squat):
    folder = private_tmp / f"oncall-desktop-{os.getuid()}"
    if squat == "open_to_others":
        folder.mkdir()
        folder.chmod(0o777)  # another user could bind the socket or replace it
    else:
        elsewhere = tmp_path / "elsewhere"
        elsewhere.mkdir(mode=0o700)
        folder.symlink_to(elsewhere)
    instance = SingleInstance(tmp_path / "data")
    assert instance.acquire()
    try:
        with pytest.raises(SocketUnavailable, match="another user or is open to others"):
            instance.serve()
        assert instance.send({"command": "show"}, timeout_ms=500) is None  # never talks to it
    finally:
        instance.release()


def test_peer_credentials_name_the_other_side():
    left, right = socket.socketpair()
    with left, right:
        assert peer_uid(left.fileno()) == os.getuid()


def test_a_connection_from_another_user_is_refused(qtbot, first, tmp_path, monkeypatch):
    received = []
    first.request_received.connect(received.append)
    assert json.loads(ask_from_another_process(qtbot, tmp_path / "data")) == {"ok": True}
    monkeypatch.setattr(single_instance, "peer_uid", lambda descriptor: os.getuid() + 1)
    answer = json.loads(ask_from_another_process(qtbot, tmp_path / "data"))
    assert answer is None or answer["ok"] is False  # hung up on...
    assert len(received) == 1  # ...before its request reached the app


def test_several_requests_on_one_connection_are_all_answered(qtbot, first, tmp_path):
    script = textwrap.dedent(
        """
        import pathlib, sys
        from PySide6.QtCore import QByteArray
        from PySide6.QtNetwork import QLocalSocket
        from oncall_desktop.app.single_instance import SingleInstance
        s = QLocalSocket()
        s.connectToServer(SingleInstance(pathlib.Path(sys.argv[1])).name)
        assert s.waitForConnected(3000)
        s.write(QByteArray(b'{"command": "show"}\\n{"command": "status"}\\n'))
        s.waitForBytesWritten(3000)
        got = b""
        while got.count(b"\\n") < 2 and s.waitForReadyRead(3000):
            got += bytes(s.readAll().data())
        print(got.decode().strip().replace("\\n", "|"))
        """
    )
    out = ask_from_another_process(qtbot, tmp_path / "data", script)
    assert out.strip() == '{"ok": true}|{"ok": true}'


def test_an_endless_line_is_refused_not_buffered(qtbot, first, tmp_path):
    script = textwrap.dedent(
        """
        import pathlib, sys
        from PySide6.QtCore import QByteArray
        from PySide6.QtNetwork import QLocalSocket
        from oncall_desktop.app.single_instance import SingleInstance
        s = QLocalSocket()
        s.connectToServer(SingleInstance(pathlib.Path(sys.argv[1])).name)
        assert s.waitForConnected(3000)
        s.write(QByteArray(b'{"command": "note", "text": "' + b"x" * 200_000))
        s.waitForBytesWritten(3000)
        got = b""
        while b"\\n" not in got and s.waitForReadyRead(3000):
            got += bytes(s.readAll().data())
        print(got.decode().strip())
        """
    )
    out = ask_from_another_process(qtbot, tmp_path / "data", script)
    assert json.loads(out) == {"ok": False, "error": "request too long"}


def test_a_connection_flood_neither_closes_the_socket_nor_starves_later_requests(
    qtbot, first, tmp_path, monkeypatch
):
    monkeypatch.setattr(single_instance, "MAX_CONNECTIONS", 8)
    flood = textwrap.dedent(
        """
        import pathlib, sys, time
        from PySide6.QtNetwork import QLocalSocket
        from oncall_desktop.app.single_instance import SingleInstance
        name = SingleInstance(pathlib.Path(sys.argv[1])).name
        held = []
        for _ in range(40):
            s = QLocalSocket()
            s.connectToServer(name)
            s.waitForConnected(1000)
            held.append(s)  # idle: never sends a request
        # until the console has hung up on all but its bound (8), however busy the machine,
        # within the 5 s after which it hangs up on idle connections too
        gone = QLocalSocket.LocalSocketState.UnconnectedState
        deadline = time.monotonic() + 4
        while sum(s.state() == gone for s in held) < 32 and time.monotonic() < deadline:
            for s in held:
                if s.state() != gone:
                    s.waitForDisconnected(5)  # reads the hang-up, if there is one
        print(sum(s.state() != gone for s in held))
        """
    )
    flooder = subprocess.Popen(
        [sys.executable, "-c", flood, str(tmp_path / "data")], stdout=subprocess.PIPE, text=True
    )
    qtbot.waitUntil(lambda: flooder.poll() is not None, timeout=20_000)
    still_connected = int(flooder.stdout.read().strip())
    flooder.stdout.close()
    assert still_connected == 8  # the bound; the rest were hung up on at once
    out = ask_from_another_process(qtbot, tmp_path / "data")
    assert json.loads(out) == {"ok": True}  # still listening and answering


def test_terminal_commands_reach_a_drill_console_with_drill(qtbot, tmp_path, private_tmp):
    """Issue 17: `status` answered 'not running' while a drill ran (its own data folder)."""
    from oncall_desktop.app.paths import AppPaths

    env = dict(os.environ, ONCALL_DATA_DIR=str(tmp_path / "data"))
    env["ONCALL_CONFIG_DIR"] = str(tmp_path / "config")
    drill = SingleInstance(AppPaths(tmp_path / "config", tmp_path / "data").for_drill().data_dir)
    assert drill.acquire()
    drill.serve()
    try:

        def run(*args):
            process = subprocess.Popen(
                [sys.executable, "-m", "oncall_desktop", *args],
                env=env,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            qtbot.waitUntil(lambda: process.poll() is not None, timeout=20_000)
            out, err = process.communicate()
            return process.returncode, out, err

        code, out, _err = run("status", "--drill")
        assert code == 0 and "No open incident." in out
        code, _out, err = run("status")  # the real console is not running
        assert code == 3 and "is not running" in err
    finally:
        drill.release()

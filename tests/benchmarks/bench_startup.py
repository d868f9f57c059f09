"""Start-up time and idle memory of the app, next to a bare PySide6 window with a tray icon.

Both run on the same private desktop (Xvfb + tray host, tests/helpers/desktop.py), five times
each, interleaved. "Ready" is observed from outside the process, from time-stamped events: the
X server mapping the window (streamed by xev) and the tray host registering the icon. "Usable"
(the app only) is when the console answers a terminal ``status`` over its local socket with its
incidents: the database open and migrated, the commands served. Memory is the RSS after 2 s of
idling, counted from when the console is usable.

    python tests/benchmarks/bench_startup.py [--runs 5]

Targets (issue 26): start and usable ≤ 1.5 × the bare window's start; idle memory ≤ 2.0 × bare
on every start, the first one included. The "floor" rows run the bare window with the libraries
the design card makes the app hold at idle, to show how much of the time and memory is theirs
and how much the app's own: a usable console has SQLAlchemy loaded and its database open, so
the second floor row is the least its "usable" can be.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import textwrap
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.helpers.desktop import DesktopSession, missing_tools  # noqa: E402

BARE_APP = textwrap.dedent("""
    import sys
    from PySide6.QtWidgets import QApplication, QLabel, QMainWindow, QSystemTrayIcon, QStyle
    app = QApplication(sys.argv)
    window = QMainWindow()
    window.setWindowTitle("Bare PySide6 baseline")
    window.setCentralWidget(QLabel("bare"))
    window.resize(960, 480)
    tray = QSystemTrayIcon(app.style().standardIcon(QStyle.StandardPixmap.SP_ComputerIcon))
    tray.show()
    window.show()
    sys.exit(app.exec())
""")

# The same bare window holding what the app must hold at idle by the design card (SQLAlchemy
# with an open SQLite connection; then its ORM; then the keyring's Secret Service backend),
# loaded before PySide6 so that PySide's import hook adds nothing: a floor no app built on
# these libraries can go under, to read the app's own share against.
FLOOR_CORE = textwrap.dedent("""
    import sqlalchemy
    engine = sqlalchemy.create_engine("sqlite://")
    with engine.connect() as connection:
        connection.execute(sqlalchemy.text("select 1"))
""")
FLOOR_ORM = FLOOR_CORE + "import sqlalchemy.orm\n"
FLOOR_KEYRING = FLOOR_ORM + "import keyring\nkeyring.get_keyring()\n"
FLOORS = (
    ("floor: + SQLAlchemy, SQLite open", "floor_core", FLOOR_CORE),
    ("floor: + its ORM", "floor_orm", FLOOR_ORM),
    ("floor: + keyring backend", "floor_keyring", FLOOR_KEYRING),
)

TARGET_START = 1.5
TARGET_MEMORY = 2.0


def rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS")


class WindowMaps:
    """When each top-level window was mapped, as the X server tells ``xev`` (streamed, so the
    benchmark never polls the screen with subprocesses that would compete for the CPU)."""

    def __init__(self, env: dict[str, str]) -> None:
        self._proc = subprocess.Popen(
            ["stdbuf", "-oL", "xev", "-root", "-event", "substructure"],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        self.maps: list[tuple[float, int]] = []  # (monotonic time, window id)
        self._thread = threading.Thread(target=self._read, daemon=True)
        self._thread.start()

    def _read(self) -> None:
        assert self._proc.stdout is not None
        mapping = False
        for line in self._proc.stdout:
            if line.startswith("MapNotify event"):
                mapping = True
            elif mapping and " window 0x" in line:
                window = int(line.split(" window ")[1].split(",")[0], 16)
                self.maps.append((time.monotonic(), window))
                mapping = False

    def stop(self) -> None:
        self._proc.terminate()
        self._proc.wait(5)


def status_answers(socket_path: str) -> bool:
    """Whether the console answers ``status`` with its incidents (not "still opening")."""
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as client:
            client.settimeout(2.0)
            client.connect(socket_path)
            client.sendall(json.dumps({"command": "status"}).encode() + b"\n")
            answer = b""
            while not answer.endswith(b"\n"):
                chunk = client.recv(65536)
                if not chunk:
                    return False
                answer += chunk
    except OSError:  # not listening yet
        return False
    return bool(json.loads(answer).get("ok"))


def console_socket(env: dict[str, str]) -> str:
    """Where the console started with ``env`` listens (app/single_instance.server_name)."""
    from oncall_desktop.app import single_instance

    saved = os.environ.get("XDG_RUNTIME_DIR")
    os.environ["XDG_RUNTIME_DIR"] = env["XDG_RUNTIME_DIR"]
    try:
        return single_instance.server_name(Path(env["ONCALL_DATA_DIR"]))
    finally:
        if saved is None:
            del os.environ["XDG_RUNTIME_DIR"]
        else:
            os.environ["XDG_RUNTIME_DIR"] = saved


def measure(
    desktop: DesktopSession,
    maps: WindowMaps,
    cmd: list[str],
    title: str,
    env: dict[str, str],
    socket_path: str | None = None,
):
    """(seconds from launch to window mapped and tray icon registered, RSS after idling,
    seconds from launch to the console answering ``status``, or None for a bare window)."""
    wall, start = time.time(), time.monotonic()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    window = tray = None
    try:
        while window is None or tray is None:
            if time.monotonic() - start > 30:
                raise RuntimeError(f"{title} did not become ready")
            time.sleep(0.05)  # what is timed comes from the events, not from this loop
            if window is None and any(t > start for t, _ in maps.maps):
                ours = {int(w) for w in desktop.visible_windows(title)}
                window = next((t - start for t, w in maps.maps if t > start and w in ours), None)
            if tray is None:
                registered = [
                    e
                    for e in desktop.events()
                    if e["event"] == "RegisterStatusNotifierItem" and e["t"] > wall
                ]
                ours_on_bus = [e for e in registered if desktop.bus_pid(e["service"]) == proc.pid]
                tray = ours_on_bus[0]["t"] - wall if ours_on_bus else None
        ready = max(window, tray)
        usable = None
        while socket_path is not None and usable is None:
            if time.monotonic() - start > 30:
                raise RuntimeError(f"{title} never answered status")
            if status_answers(socket_path):
                usable = time.monotonic() - start  # the answer is the event timed here
            else:
                time.sleep(0.02)
        if os.environ.get("BENCH_VERBOSE"):
            times = f"window {window * 1000:.0f} tray {tray * 1000:.0f} usable {usable}"
            print(times, file=sys.stderr)
        time.sleep(2.0)
        memory = rss_mib(proc.pid)
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(15)
        except subprocess.TimeoutExpired:
            proc.kill()
    return ready, memory, usable


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument(
        "--no-floor", action="store_true", help="skip the design-card floor rows (faster)"
    )
    args = parser.parse_args()
    missing = missing_tools() + [t for t in ("xev", "stdbuf") if shutil.which(t) is None]
    if missing:
        print(f"needs {', '.join(missing)}", file=sys.stderr)
        return 2
    # An installed app has its bytecode compiled by pip; do the same for a source checkout
    # (this machine may set PYTHONDONTWRITEBYTECODE, which would recompile on every start).
    subprocess.run(
        [sys.executable, "-m", "compileall", "-q", str(ROOT / "oncall_desktop")], check=True
    )
    desktop = DesktopSession()
    desktop.start()
    maps = WindowMaps(desktop.env())
    work = Path(tempfile.mkdtemp(prefix="oncall-bench-"))
    results: dict[str, list[tuple[float, float, float | None]]] = {
        "bare": [],
        "first": [],
        "app": [],
    }
    runtime = work / "run"
    runtime.mkdir(mode=0o700)
    try:
        bare_script = work / "bare.py"
        bare_script.write_text(BARE_APP)
        floor_scripts = {}
        for _label, key, preamble in FLOORS:
            floor_scripts[key] = work / f"{key}.py"
            floor_scripts[key].write_text(preamble + BARE_APP)
            results[key] = []
        app_cmd = [sys.executable, "-m", "oncall_desktop", "--no-dialogs"]
        for run in range(args.runs):
            results["bare"].append(
                measure(
                    desktop,
                    maps,
                    [sys.executable, str(bare_script)],
                    "Bare PySide6 baseline",
                    desktop.env(),
                )
            )
            if not args.no_floor:
                for key, script in floor_scripts.items():
                    results[key].append(
                        measure(
                            desktop,
                            maps,
                            [sys.executable, str(script)],
                            "Bare PySide6 baseline",
                            desktop.env(),
                        )
                    )
            data = work / f"data-{run}"
            env = desktop.env(
                ONCALL_DATA_DIR=str(data),
                ONCALL_CONFIG_DIR=str(work / "config"),
                XDG_RUNTIME_DIR=str(runtime),
            )
            path = console_socket(env)
            # first start: empty data folder, the database is created and migrated
            results["first"].append(measure(desktop, maps, app_cmd, "On-call Desktop", env, path))
            # a regular start: the database exists
            results["app"].append(measure(desktop, maps, app_cmd, "On-call Desktop", env, path))
    finally:
        maps.stop()
        desktop.stop()
        shutil.rmtree(work, ignore_errors=True)

    def med(key: str, i: int) -> float:
        return statistics.median(r[i] or 0.0 for r in results[key])

    bare_start, bare_mem = med("bare", 0), med("bare", 1)
    print(f"startup and idle memory, median of {args.runs} runs (Xvfb + tray host)")
    print(
        f"{'':32} {'start (ms)':>11} {'ratio':>6} {'usable (ms)':>12} {'ratio':>6} "
        f"{'RSS (MiB)':>10} {'ratio':>6}"
    )
    rows = [("bare PySide6 window + tray", "bare")]
    if not args.no_floor:
        rows += [(label, key) for label, key, _preamble in FLOORS]
    rows += [("app, first start (migrates)", "first"), ("app, regular start", "app")]
    for label, key in rows:
        start, mem = med(key, 0), med(key, 1)
        usable = (
            f"{med(key, 2) * 1000:12.0f} {med(key, 2) / bare_start:6.2f}"
            if results[key][0][2] is not None
            else f"{'':12} {'':6}"
        )
        print(
            f"{label:32} {start * 1000:11.0f} {start / bare_start:6.2f} {usable} {mem:10.1f} "
            f"{mem / bare_mem:6.2f}"
        )
    start_ratio = med("app", 0) / bare_start
    usable_ratio = med("app", 2) / bare_start
    mem_ratio = max(med("app", 1), med("first", 1)) / bare_mem  # every start, the first too
    if not args.no_floor:
        # what no console built on the design card's libraries can go under: a bare window
        # that has imported SQLAlchemy and opened SQLite before showing itself
        floor = med("floor_orm", 0)
        print(
            f"usable against the floor (+ SQLAlchemy and its ORM, SQLite open): "
            f"{med('app', 2) / floor:.2f} × ({floor * 1000:.0f} ms)"
        )
    verdict = {True: "met", False: "NOT met"}
    print(
        f"targets: start ≤ {TARGET_START} × bare: {verdict[start_ratio <= TARGET_START]}; "
        f"usable ≤ {TARGET_START} × bare: {verdict[usable_ratio <= TARGET_START]}; "
        f"memory ≤ {TARGET_MEMORY} × bare (first and regular start): "
        f"{verdict[mem_ratio <= TARGET_MEMORY]}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""A real desktop session for the tests: Xvfb, a private D-Bus session bus, a tray host with a
notification server (tests/desktop/fake_desktop.py), and an unlocked gnome-keyring.

Nothing here changes this process's environment: in-process Qt stays offscreen. Apps started
by the tests get :meth:`DesktopSession.env`.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

FAKE_DESKTOP = Path(__file__).resolve().parent.parent / "desktop" / "fake_desktop.py"
REQUIRED = ("Xvfb", "dbus-daemon", "dbus-send", "gnome-keyring-daemon", "xdotool")
KEYRING_PASSWORD = "ci-password"
WINDOW_MANAGER = "openbox"  # draws title bars and frames, as a laptop's desktop does
# As a GNOME laptop has it: a panel of 32 px along the top (kept free of windows, so Qt's
# available geometry leaves it out) and a title bar of about 37 px.
OPENBOX_CONFIG = """<?xml version="1.0" encoding="UTF-8"?>
<openbox_config xmlns="http://openbox.org/3.4/rc">
  <margins><top>32</top><bottom>0</bottom><left>0</left><right>0</right></margins>
  <theme>
    <name>Clearlooks</name>
    <font place="ActiveWindow"><name>sans</name><size>18</size><weight>bold</weight></font>
    <font place="InactiveWindow"><name>sans</name><size>18</size><weight>bold</weight></font>
  </theme>
</openbox_config>
"""


def missing_tools() -> list[str]:
    return [tool for tool in REQUIRED if shutil.which(tool) is None]


class DesktopSession:
    def __init__(self, screen: str = "1280x800x24") -> None:
        self.screen = screen  # WIDTHxHEIGHTxDEPTH of the X server
        self.dir = Path(tempfile.mkdtemp(prefix="oncall-desktop-"))
        self.dir.chmod(0o700)
        self.events_file = self.dir / "desktop-events.jsonl"
        self._procs: list[subprocess.Popen[str]] = []
        self._env: dict[str, str] = {}

    def start(self) -> None:
        for sub in ("runtime", "data", "home"):
            (self.dir / sub).mkdir(mode=0o700)
        base = {
            "XDG_RUNTIME_DIR": str(self.dir / "runtime"),
            "XDG_DATA_HOME": str(self.dir / "data"),  # the login keyring file goes here
            "HOME": str(self.dir / "home"),
        }
        self._env.update(base)
        self._env["DISPLAY"] = self._start_xvfb()
        self._env["DBUS_SESSION_BUS_ADDRESS"] = self._start_bus()
        self._start_fake_desktop()
        self._unlock_keyring()

    def start_display(self, window_manager: bool = False) -> None:
        """Only the X server (no bus, no tray, no keyring): enough to show and capture windows;
        ``window_manager``: with one (openbox), so that windows have their title bar and
        frame, placed as a desktop places them."""
        self._env["DISPLAY"] = self._start_xvfb()
        if window_manager:
            self._start_window_manager()

    def _start_window_manager(self) -> None:
        config = self.dir / "openbox-rc.xml"
        config.write_text(OPENBOX_CONFIG)
        proc = subprocess.Popen(
            [WINDOW_MANAGER, "--sm-disable", "--config-file", str(config)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            env={**os.environ, **self._env},
        )
        self._procs.append(proc)

        def managing() -> bool:  # a window manager names itself on the root window
            out = subprocess.run(
                ["xprop", "-root", "_NET_SUPPORTING_WM_CHECK"],
                capture_output=True,
                text=True,
                env={**os.environ, **self._env},
                timeout=10,
            )
            return "window id" in out.stdout

        if not wait_for(managing, timeout=20, interval=0.1):
            raise RuntimeError(f"{WINDOW_MANAGER} did not start")

    def _start_xvfb(self) -> str:
        read_end, write_end = os.pipe()
        proc = subprocess.Popen(
            [
                "Xvfb",
                "-displayfd",
                str(write_end),
                "-screen",
                "0",
                self.screen,
                "-nolisten",
                "tcp",
                "-noreset",
            ],
            pass_fds=(write_end,),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        os.close(write_end)
        self._procs.append(proc)
        with os.fdopen(read_end) as pipe:
            number = pipe.readline().strip()
        if not number:
            raise RuntimeError("Xvfb did not start")
        return f":{number}"

    def _start_bus(self) -> str:
        proc = subprocess.Popen(
            ["dbus-daemon", "--session", "--nofork", "--print-address=1"],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
            env={**os.environ, **self._env},
        )
        self._procs.append(proc)
        address = proc.stdout.readline().strip() if proc.stdout else ""
        if not address:
            raise RuntimeError("dbus-daemon did not start")
        return address

    def _start_fake_desktop(self) -> None:
        proc = subprocess.Popen(
            [sys.executable, str(FAKE_DESKTOP), str(self.events_file)],
            stdout=subprocess.PIPE,
            text=True,
            env={**os.environ, **self._env},
        )
        self._procs.append(proc)
        if not proc.stdout or proc.stdout.readline().strip() != "READY":
            raise RuntimeError("the fake desktop did not start")

    def _unlock_keyring(self) -> None:
        # --unlock reads the password on stdin; with no keyring yet it creates "login" with it.
        # Unlocking first matters: a locked keyring with a display opens an invisible prompt
        # and every keyring call hangs.
        out = subprocess.run(
            ["gnome-keyring-daemon", "--unlock", "--components=secrets"],
            input=KEYRING_PASSWORD,
            capture_output=True,
            text=True,
            timeout=30,
            env={**os.environ, **self._env},
            check=True,
        ).stdout
        for line in out.splitlines():
            key, _, value = line.partition("=")
            if key == "GNOME_KEYRING_CONTROL":
                self._env[key] = value

    def env(self, **extra: str) -> dict[str, str]:
        """Environment for an app started on this desktop."""
        env = {k: v for k, v in os.environ.items() if k != "PYTHON_KEYRING_BACKEND"}
        env.update(self._env)
        env["QT_QPA_PLATFORM"] = "xcb"
        env.update(extra)
        return env

    def store_secret(self, name: str, value: str) -> None:
        """Put a secret in this desktop's real keyring, the way the app does."""
        script = (
            "import sys\n"
            "from oncall_desktop.integrations.secrets import KeyringSecretStore\n"
            "KeyringSecretStore(timeout=15).set(sys.argv[1], sys.argv[2])\n"
        )
        subprocess.run(
            [sys.executable, "-c", script, name, value], env=self.env(), check=True, timeout=60
        )

    def events(self) -> list[dict]:
        if not self.events_file.exists():
            return []
        return [json.loads(line) for line in self.events_file.read_text().splitlines() if line]

    def bus_pid(self, bus_name: str) -> int | None:
        """The process behind a connection on the session bus (None once it has gone)."""
        out = subprocess.run(
            [
                "dbus-send",
                "--session",
                "--print-reply",
                "--dest=org.freedesktop.DBus",
                "/org/freedesktop/DBus",
                "org.freedesktop.DBus.GetConnectionUnixProcessID",
                f"string:{bus_name}",
            ],
            capture_output=True,
            text=True,
            env=self.env(),
            timeout=10,
        )
        words = out.stdout.split()
        return int(words[-1]) if out.returncode == 0 and words else None

    def tray_items_of(self, pid: int) -> list[str]:
        """Tray icons (StatusNotifierItems) that process ``pid`` registered with the host."""
        return [
            e["service"]
            for e in self.events()
            if e["event"] == "RegisterStatusNotifierItem" and self.bus_pid(e["service"]) == pid
        ]

    def visible_windows(self, name: str) -> list[str]:
        out = subprocess.run(
            ["xdotool", "search", "--onlyvisible", "--name", name],
            capture_output=True,
            text=True,
            env=self.env(),
            timeout=10,
        )
        return out.stdout.split()

    def screenshot(self, path: Path) -> bool:
        if shutil.which("import") is None:
            return False
        result = subprocess.run(
            ["import", "-window", "root", str(path)],
            env=self.env(),
            capture_output=True,
            timeout=30,
        )
        return result.returncode == 0

    def stop(self) -> None:
        for proc in reversed(self._procs):
            proc.terminate()
            try:
                proc.wait(5)
            except subprocess.TimeoutExpired:
                proc.kill()
        # gnome-keyring-daemon forks away from us; it exits when its bus goes, but make sure.
        subprocess.run(
            ["pkill", "-f", f"gnome-keyring-daemon.*{self.dir}"], check=False, capture_output=True
        )
        shutil.rmtree(self.dir, ignore_errors=True)


def wait_for(predicate, timeout: float = 10.0, interval: float = 0.02):  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            return value
        time.sleep(interval)

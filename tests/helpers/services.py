"""Real services for the tests: a throwaway PostgreSQL cluster.

In CI (``CI=true``) a service that cannot be had fails the tests that need it; elsewhere they
are skipped with the reason.
"""

from __future__ import annotations

import contextlib
import glob
import os
import shutil
import socket
import subprocess
import tempfile
import time
import uuid
from pathlib import Path

import pytest

IN_CI = os.environ.get("CI", "").lower() == "true"
FIGURES = pytest.StashKey[list]()  # one-line results that tests want shown at the end of a run


def unavailable(reason: str) -> None:
    if IN_CI:
        pytest.fail(f"required in CI but unavailable: {reason}", pytrace=False)
    pytest.skip(reason)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _pg_bin() -> Path | None:
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=lambda p: int(p.split("/")[-2]))
    if candidates:
        return Path(candidates[-1])
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


class ThrowawayPostgres:
    """initdb + pg_ctl in a temp folder, trust auth on 127.0.0.1, a free port."""

    def __init__(self) -> None:
        self.bin = _pg_bin()
        self.dir: Path | None = None
        self.port = _free_port()

    def _run(self, *args: str) -> None:
        cmd = list(args)
        if os.geteuid() == 0:  # initdb and pg_ctl refuse to run as root
            cmd = ["runuser", "-u", "postgres", "--", *cmd]
        subprocess.run(cmd, check=True, capture_output=True, text=True, timeout=60)

    def start(self) -> str:
        if self.bin is None:
            raise RuntimeError("PostgreSQL server binaries (initdb) not found")
        self.dir = Path(tempfile.mkdtemp(prefix="oncall-pg-"))
        if os.geteuid() == 0:
            shutil.chown(self.dir, "postgres", "postgres")
        data = self.dir / "data"
        self._run(
            str(self.bin / "initdb"),
            "-D",
            str(data),
            "-U",
            "postgres",
            "--auth=trust",
            "-E",
            "UTF8",
            "--locale=C.UTF-8",
        )
        self.resume()
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/postgres"

    def pause(self) -> None:
        """Stop the server and leave it stopped (an outage): clients' connections drop and
        new ones are refused until :meth:`resume`."""
        assert self.dir is not None and self.bin is not None
        self._run(
            str(self.bin / "pg_ctl"), "-D", str(self.dir / "data"), "-m", "fast", "-w", "stop"
        )

    def resume(self) -> None:
        """Start the server (again), same data, same port."""
        assert self.dir is not None and self.bin is not None
        self._run(
            str(self.bin / "pg_ctl"),
            "-D",
            str(self.dir / "data"),
            "-l",
            str(self.dir / "log"),
            "-w",
            "-o",
            f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1 -c fsync=off",
            "start",
        )

    def restart(self) -> None:
        """Stop the server (its clients' connections drop) and start it again, same port."""
        assert self.dir is not None and self.bin is not None
        # -l: the new server must not inherit our pipes, or waiting for them never ends
        self._run(
            str(self.bin / "pg_ctl"),
            "-D",
            str(self.dir / "data"),
            "-l",
            str(self.dir / "log"),
            "-m",
            "fast",
            "-w",
            "restart",
        )

    def stop(self) -> None:
        if self.dir is None:
            return
        with contextlib.suppress(subprocess.SubprocessError, OSError):
            self._run(
                str(self.bin / "pg_ctl"), "-D", str(self.dir / "data"), "-m", "immediate", "stop"
            )
        shutil.rmtree(self.dir, ignore_errors=True)


class PostgresServer:
    """Hands out one fresh database per test on a shared server."""

    def __init__(self, admin_url: str) -> None:
        from sqlalchemy import create_engine

        self.admin_url = admin_url
        self._engine = create_engine(admin_url, isolation_level="AUTOCOMMIT")

    def wait_ready(self, timeout: float = 15.0) -> None:
        from sqlalchemy import text

        deadline = time.monotonic() + timeout
        while True:
            try:
                with self._engine.connect() as c:
                    c.execute(text("SELECT 1"))
                return
            except Exception:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.2)

    def create_database(self) -> tuple[str, str]:
        from sqlalchemy import text
        from sqlalchemy.engine import make_url

        name = f"oncall_test_{uuid.uuid4().hex[:12]}"
        with self._engine.connect() as c:
            c.execute(text(f'CREATE DATABASE "{name}"'))
        url = make_url(self.admin_url).set(database=name)
        return name, url.render_as_string(hide_password=False)

    def drop_database(self, name: str) -> None:
        from sqlalchemy import text

        with self._engine.connect() as c:
            c.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))

    def close(self) -> None:
        self._engine.dispose()


def _alertmanager_bin() -> str | None:
    return shutil.which("prometheus-alertmanager") or shutil.which("alertmanager")


# One receiver for everything, one for team="payments": the alerts are kept, never sent anywhere
# (a receiver without configurations notifies nobody).
ALERTMANAGER_CONFIG = """\
route:
  receiver: oncall
  group_wait: 1h
  routes:
    - receiver: payments
      matchers: ['team="payments"']
receivers:
  - name: oncall
  - name: payments
"""


class ThrowawayAlertmanager:
    """Debian's ``prometheus-alertmanager`` on 127.0.0.1, a free port, a temporary config and
    storage, no clustering; alerts pushed and silences read through its own API v2."""

    def __init__(self) -> None:
        self.bin = _alertmanager_bin()
        self.port = _free_port()
        self.dir: Path | None = None
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout: float = 20.0) -> ThrowawayAlertmanager:
        if self.bin is None:
            raise RuntimeError("prometheus-alertmanager is not installed")
        self.dir = Path(tempfile.mkdtemp(prefix="oncall-am-"))
        (self.dir / "am.yml").write_text(ALERTMANAGER_CONFIG, encoding="utf-8")
        log = open(self.dir / "log", "wb")  # noqa: SIM115 - closed with the process
        self.process = subprocess.Popen(
            [
                self.bin,
                f"--config.file={self.dir / 'am.yml'}",
                f"--storage.path={self.dir}",
                f"--web.listen-address=127.0.0.1:{self.port}",
                "--cluster.listen-address=",
            ],
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        log.close()
        import requests

        deadline = time.monotonic() + timeout
        while True:
            if self.process.poll() is not None:
                raise RuntimeError(f"alertmanager exited: {self.log()[-500:]}")
            try:
                if requests.get(self.url + "/-/ready", timeout=1).status_code == 200:
                    return self
            except requests.RequestException:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"alertmanager not ready in {timeout:.0f} s: {self.log()}")
            time.sleep(0.1)

    def log(self) -> str:
        path = self.dir / "log" if self.dir else None
        return path.read_text(errors="replace") if path and path.exists() else ""

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if self.dir is not None:
            shutil.rmtree(self.dir, ignore_errors=True)

    # --- its API, as Prometheus and the tests use it ---------------------------------------------

    def push(self, *alerts: dict) -> None:
        """POST /api/v2/alerts, as Prometheus sends them."""
        import requests

        response = requests.post(self.url + "/api/v2/alerts", json=list(alerts), timeout=5)
        assert response.status_code == 200, response.text

    def fire(
        self,
        alertname: str,
        severity: str = "critical",
        summary: str = "",
        ends_at: str | None = None,
        **labels: str,
    ) -> str:
        """Push one alert and return its fingerprint, as Alertmanager computed it."""
        alert: dict = {
            "labels": {"alertname": alertname, "severity": severity, **labels},
            "annotations": {"summary": summary} if summary else {},
            "generatorURL": f"http://prometheus.example:9090/graph?g0.expr={alertname}",
        }
        if ends_at:
            alert["endsAt"] = ends_at
        self.push(alert)
        wanted = alert["labels"]
        deadline = time.monotonic() + 30  # until it lists it (2.5 s ran out on a busy machine)
        while time.monotonic() < deadline:
            found = [a for a in self.alerts() if a["labels"] == wanted]
            if found:
                return found[0]["fingerprint"]
            time.sleep(0.05)  # polling a separate process: its next answer, not a result
        raise AssertionError(f"alert {wanted} not listed by alertmanager")

    def resolve(self, alertname: str, severity: str = "critical", **labels: str) -> None:
        """The alert re-sent resolved (endsAt in the past), as Prometheus does when it stops."""
        self.push(
            {
                "labels": {"alertname": alertname, "severity": severity, **labels},
                "endsAt": "2000-01-01T00:00:00Z",
            }
        )

    def alerts(self) -> list[dict]:
        import requests

        return requests.get(self.url + "/api/v2/alerts", timeout=5).json()

    def silences(self) -> list[dict]:
        import requests

        return requests.get(self.url + "/api/v2/silences", timeout=5).json()

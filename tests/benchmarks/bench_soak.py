"""Soak: the app assembled in-process (offscreen, its real SQLite database and services) polls
a contract-checked fake PagerDuty every 5 s for ten minutes while incidents come, get
acknowledged elsewhere and resolve; RSS, threads, open file descriptors and the longest
event-loop stall are printed for the first and the last minute. The fake runs in a process of
its own (it keeps every request it saw, which must not count as the app's memory).

    python tests/benchmarks/bench_soak.py [--minutes 10]

Targets (issue 15): RSS growth < 2 MiB over the run; threads and descriptors flat; longest
stall < 50 ms.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import threading
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from tests.benchmarks.stalls import run_and_measure_stalls  # noqa: E402

TARGET_GROWTH_MIB = 2.0
TARGET_STALL_MS = 50.0
WINDOW_SECONDS = 60.0  # the "start" and "end" measurements


def sample() -> dict[str, float]:
    status = Path("/proc/self/status").read_text()
    fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
    return {
        "rss_mib": int(fields["VmRSS"].split()[0]) / 1024,
        "threads": int(fields["Threads"]),
        "fds": len(os.listdir("/proc/self/fd")),
    }


FAKE = """
import json, logging, random, sys, threading
logging.getLogger("werkzeug").setLevel(logging.ERROR)
from tests.helpers.contracts import pagerduty_contract
from tests.helpers.fake_pagerduty import FakePagerDuty
from tests.benchmarks.bench_soak import churn
fake = FakePagerDuty(pagerduty_contract()).start()
print(json.dumps({"url": fake.url, "token": fake.token}), flush=True)
stop = threading.Event()
threading.Thread(target=churn, args=(fake, stop, random.Random(5)), daemon=True).start()
sys.stdin.read()  # until the benchmark closes it
stop.set()
print(len(fake.requests_to("GET", "/incidents")), flush=True)
fake.stop()
"""


def churn(fake: Any, stop: threading.Event, rng: random.Random) -> None:
    """Incidents change between polls: new ones, acknowledged or resolved by a colleague."""
    open_ids: list[str] = []
    while not stop.wait(2.5):
        if len(open_ids) < 8 or rng.random() < 0.4:
            open_ids.append(fake.add_incident(f"soak incident {rng.randrange(10**6)}"))
        if open_ids and rng.random() < 0.5:
            fake.set_status(open_ids[rng.randrange(len(open_ids))], "acknowledged")
        if len(open_ids) > 5 and rng.random() < 0.5:
            fake.set_status(open_ids.pop(0), "resolved")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=10.0)
    args = parser.parse_args()
    import logging

    from PySide6.QtWidgets import QApplication

    from oncall_desktop.app.container import build_shell
    from oncall_desktop.config.schema import Settings
    from oncall_desktop.config.store import SettingsStore
    from oncall_desktop.core.clock import SystemClock
    from oncall_desktop.core.policy_file import load_policy
    from oncall_desktop.integrations.secrets import PAGERDUTY_TOKEN, InMemorySecretStore
    from oncall_desktop.storage.db import open_database, sqlite_url

    logging.disable(logging.WARNING)
    app = QApplication.instance() or QApplication([])
    fake = subprocess.Popen(
        [sys.executable, "-c", FAKE],
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert fake.stdout is not None and fake.stdin is not None
    where = json.loads(fake.stdout.readline())
    work = Path(tempfile.mkdtemp(prefix="oncall-bench-soak-"))
    try:
        secrets = InMemorySecretStore()
        secrets.set(PAGERDUTY_TOKEN, where["token"])
        settings = Settings(pagerduty_base_url=where["url"], pagerduty_poll_seconds=5)
        context = build_shell(
            app, settings, load_policy(), SystemClock(), [], SettingsStore(work), secrets
        )
        context.drafts_dir = work / "drafts"
        context.attach_database(open_database(sqlite_url(work / "oncall.sqlite3")))
        context.window.show()
        context.ticker.start()
        context.poller.start()
        total = args.minutes * 60
        window = min(WINDOW_SECONDS, total / 3)
        run_and_measure_stalls(app, min(20.0, window))  # warm up: first pages, caches
        start = sample()
        start_stall, _ = run_and_measure_stalls(app, window)
        middle = max(0.0, total - 2 * window - min(20.0, window))
        trend = [start["rss_mib"], sample()["rss_mib"]]
        while middle > 0:  # RSS once a minute: a leak climbs, a warm-up levels off
            step = min(60.0, middle)
            run_and_measure_stalls(app, step)
            middle -= step
            trend.append(sample()["rss_mib"])
        end_stall, beats = run_and_measure_stalls(app, window)
        end = sample()
        trend.append(end["rss_mib"])
        context.shutdown()
    finally:
        fake.stdin.close()
        polls = int(fake.stdout.readline() or 0)
        fake.wait(30)
        shutil.rmtree(work, ignore_errors=True)
    verdict = {True: "met", False: "NOT met"}
    growth = end["rss_mib"] - start["rss_mib"]
    print(f"soak: {args.minutes:g} min, {polls} polls of a changing fake PagerDuty (every 5 s)")
    print(f"  {'':<18}{'start':>10}{'end':>10}")
    print(f"  {'RSS (MiB)':<18}{start['rss_mib']:>10.1f}{end['rss_mib']:>10.1f}")
    print(f"  {'threads':<18}{start['threads']:>10.0f}{end['threads']:>10.0f}")
    print(f"  {'file descriptors':<18}{start['fds']:>10.0f}{end['fds']:>10.0f}")
    print(f"  {'longest stall (ms)':<18}{start_stall:>10.1f}{end_stall:>10.1f}")
    print("  RSS each minute (MiB): " + " ".join(f"{r:.1f}" for r in trend))
    print(
        f"RSS growth over the run {growth:+.2f} MiB "
        f"(target < {TARGET_GROWTH_MIB:.0f} MiB: {verdict[growth < TARGET_GROWTH_MIB]})"
    )
    flat = end["threads"] <= start["threads"] and end["fds"] <= start["fds"] + 2
    print(
        f"threads {start['threads']:.0f} -> {end['threads']:.0f}, descriptors "
        f"{start['fds']:.0f} -> {end['fds']:.0f} (target flat: {verdict[flat]})"
    )
    worst = max(start_stall, end_stall)
    print(
        f"longest GUI stall during the soak {worst:.1f} ms over {beats} beats at the end "
        f"(target < {TARGET_STALL_MS:.0f} ms: {verdict[worst < TARGET_STALL_MS]})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Every benchmark in one command, and a table of the figures beside their targets.

    python tests/benchmarks/run_all.py           # full sizes (a few minutes)
    python tests/benchmarks/run_all.py --quick   # smaller sizes, same figures

Each benchmark runs in its own process (start-up and memory figures need a fresh one) and
prints its own details; the table at the end gathers the lines that carry a target.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent

BENCHMARKS = (
    ("start and memory", "bench_startup.py", [], ["--runs", "3", "--no-floor"]),
    ("alerts", "bench_alerts.py", [], []),
    ("GUI stalls: cockpits", "bench_cockpit.py", [], ["--seconds", "4"]),
    ("outbox", "bench_outbox.py", [], []),
    ("post-mortem autosave", "bench_postmortem.py", [], ["--seconds", "4"]),
    ("KPIs and history at scale", "bench_kpis.py", [], ["--incidents", "20000", "--events", "5"]),
    ("team mode on PostgreSQL", "bench_team.py", [], ["--changes", "50"]),
    ("war room on PostgreSQL", "bench_warroom.py", [], ["--consoles", "1,10", "--changes", "30"]),
    ("war room through a restart", "bench_warroom_restart.py", [], ["--consoles", "20"]),
    ("soak", "bench_soak.py", [], ["--minutes", "2"]),
)
TARGETED = re.compile(
    r"^\s*(?P<figure>.*?)\s*\(target (?P<target>[^:]+): (?P<verdict>met|NOT met)\)"
)


def rows_from(area: str, output: str) -> list[tuple[str, str, str, str]]:
    rows = []
    regular = {"start": "(see above)", "usable": "(see above)", "memory": "(see above)"}
    for line in output.splitlines():
        if line.startswith("app, regular start"):
            # bench_startup's row: start ms, ratio, usable ms, ratio, MiB, ratio
            numbers = line.removeprefix("app, regular start").split()
            if len(numbers) == 6:
                regular["start"] = f"regular start {numbers[0]} ms = {numbers[1]} × bare"
                regular["usable"] = f"usable (status answers) {numbers[2]} ms = {numbers[3]} × bare"
                regular["memory"] = f"idle RSS {numbers[4]} MiB = {numbers[5]} × bare"
        match = TARGETED.match(line)
        if match:
            rows.append((area, match["figure"], match["target"], match["verdict"]))
        elif line.startswith("targets:"):  # bench_startup: "targets: start ≤ … : met; memory …"
            for part in line.removeprefix("targets:").split(";"):
                target, _, verdict = part.strip().rpartition(": ")
                figure = regular[target.split()[0]] if target.split() else "(see above)"
                rows.append((area, figure, target, verdict))
        elif "(must be 0)" in line:
            lost = int(re.search(r"lost (\d+)", line).group(1))  # type: ignore[union-attr]
            rows.append((area, line.strip(), "lost = 0", "met" if lost == 0 else "NOT met"))
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smaller sizes and shorter runs")
    args = parser.parse_args()
    table: list[tuple[str, str, str, str]] = []
    for area, script, full, quick in BENCHMARKS:
        print(f"\n=== {area} ({script})", flush=True)
        started = time.monotonic()
        result = subprocess.run(
            [sys.executable, str(HERE / script), *(quick if args.quick else full)],
            capture_output=True,
            text=True,
        )
        print(result.stdout.rstrip())
        if result.returncode != 0:
            print(result.stderr.strip()[-2000:])
            table.append((area, f"did not run (exit {result.returncode})", "—", "NOT met"))
            continue
        rows = rows_from(area, result.stdout)
        table += rows or [(area, "no targeted figure printed", "—", "—")]
        print(f"({time.monotonic() - started:.0f} s)")
    widths = [max(len(row[i]) for row in table) for i in range(4)]
    print("\n=== summary")
    header = ("area", "figure", "target", "verdict")
    widths = [max(w, len(h)) for w, h in zip(widths, header, strict=True)]
    for row in (header, *table):
        print("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)))
    return 0


if __name__ == "__main__":
    sys.exit(main())

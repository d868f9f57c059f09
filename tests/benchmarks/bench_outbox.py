"""The outbox under the fault matrix, at scale: 1000 posts with random faults and SIGKILLs of
the sender (see tests/integration/test_outbox_faults.py), then the same without faults.
Prints lost (must be 0), duplicated, and the time from queueing to Slack's confirmation.

    python tests/benchmarks/bench_outbox.py [--posts 1000] [--seed N]
"""

from __future__ import annotations

import argparse
import logging
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.helpers.fake_slack import FakeSlack, slack_contract  # noqa: E402
from tests.integration.test_outbox_faults import FAULTS, run_matrix  # noqa: E402


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def report(label: str, result: dict) -> None:
    latencies = result["latencies"]
    print(
        f"{label}: {result['cases']} posts, {result['faults']} faults, "
        f"{result['kills_before_accept'] + result['kills_after_accept']} SIGKILLs "
        f"({result['kills_after_accept']} after acceptance), "
        f"{result['server_restarts']} server restarts"
    )
    print(f"  lost {result['lost']} (must be 0), duplicated {result['duplicated']}")
    print(
        f"  queued → confirmed: p50 {statistics.median(latencies) * 1000:.0f} ms, "
        f"p99 {percentile(latencies, 0.99) * 1000:.0f} ms"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    logging.disable(logging.WARNING)
    for label, faults in (("with faults", FAULTS), ("without faults", None)):
        work = Path(tempfile.mkdtemp(prefix="oncall-bench-outbox-"))
        slack = FakeSlack(slack_contract()).start()
        saved = dict(FAULTS)
        try:
            if faults is None:
                FAULTS.clear()
                FAULTS.update({"503": 0})  # no fault ever drawn
            report(label, run_matrix(work, slack, args.posts, args.seed))
        finally:
            FAULTS.clear()
            FAULTS.update(saved)
            slack.stop()
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

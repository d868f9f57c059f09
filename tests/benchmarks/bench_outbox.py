"""The outbox at scale, then one click at a time.

1. The fault matrix with 1000 posts queued at once over six destinations (random 5xx, 429,
   HTML, timeouts, server restarts, answers lost once the destination had done it, SIGKILLs of
   the sender before and after the destination accepted; see
   tests/integration/test_outbox_faults.py): lost (must be 0); duplicates where the destination
   can be read back (must be 0) and unmarked duplicates anywhere (must be 0); posts marked "may
   have arrived twice" where it cannot, and how many of them did; how long the backlog took.
2. Click to confirmed: one post queued at a time, sent by the same send step, p50/p99 of the
   time from queueing to Slack's confirmation being recorded (no faults).

    python tests/benchmarks/bench_outbox.py [--posts 1000] [--clicks 200] [--seed N]
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

from tests.helpers.contracts import pagerduty_contract  # noqa: E402
from tests.helpers.fake_pagerduty import FakePagerDuty  # noqa: E402
from tests.helpers.fake_slack import FakeSlack, slack_contract  # noqa: E402
from tests.helpers.fake_smtp import FakeSmtp  # noqa: E402
from tests.helpers.fake_teams import FakeTeams  # noqa: E402
from tests.integration.test_outbox_faults import run_matrix  # noqa: E402


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def clicks(count: int) -> list[float]:
    import time
    from datetime import UTC, datetime, timedelta

    from oncall_desktop.core.clock import SystemClock
    from oncall_desktop.core.outbox import Post, RetryPolicy, Target
    from oncall_desktop.integrations import builtins  # noqa: F401  (as the app loads them)
    from oncall_desktop.integrations.delivery import Courier, Endpoints
    from oncall_desktop.integrations.secrets import SLACK_BOT_TOKEN, InMemorySecretStore
    from oncall_desktop.services.outbox import send_next
    from oncall_desktop.storage.db import open_database, sqlite_url
    from oncall_desktop.storage.outbox import OutboxRepository

    work = Path(tempfile.mkdtemp(prefix="oncall-bench-clicks-"))
    slack = FakeSlack(slack_contract()).start()
    try:
        secrets = InMemorySecretStore()
        secrets.set(SLACK_BOT_TOKEN, slack.token)
        courier = Courier(secrets, lambda: Endpoints(slack.url, "#incidents", slack.url))
        database = open_database(sqlite_url(work / "o.sqlite3"))
        repo, clock = OutboxRepository(database), SystemClock()
        retry = RetryPolicy(base=timedelta(milliseconds=20), cap=timedelta(milliseconds=100))
        latencies = []
        for n in range(count):
            started = time.perf_counter()
            repo.enqueue(
                Post(Target.SLACK, f"click {n}", destination="#incidents"), datetime.now(UTC)
            )
            while send_next(repo, courier.deliver, clock, retry, "bench")[0] is None:
                pass
            latencies.append(time.perf_counter() - started)
        database.close()
        return latencies
    finally:
        slack.stop()
        shutil.rmtree(work, ignore_errors=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=1000)
    parser.add_argument("--clicks", type=int, default=200)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    logging.disable(logging.WARNING)
    work = Path(tempfile.mkdtemp(prefix="oncall-bench-outbox-"))
    slack = FakeSlack(slack_contract()).start()
    pagerduty = FakePagerDuty(pagerduty_contract()).start()
    teams = FakeTeams().start()
    smtp = FakeSmtp().start()
    try:
        result = run_matrix(work, slack, pagerduty, args.posts, args.seed, teams, smtp)
    finally:
        slack.stop()
        pagerduty.stop()
        teams.stop()
        smtp.stop()
        shutil.rmtree(work, ignore_errors=True)
    print(
        f"fault matrix: {result['cases']} posts queued at once, {result['faults']} faults, "
        f"{result['kills_before_accept'] + result['kills_after_accept']} SIGKILLs "
        f"({result['kills_after_accept']} after acceptance), "
        f"{result['server_restarts']} server restarts, "
        f"{result['wrong_ok']} answers of 200 without the success body, "
        f"{result['answers_lost']} answers lost once the destination had done it "
        "(Slack bot, Slack webhook, PagerDuty status updates, Teams, status page, mail)"
    )
    print(
        f"  lost {result['lost']} (must be 0), "
        f"duplicated {result['duplicated_read_back']} where the destination can be read back "
        f"(Slack bot, status page; must be 0), "
        f"{result['duplicated_unmarked']} unmarked anywhere (must be 0); "
        f"backlog drained in {max(result['latencies']):.0f} s"
    )
    per_target = ", ".join(
        f"{target} {count}" for target, count in sorted(result["maybe_twice_per_target"].items())
    )
    print(
        f"  may have arrived twice (marked in the cockpit): {result['maybe_twice']} posts "
        f"({per_target or 'none'}); {result['maybe_twice_and_twice']} of them did"
    )
    latencies = clicks(args.clicks)
    print(
        f"click to confirmed ({args.clicks} posts, one at a time, no faults): "
        f"p50 {statistics.median(latencies) * 1000:.1f} ms, "
        f"p99 {percentile(latencies, 0.99) * 1000:.1f} ms"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())

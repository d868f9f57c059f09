"""Runs the outbox's own send step in a loop until nothing is left: a process the fault-matrix
test kills with SIGKILL at chosen moments. Usage:

    python -m tests.helpers.outbox_driver DB_URL SLACK_URL TOKEN LEASE_MS \
        [WEBHOOK_URL PAGERDUTY_URL PAGERDUTY_TOKEN [TEAMS_WORKFLOW_URL
        [SMTP_PASSWORD SMTP_PORT SMTP_USERNAME]]]

The mail server is 127.0.0.1:SMTP_PORT in clear (the fake), sender oncall@example.com.
"""

from __future__ import annotations

import sys
import time
from datetime import timedelta

from oncall_desktop.core.clock import SystemClock
from oncall_desktop.core.outbox import RetryPolicy
from oncall_desktop.integrations import builtins  # noqa: F401  (the built-ins, as the app loads them)
from oncall_desktop.integrations.delivery import Courier, Endpoints
from oncall_desktop.integrations.mail_server import MailServer
from oncall_desktop.integrations.secrets import (
    PAGERDUTY_TOKEN,
    SLACK_BOT_TOKEN,
    SLACK_WEBHOOK_URL,
    InMemorySecretStore,
)
from oncall_desktop.integrations.smtp_mail import SMTP_PASSWORD
from oncall_desktop.integrations.teams import TEAMS_WEBHOOK_URL
from oncall_desktop.services.outbox import send_next
from oncall_desktop.storage.db import open_database
from oncall_desktop.storage.outbox import OutboxRepository


def main() -> int:
    db_url, slack_url, token, lease_ms = sys.argv[1:5]
    defaults = ["", "http://127.0.0.1:9", "", "", "", "", ""]
    optional = [*sys.argv[5:12], *defaults[len(sys.argv[5:12]) :]]
    webhook_url, pagerduty_url, pagerduty_token, teams_url, smtp_password = optional[:5]
    smtp_port, smtp_username = optional[5:]
    mail_server = (
        MailServer("127.0.0.1", int(smtp_port), "none", smtp_username, "oncall@example.com")
        if smtp_port
        else None
    )
    secrets = InMemorySecretStore()
    secrets.set(SLACK_BOT_TOKEN, token)
    if webhook_url:
        secrets.set(SLACK_WEBHOOK_URL, webhook_url)
    if pagerduty_token:
        secrets.set(PAGERDUTY_TOKEN, pagerduty_token)
    if teams_url:
        secrets.set(TEAMS_WEBHOOK_URL, teams_url)
    if smtp_password:
        secrets.set(SMTP_PASSWORD, smtp_password)
    courier = Courier(
        secrets,
        lambda: Endpoints(
            slack_url, "#incidents", pagerduty_url, timeout=(0.5, 0.4), mail_server=mail_server
        ),
    )
    database = open_database(db_url)
    repo = OutboxRepository(database, lease=timedelta(milliseconds=int(lease_ms)))
    clock = SystemClock()
    retry = RetryPolicy(base=timedelta(milliseconds=20), cap=timedelta(milliseconds=150))
    print("READY", flush=True)
    while True:
        post, next_due = send_next(repo, courier.deliver, clock, retry, "fault-matrix")
        if post is not None:
            continue
        if next_due is None:
            return 0  # nothing waits: everything was delivered (or refused)
        time.sleep(max(0.0, min(0.05, (next_due - clock.now()).total_seconds())))


if __name__ == "__main__":
    sys.exit(main())

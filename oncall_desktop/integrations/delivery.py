"""Delivers one outbox post to Slack or PagerDuty and says what came of it.

Blocking: run on a worker. Every failure becomes an :class:`Attempt` the outbox can act on:
retryable (network, timeouts, 5xx, 429, a locked keyring) or refused (bad token, unknown
channel, missing configuration), which waits for the engineer.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

from oncall_desktop.core.outbox import Attempt, Outcome, Post, Target
from oncall_desktop.core.slacktext import message
from oncall_desktop.integrations.errors import IntegrationError, RateLimited
from oncall_desktop.integrations.http import DEFAULT_TIMEOUT
from oncall_desktop.integrations.pagerduty import PagerDutyClient
from oncall_desktop.integrations.secrets import (
    PAGERDUTY_TOKEN,
    SLACK_BOT_TOKEN,
    SLACK_WEBHOOK_URL,
    KeyringLocked,
    SecretStore,
    SecretStoreError,
)
from oncall_desktop.integrations.slack import SlackClient, post_webhook

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Endpoints:
    slack_base_url: str
    slack_channel: str
    pagerduty_base_url: str
    timeout: tuple[float, float] = DEFAULT_TIMEOUT


class Courier:
    def __init__(self, secrets: SecretStore, endpoints: Callable[[], Endpoints]) -> None:
        self._secrets = secrets
        self._endpoints = endpoints
        self._from_email: dict[tuple[str, str], str] = {}

    def deliver(self, post: Post) -> Attempt:
        try:
            return self._deliver(post)
        except RateLimited as error:
            return Attempt(Outcome.RETRY, error=str(error), retry_after=error.retry_after)
        except IntegrationError as error:
            outcome = Outcome.RETRY if error.retryable else Outcome.REFUSED
            return Attempt(outcome, error=str(error))
        except KeyringLocked as error:
            return Attempt(Outcome.RETRY, error=str(error))
        except SecretStoreError as error:
            return Attempt(Outcome.REFUSED, error=str(error))

    def _secret(self, name: str, what: str) -> str:
        value = self._secrets.get(name)
        if not value:
            raise IntegrationError(f"No {what} in the keyring: add it in Settings, then resend.")
        return value

    def _deliver(self, post: Post) -> Attempt:
        endpoints = self._endpoints()
        text = post.text
        if post.target is Target.SLACK:
            client = SlackClient(
                self._secret(SLACK_BOT_TOKEN, "Slack bot token"), endpoints.slack_base_url
            )
            posted = client.post_message(
                post.destination or endpoints.slack_channel, message(text, post.notify_channel)
            )
            return Attempt(Outcome.DELIVERED, remote_ref=posted.ref, delivered_as="message")
        if post.target is Target.SLACK_WEBHOOK:
            post_webhook(
                self._secret(SLACK_WEBHOOK_URL, "Slack webhook URL"),
                message(text, post.notify_channel),
                timeout=endpoints.timeout,
            )
            return Attempt(Outcome.DELIVERED, remote_ref="webhook", delivered_as="message")
        if post.target is Target.PAGERDUTY_STATUS:
            if not post.destination:
                raise IntegrationError("This incident has no PagerDuty incident to post to.")
            token = self._secret(PAGERDUTY_TOKEN, "PagerDuty token")
            client = PagerDutyClient(token, endpoints.pagerduty_base_url, timeout=endpoints.timeout)
            key = (endpoints.pagerduty_base_url, token)
            if key not in self._from_email:
                self._from_email[key] = client.me().email
            ref, delivered_as = client.post_status_update(
                post.destination, self._from_email[key], text
            )
            return Attempt(Outcome.DELIVERED, remote_ref=ref, delivered_as=delivered_as)
        raise IntegrationError(f"Unknown destination {post.target}.")

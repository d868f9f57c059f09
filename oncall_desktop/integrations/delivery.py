"""Delivers one outbox post to its destination and says what came of it.

Each destination registers its deliverer in integrations/deliverers (the built-in ones below:
Slack bot, Slack webhook, PagerDuty status updates); the courier looks the post's target up
instead of a chain of ifs, so a new destination is a module of its own.

Blocking: run on a worker. Every failure becomes an :class:`Attempt` the outbox can act on:
retryable (network, timeouts, 5xx, 429, a locked keyring) or refused (bad token, unknown
channel, missing configuration), which waits for the engineer.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from oncall_desktop.core.outbox import Attempt, Outcome, Post, Target
from oncall_desktop.core.slacktext import message
from oncall_desktop.integrations.deliverers import (
    DeliveryContext,
    Endpoints,
    deliverer_for,
    register_deliverer,
)
from oncall_desktop.integrations.errors import IntegrationError, RateLimited
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

__all__ = ["Courier", "DeliveryContext", "Endpoints", "register_deliverer"]

log = logging.getLogger(__name__)


class Courier:
    def __init__(self, secrets: SecretStore, endpoints: Callable[[], Endpoints]) -> None:
        self._secrets = secrets
        self._endpoints = endpoints
        self._memo: dict[Any, Any] = {}

    def deliver(self, post: Post) -> Attempt:
        try:
            deliverer = deliverer_for(post.target)
            if deliverer is None:
                raise IntegrationError(f"Unknown destination {post.target}.")
            return deliverer(post, DeliveryContext(self._secrets, self._endpoints(), self._memo))
        except RateLimited as error:
            return Attempt(Outcome.RETRY, error=str(error), retry_after=error.retry_after)
        except IntegrationError as error:
            outcome = Outcome.RETRY if error.retryable else Outcome.REFUSED
            return Attempt(outcome, error=str(error))
        except KeyringLocked as error:
            return Attempt(Outcome.RETRY, error=str(error))
        except SecretStoreError as error:
            return Attempt(Outcome.REFUSED, error=str(error))


# --- the built-in destinations -------------------------------------------------------------------


def _slack_bot(post: Post, context: DeliveryContext) -> Attempt:
    endpoints = context.endpoints
    client = SlackClient(
        context.secret(SLACK_BOT_TOKEN, "Slack bot token"), endpoints.slack_base_url
    )
    posted = client.post_message(
        post.destination or endpoints.slack_channel, message(post.text, post.notify_channel)
    )
    return Attempt(Outcome.DELIVERED, remote_ref=posted.ref, delivered_as="message")


def _slack_webhook(post: Post, context: DeliveryContext) -> Attempt:
    post_webhook(
        context.secret(SLACK_WEBHOOK_URL, "Slack webhook URL"),
        message(post.text, post.notify_channel),
        timeout=context.endpoints.timeout,
    )
    return Attempt(Outcome.DELIVERED, remote_ref="webhook", delivered_as="message")


def _pagerduty_status(post: Post, context: DeliveryContext) -> Attempt:
    if not post.destination:
        raise IntegrationError("This incident has no PagerDuty incident to post to.")
    endpoints = context.endpoints
    token = context.secret(PAGERDUTY_TOKEN, "PagerDuty token")
    client = PagerDutyClient(token, endpoints.pagerduty_base_url, timeout=endpoints.timeout)
    key = ("pagerduty-from", endpoints.pagerduty_base_url, token)
    if key not in context.memo:
        context.memo[key] = client.me().email
    ref, delivered_as = client.post_status_update(post.destination, context.memo[key], post.text)
    return Attempt(Outcome.DELIVERED, remote_ref=ref, delivered_as=delivered_as)


register_deliverer(Target.SLACK, _slack_bot)
register_deliverer(Target.SLACK_WEBHOOK, _slack_webhook)
register_deliverer(Target.PAGERDUTY_STATUS, _pagerduty_status)


# The destinations that live in a module of their own: importing one registers it.
from oncall_desktop.integrations import statuspage, teams  # noqa: E402, F401

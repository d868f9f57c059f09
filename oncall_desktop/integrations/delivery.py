"""Delivers one outbox post to its destination and says what came of it.

Each destination registers its deliverer in integrations/deliverers (the built-in ones below:
Slack bot, Slack webhook, PagerDuty status updates); the courier looks the post's target up
instead of a chain of ifs, so a new destination is a module of its own.

Blocking: run on a worker. Every failure becomes an :class:`Attempt` the outbox can act on:
retryable (network, timeouts, 5xx, 429, a locked keyring), refused (bad token, unknown
channel, missing configuration), which waits for the engineer, or ambiguous (the request went
out and its answer was lost or unreadable: it may have arrived).

Exactly once where the destination can be read back: a post that is ``unsure`` (an earlier
attempt was ambiguous, or its sender died with the claim) is first looked for at the
destination by the finder its destination registered (deliverers.register_deliverer's
``find``); found, it is delivered with what was found, and not sent again. Where there is no
finder (a webhook, mail), it is sent again and the attempt is ``blind``: the post is marked
"may have arrived twice". Here the Slack bot finds its messages by the post's id in their
metadata (``conversations.history``), and PagerDuty its notes by their text; PagerDuty's
status updates cannot be listed, so one sent again is blind.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable
from dataclasses import replace
from datetime import timedelta
from typing import Any

from oncall_desktop.core.outbox import Attempt, Outcome, Post, Target
from oncall_desktop.core.slacktext import message
from oncall_desktop.integrations.deliverers import (
    DeliveryContext,
    Endpoints,
    Finder,
    deliverer_for,
    finder_for,
    register_deliverer,
)
from oncall_desktop.integrations.errors import IntegrationError, RateLimited, is_ambiguous
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
        blind = False
        try:
            deliverer = deliverer_for(post.target)
            if deliverer is None:
                raise IntegrationError(f"Unknown destination {post.target}.")
            context = DeliveryContext(self._secrets, self._endpoints(), self._memo)
            if post.unsure:
                found, blind = _look(finder_for(post.target), post, context)
                if found is not None:
                    log.info("post %s was already at its destination: not sent again", post.id)
                    return found
            attempt = deliverer(post, context)
        except RateLimited as error:
            return Attempt(Outcome.RETRY, error=str(error), retry_after=error.retry_after)
        except IntegrationError as error:
            if is_ambiguous(error):
                attempt = Attempt(Outcome.AMBIGUOUS, error=str(error))
            else:
                outcome = Outcome.RETRY if error.retryable else Outcome.REFUSED
                return Attempt(outcome, error=str(error))
        except KeyringLocked as error:
            return Attempt(Outcome.RETRY, error=str(error))
        except SecretStoreError as error:
            return Attempt(Outcome.REFUSED, error=str(error))
        return replace(attempt, blind=True) if blind and not attempt.blind else attempt


def _look(
    finder: Finder | None, post: Post, context: DeliveryContext
) -> tuple[Attempt | None, bool]:
    """(what the destination's finder found, whether sending now is blind). No finder: blind.
    A retryable error propagates (the post waits and is looked for again); one that is not (no
    permission to read the channel) means sending without looking: blind."""
    if finder is None:
        return None, True
    try:
        return finder(post, context), False
    except IntegrationError as error:
        if error.retryable:
            raise
        log.warning("post %s cannot be looked for before sending again: %s", post.id, error)
        return None, True


# --- the built-in destinations -------------------------------------------------------------------


# the event type of the metadata each bot message carries (Slack: snake_case, app-defined)
POST_EVENT = "oncall_desktop_post"
# how much earlier than a post was queued its message may be stamped (clocks disagree)
READ_BACK_MARGIN = timedelta(minutes=5)


def post_metadata(post: Post, text: str) -> dict[str, Any]:
    """What a bot message says about the post it carries, for finding it again: the post's id,
    when it was queued (ids of two databases may meet in one channel) and a digest of the text
    sent (an edited resend is another message)."""
    return {
        "event_type": POST_EVENT,
        "event_payload": {
            "post_id": str(post.id),
            "queued_at": post.created_at.isoformat() if post.created_at else "",
            "digest": hashlib.sha256(text.encode("utf-8")).hexdigest()[:16],
        },
    }


def _slack_client(context: DeliveryContext) -> SlackClient:
    endpoints = context.endpoints
    return SlackClient(
        context.secret(SLACK_BOT_TOKEN, "Slack bot token"),
        endpoints.slack_base_url,
        timeout=endpoints.timeout,
    )


def _slack_bot(post: Post, context: DeliveryContext) -> Attempt:
    channel = post.destination or context.endpoints.slack_channel
    text = message(post.text, post.notify_channel)
    metadata = post_metadata(post, text) if post.id is not None else None
    posted = _slack_client(context).post_message(channel, text, metadata)
    context.memo[("slack-channel", context.endpoints.slack_base_url, channel)] = posted.channel
    return Attempt(Outcome.DELIVERED, remote_ref=posted.ref, delivered_as="message")


def _slack_bot_find(post: Post, context: DeliveryContext) -> Attempt | None:
    """The post's message in its channel, by the post's metadata (conversations.history)."""
    if post.id is None:
        return None
    client = _slack_client(context)
    channel = post.destination or context.endpoints.slack_channel
    key = ("slack-channel", context.endpoints.slack_base_url, channel)
    if key not in context.memo:
        context.memo[key] = client.channel_id(channel)
    channel_id = context.memo[key]
    if channel_id is None:
        del context.memo[key]
        return None  # no such channel: the post cannot be there (sending will say why)
    wanted = post_metadata(post, message(post.text, post.notify_channel))
    oldest = post.created_at - READ_BACK_MARGIN if post.created_at else None
    found = client.find_message(
        channel_id,
        oldest.timestamp() if oldest else 0.0,
        lambda metadata: (
            metadata.get("event_type") == POST_EVENT
            and metadata.get("event_payload") == wanted["event_payload"]
        ),
    )
    if found is None:
        return None
    return Attempt(Outcome.DELIVERED, remote_ref=found.ref, delivered_as="message")


def _slack_webhook(post: Post, context: DeliveryContext) -> Attempt:
    post_webhook(
        context.secret(SLACK_WEBHOOK_URL, "Slack webhook URL"),
        message(post.text, post.notify_channel),
        timeout=context.endpoints.timeout,
    )
    return Attempt(Outcome.DELIVERED, remote_ref="webhook", delivered_as="message")


def _pagerduty_client(context: DeliveryContext) -> tuple[PagerDutyClient, str]:
    endpoints = context.endpoints
    token = context.secret(PAGERDUTY_TOKEN, "PagerDuty token")
    client = PagerDutyClient(token, endpoints.pagerduty_base_url, timeout=endpoints.timeout)
    return client, token


def _pagerduty_status(post: Post, context: DeliveryContext) -> Attempt:
    if not post.destination:
        raise IntegrationError("This incident has no PagerDuty incident to post to.")
    client, token = _pagerduty_client(context)
    key = ("pagerduty-from", context.endpoints.pagerduty_base_url, token)
    if key not in context.memo:
        context.memo[key] = client.me().email
    try:
        ref, delivered_as = client.post_status_update(
            post.destination, context.memo[key], post.text
        )
    except IntegrationError as error:
        if post.unsure and is_ambiguous(error):  # perhaps as a status update: blind
            return Attempt(Outcome.AMBIGUOUS, error=str(error), blind=True)
        raise
    # only notes were looked for: a status update sent again may be there twice
    blind = post.unsure and delivered_as != "note"
    return Attempt(Outcome.DELIVERED, remote_ref=ref, delivered_as=delivered_as, blind=blind)


def _pagerduty_status_find(post: Post, context: DeliveryContext) -> Attempt | None:
    """The post as a note on the incident (GET …/notes), matched by its text. A status update
    cannot be found: PagerDuty lists none (no GET …/status_updates in its API)."""
    if not post.destination:
        return None
    client, _token = _pagerduty_client(context)
    note = client.find_note(post.destination, post.text, post.created_at)
    if note is None:
        return None
    return Attempt(Outcome.DELIVERED, remote_ref=note, delivered_as="note")


register_deliverer(Target.SLACK, _slack_bot, find=_slack_bot_find)
register_deliverer(Target.SLACK_WEBHOOK, _slack_webhook)  # cannot be read back
register_deliverer(Target.PAGERDUTY_STATUS, _pagerduty_status, find=_pagerduty_status_find)


# The destinations that live in a module of their own: importing one registers it.
from oncall_desktop.integrations import statuspage, teams  # noqa: E402, F401

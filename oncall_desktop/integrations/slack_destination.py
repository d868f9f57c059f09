"""Slack as a destination: the team's updates go to Slack the way Settings say (a bot token:
the incident's own channel once created, else the incidents channel; a webhook: the webhook,
which cannot choose a channel). The bot's messages carry the post's id in their metadata and
are found by it again before an unsure post is sent twice (``conversations.history``); a
webhook cannot be read back, so a resend there is blind ("may have arrived twice").

Its names are the core's (core/destinations: SLACK, SLACK_WEBHOOK); its client is
integrations/slack.py.
"""

from __future__ import annotations

import hashlib
from dataclasses import replace
from datetime import date, timedelta
from typing import Any

from oncall_desktop.core.destinations import SLACK, SLACK_WEBHOOK, Offer, offer_in_composer
from oncall_desktop.core.incident import EventKind, Incident
from oncall_desktop.core.messages import QT_TR_NOOP
from oncall_desktop.core.outbox import Attempt, Outcome, Post
from oncall_desktop.core.policy import Audience
from oncall_desktop.core.slacktext import message
from oncall_desktop.integrations.declarations import (
    ConnectionCheck,
    Field,
    Integration,
    register_integration,
)
from oncall_desktop.integrations.deliverers import (
    DeliveryContext,
    Outgoing,
    register_deliverer,
)
from oncall_desktop.integrations.errors import IntegrationError
from oncall_desktop.integrations.secrets import SLACK_BOT_TOKEN, SLACK_WEBHOOK_URL
from oncall_desktop.integrations.slack import SlackClient, post_webhook


def incident_channel(incident: Incident | None) -> str:
    """The incident's own Slack channel, once created from the cockpit ("" before)."""
    if incident is None:
        return ""
    created = [e for e in incident.events(EventKind.NOTE) if e.data.get("slack_channel")]
    return str(created[-1].data["slack_channel"]) if created else ""


def route(outgoing: Outgoing) -> Post:
    """To the webhook in webhook mode; with a bot token, to the channel asked for, else the
    incident's own, else the incidents channel from Settings."""
    if outgoing.setting("slack_mode") == "webhook":
        post = outgoing.post(SLACK_WEBHOOK)
    else:
        channel = (
            outgoing.channel
            or incident_channel(outgoing.incident)
            or outgoing.setting("slack_channel")
        )
        post = outgoing.post(SLACK, channel)
    return replace(post, notify_channel=outgoing.notify_channel)


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


def where(outgoing: Outgoing) -> str | None:
    """What the composer shows: the channel, or "webhook"; None without a channel."""
    post = route(outgoing)
    return "webhook" if post.target == SLACK_WEBHOOK else post.destination or None


# "slack" is the team's Slack: its route goes to the bot's channel or to the webhook
register_deliverer(SLACK, _slack_bot, find=_slack_bot_find, route=route, team=True, where=where)
# offered for every message, ticked for the team's and the status page's, greyed when unset
offer_in_composer(
    SLACK,
    Offer(
        QT_TR_NOOP("Slack: {destination}"),
        (Audience.INTERNAL.value, Audience.STATUS_PAGE.value, Audience.EXECUTIVE.value),
        (Audience.INTERNAL.value, Audience.STATUS_PAGE.value),
        not_set_up="greyed",
        order=20,
    ),
)
register_deliverer(SLACK_WEBHOOK, _slack_webhook)  # cannot be read back


def _open_incident_channel(check: ConnectionCheck, day: date) -> str:
    """SOP 1.4: #incident-YYYY-MM-DD-NNN (the next free NNN), made with the bot token; its id."""
    token = check.secret(SLACK_BOT_TOKEN)
    if not token:
        raise IntegrationError(QT_TR_NOOP("No Slack bot token: add it in Settings first."))
    return SlackClient(token, check.setting("slack_base_url")).create_incident_channel(day)


def _test_connection(check: ConnectionCheck) -> str:
    """Settings' Test connection: the bot token (typed, or stored) asked who it is."""
    token = check.secret(SLACK_BOT_TOKEN)
    if not token:
        raise IntegrationError(QT_TR_NOOP("No token: paste the Slack bot token (xoxb-…) first."))
    identity = SlackClient(token, check.setting("slack_base_url")).auth_test()
    return f"Connected to Slack workspace {identity.team} as {identity.user}."


# Its section is a widget of its own (a bot token or a webhook in one field); what it holds is
# declared here all the same.
register_integration(
    Integration(
        SLACK,
        "Slack",
        (
            Field(
                "mode",
                "slack_mode",
                QT_TR_NOOP("Connection"),
                "choice",
                "bot",
                choices=(("bot", "bot"), ("webhook", "webhook")),
            ),
            Field("base_url", "slack_base_url", QT_TR_NOOP("API address"), "url"),
            Field(
                "channel", "slack_channel", QT_TR_NOOP("Incidents channel"), default="#incidents"
            ),
            Field("token", SLACK_BOT_TOKEN, QT_TR_NOOP("Token / webhook"), "secret"),
            Field("webhook", SLACK_WEBHOOK_URL, QT_TR_NOOP("Token / webhook"), "secret"),
        ),
        _test_connection,
        order=30,
        custom_section=True,
        destinations=(SLACK, SLACK_WEBHOOK),
        opens_incident_channel=_open_incident_channel,
    )
)

"""Microsoft Teams, through a Workflows webhook: the way Teams now receives incoming messages
(an HTTP POST of an Adaptive Card to the URL a "Post to a channel when a webhook request is
received" workflow gives). The URL is the secret: it lives in the keyring only.

The request is a message with one Adaptive Card attachment holding the text in a TextBlock,
escaped so that Teams' Markdown shows it as written (a title with *stars* or [brackets] is not
formatting). The workflow answers 202 Accepted; anything else is not a delivery. The payload
contract the tests check against is written down in tests/helpers/fake_teams.py.

This module is the whole destination: it registers its name (core/destinations) and its
deliverer (integrations/deliverers) itself.
"""

from __future__ import annotations

import re
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from oncall_desktop.core.destinations import Destination, register_destination
from oncall_desktop.core.messages import QT_TR_NOOP
from oncall_desktop.core.outbox import Attempt, Outcome, Post
from oncall_desktop.core.policy import Text
from oncall_desktop.integrations.deliverers import DeliveryContext, register_deliverer
from oncall_desktop.integrations.errors import (
    BadPayload,
    RateLimited,
    Refused,
    ServerError,
    TokenRejected,
    Unreachable,
)
from oncall_desktop.integrations.http import DEFAULT_TIMEOUT, make_session

if TYPE_CHECKING:
    import requests

TEAMS = "teams"  # the destination's id, as posts and the outbox store it
TEAMS_WEBHOOK_URL = "teams-workflows-webhook-url"  # its name in the keyring

# Characters Teams' Markdown (CommonMark in an Adaptive Card TextBlock) would read as formatting
_MARKDOWN = re.compile(r"([\\`*_{}\[\]()#+\-.!|>~<])")


def teams_text(text: str) -> str:
    """``text`` shown as written in a TextBlock: Markdown characters backslash-escaped."""
    return _MARKDOWN.sub(r"\\\1", text)


def adaptive_card_message(text: str) -> dict[str, Any]:
    """The Workflows webhook's payload: a message with one Adaptive Card."""
    return {
        "type": "message",
        "attachments": [
            {
                "contentType": "application/vnd.microsoft.card.adaptive",
                "contentUrl": None,
                "content": {
                    "$schema": "http://adaptivecards.io/schemas/adaptive-card.json",
                    "type": "AdaptiveCard",
                    "version": "1.4",
                    "body": [{"type": "TextBlock", "text": teams_text(text), "wrap": True}],
                },
            }
        ],
    }


def _seconds(value: str | None) -> timedelta | None:
    try:
        return timedelta(seconds=float(value)) if value is not None else None
    except ValueError:
        return None


def post_to_workflow(
    url: str,
    text: str,
    session: requests.Session | None = None,
    timeout: tuple[float, float] = DEFAULT_TIMEOUT,
) -> None:
    import requests

    session = session or make_session()
    try:
        response = session.post(url, json=adaptive_card_message(text), timeout=timeout)
    except requests.RequestException as error:
        raise Unreachable(
            QT_TR_NOOP("The Teams workflow cannot be reached ({reason}).").format(
                reason=type(error).__name__
            )
        ) from None
    status = response.status_code
    if status == 429:
        raise RateLimited(
            QT_TR_NOOP("Teams is rate limiting the workflow (429)."),
            _seconds(response.headers.get("Retry-After")),
        )
    if status >= 500:
        raise ServerError(QT_TR_NOOP("Teams is having trouble ({status}).").format(status=status))
    if status in (401, 403, 404, 410):
        raise TokenRejected(
            QT_TR_NOOP(
                "Teams refused the workflow URL ({status}): it was removed or turned off. "
                "Check it in Settings."
            ).format(status=status)
        )
    if status >= 400:
        raise Refused(QT_TR_NOOP("Teams refused the message ({status}).").format(status=status))
    if status != 202 and not (status == 200 and not response.content.strip()):
        # the workflow answers 202; a 200 with a page is a proxy or a captive portal
        raise BadPayload(
            QT_TR_NOOP(
                "The Teams workflow answered {status} without accepting the message; it will "
                "be sent again."
            ).format(status=status)
        )


def deliver(post: Post, context: DeliveryContext) -> Attempt:
    post_to_workflow(
        context.secret(TEAMS_WEBHOOK_URL, "Teams workflow URL"),
        post.text,
        timeout=context.endpoints.timeout,
    )
    return Attempt(Outcome.DELIVERED, remote_ref="workflow", delivered_as="message")


register_destination(
    Destination(
        TEAMS,
        Text(fr="Microsoft Teams", en="Microsoft Teams"),
        where=Text(
            fr="le canal Teams du workflow enregistré dans les Paramètres",
            en="the Teams channel of the workflow stored in Settings",
        ),
    )
)


register_deliverer(TEAMS, deliver)

"""Slack Web API (bot token) and incoming webhooks, on ``requests``.

Blocking: call from a worker. ``ok: false`` answers become the error classes of
:mod:`oncall_desktop.integrations.errors`, so the outbox knows what to retry. The official
``slack-sdk`` would bring a second HTTP stack (urllib) with its own proxy and TLS settings
beside ``requests``; the four methods we need are small (API-NOTES §8).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from oncall_desktop.core.messages import QT_TR_NOOP
from oncall_desktop.integrations.errors import (
    BadPayload,
    Forbidden,
    IntegrationError,
    RateLimited,
    Refused,
    ServerError,
    TokenRejected,
    UnreadableAnswer,
)
from oncall_desktop.integrations.http import (
    DEFAULT_TIMEOUT,
    Answers,
    ApiClient,
    json_of,
    make_session,
    retry_after,
    send,
)

if TYPE_CHECKING:
    import requests

SLACK_API = "https://slack.com/api"
GOV_SLACK_API = "https://slack-gov.com/api"

_TOKEN_ERRORS = {
    "invalid_auth",
    "not_authed",
    "token_revoked",
    "token_expired",
    "account_inactive",
    "no_permission",
}
_SCOPE_ERRORS = {
    "missing_scope",
    "not_allowed_token_type",
    "restricted_action",
    "ekm_access_denied",
}
# Slack's conversation ids (API-NOTES §5.4): a channel given as one needs no lookup
_CONVERSATION_ID = re.compile(r"[CGD][A-Z0-9]{8,}")
# how many pages of a channel's history a read-back looks through (100 messages each)
HISTORY_PAGES = 20
_RETRYABLE_ERRORS = {
    "internal_error",
    "fatal_error",
    "service_unavailable",
    "request_timeout",
    "team_added_to_org",
}


@dataclass(frozen=True)
class Posted:
    channel: str
    ts: str

    @property
    def ref(self) -> str:
        return f"{self.channel}/{self.ts}"


@dataclass(frozen=True)
class Identity:
    team: str
    user: str
    url: str


# What Slack's HTTP answers mean, in its words (its ``ok: false`` codes: SlackClient._raise_for)
ANSWERS = Answers(
    timed_out=QT_TR_NOOP("Slack at {url} did not answer in time."),
    unreachable=QT_TR_NOOP("Slack at {url} cannot be reached ({reason})."),
    rate_limited=QT_TR_NOOP("Slack is rate limiting this app (429)."),
    trouble=QT_TR_NOOP("Slack is having trouble ({status})."),
    refused=QT_TR_NOOP("Slack refused the request ({status})."),
    not_json=QT_TR_NOOP("Slack answered {method} with something that is not JSON."),
)
# ... and those of an incoming webhook's
WEBHOOK_ANSWERS = Answers(
    unreachable=QT_TR_NOOP("The Slack webhook cannot be reached ({reason})."),
    rate_limited=QT_TR_NOOP("Slack is rate limiting the webhook (429)."),
    trouble=QT_TR_NOOP("Slack is having trouble ({status})."),
    statuses={
        status: (TokenRejected, QT_TR_NOOP("Slack refused the webhook ({answer})."))
        for status in (401, 403, 404, 410)
    },
    refused=QT_TR_NOOP("Slack refused the message ({answer})."),
)


class SlackClient(ApiClient):
    DEFAULT_BASE_URL = SLACK_API
    ANSWERS = ANSWERS

    def _call(self, method: str, payload: dict[str, Any], *, read: bool = False) -> dict[str, Any]:
        """A Web API method: a write as JSON, a read (``read``) as a GET with a query string
        (Slack's read methods take no JSON, API-NOTES §4). A write whose answer is lost or
        unreadable raises an ambiguous error (AnswerLost, UnreadableAnswer): it may be done."""
        headers = {"Authorization": f"Bearer {self._token}"}
        url = f"{self.base_url}/{method}"
        if read:
            response = self._send("GET", url, {}, params=payload, headers=headers)
        else:
            response = self._send(
                "POST",
                url,
                {},
                json=payload,
                # Slack wants the charset on JSON posts (else a missing_charset warning)
                headers={**headers, "Content-Type": "application/json; charset=utf-8"},
            )
        # a 200 that cannot be read: Slack may have done it (a proxy page, a cut answer)
        body = json_of(response, self.ANSWERS, method=method)
        if not isinstance(body, dict) or not isinstance(body.get("ok"), bool):
            raise (BadPayload if read else UnreadableAnswer)(
                QT_TR_NOOP("Slack's answer to {method} has no 'ok' in it.").format(method=method)
            )
        if not body["ok"]:
            self._raise_for(str(body.get("error") or "unknown_error"), response)
        return body

    @staticmethod
    def _raise_for(code: str, response: requests.Response) -> None:
        if code in _TOKEN_ERRORS:
            raise TokenRejected(
                QT_TR_NOOP("Slack rejected the bot token ({code}). Check it in Settings.").format(
                    code=code
                )
            )
        if code in _SCOPE_ERRORS:
            raise Forbidden(
                QT_TR_NOOP("The Slack app lacks a permission for this ({code}).").format(code=code)
            )
        if code == "ratelimited":
            raise RateLimited(QT_TR_NOOP("Slack is rate limiting this app."), retry_after(response))
        if code in _RETRYABLE_ERRORS:
            raise ServerError(QT_TR_NOOP("Slack is having trouble ({status}).").format(status=code))
        raise Refused(QT_TR_NOOP("Slack refused the message: {code}.").format(code=code), code)

    def auth_test(self) -> Identity:
        body = self._call("auth.test", {})
        return Identity(
            team=str(body.get("team", "")),
            user=str(body.get("user", "")),
            url=str(body.get("url", "")),
        )

    def post_message(
        self, channel: str, text: str, metadata: dict[str, Any] | None = None
    ) -> Posted:
        """``text`` must already be Slack-safe (core.slacktext.message). ``metadata``
        (``{"event_type": …, "event_payload": {…}}``) goes with the message, to find it again
        (find_message)."""
        payload: dict[str, Any] = {
            "channel": channel,
            "text": text,
            "unfurl_links": False,
            "unfurl_media": False,
        }
        if metadata is not None:
            payload["metadata"] = metadata
        body = self._call("chat.postMessage", payload)
        ts = body.get("ts")
        if not isinstance(ts, str):  # ok, yet no ts: it was posted, where we cannot say
            raise UnreadableAnswer(
                QT_TR_NOOP("Slack's answer to chat.postMessage has no 'ts' in it.")
            )
        return Posted(str(body.get("channel") or channel), ts)

    def channel_id(self, channel: str) -> str | None:
        """The id of a channel given by id or by name (``#incidents``), from
        ``conversations.list`` (needs ``channels:read``); None when there is no such channel."""
        if _CONVERSATION_ID.fullmatch(channel):
            return channel
        name, cursor = channel.removeprefix("#"), ""
        for _page in range(HISTORY_PAGES):
            arguments = {
                "types": "public_channel,private_channel",
                "exclude_archived": "true",
                "limit": "200",
            }
            body = self._call(
                "conversations.list",
                {**arguments, **({"cursor": cursor} if cursor else {})},
                read=True,
            )
            channels = body.get("channels")
            for found in channels if isinstance(channels, list) else []:
                if isinstance(found, dict) and found.get("name") == name:
                    return str(found.get("id") or "") or None
            cursor = _next_cursor(body)
            if not cursor:
                return None
        raise IntegrationError("Slack lists too many channels to find one by name.")

    def find_message(
        self, channel_id: str, oldest: float, matches: Callable[[dict[str, Any]], bool]
    ) -> Posted | None:
        """The message of ``channel_id`` posted after ``oldest`` (Unix time) whose metadata
        ``matches``, or None: ``conversations.history`` with ``include_all_metadata``, newest
        first, page after page (needs ``channels:history``). Slack limits this method hard
        for apps outside its Marketplace (429 with Retry-After): the caller waits and asks
        again. More than HISTORY_PAGES pages is an error that is not retryable."""
        cursor = ""
        for _page in range(HISTORY_PAGES):
            arguments = {
                "channel": channel_id,
                "oldest": f"{oldest:.6f}",
                "limit": "100",
                "include_all_metadata": "true",
            }
            if cursor:
                arguments["cursor"] = cursor
            body = self._call("conversations.history", arguments, read=True)
            messages = body.get("messages")
            for message in messages if isinstance(messages, list) else []:
                if not isinstance(message, dict) or not isinstance(message.get("ts"), str):
                    continue
                metadata = message.get("metadata")
                if isinstance(metadata, dict) and matches(metadata):
                    return Posted(channel_id, message["ts"])
            cursor = _next_cursor(body)
            if not cursor or not body.get("has_more", True):
                return None
        raise IntegrationError("Slack's channel history is too long to look through.")

    def create_incident_channel(self, day: date, first: int = 1, tries: int = 50) -> str:
        """Create ``incident-YYYY-MM-DD-NNN`` with the next free NNN; returns its id."""
        for number in range(first, first + tries):
            name = f"incident-{day.isoformat()}-{number:03d}"
            try:
                body = self._call("conversations.create", {"name": name, "is_private": False})
            except Refused as error:
                if error.code == "name_taken":
                    continue
                raise
            channel = body.get("channel")
            channel_id = channel.get("id") if isinstance(channel, dict) else None
            if not isinstance(channel_id, str):
                raise BadPayload(
                    QT_TR_NOOP("Slack's answer to conversations.create has no channel id.")
                )
            return channel_id
        raise IntegrationError(
            QT_TR_NOOP("No free incident channel name for {day}.").format(day=day.isoformat())
        )


def post_webhook(
    url: str,
    text: str,
    session: requests.Session | None = None,
    timeout: tuple[float, float] = DEFAULT_TIMEOUT,
) -> None:
    """An incoming webhook: the simpler alternative to a bot token (no channel choice)."""
    response = send(
        session or make_session(),
        "POST",
        url,
        WEBHOOK_ANSWERS,
        timeout=timeout,
        json={"text": text},
    )
    answer = response.text.strip()[:80]
    if response.status_code != 200 or response.text.strip() != "ok":
        # Slack's webhook answers exactly "ok" (API-NOTES §6). Anything else (a hotel network's
        # captive portal, a proxy page, a truncated answer) is not a delivery: try again. A 2xx
        # may still have been taken (a truncated answer): ambiguous.
        unknown = UnreadableAnswer if 200 <= response.status_code < 300 else BadPayload
        raise unknown(
            QT_TR_NOOP(
                "The Slack webhook answered {status} without its 'ok' ({answer}); "
                "the message may not have arrived: it will be sent again."
            ).format(status=response.status_code, answer=answer or "—")
        )


def _next_cursor(body: dict[str, Any]) -> str:
    metadata = body.get("response_metadata")
    cursor = metadata.get("next_cursor") if isinstance(metadata, dict) else None
    return cursor if isinstance(cursor, str) else ""

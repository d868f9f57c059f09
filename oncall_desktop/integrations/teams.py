"""Microsoft Teams, through a Workflows webhook: the way Teams now receives incoming messages
(an HTTP POST of an Adaptive Card to the URL a "Post to a channel when a webhook request is
received" workflow gives). The URL is the secret: it lives in the keyring only.

The request is a message with one Adaptive Card attachment. Each line of the text is a
TextBlock of its own: in a TextBlock's Markdown Teams joins lines that a single newline
separates (outside lists), so a 10-line update sent as one block showed as a few long lines;
and Markdown would fold blank lines away, so a blank line is kept as a wider gap before the
next block ("spacing": "large"). Each line is escaped so that Teams' Markdown shows it as
written (a title with *stars* or [brackets] is not formatting, "- " or "1. " is not a list, and
leading spaces stay as indentation).

Teams posts at most 28 KB per message, counted in bytes. The workflow takes a bigger request
(202) and then fails to post it, so nothing would say it was lost: the card is bounded here,
with room to spare for what the workflow adds around it, and sent as UTF-8 with the charset
named (without it, Teams may count the body as UTF-16: twice its size). A longer text is cut at
a line or word break, and a closing note says so, where the whole text is (the post in
oncall-desktop, under its incident) and, when the incident follows a page in its alert source,
gives a button to that page. The page's address and the note's language travel with the post
(:class:`TeamsRoute`, in its destination) since the courier knows neither.

The workflow answers 202 Accepted; anything else is not a delivery. The payload contract the
tests check against is written down in tests/helpers/fake_teams.py.

This module is the whole destination: it registers its name (core/destinations), its route and
its deliverer (integrations/deliverers) itself; the team's updates go here too when Teams is on
in Settings.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from oncall_desktop.core.destinations import TEAMS as TEAMS
from oncall_desktop.core.destinations import Destination, Offer, register_destination
from oncall_desktop.core.messages import QT_TR_NOOP, UserMessage
from oncall_desktop.core.outbox import Attempt, Outcome, Post
from oncall_desktop.core.policy import Audience, Text
from oncall_desktop.integrations.declarations import (
    ConnectionCheck,
    Field,
    Integration,
    register_integration,
)
from oncall_desktop.integrations.deliverers import DeliveryContext, Outgoing, register_deliverer
from oncall_desktop.integrations.errors import (
    BadPayload,
    IntegrationError,
    TokenRejected,
)
from oncall_desktop.integrations.http import DEFAULT_TIMEOUT, Answers, make_session, send

if TYPE_CHECKING:
    import requests

TEAMS_WEBHOOK_URL = "teams-workflows-webhook-url"  # its name in the keyring

# What Teams posts at most, in bytes of the request's body, and what we send at most: 1 KB
# left for what the workflow wraps around the card when it posts it.
PAYLOAD_LIMIT = 28 * 1024
PAYLOAD_BUDGET = PAYLOAD_LIMIT - 1024

# Characters Teams' Markdown (CommonMark in an Adaptive Card TextBlock) would read as formatting
_MARKDOWN = re.compile(r"([\\`*_{}\[\]()#+\-.!|>~<])")
_INDENT = re.compile(r"[ \t]+")
_NBSP = "\u00a0"  # leading spaces Markdown keeps (it drops ordinary ones)
# the longest page address a post carries (the outbox's destination column holds 200)
_MAX_LINK = 150

CUT_NOTE = Text(
    fr="Texte coupé ici : un message Teams fait au plus 28 Ko.",
    en="Cut here: a Teams message holds at most 28 KB.",
)
WHOLE_TEXT_IN_INCIDENT = Text(
    fr="Le texte entier est dans oncall-desktop, dans les publications de l’incident nº {id}.",
    en="The whole text is in oncall-desktop, in the posts of incident #{id}.",
)
WHOLE_TEXT_KEPT = Text(
    fr="Le texte entier est dans les publications d’oncall-desktop.",
    en="The whole text is in oncall-desktop's posts.",
)
OPEN_THE_INCIDENT = Text(fr="Ouvrir l’incident", en="Open the incident")


def teams_text(text: str) -> str:
    """``text`` shown as written in a TextBlock: Markdown characters backslash-escaped."""
    return _MARKDOWN.sub(r"\\\1", text)


def _line(line: str) -> str:
    """One line as written: escaped, its indentation kept (non-breaking spaces)."""
    indent = _INDENT.match(line)
    if indent is None:
        return teams_text(line)
    return _NBSP * len(indent.group().expandtabs(4)) + teams_text(line[indent.end() :])


def text_blocks(text: str) -> list[dict[str, Any]]:
    """One TextBlock per line of ``text``; a line after one or more blank lines starts after
    a wider gap."""
    blocks: list[dict[str, Any]] = []
    gap = False
    for line in text.splitlines():
        if not line.strip():
            gap = bool(blocks)
            continue
        block: dict[str, Any] = {"type": "TextBlock", "text": _line(line.rstrip()), "wrap": True}
        if gap:
            block["spacing"] = "large"
        blocks.append(block)
        gap = False
    return blocks or [{"type": "TextBlock", "text": "", "wrap": True}]


@dataclass(frozen=True)
class TeamsRoute:
    """What a Teams post carries besides its text (as JSON in its destination): the language
    of the note that ends a cut text, and the page for people of the alert its incident
    follows ("" for none)."""

    language: str = "en"
    link: str = ""

    def encode(self) -> str:
        link = self.link if self.link.startswith(("https://", "http://")) else ""
        return json.dumps(
            {"lang": self.language, "link": link if len(link) <= _MAX_LINK else ""},
            ensure_ascii=False,
            separators=(",", ":"),
        )

    @classmethod
    def decode(cls, raw: str) -> TeamsRoute:
        """Tolerant: a post stored before routes (destination "") is English, without link."""
        try:
            data = json.loads(raw)
            link = str(data.get("link") or "")
            return cls(
                str(data.get("lang") or "en"),
                link if link.startswith(("https://", "http://")) else "",
            )
        except (ValueError, TypeError, AttributeError):
            return cls()


def _message(body: list[dict[str, Any]], actions: list[dict[str, Any]]) -> dict[str, Any]:
    card: dict[str, Any] = {
        "$schema": "http://adaptivecards.io/schemas/adaptive-card.json",
        "type": "AdaptiveCard",
        "version": "1.4",
        "body": body,
    }
    if actions:
        card["actions"] = actions
    return {
        "type": "message",
        "attachments": [
            {
                "contentType": "application/vnd.microsoft.card.adaptive",
                "contentUrl": None,
                "content": card,
            }
        ],
    }


def adaptive_card_message(text: str) -> dict[str, Any]:
    """The Workflows webhook's payload for ``text`` whole: a message with one Adaptive Card."""
    return _message(text_blocks(text), [])


def _encode(message: dict[str, Any]) -> bytes:
    return json.dumps(message, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _cut_at_a_break(text: str) -> str:
    """``text`` ended at its last line break, else its last space, when that keeps most of it."""
    for separator in ("\n", " "):
        at = text.rfind(separator)
        if at > len(text) // 2:
            return text[:at]
    return text


def card_payload(
    text: str, route: TeamsRoute | None = None, incident_id: int | None = None
) -> bytes:
    """The request's body: the card with every line of ``text``; when that passes
    :data:`PAYLOAD_BUDGET`, as much of the text as fits, cut, then the note saying where the
    whole text is and the button to the incident's page (``route.link``)."""
    return _payload(text, route, incident_id)[0]


def _payload(text: str, route: TeamsRoute | None, incident_id: int | None) -> tuple[bytes, bool]:
    """:func:`card_payload`, and whether the text was cut."""
    whole = _encode(adaptive_card_message(text))
    if len(whole) <= PAYLOAD_BUDGET:
        return whole, False
    route = route or TeamsRoute()
    where = (
        WHOLE_TEXT_IN_INCIDENT.get(route.language).format(id=incident_id)
        if incident_id is not None
        else WHOLE_TEXT_KEPT.get(route.language)
    )
    note = {
        "type": "TextBlock",
        "text": teams_text(f"{CUT_NOTE.get(route.language)} {where}"),
        "wrap": True,
        "isSubtle": True,
        "separator": True,
        "spacing": "large",
    }
    actions = (
        [
            {
                "type": "Action.OpenUrl",
                "title": OPEN_THE_INCIDENT.get(route.language),
                "url": route.link,
            }
        ]
        if route.link
        else []
    )

    def cut(kept: str) -> bytes:
        return _encode(_message([*text_blocks(kept.rstrip() + " […]"), note], actions))

    fits = _longest_prefix(len(text), lambda n: len(cut(text[:n])) <= PAYLOAD_BUDGET)
    return cut(_cut_at_a_break(text[:fits])), True


def _longest_prefix(length: int, fits: Callable[[int], bool]) -> int:
    """The largest n ≤ ``length`` for which ``fits(n)`` (true for 0; a longer prefix never
    makes a smaller card)."""
    low, high = 0, length
    while low < high:
        middle = (low + high + 1) // 2
        if fits(middle):
            low = middle
        else:
            high = middle - 1
    return low


# What the workflow's HTTP answers mean, in Teams' words (integrations/http.py reads them)
ANSWERS = Answers(
    unreachable=QT_TR_NOOP("The Teams workflow cannot be reached ({reason})."),
    rate_limited=QT_TR_NOOP("Teams is rate limiting the workflow (429)."),
    trouble=QT_TR_NOOP("Teams is having trouble ({status})."),
    statuses={
        status: (
            TokenRejected,
            QT_TR_NOOP(
                "Teams refused the workflow URL ({status}): it was removed or turned off. "
                "Check it in Settings."
            ),
        )
        for status in (401, 403, 404, 410)
    },
    refused=QT_TR_NOOP("Teams refused the message ({status})."),
)


def post_to_workflow(
    url: str,
    text: str,
    session: requests.Session | None = None,
    timeout: tuple[float, float] = DEFAULT_TIMEOUT,
    *,
    route: TeamsRoute | None = None,
    incident_id: int | None = None,
) -> bool:
    """Posts ``text``; True when it had to be cut (``route`` and ``incident_id``: what the
    note of a cut text says, see :func:`card_payload`)."""
    payload, cut = _payload(text, route, incident_id)
    response = send(
        session or make_session(),
        "POST",
        url,
        ANSWERS,
        timeout=timeout,
        data=payload,
        headers={"Content-Type": "application/json; charset=utf-8"},
    )
    status = response.status_code
    if status != 202 and not (status == 200 and not response.content.strip()):
        # the workflow answers 202; a 200 with a page is a proxy or a captive portal
        raise BadPayload(
            QT_TR_NOOP(
                "The Teams workflow answered {status} without accepting the message; it will "
                "be sent again."
            ).format(status=status)
        )
    return cut


def route(outgoing: Outgoing) -> Post | None:
    """To the workflow's channel when Teams is on in Settings, with what the note of a text
    cut to Teams' size says: the message's language and the page of the alert the incident
    follows, if any."""
    if not outgoing.settings.get("teams_enabled"):
        return None
    alert = outgoing.incident.alert if outgoing.incident is not None else None
    language = outgoing.setting("message_language") or "en"
    return outgoing.post(TEAMS, TeamsRoute(language, alert.url if alert else "").encode())


def deliver(post: Post, context: DeliveryContext) -> Attempt:
    cut = post_to_workflow(
        context.secret(TEAMS_WEBHOOK_URL, "Teams workflow URL"),
        post.text,
        timeout=context.endpoints.timeout,
        route=TeamsRoute.decode(post.destination),
        incident_id=post.incident_id,
    )
    return Attempt(
        Outcome.DELIVERED, remote_ref="workflow", delivered_as="cut message" if cut else "message"
    )


register_destination(
    Destination(
        TEAMS,
        Text(fr="Microsoft Teams", en="Microsoft Teams"),
        where=Text(
            fr="le canal Teams du workflow enregistré dans les Paramètres",
            en="the Teams channel of the workflow stored in Settings",
        ),
        shows_destination=False,  # its destination is a TeamsRoute, as JSON
        serves=(Audience.INTERNAL.value,),  # the team's channel; the others' texts, a copy
        offer=Offer(  # when it is on: for every message, ticked with Slack
            QT_TR_NOOP("Microsoft Teams: the workflow's channel"),
            (Audience.INTERNAL.value, Audience.STATUS_PAGE.value, Audience.EXECUTIVE.value),
            (Audience.INTERNAL.value, Audience.STATUS_PAGE.value),
            order=30,
        ),
    )
)


register_deliverer(TEAMS, deliver, route=route, team=True)


def _test_connection(check: ConnectionCheck) -> UserMessage:
    """Post a test message through the workflow (typed URL, or the stored one): a Workflows
    webhook has nothing to ask without posting, so the test is a visible message."""
    url = check.secret(TEAMS_WEBHOOK_URL).strip()
    if not url:
        raise IntegrationError(QT_TR_NOOP("No URL: paste the Teams workflow URL first."))
    post_to_workflow(url, check.say(TEST_MESSAGE))
    return QT_TR_NOOP("Teams took the test message; look for it in the channel.")


TEST_MESSAGE = QT_TR_NOOP(
    "Test from oncall-desktop: incident updates will be posted in this channel."
)
register_integration(
    Integration(
        TEAMS,
        "Microsoft Teams",
        (
            Field(
                "enabled",
                "teams_enabled",
                QT_TR_NOOP("Post the internal updates to Teams too"),
                "bool",
            ),
            Field(
                "url",
                TEAMS_WEBHOOK_URL,
                QT_TR_NOOP("Workflow URL"),
                "secret",
                placeholder=QT_TR_NOOP("The Workflows webhook URL (kept in the OS keyring)"),
            ),
        ),
        _test_connection,
        test_label=QT_TR_NOOP("Send a test message"),
        testing=QT_TR_NOOP("Sending…"),
        switch="enabled",
        note=QT_TR_NOOP(
            "In Teams: the channel's Workflows, 'Post to a channel when a webhook request is "
            "received', then copy its URL here."
        ),
        order=40,
        destinations=(TEAMS,),
    )
)

"""A fake Microsoft Teams Workflows webhook on 127.0.0.1, checking every request against the
payload contract below, so that the client is tested against what Teams accepts.

THE PAYLOAD CONTRACT (there is no machine-readable spec; written down from Microsoft's public
documentation: "Create incoming webhooks with Workflows for Microsoft Teams" and the template
"Post to a channel when a webhook request is received", learn.microsoft.com, and the Adaptive
Cards schema, adaptivecards.io/schemas/adaptive-card.json):

- ``POST <workflow URL>`` with ``Content-Type: application/json``; no auth header (the URL,
  with its ``sig`` query parameter, is the secret).
- The body is a JSON object ``{"type": "message", "attachments": [...]}`` with at least one
  attachment whose ``contentType`` is ``application/vnd.microsoft.card.adaptive`` and whose
  ``content`` is an Adaptive Card: ``{"type": "AdaptiveCard", "version": "1.x", "body": [...]}``
  (``$schema`` optional); each element of ``body`` has a ``type`` (here ``TextBlock`` with a
  string ``text``).
- Success: ``202 Accepted`` with an empty body (the workflow runs later). Failures: ``400`` for
  a payload the trigger's schema refuses, ``401``/``403``/``404`` when the workflow was deleted
  or turned off, ``429`` with ``Retry-After`` when throttled, ``5xx`` on Microsoft's side.
- The card is checked against :data:`MESSAGE_SCHEMA`, the part of the Adaptive Card schema
  (version 1.4, adaptivecards.io) for what a card may hold here, written down as JSON Schema:
  the card's and a TextBlock's properties, the Action.OpenUrl button (an http(s) address; a
  ``javascript:`` or ``file:`` one is never sent), other element types by name.
- Size: Teams posts a message of at most 28 KB, counted in bytes ("Format cards in Teams" and
  the bots' message limits). Without ``charset=utf-8`` in the Content-Type, Teams has been
  seen counting the body as UTF-16 (twice its size: a report on the webhook's 413, not in the
  documentation); the fake counts it so. Over the limit, the workflow still answers 202 and
  then fails to post it: nothing arrives, and the fake reports the violation.

HOW TEAMS SHOWS IT (what :attr:`FakeTeams.messages` holds, the Markdown of each line kept
escaped as sent), from "Format cards in Teams" and the Adaptive Cards text features:

- A TextBlock's text is Markdown (a CommonMark subset). Outside lists a single newline is no
  line break: the lines run on, joined by a space. A blank line (``\n\n``) starts a new line,
  and any number of blank lines is one break. In a list, each item (``- ``, ``* ``, ``+ ``,
  ``1. ``) is a line of its own (``\r`` or ``\n`` between them). Leading ordinary spaces are
  dropped; non-breaking ones stay.
- Each element of the body starts a new line; one with ``separator`` or a wide ``spacing``
  (``large``, ``extraLarge``, ``padding``) has an empty line before it.
"""

from __future__ import annotations

import json
import re
import time
from dataclasses import dataclass, field
from typing import Any

import jsonschema
from werkzeug import Request, Response

from tests.helpers.fake_server import FakeServer

PATH = "/workflows/FakeWorkflow/triggers/manual/paths/invoke"
SIG = "FakeSignatureSecret"
PAYLOAD_LIMIT = 28 * 1024  # bytes Teams posts at most


def _one_of(*words: str) -> dict[str, Any]:
    """A string among ``words``, in any case (the Adaptive Card parsers ignore it)."""
    return {"type": "string", "pattern": "^(?i:" + "|".join(words) + ")$"}


_SPACING = _one_of("default", "none", "small", "medium", "large", "extraLarge", "padding")
_ELEMENT_TYPES = (  # the body's element types in Adaptive Cards 1.0-1.5
    "TextBlock",
    "RichTextBlock",
    "Image",
    "ImageSet",
    "Media",
    "Container",
    "ColumnSet",
    "FactSet",
    "ActionSet",
    "Table",
    "Input.Text",
    "Input.Number",
    "Input.Date",
    "Input.Time",
    "Input.Toggle",
    "Input.ChoiceSet",
)
_ELEMENTS = "|".join(re.escape(name) for name in _ELEMENT_TYPES)
MESSAGE_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["type", "attachments"],
    "properties": {
        "type": {"const": "message"},
        "attachments": {
            "type": "array",
            "minItems": 1,
            "items": {
                "type": "object",
                "required": ["contentType", "content"],
                "properties": {
                    "contentType": {"const": "application/vnd.microsoft.card.adaptive"},
                    "contentUrl": {"type": ["string", "null"]},
                    "content": {"$ref": "#/definitions/AdaptiveCard"},
                },
            },
        },
    },
    "definitions": {
        "AdaptiveCard": {
            "type": "object",
            "required": ["type", "version", "body"],
            "additionalProperties": False,
            "properties": {
                "type": {"const": "AdaptiveCard"},
                "version": {"type": "string", "pattern": "^1\\.[0-9]+$"},
                "$schema": {"type": "string"},
                "body": {
                    "type": "array",
                    "minItems": 1,
                    "items": {"$ref": "#/definitions/Element"},
                },
                "actions": {"type": "array", "items": {"$ref": "#/definitions/Action.OpenUrl"}},
                "fallbackText": {"type": "string"},
                "lang": {"type": "string"},
                "speak": {"type": "string"},
                "minHeight": {"type": "string"},
                "rtl": {"type": "boolean"},
                "msteams": {"type": "object"},
            },
        },
        "Element": {
            "type": "object",
            "required": ["type"],
            "properties": {"type": {"type": "string", "pattern": f"^(?:{_ELEMENTS})$"}},
            "if": {"properties": {"type": {"const": "TextBlock"}}},
            "then": {"$ref": "#/definitions/TextBlock"},
        },
        "TextBlock": {
            "type": "object",
            "required": ["type", "text"],
            "additionalProperties": False,
            "properties": {
                "type": {"const": "TextBlock"},
                "text": {"type": "string"},
                "wrap": {"type": "boolean"},
                "isSubtle": {"type": "boolean"},
                "separator": {"type": "boolean"},
                "spacing": _SPACING,
                "maxLines": {"type": "integer", "minimum": 0},
                "size": _one_of("default", "small", "medium", "large", "extraLarge"),
                "weight": _one_of("default", "lighter", "bolder"),
                "color": _one_of(
                    "default", "dark", "light", "accent", "good", "warning", "attention"
                ),
                "fontType": _one_of("default", "monospace"),
                "horizontalAlignment": _one_of("left", "center", "right"),
                "style": _one_of("default", "heading"),
                "height": _one_of("auto", "stretch"),
                "id": {"type": "string"},
                "isVisible": {"type": "boolean"},
            },
        },
        "Action.OpenUrl": {
            "type": "object",
            "required": ["type", "url"],
            "additionalProperties": False,
            "properties": {
                "type": {"const": "Action.OpenUrl"},
                "url": {"type": "string", "pattern": "^https?://[^\\s]+$"},
                "title": {"type": "string"},
                "tooltip": {"type": "string"},
                "style": _one_of("default", "positive", "destructive"),
                "id": {"type": "string"},
            },
        },
    },
}
_VALIDATOR = jsonschema.Draft7Validator(MESSAGE_SCHEMA)
_NEWLINE = re.compile(r"\r\n|\r|\n")
_BLANK = re.compile(r"\n(?:[ \t]*\n)+")
_LIST_ITEM = re.compile(r"^ {0,3}(?:[-+*]|[0-9]{1,9}[.)])(?: |$)")
_WIDE = ("large", "extralarge", "padding")


@dataclass
class TeamsFault:
    status: int = 500
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0


def check_payload(body: Any) -> str:
    """The card's text as Teams shows it (see the module's doc), or AssertionError naming what
    breaks the contract."""
    assert isinstance(body, dict), "the body is not a JSON object"
    errors = sorted(_VALIDATOR.iter_errors(body), key=lambda e: list(e.absolute_path))
    assert not errors, "; ".join(
        f"{'/'.join(str(p) for p in e.absolute_path) or 'the message'}: {e.message}"
        for e in errors[:3]
    )
    return shown(body["attachments"][0]["content"])


def shown_lines(markdown: str) -> list[str]:
    """The lines Teams shows for one TextBlock's Markdown."""
    lines: list[str] = []
    for paragraph in _BLANK.split(_NEWLINE.sub("\n", markdown).strip("\n")):
        for number, line in enumerate(paragraph.split("\n")):
            if number == 0 or _LIST_ITEM.match(line):
                lines.append(line.lstrip(" \t"))
            else:  # a soft line break: the line runs on
                lines[-1] += " " + line.lstrip(" \t")
    return lines


def shown(card: dict[str, Any]) -> str:
    """A card's text as Teams lays it out, a line per line shown."""
    lines: list[str] = []
    for block in card["body"]:
        wide = block.get("separator") or str(block.get("spacing", "")).lower() in _WIDE
        if lines and wide:
            lines.append("")
        if block["type"] == "TextBlock":
            lines.extend(shown_lines(block["text"]))
    return "\n".join(lines)


class FakeTeams(FakeServer):
    def __init__(self) -> None:
        self.messages: list[str] = []  # the card texts accepted, as Teams shows them
        self.cards: list[dict[str, Any]] = []  # the Adaptive Cards accepted, as sent
        self.sizes: list[int] = []  # their requests' size, in bytes as Teams counts them
        self.fault_hook: Any = None  # hook(text) -> TeamsFault | None
        self.on_message: Any = None  # hook(text) once accepted
        super().__init__()

    @property
    def workflow_url(self) -> str:
        return self.server.url_for(PATH) + f"?api-version=1&sig={SIG}"

    def _handle(self, request: Request) -> Response:
        try:
            body = json.loads(request.get_data() or b"null")
        except ValueError:
            body = None
        text = ""
        try:
            if request.path != PATH or request.args.get("sig") != SIG:
                return Response("", status=404)
            if not request.headers.get("Content-Type", "").startswith("application/json"):
                raise AssertionError("not application/json")
            if "Authorization" in request.headers:
                raise AssertionError("an Authorization header (the URL is the secret)")
            text = check_payload(body)
        except AssertionError as error:
            self.violation(f"teams: {error}")
            return Response(json.dumps({"error": str(error)}), status=400)
        content_type = request.headers.get("Content-Type", "").lower().replace(" ", "")
        size = len(request.get_data()) * (1 if "charset=utf-8" in content_type else 2)
        if size > PAYLOAD_LIMIT:  # taken, then never posted
            self.violation(f"teams: a {size}-byte message, over Teams' 28 KB: never posted")
            return Response(b"", status=202)
        fault = self.take_fault(lambda f: True)
        if fault is None and self.fault_hook is not None:
            fault = self.fault_hook(text)
        if fault is not None:
            if fault.delay:
                time.sleep(fault.delay)
            return Response(fault.body, status=fault.status, headers=fault.headers)
        with self.lock:
            self.messages.append(text)
            self.cards.append(body["attachments"][0]["content"])
            self.sizes.append(size)
        if self.on_message is not None:
            self.on_message(text)
        return Response(b"", status=202)

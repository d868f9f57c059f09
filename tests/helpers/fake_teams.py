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
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from typing import Any

from werkzeug import Request, Response

from tests.helpers.fake_server import FakeServer

PATH = "/workflows/FakeWorkflow/triggers/manual/paths/invoke"
SIG = "FakeSignatureSecret"


@dataclass
class TeamsFault:
    status: int = 500
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0


def check_payload(body: Any) -> str:
    """The card's text, or AssertionError naming what breaks the contract."""
    assert isinstance(body, dict), "the body is not a JSON object"
    assert body.get("type") == "message", "type must be 'message'"
    attachments = body.get("attachments")
    assert isinstance(attachments, list) and attachments, "no attachments"
    card = attachments[0]
    assert card.get("contentType") == "application/vnd.microsoft.card.adaptive", "contentType"
    content = card.get("content")
    assert isinstance(content, dict) and content.get("type") == "AdaptiveCard", "not a card"
    assert str(content.get("version", "")).startswith("1."), "Adaptive Card version 1.x"
    blocks = content.get("body")
    assert isinstance(blocks, list) and blocks, "the card has no body"
    texts = []
    for block in blocks:
        assert isinstance(block, dict) and isinstance(block.get("type"), str), "untyped element"
        if block["type"] == "TextBlock":
            assert isinstance(block.get("text"), str), "a TextBlock needs a string text"
            texts.append(block["text"])
    return "\n".join(texts)


class FakeTeams(FakeServer):
    def __init__(self) -> None:
        self.messages: list[str] = []  # the card texts accepted, as Teams would store them
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
        fault = self.take_fault(lambda f: True)
        if fault is None and self.fault_hook is not None:
            fault = self.fault_hook(text)
        if fault is not None:
            if fault.delay:
                time.sleep(fault.delay)
            return Response(fault.body, status=fault.status, headers=fault.headers)
        with self.lock:
            self.messages.append(text)
        if self.on_message is not None:
            self.on_message(text)
        return Response(b"", status=202)

"""A stateful fake Slack Web API on 127.0.0.1, checked against Slack's own spec.

Requests: the method must exist, every argument must be declared for it (newer ones allowed
by name), the bot token must be a Bearer ``xoxb-`` token, JSON bodies must say
``charset=utf-8``. Answers: validated with the spec's success or error schema (Swagger 2.0,
through jsonschema, its ``items: [A, B]`` defect rewritten to ``anyOf`` in memory). Violations
are kept for the fixture to fail the test, as with the PagerDuty fake.

The spec predates message metadata (2022) and is stricter than Slack in two places the read-back
uses, so it is patched in memory (never on disk), as the PagerDuty spec is:
``chat.postMessage`` takes ``metadata`` and ``conversations.history`` takes
``include_all_metadata`` (NEWER_ARGUMENTS); a message (``objs_message``) may carry ``metadata``
(``{"event_type": str, "event_payload": object}``, checked by hand on the way in); a history
answer may be empty (the spec says ``minItems: 1``) and carries ``response_metadata`` with its
``next_cursor`` (Slack's cursor pagination, API-NOTES §4), which the frozen spec leaves out.
"""

from __future__ import annotations

import copy
import functools
import itertools
import json
import re
import socket
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from werkzeug.wrappers import Request, Response

from tests.helpers.contracts import IN_TREE, contracts_dir
from tests.helpers.fake_server import FakeServer
from tests.helpers.services import IN_CI, unavailable

SLACK_SPEC = "slack/web-api/slack_web_openapi_v2_without_examples.json"
NEWER_ARGUMENTS = {"team_id", "metadata", "unfurl_links", "unfurl_media", "include_all_metadata"}
METADATA_SCHEMA = {
    "type": "object",
    "properties": {"event_type": {"type": "string"}, "event_payload": {"type": "object"}},
    "required": ["event_type", "event_payload"],
    "additionalProperties": False,
}


def _patch_for_metadata(spec: dict[str, Any]) -> None:
    """What the 2020 spec lacks for reading messages back (see the module's docstring)."""
    spec["definitions"]["objs_message"]["properties"]["metadata"] = METADATA_SCHEMA
    history = spec["paths"]["/conversations.history"]["get"]["responses"]["200"]["schema"]
    history["properties"]["messages"].pop("minItems", None)
    history["properties"]["response_metadata"] = {
        "type": "object",
        "properties": {"next_cursor": {"type": "string"}},
        "required": ["next_cursor"],
        "additionalProperties": False,
    }


def _fix_items_lists(node: Any) -> None:
    if isinstance(node, dict):
        if isinstance(node.get("items"), list) and node.get("type") != "array":
            node["anyOf"] = node.pop("items")
        for value in node.values():
            _fix_items_lists(value)
    elif isinstance(node, list):
        for value in node:
            _fix_items_lists(value)


class SlackContract:
    def __init__(self, spec: dict[str, Any]) -> None:
        _fix_items_lists(spec)
        _patch_for_metadata(spec)
        self.spec = spec

    def operation(self, method: str) -> dict[str, Any]:
        item = self.spec["paths"].get(f"/{method}")
        if item is None:
            raise AssertionError(f"{method} is not a Slack Web API method")
        return item.get("post") or item.get("get")

    def check_request(
        self, method: str, headers: dict[str, str], arguments: dict[str, Any], json_body: bool
    ) -> None:
        operation = self.operation(method)
        declared = {
            p["name"]
            for p in operation.get("parameters", [])
            if p.get("in") in ("formData", "query")
        }
        unknown = set(arguments) - declared - NEWER_ARGUMENTS
        assert not unknown, f"undeclared arguments {sorted(unknown)} for {method}"
        for parameter in operation.get("parameters", []):
            if parameter.get("required") and parameter.get("in") in ("formData", "query"):
                assert parameter["name"] in arguments, f"{method} needs {parameter['name']}"
        auth = headers.get("Authorization", "")
        assert re.fullmatch(r"Bearer xoxb-[A-Za-z0-9-]+", auth), "needs 'Bearer xoxb-…'"
        if json_body:
            content_type = headers.get("Content-Type", "").replace(" ", "").lower()
            assert content_type == "application/json;charset=utf-8", content_type

    def check_response(self, method: str, body: dict[str, Any]) -> None:
        import jsonschema

        responses = self.operation(method)["responses"]
        schema = dict(responses["200" if body.get("ok") else "default"]["schema"])
        schema["definitions"] = self.spec["definitions"]
        jsonschema.Draft4Validator(schema).validate(body)


@functools.lru_cache(maxsize=2)
def _load(path: Path) -> SlackContract:
    spec = json.loads(path.read_text(encoding="utf-8"))
    return SlackContract(copy.deepcopy(spec))


def slack_spec_path() -> Path:
    """The shared copy where it is (always in CI); else the same file kept in the tests with
    its MIT license (tests/contracts/slack/)."""
    path = contracts_dir() / SLACK_SPEC
    if not path.exists() and IN_CI:
        unavailable(f"the Slack contract is not at {path} (set ONCALL_CONTRACTS_DIR)")
    return path if path.exists() else IN_TREE / SLACK_SPEC


def slack_contract() -> SlackContract:
    return _load(slack_spec_path())


@dataclass
class SlackFault:
    status: int = 500
    error: str = ""  # an ok:false error code instead of an HTTP failure
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes | None = None
    delay: float = 0.0
    method: str | None = None
    # True: the request is served first (Slack posted it), then this fault replaces the answer
    after: bool = False
    drop: bool = False  # close the connection instead of answering


@dataclass
class SlackMessage:
    channel: str
    text: str
    ts: str
    at: float = field(default_factory=time.time)
    metadata: dict[str, Any] | None = None


class FakeSlack(FakeServer):
    URL_PATH = "/api"

    def __init__(self, contract: SlackContract) -> None:
        self.contract = contract
        self.token = "xoxb-1111-2222-FakeBotToken"
        self.channels: dict[str, str] = {"incidents": "C0INCIDENTS"}  # name -> id
        self.messages: list[SlackMessage] = []
        self.calls: list[tuple[str, dict[str, Any]]] = []
        self._ts = itertools.count(1)
        self._ids = itertools.count(1)
        self.on_message: Any = None  # hook(text) called once a message is accepted
        self.fault_hook: Any = None  # hook(method, arguments) -> SlackFault | None
        super().__init__()

    def texts(self, channel: str) -> list[str]:
        with self.lock:
            return [m.text for m in self.messages if m.channel == channel]

    def _take_fault(self, method: str) -> SlackFault | None:
        return self.take_fault(lambda fault: fault.method is None or fault.method == method)

    @staticmethod
    def _fault_answer(fault: SlackFault, request: Request, plain: bool = False) -> Response:
        if fault.delay:
            time.sleep(fault.delay)
        if fault.drop:  # the client sees the connection close without an answer
            connection = request.environ.get("werkzeug.socket")
            if connection is not None:
                connection.shutdown(socket.SHUT_RDWR)
            return Response(b"", status=500)  # never reaches the client
        if plain:  # the webhook's plain-text answers
            answer = fault.body if fault.body is not None else (fault.error or "rollup_error")
            return Response(
                answer, status=fault.status, headers=fault.headers, mimetype="text/plain"
            )
        return Response(
            fault.body or b"<html>error</html>",
            status=fault.status,
            headers=fault.headers,
            content_type="text/html",
        )

    # The incoming webhook's secret path on the fake (the real one is
    # https://hooks.slack.com/services/T…/B…/…: the URL is the secret).
    WEBHOOK_PATH = "/services/T0EXAMPLE/B0WEBHOOK/FakeWebhookSecret"
    WEBHOOK_CHANNEL = "C0WEBHOOK"

    @property
    def webhook_url(self) -> str:
        return self.server.url_for(self.WEBHOOK_PATH)

    def _webhook(self, request: Request) -> Response:
        """API-NOTES §6, checked by hand (no machine-readable spec): a JSON object with text or
        blocks, no auth header; success is HTTP 200 with the plain-text body ``ok``."""
        with self.lock:
            self.calls.append(("webhook", {}))
        try:
            body = json.loads(request.get_data() or b"null")
        except ValueError:
            body = None
        text = str(body.get("text", "")) if isinstance(body, dict) else ""
        fault = self._take_fault("webhook")
        if fault is None and self.fault_hook is not None:
            fault = self.fault_hook("webhook", {"text": text})
        if fault is not None and not fault.after:
            return self._fault_answer(fault, request, plain=True)
        answer = self._webhook_post(request, body, text)
        if fault is not None and answer.status_code == 200:  # posted, then the answer is lost
            return self._fault_answer(fault, request, plain=True)
        return answer

    def _webhook_post(self, request: Request, body: Any, text: str) -> Response:
        if not request.headers.get("Content-Type", "").startswith("application/json"):
            self.violation("webhook: not application/json")
            return Response("invalid_payload", status=400, mimetype="text/plain")
        if not isinstance(body, dict) or not (body.get("text") or body.get("blocks")):
            self.violation(f"webhook: no text or blocks in {body!r}")
            return Response("no_text", status=400, mimetype="text/plain")
        if "Authorization" in request.headers:
            self.violation("webhook: an Authorization header (the URL is the secret)")
        ts = f"{int(time.time()):010d}.{next(self._ts):06d}"
        with self.lock:
            self.messages.append(SlackMessage(self.WEBHOOK_CHANNEL, text, ts))
        if self.on_message is not None:
            self.on_message(text)
        return Response("ok", status=200, mimetype="text/plain")

    def _handle(self, request: Request) -> Response:
        if request.path == self.WEBHOOK_PATH:
            return self._webhook(request)
        method = request.path.rsplit("/", 1)[-1]
        raw = request.get_data()
        json_body = request.headers.get("Content-Type", "").startswith("application/json")
        try:  # a JSON body, a form, or a query string (GET, for the read methods)
            arguments = json.loads(raw) if json_body and raw else dict(request.form)
        except ValueError:
            arguments = {}
        if request.method == "GET":
            arguments = {**dict(request.args), **arguments}
        with self.lock:
            self.calls.append((method, arguments))
        fault = self._take_fault(method)
        if fault is None and self.fault_hook is not None:
            fault = self.fault_hook(method, arguments)
        if fault is not None and not fault.after:
            if fault.body is not None or not fault.error or fault.drop:
                return self._fault_answer(fault, request)
            if fault.delay:
                time.sleep(fault.delay)
            return self._reply(method, {"ok": False, "error": fault.error}, fault.headers)
        import jsonschema

        try:
            self.contract.check_request(method, dict(request.headers), arguments, json_body)
            if "metadata" in arguments:  # Slack's message metadata, checked by hand
                jsonschema.validate(arguments["metadata"], METADATA_SCHEMA)
        except (AssertionError, jsonschema.ValidationError) as error:
            self.violation(f"request {method}: {error}")
            return self._reply(method, {"ok": False, "error": "invalid_arg_name"})
        if request.headers.get("Authorization") != f"Bearer {self.token}":
            return self._reply(method, {"ok": False, "error": "invalid_auth"})
        answer = self._reply(method, self._route(method, arguments))
        if fault is not None:  # done, and then the answer is lost on its way back
            return self._fault_answer(fault, request)
        return answer

    def _reply(
        self, method: str, body: dict[str, Any], headers: dict[str, str] | None = None
    ) -> Response:
        try:
            self.contract.check_response(method, body)
        except Exception as error:  # noqa: BLE001 - the fake drifted from the contract
            self.violation(f"response {method}: {error}")
        return Response(
            json.dumps(body),
            status=200,
            headers=headers or {},
            content_type="application/json; charset=utf-8",
        )

    def _route(self, method: str, arguments: dict[str, Any]) -> dict[str, Any]:
        if method == "auth.test":
            return {
                "ok": True,
                "url": "https://example.slack.com/",
                "team": "Example",
                "user": "oncall-bot",
                "team_id": "T0EXAMPLE",
                "user_id": "U0BOT0001",
            }
        if method == "chat.postMessage":
            channel = str(arguments.get("channel", "")).lstrip("#")
            channel_id = self.channels.get(channel, channel)
            if channel_id not in self.channels.values():
                return {"ok": False, "error": "channel_not_found"}
            ts = f"{int(time.time()):010d}.{next(self._ts):06d}"
            text, metadata = str(arguments.get("text")), arguments.get("metadata")
            with self.lock:
                self.messages.append(SlackMessage(channel_id, text, ts, metadata=metadata))
            if self.on_message is not None:
                self.on_message(str(arguments.get("text")))  # e.g. kill the sender right now
            return {
                "ok": True,
                "channel": channel_id,
                "ts": ts,
                "message": {"text": str(arguments.get("text")), "type": "message", "ts": ts},
            }
        if method == "conversations.history":
            return self._history(arguments)
        if method == "conversations.list":
            return self._list_channels(arguments)
        if method == "conversations.create":
            name = str(arguments.get("name"))
            if name in self.channels:
                return {"ok": False, "error": "name_taken"}
            channel_id = f"C{next(self._ids):09d}"
            with self.lock:
                self.channels[name] = channel_id
            channel = self._conversation(name, channel_id)
            return {"ok": True, "channel": {**channel, "created": int(time.time())}}
        return {"ok": False, "error": "invalid_arg_name"}

    def _history(self, arguments: dict[str, Any]) -> dict[str, Any]:
        """A channel's messages after ``oldest``, newest first, ``limit`` at a time with a
        cursor (the offset, as text); metadata only with ``include_all_metadata``."""
        channel = str(arguments.get("channel", ""))
        if channel not in self.channels.values():
            return {"ok": False, "error": "channel_not_found"}
        oldest = float(arguments.get("oldest") or 0)
        limit = int(arguments.get("limit") or 100)
        start = int(arguments.get("cursor") or 0)
        with_metadata = str(arguments.get("include_all_metadata", "")).lower() in ("true", "1")
        with self.lock:
            found = [m for m in self.messages if m.channel == channel and float(m.ts) > oldest]
        found.sort(key=lambda m: float(m.ts), reverse=True)
        page = found[start : start + limit]
        more = start + limit < len(found)
        messages = []
        for m in page:
            shown: dict[str, Any] = {
                "type": "message",
                "text": m.text,
                "ts": m.ts,
                "bot_id": "B0000BOT01",
            }
            if with_metadata and m.metadata is not None:
                shown["metadata"] = m.metadata
            messages.append(shown)
        return {
            "ok": True,
            "messages": messages,
            "has_more": more,
            "pin_count": 0,
            "channel_actions_ts": None,
            "channel_actions_count": 0,
            "response_metadata": {"next_cursor": str(start + limit) if more else ""},
        }

    def _list_channels(self, arguments: dict[str, Any]) -> dict[str, Any]:
        limit = int(arguments.get("limit") or 100)
        start = int(arguments.get("cursor") or 0)
        with self.lock:
            channels = sorted(self.channels.items(), key=lambda item: item[1])
        page = channels[start : start + limit]
        more = start + limit < len(channels)
        return {
            "ok": True,
            "channels": [self._conversation(name, channel_id) for name, channel_id in page],
            "response_metadata": {"next_cursor": str(start + limit) if more else ""},
        }

    @staticmethod
    def _conversation(name: str, channel_id: str) -> dict[str, Any]:
        topic = {"value": "", "creator": "", "last_set": 0}
        return {
            "id": channel_id,
            "name": name,
            "created": 1_700_000_000,
            "creator": "U0BOT0001",
            "is_archived": False,
            "is_channel": True,
            "is_general": False,
            "is_mpim": False,
            "is_group": False,
            "is_org_shared": False,
            "is_im": False,
            "is_shared": False,
            "is_private": False,
            "name_normalized": name,
            "topic": topic,
            "purpose": topic,
        }

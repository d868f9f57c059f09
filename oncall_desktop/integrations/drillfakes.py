"""Local stand-ins for PagerDuty and Slack for drill mode: one HTTP server on 127.0.0.1 that
answers the few calls the app makes, shaped like the real APIs, so the real clients, poller
and outbox run unchanged against it. Nothing leaves the machine; no real token is needed.

PagerDuty lives under ``/pagerduty`` and Slack under ``/slack``. The drill's scenario adds
its page with :meth:`DrillServer.trigger`; what the app sends is recorded for the score.
"""

from __future__ import annotations

import itertools
import json
import re
import threading
from dataclasses import dataclass, field
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

DRILL_TOKEN = "drill-token-not-a-secret"
ME_ID = "PDRILL1"
ME_EMAIL = "on-call@drill.invalid"


def _stamp(moment: datetime | None = None) -> str:
    return (moment or datetime.now(UTC)).strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass
class Sent:
    """Something the app sent: a Slack message or a PagerDuty status update / note."""

    where: str
    text: str
    at: datetime = field(default_factory=lambda: datetime.now(UTC))


class DrillServer:
    def __init__(self, engineer: str = "You") -> None:
        self.engineer = engineer or "You"
        self.lock = threading.Lock()
        self.incidents: dict[str, dict[str, Any]] = {}
        self.sent: list[Sent] = []
        self._numbers = itertools.count(1)
        self._channels = itertools.count(1)
        handler = type("Handler", (_Handler,), {"drill": self})
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        assert isinstance(host, str)  # an IPv4 address, never bytes
        return f"http://{host}:{port}"

    @property
    def pagerduty_url(self) -> str:
        return f"{self.url}/pagerduty"

    @property
    def slack_url(self) -> str:
        return f"{self.url}/slack"

    def start(self) -> DrillServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    # --- the scenario's side --------------------------------------------------------------------

    def trigger(self, title: str, service: str, urgency: str = "high") -> str:
        number = next(self._numbers)
        incident_id = f"PDRILL{number:03d}"
        now = _stamp()
        with self.lock:
            self.incidents[incident_id] = {
                "id": incident_id,
                "type": "incident",
                "incident_number": number,
                "title": title,
                "summary": f"[#{number}] {title}",
                "status": "triggered",
                "urgency": urgency,
                "created_at": now,
                "html_url": f"{self.pagerduty_url}/incidents/{incident_id}",
                "service": {"id": "PSVCDRILL", "type": "service_reference", "summary": service},
                "assignments": [{"at": now, "assignee": self._me_ref()}],
                "acknowledgements": [],
            }
        return incident_id

    def _me_ref(self) -> dict[str, Any]:
        return {"id": ME_ID, "type": "user_reference", "summary": self.engineer}

    # --- the API's side -------------------------------------------------------------------------

    def answer(self, method: str, path: str, query: dict[str, list[str]], body: Any) -> Any:
        if path.startswith("/pagerduty/"):
            return self._pagerduty(method, path.removeprefix("/pagerduty"), body)
        if path.startswith("/slack/"):
            return 200, self._slack(path.removeprefix("/slack/"), body)
        return 404, {"error": {"message": "Not Found", "code": 2100}}

    def _pagerduty(self, method: str, path: str, body: Any) -> tuple[int, Any]:
        if method == "GET" and path == "/users/me":
            user = {**self._me_ref(), "type": "user", "name": self.engineer, "email": ME_EMAIL}
            return 200, {"user": user}
        if method == "GET" and path == "/incidents":
            with self.lock:
                open_ones = [
                    i
                    for i in self.incidents.values()
                    if i["status"] in ("triggered", "acknowledged")
                ]
            return 200, {"incidents": open_ones, "limit": 100, "offset": 0, "more": False}
        if method == "GET" and path == "/oncalls":
            return 200, {"oncalls": [], "limit": 100, "offset": 0, "more": False}
        post = re.fullmatch(r"/incidents/(\w+)/(status_updates|notes)", path)
        if post and method == "POST":
            text = ""
            if isinstance(body, dict):
                text = str(body.get("message") or (body.get("note") or {}).get("content", ""))
            with self.lock:
                self.sent.append(Sent(f"pagerduty:{post.group(2)}", text))
            key = "status_update" if post.group(2) == "status_updates" else "note"
            return 201, {
                key: {"id": f"PU{len(self.sent)}", "message": text, "created_at": _stamp()}
            }
        match = re.fullmatch(r"/incidents/(\w+)", path)
        if match:
            with self.lock:
                incident = self.incidents.get(match.group(1))
                if incident is None:
                    return 404, {"error": {"message": "Not Found", "code": 2100}}
                wanted = (body or {}).get("incident", {}) if isinstance(body, dict) else {}
                if method == "PUT" and wanted.get("status") in ("acknowledged", "resolved"):
                    incident["status"] = wanted["status"]
                    if wanted["status"] == "acknowledged" and not incident["acknowledgements"]:
                        incident["acknowledgements"] = [
                            {"at": _stamp(), "acknowledger": self._me_ref()}
                        ]
                return 200, {"incident": dict(incident)}
        return 404, {"error": {"message": "Not Found", "code": 2100}}

    def _slack(self, method: str, body: Any) -> dict[str, Any]:
        body = body if isinstance(body, dict) else {}
        if method == "auth.test":
            return {"ok": True, "team": "Drill", "user": "drill-bot", "url": "https://drill/"}
        if method == "chat.postMessage":
            channel = str(body.get("channel", ""))
            with self.lock:
                self.sent.append(Sent(f"slack:{channel}", str(body.get("text", ""))))
            return {"ok": True, "channel": channel, "ts": f"{datetime.now(UTC).timestamp():.6f}"}
        if method == "conversations.create":
            name = str(body.get("name", "incident"))
            return {"ok": True, "channel": {"id": f"CDRILL{next(self._channels)}", "name": name}}
        return {"ok": False, "error": "unknown_method"}


class _Handler(BaseHTTPRequestHandler):
    drill: DrillServer

    def log_message(self, format: str, *args: Any) -> None:
        return  # the app's own log says what it sent

    def _handle(self) -> None:
        parts = urlsplit(self.path)
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        try:
            body = json.loads(raw) if raw else None
        except ValueError:
            body = None
        status, payload = self.drill.answer(self.command, parts.path, parse_qs(parts.query), body)
        data = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    do_GET = do_POST = do_PUT = _handle

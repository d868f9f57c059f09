"""A stateful fake PagerDuty on 127.0.0.1 that holds itself and its clients to the contract.

Every request is checked against the official REST spec before it is served, and every answer
the fake writes is checked before it is sent. A request that breaks the contract gets the 400
real PagerDuty would give and is recorded in :attr:`FakePagerDuty.violations`; the fixture
fails the test at teardown unless the test consumed them. Faults (429, 5xx, hangs, HTML pages,
broken JSON) are queued with :meth:`FakePagerDuty.fail_next`; a fault with ``after=True`` lets
the fake do what was asked first and then loses the answer (a hang past the client's timeout, a
proxy's 5xx, a dropped connection), as when PagerDuty created an incident but its answer never
arrived.
"""

from __future__ import annotations

import copy
import itertools
import json
import re
import socket
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from werkzeug.wrappers import Request, Response

from tests.helpers.contracts import PagerDutyContract
from tests.helpers.fake_server import FakeServer

ME_ID = "PME0001"
ME_EMAIL = "alice@example.com"
OTHER_ID = "PBOB002"
THIRD_ID = "PCAROL3"
NAMES = {ME_ID: "Alice", OTHER_ID: "Bob", THIRD_ID: "Carol"}
DUPLICATE_KEY = "Open incident with matching dedup key already exists on this service"


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _parse_time(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value.replace("Z", "+00:00")) if value else None


def _user_ref(user_id: str) -> dict[str, Any]:
    return {
        "id": user_id,
        "type": "user_reference",
        "summary": NAMES.get(user_id, "Bob"),
        "self": f"https://api.pagerduty.com/users/{user_id}",
        "html_url": f"https://example.pagerduty.com/users/{user_id}",
    }


@dataclass
class Fault:
    status: int = 500
    body: bytes | None = None  # raw bytes: for HTML pages and broken JSON
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds to hang before answering
    path: str | None = None  # only for requests to this path
    method: str | None = None  # only for requests with this method
    # True: the request is served first (PagerDuty did it), then this fault replaces the answer
    after: bool = False
    drop: bool = False  # close the connection instead of answering


@dataclass
class Recorded:
    method: str
    path: str
    query: list[tuple[str, str]]
    headers: dict[str, str]
    body: Any
    at: float = field(default_factory=time.time)  # wall clock, to compare across processes
    answered_ids: list[str] = field(default_factory=list)  # incidents in the answer


class FakePagerDuty(FakeServer):
    def __init__(self, contract: PagerDutyContract) -> None:
        super().__init__()
        self.contract = contract
        self.incidents: dict[str, dict[str, Any]] = {}
        self.requests: list[Recorded] = []
        self.token = "u+FakeUserToken_1234"
        self.status_updates_in_plan = True  # False: the plan refuses them (402)
        self.fault_hook: Any = None  # hook(method, path, body) -> Fault | None
        self.on_status_update: Any = None  # hook(message) once an update is accepted
        self.status_updates: list[dict[str, Any]] = []
        self.responder_requests: list[dict[str, Any]] = []
        # who a responder request to an escalation policy reaches (policy id -> user ids);
        # without an entry, the policy's level-1 on-calls (add_oncall)
        self.policy_members: dict[str, list[str]] = {}
        self.policy_names: dict[str, str] = {}
        # PagerDuty Status Pages: one page, its incident vocabulary, the posts made on it
        self.status_page_id = "PSTPG01"
        self.status_page_statuses = ["investigating", "identified", "monitoring", "resolved"]
        self.status_page_severities = ["all good", "minor", "major"]
        # the page's services (id, name) and its impact levels (the spec's example's words)
        self.status_page_services = [("PSRV001", "API"), ("PSRV002", "Web app")]
        self.status_page_services.append(("PSRV003", "Payments"))
        self.status_page_impacts = ["operational", "partial outage", "outage"]
        self.status_posts: list[dict[str, Any]] = []
        self.on_status_page_update: Any = None  # hook(html message) once an update is added
        self.notes: list[dict[str, Any]] = []
        self.oncalls: list[dict[str, Any]] = []
        self._numbers = itertools.count(1001)
        self.me: dict[str, Any] = {
            "id": ME_ID,
            "type": "user",
            "summary": "Alice",
            "self": f"https://api.pagerduty.com/users/{ME_ID}",
            "html_url": f"https://example.pagerduty.com/users/{ME_ID}",
            "name": "Alice",
            "email": ME_EMAIL,
            "time_zone": "Africa/Douala",
            "role": "user",
        }

    # --- the world -----------------------------------------------------------------------------

    def add_incident(
        self,
        title: str = "API Down - All endpoints returning 500",
        status: str = "triggered",
        urgency: str = "high",
        assignee: str | None = ME_ID,
        created_at: str | None = None,
        service: str = "Backend API",
    ) -> str:
        number = next(self._numbers)
        incident_id = f"PINC{number}"
        created = created_at or _now()
        incident = {
            "id": incident_id,
            "type": "incident",
            "summary": f"[#{number}] {title}",
            "self": f"https://api.pagerduty.com/incidents/{incident_id}",
            "html_url": f"https://example.pagerduty.com/incidents/{incident_id}",
            "incident_number": number,
            "title": title,
            "created_at": created,
            "updated_at": created,
            "status": status,
            "urgency": urgency,
            "incident_key": f"key-{number}",
            "service": {
                "id": "PSVC001",
                "type": "service_reference",
                "summary": service,
                "self": "https://api.pagerduty.com/services/PSVC001",
                "html_url": "https://example.pagerduty.com/service-directory/PSVC001",
            },
            "assignments": [{"at": created, "assignee": _user_ref(assignee)}] if assignee else [],
            "acknowledgements": [],
            "last_status_change_at": created,
        }
        with self.lock:
            self.incidents[incident_id] = incident
        return incident_id

    def add_oncall(
        self,
        user_id: str,
        start: datetime | None,
        end: datetime | None,
        level: int = 1,
        policy_id: str = "PEP0001",
    ) -> None:
        """An on-call shift of a user on an escalation policy (its schedule's rotation)."""

        def stamp(moment: datetime | None) -> str | None:
            return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ") if moment else None

        entry = {
            "escalation_policy": {
                "id": policy_id,
                "type": "escalation_policy_reference",
                "summary": "Backend on-call",
                "self": f"https://api.pagerduty.com/escalation_policies/{policy_id}",
                "html_url": f"https://example.pagerduty.com/escalation_policies/{policy_id}",
            },
            "user": _user_ref(user_id),
            "schedule": {
                "id": "PSCH001",
                "type": "schedule_reference",
                "summary": "Weekly rotation",
                "self": "https://api.pagerduty.com/schedules/PSCH001",
                "html_url": "https://example.pagerduty.com/schedules/PSCH001",
            },
            "escalation_level": level,
            "start": stamp(start),
            "end": stamp(end),
        }
        with self.lock:
            self.oncalls.append(entry)

    def _list_oncalls(self, request: Request) -> dict[str, Any]:
        users = set(request.args.getlist("user_ids[]"))
        policies = set(request.args.getlist("escalation_policy_ids[]"))
        since = _parse_time(request.args.get("since")) or datetime.now(UTC)
        until = _parse_time(request.args.get("until")) or since

        def overlaps(entry: dict[str, Any]) -> bool:
            start, end = _parse_time(entry["start"]), _parse_time(entry["end"])
            return (start is None or start <= until) and (end is None or end > since)

        with self.lock:
            found = [
                e
                for e in self.oncalls
                if (not users or e["user"]["id"] in users)
                and (not policies or e["escalation_policy"]["id"] in policies)
                and overlaps(e)
            ]
        return {"oncalls": found, "limit": 100, "offset": 0, "more": False, "total": None}

    def set_status(self, incident_id: str, status: str, by: str = OTHER_ID) -> None:
        with self.lock:
            self._apply_status(self.incidents[incident_id], status, by)

    def assign(self, incident_id: str, assignee: str) -> None:
        with self.lock:
            incident = self.incidents[incident_id]
            incident["assignments"] = [{"at": _now(), "assignee": _user_ref(assignee)}]

    def _apply_status(self, incident: dict[str, Any], status: str, by: str) -> None:
        now = _now()
        incident["status"] = status
        incident["updated_at"] = incident["last_status_change_at"] = now
        if status == "acknowledged":
            incident["acknowledgements"].append({"at": now, "acknowledger": _user_ref(by)})
        elif status == "triggered":
            incident["acknowledgements"] = []
        elif status == "resolved":
            incident["assignments"] = []
            incident["resolved_at"] = now

    def requests_to(self, method: str, path: str) -> list[Recorded]:
        return [r for r in self.requests if r.method == method and r.path == path]

    # --- serving -------------------------------------------------------------------------------

    def _handle(self, request: Request) -> Response:
        query = list(request.args.items(multi=True))
        headers = dict(request.headers)
        body = request.get_data() or None
        try:
            parsed = json.loads(body) if body else None
        except ValueError:
            parsed = body
        recorded = Recorded(request.method, request.path, query, headers, parsed)
        with self.lock:
            self.requests.append(recorded)
        fault = self._take_fault(request.method, request.path)
        if fault is None and self.fault_hook is not None:
            fault = self.fault_hook(request.method, request.path, parsed)
        if fault is not None and not fault.after:
            return self._fault_answer(fault, request)
        try:
            self.contract.check_request(request.method, request.path, query, headers, body)
        except Exception as error:  # noqa: BLE001 - any validation failure is a violation
            self.violation(f"request {request.method} {request.path}: {error}")
            return self._json(400, self._error(400, f"Invalid request: {error}"))
        status, payload = self._route(request, parsed)
        if isinstance(payload, dict) and isinstance(payload.get("incidents"), list):
            recorded.answered_ids = [i["id"] for i in payload["incidents"]]
        raw = json.dumps(payload).encode()
        try:
            self.contract.check_response(
                request.method, request.path, query, headers, body, status, raw
            )
        except Exception as error:  # noqa: BLE001 - the fake drifted from the contract
            self.violation(f"response {request.method} {request.path}: {error}")
            return self._json(500, self._error(500, "fake drifted from the contract"))
        if fault is not None:  # done, and then the answer is lost on its way back
            return self._fault_answer(fault, request)
        return Response(raw, status=status, content_type="application/json")

    def _take_fault(self, method: str, path: str) -> Fault | None:
        return self.take_fault(
            lambda fault: (
                (fault.path is None or fault.path == path)
                and (fault.method is None or fault.method == method)
            )
        )

    def _fault_answer(self, fault: Fault, request: Request) -> Response:
        if fault.delay:
            time.sleep(fault.delay)
        if fault.drop:  # the client sees the connection close without an answer
            connection = request.environ.get("werkzeug.socket")
            if connection is not None:
                connection.shutdown(socket.SHUT_RDWR)
            return Response(b"", status=500)  # never reaches the client
        if fault.body is not None:
            return Response(
                fault.body,
                status=fault.status,
                headers=fault.headers,
                content_type=fault.headers.get("Content-Type", "text/html"),
            )
        return self._json(fault.status, self._error(fault.status), fault.headers)

    def _json(self, status: int, payload: Any, headers: dict[str, str] | None = None) -> Response:
        return Response(
            json.dumps(payload),
            status=status,
            headers=headers or {},
            content_type="application/json",
        )

    @staticmethod
    def _error(status: int, message: str | None = None) -> dict[str, Any]:
        default = {
            401: "Unauthorized",
            403: "Forbidden",
            404: "Not Found",
            429: "Rate Limit Exceeded",
        }.get(status, "Internal Server Error")
        return {"error": {"message": message or default, "code": 2000 + status % 100, "errors": []}}

    def _route(self, request: Request, body: Any) -> tuple[int, Any]:
        auth = request.headers.get("Authorization", "")
        if auth != f"Token token={self.token}":
            return 401, self._error(401)
        method, path = request.method, request.path
        if method == "GET" and path == "/users/me":
            return 200, {"user": self.me}
        if method == "GET" and path == "/incidents":
            return 200, self._list_incidents(request)
        if method == "GET" and path == "/oncalls":
            return 200, self._list_oncalls(request)
        if path.startswith("/status_pages"):
            return self._status_pages(method, path, body, request)
        if method == "POST" and path == "/incidents":
            return self._create_incident(body)
        wanted = re.fullmatch(r"/incidents/([A-Z0-9]+)/responder_requests", path)
        if wanted and method == "POST":
            return self._responder_request(wanted.group(1), body)
        sub = re.fullmatch(r"/incidents/([A-Z0-9]+)/(status_updates|notes)", path)
        if sub and method == "POST":
            return self._post_on_incident(sub.group(1), sub.group(2), body, request)
        if sub and method == "GET" and sub.group(2) == "notes":  # status updates: no listing
            with self.lock:
                if sub.group(1) not in self.incidents:
                    return 404, self._error(404)
                notes = [
                    {k: v for k, v in n.items() if k != "incident"}
                    for n in self.notes
                    if n["incident"] == sub.group(1)
                ]
            return 200, {"notes": notes}
        match = re.fullmatch(r"/incidents/([A-Z0-9]+)", path)
        if match and method == "PUT":
            return self._update_incident(match.group(1), body)
        if match and method == "GET":
            with self.lock:
                incident = copy.deepcopy(self.incidents.get(match.group(1)))
            return (200, {"incident": incident}) if incident else (404, self._error(404))
        return 404, self._error(404)

    def _list_incidents(self, request: Request) -> dict[str, Any]:
        statuses = set(request.args.getlist("statuses[]")) or {
            "triggered",
            "acknowledged",
            "resolved",
        }
        users = set(request.args.getlist("user_ids[]"))
        services = set(request.args.getlist("service_ids[]"))
        key = request.args.get("incident_key")
        limit = int(request.args.get("limit", 25))
        offset = int(request.args.get("offset", 0))
        with self.lock:
            matching = [
                copy.deepcopy(i)
                for i in self.incidents.values()
                if i["status"] in statuses
                and (not users or any(a["assignee"]["id"] in users for a in i["assignments"]))
                and (not services or i["service"]["id"] in services)
                and (key is None or i.get("incident_key") == key)
            ]
        matching.sort(key=lambda i: i["created_at"], reverse=True)
        page = matching[offset : offset + limit]
        return {
            "incidents": page,
            "limit": limit,
            "offset": offset,
            "more": offset + limit < len(matching),
            "total": None,
        }

    def _post_on_incident(
        self, incident_id: str, what: str, body: Any, request: Request
    ) -> tuple[int, Any]:
        with self.lock:
            if incident_id not in self.incidents:
                return 404, self._error(404)
            now, number = _now(), f"P{what[:2].upper()}{len(self.requests):05d}"
            sender = _user_ref(ME_ID)
            if what == "status_updates" and not self.status_updates_in_plan:
                return 402, self._error(402, "Account does not have access to this feature")
            if what == "status_updates":
                update = {
                    "id": number,
                    "message": body["message"],
                    "created_at": now,
                    "sender": sender,
                }
                self.status_updates.append({"incident": incident_id, **update})
                answer: dict[str, Any] = {"status_update": update}
            else:
                note = {
                    "id": number,
                    "user": sender,
                    "channel": {"summary": "The API"},
                    "content": body["note"]["content"],
                    "created_at": now,
                }
                self.notes.append({"incident": incident_id, **note})
                answer = {"note": note}
        if what == "status_updates" and self.on_status_update is not None:
            self.on_status_update(str(body["message"]))  # e.g. kill the sender right now
        return 200, answer

    @staticmethod
    def _listing(request: Request, key: str, items: list[Any]) -> dict[str, Any]:
        """One page of a list, classic pagination (25 by default, like PagerDuty)."""
        limit = int(request.args.get("limit", 25))
        offset = int(request.args.get("offset", 0))
        return {
            "limit": limit,
            "offset": offset,
            "more": offset + limit < len(items),
            "total": None,
            key: items[offset : offset + limit],
        }

    def _unknown_impacts(self, update: dict[str, Any]) -> bool:
        """An update naming a service or an impact the page does not have (PagerDuty: 400)."""
        services = {ident for ident, _name in self.status_page_services}
        impacts = {f"PIMP{n:03d}" for n in range(len(self.status_page_impacts))}
        return any(
            item.get("service", {}).get("id") not in services
            or item.get("impact", {}).get("id") not in impacts
            for item in update.get("impacted_services", [])
        )

    def _status_pages(self, method: str, path: str, body: Any, request: Request) -> tuple[int, Any]:
        page = self.status_page_id
        if method == "GET" and path == "/status_pages":
            pages = [
                {
                    "id": page,
                    "name": "Example <b>status</b>",
                    "published_at": None,
                    "status_page_type": "public",
                    "url": "https://status.example.com",
                    "type": "status_page",
                }
            ]
            return 200, self._listing(request, "status_pages", pages)
        parts = path.strip("/").split("/")
        if len(parts) < 3 or parts[1] != page:
            return 404, self._error(404)
        words = {
            "statuses": self.status_page_statuses,
            "severities": self.status_page_severities,
            "impacts": self.status_page_impacts,
        }
        if method == "GET" and len(parts) == 3 and parts[2] in words:
            kind = {
                "statuses": "status_page_status",
                "severities": "status_page_severity",
                "impacts": "status_page_impact",
            }[parts[2]]
            items = [
                {
                    "id": f"P{parts[2][:3].upper()}{n:03d}",
                    "self": f"https://api.pagerduty.com/{'/'.join(parts)}/P{n}",
                    "description": word,
                    "post_type": "incident",
                    "status_page": {"id": page, "type": "status_page"},
                    "type": kind,
                }
                for n, word in enumerate(words[parts[2]])
            ]
            return 200, self._listing(request, parts[2], items)
        if method == "GET" and parts[2:] == ["services"]:
            services = [
                {
                    "id": ident,
                    "self": f"https://api.pagerduty.com/status_pages/{page}/services/{ident}",
                    "name": name,
                    "status_page": {"id": page, "type": "status_page"},
                    "type": "status_page_service",
                }
                for ident, name in self.status_page_services
            ]
            return 200, self._listing(request, "services", services)
        with self.lock:
            if parts[2] == "posts" and len(parts) == 3:
                if method == "GET":
                    posts = [self._post_view(p) for p in self.status_posts]
                    return 200, self._listing(request, "posts", posts)
                wanted = body["post"]
                if any(self._unknown_impacts(u) for u in wanted["updates"]):
                    return 400, self._error(400, "Invalid Input Provided")
                post_id = f"PPOST{len(self.status_posts) + 1:02d}"
                post = {"id": post_id, "title": wanted["title"], "updates": []}
                self.status_posts.append(post)
                for update in wanted["updates"]:
                    self._add_post_update(post, update)
                return 201, {"post": self._post_view(post)}
            post = next(
                (p for p in self.status_posts if len(parts) > 3 and p["id"] == parts[3]), None
            )
            if post is not None and parts[4:] == ["postmortem"] and method == "PUT":
                wanted = body["postmortem"]
                post["postmortem"] = {
                    "id": f"PPM{post['id'][-2:]}",
                    "self": f"https://api.pagerduty.com/{'/'.join(parts)}",
                    "post": {"id": post["id"], "type": "status_page_post"},
                    "message": wanted["message"],
                    "notify_subscribers": wanted["notify_subscribers"],
                    "reported_at": _now(),
                    "type": "status_page_post_postmortem",
                }
                return 200, {"postmortem": post["postmortem"]}
            if post is None or parts[4:] != ["post_updates"]:
                return 404, self._error(404)
            if method == "GET":
                return 200, self._listing(request, "post_updates", list(post["updates"]))
            if self._unknown_impacts(body["post_update"]):
                return 400, self._error(400, "Invalid Input Provided")
            return 201, {"post_update": self._add_post_update(post, body["post_update"])}

    def _add_post_update(self, post: dict[str, Any], wanted: dict[str, Any]) -> dict[str, Any]:
        update_id = f"PUPD{post['id'][-2:]}{len(post['updates']) + 1:02d}"
        update = {
            "id": update_id,
            "self": f"https://api.pagerduty.com/status_pages/{self.status_page_id}/posts/"
            f"{post['id']}/post_updates/{update_id}",
            "post": {"id": post["id"], "type": "status_page_post"},
            "message": wanted["message"],
            "reviewed_status": "approved",
            "status": {"id": wanted["status"]["id"], "type": "status_page_status"},
            "severity": {"id": wanted["severity"]["id"], "type": "status_page_severity"},
            "impacted_services": [
                {
                    "service": {"id": i["service"]["id"], "type": "status_page_service"},
                    "impact": {"id": i["impact"]["id"], "type": "status_page_impact"},
                }
                for i in wanted["impacted_services"]
            ],
            "update_frequency_ms": wanted["update_frequency_ms"],
            "notify_subscribers": wanted["notify_subscribers"],
            "reported_at": _now(),
            "type": "status_page_post_update",
        }
        post["updates"].append(update)
        if self.on_status_page_update is not None:
            self.on_status_page_update(update["message"])  # e.g. kill the sender right now
        return update

    def _post_view(self, post: dict[str, Any]) -> dict[str, Any]:
        return {
            "id": post["id"],
            "self": f"https://api.pagerduty.com/status_pages/{self.status_page_id}/posts/{post['id']}",
            "type": "status_page_post",
            "post_type": "incident",
            "status_page": {"id": self.status_page_id, "type": "status_page"},
            "title": post["title"],
            "starts_at": None,
            "ends_at": None,
            "updates": list(post["updates"]),
        }

    def status_updates_text(self) -> list[tuple[str, str, str]]:
        """(post title, status word, message) for every update on the status page."""
        statuses = {f"PSTA{n:03d}": w for n, w in enumerate(self.status_page_statuses)}
        with self.lock:
            return [
                (p["title"], statuses.get(u["status"]["id"], "?"), u["message"])
                for p in self.status_posts
                for u in p["updates"]
            ]

    def status_update_impacts(self) -> list[list[tuple[str, str]]]:
        """For every update on the status page: (service name, impact word) for each service
        it names."""
        names = dict(self.status_page_services)
        impacts = {f"PIMP{n:03d}": w for n, w in enumerate(self.status_page_impacts)}
        with self.lock:
            return [
                [
                    (names[i["service"]["id"]], impacts[i["impact"]["id"]])
                    for i in u["impacted_services"]
                ]
                for p in self.status_posts
                for u in p["updates"]
            ]

    def seed_status_posts(self, count: int, title: str = "Earlier incident {n}") -> None:
        """Posts made on the page before (by others, or by earlier incidents)."""
        for n in range(count):
            with self.lock:
                post = {
                    "id": f"PPOST{len(self.status_posts) + 1:02d}",
                    "title": title.format(n=n + 1),
                    "updates": [],
                }
                self.status_posts.append(post)
                self._add_post_update(
                    post,
                    {
                        "message": f"<p>Earlier message {n + 1}.</p>",
                        "status": {"id": "PSTA000"},
                        "severity": {"id": "PSEV001"},
                        "impacted_services": [],
                        "update_frequency_ms": None,
                        "notify_subscribers": False,
                    },
                )

    def answer_responder_request(self, incident_id: str, user_id: str, state: str) -> None:
        """The asked user answers in PagerDuty (joined / declined), whether asked by name or
        through an escalation policy: on the incident's responders and in its requests."""
        with self.lock:
            incident = self.incidents[incident_id]
            entries = list(incident.get("incidents_responders", []))
            for request in incident.get("responder_requests", []):
                for target in request["responder_request_targets"]:
                    entries += target["responder_request_target"]["incidents_responders"]
            for responder in entries:
                if responder["user"]["id"] == user_id:
                    responder["state"], responder["updated_at"] = state, _now()
            incident["updated_at"] = _now()

    def _create_incident(self, body: Any) -> tuple[int, Any]:
        """PagerDuty's de-duplication: while an incident with this ``incident_key`` is open on
        the service, another one is refused (the spec's words on ``incident_key``; the 400 and
        its message are what PagerDuty answers). A resolved one does not block a new one."""
        wanted = body["incident"]
        key = wanted.get("incident_key")
        service_id = wanted["service"]["id"]
        with self.lock:
            taken = any(
                i.get("incident_key") == key
                and i["service"]["id"] == service_id
                and i["status"] != "resolved"
                for i in self.incidents.values()
            )
        if key and taken:
            return 400, {
                "error": {
                    "message": "Invalid Input Provided",
                    "code": 2001,
                    "errors": [DUPLICATE_KEY],
                }
            }
        incident_id = self.add_incident(
            wanted["title"], urgency=wanted.get("urgency", "high"), service="Backend API"
        )
        with self.lock:
            incident = self.incidents[incident_id]
            incident["service"]["id"] = service_id
            incident["service"]["self"] = f"https://api.pagerduty.com/services/{service_id}"
            incident["service"]["html_url"] = (
                f"https://example.pagerduty.com/service-directory/{service_id}"
            )
            if key:
                incident["incident_key"] = key
            created = copy.deepcopy(incident)
        return 201, {"incident": created}

    def incidents_with_key(self, key: str) -> list[str]:
        with self.lock:
            return [i["id"] for i in self.incidents.values() if i.get("incident_key") == key]

    def _policy_members(self, policy_id: str) -> list[str]:
        if policy_id in self.policy_members:
            return list(self.policy_members[policy_id])
        return [
            e["user"]["id"]
            for e in self.oncalls
            if e["escalation_policy"]["id"] == policy_id and e["escalation_level"] == 1
        ]

    def _responder_request(self, incident_id: str, body: Any) -> tuple[int, Any]:
        """A responder request, kept on the incident as PagerDuty shows it: each target (a user
        or an escalation policy) with the people it reached and their answer
        (``responder_requests``), and every person asked in ``incidents_responders``. The
        shape of a target (``{"responder_request_target": {...}}``, ``incidents_responders``)
        is the spec's own example and PagerDuty's answer; the spec's schema names it
        differently and checks neither."""
        with self.lock:
            incident = self.incidents.get(incident_id)
            if incident is None:
                return 404, self._error(404)
            now = _now()
            reference = {
                "id": incident_id,
                "type": "incident_reference",
                "summary": incident["summary"],
                "self": incident["self"],
                "html_url": incident["html_url"],
            }

            def responder(user_id: str, policies: list[str]) -> dict[str, Any]:
                entry = {
                    "state": "pending",
                    "user": _user_ref(user_id),
                    "incident": reference,
                    "updated_at": now,
                    "message": body["message"],
                    "requester": _user_ref(body["requester_id"]),
                    "requested_at": now,
                }
                if policies:
                    entry["escalation_policy_requests"] = policies
                return entry

            targets = []
            for entry in body["responder_request_targets"]:
                target = entry["responder_request_target"]
                is_user = target["type"] == "user_reference"
                if is_user:
                    reached, policies, summary = [target["id"]], [], NAMES.get(target["id"], "Bob")
                else:
                    summary = self.policy_names.get(target["id"], target["id"])
                    reached, policies = self._policy_members(target["id"]), [summary]
                targets.append(
                    {
                        "responder_request_target": {
                            "type": "user" if is_user else "escalation_policy",
                            "id": target["id"],
                            "summary": summary,
                            "incidents_responders": [responder(u, policies) for u in reached],
                        }
                    }
                )
                for user_id in reached:
                    incident.setdefault("incidents_responders", []).append(
                        responder(user_id, policies)
                    )
            request = {
                "id": f"PRR{len(self.responder_requests) + 1:04d}",
                "incident": reference,
                "requester": _user_ref(body["requester_id"]),
                "requested_at": now,
                "message": body["message"],
                "responder_request_targets": targets,
            }
            self.responder_requests.append(request)
            incident.setdefault("responder_requests", []).append(request)
            incident["updated_at"] = now
            answer = copy.deepcopy(request)
        return 200, {"responder_request": answer}

    def _update_incident(self, incident_id: str, body: Any) -> tuple[int, Any]:
        with self.lock:
            incident = self.incidents.get(incident_id)
            if incident is None:
                return 404, self._error(404)
            wanted = body["incident"].get("status")
            if incident["status"] == "resolved" and wanted in ("acknowledged", "resolved"):
                return 400, self._error(400, "Incident Already Resolved")
            if wanted:
                self._apply_status(incident, wanted, ME_ID)
            return 200, {"incident": dict(incident)}

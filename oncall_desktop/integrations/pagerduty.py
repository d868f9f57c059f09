"""PagerDuty REST API v2: the few calls the app needs, on ``requests``.

Every call is blocking and must run on a worker thread. Errors come out as the classes of
:mod:`oncall_desktop.integrations.errors`; payloads are read tolerantly (pagerduty_payloads).
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

from oncall_desktop.core.handoff import OnCallEntry
from oncall_desktop.core.messages import QT_TR_NOOP
from oncall_desktop.core.paging import Page
from oncall_desktop.integrations.errors import (
    AccountLevelKey,
    BadPayload,
    Forbidden,
    IntegrationError,
    NotFound,
    PlanLimit,
    Refused,
    ServerError,
    TokenRejected,
    Unreachable,
    UnreadableAnswer,
)
from oncall_desktop.integrations.http import Answers, ApiClient, json_of
from oncall_desktop.integrations.pagerduty_payloads import parse_oncall, parse_page
from oncall_desktop.integrations.sources import Me

if TYPE_CHECKING:  # imported by the worker making the first call, not at start-up
    import requests

log = logging.getLogger(__name__)

US_BASE_URL = "https://api.pagerduty.com"
EU_BASE_URL = "https://api.eu.pagerduty.com"
ACCEPT = "application/vnd.pagerduty+json;version=2"
PAGE_LIMIT = 100  # the most /incidents returns at once
OFFSET_CAP = 10_000  # PagerDuty refuses offset + limit beyond this
# how much earlier than a post was queued a note found for it may be (clocks disagree)
READ_BACK_MARGIN = timedelta(minutes=5)


def _error_detail(response: requests.Response) -> str:
    try:
        body = response.json()
    except (ValueError, RecursionError):
        return ""
    error = body.get("error") if isinstance(body, dict) else None
    if not isinstance(error, dict):
        return ""
    errors = error.get("errors")
    parts = [error.get("message"), *(errors if isinstance(errors, list) else [])]
    return "; ".join(p for p in parts if isinstance(p, str) and p)


# What PagerDuty's answers mean, in its words (integrations/http.py reads every answer)
ANSWERS = Answers(
    timed_out=QT_TR_NOOP("PagerDuty at {url} did not answer in time."),
    unreachable=QT_TR_NOOP("PagerDuty at {url} cannot be reached ({reason})."),
    statuses={
        401: (
            TokenRejected,
            QT_TR_NOOP("PagerDuty rejected the API token (401). Check it in Settings."),
        ),
        403: (
            Forbidden,
            QT_TR_NOOP(
                "The PagerDuty token may not do this (403): it may be read-only or lack a "
                "permission.{detail}",
            ),
        ),
        402: (PlanLimit, QT_TR_NOOP("The PagerDuty account's plan does not allow this.{detail}")),
        404: (NotFound, QT_TR_NOOP("PagerDuty has no such thing: {path}.{detail}")),
    },
    by_detail=(
        (
            400,
            "account-level",
            AccountLevelKey,
            QT_TR_NOOP(
                "This is an account-level PagerDuty key. The app needs a user API key "
                "(My Profile → User Settings → Create API User Token).",
            ),
        ),
    ),
    rate_limited=QT_TR_NOOP("PagerDuty is rate limiting this token (429)."),
    # says what PagerDuty asks, true wherever it is read: the poller waits that long by itself,
    # a user's action (acknowledge, resolve, ask responders) is asked again with Retry
    rate_limited_for=QT_TR_NOOP(
        "PagerDuty is rate limiting this token (429) and asks to wait {s} s."
    ),
    trouble=QT_TR_NOOP("PagerDuty is having trouble ({status}).{detail}"),
    refused=QT_TR_NOOP("PagerDuty refused the request ({status}).{detail}"),
    not_json=QT_TR_NOOP(
        "PagerDuty answered {request} with something that is not JSON ({type}).",
    ),
    detail=_error_detail,
)


class PagerDutyClient(ApiClient):
    DEFAULT_BASE_URL = US_BASE_URL
    ANSWERS = ANSWERS

    def _request(
        self,
        method: str,
        path: str,
        *,
        params: Any = None,
        json: Any = None,
        from_email: str | None = None,
    ) -> dict[str, Any]:
        headers = {
            "Accept": ACCEPT,
            "Authorization": f"Token token={self._token}",
        }
        if json is not None:
            headers["Content-Type"] = "application/json"
        if from_email:
            headers["From"] = from_email
        request = f"{method} {path}"
        response = self._send(
            method,
            self.base_url + path,
            {"path": path, "request": request},
            params=params,
            json=json,
            headers=headers,
        )
        body = json_of(response, self.ANSWERS, request=request)
        if not isinstance(body, dict):
            # a write whose answer is unreadable may have been done: ambiguous
            raise (BadPayload if method == "GET" else UnreadableAnswer)(
                QT_TR_NOOP("PagerDuty answered {request} with an unexpected shape.").format(
                    request=request
                )
            )
        return body

    # --- the calls -----------------------------------------------------------------------------

    def me(self) -> Me:
        body = self._request("GET", "/users/me")
        user = body.get("user")
        if not isinstance(user, dict) or not isinstance(user.get("id"), str):
            raise BadPayload(QT_TR_NOOP("PagerDuty's answer to /users/me has no user in it."))
        name, email, zone = user.get("name"), user.get("email"), user.get("time_zone")
        return Me(
            id=user["id"],
            name=name if isinstance(name, str) else "",
            email=email if isinstance(email, str) else "",
            time_zone=zone if isinstance(zone, str) else "",
        )

    def my_open_incidents(self, user_id: str) -> list[Page]:
        """Triggered and acknowledged incidents assigned to ``user_id``, every page of them."""
        pages: list[Page] = []
        offset = 0
        while True:
            body = self._request(
                "GET",
                "/incidents",
                params={
                    "statuses[]": ["triggered", "acknowledged"],
                    "user_ids[]": [user_id],
                    "limit": PAGE_LIMIT,
                    "offset": offset,
                    "sort_by": "created_at:desc",
                },
            )
            items = body.get("incidents")
            if not isinstance(items, list):
                raise BadPayload(QT_TR_NOOP("PagerDuty's incident list has no 'incidents' in it."))
            for raw in items:
                page = parse_page(raw)
                if page is not None:
                    pages.append(page)
                else:
                    log.warning("ignored an incident without an id in PagerDuty's answer")
            if body.get("more") is not True or not items:
                return pages
            offset += len(items)
            if offset + PAGE_LIMIT > OFFSET_CAP:
                log.warning("more than %d open incidents; showing the newest", OFFSET_CAP)
                return pages

    def oncalls(
        self,
        *,
        user_ids: list[str] | None = None,
        escalation_policy_ids: list[str] | None = None,
        since: datetime,
        until: datetime,
    ) -> list[OnCallEntry]:
        """On-call shifts overlapping [since, until] (PagerDuty allows up to 90 days ahead).
        This call has its own rate limit: callers cache the answer for minutes."""
        params: dict[str, Any] = {
            "since": since.astimezone(UTC).isoformat(),
            "until": until.astimezone(UTC).isoformat(),
            "limit": PAGE_LIMIT,
        }
        if user_ids:
            params["user_ids[]"] = user_ids
        if escalation_policy_ids:
            params["escalation_policy_ids[]"] = escalation_policy_ids
        body = self._request("GET", "/oncalls", params=params)
        items = body.get("oncalls")
        if not isinstance(items, list):
            raise BadPayload(QT_TR_NOOP("PagerDuty's on-call list has no 'oncalls' in it."))
        entries = [parse_oncall(raw) for raw in items]
        return [e for e in entries if e is not None]

    def post_status_update(
        self, incident_id: str, from_email: str, message: str
    ) -> tuple[str, str]:
        """A stakeholder status update; where the plan refuses those (402), a note instead.
        Returns (the id PagerDuty gave it, "status_update" or "note")."""
        if not from_email:
            raise IntegrationError(
                QT_TR_NOOP("The PagerDuty user has no email; cannot sign the update.")
            )
        try:
            body = self._request(
                "POST",
                f"/incidents/{incident_id}/status_updates",
                json={"message": message},
                from_email=from_email,
            )
            return (_created_id(body, "status_update"), "status_update")
        except PlanLimit:
            log.info("status updates not in this PagerDuty plan: posting a note instead")
        body = self._request(
            "POST",
            f"/incidents/{incident_id}/notes",
            json={"note": {"content": message}},
            from_email=from_email,
        )
        return (_created_id(body, "note"), "note")

    def find_note(self, incident_id: str, content: str, since: datetime | None) -> str | None:
        """The id of a note on the incident with exactly this content, written at ``since`` or
        later (less a margin for clocks), or None. Notes can be read back (GET …/notes lists
        them all, at most 2 000); status updates cannot: the API lists none."""
        path = f"/incidents/{incident_id}/notes"
        notes = self._request("GET", path).get("notes")
        if not isinstance(notes, list):
            raise BadPayload(
                QT_TR_NOOP("PagerDuty answered {request} with an unexpected shape.").format(
                    request=f"GET {path}"
                )
            )
        earliest = since - READ_BACK_MARGIN if since is not None else None
        for note in notes:
            if not isinstance(note, dict) or note.get("content") != content:
                continue
            written = _when(note.get("created_at"))
            if earliest is not None and written is not None and written < earliest:
                continue  # an older note with the same words is not this post
            if isinstance(note.get("id"), str | int):
                return str(note["id"])
        return None

    def request_responders(
        self,
        incident_id: str,
        from_email: str,
        requester_id: str,
        message: str,
        targets: list[tuple[str, str]],
    ) -> str:
        """Ask responders to join (POST /incidents/{id}/responder_requests); ``targets`` are
        (type, id) pairs: ("user_reference", "P…") or ("escalation_policy_reference", "P…").
        Returns when PagerDuty says it was requested."""
        if not from_email:
            raise IntegrationError(
                QT_TR_NOOP("The PagerDuty user has no email; cannot sign the request.")
            )
        body = self._request(
            "POST",
            f"/incidents/{incident_id}/responder_requests",
            json={
                "requester_id": requester_id,
                "message": message,
                "responder_request_targets": [
                    {"responder_request_target": {"type": kind, "id": target_id}}
                    for kind, target_id in targets
                ],
            },
            from_email=from_email,
        )
        request = body.get("responder_request")
        if not isinstance(request, dict):
            raise BadPayload(
                QT_TR_NOOP("PagerDuty's answer has no responder_request in it; ask again.")
            )
        requested_at = request.get("requested_at")
        return requested_at if isinstance(requested_at, str) else ""

    def create_incident(
        self,
        from_email: str,
        title: str,
        service_id: str,
        urgency: str,
        incident_key: str,
    ) -> Page:
        """Declare in PagerDuty (POST /incidents) so the service's escalation policy runs.
        ``incident_key`` is ours and stable: a retry after a lost answer is refused by PagerDuty
        instead of paging the team twice, and the incident is then found by that key and
        returned, so the caller links it either way."""
        if not from_email:
            raise IntegrationError(
                QT_TR_NOOP("The PagerDuty user has no email; cannot sign the request.")
            )
        incident: dict[str, Any] = {
            "type": "incident",
            "title": title[:1024] or "-",
            "service": {"id": service_id, "type": "service_reference"},
            "urgency": urgency,
            "incident_key": incident_key,
        }
        try:
            body = self._request(
                "POST", "/incidents", json={"incident": incident}, from_email=from_email
            )
            page = parse_page(body.get("incident"))
            if page is None:
                raise BadPayload(QT_TR_NOOP("PagerDuty's answer has no incident in it."))
            return page
        except PlanLimit:
            raise  # the plan refuses: nothing was created
        except (Refused, Unreachable, ServerError, BadPayload) as error:
            # Refused: PagerDuty already has an open incident with this key on the service
            # (400 "Open incident with matching dedup key already exists on this service";
            # the wording is not in the contract, so every refusal is checked). The others:
            # the answer was lost or unreadable, and the incident may exist all the same.
            try:
                found = self.incident_by_key(incident_key, service_id)
            except IntegrationError as lookup:
                log.warning("declared incident not looked up by its key: %s", lookup)
                found = None
            if found is None:
                raise
            log.info(
                "declare answered %s, but PagerDuty holds incident %s with our key: linking it",
                type(error).__name__,
                found.id,
            )
            return found

    def incident_by_key(self, incident_key: str, service_id: str = "") -> Page | None:
        """The incident PagerDuty holds with this ``incident_key`` (GET /incidents
        ?incident_key=), on ``service_id`` when given; an open one before a resolved one, the
        newest first. None when there is none. Only incidents whose answer carries this very
        key count: a server that ignored the filter must not link a stranger's incident."""
        params: dict[str, Any] = {"incident_key": incident_key, "limit": PAGE_LIMIT}
        if service_id:
            params["service_ids[]"] = [service_id]
        body = self._request("GET", "/incidents", params=params)
        items = body.get("incidents")
        if not isinstance(items, list):
            raise BadPayload(QT_TR_NOOP("PagerDuty's incident list has no 'incidents' in it."))
        pages = [
            page
            for page in (
                parse_page(raw)
                for raw in items
                if isinstance(raw, dict) and raw.get("incident_key") == incident_key
            )
            if page is not None
        ]
        if not pages:
            return None
        oldest = datetime.min.replace(tzinfo=UTC)
        return max(pages, key=lambda p: (p.status != "resolved", p.created_at or oldest))

    def incident(self, incident_id: str) -> Page:
        body = self._request("GET", f"/incidents/{incident_id}")
        page = parse_page(body.get("incident"))
        if page is None:
            raise BadPayload(QT_TR_NOOP("PagerDuty's answer has no incident in it."))
        return page

    def acknowledge(self, incident_id: str, from_email: str) -> Page:
        return self._set_status(incident_id, "acknowledged", from_email)

    def resolve(self, incident_id: str, from_email: str, resolution: str = "") -> Page:
        return self._set_status(incident_id, "resolved", from_email, resolution)

    def _set_status(
        self, incident_id: str, status: str, from_email: str, resolution: str = ""
    ) -> Page:
        if not from_email:
            raise IntegrationError(
                QT_TR_NOOP("The PagerDuty user has no email; cannot sign the change.")
            )
        incident: dict[str, Any] = {"type": "incident_reference", "status": status}
        if resolution:
            incident["resolution"] = resolution
        body = self._request(
            "PUT", f"/incidents/{incident_id}", json={"incident": incident}, from_email=from_email
        )
        page = parse_page(body.get("incident"))
        if page is None:
            raise BadPayload(QT_TR_NOOP("PagerDuty's answer to the update has no incident in it."))
        return page


def _when(value: object) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _created_id(body: dict[str, Any], kind: str) -> str:
    """A 2xx is a delivery only with the created object in it (its id): a proxy's or a
    truncated answer is retried, not recorded as sent. It may have been done, though: the
    answer is ambiguous (UnreadableAnswer), looked for before sending again where it can be."""
    created = body.get(kind)
    if not isinstance(created, dict) or not isinstance(created.get("id"), str | int):
        raise UnreadableAnswer(
            QT_TR_NOOP("PagerDuty's answer has no {kind} in it; it will be sent again.").format(
                kind=kind
            )
        )
    return str(created["id"])

"""The external audience on a PagerDuty status page (SOP: "status page, plain language").

One incident is one status-page post: the first send creates it (type incident) with its
first update, later sends add post updates, the resolution notice adds the "resolved" one.
The app keeps no status-page state of its own: the post is found again by its title (one per
incident, from the procedure's ``status_page_title`` template) and an update already on the
post is not added twice, so a retry after a crash between send and confirm changes nothing.

Messages are HTML on PagerDuty's side: our plain text is escaped, never interpreted.
"""

from __future__ import annotations

import html
import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from oncall_desktop.core.destinations import Destination, register_destination
from oncall_desktop.core.messages import QT_TR_NOOP
from oncall_desktop.core.outbox import Attempt, Outcome, Post
from oncall_desktop.core.policy import Text
from oncall_desktop.integrations.deliverers import DeliveryContext, register_deliverer
from oncall_desktop.integrations.errors import (
    BadPayload,
    Forbidden,
    IntegrationError,
    PlanLimit,
    Refused,
)
from oncall_desktop.integrations.pagerduty import PagerDutyClient
from oncall_desktop.integrations.pagerduty_payloads import parse_time
from oncall_desktop.integrations.secrets import PAGERDUTY_TOKEN

STATUS_PAGE = "pagerduty_status_page"
POSTMORTEM_KIND = "status_page_postmortem"  # an outbox post's kind: the post-mortem, published
# Words matched in the page's own severity descriptions (case-insensitive, first found wins).
SEVERITY_WORDS = {
    "SEV-1": ("major", "outage", "critical"),
    "SEV-2": ("partial", "minor", "degraded"),
    "SEV-3": ("minor", "degraded", "partial"),
}
ALL_GOOD_WORDS = ("all good", "operational", "none", "resolved")


@dataclass(frozen=True)
class StatusPageInfo:
    id: str
    name: str
    url: str


@dataclass(frozen=True)
class StatusPagePostRoute:
    """What an outbox post for the status page carries (as JSON in its destination)."""

    page_id: str
    title: str  # the post's title: one per incident
    severity: str  # "SEV-1"…
    every_minutes: int | None  # the promised cadence (update_frequency_ms), None: no promise

    def encode(self) -> str:
        return json.dumps(
            {
                "page": self.page_id,
                "title": self.title,
                "sev": self.severity,
                "every": self.every_minutes,
            },
            ensure_ascii=False,
            separators=(",", ":"),
        )

    @classmethod
    def decode(cls, raw: str) -> StatusPagePostRoute:
        try:
            data = json.loads(raw)
            return cls(str(data["page"]), str(data["title"]), str(data["sev"]), data.get("every"))
        except (ValueError, KeyError, TypeError):
            raise IntegrationError(
                QT_TR_NOOP("This status-page post has no page to go to; choose one in Settings.")
            ) from None


def as_html(text: str) -> str:
    """Plain text as status-page HTML: escaped, paragraphs and line breaks kept."""
    paragraphs = [p for p in text.strip().split("\n\n") if p.strip()]
    return "".join(
        "<p>" + "<br>".join(html.escape(line) for line in p.strip().splitlines()) + "</p>"
        for p in paragraphs
    )


def _ref(kind: str, value: str) -> dict[str, str]:
    return {"id": value, "type": kind}


def _described(items: Any, what: str) -> list[tuple[str, str]]:
    if not isinstance(items, list):
        raise BadPayload(QT_TR_NOOP("PagerDuty's answer has no {what} in it.").format(what=what))
    found = []
    for item in items:
        wanted = isinstance(item, dict) and item.get("post_type", "incident") == "incident"
        if wanted and isinstance(item.get("id"), str):
            found.append((item["id"], str(item.get("description") or "")))
    return found


def _pick(choices: list[tuple[str, str]], words: tuple[str, ...]) -> str | None:
    for word in words:
        for ident, description in choices:
            if word in description.lower():
                return ident
    return None


class StatusPageClient(PagerDutyClient):
    """PagerDuty Status Pages (same token and address as the rest of PagerDuty)."""

    def status_pages(self) -> list[StatusPageInfo]:
        body = self._request("GET", "/status_pages")
        items = body.get("status_pages")
        if not isinstance(items, list):
            raise BadPayload(QT_TR_NOOP("PagerDuty's answer has no status_pages in it."))
        return [
            StatusPageInfo(i["id"], str(i.get("name") or i["id"]), str(i.get("url") or ""))
            for i in items
            if isinstance(i, dict) and isinstance(i.get("id"), str)
        ]

    def _vocabulary(self, page_id: str, what: str) -> list[tuple[str, str]]:
        body = self._request(
            "GET", f"/status_pages/{page_id}/{what}", params={"post_type": "incident"}
        )
        return _described(body.get(what), what)

    def find_post(self, page_id: str, title: str) -> str | None:
        """The incident post with this title (the API pages no further than its default)."""
        body = self._request(
            "GET", f"/status_pages/{page_id}/posts", params={"post_type": "incident"}
        )
        posts = body.get("posts")
        if not isinstance(posts, list):
            raise BadPayload(QT_TR_NOOP("PagerDuty's answer has no posts in it."))
        for post in posts:
            if isinstance(post, dict) and post.get("title") == title and post.get("id"):
                return str(post["id"])
        return None

    def _update_already_there(
        self, page_id: str, post_id: str, message: str, queued_at: datetime | None
    ) -> str | None:
        """This very post's update, if an earlier attempt got through (its answer lost): the
        same message, reported since the post was queued. An identical message sent on
        purpose later is a new update, not a duplicate."""
        body = self._request("GET", f"/status_pages/{page_id}/posts/{post_id}/post_updates")
        updates = body.get("post_updates")
        if not isinstance(updates, list):
            raise BadPayload(QT_TR_NOOP("PagerDuty's answer has no post_updates in it."))
        for update in updates:
            if not isinstance(update, dict) or update.get("message") != message:
                continue
            reported = parse_time(update.get("reported_at"))
            if queued_at is None or reported is None or reported >= queued_at:
                return str(update.get("id") or post_id)
        return None

    def publish(
        self,
        route: StatusPagePostRoute,
        text: str,
        resolved: bool,
        queued_at: datetime | None = None,
    ) -> tuple[str, str]:
        """Creates the incident's post or adds an update to it; returns (the update's or the
        post's id, "post" or "post_update"). ``queued_at``: when the outbox took the post
        (tells a retry's own earlier update from an identical one sent before)."""
        statuses = self._vocabulary(route.page_id, "statuses")
        severities = self._vocabulary(route.page_id, "severities")
        status = _pick(statuses, ("resolved",) if resolved else ("investigating", "identified"))
        if status is None and not resolved:
            status = next((i for i, d in statuses if "resolved" not in d.lower()), None)
        words = ALL_GOOD_WORDS if resolved else SEVERITY_WORDS.get(route.severity, ("major",))
        severity = _pick(severities, words) or (severities[-1][0] if severities else None)
        if status is None:
            raise IntegrationError(
                QT_TR_NOOP(
                    "The status page has no resolved status for incidents; set it up in PagerDuty."
                )
            )
        if severity is None:
            raise IntegrationError(
                QT_TR_NOOP(
                    "The status page has no severities for incidents; set them up in PagerDuty."
                )
            )
        message = as_html(text)
        update: dict[str, Any] = {
            "type": "status_page_post_update",
            "message": message,
            "status": _ref("status_page_status", status),
            "severity": _ref("status_page_severity", severity),
            "impacted_services": [],
            "update_frequency_ms": (
                route.every_minutes * 60_000 if route.every_minutes and not resolved else None
            ),
            "notify_subscribers": True,
        }
        post_id = self.find_post(route.page_id, route.title)
        if post_id is None:
            body = self._request(
                "POST",
                f"/status_pages/{route.page_id}/posts",
                json={
                    "post": {
                        "type": "status_page_post",
                        "title": route.title[:128],
                        "post_type": "incident",
                        "starts_at": None,
                        "ends_at": None,
                        "status_page": _ref("status_page", route.page_id),
                        "updates": [update],
                    }
                },
            )
            created = body.get("post")
            if not isinstance(created, dict) or not isinstance(created.get("id"), str):
                raise BadPayload(
                    QT_TR_NOOP("PagerDuty's answer has no post in it; it will be sent again.")
                )
            return created["id"], "post"
        already = self._update_already_there(route.page_id, post_id, message, queued_at)
        if already is not None:  # sent before a crash: do not publish it twice
            return already, "post_update"
        update["post"] = _ref("status_page_post", post_id)
        body = self._request(
            "POST",
            f"/status_pages/{route.page_id}/posts/{post_id}/post_updates",
            json={"post_update": update},
        )
        added = body.get("post_update")
        if not isinstance(added, dict) or not isinstance(added.get("id"), str):
            raise BadPayload(
                QT_TR_NOOP("PagerDuty's answer has no post_update in it; it will be sent again.")
            )
        return added["id"], "post_update"

    def publish_postmortem(self, route: StatusPagePostRoute, text: str) -> str:
        """The post-mortem on the incident's post (PUT: sending it again replaces it, so a
        retry is harmless); returns its id."""
        post_id = self.find_post(route.page_id, route.title)
        if post_id is None:
            raise Refused(
                QT_TR_NOOP(
                    "This incident has no post on the status page to attach a post-mortem to."
                )
            )
        body = self._request(
            "PUT",
            f"/status_pages/{route.page_id}/posts/{post_id}/postmortem",
            json={
                "postmortem": {
                    "type": "status_page_post_postmortem",
                    "post": _ref("status_page_post", post_id),
                    "message": as_html(text)[:10_000],
                    "notify_subscribers": True,
                }
            },
        )
        published = body.get("postmortem")
        if not isinstance(published, dict) or not isinstance(published.get("id"), str):
            raise BadPayload(
                QT_TR_NOOP("PagerDuty's answer has no postmortem in it; it will be sent again.")
            )
        return published["id"]


def deliver(post: Post, context: DeliveryContext) -> Attempt:
    route = StatusPagePostRoute.decode(post.destination)
    endpoints = context.endpoints
    client = StatusPageClient(
        context.secret(PAGERDUTY_TOKEN, "PagerDuty token"),
        endpoints.pagerduty_base_url,
        timeout=endpoints.timeout,
    )
    try:
        if post.kind == POSTMORTEM_KIND:
            return Attempt(
                Outcome.DELIVERED,
                remote_ref=client.publish_postmortem(route, post.text),
                delivered_as="postmortem",
            )
        ref, delivered_as = client.publish(
            route, post.text, post.kind == "status_page_resolved", post.created_at
        )
    except PlanLimit:
        raise PlanLimit(
            QT_TR_NOOP(
                "The PagerDuty plan has no status pages (402): post this on the status page by "
                "hand and use Mark sent, or turn the status page off in Settings."
            )
        ) from None
    except Forbidden:
        raise Forbidden(
            QT_TR_NOOP(
                "This PagerDuty user may not post on the status page (403): ask an admin for "
                "the Status Pages permission, or post it by hand and use Mark sent."
            )
        ) from None
    return Attempt(Outcome.DELIVERED, remote_ref=ref, delivered_as=delivered_as)


register_destination(
    Destination(
        STATUS_PAGE,
        Text(fr="la page de statut", en="the status page"),
        where=Text(
            fr="la page de statut PagerDuty choisie dans les Paramètres",
            en="the PagerDuty status page chosen in Settings",
        ),
        shows_destination=False,  # its destination is the route, as JSON
    )
)


register_deliverer(STATUS_PAGE, deliver)

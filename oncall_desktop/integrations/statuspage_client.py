"""PagerDuty Status Pages: the client (same token and address as the rest of PagerDuty), and
what a status-page post carries (:class:`StatusPagePostRoute`) and remembers
(:class:`PostMemory`). The destination itself, and why it works this way, is
integrations/statuspage.py.
"""

from __future__ import annotations

import html
import json
import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from oncall_desktop.core.messages import QT_TR_NOOP
from oncall_desktop.integrations.errors import (
    BadPayload,
    IntegrationError,
    Refused,
    UnreadableAnswer,
)
from oncall_desktop.integrations.pagerduty import OFFSET_CAP, PagerDutyClient
from oncall_desktop.integrations.pagerduty_payloads import parse_time

log = logging.getLogger(__name__)

# The impact customers read beside each affected service when a post's route names none (one
# queued before routes carried it); the procedure's [status_page_impact] says it otherwise.
DEFAULT_IMPACT = {
    "SEV-1": ("outage", "major outage"),
    "SEV-2": ("partial outage",),
    "SEV-3": ("degraded performance", "degraded", "partial outage"),
}
RESOLVED_IMPACT = ("operational",)
# How much earlier than a send was queued PagerDuty may date the write it made for it: its
# clock is not ours, and it dates to the whole second.
CLOCK_MARGIN = timedelta(minutes=1)
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
class StatusPageService:
    id: str
    name: str


@dataclass(frozen=True)
class StatusPagePostRoute:
    """What an outbox post for the status page carries (as JSON in its destination)."""

    page_id: str
    title: str  # the title the incident's post is created with (never looked for by it)
    severity: str  # "SEV-1"…
    every_minutes: int | None  # the promised cadence (update_frequency_ms), None: no promise
    # the impact of the affected services, as words for the page's impact levels, best first
    # (the procedure's [status_page_impact] for the severity, or for "resolved")
    impact: tuple[str, ...] = ()

    def encode(self) -> str:
        data: dict[str, Any] = {
            "page": self.page_id,
            "title": self.title,
            "sev": self.severity,
            "every": self.every_minutes,
        }
        if self.impact:
            data["imp"] = list(self.impact)
        return json.dumps(data, ensure_ascii=False, separators=(",", ":"))

    @classmethod
    def decode(cls, raw: str) -> StatusPagePostRoute:
        try:
            data = json.loads(raw)
            impact = data.get("imp")
            words = (
                tuple(w for w in impact if isinstance(w, str)) if isinstance(impact, list) else ()
            )
            return cls(
                str(data["page"]), str(data["title"]), str(data["sev"]), data.get("every"), words
            )
        except (ValueError, KeyError, TypeError, AttributeError):
            raise IntegrationError(
                QT_TR_NOOP("This status-page post has no page to go to; choose one in Settings.")
            ) from None


@dataclass(frozen=True)
class PostMemory:
    """What the database remembers of the incident's status-page post when one of its posts
    goes out (services/status_page reads it just before; ``known`` False: nothing was read,
    e.g. a post filed under no incident)."""

    known: bool = False
    post_id: str | None = None  # the incident's post on this page, recorded when created
    services: tuple[str, ...] | None = None  # the affected services chosen; None: all the page's
    delivered: frozenset[str] = frozenset()  # what the incident's earlier deliveries recorded
    sent_texts: tuple[str, ...] = ()  # the texts those deliveries put on the post
    others: frozenset[str] = frozenset()  # the posts other incidents created on the page
    waiting: int = 0  # the incident's earlier status-page posts not out yet

    def to_json(self) -> dict[str, Any]:
        return {
            "known": self.known,
            "post": self.post_id,
            "services": None if self.services is None else list(self.services),
            "delivered": sorted(self.delivered),
            "texts": list(self.sent_texts),
            "others": sorted(self.others),
            "waiting": self.waiting,
        }

    @classmethod
    def from_json(cls, raw: Any) -> PostMemory:
        if isinstance(raw, PostMemory):
            return raw
        if not isinstance(raw, dict):
            return cls()

        def strings(key: str) -> tuple[str, ...]:
            value = raw.get(key)
            return tuple(str(v) for v in value) if isinstance(value, list) else ()

        services = raw.get("services")
        post = raw.get("post")
        waiting = raw.get("waiting")
        return cls(
            known=raw.get("known") is True,
            post_id=str(post) if isinstance(post, str) and post else None,
            services=strings("services") if isinstance(services, list) else None,
            delivered=frozenset(strings("delivered")),
            sent_texts=strings("texts"),
            others=frozenset(strings("others")),
            waiting=waiting if isinstance(waiting, int) else 0,
        )


def as_html(text: str) -> str:
    """Plain text as status-page HTML: escaped, paragraphs and line breaks kept."""
    paragraphs = [p for p in text.strip().split("\n\n") if p.strip()]
    return "".join(
        "<p>" + "<br>".join(html.escape(line) for line in p.strip().splitlines()) + "</p>"
        for p in paragraphs
    )


def _ref(kind: str, value: str) -> dict[str, str]:
    return {"id": value, "type": kind}


def _described(items: list[dict[str, Any]]) -> list[tuple[str, str]]:
    found = []
    for item in items:
        if item.get("post_type", "incident") == "incident" and isinstance(item.get("id"), str):
            found.append((item["id"], str(item.get("description") or "")))
    return found


def _pick(choices: list[tuple[str, str]], words: tuple[str, ...]) -> str | None:
    for word in words:
        for ident, description in choices:
            if word in description.lower():
                return ident
    return None


def _matching(choices: list[tuple[str, str]], words: tuple[str, ...]) -> str | None:
    """The choice a word names, best word first: its exact description, else one that
    contains it ("outage" is the page's "outage", not its "partial outage")."""
    for word in words:
        wanted = word.strip().lower()
        if not wanted:
            continue
        exact = next((i for i, d in choices if d.strip().lower() == wanted), None)
        if exact is not None:
            return exact
        partial = next((i for i, d in choices if wanted in d.lower()), None)
        if partial is not None:
            return partial
    return None


def _since(update: dict[str, Any], queued_at: datetime | None, margin: timedelta) -> bool:
    """Whether PagerDuty dated ``update`` since the send was queued (to its whole second, less
    ``margin``): an earlier one is not this send's."""
    reported = parse_time(update.get("reported_at"))
    if queued_at is None or reported is None:
        return True
    return reported >= queued_at.replace(microsecond=0) - margin


def _first_updates(updates: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The update(s) a post was created with: the earliest reported."""
    dated = [(parse_time(u.get("reported_at")), u) for u in updates]
    known = [when for when, _u in dated if when is not None]
    if not known:
        return updates[:1]
    first = min(known)
    return [u for when, u in dated if when == first]


class StatusPageClient(PagerDutyClient):
    """PagerDuty Status Pages (same token and address as the rest of PagerDuty)."""

    def _all(
        self, path: str, key: str, params: dict[str, Any] | None = None
    ) -> list[dict[str, Any]]:
        """Every item of a list, page after page (classic pagination: ``more``/``offset``)."""
        found: list[dict[str, Any]] = []
        offset = 0
        while True:
            query = dict(params or {})
            if offset:
                query["offset"] = offset
            body = self._request("GET", path, params=query or None)
            items = body.get(key)
            if not isinstance(items, list):
                raise BadPayload(
                    QT_TR_NOOP("PagerDuty's answer has no {what} in it.").format(what=key)
                )
            found.extend(i for i in items if isinstance(i, dict))
            if body.get("more") is not True or not items:
                return found
            offset += len(items)
            if offset >= OFFSET_CAP:
                log.warning("more than %d %s on the status page; reading no further", offset, key)
                return found

    def status_pages(self) -> list[StatusPageInfo]:
        return [
            StatusPageInfo(i["id"], str(i.get("name") or i["id"]), str(i.get("url") or ""))
            for i in self._all("/status_pages", "status_pages")
            if isinstance(i.get("id"), str)
        ]

    def services(self, page_id: str) -> list[StatusPageService]:
        """The page's services (what an incident's updates can name as affected)."""
        return [
            StatusPageService(i["id"], str(i.get("name") or i["id"]))
            for i in self._all(f"/status_pages/{page_id}/services", "services")
            if isinstance(i.get("id"), str)
        ]

    def _vocabulary(self, page_id: str, what: str) -> list[tuple[str, str]]:
        return _described(
            self._all(f"/status_pages/{page_id}/{what}", what, {"post_type": "incident"})
        )

    def _updates(self, page_id: str, post_id: str) -> list[dict[str, Any]]:
        return self._all(f"/status_pages/{page_id}/posts/{post_id}/post_updates", "post_updates")

    def find_created_post(
        self,
        route: StatusPagePostRoute,
        message: str,
        queued_at: datetime | None,
        memory: PostMemory = PostMemory(),
    ) -> str | None:
        """The post an earlier attempt of this very send created (its answer lost): titled
        so, created with this message, dated since the send was queued, and no other
        incident's. Read through every page of posts."""
        margin = CLOCK_MARGIN if memory.known else timedelta(0)
        posts = self._all(
            f"/status_pages/{route.page_id}/posts", "posts", {"post_type": "incident"}
        )
        for post in posts:
            post_id = post.get("id")
            if not isinstance(post_id, str) or post_id in memory.others:
                continue
            if post.get("title") != route.title[:128]:
                continue
            firsts = _first_updates(self._updates(route.page_id, post_id))
            if any(u.get("message") == message and _since(u, queued_at, margin) for u in firsts):
                return post_id
        return None

    def _update_already_there(
        self,
        page_id: str,
        post_id: str,
        message: str,
        queued_at: datetime | None,
        memory: PostMemory = PostMemory(),
    ) -> str | None:
        """This very send's update, if an earlier attempt got through (its answer lost): one
        more update with this message than the incident's recorded deliveries account for,
        dated since the send was queued. The same words sent on purpose again are accounted
        for by the delivery that sent them, so they are sent again."""
        updates = self._updates(page_id, post_id)
        same = [u for u in updates if u.get("message") == message]
        accounted = sum(1 for text in memory.sent_texts if as_html(text) == message)
        if len(same) <= accounted:
            return None
        margin = CLOCK_MARGIN if memory.known else timedelta(0)
        mine = [
            u
            for u in same
            if str(u.get("id")) not in memory.delivered and _since(u, queued_at, margin)
        ]
        return str(mine[-1].get("id") or post_id) if mine else None

    def impacted(
        self, route: StatusPagePostRoute, chosen: tuple[str, ...] | None, resolved: bool
    ) -> list[dict[str, Any]]:
        """The affected services as the update names them: the ones chosen for the incident
        that the page still has (all of them when none were chosen), each with the impact the
        severity implies ("operational" once resolved)."""
        on_page = [s.id for s in self.services(route.page_id)]
        services = on_page if chosen is None else [s for s in chosen if s in on_page]
        if not services:
            return []
        impacts = self._vocabulary(route.page_id, "impacts")
        if not impacts:
            raise IntegrationError(
                QT_TR_NOOP(
                    "The status page has no impact levels for incidents; set them up in PagerDuty."
                )
            )
        fallback = RESOLVED_IMPACT if resolved else DEFAULT_IMPACT.get(route.severity, ())
        impact = _matching(impacts, route.impact or fallback)
        if impact is None:  # words the page does not use: its mildest, or its worst
            log.warning("no impact on the status page matches %s", route.impact or fallback)
            impact = impacts[0][0] if resolved else impacts[-1][0]
        return [
            {
                "service": _ref("status_page_service", service),
                "impact": _ref("status_page_impact", impact),
            }
            for service in services
        ]

    def publish(
        self,
        route: StatusPagePostRoute,
        text: str,
        resolved: bool,
        queued_at: datetime | None = None,
        memory: PostMemory = PostMemory(),
        check: bool = True,
    ) -> tuple[str, str]:
        """Creates the incident's post (``memory.post_id`` None) or adds an update to it;
        returns (the post's or the update's id, "post" or "post_update"). ``queued_at``: when
        the outbox took the send; ``check``: an earlier attempt may have got through, so look
        for it first (never needed on a send's first attempt)."""
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
            "impacted_services": self.impacted(route, memory.services, resolved),
            "update_frequency_ms": (
                route.every_minutes * 60_000 if route.every_minutes and not resolved else None
            ),
            "notify_subscribers": True,
        }
        post_id = memory.post_id
        if post_id is None:
            found = self.find_created_post(route, message, queued_at, memory) if check else None
            if found is not None:  # created before its answer was lost: not created twice
                return found, "post"
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
                raise UnreadableAnswer(  # it may be there: looked for before sending again
                    QT_TR_NOOP("PagerDuty's answer has no post in it; it will be sent again.")
                )
            return created["id"], "post"
        if check:
            already = self._update_already_there(route.page_id, post_id, message, queued_at, memory)
            if already is not None:  # sent before its answer was lost: not published twice
                return already, "post_update"
        update["post"] = _ref("status_page_post", post_id)
        body = self._request(
            "POST",
            f"/status_pages/{route.page_id}/posts/{post_id}/post_updates",
            json={"post_update": update},
        )
        added = body.get("post_update")
        if not isinstance(added, dict) or not isinstance(added.get("id"), str):
            raise UnreadableAnswer(  # it may be there: looked for before sending again
                QT_TR_NOOP("PagerDuty's answer has no post_update in it; it will be sent again.")
            )
        return added["id"], "post_update"

    def publish_postmortem(self, route: StatusPagePostRoute, text: str, post_id: str | None) -> str:
        """The post-mortem on the incident's post (PUT: sending it again replaces it, so a
        retry is harmless); returns its id."""
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
            raise UnreadableAnswer(  # it may be there: looked for before sending again
                QT_TR_NOOP("PagerDuty's answer has no postmortem in it; it will be sent again.")
            )
        return str(published["id"])

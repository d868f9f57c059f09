"""Pages from PagerDuty as the app sees them, and what a new poll means for the tray.

Pure: the HTTP client turns responses into :class:`Page` objects with :func:`parse_page`
(tolerant of nulls, unknown fields and wrong types, as live PagerDuty sends them), and
:class:`AlertTracker` compares one poll with the last to decide what to notify.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from typing import Any

from oncall_desktop.core.clock import utc
from oncall_desktop.core.plaintext import clean_line


@dataclass(frozen=True)
class Page:
    """One PagerDuty incident assigned to me."""

    id: str
    number: int | None
    title: str
    status: str  # triggered | acknowledged | resolved
    urgency: str  # high | low
    service: str
    created_at: datetime | None
    html_url: str
    acknowledged_at: datetime | None = None
    # who was asked to join (responder requests) and their answer: (user id, state), state
    # pending | joined | declined | user_cancelled
    responders: tuple[tuple[str, str], ...] = ()

    @property
    def is_triggered(self) -> bool:
        return self.status == "triggered"


def _text(value: Any, default: str = "") -> str:
    """Text from PagerDuty, cleaned where it enters (core/plaintext): no control character,
    lone surrogate or bidi override reaches the tray, the bus, the database or a terminal."""
    return clean_line(value) if isinstance(value, str) else default


def parse_time(value: Any) -> datetime | None:
    """An API timestamp (ISO 8601, "Z" allowed) in UTC, or None when it is not one."""
    if not isinstance(value, str):
        return None
    try:
        return utc(datetime.fromisoformat(value.replace("Z", "+00:00")))
    except ValueError:
        return None


def parse_page(raw: Any) -> Page | None:
    """An incident object from the REST API, or None when it is unusable (no id)."""
    if not isinstance(raw, dict):
        return None
    incident_id = raw.get("id")
    if not isinstance(incident_id, str) or not incident_id:
        return None
    service = raw.get("service")
    service_name = ""
    if isinstance(service, dict):
        service_name = _text(service.get("summary")) or _text(service.get("name"))
    acks = raw.get("acknowledgements")
    ack_times = (
        [t for t in (parse_time(a.get("at")) for a in acks if isinstance(a, dict)) if t is not None]
        if isinstance(acks, list)
        else []
    )
    number = raw.get("incident_number")
    responders = raw.get("incidents_responders")
    answered = tuple(
        (r["user"]["id"], _text(r.get("state"), "pending"))
        for r in (responders if isinstance(responders, list) else [])
        if isinstance(r, dict)
        and isinstance(r.get("user"), dict)
        and isinstance(r["user"].get("id"), str)
    )
    return Page(
        id=incident_id,
        number=number if isinstance(number, int) and not isinstance(number, bool) else None,
        title=_text(raw.get("title")) or _text(raw.get("summary")) or f"Incident {incident_id}",
        status=_text(raw.get("status"), "triggered"),
        urgency=_text(raw.get("urgency"), "high"),
        service=service_name,
        created_at=parse_time(raw.get("created_at")),
        html_url=_text(raw.get("html_url")),
        acknowledged_at=min(ack_times) if ack_times else None,
        responders=answered,
    )


@dataclass(frozen=True)
class PollChanges:
    """What one poll changed compared with the one before."""

    new_alerts: tuple[Page, ...] = ()  # to notify: new to me, or back to triggered
    changed: tuple[Page, ...] = ()  # status changed (a colleague acknowledged, ...)
    gone: tuple[str, ...] = ()  # no longer assigned to me or open (resolved, reassigned)


@dataclass
class AlertTracker:
    """Remembers the last poll. An incident notifies when it first appears triggered (however
    old: it may have escalated to me just now) and again whenever it returns to triggered."""

    last: dict[str, Page] = field(default_factory=dict)

    def update(self, pages: list[Page]) -> PollChanges:
        current = {p.id: p for p in pages}
        new_alerts, changed = [], []
        for page in pages:
            before = self.last.get(page.id)
            if page.is_triggered and (before is None or not before.is_triggered):
                new_alerts.append(page)
            elif before is not None and before.status != page.status:
                changed.append(page)
        gone = tuple(i for i in self.last if i not in current)
        self.last = current
        return PollChanges(tuple(new_alerts), tuple(changed), gone)


@dataclass(frozen=True)
class Backoff:
    """Delay before the next poll after consecutive failures: exponential with jitter, capped,
    and never shorter than what the server asked for (``ratelimit-reset``)."""

    base: timedelta = timedelta(seconds=2)
    cap: timedelta = timedelta(minutes=5)

    def delay(
        self, failures: int, server_asked: timedelta | None = None, rng: random.Random | None = None
    ) -> timedelta:
        if failures <= 0:
            return server_asked or timedelta(0)
        exponential = min(self.cap, self.base * (2 ** min(failures - 1, 16)))
        jitter = (rng or random).uniform(0.5, 1.0)
        delay = exponential * jitter
        if server_asked is not None:
            delay = max(delay, server_asked)
        return delay


@dataclass(frozen=True)
class QuietHours:
    """Local times between which only high-urgency pages notify; may span midnight."""

    start: time
    end: time

    @classmethod
    def parse(cls, start: str, end: str) -> QuietHours | None:
        """From 'HH:MM' strings; None when either is empty or both are equal."""
        if not start or not end:
            return None
        begin, finish = time.fromisoformat(start), time.fromisoformat(end)
        return None if begin == finish else cls(begin, finish)

    def contains(self, moment: time) -> bool:
        if self.start < self.end:
            return self.start <= moment < self.end
        return moment >= self.start or moment < self.end


def should_notify(
    page: Page,
    now: datetime,
    local_now: datetime,
    quiet: QuietHours | None = None,
    snoozed_until: datetime | None = None,
) -> bool:
    """A high-urgency page always notifies; others wait out a snooze or quiet hours (they
    still show in the tray menu and the window)."""
    if page.urgency == "high":
        return True
    if snoozed_until is not None and now < snoozed_until:
        return False
    return not (quiet is not None and quiet.contains(local_now.time()))

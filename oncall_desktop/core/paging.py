"""Pages (alerts assigned to me) as the app sees them, whatever source raised them, and what
a new poll means for the tray.

Pure: each alert source's integration turns its API's answers into :class:`Page` objects (see
``integrations/sources.py``), and :class:`AlertTracker` compares one poll with the last to
decide what to notify.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field, replace
from datetime import datetime, time, timedelta

# The first alert source's id, as pages and stored incident links name it. The core knows no
# more of PagerDuty than this name (its JSON is read in integrations/pagerduty_payloads).
PAGERDUTY = "pagerduty"


@dataclass(frozen=True)
class AlertLink:
    """The alert an incident follows: its source (``integrations.sources``), the id the
    source gave it and its page for people."""

    source: str
    id: str
    url: str = ""

    @property
    def key(self) -> str:
        """Unique across sources: what notifications, menus and the pages list name it by."""
        return f"{self.source}:{self.id}"


@dataclass(frozen=True)
class Page:
    """One alert assigned to me, as its source has it (a PagerDuty incident, ...)."""

    id: str
    number: int | None
    title: str
    status: str  # triggered | acknowledged | resolved
    urgency: str  # high | low
    service: str
    created_at: datetime | None
    html_url: str
    acknowledged_at: datetime | None = None
    # who was asked to join (responder requests) and their answer: (target id, state), the
    # target a user id or an escalation policy id (a policy's state summarises the people it
    # reached), state pending | joined | declined | user_cancelled
    responders: tuple[tuple[str, str], ...] = ()
    source: str = PAGERDUTY  # the alert source that raised it (integrations.sources)
    # who acknowledged it last, as the source has them: (user id, name); empty when unknown
    acknowledger: tuple[str, ...] = ()
    # that person's name when it is someone else than me (seen_by): "" when me, or unknown
    acknowledged_by: str = ""

    @property
    def link(self) -> AlertLink:
        return AlertLink(self.source, self.id, self.html_url)

    @property
    def key(self) -> str:
        return self.link.key

    @property
    def is_triggered(self) -> bool:
        return self.status == "triggered"


def seen_by(pages: list[Page], my_id: str) -> list[Page]:
    """The pages as I see them: one another engineer acknowledged names them (a colleague's
    acknowledge is not mine, and the app must not say it is)."""
    return [
        replace(
            page,
            acknowledged_by=(
                page.acknowledger[1]
                if page.status == "acknowledged"
                and page.acknowledger
                and page.acknowledger[0] != my_id
                else ""
            ),
        )
        for page in pages
    ]


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
        factor: int = 2 ** min(failures - 1, 16)  # (int ** int is typed Any)
        exponential = min(self.cap, self.base * factor)
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

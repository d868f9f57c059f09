"""The incident's status-page post, remembered in the database (integrations/statuspage):
what the deliverer is told just before each of the incident's posts goes out, the page's
services for the choice of affected services, and where that choice is kept.

The choice is a timeline note of the incident (machine-readable data, like the Slack channel's
note): ``status_page`` (the page it was made for) and ``status_page_services`` (the ids), so
every console, and every later update, reads the same one.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import replace
from typing import Any

from oncall_desktop.core.incident import EventKind, Incident
from oncall_desktop.core.messages import QT_TR_NOOP
from oncall_desktop.core.outbox import Attempt, Outcome, Post, PostState
from oncall_desktop.integrations.errors import IntegrationError
from oncall_desktop.integrations.secrets import PAGERDUTY_TOKEN, SecretStore
from oncall_desktop.integrations.statuspage import (
    MEMORY,
    POSTMORTEM_KIND,
    STATUS_PAGE,
    PostMemory,
    StatusPageClient,
    StatusPagePostRoute,
)
from oncall_desktop.storage.errors import StorageUnavailable
from oncall_desktop.storage.status_page import (
    SERVICES_CHOSEN,
    StatusPageHistory,
    StatusPageRecords,
)

__all__ = [
    "SERVICES_CHOSEN",
    "chosen_services",
    "page_services",
    "remember",
    "remembering",
    "services_note",
]


def _latest_choice(notes: Iterable[Mapping[str, Any]], page_id: str) -> tuple[str, ...] | None:
    choice = None
    for data in notes:
        services = data.get(SERVICES_CHOSEN)
        if isinstance(services, list) and data.get("status_page") == page_id:
            choice = tuple(str(s) for s in services)
    return choice


def chosen_services(incident: Incident, page_id: str) -> tuple[str, ...] | None:
    """The affected services chosen for the incident on this page; None: not chosen yet."""
    return _latest_choice((e.data for e in incident.events(EventKind.NOTE)), page_id)


def services_note(page_id: str, services: list[tuple[str, str]]) -> tuple[str, dict[str, Any]]:
    """The timeline note that keeps the choice: its text and its machine-readable data."""
    names = ", ".join(name for _id, name in services) or "—"
    data = {
        "status_page": page_id,
        SERVICES_CHOSEN: [ident for ident, _name in services],
        "status_page_service_names": [name for _id, name in services],
    }
    return f"Status page, affected services: {names}"[:1000], data


def _page(post: Post) -> str | None:
    try:
        return StatusPagePostRoute.decode(post.destination).page_id
    except IntegrationError:
        return None


def remember(post: Post, history: StatusPageHistory) -> PostMemory:
    """What the deliverer of ``post`` needs to know of its incident's post on its page."""
    page = _page(post)
    if page is None:
        return PostMemory()
    mine = post.id or 0
    others = [p for p in history.posts if p.id != post.id]
    waiting = sum(
        1
        for p in others
        if (p.id or 0) < mine and p.state in (PostState.PENDING, PostState.SENDING)
    )
    on_page = [p for p in others if p.state is PostState.SENT and _page(p) == page]
    post_id = next(
        (p.remote_ref for p in on_page if p.delivered_as == "post" and p.remote_ref), None
    )
    texts = tuple(
        p.text
        for p in on_page
        if p.delivered_as in ("post", "post_update") and p.kind != POSTMORTEM_KIND
    )
    return PostMemory(
        known=True,
        post_id=post_id,
        services=_latest_choice(history.choices, page),
        delivered=frozenset(p.remote_ref for p in on_page if p.remote_ref),
        sent_texts=texts,
        others=history.created_elsewhere - {post_id} if post_id else history.created_elsewhere,
        waiting=waiting,
    )


def remembering(
    deliver: Callable[[Post], Attempt], records: StatusPageRecords
) -> Callable[[Post], Attempt]:
    """``deliver``, telling the status page's deliverer, for each post of an incident, what
    the database remembers (in the post's ``extra``, for this attempt only)."""

    def deliver_remembering(post: Post) -> Attempt:
        if str(post.target) != STATUS_PAGE or post.incident_id is None:
            return deliver(post)
        try:
            history = records.history(post.incident_id, STATUS_PAGE)
        except StorageUnavailable as error:  # the team database is away: try again later
            return Attempt(Outcome.RETRY, error=error.message)
        memory = remember(post, history)
        return deliver(replace(post, extra={**post.extra, MEMORY: memory.to_json()}))

    return deliver_remembering


def page_services(secrets: SecretStore, base_url: str, page_id: str) -> list[tuple[str, str]]:
    """The status page's services, (id, name) (blocking: run it on a worker)."""
    token = secrets.get(PAGERDUTY_TOKEN)
    if not token:
        raise IntegrationError(QT_TR_NOOP("No token: paste your PagerDuty user API token first."))
    return [(s.id, s.name) for s in StatusPageClient(token, base_url).services(page_id)]

"""What counts as an audience's update, the one answer the clocks, the checklist, the composer's
numbering and the drill's score read.

An audience has had an update when a destination that *serves* it delivered one
(core.destinations.serves: the team's is Slack #incidents, the customers' the status page, the
executives' mail), or when the user said it went (Mark sent: the page updated by hand, the
mail client's mail). The outbox records exactly these as ``UPDATE_SENT`` (services/outbox);
the same text delivered anywhere else is a copy (a note in the timeline), and a refusal by the
audience's own destination leaves its update not sent, said on its clock line
(:func:`refused_updates`).

One composed message is one update however many destinations took it: each post carries its
message's id (``MESSAGE``, in the post's extra and the event's data). Pure: no Qt, no I/O.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable

from oncall_desktop.core.destinations import serves
from oncall_desktop.core.incident import EventKind, Incident, TimelineEvent
from oncall_desktop.core.outbox import Post, PostState

MESSAGE = "message"  # the composed message's id, in Post.extra and in UPDATE_SENT's data
# Posts' kinds that are never an audience's update wherever they go: the post-mortem's summary
# to the team (app/postmortems) and its public text on the status page (integrations.statuspage
# POSTMORTEM_KIND). A resolution with no notice is not made up for by the next day's summary.
NOT_UPDATES = frozenset({"postmortem", "status_page_postmortem"})


def new_message() -> str:
    """The id of a newly composed message (its posts share it)."""
    return uuid.uuid4().hex


def is_update(post: Post) -> bool:
    """Whether ``post``, delivered, is its audience's update: a destination that serves the
    audience took it, and it is not a post-mortem's text (NOT_UPDATES)."""
    return post.kind not in NOT_UPDATES and serves(str(post.target), post.audience)


def updates_sent(incident: Incident, audience: str) -> list[TimelineEvent]:
    """The updates ``audience`` had, one per message (the first delivery of each), oldest
    first. An update marked sent by hand, or recorded before messages had ids, is one alone."""
    seen: set[str] = set()
    found: list[TimelineEvent] = []
    events = sorted(incident.events(EventKind.UPDATE_SENT), key=lambda e: e.at)
    for event in events:
        if event.data.get("audience") != audience:
            continue
        message = str(event.data.get(MESSAGE) or "")
        if message:
            if message in seen:
                continue
            seen.add(message)
        found.append(event)
    return found


def refused_updates(incident: Incident, posts: Iterable[Post]) -> dict[str, Post]:
    """By audience value: the update its own destination refused for good, while nothing it
    had since (a later post on its way or delivered, an update marked sent) makes up for it."""
    refused: dict[str, Post] = {}
    ordered = sorted(posts, key=lambda p: (p.created_at is not None, p.created_at, p.id or 0))
    for post in ordered:
        if not is_update(post):
            continue  # a copy or a post-mortem: its refusal leaves the audience as it was
        if post.state is PostState.FAILED:
            refused[post.audience] = post
        else:
            refused.pop(post.audience, None)  # sent again, or another went: on its way
    for audience, post in list(refused.items()):
        since = post.created_at
        if since is not None and any(e.at >= since for e in updates_sent(incident, audience)):
            del refused[audience]
    return refused


def refused_copies(posts: Iterable[Post]) -> dict[str, Post]:
    """By audience value: a copy of its update (posted where it is not that audience's update:
    the customers' text in Slack) that its destination refused for good, while no later post
    of that audience to the same destination is on its way or delivered. Its audience still
    owes its update either way; the user may think the copy's readers saw it."""
    refused: dict[tuple[str, str], Post] = {}
    ordered = sorted(posts, key=lambda p: (p.created_at is not None, p.created_at, p.id or 0))
    for post in ordered:
        if not post.audience or post.kind in NOT_UPDATES or serves(str(post.target), post.audience):
            continue
        key = (post.audience, str(post.target))
        if post.state is PostState.FAILED:
            refused[key] = post
        else:
            refused.pop(key, None)
    return {audience: post for (audience, _), post in refused.items()}

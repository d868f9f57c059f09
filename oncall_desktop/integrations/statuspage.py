"""The external audience on a PagerDuty status page (SOP: "status page, plain language").

One incident is one status-page post: the first send creates it (type incident) with its
first update, later sends add post updates, the resolution notice adds the "resolved" one.
The post is remembered by its id, never looked for by its title (two incidents declared in the
same minute share a title): the outbox records the id when the post is created (the creating
post's ``remote_ref``, delivered as "post"), and just before each later post of the incident
goes out, services/status_page reads it back from the database into a :class:`PostMemory`, so
a restart, or a colleague's console in team mode, adds to the same post.

A send that may already have reached PagerDuty (its answer lost, its sender killed) is looked
for first, so a retry never shows customers a repeat: the post this very send created (its
title, with this text as its first update, reported since the send was queued, on a post no
other incident holds), or an update with this text that none of the incident's earlier
deliveries accounts for. Every list is read to its end (``more``/``offset``).

Each update names the incident's affected services (chosen at its first status-page update,
kept in its timeline; the page's services when none were chosen) with the impact its severity
implies (the procedure's ``[status_page_impact]`` words, matched against the page's own impact
levels), and "operational" once resolved.

Messages are HTML on PagerDuty's side: our plain text is escaped, never interpreted.
"""

from __future__ import annotations

from dataclasses import replace

from oncall_desktop.core.compose import MessageKind, status_page_title
from oncall_desktop.core.destinations import (
    CHOOSE_SERVICES,
    Destination,
    Offer,
    register_destination,
)
from oncall_desktop.core.destinations import STATUS_PAGE as STATUS_PAGE
from oncall_desktop.core.messages import QT_TR_NOOP
from oncall_desktop.core.outbox import Attempt, Outcome, Post
from oncall_desktop.core.policy import Audience, Text
from oncall_desktop.integrations.deliverers import (
    DeliveryContext,
    Outgoing,
    already_checked,
    register_deliverer,
)
from oncall_desktop.integrations.errors import Forbidden, IntegrationError, PlanLimit
from oncall_desktop.integrations.pagerduty import ANSWERS
from oncall_desktop.integrations.secrets import PAGERDUTY_TOKEN
from oncall_desktop.integrations.statuspage_client import (
    PostMemory,
    StatusPageClient,
    StatusPagePostRoute,
    as_html,
)

__all__ = [
    "MEMORY",
    "POSTMORTEM_KIND",
    "STATUS_PAGE",
    "PostMemory",
    "StatusPageClient",
    "StatusPagePostRoute",
    "WaitingForEarlier",
    "as_html",
]

POSTMORTEM_KIND = "status_page_postmortem"  # an outbox post's kind: the post-mortem, published
MEMORY = "status_page_memory"  # in Post.extra, for one attempt: what the database remembers


class WaitingForEarlier(IntegrationError):
    """An earlier status-page post of the incident is not out yet: this one goes after it (in
    order on the page, and onto the post that one creates)."""

    retryable = True


class _Publisher(StatusPageClient):
    """The client that posts for the outbox: where PagerDuty says no for the plan or the user,
    it says what to do meanwhile (post by hand, Mark sent)."""

    ANSWERS = replace(
        ANSWERS,
        statuses={
            **ANSWERS.statuses,
            402: (
                PlanLimit,
                QT_TR_NOOP(
                    "The PagerDuty plan has no status pages (402): post this on the status page "
                    "by hand and use Mark sent, or turn the status page off in Settings."
                ),
            ),
            403: (
                Forbidden,
                QT_TR_NOOP(
                    "This PagerDuty user may not post on the status page (403): ask an admin "
                    "for the Status Pages permission, or post it by hand and use Mark sent."
                ),
            ),
        },
    )


def post_route(
    page_id: str,
    title: str,
    severity: str,
    every_minutes: int | None,
    impact: tuple[str, ...] = (),
) -> StatusPagePostRoute:
    """The route of a post to ``page_id``, cut to what the outbox keeps (a destination of at
    most 200 characters) and the API takes (a title of at most 128): the impact's last words
    go first, then the title's end."""
    route = StatusPagePostRoute(page_id, title[:120], severity, every_minutes, impact[:4])
    while len(route.encode()) > 200 and route.impact:
        route = replace(route, impact=route.impact[:-1])
    if len(route.encode()) > 200:
        route = replace(route, title=title[: max(1, 120 - (len(route.encode()) - 200))])
    return route


def route(outgoing: Outgoing) -> Post | None:
    """To the status page chosen in Settings, in the incident's one post: created with the
    procedure's title, then updated at the status page's cadence (none for the post-mortem),
    its affected services named with the impact the procedure gives the severity (or the
    resolved one). None without a status page, or for text filed under no incident."""
    page, incident, policy = outgoing.setting("status_page_id"), outgoing.incident, outgoing.policy
    if not page or incident is None:
        return None
    language = outgoing.setting("message_language") or "en"
    title = status_page_title(incident, policy, language) if policy is not None else incident.title
    every: int | None = None
    impact: tuple[str, ...] = ()
    if policy is not None and outgoing.kind != POSTMORTEM_KIND:
        cadence = policy.cadence_rule(Audience.STATUS_PAGE, incident.severity).every
        every = int(cadence.total_seconds() // 60) if cadence else None
        resolved = outgoing.kind == MessageKind.STATUS_PAGE_RESOLVED.value
        impact = policy.status_page_impact_words(incident.severity, resolved)
    return outgoing.post(
        STATUS_PAGE,
        post_route(page, title, incident.severity.value, every, impact).encode(),
        audience=Audience.STATUS_PAGE.value,
    )


def deliver(post: Post, context: DeliveryContext) -> Attempt:
    route = StatusPagePostRoute.decode(post.destination)
    endpoints = context.endpoints
    client = _Publisher(
        context.secret(PAGERDUTY_TOKEN, "PagerDuty token"),
        endpoints.pagerduty_base_url,
        timeout=endpoints.timeout,
    )
    memory = PostMemory.from_json(post.extra.get(MEMORY))
    if memory.waiting:
        raise WaitingForEarlier(
            QT_TR_NOOP("Waits for this incident's earlier status-page update to go out first.")
        )
    if post.kind == POSTMORTEM_KIND:
        return Attempt(
            Outcome.DELIVERED,
            remote_ref=client.publish_postmortem(route, post.text, memory.post_id),
            delivered_as="postmortem",
        )
    ref, delivered_as = client.publish(
        route,
        post.text,
        post.kind == MessageKind.STATUS_PAGE_RESOLVED.value,
        post.created_at,
        memory,
        # an earlier attempt may have got through: its answer lost (unsure), or any
        # failure after PagerDuty wrote it (a proxy's 5xx, the sender killed)
        check=post.unsure or post.attempts != 1,
    )
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
        serves=(Audience.STATUS_PAGE.value,),  # the customers' update
        offer=Offer(  # the first box, for the status page's message, when one is chosen
            QT_TR_NOOP("Status page: {destination}"),
            (Audience.STATUS_PAGE.value,),
            (Audience.STATUS_PAGE.value,),
            order=10,
            asks_first=CHOOSE_SERVICES,  # the services it affects, at its first update
        ),
    )
)


# the deliverer looks for its own earlier write before sending again (PostMemory, check)
def where(outgoing: Outgoing) -> str | None:
    """What the composer shows: the status page's name as Settings have it."""
    page = outgoing.setting("status_page_id")
    return (outgoing.setting("status_page_name") or page) if route(outgoing) else None


register_deliverer(STATUS_PAGE, deliver, find=already_checked, route=route, where=where)

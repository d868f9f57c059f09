"""Where an update goes: one place turns "this text, for this audience" into outbox posts.

Every sender (the cockpit's composer, the incident channel's declaration, the post-mortem
summary and its publication, the handoff) asks here, and the router asks the destination: each
registers its route beside its deliverer (integrations/deliverers), which turns the text into
its post under today's settings, or says it cannot take it now. With a Slack webhook
everything for Slack goes to the webhook (it cannot choose a channel), with a bot token to the
incident's own channel when it has one, else the incidents channel; Microsoft Teams takes the
team's updates when it is on; a PagerDuty status update goes only where the incident came from
a page; the status page and the executives' mail only where Settings set them up. The senders
never build a ``Post``, and the router names no destination.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from oncall_desktop.config.schema import Settings, setting_values
from oncall_desktop.core.destinations import (
    SLACK,
    SLACK_WEBHOOK,
    destination,
    offered_in_composer,
)
from oncall_desktop.core.incident import Incident
from oncall_desktop.core.outbox import Post
from oncall_desktop.core.policy import Audience, Policy
from oncall_desktop.core.updates import MESSAGE, new_message
from oncall_desktop.integrations.deliverers import Outgoing, for_the_team, route_for, where_for

if TYPE_CHECKING:
    from oncall_desktop.integrations.mail_server import MailServer


def mail_server(settings: Settings) -> MailServer | None:
    """The mail server Settings name now; None without a server or a sender (the summary
    then opens in the user's mail client). Read at every attempt, never stored in a post."""
    from oncall_desktop.integrations.mail_server import server_from

    return server_from(setting_values(settings))


@dataclass(frozen=True)
class SlackRoute:
    """Where the team's text goes in Slack under the current settings."""

    target: str
    destination: str  # a channel for the bot; "" for the webhook

    @property
    def label(self) -> str:
        """What the composer shows: the channel, or "webhook"."""
        return "webhook" if self.target == SLACK_WEBHOOK else self.destination


class UpdateRouter:
    """Builds the posts for a piece of text and hands them to ``submit`` (the outbox).
    ``policy``: the procedure, for what a destination takes from it (the executives'
    addresses, the status page's title and cadence)."""

    def __init__(
        self,
        settings: Callable[[], Settings],
        submit: Callable[[Post], None],
        policy: Policy | None = None,
    ) -> None:
        self._settings = settings
        self._submit = submit
        self._policy = policy

    def route(
        self,
        target: str,
        text: str = "",
        *,
        incident: Incident | None = None,
        incident_id: int | None = None,
        audience: str = "",
        kind: str = "",
        notify_channel: bool = False,
        channel: str = "",
    ) -> Post | None:
        """The post ``text`` makes for the destination ``target`` (its id) under today's
        settings, or None when that destination cannot take it now. Nothing is queued."""
        outgoing = Outgoing(
            text,
            kind,
            audience,
            incident,
            incident_id,
            setting_values(self._settings()),
            self._policy,
            notify_channel,
            channel,
        )
        route = route_for(target)
        if route is not None:
            return route(outgoing)
        return outgoing.post(str(target), destination(target).default_destination)

    def post(
        self,
        target: str,
        text: str,
        *,
        incident: Incident | None = None,
        incident_id: int | None = None,
        audience: str,
        kind: str,
        notify_channel: bool = False,
        channel: str = "",
        message: str = "",
    ) -> Post | None:
        """Queue ``text`` for the destination ``target`` (its id in core.destinations), the
        way its route says; returns the post queued, or None when that destination cannot
        take it now (not set up, no page to post on). ``incident``: what the destination
        reads (its page, its own Slack channel); ``incident_id`` alone files the post under
        it. ``channel``: a Slack channel asked for explicitly (the one just created).
        ``message``: the one message this post is a copy of (:func:`new_message`: its posts
        to several destinations are one update, core.updates); a new one when not given."""
        post = self.route(
            target,
            text,
            incident=incident,
            incident_id=incident_id,
            audience=audience,
            kind=kind,
            notify_channel=notify_channel,
            channel=channel,
        )
        if post is not None:
            post = replace(post, extra={**post.extra, MESSAGE: message or new_message()})
            self._submit(post)
        return post

    def takes(self, target: str, incident: Incident | None = None) -> bool:
        """Whether the destination ``target`` would take a text (for ``incident``) now."""
        return self.route(target, incident=incident) is not None

    def offered(self, incident: Incident | None = None) -> dict[str, str]:
        """What the composer shows of where each destination it offers would take a text for
        ``incident`` now (the ``{destination}`` of its label), by destination id; those not set
        up under today's settings are left out."""
        outgoing = Outgoing(
            "", "", "", incident, None, setting_values(self._settings()), self._policy
        )
        found: dict[str, str] = {}
        for offered, _offer in offered_in_composer():
            words: str | None = offered.default_destination  # no route: posted there
            if (where := where_for(offered.id)) is not None:
                words = where(outgoing)
            elif (route := route_for(offered.id)) is not None:
                post = route(outgoing)
                if post is None:  # not set up
                    words = None
                elif offered.shows_destination:
                    words = post.destination
            if words is not None:
                found[offered.id] = words
        return found

    def slack_route(self, incident: Incident | None = None, channel: str = "") -> SlackRoute:
        """Where the team's text goes in Slack; ``channel``: a channel asked for explicitly
        (the one just created)."""
        post = self.route(SLACK, incident=incident, channel=channel)
        return SlackRoute(str(post.target), post.destination) if post else SlackRoute(SLACK, "")

    def post_internal(
        self,
        text: str,
        *,
        kind: str,
        incident: Incident | None = None,
        incident_id: int | None = None,
        audience: str = Audience.INTERNAL.value,
        channel: str = "",
        notify_channel: bool = False,
    ) -> SlackRoute:
        """Text for the team (the declaration, a summary, the handoff): one :meth:`post` to
        each destination the team's updates go to (Slack, and Teams when it is on); returns
        where it went in Slack."""
        message = new_message()  # one update, however many destinations take it
        for target in for_the_team():
            self.post(
                target,
                text,
                incident=incident,
                incident_id=incident_id,
                audience=audience,
                kind=kind,
                notify_channel=notify_channel,
                channel=channel,
                message=message,
            )
        return self.slack_route(incident, channel)

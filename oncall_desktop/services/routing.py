"""Where an update goes: one place turns "this text, for this audience" into outbox posts.

Every sender (the cockpit's composer, the incident channel's declaration, the post-mortem
summary, the handoff) asks here, so that each honours the settings the same way: with a Slack
webhook everything internal goes to the webhook (it cannot choose a channel), with a bot token
to the incident's own channel when it has one, else the incidents channel; to Microsoft Teams
too when it is set up (in the composer, each has its box); a PagerDuty status update only
where the incident came from a page. The senders never build a ``Post``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from oncall_desktop.config.schema import Settings
from oncall_desktop.core.destinations import destination
from oncall_desktop.core.incident import EventKind, Incident
from oncall_desktop.core.outbox import Post, Target
from oncall_desktop.core.paging import PAGERDUTY
from oncall_desktop.core.policy import Audience
from oncall_desktop.integrations.smtp_mail import EXECUTIVE_MAIL, MailRoute, MailServer
from oncall_desktop.integrations.statuspage import STATUS_PAGE, StatusPagePostRoute
from oncall_desktop.integrations.teams import TEAMS, TeamsRoute


def mail_server(settings: Settings) -> MailServer | None:
    """The mail server Settings name now; None without a server or a sender (the summary
    then opens in the user's mail client). Read at every attempt, never stored in a post."""
    if not settings.smtp_host or not settings.smtp_sender:
        return None
    return MailServer(
        host=settings.smtp_host,
        port=settings.smtp_port,
        security=settings.smtp_security,
        username=settings.smtp_username,
        sender=settings.smtp_sender,
        ca_file=settings.smtp_ca_file,
    )


def incident_channel(incident: Incident | None) -> str:
    """The incident's own Slack channel, once created from the cockpit ("" before)."""
    if incident is None:
        return ""
    created = [e for e in incident.events(EventKind.NOTE) if e.data.get("slack_channel")]
    return str(created[-1].data["slack_channel"]) if created else ""


@dataclass(frozen=True)
class SlackRoute:
    """Where internal text goes under the current settings."""

    target: Target
    destination: str  # a channel for the bot; "" for the webhook

    @property
    def label(self) -> str:
        """What the composer shows: the channel, or "webhook"."""
        return "webhook" if self.target is Target.SLACK_WEBHOOK else self.destination


class UpdateRouter:
    """Builds the posts for a piece of text and hands them to ``submit`` (the outbox)."""

    def __init__(self, settings: Callable[[], Settings], submit: Callable[[Post], None]) -> None:
        self._settings = settings
        self._submit = submit

    def slack_route(self, incident: Incident | None = None, channel: str = "") -> SlackRoute:
        """``channel``: a channel asked for explicitly (the one just created)."""
        settings = self._settings()
        if settings.slack_mode == "webhook":
            return SlackRoute(Target.SLACK_WEBHOOK, "")
        return SlackRoute(
            Target.SLACK, channel or incident_channel(incident) or settings.slack_channel
        )

    @property
    def teams_set_up(self) -> bool:
        """The team's updates go to Microsoft Teams too (the composer offers it, ticked)."""
        return self._settings().teams_enabled

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
        slack: bool = True,
        teams: bool | None = None,
    ) -> SlackRoute:
        """Text for the team (an update, the declaration, a summary, the handoff) to Slack,
        the way the settings say, and to Teams when it is set up; returns where it went in
        Slack. ``incident``: post in its own channel when it has one; ``incident_id`` alone
        files the post under it. ``slack``/``teams``: the composer's boxes (``teams`` None:
        as the settings say)."""
        route = self.slack_route(incident, channel)
        filed_under = incident.id if incident is not None else incident_id
        if slack:
            self._submit(
                Post(
                    route.target,
                    text,
                    incident_id=filed_under,
                    audience=audience,
                    kind=kind,
                    destination=route.destination,
                    notify_channel=notify_channel,
                )
            )
        if self._settings().teams_enabled if teams is None else teams:
            # the note of a text cut to Teams' size links to the incident's page, if any
            alert = incident.alert if incident is not None else None
            teams_route = TeamsRoute(self._settings().message_language, alert.url if alert else "")
            self._submit(
                Post(
                    TEAMS,
                    text,
                    incident_id=filed_under,
                    audience=audience,
                    kind=kind,
                    destination=teams_route.encode(),
                )
            )
        return route

    def post_to(
        self, target: str, text: str, *, incident: Incident, audience: str, kind: str
    ) -> None:
        """To a destination a module registered (core.destinations), at its default
        destination: the composer offers it for its audiences."""
        self._submit(
            Post(
                target,
                text,
                incident_id=incident.id,
                audience=audience,
                kind=kind,
                destination=destination(target).default_destination,
            )
        )

    def post_executive_mail(
        self, text: str, *, incident: Incident, kind: str, recipients: tuple[str, ...]
    ) -> bool:
        """The executive summary by mail through the outbox; False when no server is set
        (or no recipient). The post keeps its recipients and Message-ID only: the server,
        account and sender are the Settings' at each attempt; the subject is the text's
        first line."""
        server = mail_server(self._settings())
        if server is None or not recipients:
            return False
        route = MailRoute.new(recipients, server.sender)
        self._submit(
            Post(
                EXECUTIVE_MAIL,
                text,
                incident_id=incident.id,
                audience=Audience.EXECUTIVE.value,
                kind=kind,
                destination=route.to_json(),
            )
        )
        return True

    def post_status_update(
        self, text: str, *, incident: Incident, audience: str, kind: str
    ) -> bool:
        """A PagerDuty status update on the incident's page; False when it came from none."""
        page_id = incident.follows(PAGERDUTY)
        if not page_id:
            return False
        self._submit(
            Post(
                Target.PAGERDUTY_STATUS,
                text,
                incident_id=incident.id,
                audience=audience,
                kind=kind,
                destination=page_id,
            )
        )
        return True

    @property
    def status_page_set_up(self) -> bool:
        return bool(self._settings().status_page_id)

    def post_status_page(
        self,
        text: str,
        *,
        incident: Incident,
        kind: str,
        title: str,
        every_minutes: int | None,
        impact: tuple[str, ...] = (),
    ) -> bool:
        """The external audience's text on the status page from Settings, in the incident's
        one post (created with ``title``, then remembered by its id); ``impact``: the words
        for the affected services' impact (the procedure's, for the severity or resolved).
        False when no status page is set up."""
        page = self._settings().status_page_id
        if not page:
            return False
        # a title the API takes (≤ 128), and a route of at most 200 characters
        route = StatusPagePostRoute(
            page, title[:120], incident.severity.value, every_minutes, impact[:4]
        )
        while len(route.encode()) > 200 and route.impact:
            route = replace(route, impact=route.impact[:-1])
        if len(route.encode()) > 200:
            route = replace(route, title=title[: max(1, 120 - (len(route.encode()) - 200))])
        self._submit(
            Post(
                STATUS_PAGE,
                text,
                incident_id=incident.id,
                audience=Audience.STATUS_PAGE.value,
                kind=kind,
                destination=route.encode(),
            )
        )
        return True

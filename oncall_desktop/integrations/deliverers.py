"""The deliverer registry: what a destination module registers (how a text becomes its post,
how that post is delivered, how one already there is found again), and what it may use.

Apart from the courier (integrations/delivery) and the router (services/routing) so that a
destination module registers itself by importing this, with no import circle through what
loads it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from oncall_desktop.core.destinations import destinations
from oncall_desktop.core.incident import Incident
from oncall_desktop.core.outbox import Attempt, Post, Target
from oncall_desktop.core.policy import Policy
from oncall_desktop.integrations.errors import IntegrationError
from oncall_desktop.integrations.http import DEFAULT_TIMEOUT
from oncall_desktop.integrations.secrets import SecretStore

if TYPE_CHECKING:
    from oncall_desktop.integrations.mail_server import MailServer


@dataclass(frozen=True)
class Endpoints:
    slack_base_url: str
    slack_channel: str
    pagerduty_base_url: str
    timeout: tuple[float, float] = DEFAULT_TIMEOUT
    # the mail server as Settings say now (None: none set up); a mail post stores no server
    mail_server: MailServer | None = None


class DeliveryContext:
    """What a deliverer may use: the endpoints in force, the keyring, and a place to keep
    what it learnt (PagerDuty's From address) from one post to the next."""

    def __init__(self, secrets: SecretStore, endpoints: Endpoints, memo: dict[Any, Any]) -> None:
        self.endpoints = endpoints
        self.memo = memo
        self._secrets = secrets

    def secret(self, name: str, what: str) -> str:
        value = self._secrets.get(name)
        if not value:
            raise IntegrationError(f"No {what} in the keyring: add it in Settings, then resend.")
        return value


# A deliverer sends one post and says what came of it; it raises IntegrationError (retryable
# or not) or SecretStoreError for the courier to turn into an Attempt. Blocking. An error whose
# ``ambiguous`` is true (errors.AnswerLost, errors.UnreadableAnswer), or an Unreachable raised
# from a requests error that came after sending, is an ambiguous attempt: the post may be there.
Deliverer = Callable[[Post, DeliveryContext], Attempt]
# A finder looks at the destination for an unsure post (one whose earlier attempt may have
# arrived) before it is sent again: the delivery found there (an Attempt DELIVERED with its
# reference), or None when it surely is not there. It raises like a deliverer: a retryable
# error waits and looks again; one that is not (a missing read permission) lets the courier
# send without looking, marked "may have arrived twice". Blocking.
Finder = Callable[[Post, DeliveryContext], Attempt | None]


@dataclass(frozen=True)
class Outgoing:
    """A text for one destination, as the router hands it to the destination's route: what
    it is, the incident it is filed under, and the settings (as plain values: integrations do
    not import config/) and the procedure in force."""

    text: str
    kind: str  # a MessageKind value, or a destination's own ("status_page_postmortem")
    audience: str  # an Audience value ("" for none)
    incident: Incident | None = None
    incident_id: int | None = None  # filed under this one when ``incident`` is not given
    settings: Mapping[str, Any] = field(default_factory=dict)
    policy: Policy | None = None
    notify_channel: bool = False  # Slack's @channel
    channel: str = ""  # a Slack channel asked for explicitly (the one just created)

    def setting(self, name: str) -> str:
        value = self.settings.get(name)
        return str(value).strip() if value is not None else ""

    def post(self, target: str, destination: str = "", *, audience: str | None = None) -> Post:
        """The post of this text to ``target``, at ``destination``, filed under its incident."""
        return Post(
            target,
            self.text,
            incident_id=self.incident.id if self.incident is not None else self.incident_id,
            audience=self.audience if audience is None else audience,
            kind=self.kind,
            destination=destination,
        )


# A route turns a text into the post for its destination under today's settings: where it
# goes there (a channel, the incident's page, the route a post carries as JSON), or None when
# it cannot go there now (not set up, no page to post on). Without one, a post goes to the
# destination's ``default_destination`` (core.destinations).
Route = Callable[[Outgoing], Post | None]
# Where a destination would take a text under today's settings, in the words the composer
# shows ("#incidents", "webhook", the status page's name), or None when it is not set up.
# Without one, the route says: not set up when it takes nothing, else the post's destination
# (or the destination's ``default_destination`` when that is data, not for people).
Where = Callable[[Outgoing], str | None]
_DELIVERERS: dict[str, Deliverer] = {}
_FINDERS: dict[str, Finder] = {}
_ROUTES: dict[str, Route] = {}
_WHERE: dict[str, Where] = {}
_FOR_THE_TEAM: dict[str, None] = {}  # an ordered set


def register_deliverer(
    target: str,
    deliverer: Deliverer,
    find: Finder | None = None,
    *,
    route: Route | None = None,
    team: bool = False,
    where: Where | None = None,
) -> None:
    """How posts for ``target`` are delivered (with core.destinations.register_destination,
    what makes a destination), how one already there is found again (``find``: only where
    the destination can be read back), and how a text becomes its post (``route``). Without
    ``find``, an unsure post is sent again blind and marked "may have arrived twice". A
    deliverer that checks the destination itself before sending passes
    ``find=already_checked``. ``team``: the team's own updates (a handoff, a post-mortem's
    summary, the declaration in a new channel) go here too, when its route takes them.
    ``where``: what the composer shows of where it goes (:data:`Where`)."""
    key = str(target)
    _DELIVERERS[key] = deliverer
    for registry in (_FINDERS, _ROUTES, _WHERE):
        registry.pop(key, None)
    if find is not None:
        _FINDERS[key] = find
    if route is not None:
        _ROUTES[key] = route
    if where is not None:
        _WHERE[key] = where
    if team:
        _FOR_THE_TEAM[key] = None
    else:
        _FOR_THE_TEAM.pop(key, None)


def unregister_deliverer(target: str) -> None:
    """Forget what :func:`register_deliverer` registered for ``target`` (a test's own)."""
    for registry in (_DELIVERERS, _FINDERS, _ROUTES, _WHERE, _FOR_THE_TEAM):
        registry.pop(str(target), None)


def already_checked(post: Post, context: DeliveryContext) -> Attempt | None:
    """The finder of a deliverer that looks for its own earlier write before every send (so
    sending again is never a repeat): nothing to look at beforehand."""
    return None


def deliverer_for(target: Target | str) -> Deliverer | None:
    return _DELIVERERS.get(str(target))


def finder_for(target: Target | str) -> Finder | None:
    return _FINDERS.get(str(target))


def route_for(target: Target | str) -> Route | None:
    return _ROUTES.get(str(target))


def where_for(target: Target | str) -> Where | None:
    return _WHERE.get(str(target))


def for_the_team() -> tuple[str, ...]:
    """The destinations the team's own updates go to (when their route takes them), in the
    order their names registered (core.destinations: Slack first), whatever imported them."""
    order = {found.id: n for n, found in enumerate(destinations())}
    return tuple(sorted(_FOR_THE_TEAM, key=lambda target: order.get(target, len(order))))

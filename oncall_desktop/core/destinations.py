"""The destinations an update can be delivered to, as the whole app names them.

A destination is registered once, by the module that delivers to it (integrations/): its id
(what a post's ``target`` holds and the outbox stores), its name in both languages of the app,
how its destination reads, and whether a refused post may be redirected to another channel.
The cockpit's outbox list, the timeline, the resend dialog and the courier all read this
registry: adding a destination is one module and its registration, not edits across the
layers. How a text becomes its post (its route) and how it is delivered are that module's too
(integrations/deliverers). Pure data: no Qt, no network.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Literal

from oncall_desktop.core.capabilities import Capability
from oncall_desktop.core.messages import UserMessage
from oncall_desktop.core.outbox import Target
from oncall_desktop.core.policy import Audience, Text


@dataclass(frozen=True)
class Offer:
    """How the composer offers a destination: one check box, shown while the message is for
    one of ``audiences``. Whether it is set up, and where it goes, is its route's under the
    settings in force (services/routing.UpdateRouter.offered): ``label``'s ``{destination}``.
    Labels are English templates marked with ``QT_TR_NOOP``, translated where shown."""

    label: UserMessage | None  # None: the destination's own words (Destination.describe)
    audiences: tuple[str, ...]  # values of core.policy.Audience
    ticked: tuple[str, ...] = ()  # ticked at first when the message is for one of these
    # when it is not set up: not shown ("hidden"), or shown greyed out ("greyed")
    not_set_up: Literal["hidden", "greyed"] = "hidden"
    # offered all the same when not set up, with these words (the app does it otherwise:
    # the executives' mail opens in the user's mail client)
    label_not_set_up: UserMessage | None = None
    # only for an incident whose page's source can do this (a status update on the page)
    page_can: Capability | None = None
    order: int = 100  # its box's place (lower first)
    # what the app asks the user around its post (one of the steps below, app/sending.py's):
    # before it goes, or instead of it when it cannot be taken (not set up)
    asks_first: str = ""
    otherwise: str = ""

    @property
    def asks(self) -> bool:
        """Sending it may ask the user something (a dialog): it is sent after the others."""
        return bool(self.asks_first or self.otherwise)


# The steps the app knows how to take around a post (app/sending.py), as an Offer names them:
CHOOSE_SERVICES = "choose_services"  # which of the status page's services the incident affects
MAIL_CLIENT = "mail_client"  # the text in the user's mail client, then whether it went


@dataclass(frozen=True)
class Destination:
    id: str
    name: Text  # as people read it, in both languages of the app (the timeline, the UI)
    edits_channel: bool = False  # "Edit and resend" may send it to another channel
    where: Text | None = None  # its destination in words: "{destination}" is the post's
    shows_destination: bool = True  # False: the post's destination is data, not for people
    # offered in the composer for these audiences (values of core.policy.Audience), unticked,
    # in its own words; without a route, posted to ``default_destination``. ``offer`` says
    # more (its label, ticked for whom, greyed when not set up): the built-ins' do
    audiences: tuple[str, ...] = ()
    default_destination: str = ""
    offer: Offer | None = None
    # the audiences whose update it *is* (core.policy.Audience values): delivered here, the
    # audience got it and its countdown restarts; anywhere else a text for them is a copy (the
    # customers' text in the team's Slack is not the status page). None: those of ``audiences``
    serves: tuple[str, ...] | None = None

    def describe(self, destination: str, language: str) -> str:
        """Where a post goes, in ``language``: "Slack channel #incidents"."""
        template = self.where or self.name
        return template.get(language).replace("{destination}", destination)


_REGISTRY: dict[str, Destination] = {}


def serves(target: str, audience: str) -> bool:
    """Whether a post delivered to ``target`` is ``audience``'s update (SOP-5: the team's is
    Slack #incidents, the customers' the status page, the executives' mail), not a copy."""
    found = destination(target)
    return bool(audience) and audience in (
        found.serves if found.serves is not None else found.audiences
    )


def register_destination(destination: Destination) -> Destination:
    _REGISTRY[destination.id] = destination
    return destination


def destination(target: str) -> Destination:
    """The registered destination, or a plain one named by its id (a post stored by a newer
    version, or by a module not installed here, still shows)."""
    found = _REGISTRY.get(str(target))
    return found or Destination(str(target), Text(fr=str(target), en=str(target)))


def destinations() -> tuple[Destination, ...]:
    return tuple(_REGISTRY.values())


def unregister_destination(target: str) -> None:
    _REGISTRY.pop(str(target), None)


def offer_in_composer(target: str, offer: Offer) -> None:
    """How the composer offers the registered destination ``target`` (its module says)."""
    _REGISTRY[str(target)] = replace(destination(target), offer=offer)


def offered_in_composer() -> tuple[tuple[Destination, Offer], ...]:
    """The destinations the composer offers, each with how, in the order of their boxes (a
    destination that names only its audiences: unticked, in its own words, after the rest)."""
    found = [
        (d, d.offer or Offer(None, d.audiences))
        for d in _REGISTRY.values()
        if d.offer is not None or d.audiences
    ]
    return tuple(sorted(found, key=lambda pair: pair[1].order))


# The built-in destinations' ids, as posts store them: never change one once released. Each is
# routed and delivered by its module in integrations/ (all of them loaded by
# integrations/builtins.py), which also says how the composer offers it. The
# first three are named here, since the core's narrative names them.
SLACK = Target.SLACK.value  # the team's Slack, as Settings say: the bot's channel, or the webhook
SLACK_WEBHOOK = Target.SLACK_WEBHOOK.value
PAGERDUTY_STATUS = Target.PAGERDUTY_STATUS.value  # a status update on the incident's page
TEAMS = "teams"  # Microsoft Teams, through a Workflows webhook
STATUS_PAGE = "pagerduty_status_page"  # the PagerDuty status page chosen in Settings
EXECUTIVE_MAIL = "executive_mail"  # the executive summary, by mail (SMTP)

register_destination(
    Destination(
        SLACK,
        Text(fr="Slack", en="Slack"),
        edits_channel=True,
        where=Text(fr="le canal Slack {destination}", en="Slack channel {destination}"),
        serves=(Audience.INTERNAL.value,),
    )
)
register_destination(
    Destination(
        SLACK_WEBHOOK,
        Text(fr="Slack (webhook)", en="Slack (webhook)"),
        where=Text(
            fr="le webhook Slack enregistré dans les Paramètres",
            en="the Slack webhook stored in Settings",
        ),
        serves=(Audience.INTERNAL.value,),
    )
)
register_destination(
    Destination(
        PAGERDUTY_STATUS,
        Text(fr="PagerDuty", en="PagerDuty"),
        where=Text(fr="l’incident PagerDuty {destination}", en="PagerDuty incident {destination}"),
        serves=(),  # the page's responders and subscribers: a copy for every audience
    )
)

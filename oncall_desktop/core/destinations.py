"""The destinations an update can be delivered to, as the whole app names them.

A destination is registered once, by the module that delivers to it (integrations/): its id
(what a post's ``target`` holds and the outbox stores), the name people read, and whether a
refused post may be redirected to another channel. The cockpit's outbox list, the resend
dialog and the courier all read this registry: adding a destination is one module and its
registration, not edits across the layers. Pure data: no Qt, no network.
"""

from __future__ import annotations

from dataclasses import dataclass

from oncall_desktop.core.messages import QT_TR_NOOP, UserMessage
from oncall_desktop.core.outbox import Target


@dataclass(frozen=True)
class Destination:
    id: str
    label: UserMessage  # translated where shown
    edits_channel: bool = False  # "Edit and resend" may send it to another channel
    describe_destination: UserMessage | None = None  # "{destination}" filled with the post's


_REGISTRY: dict[str, Destination] = {}


def register_destination(destination: Destination) -> Destination:
    _REGISTRY[destination.id] = destination
    return destination


def destination(target: str) -> Destination:
    """The registered destination, or a plain one named by its id (a post stored by a newer
    version, or by a module not installed here, still shows)."""
    found = _REGISTRY.get(str(target))
    return found or Destination(str(target), QT_TR_NOOP("{id}").format(id=str(target)))


def destinations() -> tuple[Destination, ...]:
    return tuple(_REGISTRY.values())


SLACK = register_destination(
    Destination(
        Target.SLACK.value,
        QT_TR_NOOP("Slack"),
        edits_channel=True,
        describe_destination=QT_TR_NOOP("Slack channel {destination}"),
    )
)
SLACK_WEBHOOK = register_destination(
    Destination(
        Target.SLACK_WEBHOOK.value,
        QT_TR_NOOP("Slack (webhook)"),
        describe_destination=QT_TR_NOOP("the Slack webhook stored in Settings"),
    )
)
PAGERDUTY_STATUS = register_destination(
    Destination(
        Target.PAGERDUTY_STATUS.value,
        QT_TR_NOOP("PagerDuty"),
        describe_destination=QT_TR_NOOP("PagerDuty incident {destination}"),
    )
)

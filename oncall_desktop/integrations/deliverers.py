"""The deliverer registry: what a destination module registers, and what it may use.

Apart from the courier (integrations/delivery) so that a destination module registers itself
by importing this, with no import circle through the courier that loads it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from oncall_desktop.core.outbox import Attempt, Post, Target
from oncall_desktop.integrations.errors import IntegrationError
from oncall_desktop.integrations.http import DEFAULT_TIMEOUT
from oncall_desktop.integrations.secrets import SecretStore

if TYPE_CHECKING:
    from oncall_desktop.integrations.smtp_mail import MailServer


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
_DELIVERERS: dict[str, Deliverer] = {}
_FINDERS: dict[str, Finder] = {}


def register_deliverer(target: str, deliverer: Deliverer, find: Finder | None = None) -> None:
    """How posts for ``target`` are delivered (with core.destinations.register_destination,
    what makes a destination), and how one already there is found again (``find``: only where
    the destination can be read back). Without ``find``, an unsure post is sent again blind
    and marked "may have arrived twice". A deliverer that checks the destination itself
    before sending passes ``find=already_checked``."""
    _DELIVERERS[str(target)] = deliverer
    if find is None:
        _FINDERS.pop(str(target), None)
    else:
        _FINDERS[str(target)] = find


def already_checked(post: Post, context: DeliveryContext) -> Attempt | None:
    """The finder of a deliverer that looks for its own earlier write before every send (so
    sending again is never a repeat): nothing to look at beforehand."""
    return None


def deliverer_for(target: Target | str) -> Deliverer | None:
    return _DELIVERERS.get(str(target))


def finder_for(target: Target | str) -> Finder | None:
    return _FINDERS.get(str(target))

"""Delivers one outbox post to its destination and says what came of it.

Each destination registers its deliverer in integrations/deliverers, from its own module (the
built-in ones are loaded by integrations/builtins.py); the courier looks the post's target up
instead of a chain of ifs, so a new destination is a module of its own.

Blocking: run on a worker. Every failure becomes an :class:`Attempt` the outbox can act on:
retryable (network, timeouts, 5xx, 429, a locked keyring), refused (bad token, unknown
channel, missing configuration), which waits for the engineer, or ambiguous (the request went
out and its answer was lost or unreadable: it may have arrived).

Exactly once where the destination can be read back: a post that is ``unsure`` (an earlier
attempt was ambiguous, or its sender died with the claim) is first looked for at the
destination by the finder its destination registered (deliverers.register_deliverer's
``find``); found, it is delivered with what was found, and not sent again. Where there is no
finder (a webhook, mail), it is sent again and the attempt is ``blind``: the post is marked
"may have arrived twice". The Slack bot finds its messages by the post's id in their
metadata (integrations/slack_destination), PagerDuty its notes by their text
(integrations/pagerduty_status: its status updates cannot be listed, so one sent again is
blind), the status page its own writes (integrations/statuspage).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from oncall_desktop.core.outbox import Attempt, Outcome, Post
from oncall_desktop.integrations.deliverers import (
    DeliveryContext,
    Endpoints,
    Finder,
    deliverer_for,
    finder_for,
    register_deliverer,
)
from oncall_desktop.integrations.errors import IntegrationError, RateLimited, is_ambiguous
from oncall_desktop.integrations.secrets import (
    KeyringLocked,
    SecretStore,
    SecretStoreError,
)

__all__ = ["Courier", "DeliveryContext", "Endpoints", "register_deliverer"]

log = logging.getLogger(__name__)


class Courier:
    def __init__(self, secrets: SecretStore, endpoints: Callable[[], Endpoints]) -> None:
        self._secrets = secrets
        self._endpoints = endpoints
        self._memo: dict[Any, Any] = {}

    def deliver(self, post: Post) -> Attempt:
        blind = False
        try:
            deliverer = deliverer_for(post.target)
            if deliverer is None:
                raise IntegrationError(f"Unknown destination {post.target}.")
            context = DeliveryContext(self._secrets, self._endpoints(), self._memo)
            if post.unsure:
                found, blind = _look(finder_for(post.target), post, context)
                if found is not None:
                    log.info("post %s was already at its destination: not sent again", post.id)
                    return found
            attempt = deliverer(post, context)
        except RateLimited as error:
            return Attempt(Outcome.RETRY, error=error.message, retry_after=error.retry_after)
        except IntegrationError as error:
            if is_ambiguous(error):
                attempt = Attempt(Outcome.AMBIGUOUS, error=error.message)
            else:
                outcome = Outcome.RETRY if error.retryable else Outcome.REFUSED
                return Attempt(outcome, error=error.message)
        except KeyringLocked as error:
            return Attempt(Outcome.RETRY, error=error.message)
        except SecretStoreError as error:
            return Attempt(Outcome.REFUSED, error=error.message)
        return replace(attempt, blind=True) if blind and not attempt.blind else attempt


def _look(
    finder: Finder | None, post: Post, context: DeliveryContext
) -> tuple[Attempt | None, bool]:
    """(what the destination's finder found, whether sending now is blind). No finder: blind.
    A retryable error propagates (the post waits and is looked for again); one that is not (no
    permission to read the channel) means sending without looking: blind."""
    if finder is None:
        return None, True
    try:
        return finder(post, context), False
    except IntegrationError as error:
        if error.retryable:
            raise
        log.warning("post %s cannot be looked for before sending again: %s", post.id, error)
        return None, True

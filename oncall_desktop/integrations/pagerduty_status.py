"""PagerDuty status updates as a destination: an update on the incident's page, where the
incident follows one (a stakeholder status update; a note where the plan refuses those). A note
is found again by its text before an unsure post is sent twice; a status update cannot be
(PagerDuty lists none), so one sent again is blind.

Its name is the core's (core/destinations: PAGERDUTY_STATUS); its client is
integrations/pagerduty.py.
"""

from __future__ import annotations

from oncall_desktop.core.capabilities import Capability
from oncall_desktop.core.destinations import PAGERDUTY_STATUS, Offer, offer_in_composer
from oncall_desktop.core.messages import QT_TR_NOOP
from oncall_desktop.core.outbox import Attempt, Outcome, Post
from oncall_desktop.core.paging import PAGERDUTY
from oncall_desktop.core.policy import Audience
from oncall_desktop.integrations.deliverers import (
    DeliveryContext,
    Outgoing,
    register_deliverer,
)
from oncall_desktop.integrations.errors import IntegrationError, is_ambiguous
from oncall_desktop.integrations.pagerduty import PagerDutyClient
from oncall_desktop.integrations.secrets import PAGERDUTY_TOKEN


def route(outgoing: Outgoing) -> Post | None:
    """On the page the incident follows in PagerDuty; None for an incident that follows none."""
    page_id = outgoing.incident.follows(PAGERDUTY) if outgoing.incident is not None else None
    return outgoing.post(PAGERDUTY_STATUS, page_id) if page_id else None


def _pagerduty_client(context: DeliveryContext) -> tuple[PagerDutyClient, str]:
    endpoints = context.endpoints
    token = context.secret(PAGERDUTY_TOKEN, "PagerDuty token")
    client = PagerDutyClient(token, endpoints.pagerduty_base_url, timeout=endpoints.timeout)
    return client, token


def _pagerduty_status(post: Post, context: DeliveryContext) -> Attempt:
    if not post.destination:
        raise IntegrationError("This incident has no PagerDuty incident to post to.")
    client, token = _pagerduty_client(context)
    key = ("pagerduty-from", context.endpoints.pagerduty_base_url, token)
    if key not in context.memo:
        context.memo[key] = client.me().email
    try:
        ref, delivered_as = client.post_status_update(
            post.destination, context.memo[key], post.text
        )
    except IntegrationError as error:
        if post.unsure and is_ambiguous(error):  # perhaps as a status update: blind
            return Attempt(Outcome.AMBIGUOUS, error=error.message, blind=True)
        raise
    # only notes were looked for: a status update sent again may be there twice
    blind = post.unsure and delivered_as != "note"
    return Attempt(Outcome.DELIVERED, remote_ref=ref, delivered_as=delivered_as, blind=blind)


def _pagerduty_status_find(post: Post, context: DeliveryContext) -> Attempt | None:
    """The post as a note on the incident (GET …/notes), matched by its text. A status update
    cannot be found: PagerDuty lists none (no GET …/status_updates in its API)."""
    if not post.destination:
        return None
    client, _token = _pagerduty_client(context)
    note = client.find_note(post.destination, post.text, post.created_at)
    if note is None:
        return None
    return Attempt(Outcome.DELIVERED, remote_ref=note, delivered_as="note")


register_deliverer(PAGERDUTY_STATUS, _pagerduty_status, find=_pagerduty_status_find, route=route)
# offered for every message where the incident's page takes status updates, greyed elsewhere
offer_in_composer(
    PAGERDUTY_STATUS,
    Offer(
        QT_TR_NOOP("PagerDuty status update"),
        (Audience.INTERNAL.value, Audience.STATUS_PAGE.value, Audience.EXECUTIVE.value),
        (Audience.INTERNAL.value, Audience.STATUS_PAGE.value),
        not_set_up="greyed",
        page_can=Capability.STATUS_UPDATES,
        order=40,
    ),
)

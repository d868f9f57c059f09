"""A throwaway destination, in one module: a generic JSON webhook (issue 25, item 3).

Everything the app needs of it is here: its name and the audience it serves (core.destinations),
its route and deliverer (integrations.deliverers), and its Settings section, its secret under
its keyring name and its connection test (integrations.declarations). Nothing else of the app
names it: ``register()`` plugs it in, ``unregister()`` takes it out (a test's fixture).
"""

from __future__ import annotations

from oncall_desktop.core.destinations import (
    Destination,
    register_destination,
    unregister_destination,
)
from oncall_desktop.core.messages import QT_TR_NOOP
from oncall_desktop.core.outbox import Attempt, Outcome, Post
from oncall_desktop.core.policy import Audience, Text
from oncall_desktop.integrations.declarations import (
    ConnectionCheck,
    Field,
    Integration,
    register_integration,
    unregister_integration,
)
from oncall_desktop.integrations.deliverers import (
    DeliveryContext,
    Outgoing,
    register_deliverer,
    unregister_deliverer,
)
from oncall_desktop.integrations.errors import IntegrationError
from oncall_desktop.integrations.http import DEFAULT_TIMEOUT, Answers, make_session, send

HOOK = "json_webhook"  # its id, as posts store it
HOOK_URL = "json-webhook-url"  # its keyring entry: the URL carries the hook's secret
ANSWERS = Answers(
    unreachable=QT_TR_NOOP("The JSON webhook cannot be reached ({reason})."),
    refused=QT_TR_NOOP("The JSON webhook refused the post ({status})."),
    trouble=QT_TR_NOOP("The JSON webhook is having trouble ({status})."),
    rate_limited=QT_TR_NOOP("The JSON webhook is rate limiting us (429)."),
)


def _post(url: str, body: dict[str, object], timeout: tuple[float, float]) -> None:
    send(make_session(), "POST", url, ANSWERS, timeout=timeout, json=body)


def route(outgoing: Outgoing) -> Post | None:
    """To the hook when it is switched on in Settings, filed under the channel it names."""
    if not outgoing.settings.get("json_webhook_enabled"):
        return None
    return outgoing.post(HOOK, outgoing.setting("json_webhook_channel") or "general")


def deliver(post: Post, context: DeliveryContext) -> Attempt:
    url = context.secret(HOOK_URL, "JSON webhook URL")
    body = {"channel": post.destination, "text": post.text, "incident": post.incident_id}
    _post(url, body, context.endpoints.timeout)
    return Attempt(Outcome.DELIVERED, remote_ref="hook", delivered_as="message")


def test_connection(check: ConnectionCheck) -> str:
    url = check.secret(HOOK_URL)
    if not url:
        raise IntegrationError(QT_TR_NOOP("No URL: paste the webhook's first."))
    _post(url, {"channel": check.setting("json_webhook_channel"), "ping": True}, DEFAULT_TIMEOUT)
    return "The JSON webhook took a test post."


DESTINATION = Destination(
    HOOK,
    Text(fr="Webhook JSON", en="JSON webhook"),
    where=Text(fr="le canal {destination} du webhook", en="the webhook's {destination} channel"),
    audiences=(Audience.INTERNAL.value,),
    default_destination="general",
)
DECLARATION = Integration(
    HOOK,
    "JSON webhook",
    (
        Field("enabled", "json_webhook_enabled", QT_TR_NOOP("Post updates to the webhook"), "bool"),
        Field(
            "url",
            HOOK_URL,
            QT_TR_NOOP("Webhook URL"),
            "secret",
            placeholder="https://hooks.example.com/…",
        ),
        Field(
            "channel",
            "json_webhook_channel",
            QT_TR_NOOP("Channel"),
            default="general",
            pattern=r"^[a-z0-9-]*$",
            invalid=QT_TR_NOOP("A webhook channel is lower-case letters, digits and dashes."),
        ),
    ),
    test_connection,
    switch="enabled",
    destinations=(HOOK,),
)


def register() -> None:
    register_destination(DESTINATION)
    register_deliverer(HOOK, deliver, route=route)
    register_integration(DECLARATION)


def unregister() -> None:
    unregister_integration(HOOK)
    unregister_deliverer(HOOK)
    unregister_destination(HOOK)

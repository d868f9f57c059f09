"""The Slack client against the contract-checked fake on 127.0.0.1."""

from datetime import date, timedelta

import pytest

from oncall_desktop.core.slacktext import message
from oncall_desktop.integrations.errors import (
    BadPayload,
    RateLimited,
    Refused,
    ServerError,
    TokenRejected,
    Unreachable,
)
from oncall_desktop.integrations.slack import SlackClient
from tests.helpers.fake_slack import SlackFault


def client(fake, token=None):
    return SlackClient(token or fake.token, fake.url, timeout=(2.0, 2.0))


def test_auth_test(slack):
    identity = client(slack).auth_test()
    assert (identity.team, identity.user) == ("Example", "oncall-bot")


def test_post_message_escaped(slack):
    hostile = "DB down <!channel> & <https://evil|click> @here"
    posted = client(slack).post_message("#incidents", message(hostile))
    assert posted.channel == "C0INCIDENTS" and posted.ref.startswith("C0INCIDENTS/")
    sent = slack.texts("C0INCIDENTS")[0]
    assert "<" not in sent and "@here" not in sent


def test_notify_channel_adds_the_broadcast(slack):
    client(slack).post_message("incidents", message("SEV-1 declared", notify_channel=True))
    assert slack.texts("C0INCIDENTS") == ["<!channel> SEV-1 declared"]


def test_incident_channel_takes_the_next_free_number(slack):
    day = date(2025, 10, 20)
    slack.channels["incident-2025-10-20-001"] = "C000000OLD"
    channel_id = client(slack).create_incident_channel(day)
    assert slack.channels["incident-2025-10-20-002"] == channel_id


def test_unknown_channel_is_refused_with_its_code(slack):
    with pytest.raises(Refused) as info:
        client(slack).post_message("#nope", "hello")
    assert info.value.code == "channel_not_found" and not info.value.retryable


def test_rejected_token(slack):
    with pytest.raises(TokenRejected):
        client(slack, "xoxb-0000-wrong").post_message("#incidents", "x")


def test_429_and_5xx_are_retryable(slack):
    slack.fail_next(SlackFault(429, headers={"Retry-After": "7"}))
    with pytest.raises(RateLimited) as info:
        client(slack).post_message("#incidents", "x")
    assert info.value.retry_after == timedelta(seconds=7)
    slack.fail_next(SlackFault(503))
    with pytest.raises(ServerError):
        client(slack).post_message("#incidents", "x")


def test_garbage_and_timeouts(slack):
    slack.fail_next(SlackFault(200, body=b"<html>proxy</html>"))
    with pytest.raises(BadPayload):
        client(slack).post_message("#incidents", "x")
    slack.fail_next(SlackFault(200, delay=3.0, body=b"{}"))
    with pytest.raises(Unreachable):
        SlackClient(slack.token, slack.url, timeout=(1.0, 0.5)).post_message("#incidents", "x")


def test_the_fake_catches_an_undeclared_argument(slack):
    slack_client = client(slack)
    with pytest.raises(Refused):
        slack_client._call("chat.postMessage", {"channel": "#incidents", "txet": "typo"})
    assert "undeclared arguments ['txet']" in slack.take_violations()[0]


def test_webhook_delivers_on_its_plain_ok(slack):
    from oncall_desktop.integrations.slack import post_webhook

    post_webhook(slack.webhook_url, "INCIDENT DECLARED", timeout=(2.0, 2.0))
    assert slack.texts(slack.WEBHOOK_CHANNEL) == ["INCIDENT DECLARED"]


@pytest.mark.parametrize(
    "body",
    [b"<html>Welcome to the hotel network: accept the terms</html>", b"o", b"", b"{}"],
)
def test_webhook_200_without_ok_is_not_a_delivery(slack, body):
    """A captive portal, a proxy page or a truncated answer: retried, never recorded as sent."""
    from oncall_desktop.integrations.slack import post_webhook

    slack.fail_next(SlackFault(200, body=body, method="webhook"))
    with pytest.raises(BadPayload) as raised:
        post_webhook(slack.webhook_url, "update", timeout=(2.0, 2.0))
    assert raised.value.retryable and "sent again" in str(raised.value)


def test_json_nested_absurdly_deep_is_a_bad_answer_not_a_crash(slack):
    """From Slack this was a crash loop re-sending the same post at every start."""
    slack.fail_next(SlackFault(200, body=b"[" * 100_000 + b"]" * 100_000))
    with pytest.raises(BadPayload) as raised:
        client(slack).post_message("#incidents", "hello")
    assert raised.value.retryable

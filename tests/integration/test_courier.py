"""Every failure of a delivery becomes the right outcome for the outbox."""

from datetime import timedelta

from oncall_desktop.core.outbox import Outcome, Post, Target
from oncall_desktop.integrations.delivery import Courier, Endpoints
from oncall_desktop.integrations.secrets import (
    PAGERDUTY_TOKEN,
    SLACK_BOT_TOKEN,
    InMemorySecretStore,
)
from tests.helpers.fake_pagerduty import Fault
from tests.helpers.fake_slack import SlackFault


def courier(slack, pagerduty, **secrets):
    store = InMemorySecretStore()
    for name, value in secrets.items():
        store.set(name, value)
    # the app's own timeouts: a shorter one would turn a slow answer on a loaded machine
    # into a lost one, and the outcome under test into another
    return Courier(store, lambda: Endpoints(slack.url, "#incidents", pagerduty.url))


def test_outcomes(slack, pagerduty):
    good = courier(
        slack, pagerduty, **{SLACK_BOT_TOKEN: slack.token, PAGERDUTY_TOKEN: pagerduty.token}
    )
    to_slack = Post(Target.SLACK, "x", destination="#incidents")
    assert good.deliver(to_slack).outcome is Outcome.DELIVERED
    slack.fail_next(SlackFault(429, headers={"Retry-After": "12"}))
    attempt = good.deliver(to_slack)
    assert (attempt.outcome, attempt.retry_after) == (Outcome.RETRY, timedelta(seconds=12))
    slack.fail_next(SlackFault(200, error="invalid_auth"))
    assert good.deliver(to_slack).outcome is Outcome.REFUSED  # a bad token: fix, then resend
    incident = pagerduty.add_incident()
    to_pagerduty = Post(Target.PAGERDUTY_STATUS, "x", destination=incident)
    pagerduty.fail_next(
        Fault(429, headers={"ratelimit-reset": "9"}, path=f"/incidents/{incident}/status_updates")
    )
    attempt = good.deliver(to_pagerduty)
    assert (attempt.outcome, attempt.retry_after) == (Outcome.RETRY, timedelta(seconds=9))
    pagerduty.fail_next(Fault(400, path=f"/incidents/{incident}/status_updates"))
    assert good.deliver(to_pagerduty).outcome is Outcome.REFUSED


def test_missing_configuration_is_refused_with_a_reason(slack, pagerduty):
    bare = courier(slack, pagerduty)
    attempt = bare.deliver(Post(Target.SLACK, "x"))
    assert attempt.outcome is Outcome.REFUSED and "Slack bot token" in str(attempt.error)
    attempt = bare.deliver(Post(Target.PAGERDUTY_STATUS, "x"))
    assert attempt.outcome is Outcome.REFUSED and "no PagerDuty incident" in str(attempt.error)

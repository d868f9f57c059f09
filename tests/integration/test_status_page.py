"""The external audience on a PagerDuty status page, against the contract-checked fake."""

import pytest

from oncall_desktop.integrations.errors import IntegrationError
from oncall_desktop.integrations.statuspage import (
    StatusPageClient,
    StatusPagePostRoute,
    as_html,
)


def client_for(fake):
    return StatusPageClient(fake.token, fake.url, timeout=(2.0, 3.0))


def route(fake, title="Service disruption — 2025-10-20 14:05 UTC", severity="SEV-1"):
    return StatusPagePostRoute(fake.status_page_id, title, severity, 30)


def test_status_pages_are_listed_for_settings(pagerduty):
    [page] = client_for(pagerduty).status_pages()
    assert (page.id, page.name) == (pagerduty.status_page_id, "Example <b>status</b>")


def test_first_send_creates_the_post_later_ones_update_it_and_resolution_resolves(pagerduty):
    client = client_for(pagerduty)
    ref, kind = client.publish(route(pagerduty), "We're experiencing <issues>.\nSorry.", False)
    assert kind == "post" and ref.startswith("PPOST")
    _ref, kind = client.publish(route(pagerduty), "Still on it.", False)
    assert kind == "post_update"
    _ref, kind = client.publish(route(pagerduty), "Resolved since 15:00.", True)
    updates = pagerduty.status_updates_text()
    assert [(status, message) for _title, status, message in updates] == [
        ("investigating", "<p>We&#x27;re experiencing &lt;issues&gt;.<br>Sorry.</p>"),
        ("investigating", "<p>Still on it.</p>"),
        ("resolved", "<p>Resolved since 15:00.</p>"),
    ]
    assert len(pagerduty.status_posts) == 1  # one incident, one post
    first = pagerduty.status_posts[0]["updates"][0]
    assert first["update_frequency_ms"] == 30 * 60_000 and first["notify_subscribers"]
    assert pagerduty.status_posts[0]["updates"][2]["update_frequency_ms"] is None


def test_a_resend_after_a_crash_does_not_publish_twice(pagerduty):
    from datetime import UTC, datetime, timedelta

    client = client_for(pagerduty)
    queued = datetime.now(UTC) - timedelta(seconds=5)
    client.publish(route(pagerduty), "First.", False, queued)
    client.publish(route(pagerduty), "Second.", False, queued)
    client.publish(route(pagerduty), "Second.", False, queued)  # its confirmation was lost
    assert [m for _t, _s, m in pagerduty.status_updates_text()] == [
        "<p>First.</p>",
        "<p>Second.</p>",
    ]
    # the same words sent on purpose later are a new update
    client.publish(route(pagerduty), "Second.", False, datetime.now(UTC) + timedelta(seconds=1))
    assert len(pagerduty.status_updates_text()) == 3
    # another incident gets its own post
    client.publish(route(pagerduty, title="Service disruption — 2025-10-21 09:00 UTC"), "x", False)
    assert len(pagerduty.status_posts) == 2


def test_severity_follows_the_incident_and_resolution_is_all_good(pagerduty):
    client = client_for(pagerduty)
    client.publish(route(pagerduty, severity="SEV-2"), "Slow.", False)
    client.publish(route(pagerduty, severity="SEV-2"), "Fixed.", True)
    severities = [u["severity"]["id"] for u in pagerduty.status_posts[0]["updates"]]
    assert severities == ["PSEV001", "PSEV000"]  # minor, then all good


def test_a_page_without_a_resolved_status_says_what_to_set_up(pagerduty):
    pagerduty.status_page_statuses = ["investigating"]
    client = client_for(pagerduty)
    client.publish(route(pagerduty), "Down.", False)
    with pytest.raises(IntegrationError, match="no resolved status"):
        client.publish(route(pagerduty), "Up.", True)


def test_text_is_escaped_never_interpreted():
    assert as_html("<script>x</script> & co\n\nnext") == (
        "<p>&lt;script&gt;x&lt;/script&gt; &amp; co</p><p>next</p>"
    )


@pytest.mark.parametrize(
    ("status", "says"), [(402, "plan has no status pages"), (403, "Status Pages permission")]
)
def test_plan_and_permission_refusals_say_what_to_do_and_wait(pagerduty, status, says):
    from oncall_desktop.core.outbox import Outcome, Post
    from oncall_desktop.integrations.delivery import Courier, Endpoints
    from oncall_desktop.integrations.secrets import PAGERDUTY_TOKEN, InMemorySecretStore
    from oncall_desktop.integrations.statuspage import STATUS_PAGE
    from tests.helpers.fake_pagerduty import Fault

    secrets = InMemorySecretStore()
    secrets.set(PAGERDUTY_TOKEN, pagerduty.token)
    courier = Courier(secrets, lambda: Endpoints("http://127.0.0.1:9", "#x", pagerduty.url))
    posts_path = f"/status_pages/{pagerduty.status_page_id}/posts"
    pagerduty.fail_next(Fault(status, path=posts_path))
    attempt = courier.deliver(
        Post(STATUS_PAGE, "Down.", kind="status_page", destination=route(pagerduty).encode())
    )
    assert attempt.outcome is Outcome.REFUSED and says in attempt.error
    assert pagerduty.status_posts == []


def test_the_signed_post_mortem_is_published_on_the_incidents_post(pagerduty):
    client = client_for(pagerduty)
    with pytest.raises(IntegrationError, match="no post on the status page"):
        client.publish_postmortem(route(pagerduty), "What happened.")
    client.publish(route(pagerduty), "Down.", False)
    client.publish_postmortem(route(pagerduty), "What happened: <a> DNS & cache.")
    client.publish_postmortem(route(pagerduty), "What happened: <a> DNS & cache.")  # a retry
    postmortem = pagerduty.status_posts[0]["postmortem"]
    assert postmortem["message"] == "<p>What happened: &lt;a&gt; DNS &amp; cache.</p>"
    assert len(pagerduty.requests_to("PUT", "/status_pages/PSTPG01/posts/PPOST01/postmortem")) == 2

"""The external audience on a PagerDuty status page, against the contract-checked fake."""

import time
from datetime import UTC, datetime, timedelta

import pytest

from oncall_desktop.integrations.errors import IntegrationError
from oncall_desktop.integrations.statuspage import (
    PostMemory,
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


def on_post(post_id, *texts):
    """What the database remembers once the incident's post exists (services/status_page)."""
    return PostMemory(known=True, post_id=post_id, sent_texts=texts)


def test_first_send_creates_the_post_later_ones_update_it_and_resolution_resolves(pagerduty):
    client = client_for(pagerduty)
    ref, kind = client.publish(route(pagerduty), "We're experiencing <issues>.\nSorry.", False)
    assert kind == "post" and ref.startswith("PPOST")
    _ref, kind = client.publish(route(pagerduty), "Still on it.", False, memory=on_post(ref))
    assert kind == "post_update"
    _ref, kind = client.publish(
        route(pagerduty), "Resolved since 15:00.", True, memory=on_post(ref)
    )
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
    client = client_for(pagerduty)
    queued = datetime.now(UTC) - timedelta(seconds=5)
    post, _kind = client.publish(route(pagerduty), "First.", False, queued)
    client.publish(route(pagerduty), "Second.", False, queued, on_post(post, "First."))
    # its confirmation was lost: the same send again finds it there
    again = client.publish(route(pagerduty), "Second.", False, queued, on_post(post, "First."))
    assert again == (pagerduty.status_posts[0]["updates"][1]["id"], "post_update")
    assert [m for _t, _s, m in pagerduty.status_updates_text()] == [
        "<p>First.</p>",
        "<p>Second.</p>",
    ]
    # the same words sent on purpose again (the first ones recorded as delivered) are a new
    # update, even within the same second
    memory = on_post(post, "First.", "Second.")
    client.publish(route(pagerduty), "Second.", False, datetime.now(UTC), memory)
    assert len(pagerduty.status_updates_text()) == 3
    # another incident gets its own post
    client.publish(route(pagerduty, title="Service disruption — 2025-10-21 09:00 UTC"), "x", False)
    assert len(pagerduty.status_posts) == 2


def test_severity_follows_the_incident_and_resolution_is_all_good(pagerduty):
    client = client_for(pagerduty)
    post, _kind = client.publish(route(pagerduty, severity="SEV-2"), "Slow.", False)
    client.publish(route(pagerduty, severity="SEV-2"), "Fixed.", True, memory=on_post(post))
    severities = [u["severity"]["id"] for u in pagerduty.status_posts[0]["updates"]]
    assert severities == ["PSEV001", "PSEV000"]  # minor, then all good


def test_a_page_without_a_resolved_status_says_what_to_set_up(pagerduty):
    pagerduty.status_page_statuses = ["investigating"]
    client = client_for(pagerduty)
    post, _kind = client.publish(route(pagerduty), "Down.", False)
    with pytest.raises(IntegrationError, match="no resolved status"):
        client.publish(route(pagerduty), "Up.", True, memory=on_post(post))


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
    assert attempt.outcome is Outcome.REFUSED and says in str(attempt.error)
    assert pagerduty.status_posts == []


def test_the_signed_post_mortem_is_published_on_the_incidents_post(pagerduty):
    client = client_for(pagerduty)
    with pytest.raises(IntegrationError, match="no post on the status page"):
        client.publish_postmortem(route(pagerduty), "What happened.", None)
    post, _kind = client.publish(route(pagerduty), "Down.", False)
    client.publish_postmortem(route(pagerduty), "What happened: <a> DNS & cache.", post)
    client.publish_postmortem(route(pagerduty), "What happened: <a> DNS & cache.", post)  # retry
    postmortem = pagerduty.status_posts[0]["postmortem"]
    assert postmortem["message"] == "<p>What happened: &lt;a&gt; DNS &amp; cache.</p>"
    assert len(pagerduty.requests_to("PUT", "/status_pages/PSTPG01/posts/PPOST01/postmortem")) == 2


# --- issue 24: one post per incident, remembered; every list read whole; no repeat after a
# lost answer; the affected services named with the severity's impact --------------------------


class Outbox:
    """The app's outbox on a SQLite database, delivering with the courier the container wires
    (the status page's deliverer told what the database remembers)."""

    def __init__(self, tmp_path, pagerduty, name="oncall.sqlite3"):
        from oncall_desktop.config.schema import Settings
        from oncall_desktop.core.policy_file import load_policy
        from oncall_desktop.integrations.delivery import Courier, Endpoints
        from oncall_desktop.integrations.secrets import PAGERDUTY_TOKEN, InMemorySecretStore
        from oncall_desktop.services.routing import UpdateRouter
        from oncall_desktop.storage.db import open_database, sqlite_url
        from oncall_desktop.storage.incidents import IncidentRepository
        from oncall_desktop.storage.outbox import OutboxRepository

        self.database = open_database(sqlite_url(tmp_path / name))
        self.incidents = IncidentRepository(self.database)
        self.repo = OutboxRepository(self.database)
        self.policy = load_policy().policy
        secrets = InMemorySecretStore()
        secrets.set(PAGERDUTY_TOKEN, pagerduty.token)
        self.courier = Courier(
            secrets, lambda: Endpoints("http://127.0.0.1:9", "#x", pagerduty.url)
        )
        settings = Settings(
            language="en",
            pagerduty_base_url=pagerduty.url,
            status_page_id=pagerduty.status_page_id,
        )
        self.router = UpdateRouter(
            lambda: settings, lambda post: self.repo.enqueue(post, datetime.now(UTC)), self.policy
        )

    def console(self):
        """A console's deliver, as the container builds it (a restart or a colleague's
        console: nothing carried over but the database)."""
        from oncall_desktop.services.status_page import remembering
        from oncall_desktop.storage.status_page import StatusPageRecords

        return remembering(self.courier.deliver, StatusPageRecords(self.database))

    def declare(self, title, severity, at):
        from oncall_desktop.core.incident import Incident

        return self.incidents.save(
            Incident.declare(title=title, severity=severity, at=at, actor="alice")
        )

    def choose(self, incident, services):
        from oncall_desktop.services.status_page import services_note

        note, data = services_note(incident_page(self), services)
        return self.incidents.change(
            incident.id, lambda i: i.add_note(note, at=datetime.now(UTC), actor="alice", **data)
        )

    def queue(self, incident, text, resolved=False):
        from oncall_desktop.core.compose import MessageKind
        from oncall_desktop.integrations.statuspage import STATUS_PAGE

        kind = MessageKind.STATUS_PAGE_RESOLVED if resolved else MessageKind.STATUS_PAGE
        assert self.router.post(
            STATUS_PAGE, text, incident=incident, audience="status_page", kind=kind.value
        )

    def drain(self, deliver=None):
        from oncall_desktop.core.clock import SystemClock
        from oncall_desktop.core.outbox import RetryPolicy
        from oncall_desktop.services.outbox import send_next

        deliver = deliver or self.console()
        now_please = RetryPolicy(base=timedelta(0), cap=timedelta(0))
        for _ in range(60):
            post, _due = send_next(self.repo, deliver, SystemClock(), now_please, "alice")
            if post is None:
                return
        raise AssertionError("the outbox did not drain")

    def posts(self, incident):
        return self.repo.for_incident(incident.id)


def incident_page(outbox):
    return outbox.router._settings().status_page_id


@pytest.fixture
def outbox(tmp_path, pagerduty):
    box = Outbox(tmp_path, pagerduty)
    yield box
    box.database.close()


def post_texts(pagerduty):
    """Per post on the page: its updates' texts."""
    return [[m for m in (u["message"] for u in p["updates"])] for p in pagerduty.status_posts]


def test_two_incidents_declared_in_the_same_minute_get_two_posts(outbox, pagerduty):
    from oncall_desktop.core.compose import status_page_title
    from oncall_desktop.core.policy import Severity

    at = datetime(2025, 10, 20, 14, 5, 3, tzinfo=UTC)
    payments = outbox.declare("Payments down", Severity.SEV1, at)
    login = outbox.declare("Login slow", Severity.SEV2, at + timedelta(seconds=40))
    title = status_page_title(payments, outbox.policy, "en")
    assert title == status_page_title(login, outbox.policy, "en")  # minute precision: shared
    outbox.queue(payments, "Payments: we're on it.")
    outbox.queue(login, "Login: we're on it.")
    outbox.drain()
    outbox.queue(login, "Login: still slow.")
    outbox.queue(payments, "Payments: fix deploying.")
    outbox.drain()
    # a restart, or a colleague's console on the same database: the same posts
    outbox.queue(payments, "Payments: fixed.", resolved=True)
    outbox.drain(outbox.console())
    assert post_texts(pagerduty) == [
        [
            "<p>Payments: we&#x27;re on it.</p>",
            "<p>Payments: fix deploying.</p>",
            "<p>Payments: fixed.</p>",
        ],
        ["<p>Login: we&#x27;re on it.</p>", "<p>Login: still slow.</p>"],
    ]
    assert [p["title"] for p in pagerduty.status_posts] == [title, title]
    # the post's id is what was remembered: the creating post's reference, in the database
    created = [p for p in outbox.posts(payments) if p.delivered_as == "post"]
    assert [p.remote_ref for p in created] == [pagerduty.status_posts[0]["id"]]


def test_a_later_update_waits_for_the_post_its_incident_is_creating(outbox, pagerduty):
    """The first post's answer lost and its retry not due yet: the second one does not create
    a post of its own, it goes after the first, onto the post the first created."""
    from oncall_desktop.core.outbox import PostState
    from oncall_desktop.core.policy import Severity
    from tests.helpers.fake_pagerduty import Fault

    incident = outbox.declare("API down", Severity.SEV1, datetime.now(UTC))
    outbox.queue(incident, "First.")
    outbox.queue(incident, "Second.")
    posts_path = f"/status_pages/{pagerduty.status_page_id}/posts"
    pagerduty.fail_next(Fault(504, path=posts_path, method="POST", after=True))
    outbox.drain()
    assert post_texts(pagerduty) == [["<p>First.</p>", "<p>Second.</p>"]]
    assert [p.state for p in outbox.posts(incident)] == [PostState.SENT, PostState.SENT]


def test_with_many_earlier_posts_a_lost_creation_is_found_on_a_later_page(pagerduty):
    """30 posts already on the page (the API gives 25 at a time): the post created by a send
    whose answer was lost is found on the second page, not created again."""
    from tests.helpers.fake_pagerduty import Fault

    pagerduty.seed_status_posts(30, title="Service disruption — 2025-10-20 14:05 UTC")
    client = client_for(pagerduty)
    queued = datetime.now(UTC)
    posts_path = f"/status_pages/{pagerduty.status_page_id}/posts"
    pagerduty.fail_next(Fault(502, path=posts_path, method="POST", after=True))
    with pytest.raises(IntegrationError):  # a first attempt: nothing to look for yet
        client.publish(route(pagerduty), "Down.", False, queued, PostMemory(known=True), False)
    ref, kind = client.publish(route(pagerduty), "Down.", False, queued, PostMemory(known=True))
    assert (ref, kind) == (pagerduty.status_posts[30]["id"], "post")
    assert len(pagerduty.status_posts) == 31
    offsets = [dict(r.query).get("offset") for r in pagerduty.requests_to("GET", posts_path)]
    assert offsets == [None, "25"]  # the whole list, page after page


def test_with_many_updates_on_the_post_a_lost_update_is_found_on_a_later_page(pagerduty):
    from tests.helpers.fake_pagerduty import Fault

    client = client_for(pagerduty)
    post, _kind = client.publish(route(pagerduty), "Update 1.", False)
    texts = ["Update 1."]
    for n in range(2, 31):  # 30 updates on the incident's post
        client.publish(route(pagerduty), f"Update {n}.", False, memory=on_post(post, *texts))
        texts.append(f"Update {n}.")
    updates_path = f"/status_pages/{pagerduty.status_page_id}/posts/{post}/post_updates"
    pagerduty.fail_next(Fault(502, path=updates_path, method="POST", after=True))
    queued = datetime.now(UTC)
    with pytest.raises(IntegrationError):
        client.publish(route(pagerduty), "Update 1.", False, queued, on_post(post, *texts))
    ref, kind = client.publish(route(pagerduty), "Update 1.", False, queued, on_post(post, *texts))
    assert (ref, kind) == (pagerduty.status_posts[0]["updates"][30]["id"], "post_update")
    assert len(pagerduty.status_posts[0]["updates"]) == 31  # "Update 1." twice, on purpose


def test_an_update_written_in_the_same_second_its_answer_was_lost_is_not_repeated(pagerduty):
    """PagerDuty dates an update to the whole second; the send was queued a few milliseconds
    into that second: still the send's own update, found, not published again."""
    from tests.helpers.fake_pagerduty import Fault

    client = client_for(pagerduty)
    post, _kind = client.publish(route(pagerduty), "Down.", False)
    updates_path = f"/status_pages/{pagerduty.status_page_id}/posts/{post}/post_updates"
    time.sleep(1.02 - datetime.now(UTC).microsecond / 1e6)  # just after a second begins
    queued = datetime.now(UTC)
    pagerduty.fail_next(Fault(502, path=updates_path, method="POST", after=True))
    memory = PostMemory(post_id=post)  # nothing read from a database: the time alone tells
    with pytest.raises(IntegrationError):
        client.publish(route(pagerduty), "Still down.", False, queued, memory)
    client.publish(route(pagerduty), "Still down.", False, queued, memory)
    assert [m for _t, _s, m in pagerduty.status_updates_text()] == [
        "<p>Down.</p>",
        "<p>Still down.</p>",
    ]


@pytest.mark.parametrize("lost_on", ["create", "update"])
def test_an_answer_lost_after_pagerduty_wrote_it_is_sent_once(outbox, pagerduty, lost_on):
    """Through the outbox: PagerDuty did it, the answer never arrived (a timeout, a proxy's
    5xx): the retry finds it and records it, nothing twice."""
    from oncall_desktop.core.outbox import PostState
    from oncall_desktop.core.policy import Severity
    from tests.helpers.fake_pagerduty import Fault

    incident = outbox.declare("API down", Severity.SEV1, datetime.now(UTC))
    outbox.queue(incident, "Down.")
    if lost_on == "update":
        outbox.drain()
        outbox.queue(incident, "Still down.")
    page = pagerduty.status_page_id
    path = f"/status_pages/{page}/posts" if lost_on == "create" else None
    def once(method, p, body):
        if method == "POST" and (p == path or p.endswith("/post_updates")):
            pagerduty.fault_hook = None
            return Fault(504, after=True)
        return None

    pagerduty.fault_hook = once
    outbox.drain()
    texts = [m for _t, _s, m in pagerduty.status_updates_text()]
    assert texts == (
        ["<p>Down.</p>"] if lost_on == "create" else ["<p>Down.</p>", "<p>Still down.</p>"]
    )
    assert len(pagerduty.status_posts) == 1
    stored = outbox.posts(incident)
    assert [p.state for p in stored] == [PostState.SENT] * len(stored)
    assert stored[-1].attempts == 2


def test_every_update_names_the_chosen_services_with_the_severitys_impact(outbox, pagerduty):
    from oncall_desktop.core.policy import Severity

    at = datetime.now(UTC)
    login = outbox.declare("Login slow", Severity.SEV2, at)
    login = outbox.choose(login, [("PSRV001", "API"), ("PSRV003", "Payments")])
    outbox.queue(login, "Slow logins.")
    outbox.queue(login, "Still slow.")
    outbox.queue(login, "Fixed.", resolved=True)
    # no choice made (e.g. the services could not be listed): all the page's services
    payments = outbox.declare("Payments down", Severity.SEV1, at + timedelta(minutes=2))
    outbox.queue(payments, "Payments are down.")
    outbox.drain()
    partial = [("API", "partial outage"), ("Payments", "partial outage")]
    assert pagerduty.status_update_impacts() == [
        partial,
        partial,
        [("API", "operational"), ("Payments", "operational")],
        [("API", "outage"), ("Web app", "outage"), ("Payments", "outage")],
    ]

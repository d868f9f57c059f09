"""Issue 25: Prometheus Alertmanager as an alert source, against a real Alertmanager (Debian's
prometheus-alertmanager, started by the ``alertmanager`` fixture): alerts pushed through its
own API v2 become pages, acknowledge silences them and resolve expires the silence, read back
from it; auth headers and bad answers against a fake server on 127.0.0.1."""

from datetime import UTC, datetime, timedelta

import pytest

from oncall_desktop.core.clock import SystemClock
from oncall_desktop.core.paging import Backoff
from oncall_desktop.integrations.alertmanager import (
    ALERTMANAGER,
    ALERTMANAGER_PASSWORD,
    ALERTMANAGER_TOKEN,
    SOURCE,
    AlertmanagerClient,
    AlertmanagerSource,
    connect,
)
from oncall_desktop.integrations.errors import (
    BadPayload,
    NotFound,
    Refused,
    TokenRejected,
    Unreachable,
)
from oncall_desktop.integrations.secrets import InMemorySecretStore
from oncall_desktop.integrations.sources import (
    RESOLVE_SLA,
    Declares,
    Escalates,
    Me,
    NotConfigured,
)
from oncall_desktop.services.connections import ConnectionsService
from oncall_desktop.services.poller import PollState, SourcePoller, connector
from oncall_desktop.services.tasks import TaskRunner

ME = Me("Alice", "Alice", "")
SLA = {"high": timedelta(minutes=120), "low": timedelta(minutes=1440)}


def options(url, **more):
    return {
        "alertmanager_enabled": True,
        "alertmanager_base_url": url,
        "engineer_name": "Alice",
        RESOLVE_SLA: SLA,
        **more,
    }


def source(url, **more):
    return connect(InMemorySecretStore(), options(url, **more))


@pytest.fixture
def make_poller(qapp):
    made = []

    def make(url, interval=0.3, secrets=None, **more):
        runner = TaskRunner()
        poller = SourcePoller(
            ALERTMANAGER,
            connector(ALERTMANAGER, secrets or InMemorySecretStore(), options(url, **more)),
            runner,
            SystemClock(),
            interval=timedelta(seconds=interval),
            backoff=Backoff(base=timedelta(milliseconds=100), cap=timedelta(milliseconds=300)),
        )
        made.append((poller, runner))
        return poller

    yield make
    for poller, runner in made:
        poller.stop()
        runner.wait()


def ours(alertmanager, fingerprint):
    return [s for s in alertmanager.silences() if f"alert {fingerprint}]" in s["comment"]]


def test_a_firing_alert_raises_one_new_alert_as_a_page(qtbot, make_poller, alertmanager):
    alertmanager.push(
        {
            "labels": {
                "alertname": "HighLatency",
                "severity": "critical",
                "service": "checkout",
                "team": "payments",
            },
            "annotations": {
                "summary": "<b>p99</b> over 2 s",
                "description": "The checkout API is slow",
                "runbook_url": "https://runbooks.example/high-latency",
            },
            "generatorURL": "http://prometheus.example:9090/graph?g0.expr=latency",
        }
    )
    poller = make_poller(alertmanager.url)
    with qtbot.waitSignal(poller.new_alerts, timeout=5000) as blocker:
        poller.start()
    [page] = blocker.args[0]
    [raw] = alertmanager.alerts()
    assert page.id == raw["fingerprint"] and page.source == SOURCE
    assert page.key == f"alertmanager:{raw['fingerprint']}"
    assert page.title == "<b>p99</b> over 2 s" and page.status == "triggered"
    assert page.urgency == "high" and page.service == "checkout"
    assert page.html_url == "https://runbooks.example/high-latency"
    assert page.created_at is not None and poller.me == ME
    assert poller.status.state is PollState.OK
    with qtbot.assertNotEmitted(poller.new_alerts, wait=800):  # later polls: the same alert
        pass


def test_severity_maps_to_urgency_and_the_generator_url_is_the_fallback_link(alertmanager):
    alertmanager.fire("DiskFilling", severity="warning", summary="Disk 90 %", job="node")
    alertmanager.fire("Down", severity="page")
    pages = {p.title: p for p in source(alertmanager.url).open_alerts(ME)}
    assert pages["Disk 90 %"].urgency == "low" and pages["Disk 90 %"].service == "node"
    assert pages["Disk 90 %"].html_url.startswith("http://prometheus.example:9090/graph")
    assert pages["Down"].urgency == "high" and pages["Down"].title == "Down"  # no summary


def test_acknowledge_creates_a_silence_until_the_resolve_sla_signed_by_me(alertmanager):
    fingerprint = alertmanager.fire(
        "HighLatency", summary="p99 over 2 s", service="checkout", team="payments"
    )
    am = source(alertmanager.url)
    before = datetime.now(UTC)
    page = am.acknowledge(fingerprint, ME)
    assert page.status == "acknowledged" and page.acknowledged_at is not None
    [silence] = alertmanager.silences()
    assert silence["createdBy"] == "Alice" and silence["status"]["state"] == "active"
    assert "Acknowledged in oncall-desktop by Alice: p99 over 2 s" in silence["comment"]
    ends = datetime.fromisoformat(silence["endsAt"].replace("Z", "+00:00"))
    assert before + timedelta(minutes=119) < ends < before + timedelta(minutes=121)  # SEV-1's 2 h
    labels = {m["name"]: m["value"] for m in silence["matchers"]}
    assert labels == {
        "alertname": "HighLatency",
        "severity": "critical",
        "service": "checkout",
        "team": "payments",
    }
    assert all(m["isEqual"] and not m["isRegex"] for m in silence["matchers"])
    # Alertmanager holds it silenced: a poll reads acknowledged, from the silence's start
    [polled] = am.open_alerts(ME)
    assert polled.status == "acknowledged" and polled.acknowledged_at is not None
    assert abs(polled.acknowledged_at - page.acknowledged_at) < timedelta(seconds=2)
    # a second acknowledge (a retry after a lost answer) makes no second silence
    assert am.acknowledge(fingerprint, ME).status == "acknowledged"
    assert len(alertmanager.silences()) == 1


def test_a_low_urgency_silence_lasts_the_sev3_resolve_sla(alertmanager):
    fingerprint = alertmanager.fire("DiskFilling", severity="warning")
    before = datetime.now(UTC)
    source(alertmanager.url).acknowledge(fingerprint, ME)
    [silence] = alertmanager.silences()
    ends = datetime.fromisoformat(silence["endsAt"].replace("Z", "+00:00"))
    assert before + timedelta(hours=23, minutes=59) < ends < before + timedelta(hours=24, minutes=1)


def test_resolve_expires_our_silence_and_a_stopped_alert_reads_resolved(alertmanager):
    fingerprint = alertmanager.fire("HighLatency", summary="p99 over 2 s")
    am = source(alertmanager.url)
    am.acknowledge(fingerprint, ME)
    alertmanager.resolve("HighLatency")  # Prometheus stops firing it
    page = am.resolve(fingerprint, ME, "Rolled back")
    assert page.status == "resolved" and page.title == "p99 over 2 s"
    [silence] = alertmanager.silences()
    assert silence["status"]["state"] == "expired"


def test_resolve_while_it_still_fires_lifts_the_silence_and_says_it_is_open(alertmanager):
    fingerprint = alertmanager.fire("HighLatency")
    am = source(alertmanager.url)
    am.acknowledge(fingerprint, ME)
    page = am.resolve(fingerprint, ME)
    assert page.status == "triggered"  # Prometheus still fires it: it pages again
    assert [s["status"]["state"] for s in alertmanager.silences()] == ["expired"]


def test_resolve_leaves_a_colleagues_maintenance_silence_alone(alertmanager):
    import requests

    fingerprint = alertmanager.fire("HighLatency", team="payments")
    now = datetime.now(UTC)
    requests.post(
        alertmanager.url + "/api/v2/silences",
        json={
            "matchers": [{"name": "team", "value": "payments", "isRegex": False}],
            "startsAt": now.isoformat(),
            "endsAt": (now + timedelta(hours=1)).isoformat(),
            "createdBy": "Bob",
            "comment": "maintenance window",
        },
        timeout=5,
    ).raise_for_status()
    am = source(alertmanager.url)
    [page] = am.open_alerts(ME)
    assert page.status == "acknowledged"  # silenced by anyone reads acknowledged
    assert abs(page.acknowledged_at - now) < timedelta(seconds=2)
    assert am.resolve(fingerprint, ME).status == "acknowledged"  # Bob's silence still holds it
    assert [s["status"]["state"] for s in alertmanager.silences()] == ["active"]


def test_an_alert_that_stops_firing_follows_as_resolved(qtbot, make_poller, alertmanager):
    fingerprint = alertmanager.fire("HighLatency")
    poller = make_poller(alertmanager.url)
    with qtbot.waitSignal(poller.new_alerts, timeout=5000):
        poller.start()
    with qtbot.waitSignal(poller.pages_left, timeout=5000) as left:
        alertmanager.resolve("HighLatency")
    assert [(p.id, p.status) for p in left.args[0]] == [(fingerprint, "resolved")]
    assert poller.pages == []


def test_acknowledge_from_the_poller_silences_and_polls_read_it(qtbot, make_poller, alertmanager):
    fingerprint = alertmanager.fire("HighLatency")
    poller = make_poller(alertmanager.url)
    with qtbot.waitSignal(poller.new_alerts, timeout=5000):
        poller.start()
    with qtbot.waitSignal(poller.acknowledged, timeout=5000) as acknowledged:
        poller.acknowledge(fingerprint)
    assert acknowledged.args[0].status == "acknowledged"
    assert len(ours(alertmanager, fingerprint)) == 1
    for _ in range(2):  # the next two polls keep reading it acknowledged
        with qtbot.waitSignal(poller.pages_changed, timeout=10_000) as polled:
            pass
        assert [p.status for p in polled.args[0] if p.id == fingerprint] == ["acknowledged"]
    assert poller.page(fingerprint).status == "acknowledged"


def test_acknowledging_an_alert_that_stopped_says_so(alertmanager):
    fingerprint = alertmanager.fire("HighLatency")
    alertmanager.resolve("HighLatency")
    with pytest.raises(NotFound, match="no longer has this alert firing"):
        source(alertmanager.url).acknowledge(fingerprint, ME)
    assert alertmanager.silences() == []


def test_matchers_and_the_receiver_choose_the_alerts(alertmanager):
    alertmanager.fire("PaymentsDown", team="payments", env="prod")
    alertmanager.fire("PaymentsStaging", team="payments", env="staging")
    alertmanager.fire("SearchDown", team="search", env="prod")

    def titles(**more):
        return sorted(p.title for p in source(alertmanager.url, **more).open_alerts(ME))

    assert titles() == ["PaymentsDown", "PaymentsStaging", "SearchDown"]
    assert titles(alertmanager_matchers='team="payments"') == ["PaymentsDown", "PaymentsStaging"]
    assert titles(alertmanager_matchers='{team="payments", env=~"prod|dev"}') == ["PaymentsDown"]
    assert titles(alertmanager_matchers="env!=prod") == ["PaymentsStaging"]
    assert titles(alertmanager_receiver="payments") == ["PaymentsDown", "PaymentsStaging"]
    assert titles(alertmanager_receiver="oncall") == ["SearchDown"]


def test_what_alertmanager_cannot_do_is_not_offered(alertmanager):
    am = source(alertmanager.url)
    assert not isinstance(am, Escalates) and not isinstance(am, Declares)
    now = datetime.now(UTC)
    with pytest.raises(Refused, match="no on-call rotation"):
        am.oncall_shifts(now, now + timedelta(days=1), user_ids=["Alice"])


def test_the_connection_test_names_the_version_and_the_alerts(qtbot, qapp, alertmanager):
    alertmanager.fire("PaymentsDown", team="payments")
    runner = TaskRunner()
    connections = ConnectionsService(InMemorySecretStore(), runner)
    with qtbot.waitSignal(connections.tested, timeout=5000) as tested:
        connections.test(
            "alertmanager", options(alertmanager.url, alertmanager_matchers='team="payments"'), {}
        )
    source_id, ok, message = tested.args
    assert source_id == "alertmanager" and ok, message
    assert message.startswith("Connected to Alertmanager 0.") and "1 alert(s) firing" in message
    with qtbot.waitSignal(connections.tested, timeout=5000) as refused:
        connections.test("alertmanager", options(alertmanager.url + "/nothing/here"), {})
    assert refused.args[1] is False and "is it the Alertmanager's address" in refused.args[2]
    runner.wait()


# --- addresses, credentials and answers that are wrong: a fake server on 127.0.0.1 -----------


def test_a_bad_address_gives_clear_messages(alertmanager):
    with pytest.raises(NotConfigured, match="must start with http"):
        source("alertmanager:9093")
    with pytest.raises(NotConfigured, match="No Alertmanager address yet"):
        source("")
    with pytest.raises(NotConfigured, match="matchers cannot be read"):
        source(alertmanager.url, alertmanager_matchers="team payments")
    nothing = alertmanager.url.rsplit(":", 1)[0] + ":1"  # nobody listens on port 1
    with pytest.raises(Unreachable, match="cannot be reached"):
        source(nothing).open_alerts(ME)
    with pytest.raises(NotFound, match=r"has no GET /api/v2/alerts \(404\)"):
        source(alertmanager.url + "/prefix").open_alerts(ME)


def test_the_bearer_token_is_sent_and_a_refusal_stops_polling(qtbot, httpserver, make_poller):
    httpserver.expect_request(
        "/api/v2/alerts", headers={"Authorization": "Bearer s3cret"}
    ).respond_with_json([])
    httpserver.expect_request("/api/v2/alerts").respond_with_data("Unauthorized", status=401)
    secrets = InMemorySecretStore()
    secrets.set(ALERTMANAGER_TOKEN, "s3cret")
    assert connect(secrets, options(httpserver.url_for(""))).open_alerts(ME) == []
    secrets.set(ALERTMANAGER_TOKEN, "wrong")
    with pytest.raises(TokenRejected, match=r"refused the credentials \(401\)"):
        connect(secrets, options(httpserver.url_for(""))).open_alerts(ME)
    poller = make_poller(httpserver.url_for(""), secrets=secrets)
    with qtbot.waitSignal(poller.status_changed, timeout=5000):
        poller.start()
    qtbot.waitUntil(lambda: poller.status.state is PollState.TOKEN_REJECTED, timeout=5000)
    assert "check the user, password or bearer token" in str(poller.status.message)


def test_basic_auth_is_sent_with_the_user_and_the_stored_password(httpserver):
    import base64

    basic = "Basic " + base64.b64encode(b"oncall:pa ss ").decode()
    httpserver.expect_request("/api/v2/alerts", headers={"Authorization": basic}).respond_with_json(
        []
    )
    httpserver.expect_request("/api/v2/alerts").respond_with_data("", status=401)
    secrets = InMemorySecretStore()
    secrets.set(ALERTMANAGER_PASSWORD, "pa ss ")
    secrets.set(ALERTMANAGER_TOKEN, "ignored with a user")
    am = connect(secrets, options(httpserver.url_for(""), alertmanager_username="oncall"))
    assert am.open_alerts(ME) == []


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        ("<html>Sign in</html>", "text/html"),
        ('{"data": []}', "application/json"),
        ("[[[[", "application/json"),
    ],
)
def test_an_answer_that_is_not_an_alert_list_is_bad_payload(httpserver, body, content_type):
    httpserver.expect_request("/api/v2/alerts").respond_with_data(body, content_type=content_type)
    with pytest.raises(BadPayload):
        source(httpserver.url_for("")).open_alerts(ME)


def test_malformed_alerts_are_skipped_never_a_crash(httpserver):
    httpserver.expect_request("/api/v2/alerts").respond_with_json(
        [
            "not an alert",
            {"labels": {"alertname": "NoFingerprint"}},
            {
                "fingerprint": "f1",
                "labels": {"alertname": 3, "severity": ["critical"]},
                "annotations": None,
                "status": "weird",
                "startsAt": "yesterday",
                "generatorURL": "javascript:alert(1)",
            },
            {
                "fingerprint": "f2",
                "labels": {"alertname": "Ok\u202e\x07", "severity": "CRITICAL"},
                "annotations": {"summary": "line\nbreak", "runbook_url": "file:///etc/passwd"},
                "status": {"state": "suppressed", "silencedBy": "s1", "inhibitedBy": None},
            },
        ]
    )
    pages = {p.id: p for p in source(httpserver.url_for("")).open_alerts(ME)}
    assert set(pages) == {"f1", "f2"}
    assert pages["f1"].title == "Alert f1" and pages["f1"].urgency == "low"
    assert pages["f1"].created_at is None and pages["f1"].status == "triggered"
    assert pages["f1"].html_url.startswith(httpserver.url_for("").rstrip("/") + "/#/alerts")
    assert pages["f2"].title == "line break" and pages["f2"].urgency == "high"
    assert pages["f2"].status == "triggered"  # silencedBy is not a list: not read as silenced
    assert "file:" not in pages["f2"].html_url


def test_a_silence_answer_without_its_id_is_bad_payload(httpserver):
    httpserver.expect_request("/api/v2/alerts").respond_with_json(
        [{"fingerprint": "f1", "labels": {"alertname": "A"}, "status": {"state": "active"}}]
    )
    httpserver.expect_request("/api/v2/silences", method="GET").respond_with_json([])
    httpserver.expect_request("/api/v2/silences", method="POST").respond_with_json({"ok": 1})
    with pytest.raises(BadPayload, match="no silence id"):
        source(httpserver.url_for("")).acknowledge("f1", ME)


def test_the_client_keeps_the_address_it_was_given():
    client = AlertmanagerClient("http://am.example:9093/")
    assert client.base_url == "http://am.example:9093"
    assert isinstance(AlertmanagerSource(client, "Alice", []).whoami(), Me)

"""The PagerDuty client against the contract-checked fake on 127.0.0.1: real HTTP, real JSON."""

import json
from datetime import timedelta

import pytest
import requests

from oncall_desktop.integrations.errors import (
    AccountLevelKey,
    BadPayload,
    Forbidden,
    RateLimited,
    Refused,
    ServerError,
    TokenRejected,
    Unreachable,
)
from oncall_desktop.integrations.pagerduty import PagerDutyClient
from tests.helpers.fake_pagerduty import ME_EMAIL, ME_ID, OTHER_ID, Fault


def client_for(fake, token=None, timeout=(2.0, 3.0)):
    return PagerDutyClient(token or fake.token, fake.url, timeout=timeout)


def test_me(pagerduty):
    me = client_for(pagerduty).me()
    assert (me.id, me.email, me.name) == (ME_ID, ME_EMAIL, "Alice")


def test_only_my_open_incidents(pagerduty):
    mine = pagerduty.add_incident("Database connexion perdue")
    pagerduty.add_incident("Someone else's", assignee=OTHER_ID)
    done = pagerduty.add_incident("Old one")
    pagerduty.set_status(done, "resolved")
    pages = client_for(pagerduty).my_open_incidents(ME_ID)
    assert [p.id for p in pages] == [mine]
    page = pages[0]
    assert (page.title, page.status, page.urgency, page.service) == (
        "Database connexion perdue",
        "triggered",
        "high",
        "Backend API",
    )
    assert page.created_at is not None and page.html_url.endswith(mine)
    query = pagerduty.requests_to("GET", "/incidents")[0].query
    assert ("statuses[]", "triggered") in query and ("statuses[]", "acknowledged") in query
    assert ("user_ids[]", ME_ID) in query


def test_pagination_follows_more(pagerduty):
    ids = {pagerduty.add_incident(f"incident {n}") for n in range(230)}
    pages = client_for(pagerduty).my_open_incidents(ME_ID)
    assert {p.id for p in pages} == ids
    offsets = [dict(r.query)["offset"] for r in pagerduty.requests_to("GET", "/incidents")]
    assert offsets == ["0", "100", "200"]


def test_acknowledge_sends_from(pagerduty):
    incident = pagerduty.add_incident()
    page = client_for(pagerduty).acknowledge(incident, ME_EMAIL)
    assert page.status == "acknowledged" and page.acknowledged_at is not None
    put = pagerduty.requests_to("PUT", f"/incidents/{incident}")[0]
    assert put.headers["From"] == ME_EMAIL
    assert put.body == {"incident": {"type": "incident_reference", "status": "acknowledged"}}


def test_the_fake_rejects_an_acknowledge_without_from(pagerduty):
    """Proof that the contract check bites: the same call without From is refused."""
    incident = pagerduty.add_incident()
    client = client_for(pagerduty)
    with pytest.raises(Refused):
        client._request(
            "PUT",
            f"/incidents/{incident}",
            json={"incident": {"type": "incident_reference", "status": "acknowledged"}},
        )
    violations = pagerduty.take_violations()
    assert len(violations) == 1 and "From" in violations[0]


def test_the_fake_rejects_a_misspelt_parameter(pagerduty):
    client = client_for(pagerduty)
    with pytest.raises(Refused):
        client._request("GET", "/incidents", params={"status": "triggered"})
    assert "undeclared query parameters ['status']" in pagerduty.take_violations()[0]


def test_acknowledging_a_resolved_incident_is_refused_not_retried(pagerduty):
    incident = pagerduty.add_incident()
    pagerduty.set_status(incident, "resolved")
    with pytest.raises(Refused, match="Already Resolved"):
        client_for(pagerduty).acknowledge(incident, ME_EMAIL)


def test_401(pagerduty):
    with pytest.raises(TokenRejected, match="rejected the API token"):
        client_for(pagerduty, token="u+wrong-token").me()


def test_403(pagerduty):
    pagerduty.fail_next(Fault(403))
    with pytest.raises(Forbidden, match="read-only"):
        client_for(pagerduty).acknowledge(pagerduty.add_incident(), ME_EMAIL)


def test_account_level_key(pagerduty):
    body = json.dumps(
        {
            "error": {
                "message": "Arguments Caused Error",
                "code": 2001,
                "errors": [
                    "This endpoint requires a user context; an account-level access token was used"
                ],
            }
        }
    ).encode()
    pagerduty.fail_next(Fault(400, body=body, headers={"Content-Type": "application/json"}))
    with pytest.raises(AccountLevelKey, match="user API key"):
        client_for(pagerduty).me()


def test_429_carries_ratelimit_reset(pagerduty):
    pagerduty.fail_next(Fault(429, headers={"ratelimit-reset": "17"}))
    with pytest.raises(RateLimited) as info:
        client_for(pagerduty).my_open_incidents(ME_ID)
    assert info.value.retry_after == timedelta(seconds=17) and info.value.retryable


def test_500(pagerduty):
    pagerduty.fail_next(Fault(503))
    with pytest.raises(ServerError) as info:
        client_for(pagerduty).me()
    assert info.value.retryable


def test_hung_server_times_out(pagerduty):
    pagerduty.fail_next(Fault(200, delay=1.5))
    with pytest.raises(Unreachable, match="did not answer in time"):
        client_for(pagerduty, timeout=(1.0, 0.5)).me()


def test_nobody_listening():
    with pytest.raises(Unreachable, match="cannot be reached"):
        PagerDutyClient("t", "http://127.0.0.1:9", timeout=(1.0, 1.0)).me()


@pytest.mark.parametrize(
    "body",
    [
        b"<html><body><h1>502 Bad Gateway</h1></body></html>",
        b'{"user": {"id": "PME',
        b'["not", "an", "object"]',
    ],
)
def test_html_page_or_broken_json(pagerduty, body):
    pagerduty.fail_next(Fault(200, body=body, headers={"Content-Type": "text/html"}))
    with pytest.raises(BadPayload):
        client_for(pagerduty).me()


def test_html_error_page_on_a_5xx(pagerduty):
    pagerduty.fail_next(Fault(502, body=b"<html>Bad gateway</html>"))
    with pytest.raises(ServerError):
        client_for(pagerduty).me()


def test_base_url_must_be_http():
    with pytest.raises(ValueError):
        PagerDutyClient("t", "ftp://api.pagerduty.com")
    assert PagerDutyClient("t", "https://api.eu.pagerduty.com/").base_url == (
        "https://api.eu.pagerduty.com"
    )


def test_token_never_in_error_messages(pagerduty):
    for fault in (Fault(401), Fault(403), Fault(500), Fault(429)):
        pagerduty.fail_next(fault)
        with pytest.raises(Exception) as info:
            client_for(pagerduty).me()
        assert pagerduty.token not in str(info.value)


def test_session_is_reused_between_calls(pagerduty):
    session = requests.Session()
    client = PagerDutyClient(pagerduty.token, pagerduty.url, session=session)
    client.me()
    client.me()
    assert len(pagerduty.requests_to("GET", "/users/me")) == 2


def test_status_update(pagerduty):
    incident = pagerduty.add_incident()
    ref, delivered_as = client_for(pagerduty).post_status_update(incident, ME_EMAIL, "Update #1")
    assert delivered_as == "status_update" and ref
    assert pagerduty.status_updates[0]["message"] == "Update #1"
    assert (
        pagerduty.requests_to("POST", f"/incidents/{incident}/status_updates")[0].headers["From"]
        == ME_EMAIL
    )


def test_status_update_falls_back_to_a_note_when_the_plan_refuses(pagerduty):
    incident = pagerduty.add_incident()
    pagerduty.status_updates_in_plan = False
    ref, delivered_as = client_for(pagerduty).post_status_update(incident, ME_EMAIL, "Update #1")
    assert delivered_as == "note" and ref
    assert pagerduty.notes[0]["content"] == "Update #1"


def test_oncalls_give_the_rotation_and_its_next_change(pagerduty):
    from datetime import UTC, datetime

    from oncall_desktop.core.handoff import shift_from_oncalls

    now = datetime.now(UTC).replace(microsecond=0)
    change = now + timedelta(days=2)
    pagerduty.add_oncall(ME_ID, now - timedelta(days=5), change, level=1)
    pagerduty.add_oncall(OTHER_ID, now - timedelta(days=5), change, level=2)
    pagerduty.add_oncall(OTHER_ID, change, change + timedelta(days=7), level=1)
    pagerduty.add_oncall(OTHER_ID, now - timedelta(days=5), None, level=3, policy_id="PEP0002")
    client = client_for(pagerduty)
    mine = client.oncalls(user_ids=[ME_ID], since=now, until=now + timedelta(days=30))
    assert {(e.policy_id, e.level) for e in mine} == {("PEP0001", 1)}
    team = client.oncalls(
        escalation_policy_ids=["PEP0001"], since=now, until=now + timedelta(days=8)
    )
    shift = shift_from_oncalls(team, now)
    assert (shift.primary, shift.backup, shift.end) == ("Alice", "Bob", change)
    assert pagerduty.take_violations() == []
    sent = pagerduty.requests_to("GET", "/oncalls")[-1]
    assert ("escalation_policy_ids[]", "PEP0001") in sent.query


def test_malformed_oncalls_are_refused_or_skipped(pagerduty):
    from datetime import UTC, datetime

    now = datetime.now(UTC)
    client = client_for(pagerduty)
    pagerduty.fail_next(Fault(200, body=b'{"on_calls": []}'))
    with pytest.raises(BadPayload, match="no 'oncalls'"):
        client.oncalls(user_ids=[ME_ID], since=now, until=now + timedelta(days=1))
    body = json.dumps(
        {"oncalls": [{"user": None}, {"user": {"id": ME_ID}, "escalation_policy": {"id": "EP"}}]}
    ).encode()
    pagerduty.fail_next(Fault(200, body=body, headers={"Content-Type": "application/json"}))
    entries = client.oncalls(user_ids=[ME_ID], since=now, until=now + timedelta(days=1))
    assert [(e.user_id, e.policy_id, e.level, e.start) for e in entries] == [(ME_ID, "EP", 1, None)]


@pytest.mark.parametrize(
    "body", [b'{"status_update": null}', b"{}", b'{"status_update": {"message": "x"}}']
)
def test_a_2xx_without_the_created_status_update_is_retried(pagerduty, body):
    from tests.helpers.fake_pagerduty import Fault

    incident = pagerduty.add_incident()
    path = f"/incidents/{incident}/status_updates"
    pagerduty.fail_next(
        Fault(200, body=body, headers={"Content-Type": "application/json"}, path=path)
    )
    with pytest.raises(BadPayload) as raised:
        client_for(pagerduty).post_status_update(incident, ME_EMAIL, "Update #1")
    assert raised.value.retryable


def test_json_nested_absurdly_deep_is_a_bad_answer_not_a_crash(pagerduty):
    """A RecursionError is not a ValueError: it used to crash the poller for good."""
    pagerduty.fail_next(
        Fault(
            200, body=b"[" * 100_000 + b"]" * 100_000, headers={"Content-Type": "application/json"}
        )
    )
    with pytest.raises(BadPayload):
        client_for(pagerduty).me()


def test_responders_are_requested_with_the_sops_message(pagerduty):
    incident = pagerduty.add_incident()
    requested_at = client_for(pagerduty).request_responders(
        incident,
        ME_EMAIL,
        ME_ID,
        "SEV-1 escalation: API down. Please join the incident (procedure SOP-5, step 3.2).",
        [("user_reference", OTHER_ID), ("escalation_policy_reference", "PESC001")],
    )
    assert requested_at
    [sent] = pagerduty.responder_requests
    assert sent["message"].startswith("SEV-1 escalation")
    targets = [t["responder_request_target"] for t in sent["responder_request_targets"]]
    assert [(t["type"], t["id"]) for t in targets] == [
        ("user", OTHER_ID),
        ("escalation_policy", "PESC001"),
    ]
    post = pagerduty.requests_to("POST", f"/incidents/{incident}/responder_requests")[0]
    assert post.headers["From"] == ME_EMAIL


def test_declaring_in_pagerduty_twice_with_the_same_key_pages_once(pagerduty):
    client = client_for(pagerduty)
    page = client.create_incident(
        ME_EMAIL, "<b>API</b> down", "PSVC042", "high", "oncall-desktop-7"
    )
    assert page.title == "<b>API</b> down" and page.status == "triggered"
    assert pagerduty.incidents[page.id]["service"]["id"] == "PSVC042"
    post = pagerduty.requests_to("POST", "/incidents")[0]
    assert post.headers["From"] == ME_EMAIL
    # asked again (issue 23: the first answer was lost): PagerDuty refuses, nobody is paged
    # twice, and the incident it holds with our key is the answer, so the caller links it
    again = client.create_incident(
        ME_EMAIL, "<b>API</b> down", "PSVC042", "high", "oncall-desktop-7"
    )
    assert again.id == page.id and len(pagerduty.incidents) == 1
    assert len(pagerduty.requests_to("POST", "/incidents")) == 2
    lookup = pagerduty.requests_to("GET", "/incidents")[-1]
    assert ("incident_key", "oncall-desktop-7") in lookup.query
    assert ("service_ids[]", "PSVC042") in lookup.query
    assert lookup.answered_ids == [page.id] and pagerduty.take_violations() == []


@pytest.mark.parametrize(
    "lost",
    [
        pytest.param(Fault(200, delay=1.5), id="timeout"),
        pytest.param(Fault(drop=True), id="connection-closed"),
        pytest.param(Fault(502, body=b"<html>Bad gateway</html>"), id="proxy-5xx"),
        pytest.param(
            Fault(201, body=b'{"incident": {"id"', headers={"Content-Type": "application/json"}),
            id="truncated",
        ),
    ],
)
def test_declare_whose_answer_was_lost_is_found_by_its_key(pagerduty, lost):
    """Issue 23: PagerDuty created the incident and the answer never arrived. The client
    looks it up by its incident_key, and asking again gives the same incident, never a
    second page."""
    from dataclasses import replace

    client = client_for(pagerduty, timeout=(1.0, 0.5))
    pagerduty.fail_next(replace(lost, after=True, method="POST", path="/incidents"))
    first = client.create_incident(ME_EMAIL, "API down", "PSVC042", "high", "oncall-desktop-9")
    assert pagerduty.incidents_with_key("oncall-desktop-9") == [first.id]
    second = client.create_incident(ME_EMAIL, "API down", "PSVC042", "high", "oncall-desktop-9")
    assert second.id == first.id and len(pagerduty.incidents) == 1
    assert len(pagerduty.requests_to("POST", "/incidents")) == 2
    assert pagerduty.take_violations() == []


def test_declare_lost_before_pagerduty_created_it_is_an_error_as_before(pagerduty):
    """Nothing with our key in PagerDuty: the error stands (the caller retries with the
    same key), and nothing else is linked, not even an incident of another key."""
    pagerduty.add_incident("Someone else's page")
    pagerduty.fail_next(Fault(503, method="POST", path="/incidents"))
    client = client_for(pagerduty)
    with pytest.raises(ServerError):
        client.create_incident(ME_EMAIL, "API down", "PSVC042", "high", "oncall-desktop-11")
    assert pagerduty.incidents_with_key("oncall-desktop-11") == []
    assert ("incident_key", "oncall-desktop-11") in pagerduty.requests_to("GET", "/incidents")[
        -1
    ].query
    page = client.create_incident(ME_EMAIL, "API down", "PSVC042", "high", "oncall-desktop-11")
    assert pagerduty.incidents_with_key("oncall-desktop-11") == [page.id]


def test_a_refusal_for_another_reason_is_still_an_error(pagerduty):
    body = json.dumps(
        {"error": {"message": "Invalid Input Provided", "code": 2001, "errors": ["bad service"]}}
    ).encode()
    pagerduty.fail_next(
        Fault(400, body=body, headers={"Content-Type": "application/json"}, path="/incidents")
    )
    with pytest.raises(Refused, match="bad service"):
        client_for(pagerduty).create_incident(
            ME_EMAIL, "API down", "PNOSUCH", "high", "oncall-desktop-12"
        )


def test_a_resolved_incident_with_the_key_does_not_block_a_new_one(pagerduty):
    """PagerDuty refuses a key only while an incident with it is open on the service."""
    client = client_for(pagerduty)
    first = client.create_incident(ME_EMAIL, "API down", "PSVC042", "high", "oncall-desktop-13")
    pagerduty.set_status(first.id, "resolved")
    again = client.create_incident(ME_EMAIL, "API down", "PSVC042", "high", "oncall-desktop-13")
    assert again.id != first.id and again.status == "triggered"
    other_service = client.create_incident(
        ME_EMAIL, "API down", "PSVC043", "high", "oncall-desktop-13"
    )
    assert other_service.id not in (first.id, again.id)
    assert client.incident_by_key("oncall-desktop-13", "PSVC042").id == again.id


def test_a_lookup_ignores_incidents_without_our_key(pagerduty):
    """A server (or proxy) that ignored the incident_key filter must not get a stranger's
    incident linked."""
    stranger = pagerduty.add_incident("Someone else's page")
    listing = {
        "incidents": [pagerduty.incidents[stranger]],
        "limit": 100,
        "offset": 0,
        "more": False,
        "total": None,
    }
    pagerduty.fail_next(
        Fault(
            200,
            body=json.dumps(listing).encode(),
            headers={"Content-Type": "application/json"},
            path="/incidents",
            method="GET",
        )
    )
    assert client_for(pagerduty).incident_by_key("oncall-desktop-14") is None


def test_an_escalation_policys_answer_is_read_like_a_users(pagerduty):
    """Issue 23: "Team Dev" (an escalation policy) was asked to join; its answer comes from
    the people it reached, keyed by the policy's id, like a user's by theirs."""
    from tests.helpers.fake_pagerduty import THIRD_ID

    incident = pagerduty.add_incident()
    pagerduty.policy_members["PTEAMDV"] = [OTHER_ID, THIRD_ID]
    pagerduty.policy_names["PTEAMDV"] = "Team Dev"
    client = client_for(pagerduty)
    client.request_responders(
        incident,
        ME_EMAIL,
        ME_ID,
        "SEV-1 escalation: please join.",
        [("escalation_policy_reference", "PTEAMDV"), ("user_reference", "PCTO001")],
    )
    assert dict(client.incident(incident).responders)["PTEAMDV"] == "pending"
    pagerduty.answer_responder_request(incident, THIRD_ID, "declined")
    assert dict(client.incident(incident).responders)["PTEAMDV"] == "pending"  # Bob may come
    pagerduty.answer_responder_request(incident, OTHER_ID, "joined")
    [page] = client.my_open_incidents(ME_ID)
    answers = dict(page.responders)
    assert answers["PTEAMDV"] == "joined"
    assert (answers["PCTO001"], answers[OTHER_ID], answers[THIRD_ID]) == (
        "pending",
        "joined",
        "declined",
    )
    assert pagerduty.take_violations() == []


def test_an_escalation_policy_whose_people_all_declined_declined(pagerduty):
    from tests.helpers.fake_pagerduty import THIRD_ID

    incident = pagerduty.add_incident()
    pagerduty.policy_members["PTEAMDV"] = [OTHER_ID, THIRD_ID]
    client = client_for(pagerduty)
    client.request_responders(
        incident, ME_EMAIL, ME_ID, "Please join.", [("escalation_policy_reference", "PTEAMDV")]
    )
    for user in (OTHER_ID, THIRD_ID):
        pagerduty.answer_responder_request(incident, user, "declined")
    assert dict(client.incident(incident).responders) == {
        OTHER_ID: "declined",
        THIRD_ID: "declined",
        "PTEAMDV": "declined",
    }
    assert pagerduty.take_violations() == []

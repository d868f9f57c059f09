"""PagerDuty's JSON read into the core's objects: tolerant of what live PagerDuty sends,
cleaned where it enters."""

from datetime import UTC, datetime

from oncall_desktop.core.handoff import OnCallEntry
from oncall_desktop.core.paging import Page
from oncall_desktop.integrations.pagerduty_payloads import parse_oncall, parse_page


def test_tolerant_reader_nulls_wrong_types_and_unknown_fields():
    raw = {
        "id": "P1",
        "incident_number": None,
        "title": None,
        "summary": "[#1] summary wins",
        "status": None,
        "urgency": 3,
        "service": None,
        "created_at": "not a date",
        "html_url": None,
        "acknowledgements": [None, {"at": "2025-10-20T22:17:00Z"}],
        "brand_new_field": {"nested": [1, 2]},
        "assignments": None,
    }
    parsed = parse_page(raw)
    assert parsed == Page(
        id="P1",
        number=None,
        title="[#1] summary wins",
        status="triggered",
        urgency="high",
        service="",
        created_at=None,
        html_url="",
        acknowledged_at=datetime(2025, 10, 20, 22, 17, tzinfo=UTC),
        source="pagerduty",
    )
    assert parsed.key == "pagerduty:P1"


def test_unusable_incidents_are_dropped():
    assert parse_page(None) is None
    assert parse_page([]) is None
    assert parse_page({"title": "no id"}) is None
    assert parse_page({"id": ""}) is None


def test_hostile_title_is_kept_verbatim():
    title = '<b>API</b> <img src=x onerror=alert(1)> <!channel> & "quotes"'
    assert parse_page({"id": "P1", "title": title}).title == title


def test_pages_from_pagerduty_are_cleaned_where_they_enter():
    page = parse_page(
        {
            "id": "P1",
            "title": "API\x00 down \udc80\n\x1b]0;pwned\x07",
            "service": {"summary": "Back\u202eend"},
        }
    )
    assert page is not None
    assert page.title == "API down \ufffd ]0;pwned"
    assert page.service == "Backend"


def test_oncall_entries_read_tolerantly():
    assert parse_oncall({"user": "x"}) is None
    assert parse_oncall(
        {
            "user": {"id": "P1"},
            "escalation_policy": {"id": "EP"},
            "escalation_level": True,
            "start": "garbage",
        }
    ) == OnCallEntry("P1", "P1", "EP", 1, None, None)


def _policy_target(states, *, wrapped=True, spelling="incidents_responders", kind=None):
    target = {
        "type": kind or "escalation_policy",
        "id": "PTEAMDV",
        spelling: [{"state": s, "user": {"id": f"PU{n}"}} for n, s in enumerate(states)],
    }
    return {"responder_request_target": target} if wrapped else target


def test_an_escalation_policy_target_answers_from_the_people_it_reached():
    def answer(*states, **shape):
        raw = {
            "id": "P1",
            "responder_requests": [
                {"responder_request_targets": [_policy_target(states, **shape)]}
            ],
        }
        return dict(parse_page(raw).responders)["PTEAMDV"]

    assert answer("declined", "joined", "pending") == "joined"
    assert answer("declined", "pending") == "pending"
    assert answer() == "pending"  # asked, nobody reached yet
    assert answer("declined", "declined") == "declined"
    assert answer("declined", "user_cancelled") == "declined"
    assert answer("user_cancelled") == "user_cancelled"
    assert answer("declined", "some_new_state") == "pending"
    # the spec's schema shape (bare target, incident_responders) reads the same
    assert answer("joined", wrapped=False, spelling="incident_responders") == "joined"
    assert answer("joined", kind="escalation_policy_reference") == "joined"


def test_a_policy_asked_twice_answers_from_both_requests():
    raw = {
        "id": "P1",
        "responder_requests": [
            {"responder_request_targets": [_policy_target(["declined"])]},
            {"responder_request_targets": [_policy_target(["joined"])]},
        ],
    }
    assert dict(parse_page(raw).responders) == {"PTEAMDV": "joined"}


def test_user_answers_come_from_incidents_responders_first():
    raw = {
        "id": "P1",
        "incidents_responders": [{"state": "joined", "user": {"id": "PBOB"}}],
        "responder_requests": [
            {
                "responder_request_targets": [
                    {
                        "responder_request_target": {
                            "type": "user",
                            "id": "PBOB",
                            "incidents_responders": [{"state": "pending"}],
                        }
                    },
                    {"responder_request_target": {"type": "user", "id": "PCAROL"}},
                ]
            }
        ],
    }
    assert dict(parse_page(raw).responders) == {"PBOB": "joined", "PCAROL": "pending"}


def test_responders_read_tolerantly():
    for junk in (
        None,
        "x",
        [None, 3, {"responder_request_targets": None}],
        [{"responder_request_targets": [None, {"responder_request_target": None}]}],
        [{"responder_request_targets": [{"type": "escalation_policy", "id": 7}]}],
        [{"responder_request_targets": [{"type": "team", "id": "PT"}]}],
        [
            {
                "responder_request_targets": [
                    {"type": "escalation_policy", "id": "PX", "incident_responders": "junk"}
                ]
            }
        ],
    ):
        page = parse_page({"id": "P1", "responder_requests": junk, "incidents_responders": junk})
        assert page is not None
        assert all(isinstance(i, str) and isinstance(s, str) for i, s in page.responders)


def test_who_acknowledged_is_the_latest_acknowledger_and_not_me_is_said_by_name():
    from oncall_desktop.core.paging import seen_by

    def incident(acks, status="acknowledged"):
        return parse_page({"id": "P1", "status": status, "acknowledgements": acks})

    def ack(at, who, name):
        return {"at": at, "acknowledger": {"id": who, "type": "user_reference", "summary": name}}

    mine = ack("2026-12-08T00:10:00Z", "PME0001", "Alice")
    bobs = ack("2026-12-08T00:20:00Z", "PBOB002", "Bob Smith")
    page = incident([bobs, mine])  # listed in any order: the latest counts
    assert page.acknowledger == ("PBOB002", "Bob Smith")
    assert seen_by([page], "PBOB002")[0].acknowledged_by == ""  # Bob's own app
    assert seen_by([page], "PME0001")[0].acknowledged_by == "Bob Smith"
    assert seen_by([incident([mine])], "PME0001")[0].acknowledged_by == ""
    # a service may acknowledge (an integration): not me either
    service = {"at": "2026-12-08T00:30:00Z", "acknowledger": {"id": "PSVC", "summary": "Sentry"}}
    assert seen_by([incident([mine, service])], "PME0001")[0].acknowledged_by == "Sentry"
    # unusable entries are skipped; triggered again: nobody's acknowledge holds
    assert incident([{"at": "soon", "acknowledger": "x"}, None]).acknowledger == ()
    assert seen_by([incident([bobs], "triggered")], "PME0001")[0].acknowledged_by == ""

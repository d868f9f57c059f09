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

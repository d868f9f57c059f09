from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from oncall_desktop.core.errors import DomainError
from oncall_desktop.core.handoff import (
    HandoffNote,
    Maintenance,
    OnCallEntry,
    RotationSpec,
    change_label,
    from_json,
    prefill,
    shift_at,
    shift_from_oncalls,
    to_json,
    to_markdown,
)
from oncall_desktop.core.incident import Incident, Status
from oncall_desktop.core.policy import Severity

PARIS = ZoneInfo("Europe/Paris")
DOUALA = ZoneInfo("Africa/Douala")
WEEKLY = RotationSpec(
    weekday=0,
    hour=9,
    length_days=7,
    members=("Agent DEV", "Orchestrateur"),
    anchor=date(2025, 10, 20),
)


def test_the_shift_changes_on_monday_at_nine_local_time():
    before = datetime(2025, 10, 27, 7, 59, tzinfo=UTC)  # 08:59 in Douala (UTC+1)
    after = datetime(2025, 10, 27, 8, 0, tzinfo=UTC)  # 09:00
    first, second = shift_at(WEEKLY, before, DOUALA), shift_at(WEEKLY, after, DOUALA)
    assert (first.primary, first.backup, first.previous) == (
        "Agent DEV",
        "Orchestrateur",
        "Orchestrateur",
    )
    assert (second.primary, second.previous) == ("Orchestrateur", "Agent DEV")
    assert first.end == second.start == after
    assert second.end == after + timedelta(days=7)


def test_daylight_saving_moves_the_utc_instant_not_the_local_hour():
    # Paris leaves summer time on Sunday 26 October 2025: Monday 09:00 is 07:00 UTC on the
    # 20th and 08:00 UTC on the 27th; the shift between lasts 7 days and 1 hour.
    shift = shift_at(WEEKLY, datetime(2025, 10, 22, tzinfo=UTC), PARIS)
    assert shift.start == datetime(2025, 10, 20, 7, 0, tzinfo=UTC)
    assert shift.end == datetime(2025, 10, 27, 8, 0, tzinfo=UTC)
    assert shift.end - shift.start == timedelta(days=7, hours=1)
    assert shift.end.astimezone(PARIS).hour == 9
    spring = shift_at(WEEKLY, datetime(2026, 3, 25, tzinfo=UTC), PARIS)  # summer time on 29th
    assert spring.end - spring.start == timedelta(days=7, hours=-1)
    assert spring.end.astimezone(PARIS).hour == 9


def test_the_same_instant_is_another_shift_in_another_time_zone():
    moment = datetime(2025, 10, 27, 3, 0, tzinfo=UTC)  # Monday 12:00 in Tokyo, 04:00 in Paris
    assert shift_at(WEEKLY, moment, ZoneInfo("Asia/Tokyo")).primary == "Orchestrateur"
    assert shift_at(WEEKLY, moment, PARIS).primary == "Agent DEV"


def test_weeks_rotate_through_the_members_and_before_the_anchor_too():
    names = [
        shift_at(WEEKLY, datetime(2025, 10, 21, tzinfo=UTC) + timedelta(weeks=w), PARIS).primary
        for w in range(-2, 3)
    ]
    assert names == ["Agent DEV", "Orchestrateur", "Agent DEV", "Orchestrateur", "Agent DEV"]
    three = replace(WEEKLY, members=("a", "b", "c"), weekday=2, hour=18, minute=30)
    shift = shift_at(three, datetime(2025, 11, 6, tzinfo=UTC), PARIS)
    assert shift.start.astimezone(PARIS).strftime("%a %H:%M") == "Wed 18:30"
    with pytest.raises(DomainError):
        RotationSpec(weekday=7, hour=9, length_days=7, members=(), anchor=date(2025, 1, 1))


def test_change_labels_in_the_sop_style():
    moment = datetime(2025, 10, 27, 8, 0, tzinfo=UTC)
    assert change_label(moment, DOUALA, "fr", title=True) == "Lundi 9h"  # the SOP's title
    assert change_label(moment, DOUALA, "fr") == "lundi 9h"  # within a sentence (issue 26)
    assert change_label(moment, DOUALA, "en") == "Monday 09:00"


def test_pagerduty_rotation_and_tolerant_parsing():
    now = datetime(2025, 10, 22, tzinfo=UTC)
    start, change = now - timedelta(days=2), now + timedelta(days=5)
    entries = [
        OnCallEntry("P1", "Alice", "EP", 1, start, change),
        OnCallEntry("P2", "Bob", "EP", 2, start, change),
        OnCallEntry("P2", "Bob", "EP", 1, change, change + timedelta(days=7)),
        OnCallEntry("P3", "Carol", "EP", 1, start - timedelta(days=7), start),
    ]
    shift = shift_from_oncalls(entries, now)
    assert (shift.primary, shift.backup, shift.previous, shift.end) == (
        "Alice",
        "Bob",
        "Carol",
        change,
    )
    assert shift_from_oncalls([OnCallEntry("P1", "Alice", "EP", 1, None, None)], now) is None


def _incident(title, status=Status.RESOLVED, note=""):
    inc = Incident.declare(
        title=title, severity=Severity.SEV2, at=datetime(2025, 10, 22, tzinfo=UTC), actor="a"
    )
    inc.id = 7
    if status is not Status.TRIGGERED:
        inc.move_to(status, at=datetime(2025, 10, 22, 1, tzinfo=UTC), actor="a", note=note)
    return inc


def test_prefill_carries_watch_items_and_upcoming_maintenance_over(policy):
    previous = HandoffNote(
        change_at=datetime(2025, 10, 20, 8, tzinfo=UTC),
        outgoing="Orchestrateur",
        incoming="Agent DEV",
        watch_items=("Database replica lag (slight delay, monitoring)",),
        upcoming=(
            Maintenance(date(2025, 10, 22), "22:00", "old maintenance"),
            Maintenance(date(2025, 10, 29), "22:00", "Maintenance database"),
        ),
    )
    note = prefill(
        datetime(2025, 10, 27, 8, tzinfo=UTC),
        "Agent DEV",
        "Orchestrateur",
        active=[],
        last_week=[_incident("Webhook processing spike", note="restarted workers")],
        previous=previous,
        action_items=["INC-2025-10-20-001 #1 Fix failover (Orchestrateur, 2025-10-28)"],
        today=date(2025, 10, 27),
    )
    assert note.watch_items == previous.watch_items
    assert [m.what for m in note.upcoming] == ["Maintenance database"]
    assert note.last_week[0].resolution == "restarted workers"
    assert not note.is_complete(policy) and note.missing_checks(policy) == [
        "read",
        "pagerduty",
        "access",
        "runbook",
    ]


def test_markdown_in_the_sop_layout_and_completion(policy):
    at = datetime(2025, 10, 27, 8, tzinfo=UTC)
    note = HandoffNote(
        change_at=at,
        outgoing="Agent DEV",
        incoming="Orchestrateur",
        watch_items=("BANGE API showing intermittent slowness (no impact yet)",),
        upcoming=(Maintenance(date(2025, 10, 29), "22:00", "Maintenance database"),),
    )
    note = note.sign(at=at, by="Agent DEV")
    for check in policy.handoff.incoming_checks:
        note = note.acknowledge(check.id, at=at, by="Orchestrateur")
    assert note.is_complete(policy)
    text = to_markdown(note, policy, "fr", DOUALA)
    lines = text.splitlines()
    assert lines[0] == "## Passation d’astreinte - Lundi 9h (2025-10-27)"
    assert "**Sortant** (Agent DEV) :" in lines and "✅ Aucun incident actif" in lines
    assert "⚠️ Points de vigilance :" in lines and "🎯 À venir :" in lines
    assert "- BANGE API showing intermittent slowness (no impact yet)" in lines
    assert "- 2025-10-29 22:00 Maintenance database" in lines
    assert "**Entrant** (Orchestrateur) :" in lines
    assert "✅ PagerDuty configuré (vérifié)" in lines
    assert lines[-1] == "**Statut** : Passation terminée ✅"
    pending = replace(note, checks={})
    english = to_markdown(pending, policy, "en", DOUALA).splitlines()
    assert english[0] == "## On-Call Handoff - Monday 09:00 (2025-10-27)"
    assert english[-1] == "**Status** : Handoff pending ⏳"
    assert from_json(to_json(note)) == note
    with pytest.raises(DomainError):
        note.sign(at=at, by=" ")

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from oncall_desktop.core.errors import DomainError
from oncall_desktop.core.incident import Incident, Status
from oncall_desktop.core.policy import Severity
from oncall_desktop.core.postmortem import (
    ActionItem,
    ActionStatus,
    PostMortem,
    due_at,
    from_json,
    is_required,
    prefill,
    to_json,
)
from oncall_desktop.core.postmortem_markdown import from_markdown, parse_status, to_markdown

M = timedelta(minutes=1)
PARIS = ZoneInfo("Europe/Paris")


def resolved_sev1(clock):
    """The SOP example: detected 22:15 UTC, acknowledged at +2 min, resolved 75 min later."""
    inc = Incident.declare(
        title="API Down - All endpoints returning 500",
        severity=Severity.SEV1,
        at=clock.now(),
        actor="oncall",
        impact="100% users (5,000 active users affected)",
    )
    inc.move_to(Status.ACKNOWLEDGED, at=clock.now() + 2 * M, actor="oncall")
    inc.add_note("Root cause identified (database down)", at=clock.now() + 5 * M, actor="oncall")
    inc.move_to(
        Status.RESOLVED,
        at=clock.now() + 75 * M,
        actor="oncall",
        note="Manual failover to read replica promoted to primary.",
    )
    return inc


def full_draft(policy, clock):
    draft = prefill(resolved_sev1(clock), policy, language="en", zone=PARIS, number_of_day=1)
    return replace(
        draft,
        sections={
            **draft.sections,
            "root_cause": "GCP Cloud SQL primary failed.\n# not a heading\n---\n\\ a backslash",
            "went_well": "- Alert triggered immediately\n- Failover worked",
            "went_wrong": "- Automatic failover | did not trigger",
            "lessons": "1. **Redundancy is critical**",
            "prevention": "- Monitoring",
        },
        impact=replace(draft.impact, revenue="~50M XAF", sla="Breached (99.9% → 99.8%)"),
        action_items=(
            ActionItem(1, "Fix automatic failover", "Orchestrateur", date(2025, 10, 22)),
            ActionItem(2, "Add DB health alerts | pool", "Agent DEV", None, ActionStatus.DONE),
            ActionItem(3, "Schedule GCP meeting", "", date(2025, 10, 23), ActionStatus.IN_PROGRESS),
        ),
        reviewed_by="CTO, Lead Dev",
        reviewed_on=date(2025, 10, 21),
    )


def test_prefill_takes_the_facts_from_the_incident(policy, clock):
    draft = prefill(resolved_sev1(clock), policy, language="en", zone=PARIS, number_of_day=1)
    assert draft.title == "POST-MORTEM : INC-2025-10-21-001"  # 22:15 UTC is past midnight in Paris
    assert draft.severity is Severity.SEV1
    assert draft.duration == "1h 15min"
    assert draft.impact.users == "100% users (5,000 active users affected)"
    assert draft.impact.sla == "Resolve SLA met (< 2h)"  # as the SOP writes it
    assert draft.timeline_zone == "GMT+2, Europe/Paris"
    assert [row.time for row in draft.timeline] == ["00:15", "00:17", "00:20", "01:30"]
    assert draft.timeline[2].event == "Root cause identified (database down)"
    assert draft.text("resolution") == "Manual failover to read replica promoted to primary."
    assert draft.text("summary") == "API Down - All endpoints returning 500"


def test_prefill_marks_a_breached_resolve_sla_and_an_open_incident(policy, clock):
    inc = resolved_sev1(clock)
    inc.resolved_at = inc.detected_at + 3 * timedelta(hours=1)
    assert "breached" in prefill(inc, policy, language="en", zone=UTC).impact.sla
    open_one = Incident.declare(title="x", severity=Severity.SEV2, at=clock.now(), actor="a")
    draft = prefill(open_one, policy, language="en", zone=UTC)
    assert draft.duration == "ongoing" and draft.impact.sla == ""
    assert due_at(open_one, policy) is None


def test_required_and_due_the_next_day_for_sev1_and_sev2_only(policy, clock):
    inc = resolved_sev1(clock)
    assert is_required(inc, policy)
    assert due_at(inc, policy) == inc.resolved_at + timedelta(days=1)
    inc.severity = Severity.SEV3
    assert not is_required(inc, policy)


def test_markdown_has_the_sop_layout(policy, clock):
    text = to_markdown(full_draft(policy, clock), policy, "en")
    lines = text.splitlines()
    assert lines[0] == "# POST-MORTEM : INC-2025-10-21-001"
    assert "**Severity** : SEV-1 🔴" in lines
    assert "## Timeline (All times GMT+2, Europe/Paris)" in lines
    assert "| 00:15 | Declared SEV-1: API Down - All endpoints returning 500 |" in lines
    assert "| 1 | Fix automatic failover | Orchestrateur | 2025-10-22 | 🔴 Planned |" in lines
    assert "| 2 | Add DB health alerts \\| pool | Agent DEV |  | ✅ Done |" in lines
    headings = [line for line in lines if line.startswith("## ")]
    assert [h.split(" (")[0] for h in headings] == [
        f"## {s.text.en}" for s in policy.postmortem.sections
    ]
    assert lines[-2:] == ["**Reviewed by** : CTO, Lead Dev", "**Date** : 2025-10-21"]


@pytest.mark.parametrize("language", ["fr", "en"])
def test_markdown_parses_back_to_the_same_post_mortem(policy, clock, language):
    draft = full_draft(policy, clock)
    parsed = from_markdown(to_markdown(draft, policy, language), policy)
    expected = replace(
        draft, action_items=tuple(replace(i, closed_at=None) for i in draft.action_items)
    )
    assert parsed == expected


def test_an_empty_draft_round_trips_too(policy):
    empty = PostMortem(
        title="POST-MORTEM : INC-2026-01-01-002",
        incident_date=date(2026, 1, 1),
        severity=Severity.SEV3,
        duration="",
    )
    assert from_markdown(to_markdown(empty, policy, "en"), policy) == empty


def test_hand_edited_markdown_errors_name_the_problem(policy, clock):
    text = to_markdown(full_draft(policy, clock), policy, "en")
    with pytest.raises(DomainError, match="unknown section 'Gossip'"):
        from_markdown(text + "\n## Gossip\nwho did it\n", policy)
    with pytest.raises(DomainError, match="not a status"):
        from_markdown(text.replace("🔴 Planned", "maybe"), policy)
    with pytest.raises(DomainError, match="no post-mortem title"):
        from_markdown("just text", policy)


def test_status_words_people_type(policy):
    assert parse_status("🟡 In Progress") is ActionStatus.IN_PROGRESS
    assert parse_status("done") is ActionStatus.DONE
    assert parse_status("in_progress") is ActionStatus.IN_PROGRESS


def test_action_item_closing_records_when_and_overdue_ignores_done():
    at = datetime(2025, 10, 25, 9, tzinfo=UTC)
    item = ActionItem(1, "x", due=date(2025, 10, 22))
    assert item.is_overdue(date(2025, 10, 23)) and not item.is_overdue(date(2025, 10, 22))
    done = item.with_status(ActionStatus.DONE, at=at)
    assert done.closed_at == at and not done.is_overdue(date(2026, 1, 1))
    assert done.with_status(ActionStatus.IN_PROGRESS, at=at).closed_at is None


def test_storage_form_round_trips_and_signature_completes(policy, clock):
    draft = full_draft(policy, clock)
    assert draft.is_signed
    back = from_json(to_json(draft), draft.action_items)
    assert back == draft
    assert not replace(draft, reviewed_on=None).is_signed
    assert not replace(draft, reviewed_by="  ").is_signed
    assert PostMortem("t", date(2025, 1, 1), Severity.SEV1, "", sections={"summary": " "}) == (
        PostMortem("t", date(2025, 1, 1), Severity.SEV1, "")
    )

"""The shipped defaults are SOP-5: every number of the procedure is pinned here, so changing
one in the data file without meaning to fails a test."""

from datetime import timedelta

import pytest

from oncall_desktop.core.policy import Audience, EscalationMode, Severity
from oncall_desktop.core.policy_file import apply_override, default_data, load_policy


@pytest.fixture(scope="module")
def policy():
    loaded = load_policy()
    assert loaded.problems == ()
    return loaded.policy


def minutes(n):
    return timedelta(minutes=n)


@pytest.mark.parametrize(
    ("severity", "ack", "resolve"),
    [(Severity.SEV1, 5, 120), (Severity.SEV2, 15, 240), (Severity.SEV3, 60, 1440)],
)
def test_sla_per_severity(policy, severity, ack, resolve):
    sev = policy.severity(severity)
    assert sev.ack_sla == minutes(ack)
    assert sev.resolve_sla == minutes(resolve)


def test_matrix_thresholds(policy):
    m = policy.matrix
    assert (m.sev1_users_above_percent, m.sev2_users_min_percent) == (90, 20)
    assert (m.sev1_revenue_above_per_hour, m.sev2_revenue_min_per_hour) == (1_000_000, 100_000)
    assert m.currency == "XAF"
    assert m.data_loss_is_sev1 and m.security_breach_is_sev1


def test_questions_map_to_severities(policy):
    assert [(q.id, q.severity) for q in policy.questions] == [
        ("service_down", Severity.SEV1),
        ("critical_feature", Severity.SEV2),
        ("limited_with_workaround", Severity.SEV3),
    ]
    assert policy.questions[0].text.fr == "Service down complètement ?"


@pytest.mark.parametrize(
    ("audience", "severity", "every", "at_declaration", "at_resolution"),
    [
        (Audience.INTERNAL, Severity.SEV1, 15, True, True),
        (Audience.INTERNAL, Severity.SEV2, 15, True, True),  # guidelines: 15 (matrix: 30)
        (Audience.INTERNAL, Severity.SEV3, 60, True, True),
        (Audience.STATUS_PAGE, Severity.SEV1, 30, True, True),
        (Audience.STATUS_PAGE, Severity.SEV2, 60, True, True),
        (Audience.STATUS_PAGE, Severity.SEV3, None, False, False),
        (Audience.EXECUTIVE, Severity.SEV1, None, True, True),
        (Audience.EXECUTIVE, Severity.SEV2, 24 * 60, False, False),
        (Audience.EXECUTIVE, Severity.SEV3, None, False, False),
    ],
)
def test_update_cadence(policy, audience, severity, every, at_declaration, at_resolution):
    rule = policy.cadence_rule(audience, severity)
    assert rule.every == (minutes(every) if every else None)
    assert (rule.at_declaration, rule.at_resolution) == (at_declaration, at_resolution)


def test_escalation(policy):
    sev1, sev2, sev3 = (policy.severity(s) for s in Severity)
    assert sev1.escalation is EscalationMode.IMMEDIATE
    assert sev1.escalation_targets.en == "CTO + whole team"
    assert sev2.escalation is EscalationMode.IF_UNRESOLVED
    assert sev2.escalate_after == minutes(120)
    assert sev2.escalation_targets.fr == "Lead Dev + astreinte"
    assert sev3.escalation is EscalationMode.STANDARD and sev3.escalate_after is None
    assert [c.name for c in policy.escalation_contacts] == [
        "CTO",
        "GCP Support",
        "BANGE Support",
        "Team Dev",
        "Lead Dev",
    ]


def test_postmortem_required_for_sev1_and_sev2_next_day(policy):
    assert [policy.severity(s).postmortem_required for s in Severity] == [True, True, False]
    assert policy.severity(Severity.SEV1).postmortem_due == timedelta(days=1)
    assert [s.id for s in policy.postmortem.sections] == [
        "summary",
        "timeline",
        "root_cause",
        "impact",
        "resolution",
        "went_well",
        "went_wrong",
        "action_items",
        "lessons",
        "prevention",
    ]
    assert policy.postmortem.action_statuses == ("planned", "in_progress", "scheduled", "done")


def test_five_phases_with_time_boxes_and_steps(policy):
    boxes = [(p.id, p.start, p.end) for p in policy.phases]
    assert boxes == [
        ("detection", minutes(0), minutes(5)),
        ("investigation", minutes(5), minutes(30)),
        ("mitigation", minutes(30), minutes(60)),
        ("resolution", minutes(60), minutes(120)),
        ("post_incident", None, None),
    ]
    assert policy.step_ids == (
        "1.1",
        "1.2",
        "1.3",
        "1.4",
        "2.1",
        "2.2",
        "2.3",
        "2.4",
        "3.1",
        "3.2",
        "3.3",
        "4.1",
        "4.2",
        "4.3",
        "5.1",
        "5.2",
    )
    assert policy.post_incident_monitoring == minutes(60)
    assert policy.initial_update_within == minutes(5)


def test_kpi_targets(policy):
    k = policy.kpis
    assert k.mtta_sev1_below == minutes(5)
    assert k.mttr_sev1_below == minutes(120)
    assert k.incidents_per_month_below == 5
    assert k.sev1_per_quarter_below == 3
    assert k.postmortem_completion_min_percent == 100
    assert k.action_items_closed_above_percent == 80
    assert k.action_items_window == timedelta(days=30)


def test_rotation_and_handoff(policy):
    r = policy.rotation
    assert (r.weekday, r.hour, r.length_days) == ("monday", 9, 7)
    assert [c.id for c in policy.handoff.incoming_checks] == [
        "read",
        "pagerduty",
        "access",
        "runbook",
    ]


def test_templates_exist_in_both_languages(policy):
    from oncall_desktop.core.policy_file import TEMPLATE_NAMES

    for name in TEMPLATE_NAMES:
        text = policy.templates[name]
        assert text.fr and text.en and text.fr != "" and text.en != ""
    assert policy.templates["declared"].en.startswith("📢 INCIDENT DECLARED")
    assert policy.templates["declared"].fr.startswith("📢 INCIDENT DÉCLARÉ")
    assert "{every}" in policy.templates["status_page_promise"].en


def test_anti_patterns_and_links(policy):
    assert [a.id for a in policy.anti_patterns] == [
        "panic_guess",
        "no_communication",
        "fix_without_understanding",
        "skip_postmortem",
        "blame_culture",
    ]
    assert all(link.url == "" or link.url.startswith("https://") for link in policy.links)
    assert len([link for link in policy.links if link.kind == "runbook"]) == 6


def test_every_text_is_translated(policy):
    for sev in policy.severities.values():
        assert len(sev.criteria) == 4 and len(sev.examples) == 4
        assert all(t.fr and t.en for t in sev.criteria + sev.examples)
    for phase in policy.phases:
        assert phase.name.fr and phase.name.en
        assert all(step.text.fr and step.text.en for step in phase.steps)


# --- the user's override -------------------------------------------------------------------


def test_override_replaces_a_number(tmp_path):
    path = tmp_path / "policy.toml"
    path.write_text("[severities.SEV-1]\nack_sla_minutes = 3\n", encoding="utf-8")
    loaded = load_policy(path)
    assert loaded.problems == ()
    assert loaded.policy.severity(Severity.SEV1).ack_sla == minutes(3)
    # the rest of the section is merged, not wiped
    assert loaded.policy.severity(Severity.SEV1).resolve_sla == minutes(120)


def test_invalid_override_names_the_key_and_keeps_defaults(tmp_path):
    path = tmp_path / "policy.toml"
    path.write_text(
        '[severities.SEV-2]\nack_sla_minutes = "quinze"\n\n[kpis]\nincidents_per_month_below = 4\n',
        encoding="utf-8",
    )
    loaded = load_policy(path)
    assert len(loaded.problems) == 1
    assert "severities.SEV-2.ack_sla_minutes" in str(loaded.problems[0])
    assert loaded.policy.severity(Severity.SEV2).ack_sla == minutes(15)  # default stays
    assert loaded.policy.kpis.incidents_per_month_below == 4  # the valid section applies


@pytest.mark.parametrize(
    ("override", "key"),
    [
        ({"matrix": {"sev2_users_min_percent": 95}}, "matrix.sev2_users_min_percent"),
        ({"severities": {"SEV-1": {"escalation": "sometimes"}}}, "severities.SEV-1.escalation"),
        ({"phases": []}, "phases"),
        ({"templates": {"declared": 42}}, "templates.declared"),
        ({"sop": {"title": {"fr": ""}}}, "sop.title.fr"),
        (
            {"links": [{"kind": "runbook", "title": "x", "url": "file:///etc/passwd"}]},
            "links[0].url",
        ),
        ({"rotation": {"hour": 24}}, "rotation.hour"),
        ({"severities": {"SEV-3": {"ack_sla_minutes": 1}}}, "severities"),
        (
            {
                "escalation_contacts": [
                    {
                        "name": "CTO",
                        "contact": "x",
                        "pagerduty_user": "PU1",
                        "pagerduty_escalation_policy": "PE1",
                    }
                ]
            },
            "escalation_contacts[0]",
        ),
    ],
)
def test_invalid_values_are_reported_by_key(override, key):
    loaded = apply_override(default_data(), override)
    assert len(loaded.problems) == 1
    assert str(loaded.problems[0]).startswith(key)


def test_unreadable_override_keeps_defaults(tmp_path):
    path = tmp_path / "policy.toml"
    path.write_text("[severities\nbroken", encoding="utf-8")
    loaded = load_policy(path)
    assert "policy.toml" in str(loaded.problems[0])
    assert loaded.policy.severity(Severity.SEV1).ack_sla == minutes(5)


def test_unknown_section_is_reported():
    loaded = apply_override(default_data(), {"severites": {}})
    assert [str(p) for p in loaded.problems] == ["severites: unknown section, ignored"]


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("[severities.SEV-1]\nack_sla_minutes = inf\n", "severities.SEV-1.ack_sla_minutes"),
        ("[severities.SEV-1]\nack_sla_minutes = nan\n", "severities.SEV-1.ack_sla_minutes"),
        ("[severities.SEV-1]\nresolve_sla_minutes = 1e30\n", "resolve_sla_minutes"),
        ("[post_incident]\nmonitoring_minutes = 99999999999\n", "monitoring_minutes"),
        ("[severities.SEV-2]\npostmortem_due_days = 1e12\n", "postmortem_due_days"),
    ],
)
def test_numbers_that_would_overflow_a_date_are_refused(tmp_path, text, key):
    from oncall_desktop.core.clock import FakeClock
    from oncall_desktop.core.deadlines import next_updates, resolve_clock
    from oncall_desktop.core.incident import Incident, Status

    override = tmp_path / "policy.toml"
    override.write_text(text, encoding="utf-8")
    loaded = load_policy(override)
    assert any(key in str(p) for p in loaded.problems)
    clock = FakeClock()
    inc = Incident.declare(title="x", severity=Severity.SEV1, at=clock.now(), actor="a")
    resolve_clock(inc, loaded.policy)  # every clock still computes
    inc.move_to(Status.RESOLVED, at=clock.now(), actor="a")
    next_updates(inc, loaded.policy)


@pytest.mark.parametrize(
    ("raw", "why"),
    [
        (b"[kpis]\nincidents_per_month_below = 4\n\xff\xfe", "not UTF-8"),
        (b"x = " + b"[" * 50_000 + b"]" * 50_000, "nested"),
        (b"a = { b = { c = { d = { e = 1 } } } }\n" * 1, None),
        (b"[" + b"a." * 40 + b"b]\nc = 1\n", "nested"),
    ],
)
def test_override_files_that_would_crash_the_start_keep_the_defaults(tmp_path, raw, why):
    override = tmp_path / "policy.toml"
    override.write_bytes(raw)
    loaded = load_policy(override)  # never raises
    assert loaded.policy.severity(Severity.SEV1).ack_sla == minutes(5)
    if why:
        assert why in str(loaded.problems[0])


def test_a_fifo_override_does_not_block_the_start(tmp_path):
    import os

    os.mkfifo(tmp_path / "policy.toml")
    loaded = load_policy(tmp_path / "policy.toml")
    assert "not a regular file" in str(loaded.problems[0])


def test_the_status_page_impact_follows_the_severity(policy):
    """Issue 24: what customers read beside each affected service (SOP criteria: SEV-1 down,
    SEV-2 partial loss, SEV-3 limited), and "operational" once resolved."""
    assert policy.status_page_impact_words(Severity.SEV1, False)[0] == "outage"
    assert policy.status_page_impact_words(Severity.SEV2, False) == ("partial outage",)
    assert policy.status_page_impact_words(Severity.SEV3, False)[0] == "degraded performance"
    assert policy.status_page_impact_words(Severity.SEV3, True) == ("operational",)
    loaded = apply_override(default_data(), {"status_page_impact": {"SEV-2": []}})
    assert loaded.policy.status_page_impact_words(Severity.SEV2, False) == ("partial outage",)
    assert "status_page_impact.SEV-2" in str(loaded.problems[0])

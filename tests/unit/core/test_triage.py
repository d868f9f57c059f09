import pytest

from oncall_desktop.core.policy import Severity
from oncall_desktop.core.triage import ImpactAssessment, classify


@pytest.mark.parametrize(
    ("users", "expected"),
    [
        (100, Severity.SEV1),
        (90.5, Severity.SEV1),
        (90, Severity.SEV2),
        (20, Severity.SEV2),
        (19.9, Severity.SEV3),
        (0, Severity.SEV3),
    ],
)
def test_users_impacted_boundaries(policy, users, expected):
    result = classify(ImpactAssessment(users_impacted_percent=users), policy)
    assert result.severity is expected


@pytest.mark.parametrize(
    ("revenue", "expected"),
    [
        (1_000_001, Severity.SEV1),
        (1_000_000, Severity.SEV2),
        (100_000, Severity.SEV2),
        (99_999, Severity.SEV3),
    ],
)
def test_revenue_boundaries(policy, revenue, expected):
    result = classify(ImpactAssessment(revenue_lost_per_hour=revenue), policy)
    assert result.severity is expected


def test_data_loss_or_breach_is_sev1_whatever_the_numbers(policy):
    low = dict(users_impacted_percent=1, revenue_lost_per_hour=0)
    for flag in ("data_loss", "security_breach"):
        result = classify(ImpactAssessment(**low, **{flag: True}), policy)
        assert result.severity is Severity.SEV1
    result = classify(ImpactAssessment(security_breach=True), policy)
    assert [r.text.en for r in result.reasons_for(Severity.SEV1)] == ["Security breach"]


def test_questions_answer_the_sop_way(policy):
    assert classify(ImpactAssessment(service_down=True), policy).severity is Severity.SEV1
    assert classify(ImpactAssessment(critical_feature=True), policy).severity is Severity.SEV2
    only_workaround = ImpactAssessment(limited_with_workaround=True)
    assert classify(only_workaround, policy).severity is Severity.SEV3


def test_most_severe_wins_and_all_reasons_are_given(policy):
    result = classify(
        ImpactAssessment(
            critical_feature=True, users_impacted_percent=95, revenue_lost_per_hour=500_000
        ),
        policy,
    )
    assert result.severity is Severity.SEV1
    texts = [r.text.en for r in result.reasons]
    assert texts[0] == "95% of users impacted (> 90%)"
    assert "Revenue lost 500,000\u00a0XAF/h (100,000–1\u00a0M\u00a0XAF/h)" in texts
    assert "Yes: Is a critical feature impacted?" in texts
    assert result.reasons[0].text.fr == "95\u202f% des utilisateurs impactés (> 90\u202f%)"


def test_nothing_known_proposes_sev3_with_a_reason(policy):
    result = classify(ImpactAssessment(), policy)
    assert result.severity is Severity.SEV3
    assert result.reasons[0].text.en == "No SEV-1 or SEV-2 criterion met"


@pytest.mark.parametrize(
    ("amount", "en", "fr"),
    [
        (1_234_567, "1,234,567", "1\u202f234\u202f567"),
        (1_000_000, "1\u00a0M", "1\u00a0M"),
        (1_500_000, "1.5\u00a0M", "1,5\u00a0M"),
        (250_000, "250,000", "250\u202f000"),
        (999.5, "999.5", "999,5"),
        (2_000_000_000, "2,000\u00a0M", "2\u202f000\u00a0M"),
    ],
)
def test_money_is_written_the_way_people_write_it(amount, en, fr):
    from oncall_desktop.core.triage import money_text

    assert (money_text(amount, "en"), money_text(amount, "fr")) == (en, fr)


def test_no_scientific_notation_or_k_in_the_reasons(policy):
    result = classify(ImpactAssessment(revenue_lost_per_hour=1_234_567), policy)
    en, fr = result.reasons[0].text.en, result.reasons[0].text.fr
    assert en == "Revenue lost 1,234,567\u00a0XAF/h (> 1\u00a0M\u00a0XAF/h)"
    assert fr == "Revenus perdus 1\u202f234\u202f567\u00a0XAF/h (> 1\u00a0M\u00a0XAF/h)"
    for text in (en, fr):
        assert "e+" not in text and "K" not in text

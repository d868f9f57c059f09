"""Severity classification: the SOP's three questions and its matrix, with the reasons."""

from __future__ import annotations

from dataclasses import dataclass

from oncall_desktop.core.policy import Policy, Severity, Text


@dataclass(frozen=True)
class ImpactAssessment:
    """What the engineer answered in the severity wizard. ``None`` means "not known"."""

    service_down: bool = False
    critical_feature: bool = False
    limited_with_workaround: bool = False
    users_impacted_percent: float | None = None
    revenue_lost_per_hour: float | None = None
    data_loss: bool = False
    security_breach: bool = False


@dataclass(frozen=True)
class Reason:
    severity: Severity
    text: Text


@dataclass(frozen=True)
class Classification:
    """The proposed severity and every reason found, most severe first."""

    severity: Severity
    reasons: tuple[Reason, ...]

    def reasons_for(self, severity: Severity) -> tuple[Reason, ...]:
        return tuple(r for r in self.reasons if r.severity is severity)


def _money(amount: float) -> str:
    if amount >= 1_000_000 and amount % 1_000_000 == 0:
        return f"{amount / 1_000_000:g}M"
    if amount >= 1_000 and amount % 1_000 == 0:
        return f"{amount / 1_000:g}K"
    return f"{amount:g}"


def classify(assessment: ImpactAssessment, policy: Policy) -> Classification:
    """Propose a severity: the most severe level any answer or figure reaches."""
    m = policy.matrix
    cur = m.currency
    reasons: list[Reason] = []

    def add(severity: Severity, fr: str, en: str) -> None:
        reasons.append(Reason(severity, Text(fr=fr, en=en)))

    questions = {q.id: q for q in policy.questions}
    for qid, answered in (
        ("service_down", assessment.service_down),
        ("critical_feature", assessment.critical_feature),
        ("limited_with_workaround", assessment.limited_with_workaround),
    ):
        if answered and qid in questions:
            q = questions[qid]
            add(q.severity, f"Oui : {q.text.fr}", f"Yes: {q.text.en}")

    users = assessment.users_impacted_percent
    if users is not None:
        if users > m.sev1_users_above_percent:
            add(
                Severity.SEV1,
                f"{users:g}% des users impactés (> {m.sev1_users_above_percent:g}%)",
                f"{users:g}% of users impacted (> {m.sev1_users_above_percent:g}%)",
            )
        elif users >= m.sev2_users_min_percent:
            span = f"{m.sev2_users_min_percent:g}–{m.sev1_users_above_percent:g}%"
            add(
                Severity.SEV2,
                f"{users:g}% des users impactés ({span})",
                f"{users:g}% of users impacted ({span})",
            )
        else:
            add(
                Severity.SEV3,
                f"{users:g}% des users impactés (< {m.sev2_users_min_percent:g}%)",
                f"{users:g}% of users impacted (< {m.sev2_users_min_percent:g}%)",
            )

    revenue = assessment.revenue_lost_per_hour
    if revenue is not None:
        high, low = _money(m.sev1_revenue_above_per_hour), _money(m.sev2_revenue_min_per_hour)
        lost = f"{_money(revenue)} {cur}/h"
        if revenue > m.sev1_revenue_above_per_hour:
            add(
                Severity.SEV1,
                f"Revenus perdus {lost} (> {high} {cur}/h)",
                f"Revenue lost {lost} (> {high} {cur}/h)",
            )
        elif revenue >= m.sev2_revenue_min_per_hour:
            add(
                Severity.SEV2,
                f"Revenus perdus {lost} ({low}–{high} {cur}/h)",
                f"Revenue lost {lost} ({low}–{high} {cur}/h)",
            )
        else:
            add(
                Severity.SEV3,
                f"Revenus perdus {lost} (< {low} {cur}/h)",
                f"Revenue lost {lost} (< {low} {cur}/h)",
            )

    if assessment.data_loss and m.data_loss_is_sev1:
        add(Severity.SEV1, "Perte de données", "Data loss")
    if assessment.security_breach and m.security_breach_is_sev1:
        add(Severity.SEV1, "Breach sécurité", "Security breach")

    if not reasons:
        add(
            Severity.SEV3,
            "Aucun critère SEV-1 ou SEV-2 rempli",
            "No SEV-1 or SEV-2 criterion met",
        )
    reasons.sort(key=lambda r: r.severity.rank)
    return Classification(severity=reasons[0].severity, reasons=tuple(reasons))

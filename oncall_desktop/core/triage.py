"""Severity classification: the SOP's three questions and its matrix, with the reasons."""

from __future__ import annotations

from dataclasses import dataclass

from oncall_desktop.core.policy import Matrix, Policy, Severity, Text


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


NBSP, NARROW_NBSP = "\u00a0", "\u202f"


def number_text(value: float, language: str, decimals: int = 0) -> str:
    """A number as people of ``language`` write it: 1,234,567.5 / 1 234 567,5 (French groups
    digits with a narrow no-break space and uses a decimal comma)."""
    text = f"{value:,.{decimals}f}"
    if decimals:
        text = text.rstrip("0").rstrip(".")
    if language == "fr":
        text = text.replace(",", NARROW_NBSP).replace(".", ",")
    return text


def money_text(amount: float, language: str) -> str:
    """An amount per the way people say it: whole or half millions as "1 M" / "1.5 M",
    anything else in full, grouped: "1,234,567" / "1 234 567". Never "1e+06" or "1500K"."""
    millions = amount / 1_000_000
    if amount >= 1_000_000 and round(millions * 10) == millions * 10:
        return f"{number_text(millions, language, 1)}{NBSP}M"
    return number_text(amount, language, 0 if float(amount).is_integer() else 2)


def _percent(value: float, language: str) -> str:
    number = number_text(value, language, 1)
    return f"{number}{NARROW_NBSP}%" if language == "fr" else f"{number}%"


def _users_reason(users: float, matrix: Matrix) -> Reason:
    def pct(value: float, language: str) -> str:
        return _percent(value, language)

    high, low = matrix.sev1_users_above_percent, matrix.sev2_users_min_percent
    if users > high:
        severity, fr_range, en_range = Severity.SEV1, f"> {pct(high, 'fr')}", f"> {pct(high, 'en')}"
    elif users >= low:
        severity = Severity.SEV2
        fr_range = f"{number_text(low, 'fr', 1)}–{pct(high, 'fr')}"
        en_range = f"{number_text(low, 'en', 1)}–{pct(high, 'en')}"
    else:
        severity, fr_range, en_range = Severity.SEV3, f"< {pct(low, 'fr')}", f"< {pct(low, 'en')}"
    return Reason(
        severity,
        Text(
            fr=f"{pct(users, 'fr')} des utilisateurs impactés ({fr_range})",
            en=f"{pct(users, 'en')} of users impacted ({en_range})",
        ),
    )


def _revenue_reason(revenue: float, matrix: Matrix) -> Reason:
    def per_hour(value: float, language: str) -> str:
        return f"{money_text(value, language)}{NBSP}{matrix.currency}/h"

    high, low = matrix.sev1_revenue_above_per_hour, matrix.sev2_revenue_min_per_hour
    if revenue > high:
        severity = Severity.SEV1
        fr_range, en_range = f"> {per_hour(high, 'fr')}", f"> {per_hour(high, 'en')}"
    elif revenue >= low:
        severity = Severity.SEV2
        fr_range = f"{money_text(low, 'fr')}–{per_hour(high, 'fr')}"
        en_range = f"{money_text(low, 'en')}–{per_hour(high, 'en')}"
    else:
        severity = Severity.SEV3
        fr_range, en_range = f"< {per_hour(low, 'fr')}", f"< {per_hour(low, 'en')}"
    return Reason(
        severity,
        Text(
            fr=f"Revenus perdus {per_hour(revenue, 'fr')} ({fr_range})",
            en=f"Revenue lost {per_hour(revenue, 'en')} ({en_range})",
        ),
    )


def classify(assessment: ImpactAssessment, policy: Policy) -> Classification:
    """Propose a severity: the most severe level any answer or figure reaches."""
    m = policy.matrix
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
    if assessment.users_impacted_percent is not None:
        reasons.append(_users_reason(assessment.users_impacted_percent, m))
    if assessment.revenue_lost_per_hour is not None:
        reasons.append(_revenue_reason(assessment.revenue_lost_per_hour, m))
    if assessment.data_loss and m.data_loss_is_sev1:
        add(Severity.SEV1, "Perte de données", "Data loss")
    if assessment.security_breach and m.security_breach_is_sev1:
        add(Severity.SEV1, "Faille de sécurité", "Security breach")
    if not reasons:
        add(
            Severity.SEV3,
            "Aucun critère SEV-1 ou SEV-2 rempli",
            "No SEV-1 or SEV-2 criterion met",
        )
    reasons.sort(key=lambda r: r.severity.rank)
    return Classification(severity=reasons[0].severity, reasons=tuple(reasons))

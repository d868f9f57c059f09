"""The SOP as typed, frozen data: severities, cadence, phases, escalation, rotation, templates,
post-mortem and KPI targets. Read from ``sop5_defaults.toml`` plus a user override by
``core/policy_file.py``."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from pathlib import Path

from oncall_desktop.core.messages import UserMessage

LANGUAGES = ("fr", "en")


class Severity(StrEnum):
    SEV1 = "SEV-1"
    SEV2 = "SEV-2"
    SEV3 = "SEV-3"

    @property
    def rank(self) -> int:
        return int(self.value[-1])


class Audience(StrEnum):
    INTERNAL = "internal"
    STATUS_PAGE = "status_page"
    EXECUTIVE = "executive"


class EscalationMode(StrEnum):
    IMMEDIATE = "immediate"
    IF_UNRESOLVED = "if_unresolved"
    STANDARD = "standard"


@dataclass(frozen=True)
class Text:
    """A text in each supported language."""

    fr: str
    en: str

    def get(self, language: str) -> str:
        return self.en if language == "en" else self.fr


@dataclass(frozen=True)
class SopInfo:
    id: str
    version: str
    updated: str
    owner: str
    title: Text


@dataclass(frozen=True)
class SeverityPolicy:
    severity: Severity
    color: str
    name: Text
    criteria: tuple[Text, ...]
    examples: tuple[Text, ...]
    ack_sla: timedelta
    resolve_sla: timedelta
    escalation: EscalationMode
    escalation_targets: Text
    escalate_after: timedelta | None
    postmortem_required: bool
    postmortem_due: timedelta


@dataclass(frozen=True)
class Matrix:
    sev1_users_above_percent: float
    sev2_users_min_percent: float
    sev1_revenue_above_per_hour: float
    sev2_revenue_min_per_hour: float
    currency: str
    data_loss_is_sev1: bool
    security_breach_is_sev1: bool


@dataclass(frozen=True)
class Question:
    id: str
    severity: Severity
    text: Text


@dataclass(frozen=True)
class CadenceRule:
    every: timedelta | None
    at_declaration: bool
    at_resolution: bool

    @property
    def applies(self) -> bool:
        return self.every is not None or self.at_declaration or self.at_resolution


@dataclass(frozen=True)
class AudienceCadence:
    audience: Audience
    name: Text
    who: Text
    content: Text
    rules: Mapping[Severity, CadenceRule]


@dataclass(frozen=True)
class Step:
    id: str
    text: Text


@dataclass(frozen=True)
class PhaseDef:
    id: str
    number: int
    name: Text
    steps: tuple[Step, ...]
    start: timedelta | None  # from detection; None for the post-incident phase
    end: timedelta | None


@dataclass(frozen=True)
class Contact:
    name: str
    contact: Text  # how to reach them (may be empty when the SOP says only when)
    severities: frozenset[Severity]  # the severities whose escalation reaches this contact
    # the SOP's condition ("BANGE Support (si webhook issue)"): offered with the others, not
    # required for the escalation to be done; None: always reached
    when: Text | None = None
    # who to ask in PagerDuty with one click: ("user_reference" | "escalation_policy_reference",
    # id); None: reached by hand
    pagerduty: tuple[str, str] | None = None


@dataclass(frozen=True)
class Rotation:
    weekday: str
    hour: int
    length_days: int
    members: tuple[str, ...]
    anchor: date


@dataclass(frozen=True)
class Labelled:
    id: str
    text: Text


@dataclass(frozen=True)
class Handoff:
    incoming_checks: tuple[Labelled, ...]
    sections: tuple[Labelled, ...]


@dataclass(frozen=True)
class PostmortemSection:
    id: str
    text: Text
    hint: Text


@dataclass(frozen=True)
class PostmortemTemplate:
    title_format: str
    sections: tuple[PostmortemSection, ...]
    action_statuses: tuple[str, ...]


@dataclass(frozen=True)
class KpiTargets:
    mtta_sev1_below: timedelta
    mttr_sev1_below: timedelta
    incidents_per_month_below: int
    sev1_per_quarter_below: int
    postmortem_completion_min_percent: float
    action_items_closed_above_percent: float
    action_items_window: timedelta


@dataclass(frozen=True)
class AntiPattern:
    id: str
    applies_to: str
    bad: Text
    good: Text


@dataclass(frozen=True)
class Link:
    kind: str
    title: Text
    url: str


@dataclass(frozen=True)
class Policy:
    sop: SopInfo
    severities: Mapping[Severity, SeverityPolicy]
    matrix: Matrix
    questions: tuple[Question, ...]
    cadence: Mapping[Audience, AudienceCadence]
    phases: tuple[PhaseDef, ...]
    post_incident_monitoring: timedelta
    step_evidence: Mapping[str, str]  # step id -> the evidence that ticks it
    executive_recipients: tuple[str, ...]
    phase_reference: Severity
    initial_update_within: timedelta
    resolution_update_within: timedelta
    warn_before: timedelta
    warn_at_most_share: float
    escalation_contacts: tuple[Contact, ...]
    rotation: Rotation
    handoff: Handoff
    templates: Mapping[str, Text]
    postmortem: PostmortemTemplate
    kpis: KpiTargets
    anti_patterns: tuple[AntiPattern, ...]
    links: tuple[Link, ...]
    # the status page's impact words per severity value, and for "resolved" (best first)
    status_page_impact: Mapping[str, tuple[str, ...]]

    def severity(self, severity: Severity) -> SeverityPolicy:
        return self.severities[severity]

    def status_page_impact_words(self, severity: Severity, resolved: bool) -> tuple[str, ...]:
        """What the status page says of the affected services: the severity's impact, or the
        resolved one."""
        return self.status_page_impact.get("resolved" if resolved else severity.value, ())

    def cadence_rule(self, audience: Audience, severity: Severity) -> CadenceRule:
        return self.cadence[audience].rules[severity]

    def contacts_for(self, severity: Severity) -> tuple[Contact, ...]:
        """Who the SOP escalates ``severity`` to (SEV-1: CTO + whole team; SEV-2: lead dev)."""
        return tuple(c for c in self.escalation_contacts if severity in c.severities)

    def required_contacts(self, severity: Severity) -> tuple[Contact, ...]:
        """The contacts the escalation of ``severity`` is not done without: those the SOP
        names with no condition (a conditional one is offered, not demanded)."""
        return tuple(c for c in self.contacts_for(severity) if c.when is None)

    def phase(self, phase_id: str) -> PhaseDef:
        for phase in self.phases:
            if phase.id == phase_id:
                return phase
        raise KeyError(phase_id)

    @property
    def step_ids(self) -> tuple[str, ...]:
        return tuple(step.id for phase in self.phases for step in phase.steps)


@dataclass(frozen=True)
class LoadedPolicy:
    """The policy in force and what went wrong while loading the user's override."""

    policy: Policy
    problems: tuple[UserMessage, ...] = ()  # str() in English; translated when shown
    override_path: Path | None = None

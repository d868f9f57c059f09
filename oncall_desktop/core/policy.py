"""The SOP as typed, frozen data: loaded from ``sop5_defaults.toml`` plus a user override.

The override file may replace any part of the defaults. Tables are merged key by key; lists and
plain values are replaced whole. Each top-level section of the override is applied on its own:
a section that makes the policy invalid is dropped, with a message naming the offending key, and
the defaults stay in force for it.
"""

from __future__ import annotations

import copy
import math
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from enum import Enum, StrEnum
from importlib import resources
from pathlib import Path
from typing import Any

from oncall_desktop.core.errors import PolicyError
from oncall_desktop.core.messages import QT_TR_NOOP, UserMessage
from oncall_desktop.core.userfiles import UnreadableFile, read_user_file

LANGUAGES = ("fr", "en")
MAX_MINUTES = 366 * 24 * 60  # no duration of the procedure is longer than a year
MAX_OVERRIDE_NESTING = 32  # the defaults nest 4 deep; an override file deeper is not ours
TEMPLATE_NAMES = (
    "declared",
    "update",
    "resolved",
    "status_page",
    "status_page_promise",
    "status_page_no_promise",
    "status_page_resolved",
    "executive",
    "executive_resolved",
    "responder_request",
    "status_page_title",
)
DEFAULTS_RESOURCE = "sop5_defaults.toml"


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
    contact: Text
    severities: frozenset[Severity]  # the severities whose escalation reaches this contact
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

    def severity(self, severity: Severity) -> SeverityPolicy:
        return self.severities[severity]

    def cadence_rule(self, audience: Audience, severity: Severity) -> CadenceRule:
        return self.cadence[audience].rules[severity]

    def contacts_for(self, severity: Severity) -> tuple[Contact, ...]:
        """Who the SOP escalates ``severity`` to (SEV-1: CTO + whole team; SEV-2: lead dev)."""
        return tuple(c for c in self.escalation_contacts if severity in c.severities)

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


# --- parsing -----------------------------------------------------------------------------------


MISSING = QT_TR_NOOP("missing")


class _Node:
    """A value with its dotted key, so every error names where it is."""

    def __init__(self, value: Any, key: str) -> None:
        self.value = value
        self.key = key

    def fail(self, problem: UserMessage) -> PolicyError:
        return PolicyError(self.key, problem)

    def _child_key(self, name: str | int) -> str:
        if isinstance(name, int):
            return f"{self.key}[{name}]"
        return f"{self.key}.{name}" if self.key else name

    def table(self) -> dict[str, Any]:
        if not isinstance(self.value, dict):
            raise self.fail(
                QT_TR_NOOP("expected a table, got {type}").format(type=type(self.value).__name__)
            )
        return self.value

    def __getitem__(self, name: str) -> _Node:
        table = self.table()
        if name not in table:
            raise PolicyError(self._child_key(name), MISSING)
        return _Node(table[name], self._child_key(name))

    def get(self, name: str, default: Any) -> _Node:
        table = self.table()
        return _Node(table.get(name, default), self._child_key(name))

    def items(self) -> list[tuple[str, _Node]]:
        return [(k, _Node(v, self._child_key(k))) for k, v in self.table().items()]

    def entries(self) -> list[_Node]:
        if not isinstance(self.value, list):
            raise self.fail(
                QT_TR_NOOP("expected a list, got {type}").format(type=type(self.value).__name__)
            )
        return [_Node(v, self._child_key(i)) for i, v in enumerate(self.value)]

    def string(self, allow_empty: bool = False) -> str:
        if not isinstance(self.value, str):
            raise self.fail(
                QT_TR_NOOP("expected text, got {type}").format(type=type(self.value).__name__)
            )
        if not allow_empty and not self.value.strip():
            raise self.fail(QT_TR_NOOP("must not be empty"))
        return self.value

    def boolean(self) -> bool:
        if not isinstance(self.value, bool):
            raise self.fail(
                QT_TR_NOOP("expected true or false, got {value}").format(value=repr(self.value))
            )
        return self.value

    def number(self, minimum: float | None = 0, maximum: float | None = None) -> float:
        if isinstance(self.value, bool) or not isinstance(self.value, int | float):
            raise self.fail(
                QT_TR_NOOP("expected a number, got {value}").format(value=repr(self.value))
            )
        if not math.isfinite(self.value):  # TOML has inf and nan
            raise self.fail(
                QT_TR_NOOP("expected a finite number, got {value}").format(value=repr(self.value))
            )
        if minimum is not None and self.value < minimum:
            raise self.fail(
                QT_TR_NOOP("must be at least {minimum}, got {value}").format(
                    minimum=minimum, value=self.value
                )
            )
        if maximum is not None and self.value > maximum:
            raise self.fail(
                QT_TR_NOOP("must be at most {maximum}, got {value}").format(
                    maximum=maximum, value=self.value
                )
            )
        return self.value

    def integer(self, minimum: int | None = 0, maximum: int | None = None) -> int:
        if isinstance(self.value, bool) or not isinstance(self.value, int):
            raise self.fail(
                QT_TR_NOOP("expected a whole number, got {value}").format(value=repr(self.value))
            )
        return int(self.number(minimum, maximum))

    def minutes(self, minimum: int = 0) -> timedelta:
        # bounded so that every deadline computed from it stays a date (no overflow)
        return timedelta(minutes=self.number(minimum, MAX_MINUTES))

    def text(self) -> Text:
        """A bilingual text; a plain string stands for both languages."""
        if isinstance(self.value, str):
            return Text(fr=self.value, en=self.value)
        table = self.table()
        missing = [lang for lang in LANGUAGES if lang not in table]
        if missing:
            raise PolicyError(self._child_key(missing[0]), QT_TR_NOOP("missing translation"))
        return Text(fr=self["fr"].string(), en=self["en"].string())

    def text_list(self) -> tuple[Text, ...]:
        """Either ``{fr = [...], en = [...]}`` of equal length, or a list of texts."""
        if isinstance(self.value, dict):
            fr, en = self["fr"].entries(), self["en"].entries()
            if len(fr) != len(en):
                raise self.fail(
                    QT_TR_NOOP("fr has {fr} entries but en has {en}").format(fr=len(fr), en=len(en))
                )
            return tuple(Text(fr=a.string(), en=b.string()) for a, b in zip(fr, en, strict=True))
        return tuple(node.text() for node in self.entries())

    def enum(self, enum_type: type[Enum]) -> Any:
        try:
            return enum_type(self.value)
        except ValueError:
            allowed = ", ".join(str(m.value) for m in enum_type)
            raise self.fail(
                QT_TR_NOOP("{value} is not one of {allowed}").format(
                    value=repr(self.value), allowed=allowed
                )
            ) from None


def _pagerduty_target(node: _Node) -> tuple[str, str] | None:
    """A contact's PagerDuty user or escalation policy, for one-click responder requests."""
    user = node.get("pagerduty_user", "").string(allow_empty=True).strip()
    policy = node.get("pagerduty_escalation_policy", "").string(allow_empty=True).strip()
    if user and policy:
        raise node.fail(QT_TR_NOOP("name a PagerDuty user or an escalation policy, not both"))
    if user:
        return ("user_reference", user)
    if policy:
        return ("escalation_policy_reference", policy)
    return None


def _labelled(node: _Node) -> tuple[Labelled, ...]:
    items = tuple(Labelled(id=n["id"].string(), text=n["text"].text()) for n in node.entries())
    _unique(node, [item.id for item in items])
    return items


def _date(node: _Node) -> date:
    try:
        return date.fromisoformat(node.string())
    except ValueError:
        raise node.fail(
            QT_TR_NOOP("{value} is not a date (YYYY-MM-DD)").format(value=repr(node.value))
        ) from None


def _postmortem_sections(node: _Node) -> tuple[PostmortemSection, ...]:
    sections = tuple(
        PostmortemSection(id=n["id"].string(), text=n["text"].text(), hint=n["hint"].text())
        for n in node.entries()
    )
    _unique(node, [s.id for s in sections])
    required = {"summary", "timeline", "impact", "action_items"}
    missing = required - {s.id for s in sections}
    if missing:
        raise node.fail(
            QT_TR_NOOP("the template needs the sections {sections}").format(
                sections=", ".join(sorted(missing))
            )
        )
    return sections


def _unique(node: _Node, ids: list[str]) -> None:
    seen: set[str] = set()
    for i in ids:
        if i in seen:
            raise node.fail(QT_TR_NOOP("id {id} appears twice").format(id=repr(i)))
        seen.add(i)


def _severities(node: _Node) -> dict[Severity, SeverityPolicy]:
    result: dict[Severity, SeverityPolicy] = {}
    for name, sev in node.items():
        severity = _Node(name, sev.key).enum(Severity)
        escalation = sev["escalation"].enum(EscalationMode)
        escalate_after = sev["escalate_after_minutes"].minutes()
        if escalation is EscalationMode.IF_UNRESOLVED and not escalate_after:
            raise sev["escalate_after_minutes"].fail(
                QT_TR_NOOP("must be above 0 for 'if_unresolved'")
            )
        mode = sev["postmortem"].string()
        if mode not in ("required", "optional"):
            raise sev["postmortem"].fail(
                QT_TR_NOOP("{mode} is not one of required, optional").format(mode=repr(mode))
            )
        ack, resolve = sev["ack_sla_minutes"].minutes(1), sev["resolve_sla_minutes"].minutes(1)
        if resolve < ack:
            raise sev["resolve_sla_minutes"].fail(QT_TR_NOOP("is shorter than the acknowledge SLA"))
        result[severity] = SeverityPolicy(
            severity=severity,
            color=sev["color"].string(),
            name=sev["name"].text(),
            criteria=sev["criteria"].text_list(),
            examples=sev["examples"].text_list(),
            ack_sla=ack,
            resolve_sla=resolve,
            escalation=escalation,
            escalation_targets=sev["escalation_targets"].text(),
            escalate_after=escalate_after or None,
            postmortem_required=mode == "required",
            postmortem_due=timedelta(days=sev["postmortem_due_days"].number(0, 366)),
        )
    missing = [s.value for s in Severity if s not in result]
    if missing:
        raise PolicyError(f"{node.key}.{missing[0]}", MISSING)
    ranks = [result[s].ack_sla for s in Severity]
    if ranks != sorted(ranks):
        raise node.fail(QT_TR_NOOP("acknowledge SLAs must not be shorter for a lower severity"))
    return result


def _matrix(node: _Node) -> Matrix:
    matrix = Matrix(
        sev1_users_above_percent=node["sev1_users_above_percent"].number(0, 100),
        sev2_users_min_percent=node["sev2_users_min_percent"].number(0, 100),
        sev1_revenue_above_per_hour=node["sev1_revenue_above_per_hour"].number(0),
        sev2_revenue_min_per_hour=node["sev2_revenue_min_per_hour"].number(0),
        currency=node["currency"].string(),
        data_loss_is_sev1=node["data_loss_is_sev1"].boolean(),
        security_breach_is_sev1=node["security_breach_is_sev1"].boolean(),
    )
    if matrix.sev2_users_min_percent > matrix.sev1_users_above_percent:
        raise node["sev2_users_min_percent"].fail(QT_TR_NOOP("is above sev1_users_above_percent"))
    if matrix.sev2_revenue_min_per_hour > matrix.sev1_revenue_above_per_hour:
        raise node["sev2_revenue_min_per_hour"].fail(
            QT_TR_NOOP("is above sev1_revenue_above_per_hour")
        )
    return matrix


def _cadence(node: _Node) -> dict[Audience, AudienceCadence]:
    result: dict[Audience, AudienceCadence] = {}
    for name, aud in node.items():
        audience = _Node(name, aud.key).enum(Audience)
        rules: dict[Severity, CadenceRule] = {}
        for severity in Severity:
            rule = aud[severity.value]
            every = rule["every_minutes"].minutes()
            rules[severity] = CadenceRule(
                every=every or None,
                at_declaration=rule["at_declaration"].boolean(),
                at_resolution=rule["at_resolution"].boolean(),
            )
        result[audience] = AudienceCadence(
            audience=audience,
            name=aud["name"].text(),
            who=aud["audience"].text(),
            content=aud["content"].text(),
            rules=rules,
        )
    missing = [a.value for a in Audience if a not in result]
    if missing:
        raise PolicyError(f"{node.key}.{missing[0]}", MISSING)
    return result


def _phases(node: _Node) -> tuple[PhaseDef, ...]:
    phases = []
    for n in node.entries():
        start, end = n["start_minutes"].integer(-1), n["end_minutes"].integer(-1)
        if (start < 0) != (end < 0):
            raise n["end_minutes"].fail(QT_TR_NOOP("start and end must both be set, or both be -1"))
        if start >= 0 and end <= start:
            raise n["end_minutes"].fail(
                QT_TR_NOOP("must be after start_minutes ({start})").format(start=start)
            )
        steps = tuple(
            Step(id=s["id"].string(), text=s["text"].text()) for s in n["steps"].entries()
        )
        if not steps:
            raise n["steps"].fail(QT_TR_NOOP("a phase needs at least one step"))
        phases.append(
            PhaseDef(
                id=n["id"].string(),
                number=n["number"].integer(1),
                name=n["name"].text(),
                steps=steps,
                start=timedelta(minutes=start) if start >= 0 else None,
                end=timedelta(minutes=end) if end >= 0 else None,
            )
        )
    if not phases:
        raise node.fail(QT_TR_NOOP("at least one phase is needed"))
    _unique(node, [p.id for p in phases])
    _unique(node, [s.id for p in phases for s in p.steps])
    return tuple(phases)


def _parse(data: dict[str, Any]) -> Policy:
    policy = _parse_all(data)
    unknown = sorted(set(policy.step_evidence) - set(policy.step_ids))
    if unknown:
        raise PolicyError(
            f"step_evidence.{unknown[0]}", QT_TR_NOOP("is not a step of the checklist")
        )
    return policy


def _parse_all(data: dict[str, Any]) -> Policy:
    root = _Node(data, "")
    sop = root["sop"]
    kpis = root["kpis"]
    rotation = root["rotation"]
    postmortem = root["postmortem"]
    handoff = root["handoff"]
    templates = {name: node.text() for name, node in root["templates"].items()}
    for required in TEMPLATE_NAMES:
        if required not in templates:
            raise PolicyError(f"templates.{required}", MISSING)
    weekday = rotation["weekday"].string().lower()
    weekdays = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
    if weekday not in weekdays:
        raise rotation["weekday"].fail(
            QT_TR_NOOP("{weekday} is not a day of the week").format(weekday=repr(weekday))
        )
    links = []
    for n in root["links"].entries():
        url = n["url"].string(allow_empty=True).strip()
        if url and not url.lower().startswith(("http://", "https://")):
            raise n["url"].fail(QT_TR_NOOP("only http and https links are allowed"))
        links.append(Link(kind=n["kind"].string(), title=n["title"].text(), url=url))
    return Policy(
        sop=SopInfo(
            id=sop["id"].string(),
            version=sop["version"].string(),
            updated=sop["updated"].string(),
            owner=sop["owner"].string(),
            title=sop["title"].text(),
        ),
        severities=_severities(root["severities"]),
        matrix=_matrix(root["matrix"]),
        questions=tuple(
            Question(
                id=n["id"].string(), severity=n["severity"].enum(Severity), text=n["text"].text()
            )
            for n in root["questions"].entries()
        ),
        cadence=_cadence(root["cadence"]),
        phases=_phases(root["phases"]),
        post_incident_monitoring=root["post_incident"]["monitoring_minutes"].minutes(),
        phase_reference=root["phase_boxes"]["reference_severity"].enum(Severity),
        executive_recipients=tuple(
            n.string() for n in root.get("executive_mail", {"to": []})["to"].entries()
        ),
        step_evidence={step: node.string() for step, node in root.get("step_evidence", {}).items()},
        initial_update_within=root["communication"]["initial_within_minutes"].minutes(),
        resolution_update_within=root["communication"]["resolution_within_minutes"].minutes(),
        warn_before=root["communication"]["warn_before_minutes"].minutes(),
        warn_at_most_share=root["communication"]["warn_at_most_share"].number(0, 1),
        escalation_contacts=tuple(
            Contact(
                name=n["name"].string(),
                contact=n["contact"].text(),
                severities=frozenset(
                    s.enum(Severity) for s in n.get("severities", ["SEV-1"]).entries()
                ),
                pagerduty=_pagerduty_target(n),
            )
            for n in root["escalation_contacts"].entries()
        ),
        rotation=Rotation(
            weekday=weekday,
            hour=rotation["hour"].integer(0, 23),
            length_days=rotation["length_days"].integer(1, 366),
            members=tuple(n.string() for n in rotation["members"].entries()),
            anchor=_date(rotation["anchor"]),
        ),
        handoff=Handoff(
            incoming_checks=_labelled(handoff["incoming_checks"]),
            sections=_labelled(handoff["sections"]),
        ),
        templates=templates,
        postmortem=PostmortemTemplate(
            title_format=postmortem["title_format"].string(),
            sections=_postmortem_sections(postmortem["sections"]),
            action_statuses=tuple(n.string() for n in postmortem["action_statuses"].entries()),
        ),
        kpis=KpiTargets(
            mtta_sev1_below=kpis["mtta_sev1_below_minutes"].minutes(1),
            mttr_sev1_below=kpis["mttr_sev1_below_minutes"].minutes(1),
            incidents_per_month_below=kpis["incidents_per_month_below"].integer(0),
            sev1_per_quarter_below=kpis["sev1_per_quarter_below"].integer(0),
            postmortem_completion_min_percent=kpis["postmortem_completion_min_percent"].number(
                0, 100
            ),
            action_items_closed_above_percent=kpis["action_items_closed_above_percent"].number(
                0, 100
            ),
            action_items_window=timedelta(days=kpis["action_items_window_days"].integer(1, 3660)),
        ),
        anti_patterns=tuple(
            AntiPattern(
                id=n["id"].string(),
                applies_to=n["applies_to"].string(),
                bad=n["bad"].text(),
                good=n["good"].text(),
            )
            for n in root["anti_patterns"].entries()
        ),
        links=tuple(links),
    )


def _merge(base: Any, override: Any) -> Any:
    if isinstance(base, dict) and isinstance(override, dict):
        merged = dict(base)
        for key, value in override.items():
            merged[key] = _merge(base[key], value) if key in base else copy.deepcopy(value)
        return merged
    return copy.deepcopy(override)


def default_data() -> dict[str, Any]:
    raw = resources.files("oncall_desktop.core").joinpath(DEFAULTS_RESOURCE).read_bytes()
    return tomllib.loads(raw.decode("utf-8"))


def parse_policy(data: dict[str, Any]) -> Policy:
    """Build a policy from raw data; raises :class:`PolicyError` naming the bad key."""
    return _parse(data)


def apply_override(defaults: dict[str, Any], override: dict[str, Any]) -> LoadedPolicy:
    """Merge an override into the defaults, one top-level section at a time."""
    problems: list[UserMessage] = []
    current = defaults
    policy = _parse(current)
    for section, value in override.items():
        if section not in defaults:
            problems.append(
                QT_TR_NOOP("{section}: unknown section, ignored").format(section=section)
            )
            continue
        candidate = _merge(current, {section: value})
        try:
            policy = _parse(candidate)
        except PolicyError as error:
            problems.append(
                QT_TR_NOOP("{key}: {problem} (the defaults for '{section}' stay)").format(
                    key=error.key, problem=error.problem, section=section
                )
            )
            continue
        current = candidate
    return LoadedPolicy(policy=policy, problems=tuple(problems))


def load_policy(override_path: Path | None = None) -> LoadedPolicy:
    """The shipped defaults, with the user's override file applied where it is valid. A file
    that cannot be used (not a regular file, too large, not UTF-8, not TOML, absurdly nested)
    leaves the defaults in force and says why; it never stops or stalls the start."""
    defaults = default_data()
    if override_path is None:
        return LoadedPolicy(policy=_parse(defaults), override_path=override_path)
    try:
        raw = read_user_file(override_path)
        if raw is None:
            return LoadedPolicy(policy=_parse(defaults), override_path=override_path)
        override = tomllib.loads(raw)
        if _depth(override) > MAX_OVERRIDE_NESTING:
            raise ValueError(f"nested more than {MAX_OVERRIDE_NESTING} deep")
    except (UnreadableFile, ValueError, RecursionError) as error:
        reason = "nested too deeply" if isinstance(error, RecursionError) else str(error)[:200]
        return LoadedPolicy(
            policy=_parse(defaults),
            problems=(
                QT_TR_NOOP("{file}: cannot be read ({reason}); the defaults stay").format(
                    file=override_path.name, reason=reason
                ),
            ),
            override_path=override_path,
        )
    loaded = apply_override(defaults, override)
    return LoadedPolicy(loaded.policy, loaded.problems, override_path)


def _depth(value: Any, level: int = 0) -> int:
    if level > MAX_OVERRIDE_NESTING:
        return level
    if isinstance(value, dict):
        return max((_depth(v, level + 1) for v in value.values()), default=level + 1)
    if isinstance(value, list):
        return max((_depth(v, level + 1) for v in value), default=level + 1)
    return level

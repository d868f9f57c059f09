"""Reading the SOP's data: ``sop5_defaults.toml`` plus a user override, into core.policy's
typed, frozen objects.

The override file may replace any part of the defaults. Tables are merged key by key; lists and
plain values are replaced whole. Each top-level section of the override is applied on its own:
a section that makes the policy invalid is dropped, with a message naming the offending key, and
the defaults stay in force for it.
"""

from __future__ import annotations

import copy
import tomllib
from datetime import date, timedelta
from importlib import resources
from pathlib import Path
from typing import Any

from oncall_desktop.core.datanode import MISSING, Node
from oncall_desktop.core.errors import PolicyError
from oncall_desktop.core.messages import QT_TR_NOOP, UserMessage
from oncall_desktop.core.policy import (
    AntiPattern,
    Audience,
    AudienceCadence,
    CadenceRule,
    Contact,
    EscalationMode,
    Handoff,
    KpiTargets,
    Labelled,
    Link,
    LoadedPolicy,
    Matrix,
    PhaseDef,
    Policy,
    PostmortemSection,
    PostmortemTemplate,
    Question,
    Rotation,
    Severity,
    SeverityPolicy,
    SopInfo,
    Step,
    Text,
)
from oncall_desktop.core.userfiles import UnreadableFile, read_user_file

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


def _pagerduty_target(node: Node) -> tuple[str, str] | None:
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


def _labelled(node: Node) -> tuple[Labelled, ...]:
    items = tuple(Labelled(id=n["id"].string(), text=n["text"].text()) for n in node.entries())
    _unique(node, [item.id for item in items])
    return items


def _date(node: Node) -> date:
    try:
        return date.fromisoformat(node.string())
    except ValueError:
        raise node.fail(
            QT_TR_NOOP("{value} is not a date (YYYY-MM-DD)").format(value=repr(node.value))
        ) from None


def _postmortem_sections(node: Node) -> tuple[PostmortemSection, ...]:
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


def _unique(node: Node, ids: list[str]) -> None:
    seen: set[str] = set()
    for i in ids:
        if i in seen:
            raise node.fail(QT_TR_NOOP("id {id} appears twice").format(id=repr(i)))
        seen.add(i)


def _severities(node: Node) -> dict[Severity, SeverityPolicy]:
    result: dict[Severity, SeverityPolicy] = {}
    for name, sev in node.items():
        severity = Node(name, sev.key).enum(Severity)
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


def _matrix(node: Node) -> Matrix:
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


def _cadence(node: Node) -> dict[Audience, AudienceCadence]:
    result: dict[Audience, AudienceCadence] = {}
    for name, aud in node.items():
        audience = Node(name, aud.key).enum(Audience)
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


def _phases(node: Node) -> tuple[PhaseDef, ...]:
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


def _templates(node: Node) -> dict[str, Text]:
    templates = {name: child.text() for name, child in node.items()}
    for required in TEMPLATE_NAMES:
        if required not in templates:
            raise PolicyError(f"templates.{required}", MISSING)
    return templates


def _rotation(node: Node) -> Rotation:
    weekday = node["weekday"].string().lower()
    weekdays = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
    if weekday not in weekdays:
        raise node["weekday"].fail(
            QT_TR_NOOP("{weekday} is not a day of the week").format(weekday=repr(weekday))
        )
    return Rotation(
        weekday=weekday,
        hour=node["hour"].integer(0, 23),
        length_days=node["length_days"].integer(1, 366),
        members=tuple(n.string() for n in node["members"].entries()),
        anchor=_date(node["anchor"]),
    )


def _links(node: Node) -> tuple[Link, ...]:
    links = []
    for n in node.entries():
        url = n["url"].string(allow_empty=True).strip()
        if url and not url.lower().startswith(("http://", "https://")):
            raise n["url"].fail(QT_TR_NOOP("only http and https links are allowed"))
        links.append(Link(kind=n["kind"].string(), title=n["title"].text(), url=url))
    return tuple(links)


def _contacts(node: Node) -> tuple[Contact, ...]:
    return tuple(
        Contact(
            name=n["name"].string(),
            contact=n.get("contact", "").text(),
            severities=frozenset(
                s.enum(Severity) for s in n.get("severities", ["SEV-1"]).entries()
            ),
            pagerduty=_pagerduty_target(n),
            when=n["when"].text() if "when" in n.table() else None,
        )
        for n in node.entries()
    )


def _kpis(node: Node) -> KpiTargets:
    return KpiTargets(
        mtta_sev1_below=node["mtta_sev1_below_minutes"].minutes(1),
        mttr_sev1_below=node["mttr_sev1_below_minutes"].minutes(1),
        incidents_per_month_below=node["incidents_per_month_below"].integer(0),
        sev1_per_quarter_below=node["sev1_per_quarter_below"].integer(0),
        postmortem_completion_min_percent=node["postmortem_completion_min_percent"].number(0, 100),
        action_items_closed_above_percent=node["action_items_closed_above_percent"].number(0, 100),
        action_items_window=timedelta(days=node["action_items_window_days"].integer(1, 3660)),
    )


def _status_page_impact(node: Node) -> dict[str, tuple[str, ...]]:
    """Per severity, and for "resolved": the impact words, best first (none empty)."""
    result: dict[str, tuple[str, ...]] = {}
    for key in (*(s.value for s in Severity), "resolved"):
        words = tuple(n.string().strip() for n in node[key].entries())
        if not words:
            raise node[key].fail(QT_TR_NOOP("must not be empty"))
        result[key] = words
    return result


def _sop(node: Node) -> SopInfo:
    return SopInfo(
        id=node["id"].string(),
        version=node["version"].string(),
        updated=node["updated"].string(),
        owner=node["owner"].string(),
        title=node["title"].text(),
    )


def _parse_all(data: dict[str, Any]) -> Policy:
    root = Node(data, "")
    postmortem, handoff, communication = root["postmortem"], root["handoff"], root["communication"]
    templates = _templates(root["templates"])  # checked first: a missing one names itself
    rotation = _rotation(root["rotation"])
    links = _links(root["links"])
    return Policy(
        sop=_sop(root["sop"]),
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
        initial_update_within=communication["initial_within_minutes"].minutes(),
        resolution_update_within=communication["resolution_within_minutes"].minutes(),
        warn_before=communication["warn_before_minutes"].minutes(),
        warn_at_most_share=communication["warn_at_most_share"].number(0, 1),
        escalation_contacts=_contacts(root["escalation_contacts"]),
        rotation=rotation,
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
        kpis=_kpis(root["kpis"]),
        anti_patterns=tuple(
            AntiPattern(
                id=n["id"].string(),
                applies_to=n["applies_to"].string(),
                bad=n["bad"].text(),
                good=n["good"].text(),
            )
            for n in root["anti_patterns"].entries()
        ),
        links=links,
        status_page_impact=_status_page_impact(root["status_page_impact"]),
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

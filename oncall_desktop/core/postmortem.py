"""The post-mortem (SOP 5.2): a draft prefilled from the incident, its action items, and the
Markdown export in the SOP's layout, which parses back to the same draft.

Free text is the engineer's; nothing here rewrites it. The Markdown escaping is only what keeps
the layout unambiguous (a line starting with ``#`` inside a section, a ``|`` in a table cell).
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, replace
from datetime import date, datetime, timedelta, tzinfo
from enum import StrEnum
from typing import Any

from oncall_desktop.core.clock import utc
from oncall_desktop.core.compose import duration_text
from oncall_desktop.core.errors import DomainError
from oncall_desktop.core.incident import EventKind, Incident
from oncall_desktop.core.narrative import describe
from oncall_desktop.core.policy import Policy, Severity


class ActionStatus(StrEnum):
    PLANNED = "planned"
    IN_PROGRESS = "in_progress"
    SCHEDULED = "scheduled"
    DONE = "done"


# The SOP's status column: a traffic light and an English word, as in its example table.
STATUS_MARKS = {
    ActionStatus.PLANNED: "🔴 Planned",
    ActionStatus.IN_PROGRESS: "🟡 In Progress",
    ActionStatus.SCHEDULED: "🟡 Scheduled",
    ActionStatus.DONE: "✅ Done",
}
SEVERITY_MARKS = {Severity.SEV1: "🔴", Severity.SEV2: "🟠", Severity.SEV3: "🟡"}

# The free-text sections, in the ids the policy's template uses.
TEXT_SECTIONS = (
    "summary",
    "root_cause",
    "resolution",
    "went_well",
    "went_wrong",
    "lessons",
    "prevention",
)
IMPACT_FIELDS = (
    ("users", "Users"),
    ("duration", "Duration"),
    ("revenue", "Revenue"),
    ("sla", "SLA"),
)


@dataclass(frozen=True)
class ActionItem:
    number: int
    action: str
    owner: str = ""
    due: date | None = None
    status: ActionStatus = ActionStatus.PLANNED
    closed_at: datetime | None = None  # when it became done: the KPI counts days to close

    def is_overdue(self, today: date) -> bool:
        return self.status is not ActionStatus.DONE and self.due is not None and self.due < today

    def with_status(self, status: ActionStatus, *, at: datetime) -> ActionItem:
        if status is self.status:
            return self
        closed = utc(at) if status is ActionStatus.DONE else None
        return replace(self, status=status, closed_at=closed)


@dataclass(frozen=True)
class TimelineRow:
    time: str
    event: str


@dataclass(frozen=True)
class Impact:
    users: str = ""
    duration: str = ""
    revenue: str = ""
    sla: str = ""


@dataclass(frozen=True)
class PostMortem:
    """What the engineer writes. ``revision`` grows with every save, so the newest copy wins
    when a local draft and the database disagree."""

    title: str
    incident_date: date
    severity: Severity
    duration: str
    impact_summary: str = ""
    impact: Impact = field(default_factory=Impact)
    timeline_zone: str = "UTC"
    timeline: tuple[TimelineRow, ...] = ()
    sections: dict[str, str] = field(default_factory=dict)
    action_items: tuple[ActionItem, ...] = ()
    reviewed_by: str = ""
    reviewed_on: date | None = None
    revision: int = 0

    def __post_init__(self) -> None:
        # An empty section and a missing one are the same thing to the reader.
        kept = {k: v for k, v in self.sections.items() if v.strip()}
        object.__setattr__(self, "sections", kept)

    def text(self, section_id: str) -> str:
        return self.sections.get(section_id, "")

    @property
    def is_signed(self) -> bool:
        """Reviewed and dated: the SOP's last two lines, which make it count as complete."""
        return bool(self.reviewed_by.strip()) and self.reviewed_on is not None

    def content(self) -> PostMortem:
        """The same draft without its bookkeeping, for comparing what was written."""
        return replace(self, revision=0)


@dataclass(frozen=True)
class StoredPostMortem:
    id: int
    incident_id: int
    draft: PostMortem
    created_at: datetime
    updated_at: datetime
    due_at: datetime | None
    signed_at: datetime | None

    def is_overdue(self, now: datetime) -> bool:
        return self.signed_at is None and self.due_at is not None and self.due_at < now


@dataclass(frozen=True)
class TrackedActionItem:
    """One action item in the list across all post-mortems."""

    postmortem_id: int
    incident_id: int
    postmortem_title: str
    item: ActionItem


# --- prefill ------------------------------------------------------------------------------------


def title_for(incident: Incident, policy: Policy, number_of_day: int, zone: tzinfo | None) -> str:
    day = incident.detected_at.astimezone(zone).date()
    return policy.postmortem.title_format.format(date=day.isoformat(), number=number_of_day)


def zone_label(moment: datetime, zone: tzinfo | None) -> str:
    local = moment.astimezone(zone)
    offset = local.utcoffset() or timedelta(0)
    minutes = int(offset.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    hours, rest = divmod(abs(minutes), 60)
    gmt = f"GMT{sign}{hours}" + (f":{rest:02d}" if rest else "")
    name = getattr(zone, "key", None) or local.tzname() or ""
    return f"{gmt}, {name}" if name and name not in (gmt, "UTC") else gmt


def prefill(
    incident: Incident,
    policy: Policy,
    *,
    language: str,
    zone: tzinfo | None,
    number_of_day: int = 1,
) -> PostMortem:
    """A first draft from what the incident recorded; every field stays editable."""
    end = incident.resolved_at or incident.closed_at
    duration = duration_text(end - incident.detected_at) if end else "ongoing"
    resolve_sla = policy.severity(incident.severity).resolve_sla
    if end is None:
        sla = ""
    elif end - incident.detected_at > resolve_sla:
        sla = f"Resolve SLA breached (< {duration_text(resolve_sla)})"
    else:
        sla = f"Resolve SLA met (< {duration_text(resolve_sla)})"
    spans_days = (
        end is not None
        and end.astimezone(zone).date() != incident.detected_at.astimezone(zone).date()
    )
    time_format = "%Y-%m-%d %H:%M" if spans_days else "%H:%M"
    rows = tuple(
        TimelineRow(
            time=event.at.astimezone(zone).strftime(time_format),
            event=describe(event, policy, language),
        )
        for event in incident.timeline
        if event.kind is not EventKind.REMINDER_SNOOZED
    )
    return PostMortem(
        title=title_for(incident, policy, number_of_day, zone),
        incident_date=incident.detected_at.astimezone(zone).date(),
        severity=incident.severity,
        duration=duration,
        impact_summary=incident.impact,
        impact=Impact(users=incident.impact, duration=duration, sla=sla),
        timeline_zone=zone_label(incident.detected_at, zone),
        timeline=rows,
        sections={"summary": incident.title, "resolution": incident.resolution_note},
    )


def is_required(incident: Incident, policy: Policy) -> bool:
    return policy.severity(incident.severity).postmortem_required


def due_at(incident: Incident, policy: Policy) -> datetime | None:
    """SOP 5.2: the day after the resolution; None while the incident is open."""
    if incident.resolved_at is None:
        return None
    return incident.resolved_at + policy.severity(incident.severity).postmortem_due


# --- storage form -------------------------------------------------------------------------------


def to_json(postmortem: PostMortem) -> str:
    """Everything but the action items, which live in their own table to be tracked together."""
    body = asdict(postmortem)
    body.pop("action_items")
    body["incident_date"] = postmortem.incident_date.isoformat()
    body["reviewed_on"] = postmortem.reviewed_on.isoformat() if postmortem.reviewed_on else None
    body["severity"] = postmortem.severity.value
    return json.dumps(body, ensure_ascii=False)


def from_json(text: str, action_items: tuple[ActionItem, ...] = ()) -> PostMortem:
    body: dict[str, Any] = json.loads(text)
    return PostMortem(
        title=body["title"],
        incident_date=date.fromisoformat(body["incident_date"]),
        severity=Severity(body["severity"]),
        duration=body.get("duration", ""),
        impact_summary=body.get("impact_summary", ""),
        impact=Impact(**body.get("impact", {})),
        timeline_zone=body.get("timeline_zone", "UTC"),
        timeline=tuple(TimelineRow(**row) for row in body.get("timeline", [])),
        sections=dict(body.get("sections", {})),
        action_items=action_items,
        reviewed_by=body.get("reviewed_by", ""),
        reviewed_on=date.fromisoformat(body["reviewed_on"]) if body.get("reviewed_on") else None,
        revision=int(body.get("revision", 0)),
    )


def action_items_to_json(items: tuple[ActionItem, ...]) -> str:
    return json.dumps(
        [
            {
                "number": i.number,
                "action": i.action,
                "owner": i.owner,
                "due": i.due.isoformat() if i.due else None,
                "status": i.status.value,
                "closed_at": i.closed_at.isoformat() if i.closed_at else None,
            }
            for i in items
        ],
        ensure_ascii=False,
    )


def action_items_from_json(text: str) -> tuple[ActionItem, ...]:
    return tuple(
        ActionItem(
            number=int(i["number"]),
            action=i["action"],
            owner=i.get("owner", ""),
            due=date.fromisoformat(i["due"]) if i.get("due") else None,
            status=ActionStatus(i.get("status", "planned")),
            closed_at=datetime.fromisoformat(i["closed_at"]) if i.get("closed_at") else None,
        )
        for i in json.loads(text)
    )


# --- Markdown -----------------------------------------------------------------------------------


def _escape_line(line: str) -> str:
    # A backslash keeps a line of the engineer's text from reading as our structure.
    if line.startswith(("#", "---", "**Reviewed by**", "**Date**", "\\")):
        return "\\" + line
    return line


def _unescape_line(line: str) -> str:
    return line[1:] if line.startswith("\\") else line


def _escape_cell(text: str) -> str:
    flat = " ".join(text.split())
    return flat.replace("\\", "\\\\").replace("|", "\\|")


def _split_row(line: str) -> list[str]:
    cells, current, escaped = [], [], False
    body = line.strip()
    body = body[1:] if body.startswith("|") else body
    for char in body:
        if escaped:
            current.append(char)
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == "|":
            cells.append("".join(current).strip())
            current = []
        else:
            current.append(char)
    if "".join(current).strip():
        cells.append("".join(current).strip())
    return cells


def _block(text: str) -> list[str]:
    lines = [_escape_line(line) for line in text.strip().splitlines()]
    return lines or ["—"]


def _heading(policy: Policy, section_id: str, language: str) -> str:
    for section in policy.postmortem.sections:
        if section.id == section_id:
            return section.text.get(language)
    raise KeyError(section_id)


def to_markdown(postmortem: PostMortem, policy: Policy, language: str) -> str:
    """The SOP 5.2 layout: header lines, then the sections in the template's order."""
    pm = postmortem
    out = [
        f"# {_escape_cell(pm.title)}",
        "",
        f"**Date** : {pm.incident_date.isoformat()}",
        f"**Severity** : {pm.severity.value} {SEVERITY_MARKS[pm.severity]}",
        f"**Duration** : {_escape_cell(pm.duration)}",
        f"**Impact** : {_escape_cell(pm.impact_summary)}",
    ]
    for section in policy.postmortem.sections:
        heading = section.text.get(language)
        out.append("")
        if section.id == "timeline":
            out.append(f"## {heading} (All times {pm.timeline_zone})")
            out += ["| Time | Event |", "|------|-------|"]
            out += [f"| {_escape_cell(r.time)} | {_escape_cell(r.event)} |" for r in pm.timeline]
        elif section.id == "impact":
            out.append(f"## {heading}")
            for key, label in IMPACT_FIELDS:
                out.append(f"- **{label}** : {_escape_cell(getattr(pm.impact, key))}")
        elif section.id == "action_items":
            out.append(f"## {heading}")
            out += [
                "| # | Action | Owner | Due Date | Status |",
                "|---|--------|-------|----------|--------|",
            ]
            for item in pm.action_items:
                cells = [
                    str(item.number),
                    _escape_cell(item.action),
                    _escape_cell(item.owner),
                    item.due.isoformat() if item.due else "",
                    STATUS_MARKS[item.status],
                ]
                out.append("| " + " | ".join(cells) + " |")
        else:
            out.append(f"## {heading}")
            out += _block(pm.text(section.id))
    out += [
        "",
        "---",
        "",
        f"**Reviewed by** : {_escape_cell(pm.reviewed_by)}",
        f"**Date** : {pm.reviewed_on.isoformat() if pm.reviewed_on else ''}",
        "",
    ]
    return "\n".join(out)


SUMMARY_PHRASES = {
    "en": {
        "root_cause": "Root cause: {text}",
        "items": "Action items: {count} ({done} done)",
        "reviewed": "Reviewed by {who} on {day}",
    },
    "fr": {
        "root_cause": "Cause racine : {text}",
        "items": "Actions correctives : {count} ({done} terminées)",
        "reviewed": "Relu par {who} le {day}",
    },
}


def summary_text(postmortem: PostMortem, language: str) -> str:
    """The short summary posted to the team (SOP 5.2), in the team's message language; what
    people typed is kept as typed (filled in one pass: a "{x}" in it stays as it is)."""
    phrases = SUMMARY_PHRASES["fr" if language == "fr" else "en"]
    pm = postmortem
    done = sum(1 for i in pm.action_items if i.status is ActionStatus.DONE)
    lines = [f"📝 {pm.title} ({pm.severity.value}, {pm.duration})", pm.text("summary")]
    if pm.text("root_cause"):
        lines.append(phrases["root_cause"].format(text=pm.text("root_cause")))
    lines.append(phrases["items"].format(count=len(pm.action_items), done=done))
    if pm.is_signed:
        day = pm.reviewed_on.isoformat() if pm.reviewed_on else ""
        lines.append(phrases["reviewed"].format(who=pm.reviewed_by, day=day))
    return "\n".join(line for line in lines if line.strip())


def _unescape_cell(text: str) -> str:
    out, escaped = [], False
    for char in text:
        if escaped or char != "\\":
            out.append(char)
            escaped = False
        else:
            escaped = True
    return "".join(out)


def _header_value(line: str, key: str) -> str | None:
    prefix = f"**{key}** :"
    return _unescape_cell(line[len(prefix) :].strip()) if line.startswith(prefix) else None


def parse_status(text: str) -> ActionStatus:
    """``✅ Done``, ``In Progress``, ``in_progress``: what people type in the status column."""
    words = [w for w in text.lower().split() if w.isascii()]
    try:
        return ActionStatus("_".join(words))
    except ValueError:
        raise ValueError(
            f"{text!r} is not a status (planned, in progress, scheduled, done)"
        ) from None


def from_markdown(text: str, policy: Policy) -> PostMortem:
    """Read back an export (ours, possibly edited by hand). Raises DomainError with the line
    that does not fit, so a bad file is reported, not half-imported."""
    by_heading: dict[str, str] = {}
    for section in policy.postmortem.sections:
        for language in ("fr", "en"):
            by_heading[section.text.get(language)] = section.id
    header: dict[str, str] = {}
    footer: dict[str, str] = {}
    title = ""
    zone = "UTC"
    bodies: dict[str, list[str]] = {}
    current: str | None = None
    in_footer = False
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.rstrip()
        if line.startswith("# ") and not title:
            title = _unescape_cell(line[2:].strip())
            continue
        if line.startswith("## "):
            heading = line[3:].strip()
            if " (All times " in heading:
                heading, _, rest = heading.partition(" (All times ")
                zone = rest.removesuffix(")")
            if heading not in by_heading:
                raise DomainError(f"line {number}: unknown section {heading!r}")
            current = by_heading[heading]
            bodies[current] = []
            continue
        if line == "---" and current is not None:
            in_footer, current = True, None
            continue
        if current is None:
            for key in ("Date", "Severity", "Duration", "Impact", "Reviewed by"):
                value = _header_value(line, key)
                if value is not None:
                    (footer if in_footer else header)[key] = value
            continue
        bodies[current].append(line)

    if not title:
        raise DomainError("line 1: no post-mortem title")
    try:
        severity = Severity(header.get("Severity", "").split(" ")[0])
        incident_date = date.fromisoformat(header.get("Date", ""))
    except ValueError as error:
        raise DomainError(f"header: {error}") from None

    def table(section_id: str, columns: int) -> list[list[str]]:
        rows = [_split_row(line) for line in bodies.get(section_id, []) if line.startswith("|")]
        rows = [r + [""] * (columns - len(r)) for r in rows[2:]]  # skip header and rule
        return rows

    impact_values: dict[str, str] = {}
    for line in bodies.get("impact", []):
        for key, label in IMPACT_FIELDS:
            value = _header_value(line.removeprefix("- "), label)
            if value is not None:
                impact_values[key] = value
    items = []
    for row in table("action_items", 5):
        try:
            items.append(
                ActionItem(
                    number=int(row[0]),
                    action=row[1],
                    owner=row[2],
                    due=date.fromisoformat(row[3]) if row[3] else None,
                    status=parse_status(row[4]),
                )
            )
        except ValueError as error:
            raise DomainError(f"action item {row[0]!r}: {error}") from None
    sections = {}
    for section_id in TEXT_SECTIONS:
        lines = [_unescape_line(line) for line in bodies.get(section_id, [])]
        value = "\n".join(lines).strip()
        sections[section_id] = "" if value == "—" else value
    reviewed_on = footer.get("Date", "")
    return PostMortem(
        title=title,
        incident_date=incident_date,
        severity=severity,
        duration=header.get("Duration", ""),
        impact_summary=header.get("Impact", ""),
        impact=Impact(**impact_values),
        timeline_zone=zone,
        timeline=tuple(TimelineRow(time=r[0], event=r[1]) for r in table("timeline", 2)),
        sections=sections,
        action_items=tuple(items),
        reviewed_by=footer.get("Reviewed by", ""),
        reviewed_on=date.fromisoformat(reviewed_on) if reviewed_on else None,
    )

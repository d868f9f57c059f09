"""The post-mortem's Markdown export in the SOP's layout, which parses back to the same draft,
and the short summary posted to the team.

The escaping is only what keeps the layout unambiguous (a line starting with ``#`` inside a
section, a ``|`` in a table cell): free text is the engineer's, nothing here rewrites it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from oncall_desktop.core.errors import DomainError
from oncall_desktop.core.policy import Policy, Severity
from oncall_desktop.core.postmortem import (
    IMPACT_FIELDS,
    SEVERITY_MARKS,
    STATUS_MARKS,
    TEXT_SECTIONS,
    ActionItem,
    ActionStatus,
    Impact,
    PostMortem,
    TimelineRow,
)

# --- export -----------------------------------------------------------------------------------


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


@dataclass
class _Parsed:
    """A Markdown export cut into its parts, before they are read."""

    title: str = ""
    zone: str = "UTC"
    header: dict[str, str] = field(default_factory=dict)
    footer: dict[str, str] = field(default_factory=dict)
    bodies: dict[str, list[str]] = field(default_factory=dict)

    def table(self, section_id: str, columns: int) -> list[list[str]]:
        rows = [
            _split_row(line) for line in self.bodies.get(section_id, []) if line.startswith("|")
        ]
        return [r + [""] * (columns - len(r)) for r in rows[2:]]  # skip header and rule


def _cut(text: str, policy: Policy) -> _Parsed:
    by_heading: dict[str, str] = {}
    for section in policy.postmortem.sections:
        for language in ("fr", "en"):
            by_heading[section.text.get(language)] = section.id
    parsed = _Parsed()
    current: str | None = None
    in_footer = False
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.rstrip()
        if line.startswith("# ") and not parsed.title:
            parsed.title = _unescape_cell(line[2:].strip())
            continue
        if line.startswith("## "):
            heading = line[3:].strip()
            if " (All times " in heading:
                heading, _, rest = heading.partition(" (All times ")
                parsed.zone = rest.removesuffix(")")
            if heading not in by_heading:
                raise DomainError(f"line {number}: unknown section {heading!r}")
            current = by_heading[heading]
            parsed.bodies[current] = []
            continue
        if line == "---" and current is not None:
            in_footer, current = True, None
            continue
        if current is None:
            for key in ("Date", "Severity", "Duration", "Impact", "Reviewed by"):
                value = _header_value(line, key)
                if value is not None:
                    (parsed.footer if in_footer else parsed.header)[key] = value
            continue
        parsed.bodies[current].append(line)
    return parsed


def _action_items(parsed: _Parsed) -> tuple[ActionItem, ...]:
    items = []
    for row in parsed.table("action_items", 5):
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
    return tuple(items)


def from_markdown(text: str, policy: Policy) -> PostMortem:
    """Read back an export (ours, possibly edited by hand). Raises DomainError with the line
    that does not fit, so a bad file is reported, not half-imported."""
    parsed = _cut(text, policy)
    header, footer = parsed.header, parsed.footer
    if not parsed.title:
        raise DomainError("line 1: no post-mortem title")
    try:
        severity = Severity(header.get("Severity", "").split(" ")[0])
        incident_date = date.fromisoformat(header.get("Date", ""))
    except ValueError as error:
        raise DomainError(f"header: {error}") from None
    impact_values: dict[str, str] = {}
    for line in parsed.bodies.get("impact", []):
        for key, label in IMPACT_FIELDS:
            value = _header_value(line.removeprefix("- "), label)
            if value is not None:
                impact_values[key] = value
    sections = {}
    for section_id in TEXT_SECTIONS:
        lines = [_unescape_line(line) for line in parsed.bodies.get(section_id, [])]
        value = "\n".join(lines).strip()
        sections[section_id] = "" if value == "—" else value
    reviewed_on = footer.get("Date", "")
    return PostMortem(
        title=parsed.title,
        incident_date=incident_date,
        severity=severity,
        duration=header.get("Duration", ""),
        impact_summary=header.get("Impact", ""),
        impact=Impact(**impact_values),
        timeline_zone=parsed.zone,
        timeline=tuple(TimelineRow(time=r[0], event=r[1]) for r in parsed.table("timeline", 2)),
        sections=sections,
        action_items=_action_items(parsed),
        reviewed_by=footer.get("Reviewed by", ""),
        reviewed_on=date.fromisoformat(reviewed_on) if reviewed_on else None,
    )

"""The post-mortem (SOP 5.2): a draft prefilled from the incident, its action items and their
stored form. The Markdown export in the SOP's layout is core/postmortem_markdown.py.

Free text is the engineer's; nothing here rewrites it.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, replace
from datetime import date, datetime, timedelta, tzinfo
from enum import StrEnum
from typing import Any

from oncall_desktop.core.clock import utc
from oncall_desktop.core.compose import duration_text
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

"""The weekly on-call handoff (SOP "Handoff Process"): who is on call, when the rotation
changes, and the handoff note the outgoing engineer writes and the incoming one acknowledges.

Rotation changes happen at a wall-clock hour of the team's time zone (Monday 09:00), so each
change is computed from local calendar days, never by adding 7 × 24 hours: across a daylight
saving change the UTC instant moves, the local hour does not.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from typing import Any

from oncall_desktop.core.clock import local_time, utc
from oncall_desktop.core.errors import DomainError
from oncall_desktop.core.incident import EventKind, Incident
from oncall_desktop.core.narrative import status_name
from oncall_desktop.core.policy import Policy

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
WEEKDAY_NAMES = {
    "fr": ("Lundi", "Mardi", "Mercredi", "Jeudi", "Vendredi", "Samedi", "Dimanche"),
    "en": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
}


@dataclass(frozen=True)
class RotationSpec:
    weekday: int  # 0 = Monday
    hour: int
    length_days: int
    members: tuple[str, ...]
    anchor: date  # on the first change day on or after it, members[0] became primary
    minute: int = 0

    def __post_init__(self) -> None:
        if not 0 <= self.weekday <= 6 or not 0 <= self.hour <= 23 or not 0 <= self.minute <= 59:
            raise DomainError("a rotation changes on a weekday (0-6) at a time of day")
        if self.length_days < 1:
            raise DomainError("a rotation lasts at least one day")


@dataclass(frozen=True)
class Shift:
    start: datetime
    end: datetime
    primary: str
    backup: str
    number: int  # shifts since the anchor
    previous: str = ""  # who was primary until ``start``: the outgoing engineer


def _first_change_day(spec: RotationSpec) -> date:
    return spec.anchor + timedelta(days=(spec.weekday - spec.anchor.weekday()) % 7)


def _change(spec: RotationSpec, k: int, zone: tzinfo | None) -> datetime:
    day = _first_change_day(spec) + timedelta(days=k * spec.length_days)
    local = datetime.combine(day, time(spec.hour, spec.minute))
    aware = local.replace(tzinfo=zone) if zone is not None else local.astimezone()
    return aware.astimezone(UTC)


def shift_at(spec: RotationSpec, moment: datetime, zone: tzinfo | None) -> Shift:
    """The shift running at ``moment``: it started at the last change and ends at the next."""
    moment = utc(moment)
    local_day = moment.astimezone(zone).date()
    k = (local_day - _first_change_day(spec)).days // spec.length_days
    while _change(spec, k, zone) > moment:
        k -= 1
    while _change(spec, k + 1, zone) <= moment:
        k += 1
    members = spec.members or ("",)
    return Shift(
        start=_change(spec, k, zone),
        end=_change(spec, k + 1, zone),
        primary=members[k % len(members)],
        backup=members[(k + 1) % len(members)] if len(members) > 1 else "",
        number=k,
        previous=members[(k - 1) % len(members)],
    )


def change_label(moment: datetime, zone: tzinfo | None, language: str, title: bool = False) -> str:
    """'lundi 9h' / 'Monday 09:00' within a sentence; with ``title``, 'Lundi 9h' as the SOP
    titles a handoff (French writes a weekday in lower case, but the SOP's title as it is)."""
    local = moment.astimezone(zone)
    day = WEEKDAY_NAMES["en" if language == "en" else "fr"][local.weekday()]
    if language != "en" and not title:
        day = day.lower()
    if language == "en":
        return f"{day} {local:%H:%M}"
    return f"{day} {local.hour}h" + (f"{local.minute:02d}" if local.minute else "")


# --- the rotation as the alert source has it ---------------------------------------------------


@dataclass(frozen=True)
class OnCallEntry:
    user_id: str
    user_name: str
    policy_id: str
    level: int
    start: datetime | None  # None: permanently on call
    end: datetime | None


def shift_from_oncalls(entries: list[OnCallEntry], now: datetime) -> Shift | None:
    """Who is primary (level 1) and backup (level 2) now on one escalation policy, and when
    the primary's shift ends; the incoming primary is who is level 1 from then."""
    now = utc(now)

    def covering(level: int, moment: datetime) -> OnCallEntry | None:
        for entry in entries:
            starts = entry.start is None or entry.start <= moment
            ends = entry.end is None or entry.end > moment
            if entry.level == level and starts and ends:
                return entry
        return None

    primary = covering(1, now)
    if primary is None or primary.end is None:
        return None  # nobody, or a permanent on-call: no rotation to hand over
    backup = covering(2, now)
    incoming = covering(1, primary.end)
    before = covering(1, primary.start - timedelta(seconds=1)) if primary.start else None
    return Shift(
        start=primary.start or now,
        end=primary.end,
        primary=primary.user_name,
        backup=backup.user_name if backup else (incoming.user_name if incoming else ""),
        number=0,
        previous=before.user_name if before else "",
    )


# --- the handoff note ---------------------------------------------------------------------------


@dataclass(frozen=True)
class IncidentLine:
    reference: str
    title: str
    severity: str
    status: str
    resolution: str = ""


@dataclass(frozen=True)
class Maintenance:
    day: date | None
    at: str  # HH:MM, or empty
    what: str


@dataclass(frozen=True)
class CheckState:
    at: datetime
    by: str
    detail: str = ""


@dataclass(frozen=True)
class HandoffNote:
    change_at: datetime
    outgoing: str
    incoming: str
    active: tuple[IncidentLine, ...] = ()
    last_week: tuple[IncidentLine, ...] = ()
    watch_items: tuple[str, ...] = ()
    upcoming: tuple[Maintenance, ...] = ()
    action_items: tuple[str, ...] = ()
    notes: str = ""
    signed_by: str = ""
    signed_at: datetime | None = None
    checks: dict[str, CheckState] = field(default_factory=dict)
    revision: int = 0

    def is_complete(self, policy: Policy) -> bool:
        """Handoff complete: every item of the SOP's incoming list acknowledged."""
        return all(c.id in self.checks for c in policy.handoff.incoming_checks)

    def missing_checks(self, policy: Policy) -> list[str]:
        return [c.id for c in policy.handoff.incoming_checks if c.id not in self.checks]

    def acknowledge(self, check_id: str, *, at: datetime, by: str, detail: str = "") -> HandoffNote:
        if check_id in self.checks:
            return self
        return replace(self, checks={**self.checks, check_id: CheckState(utc(at), by, detail)})

    def sign(self, *, at: datetime, by: str) -> HandoffNote:
        if not by.strip():
            raise DomainError("the outgoing engineer signs with a name")
        return replace(self, signed_by=by.strip(), signed_at=utc(at))

    def content(self) -> HandoffNote:
        return replace(self, revision=0)


def reference(incident: Incident) -> str:
    return f"INC-{incident.id or 0:03d}"


def _line(incident: Incident) -> IncidentLine:
    resolution = ""
    for event in incident.events(EventKind.STATUS_CHANGED):
        if event.data.get("to") == "resolved" and event.data.get("note"):
            resolution = str(event.data["note"])
    return IncidentLine(
        reference=reference(incident),
        title=incident.title,
        severity=incident.severity.value,
        status=incident.status.value,
        resolution=resolution,
    )


def incident_lines(incidents: list[Incident]) -> tuple[IncidentLine, ...]:
    """The handoff's lines for these incidents (its "Active incidents")."""
    return tuple(_line(i) for i in incidents)


def prefill(
    change_at: datetime,
    outgoing: str,
    incoming: str,
    *,
    active: list[Incident],
    last_week: list[Incident],
    previous: HandoffNote | None,
    action_items: list[str],
    today: date,
) -> HandoffNote:
    """The draft the outgoing engineer edits: what is open, what happened, what was being
    watched last time (carried over), the maintenance still ahead, action items due soon."""
    upcoming: tuple[Maintenance, ...] = ()
    watch: tuple[str, ...] = ()
    if previous is not None:
        watch = previous.watch_items
        upcoming = tuple(m for m in previous.upcoming if m.day is None or m.day >= today)
    return HandoffNote(
        change_at=utc(change_at),
        outgoing=outgoing,
        incoming=incoming,
        active=incident_lines(active),
        last_week=tuple(_line(i) for i in last_week if not i.is_drill),
        watch_items=watch,
        upcoming=upcoming,
        action_items=tuple(action_items),
    )


# --- storage form -------------------------------------------------------------------------------


def _when(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def to_json(note: HandoffNote) -> str:
    body: dict[str, Any] = {
        "change_at": note.change_at.isoformat(),
        "outgoing": note.outgoing,
        "incoming": note.incoming,
        "active": [vars(line) for line in note.active],
        "last_week": [vars(line) for line in note.last_week],
        "watch_items": list(note.watch_items),
        "upcoming": [
            {"day": m.day.isoformat() if m.day else None, "at": m.at, "what": m.what}
            for m in note.upcoming
        ],
        "action_items": list(note.action_items),
        "notes": note.notes,
        "signed_by": note.signed_by,
        "signed_at": _when(note.signed_at),
        "checks": {
            k: {"at": c.at.isoformat(), "by": c.by, "detail": c.detail}
            for k, c in note.checks.items()
        },
        "revision": note.revision,
    }
    return json.dumps(body, ensure_ascii=False)


def from_json(text: str) -> HandoffNote:
    body = json.loads(text)
    return HandoffNote(
        change_at=datetime.fromisoformat(body["change_at"]),
        outgoing=body.get("outgoing", ""),
        incoming=body.get("incoming", ""),
        active=tuple(IncidentLine(**line) for line in body.get("active", [])),
        last_week=tuple(IncidentLine(**line) for line in body.get("last_week", [])),
        watch_items=tuple(body.get("watch_items", [])),
        upcoming=tuple(
            Maintenance(
                day=date.fromisoformat(m["day"]) if m.get("day") else None,
                at=m.get("at", ""),
                what=m.get("what", ""),
            )
            for m in body.get("upcoming", [])
        ),
        action_items=tuple(body.get("action_items", [])),
        notes=body.get("notes", ""),
        signed_by=body.get("signed_by", ""),
        signed_at=datetime.fromisoformat(body["signed_at"]) if body.get("signed_at") else None,
        checks={
            k: CheckState(datetime.fromisoformat(c["at"]), c.get("by", ""), c.get("detail", ""))
            for k, c in body.get("checks", {}).items()
        },
        revision=int(body.get("revision", 0)),
    )


# --- Markdown, in the SOP's layout (French words where the French SOP has English ones) ---------

LABELS = {
    "fr": {
        "title": "Passation d’astreinte",
        "outgoing": "Sortant",
        "incoming": "Entrant",
        "no_active": "Aucun incident actif",
        "active": "Incidents actifs",
        "watch": "Points de vigilance",
        "last_week": "Incidents dernière semaine",
        "upcoming": "À venir",
        "actions": "Actions correctives à échéance",
        "notes": "Notes",
        "status": "Statut",
        "complete": "Passation terminée ✅",
        "pending": "Passation en attente ⏳",
        "signed": "Signé par",
    },
    "en": {
        "title": "On-Call Handoff",
        "outgoing": "Outgoing",
        "incoming": "Incoming",
        "no_active": "No active incidents",
        "active": "Active incidents",
        "watch": "Watch items",
        "last_week": "Last week's incidents",
        "upcoming": "Upcoming",
        "actions": "Action items due soon",
        "notes": "Notes",
        "status": "Status",
        "complete": "Handoff complete ✅",
        "pending": "Handoff pending ⏳",
        "signed": "Signed by",
    },
}


def _flat(text: str) -> str:
    return " ".join(text.split())


def to_markdown(note: HandoffNote, policy: Policy, language: str, zone: tzinfo | None) -> str:
    words = LABELS["en" if language == "en" else "fr"]
    local = note.change_at.astimezone(zone)
    out = [
        f"## {words['title']} - {change_label(note.change_at, zone, language, title=True)} "
        f"({local:%Y-%m-%d})",
        "",
        f"**{words['outgoing']}** ({_flat(note.outgoing)}) :",
    ]
    if note.active:
        out.append(f"🔥 {words['active']} :")
        out += [
            f"- {i.reference} : {_flat(i.title)} ({i.severity}, {status_name(i.status, language)})"
            for i in note.active
        ]
    else:
        out.append(f"✅ {words['no_active']}")
    out.append(f"⚠️ {words['watch']} :")
    out += [f"- {_flat(w)}" for w in note.watch_items] or ["- —"]
    out += ["", f"📝 {words['last_week']} :"]
    last_week = [
        f"- {i.reference} : {_flat(i.title)} "
        f"({_flat(i.resolution) or status_name(i.status, language)})"
        for i in note.last_week
    ]
    out += last_week or ["- —"]
    out += ["", f"🎯 {words['upcoming']} :"]
    upcoming = [
        "- " + " ".join(p for p in (m.day.isoformat() if m.day else "", m.at, _flat(m.what)) if p)
        for m in note.upcoming
    ]
    out += upcoming or ["- —"]
    if note.action_items:
        out += ["", f"📌 {words['actions']} :"]
        out += [f"- {_flat(a)}" for a in note.action_items]
    if note.notes.strip():
        out += ["", f"🗒️ {words['notes']} :", *note.notes.strip().splitlines()]
    if note.signed_at:
        out += [
            "",
            f"_{words['signed']} {_flat(note.signed_by)}, {local_time(note.signed_at, zone)}_",
        ]
    out += ["", f"**{words['incoming']}** ({_flat(note.incoming)}) :"]
    for check in policy.handoff.incoming_checks:
        mark = "✅" if check.id in note.checks else "⬜"
        out.append(f"{mark} {check.text.get(language)}")
    status = words["complete"] if note.is_complete(policy) else words["pending"]
    out += ["", f"**{words['status']}** : {status}", ""]
    return "\n".join(out)

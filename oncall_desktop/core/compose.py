"""Status messages from the SOP's templates, filled from the incident and its timeline.

The engineer supplies what only a human knows (root cause, actions, ETA, resolution, next
steps); everything else comes from the record. The result is plain text: each channel
formats it for itself (Slack escapes it, PagerDuty takes it as is).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, tzinfo
from enum import StrEnum

from oncall_desktop.core.clock import local_time
from oncall_desktop.core.drill import in_language
from oncall_desktop.core.incident import EventKind, Incident, Status
from oncall_desktop.core.narrative import describe
from oncall_desktop.core.policy import Audience, Policy, Severity
from oncall_desktop.core.updates import updates_sent


class MessageKind(StrEnum):
    DECLARED = "declared"
    UPDATE = "update"
    RESOLVED = "resolved"
    STATUS_PAGE = "status_page"
    STATUS_PAGE_RESOLVED = "status_page_resolved"
    EXECUTIVE = "executive"
    EXECUTIVE_RESOLVED = "executive_resolved"


# Which audience a message serves (its countdown is reset once it is confirmed sent).
AUDIENCE_OF = {
    MessageKind.DECLARED: Audience.INTERNAL,
    MessageKind.UPDATE: Audience.INTERNAL,
    MessageKind.RESOLVED: Audience.INTERNAL,
    MessageKind.STATUS_PAGE: Audience.STATUS_PAGE,
    MessageKind.STATUS_PAGE_RESOLVED: Audience.STATUS_PAGE,
    MessageKind.EXECUTIVE: Audience.EXECUTIVE,
    MessageKind.EXECUTIVE_RESOLVED: Audience.EXECUTIVE,
}
# The resolution notice of each audience (SOP 4.3).
RESOLVED_KIND = {
    Audience.INTERNAL: MessageKind.RESOLVED,
    Audience.STATUS_PAGE: MessageKind.STATUS_PAGE_RESOLVED,
    Audience.EXECUTIVE: MessageKind.EXECUTIVE_RESOLVED,
}

SEVERITY_EMOJI = {Severity.SEV1: "🔴", Severity.SEV2: "🟠", Severity.SEV3: "🟡"}
# Statuses as the SOP's messages say them ("**Status** : Investigating"), in each language of
# the messages: no English word inside a French message, and none the other way round.
STATUS_WORDS = {
    "en": {
        Status.TRIGGERED: "Triggered",
        Status.ACKNOWLEDGED: "Acknowledged",
        Status.INVESTIGATING: "Investigating",
        Status.MITIGATING: "Mitigating",
        Status.RESOLVED: "Resolved",
        Status.CLOSED: "Closed",
    },
    "fr": {
        Status.TRIGGERED: "Déclenché",
        Status.ACKNOWLEDGED: "Pris en charge",
        Status.INVESTIGATING: "Investigation en cours",
        Status.MITIGATING: "Atténuation en cours",
        Status.RESOLVED: "Résolu",
        Status.CLOSED: "Clos",
    },
}
# What an empty field reads as in a message.
TO_BE_DETERMINED = {"en": "TBD", "fr": "À déterminer"}


@dataclass(frozen=True)
class HumanInput:
    """What the engineer types; empty fields show as "—" (or "TBD" for the ETA)."""

    root_cause: str = ""
    actions: str = ""  # one per line
    eta: str = ""
    resolution: str = ""
    next_steps: str = ""  # one per line
    financial_impact: str = ""


def duration_text(delta: timedelta) -> str:
    """As the SOP writes durations: "9 min", "1h 15min", "2h", "24h"."""
    minutes = max(0, int(delta.total_seconds() // 60))
    hours, minutes = divmod(minutes, 60)
    if hours and not minutes:
        return f"{hours}h"
    return f"{hours}h {minutes:02d}min" if hours else f"{minutes} min"


def _bullets(text: str) -> str:
    lines = [line.strip().lstrip("-•").strip() for line in text.splitlines() if line.strip()]
    return "\n".join(f"- {line}" for line in lines) if lines else "- —"


def update_number(incident: Incident) -> int:
    """UPDATE #n counts the internal updates already sent after the declaration (one per
    message, however many destinations took it: core.updates)."""
    return max(1, len(updates_sent(incident, Audience.INTERNAL.value)))


def compose(
    kind: MessageKind,
    incident: Incident,
    policy: Policy,
    language: str,
    now: datetime,
    human: HumanInput = HumanInput(),
    zone: tzinfo | None = None,
    oncall: str = "",
) -> str:
    """Fill the SOP template for ``kind`` in ``language`` (the team's message language)."""
    language = "fr" if language == "fr" else "en"
    template = policy.templates[kind.value].get(language)
    impact = incident.impact
    if incident.is_drill:  # the drill's page and stand-in name speak the UI's language
        impact, oncall = in_language(impact, language), in_language(oncall, language)
    status = STATUS_WORDS[language][incident.status]
    end = incident.resolved_at or now
    values = {
        "severity": incident.severity.value,
        "severity_emoji": SEVERITY_EMOJI[incident.severity],
        "title": incident.title,
        "status": status,
        "impact": impact or "—",
        "started": local_time(incident.detected_at, zone),
        "oncall": oncall or "—",
        "link": (incident.alert.url if incident.alert else "") or "—",
        "number": update_number(incident),
        "elapsed": duration_text(now - incident.detected_at),
        "root_cause": human.root_cause or "—",
        "actions": _bullets(human.actions),
        "eta": human.eta or TO_BE_DETERMINED[language],
        "impact_line": impact or "",
        "duration": duration_text(end - incident.detected_at),
        "start": local_time(incident.detected_at, zone, with_date=False),
        "end": local_time(end, zone, with_date=False),
        "resolution": human.resolution or incident.resolution_note or "—",
        "timeline": _timeline(incident, policy, language, zone),
        "next_steps": _bullets(human.next_steps),
        "every": _status_page_every(incident, policy),
        "promise": _status_page_promise(incident, policy, language),
        "financial_impact": human.financial_impact or "—",
        "plan": human.actions.strip().replace("\n", "; ") or "—",
    }
    return template.format(**values).strip()


def _timeline(incident: Incident, policy: Policy, language: str, zone: tzinfo | None) -> str:
    wanted = (
        EventKind.DECLARED,
        EventKind.STATUS_CHANGED,
        EventKind.SEVERITY_CHANGED,
        EventKind.NOTE,
        EventKind.CONTACT_NOTIFIED,
    )
    lines = [
        f"- {local_time(e.at, zone, with_date=False)} : {describe(e, policy, language)}"
        for e in incident.timeline
        if e.kind in wanted and not e.data.get("copy_of")  # a copy posted: not the incident's
    ]
    return "\n".join(lines) or "- —"


def _status_page_every(incident: Incident, policy: Policy) -> int:
    """Minutes between status-page updates (kept for override templates that use {every})."""
    rule = policy.cadence_rule(Audience.STATUS_PAGE, incident.severity)
    return int(rule.every.total_seconds() // 60) if rule.every else 0


def _status_page_promise(incident: Incident, policy: Policy, language: str) -> str:
    """The closing sentence of the status-page message: a cadence only when the severity has
    one (SEV-1: 30 min, SEV-2: 1 h); otherwise no promise the team does not keep."""
    rule = policy.cadence_rule(Audience.STATUS_PAGE, incident.severity)
    if not rule.every:
        return policy.templates["status_page_no_promise"].get(language)
    return (
        policy.templates["status_page_promise"]
        .get(language)
        .format(every=every_text(rule.every, language))
    )


def every_text(every: timedelta, language: str) -> str:
    """What follows "every" / "toutes les": '30 minutes', 'hour', '2 hours' / '30 minutes',
    'heures', '2 heures'."""
    minutes = int(every.total_seconds() // 60)
    if minutes % 60:
        return f"{minutes} minutes"
    hours = minutes // 60
    if hours == 1:
        return "heures" if language == "fr" else "hour"
    return f"{hours} heures" if language == "fr" else f"{hours} hours"


def default_kind(incident: Incident, audience: Audience) -> MessageKind:
    """The message the SOP expects next for an audience: once resolved, its resolution notice."""
    if not incident.is_active:
        return RESOLVED_KIND[audience]
    if audience is Audience.STATUS_PAGE:
        return MessageKind.STATUS_PAGE
    if audience is Audience.EXECUTIVE:
        return MessageKind.EXECUTIVE
    sent = updates_sent(incident, Audience.INTERNAL.value)
    return MessageKind.UPDATE if sent else MessageKind.DECLARED


def status_page_title(incident: Incident, policy: Policy, language: str) -> str:
    """The title the incident's one post on the status page is created with: the declaration
    time in UTC, never the internal title. Two incidents declared in the same minute share it,
    so the post is remembered by its id once created, never looked for by this title."""
    start = incident.declared_at.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC")
    return policy.templates["status_page_title"].get(language).format(start=start)

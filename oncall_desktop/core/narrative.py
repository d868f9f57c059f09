"""Plain-language lines for timeline events, shared by the window and the messages."""

from __future__ import annotations

from oncall_desktop.core.incident import EventKind, TimelineEvent
from oncall_desktop.core.policy import Policy


def describe(event: TimelineEvent, policy: Policy, language: str) -> str:
    """One line for an event; the step and audience names come from the SOP data."""
    data = event.data
    if event.kind is EventKind.DECLARED:
        reason = f" — {data['reason']}" if data.get("reason") else ""
        return f"Declared {data.get('severity')}: {data.get('title')}{reason}"
    if event.kind is EventKind.STATUS_CHANGED:
        note = f" ({data['note']})" if data.get("note") else ""
        return f"Status {data.get('previous')} → {data.get('to')}{note}"
    if event.kind is EventKind.SEVERITY_CHANGED:
        return f"Severity {data.get('previous')} → {data.get('to')}: {data.get('reason')}"
    if event.kind in (EventKind.STEP_DONE, EventKind.STEP_UNDONE):
        step_id = str(data.get("step"))
        text = next(
            (s.text.get(language) for p in policy.phases for s in p.steps if s.id == step_id), ""
        )
        verb = "Done" if event.kind is EventKind.STEP_DONE else "Undone"
        note = f" — {data['note']}" if data.get("note") else ""
        return f"{verb}: {step_id} {text}{note}"
    if event.kind is EventKind.NOTE:
        return str(data.get("text", ""))
    if event.kind is EventKind.UPDATE_SENT:
        audience = str(data.get("audience"))
        name = next(
            (c.name.get(language) for a, c in policy.cadence.items() if a.value == audience),
            audience,
        )
        via = f" ({data['channel']})" if data.get("channel") else ""
        link = f" {data['link']}" if data.get("link") else ""
        return f"Update sent: {name}{via}{link}"
    if event.kind is EventKind.REMINDER_SNOOZED:
        return (
            f"Reminder snoozed ({data.get('audience')}) until {data.get('until')}: "
            f"{data.get('reason')}"
        )
    if event.kind is EventKind.CONTACT_NOTIFIED:
        return f"Escalation: {data.get('contact')} notified"
    return event.kind.value

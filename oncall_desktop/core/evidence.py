"""Checklist steps ticked by evidence: what the app did or saw is proof a step was done.

A page received ticks 1.1, its acknowledgement 1.2 (once its alert source has it), a
severity set through the wizard 1.3, the declaration posted 1.4, an escalation contact reached
3.2, an update sent 3.3, the resolution 4.2 (in the alert source, for a page), a resolution
notice sent 4.3 (which step each evidence ticks is procedure data). Nothing is
stored: a step is done when a person ticked it, or when the timeline holds its evidence and no
person unticked it since. So the checklist, the phases, the reminders and the drill's score
all read the same answer, whichever console or process wrote the evidence.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from oncall_desktop.core.alert_requests import resolved_later
from oncall_desktop.core.incident import EventKind, Incident, Status, TimelineEvent
from oncall_desktop.core.policy import Audience, Policy
from oncall_desktop.core.updates import updates_sent

APP = "the app"  # who ticked a step ticked by evidence


@dataclass(frozen=True)
class StepDone:
    step_id: str
    at: datetime
    by: str  # a person, or APP
    evidence: str = ""  # the evidence's kind, when ticked by it

    @property
    def by_the_app(self) -> bool:
        return bool(self.evidence)


def _internal_updates(incident: Incident) -> list[TimelineEvent]:
    """The team's updates, one per message (core.updates: delivered where the team reads,
    or marked sent; a copy elsewhere, or a refused post, is none)."""
    return updates_sent(incident, Audience.INTERNAL.value)


def _first(events: list[TimelineEvent]) -> TimelineEvent | None:
    return min(events, key=lambda e: e.at) if events else None


def _page_received(incident: Incident) -> TimelineEvent | None:
    declared = incident.events(EventKind.DECLARED)
    if incident.alert is not None and declared:
        return declared[0]
    return None


def _acknowledged(incident: Incident) -> TimelineEvent | None:
    declared = [
        e for e in incident.events(EventKind.DECLARED) if e.data.get("status") != "triggered"
    ]
    moves = [  # taken up: resolving a page nobody acknowledged is not acknowledging it
        e
        for e in incident.events(EventKind.STATUS_CHANGED)
        if e.data.get("previous") == Status.TRIGGERED
        and e.data.get("to") not in (Status.RESOLVED, Status.CLOSED)
        and _holds_in_source(incident, e)
    ]
    return _first(declared + moves)


def _holds_in_source(incident: Incident, event: TimelineEvent) -> bool:
    """A page's acknowledgement or resolution counts once its alert source has it (the move
    says ``confirmed_by``); a click here alone does not stop PagerDuty escalating. An incident
    declared here has no source: its own moves count."""
    return incident.alert is None or bool(event.data.get("confirmed_by"))


def _severity_confirmed(incident: Incident) -> TimelineEvent | None:
    by_hand = [
        e for e in incident.events(EventKind.DECLARED) if not e.data.get("provisional_from_urgency")
    ]
    return _first(by_hand + incident.events(EventKind.SEVERITY_CHANGED))


def _declaration_posted(incident: Incident) -> TimelineEvent | None:
    return _first(_internal_updates(incident))


def _contact_notified(incident: Incident) -> TimelineEvent | None:
    return _first(incident.events(EventKind.CONTACT_NOTIFIED))


def _update_sent(incident: Incident) -> TimelineEvent | None:
    """An update after the declaration: the second internal update (a message, however many
    destinations took it), or one sent as UPDATE."""
    updates = _internal_updates(incident)
    kinds = [e for e in updates if e.data.get("kind") == "update"]
    return _first(kinds) or (updates[1] if len(updates) > 1 else None)


def _resolutions(incident: Incident) -> list[TimelineEvent]:
    return [
        e for e in incident.events(EventKind.STATUS_CHANGED) if e.data.get("to") == Status.RESOLVED
    ]


def _resolved(incident: Incident) -> TimelineEvent | None:
    """Resolved where it counts: in the alert source for a page (SOP 4.2 "resolve the
    incident (PagerDuty)"), here for an incident declared here. A page resolved here only
    counts once its source resolves it too."""
    confirmed = [e for e in _resolutions(incident) if _holds_in_source(incident, e)]
    later = resolved_later(incident)
    return _first(confirmed + ([later] if later is not None else []))


def _resolution_notice_sent(incident: Incident) -> TimelineEvent | None:
    resolved = _first(_resolutions(incident))
    if resolved is None:
        return None
    return _first([e for e in incident.events(EventKind.UPDATE_SENT) if e.at >= resolved.at])


EVIDENCE: dict[str, Callable[[Incident], TimelineEvent | None]] = {
    "page_received": _page_received,
    "acknowledged": _acknowledged,
    "severity_confirmed": _severity_confirmed,
    "declaration_posted": _declaration_posted,
    "contact_notified": _contact_notified,
    "update_sent": _update_sent,
    "resolved": _resolved,
    "resolution_notice_sent": _resolution_notice_sent,
}


def done_steps(incident: Incident, policy: Policy) -> dict[str, StepDone]:
    """Every step done, by a person or by evidence, keyed by step id."""
    unticked: dict[str, datetime] = {}
    for event in incident.events(EventKind.STEP_UNDONE):
        step = str(event.data.get("step"))
        unticked[step] = max(unticked.get(step, event.at), event.at)
    done: dict[str, StepDone] = {}
    for step_id, kind in policy.step_evidence.items():
        finder = EVIDENCE.get(kind)
        found = finder(incident) if finder is not None else None
        if found is not None and not (step_id in unticked and unticked[step_id] >= found.at):
            done[step_id] = StepDone(step_id, found.at, APP, kind)
    for step_id, state in incident.steps.items():
        if state.done and state.done_at is not None:
            done[step_id] = StepDone(step_id, state.done_at, state.done_by)  # a person's tick
    return done


def is_done(incident: Incident, policy: Policy, step_id: str) -> bool:
    return step_id in done_steps(incident, policy)

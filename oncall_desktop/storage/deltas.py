"""What one stored change made to an incident, small enough to travel with its announcement
(team mode, issue 27): the incident's new version, its fields, the timeline events it added
and the checklist steps it changed. A console that has the version before applies it to what
it has, without reading the database; one that does not reads what is newer
(``IncidentRepository.catch_up``), which comes back as a delta too.

Events are never rewritten and their ids grow with the versions (every change holds the
incident's row while it writes), so "the events after my last one" is exact, and applying a
delta twice adds nothing twice. Steps are never removed: a delta's steps replace those of the
same id.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from types import MappingProxyType
from typing import Any

from oncall_desktop.core.incident import EventKind, Incident, Status, StepState, TimelineEvent
from oncall_desktop.core.paging import AlertLink
from oncall_desktop.core.policy import Severity


@dataclass(frozen=True)
class IncidentDelta:
    """``head``: the incident's fields as stored (its timeline and steps empty). ``whole``:
    ``events`` and ``steps`` are all the incident has (a new incident). ``after_event``: the
    events are those after this event id (a read of what is newer; 0 otherwise)."""

    version: int
    head: Incident
    events: tuple[TimelineEvent, ...] = ()
    steps: tuple[StepState, ...] = ()
    whole: bool = False
    after_event: int = 0

    @property
    def incident_id(self) -> int:
        return self.head.id or 0

    def applied_to(self, known: Incident | None) -> Incident:
        """The incident after this change, from ``known`` (None: only for a whole delta). A
        new Incident: ``known`` is left as it was (windows may be showing it)."""
        if self.whole or known is None:
            timeline = list(self.events)
            steps = {step.step_id: step for step in self.steps}
        else:
            last = last_event_id(known)
            timeline = [*known.timeline, *(e for e in self.events if (e.id or 0) > last)]
            steps = {**known.steps, **{step.step_id: step for step in self.steps}}
        return replace(self.head, timeline=timeline, steps=steps)

    # --- on the wire ---------------------------------------------------------------------------

    def encode(self) -> str:
        h = self.head
        alert = [h.alert.source, h.alert.id, h.alert.url] if h.alert else None
        fields = [h.id, h.title, h.impact, h.severity.value, h.status.value]
        times = [h.detected_at, h.declared_at, h.acknowledged_at, h.resolved_at, h.closed_at]
        return json.dumps(
            {
                "v": self.version,
                "w": int(self.whole),
                "i": [*fields, *(_time(t) for t in times), alert, h.is_drill],
                "e": [
                    [e.id, _time(e.at), e.kind.value, e.actor, dict(e.data)] for e in self.events
                ],
                "s": [[s.step_id, _time(s.done_at), s.done_by, s.note] for s in self.steps],
            },
            ensure_ascii=False,
            separators=(",", ":"),
        )

    @classmethod
    def decode(cls, text: str) -> IncidentDelta | None:
        """None for anything this console cannot read (a newer console's format): it then
        reads the incident instead."""
        try:
            raw = json.loads(text)
            ident, title, impact, severity, status, *rest = raw["i"]
            detected, declared, acknowledged, resolved, closed, alert, is_drill = rest
            head = Incident(
                id=int(ident),
                title=title,
                impact=impact,
                severity=Severity(severity),
                status=Status(status),
                detected_at=_parse(detected),
                declared_at=_parse(declared),
                acknowledged_at=_parse_optional(acknowledged),
                resolved_at=_parse_optional(resolved),
                closed_at=_parse_optional(closed),
                alert=AlertLink(*alert) if alert else None,
                is_drill=bool(is_drill),
            )
            events = tuple(
                TimelineEvent(
                    id=int(e_id),
                    at=_parse(at),
                    kind=EventKind(kind),
                    actor=actor,
                    data=MappingProxyType(dict(data)),
                )
                for e_id, at, kind, actor, data in raw["e"]
            )
            steps = tuple(
                StepState(step_id, done_at=_parse_optional(done_at), done_by=by, note=note)
                for step_id, done_at, by, note in raw["s"]
            )
            return cls(int(raw["v"]), head, events, steps, whole=bool(raw["w"]))
        except (KeyError, TypeError, ValueError):
            return None


def last_event_id(incident: Incident) -> int:
    return max((e.id or 0 for e in incident.timeline), default=0)


def _time(value: datetime | None) -> str | None:
    return value.astimezone(UTC).isoformat() if value is not None else None


def _parse(value: Any) -> datetime:
    parsed = datetime.fromisoformat(value)
    if parsed.tzinfo is None:
        raise ValueError("naive time in a change")
    return parsed.astimezone(UTC)


def _parse_optional(value: Any) -> datetime | None:
    return _parse(value) if value is not None else None

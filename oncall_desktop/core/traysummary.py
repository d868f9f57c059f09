"""What the tray says at a glance, as plain data: its level and what it counts.

The console's busiest question (asked every second) is a pure function here, tested on its
own; the UI only picks the icon and words for it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

from oncall_desktop.core.incident import Incident


class TrayLevel(StrEnum):
    """Most urgent first: an overdue update outranks being offline, which outranks work."""

    UPDATE_OVERDUE = "update_overdue"
    OFFLINE = "offline"
    INCIDENT_OPEN = "incident_open"
    IDLE = "idle"


@dataclass(frozen=True)
class TraySummary:
    level: TrayLevel
    overdue_incidents: int
    pages_to_acknowledge: int
    open_incidents: int
    postmortems_overdue: int
    handoffs_pending: int
    pages_acknowledged_unopened: int = 0  # taken from a notification, no incident opened yet

    @property
    def quiet(self) -> bool:
        """Nothing to count: the tray says there is no open incident."""
        return not (
            self.overdue_incidents
            or self.pages_to_acknowledge
            or self.open_incidents
            or self.postmortems_overdue
            or self.handoffs_pending
            or self.pages_acknowledged_unopened
        )


def summarize(
    active: Iterable[Incident],
    dues_of: Callable[[Incident], Mapping[Any, Any]],
    pages_to_acknowledge: int,
    offline: bool,
    postmortems_overdue: int,
    handoffs_pending: int,
    now: datetime,
    pages_acknowledged_unopened: int = 0,
) -> TraySummary:
    """``dues_of(incident)``: the updates it owes (core.deadlines.next_updates)."""
    incidents = list(active)
    overdue = sum(1 for i in incidents if any(d.overdue(now) for d in dues_of(i).values()))
    if overdue:
        level = TrayLevel.UPDATE_OVERDUE
    elif offline:
        level = TrayLevel.OFFLINE
    elif incidents or pages_to_acknowledge or pages_acknowledged_unopened:
        level = TrayLevel.INCIDENT_OPEN
    else:
        level = TrayLevel.IDLE
    return TraySummary(
        level,
        overdue,
        pages_to_acknowledge,
        len(incidents),
        postmortems_overdue,
        handoffs_pending,
        pages_acknowledged_unopened,
    )

"""What one console knows of the incidents it shows, each at its version, kept current by its
colleagues' announced changes (team mode, issue 27).

A change that follows the version this console has is applied to it, without reading the
database; one that does not (this console was not on the version before, or the change was
too large to travel) says so, and the console reads only what is newer
(``IncidentRepository.catch_up``). Whatever it learns, from the feed or from a read, the
newest version wins: a read that returns after a newer change was applied never takes it
back. After the change feed lost the server the console forgets everything and reads again
(announcements missed meanwhile are not replayed).

Thread-safe: the repository feeds it from the worker threads that read and write, the change
feed from the GUI thread.
"""

from __future__ import annotations

import itertools
import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING

from oncall_desktop.core.incident import Incident
from oncall_desktop.storage.deltas import IncidentDelta, last_event_id

if TYPE_CHECKING:
    from oncall_desktop.storage.changes import Change

# Incidents kept (the least recently learned go first): far more than a console shows.
LIMIT = 1000


@dataclass(frozen=True)
class Known:
    incident: Incident
    version: int
    learned: int  # when (this mirror's own sequence), for ``listed``


class IncidentMirror:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._known: dict[int, Known] = {}
        self._sequence = itertools.count(1)
        self._last = 0
        self.applied = 0  # changes applied from their announcement (tests, benchmark)

    def mark(self) -> int:
        """Now, for ``listed``: what is learned after this is newer than a list read after."""
        with self._lock:
            return self._last

    def _store(self, incident: Incident, version: int) -> Incident:
        assert incident.id is not None
        self._last = next(self._sequence)
        self._known.pop(incident.id, None)
        self._known[incident.id] = Known(incident, version, self._last)
        if len(self._known) > LIMIT:
            del self._known[next(iter(self._known))]
        return incident

    def know(self, incident: Incident, version: int) -> Incident:
        """An incident as read (or written) at ``version``: kept unless a newer one is known.
        Returns the newest known."""
        if incident.id is None:
            return incident
        with self._lock:
            known = self._known.get(incident.id)
            if known is not None and known.version >= version:
                return known.incident
            return self._store(incident, version)

    def current(self, incident_id: int) -> Incident | None:
        with self._lock:
            known = self._known.get(incident_id)
            return known.incident if known is not None else None

    def since(self, incident_id: int) -> tuple[int, int] | None:
        """(version, last event id) known of this incident; None if none."""
        with self._lock:
            known = self._known.get(incident_id)
            if known is None:
                return None
            return known.version, last_event_id(known.incident)

    def heard(self, change: Change) -> Incident | None:
        """A colleague's change to ``change.id``: the incident after it (applied to what is
        known, or already known), or None when it must be read."""
        with self._lock:
            known = self._known.get(change.id)
            if change.version is None:
                return None  # no version: read it
            if known is not None and change.version <= known.version:
                return known.incident  # learned already (a read since, or a list)
            delta = change.delta
            if delta is None:
                return None
            if delta.whole or (known is not None and delta.version == known.version + 1):
                self.applied += 1
                before = known.incident if known is not None else None
                return self._store(delta.applied_to(before), delta.version)
            return None

    def learn(self, newer: IncidentDelta) -> Incident | None:
        """What a read found newer than (version, last event) given by ``since``. None when
        this console no longer has what it was read against (forgotten meanwhile): read it
        whole."""
        with self._lock:
            known = self._known.get(newer.incident_id)
            if known is None or last_event_id(known.incident) < newer.after_event:
                return None
            if newer.version <= known.version:
                return known.incident
            return self._store(newer.applied_to(known.incident), newer.version)

    def listed(self, incidents: list[Incident], mark: int) -> list[Incident]:
        """A list of open incidents read after ``mark``, brought up to what was learned since
        (a colleague's incident declared, resolved, changed after the list was read), newest
        versions, most recently detected first."""
        with self._lock:
            newest = {i.id: self._newest(i) for i in incidents if i.id is not None}
            for ident, known in self._known.items():
                if known.learned > mark:
                    if known.incident.is_active:
                        newest[ident] = known.incident
                    else:
                        newest.pop(ident, None)
        return sorted(newest.values(), key=lambda i: (i.detected_at, i.id or 0), reverse=True)

    def _newest(self, incident: Incident) -> Incident:
        known = self._known.get(incident.id or 0)
        return known.incident if known is not None else incident

    def forget(self) -> None:
        """The change feed lost the server: what is known may be behind; read it again."""
        with self._lock:
            self._known.clear()

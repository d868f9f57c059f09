"""Presence in team mode: each console says, by a heartbeat, which incidents it has open and
who is at it; the others read the fresh rows. A console that quits removes its rows; one
that crashed or lost the database is forgotten once its heartbeat is older than the expiry."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import delete, select

from oncall_desktop.storage.changes import announce
from oncall_desktop.storage.db import Database
from oncall_desktop.storage.tables import PresenceRow

NO_INCIDENT = 0  # the console runs with no cockpit open


class PresenceRepository:
    def __init__(self, database: Database, console: str) -> None:
        self._db = database
        self.console = console

    def beat(self, person: str, incident_ids: set[int], at: datetime) -> None:
        """This console, now: ``person`` has these incidents open (none: still here)."""
        wanted = incident_ids or {NO_INCIDENT}
        with self._db.session() as session:
            rows = {
                row.incident_id: row
                for row in session.scalars(
                    select(PresenceRow).where(PresenceRow.console == self.console)
                )
            }
            changed = set(rows) != wanted
            for incident_id, row in rows.items():
                if incident_id not in wanted:
                    session.delete(row)
            for incident_id in wanted:
                present = rows.get(incident_id)
                if present is None:
                    session.add(
                        PresenceRow(
                            console=self.console,
                            incident_id=incident_id,
                            person=person,
                            heartbeat_at=at,
                        )
                    )
                else:
                    present.person, present.heartbeat_at = person, at
            if changed:  # opened or closed a cockpit: the others hear it at once
                announce(session, self._db, "presence", NO_INCIDENT)

    def others(self, since: datetime) -> dict[int, list[str]]:
        """Who else (other consoles, heartbeat not older than ``since``) has each incident
        open, names sorted, each once."""
        with self._db.session() as session:
            rows = session.execute(
                select(PresenceRow.incident_id, PresenceRow.person).where(
                    PresenceRow.console != self.console,
                    PresenceRow.heartbeat_at >= since,
                    PresenceRow.incident_id != NO_INCIDENT,
                )
            ).all()
        found: dict[int, set[str]] = {}
        for incident_id, person in rows:
            found.setdefault(incident_id, set()).add(person)
        return {incident_id: sorted(people) for incident_id, people in found.items()}

    def leave(self) -> None:
        with self._db.session() as session:
            session.execute(delete(PresenceRow).where(PresenceRow.console == self.console))
            announce(session, self._db, "presence", NO_INCIDENT)


EXPIRY = timedelta(seconds=35)  # three missed heartbeats (every 10 s) and a margin

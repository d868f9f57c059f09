"""Large, deterministic incident histories inserted in bulk (tests and benchmarks)."""

from __future__ import annotations

import json
import random
from datetime import datetime, timedelta

from sqlalchemy import func, select, text

from oncall_desktop.core.policy import Severity
from oncall_desktop.storage.db import Database
from oncall_desktop.storage.tables import IncidentRow, TimelineEventRow

RESET_SEQUENCE = "SELECT setval(pg_get_serial_sequence('incidents', 'id'), max(id)) FROM incidents"
SEVERITY_MIX = (Severity.SEV1, Severity.SEV2, Severity.SEV2, Severity.SEV3, Severity.SEV3)


def bulk_incidents(
    database: Database,
    count: int,
    newest: datetime,
    *,
    span: timedelta = timedelta(days=730),
    events_per_incident: int = 0,
    seed: int = 5,
    batch: int = 20_000,
) -> None:
    """``count`` resolved incidents spread over ``span`` before ``newest``, with acknowledge and
    resolve times varying by severity; every 50th is a drill, every 97th never acknowledged."""
    rng = random.Random(seed)
    incidents = IncidentRow.__table__
    events = TimelineEventRow.__table__
    step = span / max(count, 1)
    names = ("API 500", "DB lag", "webhooks", "latency", "memory")
    with database.engine.begin() as connection:
        last = select(func.max(incidents.c.id))
        first_id = (connection.execute(last).scalar() or 0) + 1
        rows: list[dict[str, object]] = []
        timeline: list[dict[str, object]] = []

        def flush() -> None:
            # incidents first: the events point at them
            if rows:
                connection.execute(incidents.insert(), rows)
                rows.clear()
            if timeline:
                connection.execute(events.insert(), timeline)
                timeline.clear()

        for n in range(count):
            severity = SEVERITY_MIX[n % len(SEVERITY_MIX)]
            detected = newest - step * (count - n)
            ack_after = timedelta(seconds=rng.randint(30, 1800))
            resolve_after = timedelta(minutes=rng.randint(10, 600))
            rows.append(
                {
                    "id": first_id + n,
                    "title": f"Incident {n}: {rng.choice(names)}",
                    "impact": "",
                    "severity": severity.value,
                    "status": "resolved",
                    "detected_at": detected,
                    "declared_at": detected,
                    "acknowledged_at": None if n % 97 == 0 else detected + ack_after,
                    "resolved_at": detected + resolve_after,
                    "ack_seconds": None if n % 97 == 0 else int(ack_after.total_seconds()),
                    "resolve_seconds": int(resolve_after.total_seconds()),
                    "closed_at": None,
                    "alert_source": None,
                    "alert_id": None,
                    "alert_url": None,
                    "is_drill": n % 50 == 0,
                }
            )
            for k in range(events_per_incident):
                timeline.append(
                    {
                        "incident_id": first_id + n,
                        "at": detected + timedelta(minutes=k),
                        "kind": "note",
                        "actor": "bench",
                        "data": json.dumps({"text": f"observation {k}"}),
                    }
                )
            if len(rows) >= batch or len(timeline) >= batch * 5:
                flush()
        flush()
        if connection.dialect.name == "postgresql":  # explicit ids: move the sequence on
            connection.execute(text(RESET_SEQUENCE))

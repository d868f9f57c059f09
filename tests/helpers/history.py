"""Large, deterministic incident histories inserted in bulk (tests and benchmarks).

Rows go in through the driver itself (executemany on SQLite, COPY on PostgreSQL): a million
incidents with ten million timeline events load in minutes, not hours.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import func, select, text

from oncall_desktop.core.policy import Severity
from oncall_desktop.storage.db import Database
from oncall_desktop.storage.kpi_facts import rebuild
from oncall_desktop.storage.tables import IncidentRow

RESET_SEQUENCE = "SELECT setval(pg_get_serial_sequence('{table}', 'id'), max(id)) FROM {table}"
SEVERITY_MIX = (Severity.SEV1, Severity.SEV2, Severity.SEV2, Severity.SEV3, Severity.SEV3)
INCIDENT_COLUMNS = (
    "id",
    "title",
    "impact",
    "severity",
    "status",
    "detected_at",
    "declared_at",
    "acknowledged_at",
    "resolved_at",
    "ack_seconds",
    "resolve_seconds",
    "closed_at",
    "alert_source",
    "alert_id",
    "alert_url",
    "is_drill",
)
EVENT_COLUMNS = ("incident_id", "at", "kind", "actor", "data")
POSTMORTEM_COLUMNS = (
    "id",
    "incident_id",
    "title",
    "body",
    "revision",
    "created_at",
    "updated_at",
    "due_at",
    "signed_at",
)
ITEM_COLUMNS = ("postmortem_id", "number", "action", "owner", "due_on", "status", "created_at")
ITEM_COLUMNS_CLOSED = (*ITEM_COLUMNS, "closed_at")


def bulk_incidents(
    database: Database,
    count: int,
    newest: datetime,
    *,
    span: timedelta = timedelta(days=730),
    events_per_incident: int = 0,
    postmortems: bool = False,
    seed: int = 5,
    batch: int = 20_000,
) -> None:
    """``count`` resolved incidents spread over ``span`` before ``newest``, with acknowledge and
    resolve times varying by severity; every 50th is a drill, every 97th never acknowledged.
    ``postmortems``: every SEV-1 and SEV-2 also gets a post-mortem a day after its resolution
    (six in seven signed) with two action items (three in four done, within 1 to 60 days)."""
    rng = random.Random(seed)
    extra = random.Random(seed + 1)  # post-mortems: the incidents stay the same with or without
    step = span / max(count, 1)
    names = ("API 500", "DB lag", "webhooks", "latency", "memory")
    with database.engine.begin() as connection:
        first_id = (connection.execute(select(func.max(IncidentRow.id))).scalar() or 0) + 1
        first_pm = (connection.execute(text("SELECT max(id) FROM postmortems")).scalar() or 0) + 1
    writer = _Writer(database)
    incidents: list[tuple[Any, ...]] = []
    timeline: list[tuple[Any, ...]] = []
    pms: list[tuple[Any, ...]] = []
    items: list[tuple[Any, ...]] = []
    items_closed: list[tuple[Any, ...]] = []

    def flush() -> None:
        # the rows pointed at first: incidents, then their events and post-mortems
        writer.write("incidents", INCIDENT_COLUMNS, incidents)
        writer.write("timeline_events", EVENT_COLUMNS, timeline)
        writer.write("postmortems", POSTMORTEM_COLUMNS, pms)
        writer.write("action_items", ITEM_COLUMNS, items)
        writer.write("action_items", ITEM_COLUMNS_CLOSED, items_closed)

    try:
        for n in range(count):
            incident_id = first_id + n
            severity = SEVERITY_MIX[n % len(SEVERITY_MIX)]
            detected = newest - step * (count - n)
            ack_after = timedelta(seconds=rng.randint(30, 1800))
            resolve_after = timedelta(minutes=rng.randint(10, 600))
            title = f"Incident {n}: {rng.choice(names)}"
            resolved = detected + resolve_after
            incidents.append(
                (
                    incident_id,
                    title,
                    "",
                    severity.value,
                    "resolved",
                    detected,
                    detected,
                    None if n % 97 == 0 else detected + ack_after,
                    resolved,
                    None if n % 97 == 0 else int(ack_after.total_seconds()),
                    int(resolve_after.total_seconds()),
                    None,
                    None,
                    None,
                    None,
                    n % 50 == 0,
                )
            )
            for k in range(events_per_incident):
                timeline.append(
                    (
                        incident_id,
                        detected + timedelta(minutes=k),
                        "note",
                        "bench",
                        json.dumps({"text": f"observation {k}"}),
                    )
                )
            if postmortems and severity in (Severity.SEV1, Severity.SEV2):
                pm_id, first_pm = first_pm, first_pm + 1
                created = resolved + timedelta(days=1)
                signed = created + timedelta(days=3) if extra.randrange(7) else None
                pms.append((pm_id, incident_id, title, "{}", 1, created, created, None, signed))
                for number in (1, 2):
                    if extra.randrange(4):
                        closed = created + timedelta(days=extra.randint(1, 60))
                        items_closed.append(
                            (pm_id, number, "fix", "dev", None, "done", created, closed)
                        )
                    else:
                        items.append((pm_id, number, "fix", "dev", None, "open", created))
            if len(incidents) >= batch or len(timeline) >= batch * 5:
                flush()
        flush()
        writer.finish()
    finally:
        writer.close()
    with database.engine.begin() as connection:  # what the repositories keep with each write
        rebuild(connection)


class _Writer:
    """Rows straight into the driver: executemany on SQLite (datetimes as SQLAlchemy stores
    them), COPY on PostgreSQL; one transaction for the whole load."""

    def __init__(self, database: Database) -> None:
        self.sqlite = database.is_sqlite
        self.raw = database.engine.raw_connection()

    def write(self, table: str, columns: Sequence[str], rows: list[tuple[Any, ...]]) -> None:
        if not rows:
            return
        cursor = self.raw.cursor()
        try:
            if self.sqlite:
                marks = ", ".join("?" for _ in columns)
                cursor.executemany(
                    f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})",
                    list(_sqlite_rows(rows)),
                )
            else:
                copy_cursor = self.raw.driver_connection.cursor()  # type: ignore[union-attr]
                with copy_cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
                    for row in rows:
                        copy.write_row(tuple(_naive(v) for v in row))
        finally:
            cursor.close()
        rows.clear()

    def finish(self) -> None:
        cursor = self.raw.cursor()
        try:
            if not self.sqlite:  # explicit ids: move the sequences on
                for table in ("incidents", "postmortems"):
                    cursor.execute(RESET_SEQUENCE.format(table=table))
        finally:
            cursor.close()
        self.raw.commit()

    def close(self) -> None:
        self.raw.close()


def _naive(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.astimezone(UTC).replace(tzinfo=None)
    return value


def _sqlite_rows(rows: list[tuple[Any, ...]]) -> Iterator[tuple[Any, ...]]:
    for row in rows:
        yield tuple(
            f"{_naive(v):%Y-%m-%d %H:%M:%S.%f}"
            if isinstance(v, datetime)
            else (int(v) if isinstance(v, bool) else v)
            for v in row
        )

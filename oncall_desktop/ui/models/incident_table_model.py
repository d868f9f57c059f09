"""The open incidents as a table: an adapter over a list of core ``Incident`` objects.

The table is on screen before the procedure is loaded (see app/shell.py): the core's clocks are
imported, and the procedure set, before the first incident arrives.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, tzinfo
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QObject,
    Qt,
    QTimer,
)
from PySide6.QtGui import QBrush, QColor

from oncall_desktop.ui.models.columns_model import ColumnsModel, Index
from oncall_desktop.ui.models.roles import IncidentRole
from oncall_desktop.ui.text import countdown, local_time, status_text

if TYPE_CHECKING:
    from oncall_desktop.core.deadlines import SlaClock, UpdateDue
    from oncall_desktop.core.incident import Incident
    from oncall_desktop.core.policy import Policy

CLOCK_COLUMNS = ("ack_sla", "resolve_sla", "next_update")
ROWS_PER_BATCH = 5


@dataclass(frozen=True)
class _Deadlines:
    ack: SlaClock
    resolve: SlaClock
    soonest: UpdateDue | None
    soonest_name: str
    first_due: datetime | None


BATCH_SPACING_MS = 150
LATE_BRUSH = QBrush(QColor("#c62828"))


class IncidentTableModel(ColumnsModel["Incident"]):
    COLUMNS = ("severity", "title", "status", "detected", "ack_sla", "resolve_sla", "next_update")

    def __init__(self, language: str, zone: tzinfo | None, parent: QObject | None = None) -> None:
        super().__init__(self._titles(), parent)
        self._policy: Policy | None = None
        self._language = language
        self._zone = zone
        self._now: datetime | None = None
        self._clocks: dict[int, dict[str, tuple[str, bool]]] = {}
        self._deadline_cache: dict[tuple[object, ...], _Deadlines] = {}
        self._met = self.tr("met")

    def _titles(self) -> dict[str, str]:
        return {
            "severity": self.tr("Severity"),
            "title": self.tr("Title"),
            "status": self.tr("Status"),
            "detected": self.tr("Detected"),
            "ack_sla": self.tr("Acknowledge SLA"),
            "resolve_sla": self.tr("Resolve SLA"),
            "next_update": self.tr("Next update"),
        }

    def set_language(self, language: str) -> None:
        """The UI's language changed: titles and cells in the new one (translators installed)."""
        self._language = language
        self._headers = self._titles()
        self._met = self.tr("met")
        self._deadline_cache.clear()
        self._clocks = {}
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.COLUMNS) - 1)
        if self._rows:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self._rows) - 1, len(self.COLUMNS) - 1)
            )

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        incident = self.row_at(index)
        if incident is None:
            return None
        column = self.COLUMNS[index.column()]
        if role == IncidentRole:
            return incident
        if role == Qt.ItemDataRole.DisplayRole:
            if column in CLOCK_COLUMNS:
                return self._clock_cells(index.row())[column][0]
            return self._display(incident, column)
        if role == Qt.ItemDataRole.ToolTipRole and column == "title":
            return incident.title
        if role == Qt.ItemDataRole.ForegroundRole:
            if column == "severity":
                return QBrush(QColor(self._procedure().severity(incident.severity).color))
            if column in CLOCK_COLUMNS and self._clock_cells(index.row())[column][1]:
                return LATE_BRUSH
        return None

    # --- content --------------------------------------------------------------------------------

    def set_policy(self, policy: Policy) -> None:
        self._policy = policy
        self._deadline_cache.clear()
        self._clocks = {}

    def _procedure(self) -> Policy:
        if self._policy is None:
            raise RuntimeError("set_policy() must come before the first incident")
        return self._policy

    def set_incidents(self, incidents: list[Incident]) -> None:
        self._procedure()
        self._clocks = {}
        self._reset(list(incidents))

    def incident_at(self, row: int) -> Incident:
        return self._rows[row]

    def set_now(self, now: datetime) -> None:
        """Recompute the clock cells once per tick and repaint only those that changed."""
        self._now = now
        previous, self._clocks = self._clocks, {}
        changed = [r for r in range(len(self._rows)) if self._clock_cells(r) != previous.get(r)]
        # Repaint in small batches spread over the tick, not one burst: with many incidents a
        # single repaint of every countdown would stall the event loop.
        for batch, start in enumerate(range(0, len(changed), ROWS_PER_BATCH)):
            rows = changed[start : start + ROWS_PER_BATCH]
            if batch == 0:
                self._emit_rows(rows[0], rows[-1])
            else:
                QTimer.singleShot(
                    batch * BATCH_SPACING_MS,
                    self,
                    lambda a=rows[0], b=rows[-1]: self._emit_rows(a, b),
                )

    def _emit_rows(self, first_row: int, last_row: int) -> None:
        last_row = min(last_row, len(self._rows) - 1)  # rows may have gone meanwhile
        if first_row > last_row:
            return
        column = self.COLUMNS.index(CLOCK_COLUMNS[0])
        self.dataChanged.emit(
            self.index(first_row, column),
            self.index(last_row, column + len(CLOCK_COLUMNS) - 1),
            [Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ForegroundRole],
        )

    def _clock_cells(self, row: int) -> dict[str, tuple[str, bool]]:
        """(text, late) of each clock column of a row, computed once per tick."""
        cells = self._clocks.get(row)
        if cells is None:
            cells = self._compute_clocks(self._rows[row])
            self._clocks[row] = cells
        return cells

    def _deadlines(self, incident: Incident) -> _Deadlines:
        """The clocks' deadlines only change when the incident does: computed once per
        version of it, while the texts are redone every tick."""
        key = (incident.id, len(incident.timeline), incident.severity, incident.status)
        found = self._deadline_cache.get(key)
        if found is None:
            from oncall_desktop.core.deadlines import ack_clock, next_updates, resolve_clock

            policy = self._procedure()
            dues = next_updates(incident, policy)
            soonest = min(dues.values(), key=lambda d: d.due_at) if dues else None
            found = _Deadlines(
                ack=ack_clock(incident, policy),
                resolve=resolve_clock(incident, policy),
                soonest=soonest,
                soonest_name=policy.cadence[soonest.audience].name.get(self._language)
                if soonest
                else "",
                first_due=min((d.due_at for d in dues.values()), default=None),
            )
            if len(self._deadline_cache) > 1000:
                self._deadline_cache.clear()
            self._deadline_cache[key] = found
        return found

    def _compute_clocks(self, incident: Incident) -> dict[str, tuple[str, bool]]:
        from oncall_desktop.core.deadlines import ClockState

        now = self._now
        if now is None:
            return {column: ("", False) for column in CLOCK_COLUMNS}
        d = self._deadlines(incident)
        if d.ack.met_at and not d.ack.breached(now):
            ack_cell = (self._met, False)
        else:
            ack_cell = (countdown(d.ack.remaining(now)), d.ack.state(now) is ClockState.BREACHED)
        if d.soonest is not None:
            update_cell = (
                f"{countdown(d.soonest.remaining(now))} · {d.soonest_name}",
                d.first_due is not None and now > d.first_due,
            )
        else:
            update_cell = ("—", False)
        return {
            "ack_sla": ack_cell,
            "resolve_sla": (countdown(d.resolve.remaining(now)), d.resolve.breached(now)),
            "next_update": update_cell,
        }

    def _display(self, incident: Incident, column: str) -> str:
        if column == "severity":
            return incident.severity.value
        if column == "title":
            return incident.title
        if column == "status":
            return status_text(incident.status, self._language)
        if column == "detected":
            return local_time(incident.detected_at, self._zone)
        return ""

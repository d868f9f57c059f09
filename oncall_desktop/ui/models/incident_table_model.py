"""The open incidents as a table: an adapter over a list of core ``Incident`` objects."""

from __future__ import annotations

from datetime import datetime, tzinfo
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from oncall_desktop.core.clocks import ClockState, ack_clock, next_updates, resolve_clock
from oncall_desktop.core.incident import Incident
from oncall_desktop.core.policy import Policy
from oncall_desktop.ui.models.roles import IncidentRole
from oncall_desktop.ui.text import countdown, local_time

_Index = QModelIndex | QPersistentModelIndex


class IncidentTableModel(QAbstractTableModel):
    COLUMNS = ("severity", "title", "status", "detected", "ack_sla", "resolve_sla", "next_update")

    def __init__(
        self, policy: Policy, language: str, zone: tzinfo | None, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._policy = policy
        self._language = language
        self._zone = zone
        self._incidents: list[Incident] = []
        self._now: datetime | None = None
        self._headers = {
            "severity": self.tr("Severity"),
            "title": self.tr("Title"),
            "status": self.tr("Status"),
            "detected": self.tr("Detected"),
            "ack_sla": self.tr("Acknowledge SLA"),
            "resolve_sla": self.tr("Resolve SLA"),
            "next_update": self.tr("Next update"),
        }

    # --- Qt model API ---------------------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._incidents)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            role == Qt.ItemDataRole.DisplayRole
            and orientation == Qt.Orientation.Horizontal
            and 0 <= section < len(self.COLUMNS)
        ):
            return self._headers[self.COLUMNS[section]]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._incidents):
            return None
        incident = self._incidents[index.row()]
        column = self.COLUMNS[index.column()]
        if role == IncidentRole:
            return incident
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(incident, column)
        if role == Qt.ItemDataRole.ToolTipRole and column == "title":
            return incident.title
        if role == Qt.ItemDataRole.ForegroundRole:
            return self._foreground(incident, column)
        return None

    # --- content --------------------------------------------------------------------------------

    def set_incidents(self, incidents: list[Incident]) -> None:
        self.beginResetModel()
        self._incidents = list(incidents)
        self.endResetModel()

    def incident_at(self, row: int) -> Incident:
        return self._incidents[row]

    def set_now(self, now: datetime) -> None:
        """Refresh the clock columns only: the rows and other cells stay as they are."""
        self._now = now
        if self._incidents:
            first = self.COLUMNS.index("ack_sla")
            self.dataChanged.emit(
                self.index(0, first),
                self.index(len(self._incidents) - 1, len(self.COLUMNS) - 1),
                [Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ForegroundRole],
            )

    def _display(self, incident: Incident, column: str) -> str:
        now = self._now
        if column == "severity":
            return incident.severity.value
        if column == "title":
            return incident.title
        if column == "status":
            return incident.status.value
        if column == "detected":
            return local_time(incident.detected_at, self._zone)
        if now is None:
            return ""
        if column == "ack_sla":
            clock = ack_clock(incident, self._policy)
            return (
                self.tr("met")
                if clock.met_at and not clock.breached(now)
                else countdown(clock.remaining(now))
            )
        if column == "resolve_sla":
            return countdown(resolve_clock(incident, self._policy).remaining(now))
        if column == "next_update":
            dues = next_updates(incident, self._policy)
            if not dues:
                return "—"
            soonest = min(dues.values(), key=lambda d: d.due_at)
            name = self._policy.cadence[soonest.audience].name.get(self._language)
            return f"{countdown(soonest.remaining(now))} · {name}"
        return ""

    def _foreground(self, incident: Incident, column: str) -> QBrush | None:
        now = self._now
        if column == "severity":
            return QBrush(QColor(self._policy.severity(incident.severity).color))
        if now is None:
            return None
        late = False
        if column == "ack_sla":
            late = ack_clock(incident, self._policy).state(now) is ClockState.BREACHED
        elif column == "resolve_sla":
            late = resolve_clock(incident, self._policy).breached(now)
        elif column == "next_update":
            late = any(d.overdue(now) for d in next_updates(incident, self._policy).values())
        return QBrush(QColor("#c62828")) if late else None

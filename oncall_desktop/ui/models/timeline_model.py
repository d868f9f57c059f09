"""An incident's timeline, newest last, in the team's time zone. Everything is plain text."""

from __future__ import annotations

from datetime import tzinfo
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from oncall_desktop.core.incident import EventKind, TimelineEvent
from oncall_desktop.core.policy import Policy
from oncall_desktop.ui.models.roles import EventRole
from oncall_desktop.ui.text import local_time

_Index = QModelIndex | QPersistentModelIndex


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


class TimelineModel(QAbstractTableModel):
    COLUMNS = ("time", "who", "what")

    def __init__(
        self, policy: Policy, language: str, zone: tzinfo | None, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._policy = policy
        self._language = language
        self._zone = zone
        self._events: list[TimelineEvent] = []

    def set_events(self, events: list[TimelineEvent]) -> None:
        self.beginResetModel()
        self._events = sorted(events, key=lambda e: (e.at, e.id or 0))
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._events)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(self.COLUMNS)
        ):
            return (self.tr("Time"), self.tr("Who"), self.tr("What"))[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._events):
            return None
        event = self._events[index.row()]
        if role == EventRole:
            return event
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            column = self.COLUMNS[index.column()]
            if column == "time":
                return local_time(event.at, self._zone)
            if column == "who":
                return event.actor
            return describe(event, self._policy, self._language)
        return None

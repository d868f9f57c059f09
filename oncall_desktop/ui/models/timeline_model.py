"""An incident's timeline, newest last, in the team's time zone. Everything is plain text."""

from __future__ import annotations

from datetime import tzinfo
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from oncall_desktop.core.incident import TimelineEvent
from oncall_desktop.core.narrative import describe
from oncall_desktop.core.policy import Policy
from oncall_desktop.ui.models.roles import EventRole
from oncall_desktop.ui.text import local_time

_Index = QModelIndex | QPersistentModelIndex


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

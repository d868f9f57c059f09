"""An incident's timeline, newest last, in the team's time zone. Everything is plain text."""

from __future__ import annotations

from datetime import tzinfo
from typing import Any

from PySide6.QtCore import QObject, Qt

from oncall_desktop.core.incident import TimelineEvent
from oncall_desktop.core.narrative import describe
from oncall_desktop.core.policy import Policy
from oncall_desktop.ui.models.columns_model import ColumnsModel, Index
from oncall_desktop.ui.models.roles import EventRole
from oncall_desktop.ui.text import local_time


class TimelineModel(ColumnsModel[TimelineEvent]):
    COLUMNS = ("time", "who", "what")

    def __init__(
        self, policy: Policy, language: str, zone: tzinfo | None, parent: QObject | None = None
    ) -> None:
        super().__init__(
            {"time": self.tr("Time"), "who": self.tr("Who"), "what": self.tr("What")}, parent
        )
        self._policy = policy
        self._language = language
        self._zone = zone

    def set_events(self, events: list[TimelineEvent]) -> None:
        self._reset(sorted(events, key=lambda e: (e.at, e.id or 0)))

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        event = self.row_at(index)
        if event is None:
            return None
        if role == EventRole:
            return event
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            column = self.COLUMNS[index.column()]
            if column == "time":
                # the hour alone on the incident's first day (the date on hovering): the
                # column leaves the room to what happened
                day = local_time(event.at, self._zone)[:10]
                first_day = local_time(self._rows[0].at, self._zone)[:10]
                short = role == Qt.ItemDataRole.DisplayRole and day == first_day
                return local_time(event.at, self._zone, with_date=not short)
            if column == "who":
                return event.actor
            return describe(event, self._policy, self._language)
        return None

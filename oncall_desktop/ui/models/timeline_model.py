"""An incident's timeline, newest last, in the team's time zone. Everything is plain text."""

from __future__ import annotations

from datetime import date, datetime, tzinfo
from typing import Any

from PySide6.QtCore import QObject, Qt

from oncall_desktop.core.incident import TimelineEvent
from oncall_desktop.core.narrative import describe
from oncall_desktop.core.policy import Policy
from oncall_desktop.services.messages import shown
from oncall_desktop.ui.models.columns_model import ColumnsModel, Index
from oncall_desktop.ui.models.roles import EventRole
from oncall_desktop.ui.text import local_time, short_day


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
        self._today: date | None = None  # in the zone; until the first tick, the last event's

    def set_events(self, events: list[TimelineEvent]) -> None:
        self._reset(sorted(events, key=lambda e: (e.at, e.id or 0)))

    def set_now(self, now: datetime) -> bool:
        """Each tick: past midnight, yesterday's first time takes its day. True when it
        did: the rows are laid out again (the columns' widths change, and the rows' heights
        with them), as a new list of events is."""
        today = now.astimezone(self._zone).date()
        if today == self._today:
            return False
        self._today = today
        if self._rows:
            self._reset(list(self._rows))
        return True

    def shown_time(self, row: int) -> str:
        """'23:49' today; the first of another day's rows says its day above its hour ('7 déc.'
        or 'Dec 7', its year in another year), the others their hour: the column stays as
        narrow as an hour, and leaves its room to what happened."""
        local = self._rows[row].at.astimezone(self._zone)
        today = self._today or self._rows[-1].at.astimezone(self._zone).date()
        hour = local.strftime("%H:%M")
        before = self._rows[row - 1].at.astimezone(self._zone).date() if row else None
        day = short_day(local, self._zone, self._language, today) if local.date() != before else ""
        return f"{day}\n{hour}" if day else hour

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        event = self.row_at(index)
        if event is None:
            return None
        if role == EventRole:
            return event
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            column = self.COLUMNS[index.column()]
            if column == "time":  # the whole date and hour on hovering
                if role == Qt.ItemDataRole.DisplayRole:
                    return self.shown_time(index.row())
                return local_time(event.at, self._zone)
            if column == "who":
                return event.actor
            return describe(event, self._policy, self._language, show=shown)
        return None

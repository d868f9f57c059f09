"""The SOP's phases and their steps as a two-level tree, for one incident.

Ticking a step does not change the model: it emits ``step_toggled`` and the incident service
records it (who and when); the model then shows the incident as stored.
"""

from __future__ import annotations

import math
from datetime import date, datetime, tzinfo
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont

from oncall_desktop.core.deadlines import PhaseProgress, current_phase, phase_progress, phase_scale
from oncall_desktop.core.evidence import StepDone, done_steps
from oncall_desktop.core.incident import Incident
from oncall_desktop.core.policy import Policy
from oncall_desktop.ui.models.roles import PhaseIdRole, StepIdRole
from oncall_desktop.ui.text import QT_TRANSLATE_NOOP, fill, local_time, short_day

_Index = QModelIndex | QPersistentModelIndex
_PHASE = 0  # internalId of phase rows; steps carry phase row + 1


# What the app saw, said in the step's tooltip (keys: core/evidence.py)
EVIDENCE_LABELS = {
    "page_received": QT_TRANSLATE_NOOP("ChecklistModel", "the page was received"),
    "acknowledged": QT_TRANSLATE_NOOP("ChecklistModel", "the incident was acknowledged"),
    "severity_confirmed": QT_TRANSLATE_NOOP("ChecklistModel", "the severity was set"),
    "declaration_posted": QT_TRANSLATE_NOOP("ChecklistModel", "the declaration was posted"),
    "contact_notified": QT_TRANSLATE_NOOP("ChecklistModel", "an escalation contact was reached"),
    "update_sent": QT_TRANSLATE_NOOP("ChecklistModel", "an update was sent"),
    "resolved": QT_TRANSLATE_NOOP("ChecklistModel", "the incident was resolved"),
    "resolution_notice_sent": QT_TRANSLATE_NOOP("ChecklistModel", "a resolution notice was sent"),
}


class ChecklistModel(QAbstractItemModel):
    """Signals:
    step_toggled(str, bool): the user ticked (True) or unticked (False) a step.
    """

    step_toggled = Signal(str, bool)

    def __init__(
        self, policy: Policy, language: str, zone: tzinfo | None, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._policy = policy
        self._language = language
        self._zone = zone
        self._incident: Incident | None = None
        self._done: dict[str, StepDone] = {}
        self._progress: list[PhaseProgress] = []
        self._current = ""
        self._now: datetime | None = None

    # --- content --------------------------------------------------------------------------------

    def set_incident(self, incident: Incident) -> None:
        self.beginResetModel()
        self._incident = incident
        self._done = done_steps(incident, self._policy)  # by a person or by evidence
        self._progress = phase_progress(incident, self._policy)
        self._current = current_phase(incident, self._policy).phase.id
        self.endResetModel()

    def set_now(self, now: datetime) -> None:
        """Move the clock; only the phases whose time box text or overrun changed are
        repainted (minute granularity, so most ticks repaint nothing); past midnight, the
        times steps were done take their day."""
        before = [self._phase_clock(p) for p in self._progress]
        new_day = self._now is None or self._today() != now.astimezone(self._zone).date()
        self._now = now
        if new_day:
            for row, progress in enumerate(self._progress):
                if progress.phase.steps:
                    phase = self.index(row, 0)
                    last = len(progress.phase.steps) - 1
                    self.dataChanged.emit(
                        self.index(0, 1, phase),
                        self.index(last, 1, phase),
                        [Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole],
                    )
        for row, progress in enumerate(self._progress):
            if self._phase_clock(progress) != before[row]:
                self.dataChanged.emit(
                    self.index(row, 0),
                    self.index(row, 1),
                    [Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ForegroundRole],
                )

    def _today(self) -> date | None:
        """Today in the team's zone (before the first tick, the incident's last event's)."""
        if self._now is not None:
            return self._now.astimezone(self._zone).date()
        if self._incident is not None and self._incident.timeline:
            return self._incident.timeline[-1].at.astimezone(self._zone).date()
        return None

    def _when(self, moment: datetime) -> str:
        """'00:15' today, '7 déc. 23:49' / 'Dec 7 23:49' another day, as the timeline says it:
        the column leaves its room to the steps' words."""
        today = self._today()
        if today is None:
            return local_time(moment, self._zone)
        day = short_day(moment, self._zone, self._language, today)
        hour = moment.astimezone(self._zone).strftime("%H:%M")
        return f"{day} {hour}" if day else hour

    def _phase_clock(self, progress: PhaseProgress) -> tuple[str, bool]:
        overrun = self._now is not None and progress.overrun(self._now)
        return self._time_box(progress), overrun

    @property
    def current_phase_id(self) -> str:
        return self._current

    # --- Qt model API ---------------------------------------------------------------------------

    def index(self, row: int, column: int, parent: _Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, _PHASE)
        return self.createIndex(row, column, parent.row() + 1)

    # (the stub's parent() is QObject's too, which has no argument)
    def parent(self, child: _Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not child.isValid() or child.internalId() == _PHASE:
            return QModelIndex()
        return self.createIndex(child.internalId() - 1, 0, _PHASE)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        if not parent.isValid():
            return len(self._progress)
        if parent.internalId() == _PHASE and parent.column() == 0:
            return len(self._progress[parent.row()].phase.steps)
        return 0

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 2

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return (
                (self.tr("Phase / step"), self.tr("Time box / done"))[section]
                if 0 <= section < 2
                else None
            )
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.internalId() != _PHASE and index.column() == 0:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or self._incident is None:
            return None
        if index.internalId() == _PHASE:
            return self._phase_data(self._progress[index.row()], index.column(), role)
        progress = self._progress[index.internalId() - 1]
        return self._step_data(progress, index.row(), index.column(), role)

    def setData(self, index: _Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if (
            role != Qt.ItemDataRole.CheckStateRole
            or not index.isValid()
            or index.internalId() == _PHASE
            or index.column() != 0
        ):
            return False
        step = self._progress[index.internalId() - 1].phase.steps[index.row()]
        checked = Qt.CheckState(value) == Qt.CheckState.Checked
        self.step_toggled.emit(step.id, checked)
        return False  # the model changes when the stored incident comes back

    # --- cells ----------------------------------------------------------------------------------

    def _phase_data(self, progress: PhaseProgress, column: int, role: int) -> Any:
        phase = progress.phase
        overrun = self._now is not None and progress.overrun(self._now)
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return (
                    f"{phase.number}. {phase.name.get(self._language)} "
                    f"({progress.done}/{progress.total})"
                )
            return self._time_box(progress)
        if role == Qt.ItemDataRole.FontRole and phase.id == self._current:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ForegroundRole:
            if overrun:
                return QBrush(QColor("#c62828"))
            if progress.complete:
                return QBrush(QColor("#2e7d32"))
        if role == PhaseIdRole:
            return phase.id
        return None

    def _time_box(self, progress: PhaseProgress) -> str:
        phase = progress.phase
        if phase.start is None or phase.end is None:
            if progress.starts_at is None:
                return self.tr("after resolution")
            return self.tr("from %1").replace("%1", self._when(progress.starts_at))
        scale = phase_scale(self._incident.severity, self._policy) if self._incident else 1.0
        start, end = (int(b.total_seconds() * scale // 60) for b in (phase.start, phase.end))
        box = f"{start}–{end} min"  # scaled to the severity (README)
        if self._now is None or progress.complete or progress.ends_at is None:
            return box
        seconds = (progress.ends_at - self._now).total_seconds()
        if seconds < 0:
            over = int(-seconds // 60)
            return fill(self.tr("%1 · over by %2 min"), box, over)
        left = math.ceil(seconds / 60)
        return fill(self.tr("%1 · %2 min left"), box, left)

    def _step_data(self, progress: PhaseProgress, row: int, column: int, role: int) -> Any:
        step = progress.phase.steps[row]
        state = self._incident.steps.get(step.id) if self._incident else None
        done = self._done.get(step.id)
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return f"{step.id} {step.text.get(self._language)}"
            if done is None:
                return ""
            who = self.tr("by the app") if done.by_the_app else done.by
            return f"{self._when(done.at)} · {who}"
        if role == Qt.ItemDataRole.CheckStateRole and column == 0:
            return Qt.CheckState.Checked if done else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.ToolTipRole and done is not None and column == 1:
            return local_time(done.at, self._zone)  # the whole date and hour on hovering
        if role == Qt.ItemDataRole.ToolTipRole and done is not None and done.by_the_app:
            return self.tr("Ticked by the app: %1").replace(
                "%1", self.tr(EVIDENCE_LABELS.get(done.evidence, done.evidence))
            )
        if role == Qt.ItemDataRole.ToolTipRole and state is not None and state.note:
            return state.note
        if role == StepIdRole:
            return step.id
        return None

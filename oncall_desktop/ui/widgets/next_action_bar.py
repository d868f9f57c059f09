"""The cockpit's lead: the single most urgent thing to do, large, with its countdown, and one
primary button for it (core.nextaction decides; this says it)."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QWidget

from oncall_desktop.core.nextaction import ActionKind, NextAction
from oncall_desktop.core.policy import Policy
from oncall_desktop.ui.text import QT_TRANSLATE_NOOP, countdown, fill
from oncall_desktop.ui.widgets.clocks_panel import LATE
from oncall_desktop.ui.widgets.labels import plain_label, set_style

# The next action in words ("%1": the audience) and its button (none: nothing to click).
NEXT_ACTION_TEXTS = {
    ActionKind.ACKNOWLEDGE: QT_TRANSLATE_NOOP("NextActionBar", "acknowledge the incident"),
    ActionKind.CONFIRM_SEVERITY: QT_TRANSLATE_NOOP("NextActionBar", "evaluate the severity"),
    ActionKind.DECLARE: QT_TRANSLATE_NOOP("NextActionBar", "post the declaration (%1)"),
    ActionKind.ESCALATE: QT_TRANSLATE_NOOP("NextActionBar", "escalate (contacts below)"),
    ActionKind.SEND_UPDATE: QT_TRANSLATE_NOOP("NextActionBar", "send the update to %1"),
    ActionKind.RESOLVE: QT_TRANSLATE_NOOP("NextActionBar", "resolve within the SLA"),
    ActionKind.SEND_RESOLUTION_NOTICE: QT_TRANSLATE_NOOP(
        "NextActionBar", "send the resolution notice to %1"
    ),
    ActionKind.MONITOR: QT_TRANSLATE_NOOP("NextActionBar", "watch for an hour, then close"),
    ActionKind.CLOSE: QT_TRANSLATE_NOOP("NextActionBar", "close the incident"),
    ActionKind.NOTHING: QT_TRANSLATE_NOOP("NextActionBar", "nothing: the incident is closed"),
}
NEXT_ACTION_BUTTONS = {
    ActionKind.ACKNOWLEDGE: QT_TRANSLATE_NOOP("NextActionBar", "Acknowledge"),
    ActionKind.CONFIRM_SEVERITY: QT_TRANSLATE_NOOP("NextActionBar", "Evaluate severity…"),
    ActionKind.DECLARE: QT_TRANSLATE_NOOP("NextActionBar", "Compose the declaration…"),
    ActionKind.SEND_UPDATE: QT_TRANSLATE_NOOP("NextActionBar", "Compose the update…"),
    ActionKind.RESOLVE: QT_TRANSLATE_NOOP("NextActionBar", "Resolve…"),
    ActionKind.SEND_RESOLUTION_NOTICE: QT_TRANSLATE_NOOP(
        "NextActionBar", "Compose the resolution notice…"
    ),
    ActionKind.CLOSE: QT_TRANSLATE_NOOP("NextActionBar", "Close"),
}


class NextActionBar(QWidget):
    """Signal: triggered(object) the NextAction whose button was pressed."""

    triggered = Signal(object)

    def __init__(self, policy: Policy, language: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._policy, self._language = policy, language
        self._action: NextAction | None = None
        self.label = plain_label("", self)
        font = self.label.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.label.setFont(font)
        self.button = QPushButton(self)
        self.button.setDefault(True)
        self.button.setAutoDefault(True)
        self.button.setStyleSheet("font-weight: bold; padding: 6px 14px;")
        self.button.clicked.connect(
            lambda: self._action is not None and self.triggered.emit(self._action)
        )
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.button)

    def show_action(self, action: NextAction, now: datetime) -> None:
        self._action = action
        audience = (
            self._policy.cadence[action.audience].name.get(self._language)
            if action.audience is not None
            else ""
        )
        what = fill(self.tr(NEXT_ACTION_TEXTS[action.kind]), audience)
        if action.due_at is not None:
            left = action.due_at - now
            when = (
                fill(self.tr("%1 left"), countdown(left))
                if left.total_seconds() >= 0
                else fill(self.tr("late by %1"), countdown(-left))
            )
            what = f"{what} · {when}"
            set_style(self.label, LATE if left.total_seconds() < 0 else "")
        else:
            set_style(self.label, "")
        self.label.setText(fill(self.tr("Next: %1"), what))
        label = NEXT_ACTION_BUTTONS.get(action.kind)
        self.button.setVisible(label is not None)
        if label is not None:
            self.button.setText(self.tr(label))

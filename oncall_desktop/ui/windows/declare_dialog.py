"""Declare an incident by hand (title, impact, start time, severity through the wizard), and
change the severity of one already declared."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from PySide6.QtWidgets import (
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from oncall_desktop.core.policy import Policy, Severity
from oncall_desktop.ui.drill_mark import set_title
from oncall_desktop.ui.qdates import python_datetime, qt_datetime
from oncall_desktop.ui.shortcuts import keep_dialog_keys
from oncall_desktop.ui.widgets.severity_assessment import SeverityAssessment


@dataclass(frozen=True)
class Declaration:
    title: str
    impact: str
    severity: Severity
    reason: str
    detected_at: datetime | None = None


class DeclareDialog(QDialog):
    def __init__(
        self, policy: Policy, language: str, now: datetime, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        set_title(self, self.tr("Declare incident"))
        self._now = now
        self.title_edit = QLineEdit(self)
        self.title_edit.setPlaceholderText(self.tr("API Down - All endpoints returning 500"))
        self.impact_edit = QPlainTextEdit(self)
        self.impact_edit.setPlaceholderText(self.tr("100% users cannot access the application"))
        self.impact_edit.setTabChangesFocus(True)
        self.impact_edit.setMaximumHeight(70)
        self.started_edit = QDateTimeEdit(qt_datetime(now.astimezone()), self)
        self.started_edit.setCalendarPopup(True)
        self.started_edit.setMaximumDateTime(qt_datetime(now.astimezone()))
        self.started_edit.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.assessment = SeverityAssessment(policy, language, self)
        self.severity_combo = self.assessment.severity_combo
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Declare"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.title_edit.textChanged.connect(self._validate)
        self.assessment.changed.connect(self._validate)

        form = QFormLayout()
        form.addRow(self.tr("Title"), self.title_edit)
        form.addRow(self.tr("Impact"), self.impact_edit)
        form.addRow(self.tr("Started"), self.started_edit)
        wizard = QGroupBox(self.tr("Severity (SOP questions and matrix)"), self)
        QVBoxLayout(wizard).addWidget(self.assessment)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(wizard)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(600)
        self._validate()
        keep_dialog_keys(self)  # Ctrl+Return submits, Tab moves on

    @property
    def criteria_label(self) -> QLabel:
        return self.assessment.criteria

    def _validate(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(bool(self.title_edit.text().strip()) and self.assessment.is_valid())

    def declaration(self) -> Declaration:
        started = python_datetime(self.started_edit.dateTime())
        detected = started.astimezone() if started.tzinfo is None else started
        return Declaration(
            title=self.title_edit.text().strip(),
            impact=self.impact_edit.toPlainText().strip(),
            severity=self.assessment.chosen,
            reason=self.assessment.reason(),
            detected_at=min(detected, self._now),
        )

    @classmethod
    def ask(
        cls, policy: Policy, language: str, now: datetime, parent: QWidget | None = None
    ) -> Declaration | None:
        dialog = cls(policy, language, now, parent)
        return dialog.declaration() if dialog.exec() == QDialog.DialogCode.Accepted else None


class SeverityDialog(QDialog):
    """Re-assess the severity of a declared incident, starting from the current one; the
    answer always needs a reason.

    ``confirming``: the SOP's "evaluate the severity" step. Keeping the current (provisional)
    severity is then an answer too: the step is ticked with the reason, the clocks stay as they
    are. Otherwise (*Change severity…*) only a different severity is accepted."""

    def __init__(
        self,
        policy: Policy,
        language: str,
        current: Severity,
        parent: QWidget | None = None,
        *,
        confirming: bool = False,
    ) -> None:
        super().__init__(parent)
        set_title(
            self, self.tr("Evaluate the severity") if confirming else self.tr("Change severity")
        )
        self._current = current
        self._confirming = confirming
        self.assessment = SeverityAssessment(policy, language, self)
        self.assessment.preset(current)
        self.assessment.hide_reason()  # one reason here: "Why", below
        self.why = QLineEdit(self)
        self.why.setPlaceholderText(
            self.tr("Why this severity? (kept in the timeline)")
            if confirming
            else self.tr("What changed? (kept in the timeline)")
        )
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.assessment.changed.connect(self._validate)
        self.why.textChanged.connect(self._validate)
        layout = QVBoxLayout(self)
        layout.addWidget(self.assessment)
        form = QFormLayout()
        form.addRow(self.tr("Why"), self.why)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(600)
        self._validate()
        keep_dialog_keys(self)  # Ctrl+Return submits, Tab moves on

    def _validate(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        changed = self.assessment.chosen is not self._current
        ok.setEnabled((changed or self._confirming) and bool(self.why.text().strip()))

    def result_value(self) -> tuple[Severity, str]:
        return self.assessment.chosen, self.why.text().strip()

    @classmethod
    def ask(
        cls,
        policy: Policy,
        language: str,
        current: Severity,
        parent: QWidget | None = None,
        *,
        confirming: bool = False,
    ) -> tuple[Severity, str] | None:
        dialog = cls(policy, language, current, parent, confirming=confirming)
        return dialog.result_value() if dialog.exec() == QDialog.DialogCode.Accepted else None

"""The severity wizard: the SOP's three questions and its matrix figures, a live proposal with
its reasons, and the engineer's final choice (an override needs a reason)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from oncall_desktop.core.compose import duration_text
from oncall_desktop.core.policy import Policy, Severity
from oncall_desktop.core.triage import Classification, ImpactAssessment, classify
from oncall_desktop.ui.text import fill, literal

UNKNOWN = -1


class SeverityAssessment(QWidget):
    """Signals:
    changed(): the answers or the choice changed (re-check validity).
    """

    changed = Signal()

    def __init__(self, policy: Policy, language: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._policy = policy
        self._language = language
        self.questions: dict[str, QCheckBox] = {}
        for question in policy.questions:
            box = QCheckBox(literal(question.text.get(language)), self)
            box.toggled.connect(self._update)
            self.questions[question.id] = box
        self.users = QSpinBox(self)
        self.users.setRange(UNKNOWN, 100)
        self.users.setSpecialValueText(self.tr("unknown"))
        self.users.setSuffix(" %")
        self.users.setValue(UNKNOWN)
        self.revenue = QSpinBox(self)
        self.revenue.setRange(UNKNOWN, 2_000_000_000)
        self.revenue.setSingleStep(50_000)
        self.revenue.setSpecialValueText(self.tr("unknown"))
        self.revenue.setSuffix(f" {policy.matrix.currency}/h")
        self.revenue.setValue(UNKNOWN)
        self.data_loss = QCheckBox(self.tr("Data loss"), self)
        self.security_breach = QCheckBox(self.tr("Security breach"), self)
        for widget in (self.users, self.revenue):
            widget.valueChanged.connect(self._update)
        for box in (self.data_loss, self.security_breach):
            box.toggled.connect(self._update)

        self.proposal = QLabel(self)
        self.proposal.setTextFormat(Qt.TextFormat.PlainText)
        self.proposal.setWordWrap(True)
        self.severity_combo = QComboBox(self)
        for severity in Severity:
            name = policy.severity(severity).name.get(language)
            self.severity_combo.addItem(f"{severity.value} — {name}", severity)
        self.severity_combo.currentIndexChanged.connect(self._on_choice_changed)
        self.override_reason = QLineEdit(self)
        self.override_reason.setPlaceholderText(
            self.tr("Why a different severity than proposed? (kept in the timeline)")
        )
        self.override_reason.textChanged.connect(self.changed)
        self.criteria = QLabel(self)
        self.criteria.setTextFormat(Qt.TextFormat.PlainText)
        self.criteria.setWordWrap(True)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for box in self.questions.values():
            layout.addWidget(box)
        form = QFormLayout()
        form.addRow(self.tr("Users impacted"), self.users)
        form.addRow(self.tr("Revenue lost"), self.revenue)
        layout.addLayout(form)
        layout.addWidget(self.data_loss)
        layout.addWidget(self.security_breach)
        layout.addWidget(self.proposal)
        choice = QFormLayout()
        choice.addRow(self.tr("Severity"), self.severity_combo)
        choice.addRow(self.tr("Reason"), self.override_reason)
        self._choice = choice
        layout.addLayout(choice)
        layout.addWidget(self.criteria)
        self._classification = classify(ImpactAssessment(), policy)
        self._follow_proposal = True
        self._update()

    def hide_reason(self) -> None:
        """For a dialog that asks its own reason (the severity dialog's "Why")."""
        self._choice.setRowVisible(self.override_reason, False)

    def assessment(self) -> ImpactAssessment:
        users, revenue = self.users.value(), self.revenue.value()
        return ImpactAssessment(
            service_down=self._answered("service_down"),
            critical_feature=self._answered("critical_feature"),
            limited_with_workaround=self._answered("limited_with_workaround"),
            users_impacted_percent=None if users == UNKNOWN else float(users),
            revenue_lost_per_hour=None if revenue == UNKNOWN else float(revenue),
            data_loss=self.data_loss.isChecked(),
            security_breach=self.security_breach.isChecked(),
        )

    def _answered(self, question_id: str) -> bool:
        box = self.questions.get(question_id)
        return box is not None and box.isChecked()

    @property
    def classification(self) -> Classification:
        return self._classification

    @property
    def chosen(self) -> Severity:
        # Qt hands item data back as a plain str: make it a Severity again.
        return Severity(self.severity_combo.currentData())

    @property
    def is_override(self) -> bool:
        return self.chosen is not self._classification.severity

    def reason(self) -> str:
        """What goes in the timeline: the proposal's reasons, and the override's own."""
        reasons = "; ".join(r.text.get(self._language) for r in self._classification.reasons)
        if self.is_override:
            return (
                f"{self.override_reason.text().strip()} (proposed "
                f"{self._classification.severity.value}: {reasons})"
            )
        return reasons

    def is_valid(self) -> bool:
        return not self.is_override or bool(self.override_reason.text().strip())

    def _update(self) -> None:
        self._classification = classify(self.assessment(), self._policy)
        lines = [self.tr("Proposed: %1").replace("%1", self._classification.severity.value)]
        lines += [  # "%1: %2" is "%1 : %2" in French
            "• " + fill(self.tr("%1: %2"), r.severity.value, r.text.get(self._language))
            for r in self._classification.reasons
        ]
        self.proposal.setText("\n".join(lines))
        if self._follow_proposal:
            index = self.severity_combo.findData(self._classification.severity)
            self.severity_combo.blockSignals(True)
            self.severity_combo.setCurrentIndex(index)
            self.severity_combo.blockSignals(False)
        self._show_choice()

    def _on_choice_changed(self) -> None:
        self._follow_proposal = not self.is_override
        self._show_choice()

    def _show_choice(self) -> None:
        self.override_reason.setEnabled(self.is_override)
        sev = self._policy.severity(self.chosen)
        lines = [f"• {c.get(self._language)}" for c in sev.criteria]
        lines.append(  # as the SOP writes them: "< 5 min", "< 2h", "< 24h"
            self.tr("SLA: acknowledge < %1, resolve < %2")
            .replace("%1", duration_text(sev.ack_sla))
            .replace("%2", duration_text(sev.resolve_sla))
        )
        lines.append(
            self.tr("Escalation: %1").replace("%1", sev.escalation_targets.get(self._language))
        )
        self.criteria.setText("\n".join(lines))
        self.changed.emit()

    def preset(self, severity: Severity) -> None:
        """Start from a known severity (changing one that is already set)."""
        self._follow_proposal = False
        self.severity_combo.setCurrentIndex(self.severity_combo.findData(severity))

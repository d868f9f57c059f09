"""Declare an incident by hand: title, impact, severity (with the SOP's criteria beside it)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from oncall_desktop.core.policy import Policy, Severity


@dataclass(frozen=True)
class Declaration:
    title: str
    impact: str
    severity: Severity


class DeclareDialog(QDialog):
    def __init__(self, policy: Policy, language: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Declare incident"))
        self._policy = policy
        self._language = language
        self.title_edit = QLineEdit(self)
        self.title_edit.setPlaceholderText(self.tr("API Down - All endpoints returning 500"))
        self.impact_edit = QPlainTextEdit(self)
        self.impact_edit.setPlaceholderText(self.tr("100% users cannot access the application"))
        self.impact_edit.setTabChangesFocus(True)
        self.severity_combo = QComboBox(self)
        for severity in Severity:
            sev = policy.severity(severity)
            self.severity_combo.addItem(f"{severity.value} — {sev.name.get(language)}", severity)
        self.criteria_label = QLabel(self)
        self.criteria_label.setTextFormat(Qt.TextFormat.PlainText)
        self.criteria_label.setWordWrap(True)
        self.severity_combo.currentIndexChanged.connect(self._show_criteria)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Declare"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.title_edit.textChanged.connect(self._validate)
        form = QFormLayout(self)
        form.addRow(self.tr("Title"), self.title_edit)
        form.addRow(self.tr("Impact"), self.impact_edit)
        form.addRow(self.tr("Severity"), self.severity_combo)
        form.addRow("", self.criteria_label)
        form.addRow(self.buttons)
        self._show_criteria()
        self._validate()

    def _show_criteria(self) -> None:
        sev = self._policy.severity(self.severity_combo.currentData())
        lines = [f"• {c.get(self._language)}" for c in sev.criteria]
        ack, resolve = (
            int(sev.ack_sla.total_seconds() // 60),
            int(sev.resolve_sla.total_seconds() // 60),
        )
        lines.append(
            self.tr("SLA: acknowledge < %1 min, resolve < %2 min")
            .replace("%1", str(ack))
            .replace("%2", str(resolve))
        )
        self.criteria_label.setText("\n".join(lines))

    def _validate(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(bool(self.title_edit.text().strip()))

    def declaration(self) -> Declaration:
        return Declaration(
            title=self.title_edit.text().strip(),
            impact=self.impact_edit.toPlainText().strip(),
            severity=self.severity_combo.currentData(),
        )

    @classmethod
    def ask(
        cls, policy: Policy, language: str, parent: QWidget | None = None
    ) -> Declaration | None:
        dialog = cls(policy, language, parent)
        return dialog.declaration() if dialog.exec() == QDialog.DialogCode.Accepted else None

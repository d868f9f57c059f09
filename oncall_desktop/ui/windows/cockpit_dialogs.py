"""The cockpit's small dialogs: snoozing an update reminder (with the reason, kept in the
timeline) and resolving (what restored the service)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QWidget,
)

from oncall_desktop.ui.drill_mark import set_title
from oncall_desktop.ui.shortcuts import keep_dialog_keys
from oncall_desktop.ui.text import fill
from oncall_desktop.ui.widgets.labels import plain_label


class SnoozeDialog(QDialog):
    def __init__(self, audience_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        set_title(self, self.tr("Snooze reminder"))
        self.minutes = QSpinBox(self)
        self.minutes.setRange(1, 240)
        self.minutes.setValue(15)
        self.minutes.setSuffix(" min")
        self.reason = QLineEdit(self)
        self.reason.setPlaceholderText(self.tr("Why (kept in the timeline)"))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(False)
        self.reason.textChanged.connect(lambda text: ok.setEnabled(bool(text.strip())))
        form = QFormLayout(self)
        form.addRow(plain_label(audience_name, self))
        form.addRow(self.tr("For"), self.minutes)
        form.addRow(self.tr("Reason"), self.reason)
        form.addRow(buttons)
        keep_dialog_keys(self)  # Ctrl+Return submits, Tab moves on

    @classmethod
    def ask(cls, audience_name: str, parent: QWidget | None = None) -> tuple[int, str] | None:
        dialog = cls(audience_name, parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.minutes.value(), dialog.reason.text().strip()


class ResolveDialog(QDialog):
    """Resolving asks what fixed it: the note goes to the timeline, the resolution notices and
    the post-mortem (SOP 4.2-4.3). For a page, it is resolved in its source too (SOP 4.2), unless
    the engineer leaves it open there."""

    def __init__(self, title: str, parent: QWidget | None = None, source: str = "") -> None:
        super().__init__(parent)
        set_title(self, self.tr("Resolve the incident"))
        self.note = QPlainTextEdit(self)
        self.note.setPlaceholderText(
            self.tr("What restored the service (e.g. failover to the replica database)")
        )
        self.in_source = QCheckBox(fill(self.tr("Resolve it in %1 too"), source), self)
        self.in_source.setChecked(True)
        self.in_source.setToolTip(
            self.tr("Untick to leave the page open there (another team still works on it)")
        )
        self.in_source.setVisible(bool(source))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("Resolve"))
        ok.setEnabled(False)
        self.note.textChanged.connect(lambda: ok.setEnabled(bool(self.note.toPlainText().strip())))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(plain_label(title, self))
        form.addRow(self.tr("Resolution"), self.note)
        form.addRow(self.in_source)
        form.addRow(buttons)
        self.resize(520, 260)
        keep_dialog_keys(self)  # Ctrl+Return submits, Tab moves on

    @classmethod
    def ask(
        cls, title: str, parent: QWidget | None = None, source: str = ""
    ) -> tuple[str, bool] | None:
        """The note, and whether to resolve it in the alert source (``source``: its name, ""
        for an incident declared here)."""
        dialog = cls(title, parent, source)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.note.toPlainText().strip(), bool(source) and dialog.in_source.isChecked()

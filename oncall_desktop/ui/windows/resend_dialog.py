"""Edit and resend a refused post: its text, and for a Slack channel its destination too, with
the destination it will use said plainly (a channel_not_found is fixed here, not by changing
Settings and resending to the old channel again)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from oncall_desktop.core.destinations import destination
from oncall_desktop.core.outbox import Post
from oncall_desktop.services.messages import shown
from oncall_desktop.ui.drill_mark import set_title
from oncall_desktop.ui.geometry import fit_to_screen
from oncall_desktop.ui.shortcuts import keep_dialog_keys
from oncall_desktop.ui.widgets.labels import plain_label


@dataclass(frozen=True)
class Resend:
    text: str
    destination: str | None  # None: unchanged (PagerDuty, the webhook)


class ResendDialog(QDialog):
    def __init__(
        self,
        post: Post,
        settings_channel: str,
        parent: QWidget | None = None,
        language: str = "en",
    ) -> None:
        super().__init__(parent)
        self._language = language
        set_title(self, self.tr("Edit and resend"))
        self._post = post
        self.reason = plain_label(self.tr("Refused: %1").replace("%1", shown(post.problem)), self)
        self.reason.setStyleSheet("color: #c62828")
        self.text = QPlainTextEdit(post.text, self)
        self.destination = QLineEdit(post.destination, self)
        self.use_settings = QPushButton(
            self.tr("Use %1 (Settings)").replace("%1", settings_channel), self
        )
        self.use_settings.clicked.connect(lambda: self.destination.setText(settings_channel))
        self.will_use = plain_label("", self)
        form = QFormLayout()
        self._where_to = destination(post.target)  # any registered destination
        if self._where_to.edits_channel:
            form.addRow(self.tr("Slack channel"), self.destination)
            form.addRow("", self.use_settings)
            self.use_settings.setVisible(
                bool(settings_channel) and settings_channel != post.destination
            )
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Resend"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.reason)
        layout.addWidget(self.text, 1)
        layout.addLayout(form)
        layout.addWidget(self.will_use)
        layout.addWidget(self.buttons)
        self.destination.textChanged.connect(self._show_destination)
        self.text.textChanged.connect(self._show_destination)
        self._show_destination()
        fit_to_screen(self, 560, 420)
        keep_dialog_keys(self)  # Ctrl+Return submits, Tab moves on

    def _channel(self) -> str:
        if self._where_to.edits_channel:
            return self.destination.text().strip()
        return self._post.destination

    def _where(self) -> str:
        return self._where_to.describe(self._channel(), self._language)

    def _show_destination(self) -> None:
        self.will_use.setText(self.tr("It will be sent to: %1").replace("%1", self._where()))
        ok = bool(self.text.toPlainText().strip()) and (
            not self._where_to.edits_channel or bool(self._channel())
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ok)

    def result_resend(self) -> Resend:
        channel = self._channel() if self._where_to.edits_channel else None
        return Resend(self.text.toPlainText().strip(), channel)

    @classmethod
    def ask(
        cls,
        post: Post,
        settings_channel: str,
        parent: QWidget | None = None,
        language: str = "en",
    ) -> Resend | None:
        dialog = cls(post, settings_channel, parent, language)
        return dialog.result_resend() if dialog.exec() == QDialog.DialogCode.Accepted else None

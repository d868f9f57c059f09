"""Settings' Microsoft Teams section: whether the internal updates go to Teams too, the
channel's Workflows webhook URL (kept in the keyring only), and a test message."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QWidget,
)

from oncall_desktop.config.schema import Settings
from oncall_desktop.services.connections import ConnectionsService
from oncall_desktop.ui.widgets.labels import plain_label


class TeamsSettings(QGroupBox):
    def __init__(
        self, settings: Settings, connections: ConnectionsService, parent: QWidget | None = None
    ) -> None:
        super().__init__("Microsoft Teams", parent)  # a product name, the same in every language
        self._connections = connections
        self.enabled = QCheckBox(self.tr("Post the internal updates to Teams too"), self)
        self.enabled.setChecked(settings.teams_enabled)
        self.url = QLineEdit(self)
        self.url.setEchoMode(QLineEdit.EchoMode.Password)
        self.url.setPlaceholderText(self.tr("The Workflows webhook URL (kept in the OS keyring)"))
        self.url_changed = False
        self.url.textEdited.connect(lambda _text: setattr(self, "url_changed", True))
        self.test = QPushButton(self.tr("Send a test message"), self)
        self.test.clicked.connect(self._on_test_clicked)
        self.result = plain_label("", self)
        form = QFormLayout(self)
        form.addRow("", self.enabled)
        form.addRow(self.tr("Workflow URL"), self.url)
        row = QHBoxLayout()
        row.addWidget(self.test)
        row.addWidget(self.result, 1)
        form.addRow(row)
        form.addRow(
            plain_label(
                self.tr(
                    "In Teams: the channel's Workflows, 'Post to a channel when a webhook "
                    "request is received', then copy its URL here."
                ),
                self,
            )
        )
        connections.teams_tested.connect(self._on_tested)

    def _on_test_clicked(self) -> None:
        self.test.setEnabled(False)
        self.result.setStyleSheet("")
        self.result.setText(self.tr("Sending…"))
        url = self.url.text().strip() if self.url_changed else None
        self._connections.test_teams(
            self.tr("Test from oncall-desktop: incident updates will be posted in this channel."),
            url,
        )

    def _on_tested(self, ok: bool, message: str) -> None:
        self.test.setEnabled(True)
        self.result.setStyleSheet("" if ok else "color: #c62828")
        self.result.setText(message)

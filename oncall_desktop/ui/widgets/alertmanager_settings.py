"""Settings' Prometheus Alertmanager section: watch it or not, its address, the receiver and
matchers whose alerts page me, basic auth or a bearer token (secrets to the keyring only), and
Test connection (asks its version and the alerts that fire for these matchers)."""

from __future__ import annotations

import re

from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QWidget,
)

from oncall_desktop.config.schema import ALERT_MATCHERS, Settings
from oncall_desktop.services.connections import (
    ALERTMANAGER_PASSWORD,
    ALERTMANAGER_TOKEN,
    ConnectionsService,
)
from oncall_desktop.ui.widgets.labels import plain_label


class AlertmanagerSettings(QGroupBox):
    def __init__(
        self, settings: Settings, connections: ConnectionsService, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setTitle("Prometheus Alertmanager")  # a product name, the same in every language
        self._connections = connections
        self.enabled = QCheckBox(self.tr("Page me from this Alertmanager too"), self)
        self.enabled.setChecked(settings.alertmanager_enabled)
        self.base_url = QLineEdit(settings.alertmanager_base_url, self)
        self.base_url.setPlaceholderText("http://alertmanager.example.com:9093")
        self.receiver = QLineEdit(settings.alertmanager_receiver, self)
        self.receiver.setPlaceholderText(self.tr("Empty: every receiver"))
        self.matchers = QLineEdit(settings.alertmanager_matchers, self)
        self.matchers.setPlaceholderText('team="payments", env=~"prod.*"')
        self.username = QLineEdit(settings.alertmanager_username, self)
        self.username.setPlaceholderText(self.tr("Empty: no basic authentication"))
        self.password = self._secret(self.tr("Basic-auth password (kept in the OS keyring)"))
        self.token = self._secret(self.tr("Bearer token (kept in the OS keyring)"))
        self.test = QPushButton(self.tr("Test connection"), self)
        self.test.clicked.connect(self._on_test_clicked)
        self.result = plain_label("", self)
        form = QFormLayout(self)
        form.addRow("", self.enabled)
        form.addRow(self.tr("Address"), self.base_url)
        form.addRow(self.tr("Receiver"), self.receiver)
        form.addRow(self.tr("Matchers"), self.matchers)
        form.addRow(self.tr("User"), self.username)
        form.addRow(self.tr("Password"), self.password)
        form.addRow(self.tr("Bearer token"), self.token)
        test_row = QHBoxLayout()
        test_row.addWidget(self.test)
        test_row.addWidget(self.result, 1)
        form.addRow(test_row)
        form.addRow(
            plain_label(
                self.tr(
                    "Acknowledge silences the alert until the procedure's resolve time; "
                    "resolve lifts that silence. Responder requests and status updates stay "
                    "PagerDuty's."
                ),
                self,
            )
        )
        connections.alertmanager_tested.connect(self.show_tested)

    def _secret(self, placeholder: str) -> QLineEdit:
        edit = QLineEdit(self)
        edit.setEchoMode(QLineEdit.EchoMode.Password)
        edit.setPlaceholderText(placeholder)
        edit.setProperty("changed", False)
        edit.textEdited.connect(lambda _text: edit.setProperty("changed", True))
        return edit

    @staticmethod
    def _typed(edit: QLineEdit, strip: bool = True) -> str | None:
        """What was typed ('' removes the stored one); None when untouched."""
        if not edit.property("changed"):
            return None
        return edit.text().strip() if strip else edit.text()  # a password may end in a space

    def problem(self) -> str:
        """What keeps Save from taking it ("" when nothing)."""
        url = self.base_url.text().strip()
        if url and not url.lower().startswith(("https://", "http://")):
            return self.tr("The Alertmanager address must start with http:// or https://")
        if self.enabled.isChecked() and not url:
            return self.tr("Give the Alertmanager's address, e.g. http://alertmanager:9093.")
        if not re.match(ALERT_MATCHERS, self.matchers.text()):
            return self.tr('Alertmanager matchers look like team="payments", env=~"prod.*".')
        return ""

    def chosen(self) -> dict[str, object]:
        """The settings it holds, by name."""
        return {
            "alertmanager_enabled": self.enabled.isChecked(),
            "alertmanager_base_url": self.base_url.text().strip().rstrip("/"),
            "alertmanager_receiver": self.receiver.text().strip(),
            "alertmanager_matchers": self.matchers.text().strip(),
            "alertmanager_username": self.username.text().strip(),
        }

    def secrets_to_store(self) -> dict[str, str]:
        """The keyring entries typed in ('' removes one); untouched fields are left out."""
        typed = {
            ALERTMANAGER_PASSWORD: self._typed(self.password, strip=False),
            ALERTMANAGER_TOKEN: self._typed(self.token),
        }
        return {name: value for name, value in typed.items() if value is not None}

    def _on_test_clicked(self) -> None:
        if problem := self.problem() or (
            "" if self.base_url.text().strip() else self.tr("No address: type it first.")
        ):
            self.show_tested(False, problem)
            return
        self.test.setEnabled(False)
        self.result.setStyleSheet("")
        self.result.setText(self.tr("Connecting…"))
        self._connections.test_alertmanager(
            self.chosen(), self._typed(self.token), self._typed(self.password, strip=False)
        )

    def show_tested(self, ok: bool, message: str) -> None:
        self.test.setEnabled(True)
        self.result.setStyleSheet("" if ok else "color: #c62828")
        self.result.setText(message)

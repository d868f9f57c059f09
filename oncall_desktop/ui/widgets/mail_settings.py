"""Settings' executive-mail section: the SMTP server, its security (and a private authority's
CA file, when the server's certificate comes from one), the account (its password to the
keyring only), the sender, and Test connection (logs in, sends nothing)."""

from __future__ import annotations

import os
import re

from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QWidget,
)

from oncall_desktop.config.schema import Settings
from oncall_desktop.services.connections import ConnectionsService, secret_name
from oncall_desktop.ui.widgets.labels import plain_label


class MailSettings(QGroupBox):
    def __init__(
        self, settings: Settings, connections: ConnectionsService, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Executive mail"))
        self._connections = connections
        self.host = QLineEdit(settings.smtp_host, self)
        self.host.setPlaceholderText(self.tr("Empty: open the summary in my mail client"))
        self.port = QSpinBox(self)
        self.port.setRange(1, 65535)
        self.port.setValue(settings.smtp_port)
        self.security = QComboBox(self)
        self.security.addItem(self.tr("STARTTLS (port 587)"), "starttls")
        self.security.addItem(self.tr("SSL/TLS (port 465)"), "ssl")
        self.security.addItem(self.tr("None (a relay on the local network)"), "none")
        self.security.setCurrentIndex(max(0, self.security.findData(settings.smtp_security)))
        self.ca_file = QLineEdit(settings.smtp_ca_file, self)
        self.ca_file.setPlaceholderText(self.tr("Empty: the system's authorities only"))
        self.ca_browse = QPushButton(self.tr("Choose…"), self)
        self.ca_browse.clicked.connect(self._on_browse_clicked)
        self.username = QLineEdit(settings.smtp_username, self)
        self.password = QLineEdit(self)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(self.tr("Kept in the OS keyring"))
        self.password_changed = False
        self.password.textEdited.connect(lambda _text: setattr(self, "password_changed", True))
        self.sender_address = QLineEdit(settings.smtp_sender, self)
        self.sender_address.setPlaceholderText("oncall@example.com")
        self.test = QPushButton(self.tr("Test connection"), self)
        self.test.clicked.connect(self._on_test_clicked)
        self.result = plain_label("", self)
        form = QFormLayout(self)
        form.addRow(self.tr("Mail server (SMTP)"), self.host)
        form.addRow(self.tr("Port"), self.port)
        form.addRow(self.tr("Security"), self.security)
        ca_row = QHBoxLayout()
        ca_row.addWidget(self.ca_file, 1)
        ca_row.addWidget(self.ca_browse)
        form.addRow(self.tr("CA file (private authority)"), ca_row)
        form.addRow(self.tr("Account"), self.username)
        form.addRow(self.tr("Password"), self.password)
        form.addRow(self.tr("Sender"), self.sender_address)
        test_row = QHBoxLayout()
        test_row.addWidget(self.test)
        test_row.addWidget(self.result, 1)
        form.addRow(test_row)
        connections.tested.connect(self._on_tested)

    def problem(self) -> str:
        """What keeps Save from taking it ("" when nothing)."""
        sender = self.sender_address.text().strip()
        if self.host.text().strip() and not re.fullmatch(r"[^@\s]+@[^@\s]+", sender):
            return self.tr(
                "With a mail server, give the sender's address, e.g. oncall@example.com."
            )
        ca_file = self.ca_file.text().strip()
        if ca_file and not os.path.isfile(ca_file):
            return self.tr("The mail server's CA file %1 does not exist.").replace("%1", ca_file)
        return ""

    def chosen(self) -> dict[str, object]:
        """The settings it holds, by name."""
        return {
            "smtp_host": self.host.text().strip(),
            "smtp_port": self.port.value(),
            "smtp_security": self.security.currentData(),
            "smtp_username": self.username.text().strip(),
            "smtp_sender": self.sender_address.text().strip(),
            "smtp_ca_file": self.ca_file.text().strip(),
        }

    def _on_browse_clicked(self) -> None:
        chosen, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("The mail server's CA file"),
            self.ca_file.text().strip(),
            self.tr("Certificates (*.pem *.crt *.cer);;All files (*)"),
        )
        if chosen:
            self.ca_file.setText(chosen)

    def _on_test_clicked(self) -> None:
        if not self.host.text().strip():
            self.show_tested(False, self.tr("No mail server: type its name first."))
            return
        self.test.setEnabled(False)
        self.result.setStyleSheet("")
        self.result.setText(self.tr("Connecting…"))
        password = secret_name("executive_mail", "password")  # its keyring entry, as declared
        typed = {password: self.password.text()} if self.password_changed else {}
        self._connections.test("executive_mail", self.chosen(), typed)

    def _on_tested(self, integration_id: str, ok: bool, message: str) -> None:
        if integration_id == "executive_mail":
            self.show_tested(ok, message)

    def show_tested(self, ok: bool, message: str) -> None:
        self.test.setEnabled(True)
        self.result.setStyleSheet("" if ok else "color: #c62828")
        self.result.setText(message)

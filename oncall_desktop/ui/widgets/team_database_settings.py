"""Settings' Team database section: the PostgreSQL address every console of the team points at
(no password in it: the password goes to the OS keyring only), and Test connection (connects and
reads, off the GUI thread). The database in use changes at the next start."""

from __future__ import annotations

import os
import re

from PySide6.QtWidgets import QFormLayout, QGroupBox, QHBoxLayout, QLineEdit, QPushButton, QWidget

from oncall_desktop.config.schema import Settings
from oncall_desktop.services.connections import DATABASE_PASSWORD, ConnectionsService
from oncall_desktop.ui.widgets.labels import plain_label

POSTGRES_URL = re.compile(r"^postgres(ql)?(\+psycopg)?://\S+$", re.IGNORECASE)
PASSWORD_IN_URL = re.compile(r"^[^:/]+(\+[^:/]+)?://[^/@]*:[^/@]*@")  # user:password@host


class TeamDatabaseSettings(QGroupBox):
    def __init__(
        self, settings: Settings, connections: ConnectionsService, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Team database"))
        self._connections = connections
        self.url = QLineEdit(settings.database_url, self)
        self.url.setPlaceholderText(self.tr("Empty: this computer's own database"))
        self.url.setToolTip(
            self.tr(
                "One PostgreSQL database for the whole team, e.g. "
                "postgresql://oncall@db.example.com/oncall"
            )
        )
        self.password = QLineEdit(self)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(self.tr("Password (kept in the OS keyring)"))
        self.password_changed = False
        self.password.textEdited.connect(lambda _text: setattr(self, "password_changed", True))
        self.test = QPushButton(self.tr("Test connection"), self)
        self.test.clicked.connect(self._on_test_clicked)
        self.result = plain_label("", self)
        form = QFormLayout(self)
        form.addRow(self.tr("Address"), self.url)
        form.addRow(self.tr("Password"), self.password)
        test_row = QHBoxLayout()
        test_row.addWidget(self.test)
        test_row.addWidget(self.result, 1)
        form.addRow(test_row)
        note = self.tr("A change of database applies at the next start of the app.")
        if os.environ.get("ONCALL_DATABASE_URL"):
            note += " " + self.tr(
                "ONCALL_DATABASE_URL is set in this session: it is used instead of this address."
            )
        self.note = plain_label(note, self)
        form.addRow(self.note)
        connections.database_tested.connect(self.show_tested)

    def problem(self) -> str:
        """What keeps Save from taking it ("" when nothing)."""
        url = self.url.text().strip()
        if not url:
            return ""
        if PASSWORD_IN_URL.match(url):
            return self.tr(
                "Put the database password in its own field (kept in the keyring), not in the "
                "address: the address is saved in the settings file."
            )
        if not POSTGRES_URL.match(url):
            return self.tr(
                "The team database is PostgreSQL: postgresql://user@host/database, or leave "
                "the address empty."
            )
        return ""

    def chosen(self) -> dict[str, object]:
        """The settings it holds, by name."""
        return {"database_url": self.url.text().strip()}

    def secrets_to_store(self) -> dict[str, str]:
        """The keyring entry typed in ('' removes it); nothing when untouched."""
        return {DATABASE_PASSWORD: self.password.text()} if self.password_changed else {}

    def _on_test_clicked(self) -> None:
        url = self.url.text().strip()
        if problem := self.problem() or ("" if url else self.tr("No address: type it first.")):
            self.show_tested(False, problem)
            return
        self.test.setEnabled(False)
        self.result.setStyleSheet("")
        self.result.setText(self.tr("Connecting…"))
        self._connections.test_database(
            url, self.password.text() if self.password_changed else None
        )

    def show_tested(self, ok: bool, message: str) -> None:
        self.test.setEnabled(True)
        self.result.setStyleSheet("" if ok else "color: #c62828")
        self.result.setText(message)

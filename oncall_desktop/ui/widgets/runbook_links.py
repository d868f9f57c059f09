"""The procedure's runbook and access links, as buttons that open the browser: web links only
(no file:, javascript: or custom schemes leave the app)."""

from __future__ import annotations

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QPushButton, QWidget

from oncall_desktop.core.policy import Policy
from oncall_desktop.ui.text import literal


def safe_link(url: str) -> QUrl | None:
    """Only http and https links leave the app (no file:, javascript:, custom schemes)."""
    qurl = QUrl(url.strip())
    return qurl if qurl.isValid() and qurl.scheme().lower() in ("http", "https") else None


class RunbookLinks(QGroupBox):
    """Hidden when the procedure names no web link."""

    def __init__(self, policy: Policy, language: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Runbooks and access"))
        layout = QHBoxLayout(self)
        self.buttons: list[QPushButton] = []
        for link in policy.links:
            url = safe_link(link.url) if link.url else None
            if url is None:
                continue
            button = QPushButton(literal(link.title.get(language)), self)
            button.setToolTip(url.toString())
            button.clicked.connect(lambda _=False, u=url: QDesktopServices.openUrl(u))
            self.buttons.append(button)
            layout.addWidget(button)
        layout.addStretch(1)
        self.setVisible(bool(self.buttons))

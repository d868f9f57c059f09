"""Shown for an unexpected error: a copyable report, the log's path, continue or quit."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QFont, QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from oncall_desktop.ui.drill_mark import set_title
from oncall_desktop.ui.geometry import fit_to_screen


class CrashDialog(QDialog):
    CONTINUE = 1
    QUIT = 2

    def __init__(self, report: str, log_path: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        set_title(self, self.tr("On-call Desktop: unexpected error"))
        intro = QLabel(
            self.tr(
                "Something went wrong inside the app. Your incidents and drafts are saved in the "
                "database. You can keep working, or quit and restart. Please send the report "
                "below to the maintainers (it contains no tokens). The log file is:"
            )
            + f"\n{log_path}",
            self,
        )
        intro.setTextFormat(Qt.TextFormat.PlainText)
        intro.setWordWrap(True)
        intro.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.report_view = QPlainTextEdit(report, self)
        self.report_view.setReadOnly(True)
        self.report_view.setFont(QFont("monospace"))
        buttons = QDialogButtonBox(self)
        copy = QPushButton(self.tr("Copy report"), self)
        copy.clicked.connect(lambda: QGuiApplication.clipboard().setText(report))
        buttons.addButton(copy, QDialogButtonBox.ButtonRole.ActionRole)
        keep = buttons.addButton(self.tr("Keep working"), QDialogButtonBox.ButtonRole.AcceptRole)
        quit_ = buttons.addButton(self.tr("Quit"), QDialogButtonBox.ButtonRole.DestructiveRole)
        keep.clicked.connect(lambda: self.done(self.CONTINUE))
        quit_.clicked.connect(lambda: self.done(self.QUIT))
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.report_view, 1)
        layout.addWidget(buttons)
        fit_to_screen(self, 720, 480)

    @classmethod
    def ask(cls, report: str, log_path: str) -> bool:
        """Show the report; True when the user wants to keep working."""
        return cls(report, log_path).exec() != cls.QUIT


class StartupErrorDialog:
    """A fatal-but-expected startup problem (e.g. the database). Offers a way forward."""

    @staticmethod
    def ask(message: str, can_use_local: bool) -> str:
        """Return "local" (start on the local SQLite database) or "quit"."""
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox()
        box.setIcon(QMessageBox.Icon.Critical)
        box.setWindowTitle(
            QCoreApplication.translate("StartupErrorDialog", "On-call Desktop cannot start")
        )
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setText(message)
        local = None
        if can_use_local:
            local = box.addButton(
                QCoreApplication.translate(
                    "StartupErrorDialog", "Use the local database this time"
                ),
                QMessageBox.ButtonRole.AcceptRole,
            )
        box.addButton(QMessageBox.StandardButton.Close)
        box.exec()
        return "local" if local is not None and box.clickedButton() is local else "quit"

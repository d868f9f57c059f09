"""Who are you? Asked once, at the first start, when neither Settings nor PagerDuty gives a name,
and again before a post would go out unsigned. The name signs what you post ("On-Call: …") and
what you do in the timeline; it is kept in Settings (*Your name*)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from oncall_desktop.ui.drill_mark import set_title
from oncall_desktop.ui.geometry import fit_to_screen
from oncall_desktop.ui.shortcuts import keep_dialog_keys
from oncall_desktop.ui.widgets.labels import plain_label


class NameDialog(QDialog):
    def __init__(self, before_post: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("name-dialog")
        set_title(self, self.tr("Your name"))
        why = (
            self.tr(
                "This post says who is on call, and no name is known yet. Your name as your "
                "team knows it:"
            )
            if before_post
            else self.tr(
                "Your name as your team knows it. It signs what you post (On-Call: …) and "
                "what you do in the timeline; you can change it in Settings. With a PagerDuty "
                "token, your PagerDuty name is used when you leave this empty."
            )
        )
        self.explanation = plain_label(why, self)
        self.name = QLineEdit(self)
        self.name.setPlaceholderText(self.tr("e.g. Ana Lopez"))
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Later"))
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setEnabled(False)
        self.name.textChanged.connect(lambda text: self.save_button.setEnabled(bool(text.strip())))
        self.buttons.accepted.connect(self._on_save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.explanation)
        layout.addWidget(self.name)
        layout.addWidget(self.buttons)
        fit_to_screen(self, 460, 180)
        keep_dialog_keys(self)  # Ctrl+Return submits
        self.name.setFocus()

    def _on_save(self) -> None:
        if self.chosen():
            self.accept()

    def chosen(self) -> str:
        return " ".join(self.name.text().split())

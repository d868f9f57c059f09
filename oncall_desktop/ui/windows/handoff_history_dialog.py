"""Past handoffs, newest first; each shown as its Markdown (read only)."""

from __future__ import annotations

from datetime import tzinfo

from PySide6.QtWidgets import QDialog, QListWidget, QPlainTextEdit, QSplitter, QVBoxLayout, QWidget

from oncall_desktop.core.handoff import HandoffNote, change_label, to_markdown
from oncall_desktop.core.policy import Policy
from oncall_desktop.ui.geometry import fit_to_screen
from oncall_desktop.ui.text import local_time


class HandoffHistoryDialog(QDialog):
    def __init__(
        self,
        notes: list[HandoffNote],
        policy: Policy,
        language: str,
        zone: tzinfo | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Previous handoffs"))
        fit_to_screen(self, 900, 600, remember="handoff_history")
        self.notes = notes
        self.list = QListWidget()
        for note in notes:
            state = "✅" if note.is_complete(policy) else "⏳"
            self.list.addItem(
                f"{state} {local_time(note.change_at, zone)} "
                f"({change_label(note.change_at, zone, language)}) · "
                f"{note.outgoing} → {note.incoming}"
            )
        self.text = QPlainTextEdit()  # plain text: names and notes come from people
        self.text.setReadOnly(True)
        self.list.currentRowChanged.connect(
            lambda row: self.text.setPlainText(
                to_markdown(notes[row], policy, language, zone) if 0 <= row < len(notes) else ""
            )
        )
        splitter = QSplitter()
        splitter.addWidget(self.list)
        splitter.addWidget(self.text)
        splitter.setSizes([320, 580])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        if notes:
            self.list.setCurrentRow(0)

"""Past handoffs, newest first; each shown as its Markdown (read only)."""

from __future__ import annotations

from datetime import tzinfo
from functools import partial

from PySide6.QtWidgets import (
    QDialog,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from oncall_desktop.core.handoff import HandoffNote, change_label, to_markdown
from oncall_desktop.core.policy import Policy
from oncall_desktop.ui.drill_mark import title_setter
from oncall_desktop.ui.geometry import fit_to_screen
from oncall_desktop.ui.live_language import LiveLanguage
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
        self.live = LiveLanguage(self, language)  # a change in Settings shows here at once
        self.live.text(title_setter(self), lambda: self.tr("Previous handoffs"))
        fit_to_screen(self, 900, 600, remember="handoff_history")
        self.notes = notes
        self.list = QListWidget()

        def line(note: HandoffNote) -> str:
            state = "✅" if note.is_complete(policy) else "⏳"
            return (
                f"{state} {local_time(note.change_at, zone)} "
                f"({change_label(note.change_at, zone, self.live.language)}) · "
                f"{note.outgoing} → {note.incoming}"
            )

        for note in notes:
            self.live.text(QListWidgetItem(self.list).setText, partial(line, note))
        self.text = QPlainTextEdit()  # plain text: names and notes come from people
        self.text.setReadOnly(True)

        def show(row: int) -> None:
            note = notes[row] if 0 <= row < len(notes) else None
            markdown = to_markdown(note, policy, self.live.language, zone) if note else ""
            self.text.setPlainText(markdown)

        self.list.currentRowChanged.connect(show)
        self.live.call(lambda _: show(self.list.currentRow()))
        splitter = QSplitter()
        splitter.addWidget(self.list)
        splitter.addWidget(self.text)
        splitter.setSizes([320, 580])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        if notes:
            self.list.setCurrentRow(0)

"""The cockpit's right side: what happened (the incident's timeline, with a field to add a
note to it) and what was sent from here (the incident's outbox). Everything is plain text."""

from __future__ import annotations

from datetime import datetime, tzinfo

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from oncall_desktop.core.incident import TimelineEvent
from oncall_desktop.core.outbox import Post
from oncall_desktop.core.policy import Policy
from oncall_desktop.ui.models.timeline_model import TimelineModel
from oncall_desktop.ui.widgets.posts_table import PostsTable
from oncall_desktop.ui.widgets.wrapping import wrap_cells


class TimelinePanel(QWidget):
    """Signals: note_added(str) a note typed for the timeline (Enter); resend_requested(object)
    edit and resend this failed Post."""

    note_added = Signal(str)
    resend_requested = Signal(object)

    def __init__(
        self, policy: Policy, language: str, zone: tzinfo | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.model = TimelineModel(policy, language, zone, self)
        self.view = QTableView(self)
        self.view.setModel(self.model)
        self.view.verticalHeader().hide()
        self.view.horizontalHeader().setStretchLastSection(True)
        for column in (0, 1):
            self.view.horizontalHeader().setSectionResizeMode(
                column, QHeaderView.ResizeMode.ResizeToContents
            )
        # what happened, whole: wrapped on as many lines as it takes, never cut with "…"
        wrap_cells(self.view)
        self.view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.note_edit = QLineEdit(self)
        # short enough to show whole in the cockpit's column at 1024x768, in French too
        self.note_edit.setPlaceholderText(self.tr("A note for the timeline, then Enter"))
        self.note_edit.setToolTip(self.tr("Add a note to the timeline and press Enter"))
        self.note_edit.returnPressed.connect(self._on_add_note)
        # outgoing posts (the outbox for this incident)
        self.posts_table = PostsTable(language, zone, self)
        self.posts_table.resend_requested.connect(self.resend_requested)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Timeline"), self))
        layout.addWidget(self.view, 1)
        layout.addWidget(self.note_edit)
        layout.addWidget(QLabel(self.tr("Updates sent from here"), self))
        layout.addWidget(self.posts_table)

    def show_events(self, events: list[TimelineEvent], now: datetime | None) -> None:
        """The incident's events, newest last and in view; ``now``: which day is today."""
        if now is not None:
            self.model.set_now(now)  # before the events: their times say the day or not
        self.model.set_events(events)
        self.view.scrollToBottom()

    def set_now(self, now: datetime) -> None:
        if self.model.set_now(now):  # a new day: its times laid out again
            self.view.scrollToBottom()

    def set_posts(self, posts: list[Post]) -> None:
        self.posts_table.set_posts(posts)

    def _on_add_note(self) -> None:
        text = self.note_edit.text().strip()
        if text:
            self.note_added.emit(text)
            self.note_edit.clear()

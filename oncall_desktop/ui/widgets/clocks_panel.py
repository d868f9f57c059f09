"""The cockpit's clocks: the acknowledge and resolve SLAs, the post-resolution monitoring
hour, and for each audience the countdown to the next update owed with its actions. Every
figure is recomputed from stored instants and ``now`` on each call, never counted down."""

from __future__ import annotations

from datetime import datetime, timedelta

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QGridLayout,
    QGroupBox,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from oncall_desktop.core.deadlines import (
    ClockState,
    SlaClock,
    ack_clock,
    monitoring_until,
    next_updates,
    resolve_clock,
)
from oncall_desktop.core.destinations import destination
from oncall_desktop.core.incident import Incident
from oncall_desktop.core.messages import UserMessage
from oncall_desktop.core.outbox import Post
from oncall_desktop.core.policy import Audience, Policy
from oncall_desktop.core.updates import refused_copies, refused_updates
from oncall_desktop.services.messages import shown
from oncall_desktop.ui.text import countdown, fill
from oncall_desktop.ui.widgets.labels import plain_label, set_style

LATE = "color: #c62828; font-weight: bold"
MET = "color: #2e7d32"


class WrappedLine(QLabel):
    """A plain-text line that wraps in its column and is never cut: it asks for the height
    its lines take at its width, which the cockpit's splitter and scroll area do not ask."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setWordWrap(True)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_height()

    def setText(self, text: str) -> None:
        if text != self.text():
            super().setText(text)
            self._fit_height()

    def _fit_height(self) -> None:
        need = self.heightForWidth(self.width()) if self.width() > 0 else -1
        if need > 0 and need != self.minimumHeight():
            self.setMinimumHeight(need)


class AudienceRow:
    """One audience's line: its name, the countdown, Compose…, Mark sent, Snooze…; under the
    countdown, "Edit and resend…" while a post of that audience stands refused."""

    def __init__(
        self, name: str, buttons: tuple[str, str, str], resend: str, panel: QWidget
    ) -> None:
        self.name = plain_label(name, panel)
        self.cell = QWidget(panel)
        # wraps: "Slack refused the update (channel_not_found): not sent · OVERDUE 0:12" on
        # one line made the cockpit scroll sideways on a laptop's screen
        self.countdown = WrappedLine(self.cell)
        self.resend = QPushButton(resend, self.cell)
        self.resend.setVisible(False)
        column = QVBoxLayout(self.cell)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.countdown)
        column.addWidget(self.resend, 0, Qt.AlignmentFlag.AlignLeft)
        self.refused: Post | None = None  # the post its "Edit and resend…" opens
        self.compose, self.mark_sent, self.snooze = (QPushButton(b, panel) for b in buttons)


class ClocksPanel(QGroupBox):
    """Signals (each with the Audience): compose_requested, mark_sent_requested,
    snooze_requested; resend_requested(Post): edit and resend this refused post."""

    compose_requested = Signal(object)
    mark_sent_requested = Signal(object)
    snooze_requested = Signal(object)
    resend_requested = Signal(object)

    def __init__(self, policy: Policy, language: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Clocks"))
        self._policy = policy
        grid = QGridLayout(self)
        # the clocks' texts wrap across the button columns: "met (…) · SEV-2 clock since the
        # change, … spent before" never widens the cockpit past a laptop's screen
        self.ack_label = plain_label("", self, selectable=False)
        self.resolve_label = plain_label("", self, selectable=False)
        grid.addWidget(QLabel(self.tr("Acknowledge SLA"), self), 0, 0)
        grid.addWidget(self.ack_label, 0, 1, 1, 4)
        grid.addWidget(QLabel(self.tr("Resolve SLA"), self), 1, 0)
        grid.addWidget(self.resolve_label, 1, 1, 1, 4)
        # SOP 5.1: an hour of monitoring after resolution, counted down once resolved
        self.monitoring_name = QLabel(self.tr("Monitoring (5.1)"), self)
        self.monitoring_label = plain_label("", self, selectable=False)
        grid.addWidget(self.monitoring_name, 2, 0)
        grid.addWidget(self.monitoring_label, 2, 1, 1, 4)
        self.audience_rows: dict[Audience, AudienceRow] = {}
        for row, (audience, cadence) in enumerate(policy.cadence.items(), start=3):
            buttons = (self.tr("Compose…"), self.tr("Mark sent"), self.tr("Snooze…"))
            widgets = AudienceRow(
                cadence.name.get(language), buttons, self.tr("Edit and resend…"), self
            )
            widgets.resend.clicked.connect(lambda _=False, w=widgets: self._resend(w))
            widgets.mark_sent.clicked.connect(
                lambda _=False, a=audience: self.mark_sent_requested.emit(a)
            )
            widgets.snooze.clicked.connect(
                lambda _=False, a=audience: self.snooze_requested.emit(a)
            )
            widgets.compose.clicked.connect(
                lambda _=False, a=audience: self.compose_requested.emit(a)
            )
            cells = (widgets.name, widgets.cell, widgets.compose, widgets.mark_sent)
            for column, widget in enumerate((*cells, widgets.snooze)):
                grid.addWidget(widget, row, column)
            self.audience_rows[audience] = widgets
        grid.setColumnStretch(1, 1)  # the clocks' texts take the room the buttons leave
        self._language = language
        self._posts: list[Post] = []  # the incident's outbox: a refused update is said here
        self._shown: tuple[Incident, datetime] | None = None

    def set_posts(self, posts: list[Post]) -> None:
        """The incident's outbox as stored now: an update its audience's own destination
        refused is said on that audience's line, until one goes or is marked sent."""
        self._posts = list(posts)
        if self._shown is not None:
            self.show_clocks(*self._shown)

    def show_clocks(self, incident: Incident, now: datetime) -> bool:
        """Every clock at ``now``; True when an update is overdue."""
        self._shown = (incident, now)
        policy = self._policy
        refused = refused_updates(incident, self._posts)
        copies = refused_copies(self._posts)
        self._show_sla(self.ack_label, ack_clock(incident, policy), now)
        self._show_sla(self.resolve_label, resolve_clock(incident, policy), now)
        until = monitoring_until(incident, policy)
        self.monitoring_name.setVisible(until is not None)
        self.monitoring_label.setVisible(until is not None)
        if until is not None:
            self.monitoring_label.setText(
                countdown(until - now)
                if now < until
                else self.tr("done: the incident can be closed")
            )
        dues = next_updates(incident, policy)
        overdue_any = False
        for audience, row in self.audience_rows.items():
            due = dues.get(audience)
            row.mark_sent.setEnabled(due is not None or incident.is_active)
            row.snooze.setEnabled(due is not None)
            late = due is not None and due.overdue(now)
            overdue_any |= late
            text = countdown(due.remaining(now)) if due is not None else "—"
            if late:
                text = self.tr("OVERDUE %1").replace("%1", text)
            elif due is not None and due.snoozed_until:
                text = self.tr("%1 (snoozed)").replace("%1", text)
            post = refused.get(audience.value)
            copy = copies.get(audience.value) if post is None else None
            if post is not None:  # the audience never got it: not a clock reset, a refusal
                text = self._refusal_line(post, text, copy=False)
            elif copy is not None:  # its readers (the team, for Slack) did not see it either
                text = self._refusal_line(copy, text, copy=True)
            row.countdown.setText(text)
            row.refused = post or copy
            row.resend.setVisible(row.refused is not None)
            # a refused copy is said, not red: the audience's own update may have reached it
            set_style(row.countdown, LATE if late or post is not None else "")
        return overdue_any

    def _refusal_line(self, post: Post, clock: str, copy: bool) -> str:
        """The line: "Slack refused the update (channel_not_found): not sent · 3:28"; when
        the reason names the refuser itself ("Slack refused the request (403)."), said once:
        "Slack refused the request (403): update not sent · 3:28"."""
        name = destination(str(post.target)).name.get(self._language)
        why = _why(post)
        if why.startswith(name):
            template = (
                self.tr("%1: copy of this update not posted there · %2")
                if copy
                else self.tr("%1: update not sent · %2")
            )
            return fill(template, why.rstrip("."), clock)
        template = (
            self.tr("%1 refused the copy of this update (%2): not posted there · %3")
            if copy
            else self.tr("%1 refused the update (%2): not sent · %3")
        )
        return fill(template, name, why, clock)

    def _resend(self, row: AudienceRow) -> None:
        if row.refused is not None:
            self.resend_requested.emit(row.refused)

    def _show_sla(self, label: QLabel, clock: SlaClock, now: datetime) -> None:
        state = clock.state(now)
        remaining = countdown(clock.remaining(now))
        if state is ClockState.MET:
            text = self.tr("met (%1 to spare)").replace("%1", remaining)
            set_style(label, MET)
        elif state is ClockState.BREACHED:
            text = self.tr("BREACHED %1").replace("%1", remaining)
            set_style(label, LATE)
        else:
            text = remaining
            set_style(label, "")
        if clock.spent_before > timedelta(0) and clock.severity is not None:
            # the clock of a severity set mid-incident runs from the change (README)
            text += " · " + fill(
                self.tr("%1 clock since the change, %2 spent before"),
                clock.severity.value,
                countdown(clock.spent_before),
            )
        label.setText(text)


def _why(post: Post) -> str:
    """Why it was refused, shortly: the service's own code when it gave one (Slack's
    "channel_not_found"), else its whole message in the UI's language."""
    problem = post.problem
    code = dict(problem.values).get("code") if isinstance(problem, UserMessage) else None
    return str(code) if code else shown(problem) or "?"

"""The incident cockpit: where the engineer lives during an incident, following SOP-5.

Status and severity, the SLA clocks, the next update owed to each audience, escalation, the
five phases with their steps, the SOP's reminders, runbook links and the timeline. Every
figure comes from the procedure data; every clock is recomputed from stored instants on each
tick. Changes go through the incident service, which records who and when.
"""

from __future__ import annotations

from datetime import datetime, tzinfo

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QCloseEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPushButton,
    QSplitter,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from oncall_desktop.core.deadlines import (
    reminders,
)
from oncall_desktop.core.incident import Incident, Role, Status
from oncall_desktop.core.nextaction import ActionKind, NextAction, next_action
from oncall_desktop.core.outbox import Post
from oncall_desktop.core.policy import Audience, Policy
from oncall_desktop.core.updates import updates_sent
from oncall_desktop.services.alert_actions import AlertActions
from oncall_desktop.services.incidents import IncidentService
from oncall_desktop.ui.drill_mark import set_title
from oncall_desktop.ui.geometry import fit_to_screen, scrolling
from oncall_desktop.ui.models.checklist_model import ChecklistModel
from oncall_desktop.ui.models.roles import StepIdRole
from oncall_desktop.ui.shortcuts import close_with_escape_and_ctrl_w
from oncall_desktop.ui.text import QT_TRANSLATE_NOOP, fill, local_time, status_text
from oncall_desktop.ui.widgets.alert_source_bar import AlertSourceBar
from oncall_desktop.ui.widgets.clocks_panel import LATE, ClocksPanel
from oncall_desktop.ui.widgets.escalation_box import EscalationBox
from oncall_desktop.ui.widgets.labels import plain_label
from oncall_desktop.ui.widgets.next_action_bar import NextActionBar
from oncall_desktop.ui.widgets.roles_bar import RolesBar
from oncall_desktop.ui.widgets.runbook_links import RunbookLinks
from oncall_desktop.ui.widgets.timeline_panel import TimelinePanel
from oncall_desktop.ui.widgets.wrapping import wrap_cells
from oncall_desktop.ui.windows.cockpit_dialogs import SnoozeDialog
from oncall_desktop.ui.windows.cockpit_lifecycle import CockpitLifecycle
from oncall_desktop.ui.windows.declare_dialog import SeverityDialog

STATUS_BUTTONS = (
    (Status.ACKNOWLEDGED, QT_TRANSLATE_NOOP("CockpitWindow", "Acknowledge")),
    (Status.INVESTIGATING, QT_TRANSLATE_NOOP("CockpitWindow", "Investigating")),
    (Status.MITIGATING, QT_TRANSLATE_NOOP("CockpitWindow", "Mitigating")),
    (Status.RESOLVED, QT_TRANSLATE_NOOP("CockpitWindow", "Resolve")),
    (Status.CLOSED, QT_TRANSLATE_NOOP("CockpitWindow", "Close")),
)


class CockpitWindow(QMainWindow):
    """Signals:
    closed(int): the window of this incident id was closed.
    compose_requested(int, str): compose an update for this incident and audience value.
    resend_requested(object): edit and resend this failed Post.
    channel_requested(int): create the incident's own Slack channel (SOP step 1.4).
    postmortem_requested(int): open the incident's post-mortem (SOP 5.2).
    responders_requested(int, str): ask this escalation contact to join in PagerDuty.
    declare_requested(int): raise this hand-declared incident in the source that declares.
    """

    closed = Signal(int)
    compose_requested = Signal(int, str)
    resend_requested = Signal(object)
    channel_requested = Signal(int)
    postmortem_requested = Signal(int)
    responders_requested = Signal(int, str)
    declare_requested = Signal(int)

    def __init__(
        self,
        incident: Incident,
        policy: Policy,
        language: str,
        zone: tzinfo | None,
        service: IncidentService,
        parent: QWidget | None = None,
        actions: AlertActions | None = None,
    ) -> None:
        """``actions``: acknowledge and resolve through the incident's alert source (without
        one, a page's incident cannot be acknowledged here: the source is not set up)."""
        super().__init__(parent)
        close_with_escape_and_ctrl_w(self)
        assert incident.id is not None
        self.setObjectName(f"cockpit-{incident.id}")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.incident_id = incident.id
        self.incident = incident
        self._policy = policy
        self._language = language
        self._zone = zone
        self._service = service
        self._now: datetime | None = None
        self._unsaved = False  # a change was refused for want of the database (refused())
        # the problem shown was an audience's update not sent: (audience, its updates then)
        self._problem_until: tuple[str, int] | None = None
        self.lifecycle = CockpitLifecycle(
            self, actions or AlertActions(service, None, self), parent=self
        )

        buttons = self._build_header()
        self._build_panels(policy, language)
        self._build_checklist(policy, language, zone)
        links = self._build_links(policy, language)
        self._build_timeline(policy, language, zone)
        self._lay_out(buttons, links)
        # scrolls rather than pushing the step note and "Edit and resend…" off a laptop screen
        fit_to_screen(self, 1100, 720, remember="cockpit")
        self.set_incident(incident)

    def _build_header(self) -> QHBoxLayout:
        """Severity, title, status, the next action and the row of buttons."""
        self.severity_label = QLabel(self)
        self.title_label = plain_label("", self)
        font = self.title_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.title_label.setFont(font)
        self.status_label = plain_label("", self)
        self.problem_label = plain_label("", self)
        self.problem_label.setStyleSheet(LATE)
        self.source_bar = AlertSourceBar(self._zone, self)
        self.source_bar.retry_requested.connect(lambda a, note: self.lifecycle.retry(a, note))
        self.source_bar.resolve_here_requested.connect(
            lambda note: self.lifecycle.resolve_here(note)
        )
        self.problem_label.hide()
        # the one thing to do next, large, with its countdown and one primary button
        self.next_bar = NextActionBar(self._policy, self._language, self)
        self.next_bar.triggered.connect(self._do_next_action)
        # team mode: who else is here, who holds which role
        self.roles_bar = RolesBar(self._service.actor, self)
        self.roles_bar.take_requested.connect(self._take_role)
        self.status_buttons: dict[Status, QPushButton] = {}
        buttons = QHBoxLayout()
        for status, label in STATUS_BUTTONS:
            button = QPushButton(self.tr(label), self)
            button.clicked.connect(lambda _=False, s=status: self.lifecycle.move(s))
            self.status_buttons[status] = button
            buttons.addWidget(button)
        self.severity_button = QPushButton(self.tr("Change severity…"), self)
        self.severity_button.clicked.connect(self._on_change_severity)
        buttons.addWidget(self.severity_button)
        self.channel_button = QPushButton(self.tr("Create Slack channel"), self)
        self.channel_button.setToolTip(
            self.tr("Creates #incident-YYYY-MM-DD-NNN and posts the declaration there (SOP 1.4)")
        )
        self.channel_button.clicked.connect(lambda: self.channel_requested.emit(self.incident_id))
        buttons.addWidget(self.channel_button)
        self.declare_button = QPushButton(self)  # named by set_declarable
        self.declare_button.clicked.connect(lambda: self.declare_requested.emit(self.incident_id))
        self.declare_button.setVisible(False)
        self._declaring = ""  # the source that declares, set up for it in Settings ("": none)
        buttons.addWidget(self.declare_button)
        self.postmortem_button = QPushButton(self.tr("Post-mortem…"), self)
        self.postmortem_button.setToolTip(self.tr("Once resolved: the SOP 5.2 post-mortem"))
        self.postmortem_button.clicked.connect(
            lambda: self.postmortem_requested.emit(self.incident_id)
        )
        buttons.addWidget(self.postmortem_button)
        buttons.addStretch(1)

        return buttons

    def _build_panels(self, policy: Policy, language: str) -> None:
        self.clocks = ClocksPanel(policy, language, self)
        self.clocks.compose_requested.connect(
            lambda audience: self.compose_requested.emit(self.incident_id, audience.value)
        )
        self.clocks.mark_sent_requested.connect(
            lambda audience: self._service.mark_update_sent(self.incident_id, audience)
        )
        self.clocks.snooze_requested.connect(self._on_snooze)
        self.clocks.resend_requested.connect(self.resend_requested)  # its refused line's button
        self.escalation_box = EscalationBox(policy, language, self)
        self.escalation_box.contact_reached.connect(
            lambda name: self._service.mark_contact_notified(self.incident_id, name)
        )
        self.escalation_box.ask_requested.connect(
            lambda name: self.responders_requested.emit(self.incident_id, name)
        )

    def _build_checklist(self, policy: Policy, language: str, zone: tzinfo | None) -> None:
        self.checklist = ChecklistModel(policy, language, zone, self)
        self.checklist.step_toggled.connect(self._on_step_toggled)
        self.checklist_view = QTreeView(self)
        self.checklist_view.setModel(self.checklist)
        self.checklist_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.checklist_view.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.checklist_view.header().setSectionResizeMode(
            1, QHeaderView.ResizeMode.ResizeToContents
        )
        self.checklist_view.header().setStretchLastSection(False)
        # a step's words whole, on two lines if need be (they were cut with "…")
        wrap_cells(self.checklist_view)
        self.checklist_view.setMinimumHeight(260)
        self.step_note = QLineEdit(self)
        self.step_note.setPlaceholderText(self.tr("Optional note for the next step you tick"))
        self.reminder_label = plain_label("", self)
        self.reminder_label.setStyleSheet("color: #8d6e00")

    def _build_links(self, policy: Policy, language: str) -> QGroupBox:
        """The runbooks and access links of the procedure (web links only)."""
        links = RunbookLinks(policy, language, self)
        self.link_buttons = links.buttons
        return links

    def _build_timeline(self, policy: Policy, language: str, zone: tzinfo | None) -> None:
        """The right side: the timeline, its note field and the outbox of this incident."""
        self.timeline_panel = TimelinePanel(policy, language, zone, self)
        self.timeline_panel.note_added.connect(
            lambda text: self._service.add_note(self.incident_id, text)
        )
        self.timeline_panel.resend_requested.connect(self.resend_requested)
        # its parts, as tests and the app's rooms know them
        self.timeline = self.timeline_panel.model
        self.timeline_view = self.timeline_panel.view
        self.note_edit = self.timeline_panel.note_edit
        self.posts_table = self.timeline_panel.posts_table

    def _lay_out(self, buttons: QHBoxLayout, links: QGroupBox) -> None:
        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.addWidget(self.clocks)
        left_layout.addWidget(self.escalation_box)
        left_layout.addWidget(QLabel(self.tr("Phases"), self))
        left_layout.addWidget(self.checklist_view, 1)
        left_layout.addWidget(self.step_note)
        left_layout.addWidget(self.reminder_label)
        splitter = QSplitter(self)
        splitter.addWidget(left)
        splitter.addWidget(self.timeline_panel)
        central = QWidget(self)
        layout = QVBoxLayout(central)
        header = QHBoxLayout()
        header.addWidget(self.severity_label)
        header.addWidget(self.title_label, 1)
        layout.addLayout(header)
        layout.addWidget(self.status_label)
        layout.addWidget(self.source_bar)
        layout.addWidget(self.next_bar)
        layout.addWidget(self.roles_bar)
        layout.addWidget(self.problem_label)
        layout.addLayout(buttons)
        layout.addWidget(links)
        layout.addWidget(splitter, 1)
        self.setCentralWidget(scrolling(central, self))

    # --- what the cockpit's parts read of it ----------------------------------------------------

    @property
    def policy(self) -> Policy:
        return self._policy

    @property
    def language(self) -> str:
        return self._language

    @property
    def zone(self) -> tzinfo | None:
        return self._zone

    @property
    def now(self) -> datetime | None:
        """The last tick's time (None before the first)."""
        return self._now

    # --- updates --------------------------------------------------------------------------------

    def set_responder_states(self, states: dict[str, str]) -> None:
        """PagerDuty's answers to our responder requests (user id -> state), from the page."""
        if self.escalation_box.set_responder_states(states) and self._now is not None:
            self.escalation_box.show_for(self.incident, self._now)

    def set_declarable(self, source: str) -> None:
        """Offer "Declare in <source>" (its name; "" for none): once one is set up to declare."""
        self._declaring = source
        self.declare_button.setText(fill(self.tr("Declare in %1"), source))
        tip = self.tr("Creates it in %1 so the service's escalation policy pages the team")
        self.declare_button.setToolTip(fill(tip, source))
        self.set_incident(self.incident)

    def set_incident(self, incident: Incident) -> None:
        """Show this version of the incident, unless it is older than the one shown: a read
        that raced a change may arrive after it, and the timeline only ever grows."""
        if len(incident.timeline) < len(self.incident.timeline):
            return
        self.incident = incident
        if self._problem_until is not None:
            audience, before = self._problem_until
            if len(updates_sent(incident, audience)) > before:  # that update went after all
                self.show_problem("")
        sev = self._policy.severity(incident.severity)
        self.severity_label.setText(f"{incident.severity.value} {sev.name.get(self._language)}")
        self.severity_label.setStyleSheet(
            f"background: {sev.color}; color: white; padding: 4px 8px; border-radius: 4px;"
        )
        self.title_label.setText(incident.title)
        set_title(self, f"{incident.severity.value} · {incident.title}")
        detected = local_time(incident.detected_at, self._zone)
        self.status_label.setText(
            fill(
                self.tr("Status: %1 · detected %2"),
                status_text(incident.status, self._language),
                detected,
            )
            + (f" · {incident.impact}" if incident.impact else "")
        )
        for status, button in self.status_buttons.items():
            button.setEnabled(incident.can_move_to(status))
        self.severity_button.setEnabled(incident.is_active)
        self.postmortem_button.setEnabled(not incident.is_active)
        self.declare_button.setVisible(
            bool(self._declaring)
            and incident.is_active
            and incident.alert is None
            and not incident.is_drill
        )
        self.roles_bar.show_for(incident)
        self.lifecycle.show_source_state()
        self.checklist.set_incident(incident)
        self.checklist_view.expandAll()
        self.timeline_panel.show_events(list(incident.timeline), self._now)
        if self._now is not None:
            self.set_now(self._now)

    def set_now(self, now: datetime) -> None:
        """Recompute every clock from the stored deadlines (called on each tick). A hidden or
        minimised window only remembers the time and catches up when shown."""
        self._now = now
        if not self.isVisible() or self.isMinimized():
            return
        incident, policy = self.incident, self._policy
        overdue_any = self.clocks.show_clocks(incident, now)
        set_title(
            self, ("⏰ " if overdue_any else "") + f"{incident.severity.value} · {incident.title}"
        )
        self.escalation_box.show_for(incident, now)
        self.next_bar.show_action(next_action(incident, policy, now), now)
        self.checklist.set_now(now)
        self.timeline_panel.set_now(now)
        found = reminders(incident, policy, now)
        self.reminder_label.setText(
            "\n".join(
                f"⚠ {a.bad.get(self._language)} — {a.good.get(self._language)}" for a in found
            )
        )
        self.reminder_label.setVisible(bool(found))

    def _do_next_action(self, action: NextAction) -> None:
        kind = action.kind
        if kind is ActionKind.ACKNOWLEDGE:
            self.lifecycle.move(Status.ACKNOWLEDGED)
        elif kind is ActionKind.CONFIRM_SEVERITY:
            step = next(
                (s for s, e in self._policy.step_evidence.items() if e == "severity_confirmed"),
                "",
            )
            self._confirm_severity(step)
        elif kind in (
            ActionKind.DECLARE,
            ActionKind.SEND_UPDATE,
            ActionKind.SEND_RESOLUTION_NOTICE,
        ):
            audience = action.audience or Audience.INTERNAL
            self.compose_requested.emit(self.incident_id, audience.value)
        elif kind is ActionKind.ESCALATE:
            self.escalation_box.setFocus()
        elif kind is ActionKind.RESOLVE:
            self.lifecycle.move(Status.RESOLVED)
        elif kind in (ActionKind.MONITOR, ActionKind.CLOSE):
            self.lifecycle.move(Status.CLOSED)

    # --- user actions ---------------------------------------------------------------------------

    def _on_step_toggled(self, step_id: str, done: bool) -> None:
        """A step whose action lives in the app opens it (evaluating the severity opens the
        wizard, posting the declaration the composer); what it does then ticks the step."""
        evidence = self._policy.step_evidence.get(step_id)
        if done and evidence == "severity_confirmed":
            self._confirm_severity(step_id)
            return
        if done and evidence == "declaration_posted":
            self.compose_requested.emit(self.incident_id, Audience.INTERNAL.value)
            return
        note = self.step_note.text().strip() if done else ""
        self.step_note.clear()
        self._service.tick_step(self.incident_id, step_id, done, note)

    def _confirm_severity(self, step_id: str) -> None:
        answer = SeverityDialog.ask(
            self._policy, self._language, self.incident.severity, self, confirming=True
        )
        if answer is None:
            return
        severity, reason = answer
        if severity is self.incident.severity:  # confirmed as it was: the tick says so
            self._service.tick_step(self.incident_id, step_id, True, reason)
        else:
            self._service.change_severity(self.incident_id, severity, reason)

    def _on_snooze(self, audience: Audience) -> None:
        name = self._policy.cadence[audience].name.get(self._language)
        answer = SnoozeDialog.ask(name, self)
        if answer is not None:
            self._service.snooze_reminder(self.incident_id, audience, *answer)

    def _on_change_severity(self) -> None:
        answer = SeverityDialog.ask(self._policy, self._language, self.incident.severity, self)
        if answer is not None:
            self._service.change_severity(self.incident_id, *answer)

    def set_presence(self, others: list[str] | None) -> None:
        """Who else has this incident open, from the other consoles' heartbeats (``None``:
        not known while the team database is away)."""
        self.roles_bar.set_others(others)

    def refused(self, problem: str, text: str = "") -> None:
        """A change made here was not stored: what it changed springs back to the stored
        incident, and the cockpit says why (not only the main window, behind it). ``text``:
        what to say instead of "Not saved: <why>"."""
        self.set_incident(self.incident)
        self.show_problem(text or fill(self.tr("Not saved: %1"), problem))
        self._unsaved = True

    def database_back(self) -> None:
        """The team database answers again: what was refused meanwhile can be made again."""
        if self._unsaved:
            self._unsaved = False
            self.show_problem(self.tr("The database is back: make again what was not saved."))

    def _take_role(self, role: str) -> None:
        self._service.change(
            self.incident_id,
            lambda i, now, who: i.take_role(Role(role), who, at=now, actor=who),
        )

    def show_problem(self, text: str, until_sent: Audience | None = None) -> None:
        """Something the engineer asked for failed (plain text, stays until the next one);
        ``until_sent``: it was this audience's update, and goes once one is recorded sent
        (the executive summary no mail client opened for, then marked sent by hand)."""
        self.problem_label.setText(text)
        self.problem_label.setVisible(bool(text))
        self._problem_until = (
            (until_sent.value, len(updates_sent(self.incident, until_sent.value)))
            if text and until_sent is not None
            else None
        )

    def set_posts(self, posts: list[Post]) -> None:
        """The outbox for this incident: pending, sent (with where) or refused (with why)."""
        self.timeline_panel.set_posts(posts)
        self.clocks.set_posts(posts)  # an update its audience's own destination refused

    def step_index(self, step_id: str) -> QModelIndex:
        """The checklist index of a step (for tests and keyboard navigation)."""
        for row in range(self.checklist.rowCount()):
            phase = self.checklist.index(row, 0)
            for child in range(self.checklist.rowCount(phase)):
                index = self.checklist.index(child, 0, phase)
                if index.data(StepIdRole) == step_id:
                    return index
        return QModelIndex()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._now is not None:
            self.set_now(self._now)  # catch up on the ticks missed while hidden

    def closeEvent(self, event: QCloseEvent) -> None:
        self.closed.emit(self.incident_id)
        super().closeEvent(event)

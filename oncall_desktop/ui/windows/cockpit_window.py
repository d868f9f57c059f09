"""The incident cockpit: where the engineer lives during an incident, following SOP-5.

Status and severity, the SLA clocks, the next update owed to each audience, escalation, the
five phases with their steps, the SOP's reminders, runbook links and the timeline. Every
figure comes from the procedure data; every clock is recomputed from stored instants on each
tick. Changes go through the incident service, which records who and when.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, tzinfo

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QModelIndex, Qt, QUrl, Signal
from PySide6.QtGui import QColor, QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from oncall_desktop.core.deadlines import (
    ClockState,
    DueReason,
    ack_clock,
    escalation_due_at,
    escalation_needed,
    monitoring_running,
    monitoring_until,
    next_updates,
    reminders,
    resolve_clock,
)
from oncall_desktop.core.destinations import destination
from oncall_desktop.core.incident import Incident, Status
from oncall_desktop.core.nextaction import ActionKind, NextAction, next_action
from oncall_desktop.core.outbox import Post, PostState
from oncall_desktop.core.paging import PAGERDUTY
from oncall_desktop.core.policy import Audience, EscalationMode, Policy
from oncall_desktop.services.incidents import IncidentService
from oncall_desktop.ui.geometry import fit_to_screen, scrolling
from oncall_desktop.ui.models.checklist_model import ChecklistModel
from oncall_desktop.ui.models.roles import StepIdRole
from oncall_desktop.ui.models.timeline_model import TimelineModel
from oncall_desktop.ui.shortcuts import close_with_escape_and_ctrl_w
from oncall_desktop.ui.text import countdown, fill, local_time, status_text
from oncall_desktop.ui.windows.declare_dialog import SeverityDialog

LATE = "color: #c62828; font-weight: bold"
MET = "color: #2e7d32"

STATUS_BUTTONS = (
    (Status.ACKNOWLEDGED, QT_TRANSLATE_NOOP("CockpitWindow", "Acknowledge")),
    (Status.INVESTIGATING, QT_TRANSLATE_NOOP("CockpitWindow", "Investigating")),
    (Status.MITIGATING, QT_TRANSLATE_NOOP("CockpitWindow", "Mitigating")),
    (Status.RESOLVED, QT_TRANSLATE_NOOP("CockpitWindow", "Resolve")),
    (Status.CLOSED, QT_TRANSLATE_NOOP("CockpitWindow", "Close")),
)
# PagerDuty's answer to a responder request, beside the contact asked
RESPONDER_STATES = {
    "pending": QT_TRANSLATE_NOOP("CockpitWindow", "asked in PagerDuty, no answer yet"),
    "joined": QT_TRANSLATE_NOOP("CockpitWindow", "joined ✅"),
    "declined": QT_TRANSLATE_NOOP("CockpitWindow", "declined: reach them another way"),
    "user_cancelled": QT_TRANSLATE_NOOP("CockpitWindow", "request cancelled"),
}
POST_STATES = {
    PostState.PENDING: QT_TRANSLATE_NOOP("CockpitWindow", "waiting"),
    PostState.SENDING: QT_TRANSLATE_NOOP("CockpitWindow", "sending"),
    PostState.SENT: QT_TRANSLATE_NOOP("CockpitWindow", "sent"),
    PostState.FAILED: QT_TRANSLATE_NOOP("CockpitWindow", "refused"),
}


def plain_label(text: str = "", parent: QWidget | None = None) -> QLabel:
    label = QLabel(text, parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def set_style(widget: QWidget, style: str) -> None:
    """Re-style only on change: a style sheet set every second re-polishes every tick."""
    if widget.styleSheet() != style:
        widget.setStyleSheet(style)


def safe_link(url: str) -> QUrl | None:
    """Only http and https links leave the app (no file:, javascript:, custom schemes)."""
    qurl = QUrl(url.strip())
    return qurl if qurl.isValid() and qurl.scheme().lower() in ("http", "https") else None


# The next action in words ("%1": the audience) and its button (none: nothing to click).
NEXT_ACTION_TEXTS = {
    ActionKind.ACKNOWLEDGE: QT_TRANSLATE_NOOP("CockpitWindow", "acknowledge the incident"),
    ActionKind.CONFIRM_SEVERITY: QT_TRANSLATE_NOOP("CockpitWindow", "evaluate the severity"),
    ActionKind.DECLARE: QT_TRANSLATE_NOOP("CockpitWindow", "post the declaration (%1)"),
    ActionKind.ESCALATE: QT_TRANSLATE_NOOP("CockpitWindow", "escalate (contacts below)"),
    ActionKind.SEND_UPDATE: QT_TRANSLATE_NOOP("CockpitWindow", "send the update to %1"),
    ActionKind.RESOLVE: QT_TRANSLATE_NOOP("CockpitWindow", "resolve within the SLA"),
    ActionKind.SEND_RESOLUTION_NOTICE: QT_TRANSLATE_NOOP(
        "CockpitWindow", "send the resolution notice to %1"
    ),
    ActionKind.MONITOR: QT_TRANSLATE_NOOP("CockpitWindow", "watch for an hour, then close"),
    ActionKind.CLOSE: QT_TRANSLATE_NOOP("CockpitWindow", "close the incident"),
    ActionKind.NOTHING: QT_TRANSLATE_NOOP("CockpitWindow", "nothing: the incident is closed"),
}
NEXT_ACTION_BUTTONS = {
    ActionKind.ACKNOWLEDGE: QT_TRANSLATE_NOOP("CockpitWindow", "Acknowledge"),
    ActionKind.CONFIRM_SEVERITY: QT_TRANSLATE_NOOP("CockpitWindow", "Evaluate severity…"),
    ActionKind.DECLARE: QT_TRANSLATE_NOOP("CockpitWindow", "Compose the declaration…"),
    ActionKind.SEND_UPDATE: QT_TRANSLATE_NOOP("CockpitWindow", "Compose the update…"),
    ActionKind.RESOLVE: QT_TRANSLATE_NOOP("CockpitWindow", "Resolve…"),
    ActionKind.SEND_RESOLUTION_NOTICE: QT_TRANSLATE_NOOP(
        "CockpitWindow", "Compose the resolution notice…"
    ),
    ActionKind.CLOSE: QT_TRANSLATE_NOOP("CockpitWindow", "Close"),
}


class SnoozeDialog(QDialog):
    def __init__(self, audience_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Snooze reminder"))
        self.minutes = QSpinBox(self)
        self.minutes.setRange(1, 240)
        self.minutes.setValue(15)
        self.minutes.setSuffix(" min")
        self.reason = QLineEdit(self)
        self.reason.setPlaceholderText(self.tr("Why (kept in the timeline)"))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(False)
        self.reason.textChanged.connect(lambda text: ok.setEnabled(bool(text.strip())))
        form = QFormLayout(self)
        form.addRow(plain_label(audience_name, self))
        form.addRow(self.tr("For"), self.minutes)
        form.addRow(self.tr("Reason"), self.reason)
        form.addRow(buttons)

    @classmethod
    def ask(cls, audience_name: str, parent: QWidget | None = None) -> tuple[int, str] | None:
        dialog = cls(audience_name, parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.minutes.value(), dialog.reason.text().strip()


class ResolveDialog(QDialog):
    """Resolving asks what fixed it: the note goes to the timeline, the resolution notices and
    the post-mortem (SOP 4.2-4.3)."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Resolve the incident"))
        self.note = QPlainTextEdit(self)
        self.note.setPlaceholderText(
            self.tr("What restored the service (e.g. failover to the replica database)")
        )
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("Resolve"))
        ok.setEnabled(False)
        self.note.textChanged.connect(lambda: ok.setEnabled(bool(self.note.toPlainText().strip())))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(plain_label(title, self))
        form.addRow(self.tr("Resolution"), self.note)
        form.addRow(buttons)
        self.resize(520, 260)

    @classmethod
    def ask(cls, title: str, parent: QWidget | None = None) -> str | None:
        dialog = cls(title, parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.note.toPlainText().strip()


class _AudienceRow:
    # No QObject, so no tr(): the window's context, spelled out for lupdate to find the texts
    def __init__(self, name: str, parent: QWidget) -> None:
        translate = QCoreApplication.translate
        self.name = plain_label(name, parent)
        self.countdown = QLabel(parent)
        self.compose = QPushButton(translate("CockpitWindow", "Compose…"), parent)
        self.mark_sent = QPushButton(translate("CockpitWindow", "Mark sent"), parent)
        self.snooze = QPushButton(translate("CockpitWindow", "Snooze…"), parent)


class CockpitWindow(QMainWindow):
    """Signals:
    closed(int): the window of this incident id was closed.
    compose_requested(int, str): compose an update for this incident and audience value.
    resend_requested(object): edit and resend this failed Post.
    channel_requested(int): create the incident's own Slack channel (SOP step 1.4).
    postmortem_requested(int): open the incident's post-mortem (SOP 5.2).
    responders_requested(int, str): ask this escalation contact to join in PagerDuty.
    pagerduty_declare_requested(int): create this hand-declared incident in PagerDuty.
    """

    closed = Signal(int)
    compose_requested = Signal(int, str)
    resend_requested = Signal(object)
    channel_requested = Signal(int)
    postmortem_requested = Signal(int)
    responders_requested = Signal(int, str)
    pagerduty_declare_requested = Signal(int)

    def __init__(
        self,
        incident: Incident,
        policy: Policy,
        language: str,
        zone: tzinfo | None,
        service: IncidentService,
        parent: QWidget | None = None,
    ) -> None:
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

        # header
        self.severity_label = QLabel(self)
        self.title_label = plain_label("", self)
        font = self.title_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.title_label.setFont(font)
        self.status_label = plain_label("", self)
        self.problem_label = plain_label("", self)
        self.problem_label.setStyleSheet(LATE)
        self.problem_label.hide()
        # the one thing to do next, large, with its countdown and one primary button
        self.next_label = plain_label("", self)
        next_font = self.next_label.font()
        next_font.setPointSizeF(next_font.pointSizeF() * 1.4)
        next_font.setBold(True)
        self.next_label.setFont(next_font)
        self.next_button = QPushButton(self)
        self.next_button.setDefault(True)
        self.next_button.setAutoDefault(True)
        self.next_button.setStyleSheet("font-weight: bold; padding: 6px 14px;")
        self.next_button.clicked.connect(self._do_next_action)
        self._next: NextAction | None = None
        self.status_buttons: dict[Status, QPushButton] = {}
        buttons = QHBoxLayout()
        for status, label in STATUS_BUTTONS:
            button = QPushButton(self.tr(label), self)
            button.clicked.connect(lambda _=False, s=status: self._on_status(s))
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
        self.declare_pd_button = QPushButton(self.tr("Declare in PagerDuty"), self)
        self.declare_pd_button.setToolTip(
            self.tr("Creates it in PagerDuty so the service's escalation policy pages the team")
        )
        self.declare_pd_button.clicked.connect(
            lambda: self.pagerduty_declare_requested.emit(self.incident_id)
        )
        self.declare_pd_button.setVisible(False)
        self._pagerduty_declarable = False  # a service is set in Settings
        buttons.addWidget(self.declare_pd_button)
        self.postmortem_button = QPushButton(self.tr("Post-mortem…"), self)
        self.postmortem_button.setToolTip(self.tr("Once resolved: the SOP 5.2 post-mortem"))
        self.postmortem_button.clicked.connect(
            lambda: self.postmortem_requested.emit(self.incident_id)
        )
        buttons.addWidget(self.postmortem_button)
        buttons.addStretch(1)

        # clocks
        clocks = QGroupBox(self.tr("Clocks"), self)
        grid = QGridLayout(clocks)
        self.ack_label = QLabel(self)
        self.resolve_label = QLabel(self)
        grid.addWidget(QLabel(self.tr("Acknowledge SLA"), self), 0, 0)
        grid.addWidget(self.ack_label, 0, 1)
        grid.addWidget(QLabel(self.tr("Resolve SLA"), self), 1, 0)
        grid.addWidget(self.resolve_label, 1, 1)
        # SOP 5.1: an hour of monitoring after resolution, counted down once resolved
        self.monitoring_name = QLabel(self.tr("Monitoring (5.1)"), self)
        self.monitoring_label = QLabel(self)
        grid.addWidget(self.monitoring_name, 2, 0)
        grid.addWidget(self.monitoring_label, 2, 1)
        self.audience_rows: dict[Audience, _AudienceRow] = {}
        for row, (audience, cadence) in enumerate(policy.cadence.items(), start=3):
            widgets = _AudienceRow(cadence.name.get(language), self)
            widgets.mark_sent.clicked.connect(
                lambda _=False, a=audience: self._service.mark_update_sent(self.incident_id, a)
            )
            widgets.snooze.clicked.connect(lambda _=False, a=audience: self._on_snooze(a))
            widgets.compose.clicked.connect(
                lambda _=False, a=audience: self.compose_requested.emit(self.incident_id, a.value)
            )
            for column, widget in enumerate(
                (
                    widgets.name,
                    widgets.countdown,
                    widgets.compose,
                    widgets.mark_sent,
                    widgets.snooze,
                )
            ):
                grid.addWidget(widget, row, column)
            self.audience_rows[audience] = widgets

        # escalation
        self.escalation_box = QGroupBox(self.tr("Escalation"), self)
        escalation = QVBoxLayout(self.escalation_box)
        self.escalation_hint = plain_label("", self)
        escalation.addWidget(self.escalation_hint)
        self.contact_boxes: dict[str, QCheckBox] = {}
        self.contact_requests: dict[str, QPushButton] = {}  # one click: ask in PagerDuty
        self._contact_labels = {
            c.name: f"{c.name} — {c.contact.get(language)}" for c in policy.escalation_contacts
        }
        self._contact_users = {
            c.name: c.pagerduty[1]
            for c in policy.escalation_contacts
            if c.pagerduty is not None and c.pagerduty[0] == "user_reference"
        }
        self._responder_states: dict[str, str] = {}  # PagerDuty user id -> their answer
        for contact in policy.escalation_contacts:
            box = QCheckBox(f"{contact.name} — {contact.contact.get(language)}", self)
            box.toggled.connect(lambda checked, name=contact.name: self._on_contact(name, checked))
            self.contact_boxes[contact.name] = box
            row = QHBoxLayout()
            row.addWidget(box, 1)
            if contact.pagerduty is not None:
                ask = QPushButton(self.tr("Ask in PagerDuty"), self)
                ask.setToolTip(
                    self.tr(
                        "Sends a responder request on the incident's page, with the SOP's message"
                    )
                )
                ask.clicked.connect(
                    lambda _=False, name=contact.name: self.responders_requested.emit(
                        self.incident_id, name
                    )
                )
                self.contact_requests[contact.name] = ask
                row.addWidget(ask)
            escalation.addLayout(row)

        # checklist
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
        self.checklist_view.setMinimumHeight(260)
        self.step_note = QLineEdit(self)
        self.step_note.setPlaceholderText(self.tr("Optional note for the next step you tick"))
        self.reminder_label = plain_label("", self)
        self.reminder_label.setStyleSheet("color: #8d6e00")

        # links
        links = QGroupBox(self.tr("Runbooks and access"), self)
        link_layout = QHBoxLayout(links)
        self.link_buttons: list[QPushButton] = []
        for link in policy.links:
            url = safe_link(link.url) if link.url else None
            if url is None:
                continue
            button = QPushButton(link.title.get(language), self)
            button.setToolTip(url.toString())
            button.clicked.connect(lambda _=False, u=url: QDesktopServices.openUrl(u))
            self.link_buttons.append(button)
            link_layout.addWidget(button)
        link_layout.addStretch(1)
        links.setVisible(bool(self.link_buttons))

        # outgoing posts (the outbox for this incident)
        self.posts_view = QTableWidget(0, 4, self)
        self.posts_view.setHorizontalHeaderLabels(
            [self.tr("Queued"), self.tr("Where"), self.tr("State"), self.tr("Detail")]
        )
        self.posts_view.verticalHeader().hide()
        self.posts_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.posts_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.posts_view.horizontalHeader().setStretchLastSection(True)
        self.posts_view.setMaximumHeight(150)
        self.resend_button = QPushButton(self.tr("Edit and resend…"), self)
        self.resend_button.setEnabled(False)
        self.posts_view.itemSelectionChanged.connect(self._on_post_selected)
        self.resend_button.clicked.connect(self._on_resend)
        self.posts: list[Post] = []

        # timeline
        self.timeline = TimelineModel(policy, language, zone, self)
        self.timeline_view = QTableView(self)
        self.timeline_view.setModel(self.timeline)
        self.timeline_view.verticalHeader().hide()
        self.timeline_view.horizontalHeader().setStretchLastSection(True)
        for column in (0, 1):
            self.timeline_view.horizontalHeader().setSectionResizeMode(
                column, QHeaderView.ResizeMode.ResizeToContents
            )
        self.timeline_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.note_edit = QLineEdit(self)
        self.note_edit.setPlaceholderText(self.tr("Add a note to the timeline and press Enter"))
        self.note_edit.returnPressed.connect(self._on_add_note)

        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.addWidget(clocks)
        left_layout.addWidget(self.escalation_box)
        left_layout.addWidget(QLabel(self.tr("Phases"), self))
        left_layout.addWidget(self.checklist_view, 1)
        left_layout.addWidget(self.step_note)
        left_layout.addWidget(self.reminder_label)
        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.addWidget(QLabel(self.tr("Timeline"), self))
        right_layout.addWidget(self.timeline_view, 1)
        right_layout.addWidget(self.note_edit)
        right_layout.addWidget(QLabel(self.tr("Updates sent from here"), self))
        right_layout.addWidget(self.posts_view)
        right_layout.addWidget(self.resend_button)
        splitter = QSplitter(self)
        splitter.addWidget(left)
        splitter.addWidget(right)
        central = QWidget(self)
        layout = QVBoxLayout(central)
        header = QHBoxLayout()
        header.addWidget(self.severity_label)
        header.addWidget(self.title_label, 1)
        layout.addLayout(header)
        layout.addWidget(self.status_label)
        next_row = QHBoxLayout()
        next_row.addWidget(self.next_label, 1)
        next_row.addWidget(self.next_button)
        layout.addLayout(next_row)
        layout.addWidget(self.problem_label)
        layout.addLayout(buttons)
        layout.addWidget(links)
        layout.addWidget(splitter, 1)
        # scrolls rather than pushing the step note and "Edit and resend…" off a laptop screen
        self.setCentralWidget(scrolling(central, self))
        fit_to_screen(self, 1100, 720, remember="cockpit")
        self.set_incident(incident)

    # --- updates --------------------------------------------------------------------------------

    def set_responder_states(self, states: dict[str, str]) -> None:
        """PagerDuty's answers to our responder requests (user id -> state), from the page."""
        if states != self._responder_states:
            self._responder_states = dict(states)
            if self._now is not None:
                self._show_escalation(self._now)

    def set_pagerduty_declarable(self, declarable: bool) -> None:
        """Offer "Declare in PagerDuty": only once a service for it is set in Settings."""
        self._pagerduty_declarable = declarable
        self.set_incident(self.incident)

    def set_incident(self, incident: Incident) -> None:
        self.incident = incident
        sev = self._policy.severity(incident.severity)
        self.severity_label.setText(f"{incident.severity.value} {sev.name.get(self._language)}")
        self.severity_label.setStyleSheet(
            f"background: {sev.color}; color: white; padding: 4px 8px; border-radius: 4px;"
        )
        self.title_label.setText(incident.title)
        self.setWindowTitle(f"{incident.severity.value} · {incident.title}")
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
        self.declare_pd_button.setVisible(
            self._pagerduty_declarable
            and incident.is_active
            and incident.alert is None
            and not incident.is_drill
        )
        self.checklist.set_incident(incident)
        self.checklist_view.expandAll()
        self.timeline.set_events(list(incident.timeline))
        self.timeline_view.scrollToBottom()
        if self._now is not None:
            self.set_now(self._now)

    def set_now(self, now: datetime) -> None:
        """Recompute every clock from the stored deadlines (called on each tick). A hidden or
        minimised window only remembers the time and catches up when shown."""
        self._now = now
        if not self.isVisible() or self.isMinimized():
            return
        incident, policy = self.incident, self._policy
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
            if due is None:
                row.countdown.setText("—")
                set_style(row.countdown, "")
                continue
            late = due.overdue(now)
            overdue_any |= late
            text = countdown(due.remaining(now))
            if late:
                text = self.tr("OVERDUE %1").replace("%1", text)
            elif due.snoozed_until:
                text = self.tr("%1 (snoozed)").replace("%1", text)
            row.countdown.setText(text)
            set_style(row.countdown, LATE if late else "")
        self.setWindowTitle(
            ("⏰ " if overdue_any else "") + f"{incident.severity.value} · {incident.title}"
        )
        self._show_escalation(now)
        self._show_next_action(now)
        self.checklist.set_now(now)
        found = reminders(incident, policy, now)
        self.reminder_label.setText(
            "\n".join(
                f"⚠ {a.bad.get(self._language)} — {a.good.get(self._language)}" for a in found
            )
        )
        self.reminder_label.setVisible(bool(found))

    def _show_next_action(self, now: datetime) -> None:
        action = next_action(self.incident, self._policy, now)
        self._next = action
        audience = (
            self._policy.cadence[action.audience].name.get(self._language)
            if action.audience is not None
            else ""
        )
        what = fill(self.tr(NEXT_ACTION_TEXTS[action.kind]), audience)
        if action.due_at is not None:
            left = action.due_at - now
            when = (
                fill(self.tr("%1 left"), countdown(left))
                if left.total_seconds() >= 0
                else fill(self.tr("late by %1"), countdown(-left))
            )
            what = f"{what} · {when}"
            set_style(self.next_label, LATE if left.total_seconds() < 0 else "")
        else:
            set_style(self.next_label, "")
        self.next_label.setText(fill(self.tr("Next: %1"), what))
        label = NEXT_ACTION_BUTTONS.get(action.kind)
        self.next_button.setVisible(label is not None)
        if label is not None:
            self.next_button.setText(self.tr(label))

    def _do_next_action(self) -> None:
        action = self._next
        if action is None:
            return
        kind = action.kind
        if kind is ActionKind.ACKNOWLEDGE:
            self._service.move_to(self.incident_id, Status.ACKNOWLEDGED)
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
            self._resolve()
        elif kind in (ActionKind.MONITOR, ActionKind.CLOSE):
            self._on_status(Status.CLOSED)

    def _show_sla(self, label: QLabel, clock, now: datetime) -> None:  # type: ignore[no-untyped-def]
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

    def _show_escalation(self, now: datetime) -> None:
        """The contacts of the current severity while its escalation is due; once resolved,
        only who was reached (no "escalate now" for a closed matter)."""
        incident, sev = self.incident, self._policy.severity(self.incident.severity)
        due = escalation_due_at(incident, self._policy)
        notified = incident.notified_contacts
        wanted = {c.name for c in self._policy.contacts_for(incident.severity)}
        needed = escalation_needed(incident, self._policy, now)
        visible = (
            needed or bool(notified) or (incident.is_active and due is not None and now >= due)
        )
        self.escalation_box.setVisible(visible)
        if not visible:
            return
        for name, ask in self.contact_requests.items():
            ask.setVisible((needed and name in wanted) and name not in notified)
            ask.setEnabled(bool(incident.follows(PAGERDUTY)) and incident.is_active)
        for name, box in self.contact_boxes.items():
            state = self._responder_states.get(self._contact_users.get(name, ""), "")
            answer = self.tr(RESPONDER_STATES[state]) if state in RESPONDER_STATES else ""
            box.setText(self._contact_labels[name] + (f" · {answer}" if answer else ""))
            box.setVisible((needed and name in wanted) or name in notified)
            box.blockSignals(True)
            box.setChecked(name in notified)
            box.setEnabled(name not in notified and incident.is_active)
            box.blockSignals(False)
        if not needed:
            self.escalation_hint.setText(self.tr("Escalation contacts reached:"))
            return
        if sev.escalation is EscalationMode.IMMEDIATE:
            hint = self.tr("%1: escalate now to %2.")
        else:
            hint = self.tr("%1 unresolved after the SOP's limit: escalate to %2.")
        self.escalation_hint.setText(
            fill(hint, incident.severity.value, sev.escalation_targets.get(self._language))
        )

    # --- user actions ---------------------------------------------------------------------------

    def _on_status(self, status: Status) -> None:
        if status is Status.RESOLVED:
            self._resolve()
            return
        now = self._now or datetime.now(UTC)
        if status is Status.CLOSED and monitoring_running(self.incident, self._policy, now):
            until = monitoring_until(self.incident, self._policy)
            assert until is not None
            answer = QMessageBox.question(
                self,
                self.tr("Close the incident?"),
                fill(
                    self.tr(
                        "The SOP asks for an hour of monitoring after resolution (5.1): it runs "
                        "until %1, %2 from now. Close anyway?"
                    ),
                    local_time(until, self._zone, with_date=False),
                    countdown(until - now),
                ),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No,
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        self._service.move_to(self.incident_id, status)

    def _resolve(self) -> None:
        """Resolve as a flow: the note, then the notices owed, then the post-mortem."""
        note = ResolveDialog.ask(self.incident.title, self)
        if note is None:
            return
        self._service.change(
            self.incident_id,
            lambda i, now, who: i.move_to(Status.RESOLVED, at=now, actor=who, note=note),
            then=self._after_resolved,
        )

    def _after_resolved(self, incident: Incident | None, problem: str) -> None:
        if incident is None:
            self.show_problem(problem)
            return
        owed = [
            audience
            for audience, due in next_updates(incident, self._policy).items()
            if due.reason is DueReason.RESOLUTION
        ]
        if owed and self._ask_yes(
            self.tr("Send the resolution notices?"),
            fill(
                self.tr("The procedure owes a resolution notice to: %1. Compose them now?"),
                ", ".join(self._policy.cadence[a].name.get(self._language) for a in owed),
            ),
        ):
            for audience in owed:  # one composer after the other, each prefilled
                self.compose_requested.emit(self.incident_id, audience.value)
        if self._policy.severity(incident.severity).postmortem_required and self._ask_yes(
            self.tr("Post-mortem"),
            self.tr("The procedure asks for a post-mortem of this incident. Open its draft now?"),
        ):
            self.postmortem_requested.emit(self.incident_id)

    def _ask_yes(self, title: str, text: str) -> bool:
        answer = QMessageBox.question(
            self,
            title,
            text,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.Yes,
        )
        return answer == QMessageBox.StandardButton.Yes

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
        answer = SeverityDialog.ask(self._policy, self._language, self.incident.severity, self)
        if answer is None:
            return
        severity, reason = answer
        if severity is self.incident.severity:  # confirmed as it was: the tick says so
            self._service.tick_step(self.incident_id, step_id, True, reason)
        else:
            self._service.change_severity(self.incident_id, severity, reason)

    def _on_add_note(self) -> None:
        text = self.note_edit.text().strip()
        if text:
            self._service.add_note(self.incident_id, text)
            self.note_edit.clear()

    def _on_contact(self, name: str, checked: bool) -> None:
        if checked:
            self._service.mark_contact_notified(self.incident_id, name)

    def _on_snooze(self, audience: Audience) -> None:
        name = self._policy.cadence[audience].name.get(self._language)
        answer = SnoozeDialog.ask(name, self)
        if answer is not None:
            self._service.snooze_reminder(self.incident_id, audience, *answer)

    def _on_change_severity(self) -> None:
        answer = SeverityDialog.ask(self._policy, self._language, self.incident.severity, self)
        if answer is not None:
            self._service.change_severity(self.incident_id, *answer)

    def show_problem(self, text: str) -> None:
        """Something the engineer asked for failed (plain text, stays until the next one)."""
        self.problem_label.setText(text)
        self.problem_label.setVisible(bool(text))

    def set_posts(self, posts: list[Post]) -> None:
        """The outbox for this incident: pending, sent (with where) or refused (with why)."""
        self.posts = posts
        self.posts_view.setRowCount(len(posts))
        for row, post in enumerate(posts):
            going_to = destination(post.target)  # any registered one
            where = going_to.name.get(self._language)
            if post.destination and going_to.shows_destination:
                where += f" {post.destination}"
            state = self.tr(POST_STATES[post.state])
            if post.state is PostState.SENT and post.delivered_as == "note":
                state = self.tr("sent as a note (status updates not in the plan)")
            elif post.state is PostState.PENDING and post.attempts:
                state = fill(self.tr("retrying (%1 attempts)"), post.attempts)
            detail = post.last_error or post.remote_ref
            queued = local_time(post.created_at, self._zone) if post.created_at else ""
            for column, text in enumerate((queued, where, state, detail)):
                item = QTableWidgetItem(text)
                item.setToolTip(post.text if column == 3 and not detail else text)
                if post.state is PostState.FAILED:
                    item.setForeground(QColor("#c62828"))
                self.posts_view.setItem(row, column, item)
        self._on_post_selected()

    def _selected_post(self) -> Post | None:
        rows = {index.row() for index in self.posts_view.selectedIndexes()}
        return self.posts[rows.pop()] if len(rows) == 1 else None

    def _on_post_selected(self) -> None:
        post = self._selected_post()
        self.resend_button.setEnabled(post is not None and post.state is PostState.FAILED)

    def _on_resend(self) -> None:
        post = self._selected_post()
        if post is not None and post.state is PostState.FAILED:
            self.resend_requested.emit(post)

    def step_index(self, step_id: str) -> QModelIndex:
        """The checklist index of a step (for tests and keyboard navigation)."""
        for row in range(self.checklist.rowCount()):
            phase = self.checklist.index(row, 0)
            for child in range(self.checklist.rowCount(phase)):
                index = self.checklist.index(child, 0, phase)
                if index.data(StepIdRole) == step_id:
                    return index
        return QModelIndex()

    def showEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        super().showEvent(event)
        if self._now is not None:
            self.set_now(self._now)  # catch up on the ticks missed while hidden

    def closeEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        self.closed.emit(self.incident_id)
        super().closeEvent(event)

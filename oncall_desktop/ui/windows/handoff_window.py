"""The weekly handoff form: the outgoing engineer edits and signs, the incoming engineer
acknowledges each item of the SOP's list. Autosaved; exported as Markdown; posted to the
incidents channel through the outbox."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import tzinfo
from functools import partial
from pathlib import Path
from typing import Protocol

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QMainWindow,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from oncall_desktop.core.clock import Clock
from oncall_desktop.core.handoff import (
    CheckState,
    HandoffNote,
    IncidentLine,
    Maintenance,
    change_label,
    to_markdown,
)
from oncall_desktop.core.policy import Policy
from oncall_desktop.services.handoffs import HandoffService
from oncall_desktop.ui.autosave import Autosave
from oncall_desktop.ui.drill_mark import title_setter
from oncall_desktop.ui.geometry import fit_to_screen
from oncall_desktop.ui.live_language import LiveLanguage
from oncall_desktop.ui.shortcuts import close_with_escape_and_ctrl_w
from oncall_desktop.ui.text import fill, local_time, status_text
from oncall_desktop.ui.widgets.handoff_tables import LINE_COLUMNS, UpcomingTable, lines_table
from oncall_desktop.ui.widgets.message_banner import MessageBanner

PAGERDUTY_CHECK = "pagerduty"


class _Stored(Protocol):
    """A stored handoff as the history lists it (the storage's class, which the UI does not
    import)."""

    @property
    def note(self) -> HandoffNote: ...


class HandoffWindow(QMainWindow):
    """Signals:
    closed(): the window was closed.
    post_requested(str): post this Markdown to the incidents channel through the outbox.
    """

    closed = Signal()
    post_requested = Signal(str)

    def __init__(
        self,
        note: HandoffNote,
        policy: Policy,
        language: str,
        zone: tzinfo | None,
        service: HandoffService,
        clock: Clock,
        actor: str,
        parent: QWidget | None = None,
        message_language: str | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("handoffWindow")
        self.message_language = message_language or language  # what is posted
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.note = note
        self.policy = policy
        self.language = language
        self.zone = zone
        self.service = service
        self.clock = clock
        self.actor = actor
        self.autosave = Autosave(self._save, self)
        # True once the live check found nothing to check with (no token, no such source)
        self._manual_pagerduty = False
        close_with_escape_and_ctrl_w(self)
        # a language change in Settings shows here at once, what was typed kept
        self.live = live = LiveLanguage(self, language)
        live.text(title_setter(self), lambda: self.tr("Handoff — %1").replace("%1", self._change()))
        fit_to_screen(self, 900, 900, remember="handoff")
        self.banner = MessageBanner()
        toolbar = QToolBar(self)
        live.text(toolbar.setWindowTitle, lambda: self.tr("Handoff"))
        self.addToolBar(toolbar)
        self.export_action = toolbar.addAction("", self.export_markdown)
        live.text(self.export_action.setText, lambda: self.tr("Export Markdown…"))
        self.post_action = toolbar.addAction("", self._post)
        live.text(self.post_action.setText, lambda: self.tr("Post to the incidents channel"))
        self.history_action = toolbar.addAction("", self._history)
        live.text(self.history_action.setText, lambda: self.tr("Previous handoffs…"))
        self._build()
        live.call(self._retranslate)
        service.verified.connect(self._on_verified)
        service.saved.connect(self._on_saved)
        self._show_status()

    # --- layout ---------------------------------------------------------------------------------

    def _change(self) -> str:
        """When the shift changes, said in the UI's language ("lundi 9h")."""
        return change_label(self.note.change_at, self.zone, self.live.language)

    def _retranslate(self, language: str) -> None:
        """What depends on the language beyond the registered texts: the export's language,
        the status and the messages shown. The fields keep what was typed."""
        self.language = language
        self._show_status()
        box = self.check_boxes.get(PAGERDUTY_CHECK)
        if box is not None and not box.isEnabled() and PAGERDUTY_CHECK not in self.note.checks:
            self.check_details[PAGERDUTY_CHECK].setText(self._checking())
        texts = self.banner.texts()
        if "dates" in texts:
            self._show_dates(self._upcoming()[1])
        if "sign" in texts:
            self._show_unnamed()

    def _box(self, section: str, fallback: Callable[[], str]) -> QGroupBox:
        """A group titled as the SOP's handoff section (in the UI's language), or ours."""
        texts = {s.id: s.text for s in self.policy.handoff.sections}
        box = QGroupBox()
        self.live.text(
            box.setTitle, self.live.said(texts[section]) if section in texts else fallback
        )
        return box

    def _build(self) -> None:
        body = QWidget()
        column = QVBoxLayout(body)
        column.addWidget(self.banner)
        self._build_header(column)
        self._build_incident_sections(column)
        self._build_upcoming(column)
        self._build_actions_notes_and_signature(column)
        self._build_incoming_checks(column)
        self.status_label = QLabel()
        font = self.status_label.font()
        font.setBold(True)
        self.status_label.setFont(font)
        column.addWidget(self.status_label)

        for edit in (self.outgoing_edit, self.incoming_edit):
            edit.textEdited.connect(self.autosave.changed)
        for text in (self.watch_edit, self.notes_edit):
            text.textChanged.connect(self.autosave.changed)
        for table in (self.last_week_table, self.upcoming_table):
            table.itemChanged.connect(self.autosave.changed)

        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        self.setCentralWidget(scroll)

    def _build_header(self, column: QVBoxLayout) -> None:
        note = self.note
        header = QFormLayout()
        when = QLabel()
        when.setTextFormat(Qt.TextFormat.PlainText)
        at = local_time(note.change_at, self.zone)
        self.live.text(when.setText, lambda: f"{self._change()} · {at}")
        self.outgoing_edit = QLineEdit(note.outgoing)
        self.incoming_edit = QLineEdit(note.incoming)
        self.live.row(header, lambda: self.tr("Change"), when)
        self.live.row(header, lambda: self.tr("Outgoing"), self.outgoing_edit)
        self.live.row(header, lambda: self.tr("Incoming"), self.incoming_edit)
        column.addLayout(header)

    def _build_incident_sections(self, column: QVBoxLayout) -> None:
        note = self.note
        active = self._box("active", lambda: self.tr("Active incidents"))
        layout = QVBoxLayout(active)
        self.active_table = self._lines_table(note.active, editable=False)
        if not note.active:
            none = QLabel()
            self.live.text(none.setText, lambda: self.tr("✅ No active incidents"))
            layout.addWidget(none)
        layout.addWidget(self.active_table)
        column.addWidget(active)

        watch = self._box("watch", lambda: self.tr("Watch items"))
        layout = QVBoxLayout(watch)
        hint = QLabel()
        self.live.text(
            hint.setText, lambda: self.tr("One per line; they carry over to the next handoff.")
        )
        hint.setStyleSheet("color: palette(mid); font-style: italic")
        layout.addWidget(hint)
        self.watch_edit = QPlainTextEdit("\n".join(note.watch_items))
        self.watch_edit.setMaximumHeight(110)
        layout.addWidget(self.watch_edit)
        column.addWidget(watch)

        last_week = self._box("last_week", lambda: self.tr("Last week's incidents"))
        layout = QVBoxLayout(last_week)
        self.last_week_table = self._lines_table(note.last_week, editable=True)
        layout.addWidget(self.last_week_table)
        column.addWidget(last_week)

    def _build_upcoming(self, column: QVBoxLayout) -> None:
        note = self.note
        upcoming = self._box("upcoming", lambda: self.tr("Upcoming"))
        layout = QVBoxLayout(upcoming)
        self.upcoming_table = UpcomingTable(note.upcoming)
        self.live.text(
            self.upcoming_table.setHorizontalHeaderLabels,
            lambda: [self.tr("Date (YYYY-MM-DD)"), self.tr("Time"), self.tr("What")],
        )
        buttons = QHBoxLayout()
        add, remove = QPushButton(), QPushButton()
        self.live.text(add.setText, lambda: self.tr("Add maintenance"))
        add.clicked.connect(self.add_upcoming)
        self.live.text(remove.setText, lambda: self.tr("Remove selected"))
        remove.clicked.connect(self._remove_upcoming)
        buttons.addWidget(add)
        buttons.addWidget(remove)
        buttons.addStretch(1)
        layout.addWidget(self.upcoming_table)
        layout.addLayout(buttons)
        column.addWidget(upcoming)

    def _build_actions_notes_and_signature(self, column: QVBoxLayout) -> None:
        note = self.note
        actions = self._box("", lambda: self.tr("Post-mortem action items due soon"))
        layout = QVBoxLayout(actions)
        self.actions_list = QListWidget()
        self.actions_list.addItems(list(note.action_items) or [""])
        if not note.action_items:
            none = self.actions_list.item(0)
            self.live.text(none.setText, lambda: self.tr("None"))
        self.actions_list.setMaximumHeight(100)
        layout.addWidget(self.actions_list)
        column.addWidget(actions)

        notes = self._box("", lambda: self.tr("Notes"))
        layout = QVBoxLayout(notes)
        self.notes_edit = QPlainTextEdit(note.notes)
        self.notes_edit.setMaximumHeight(110)
        layout.addWidget(self.notes_edit)
        column.addWidget(notes)

        sign_row = QHBoxLayout()
        self.sign_button = QPushButton()
        self.live.text(self.sign_button.setText, lambda: self.tr("Sign as outgoing engineer"))
        self.sign_button.clicked.connect(self.sign)
        self.signed_label = QLabel()
        self.signed_label.setTextFormat(Qt.TextFormat.PlainText)
        sign_row.addWidget(self.sign_button)
        sign_row.addWidget(self.signed_label, 1)
        column.addLayout(sign_row)

    def _build_incoming_checks(self, column: QVBoxLayout) -> None:
        note = self.note
        incoming = self._box("", lambda: self.tr("Incoming engineer: acknowledge each item"))
        layout = QVBoxLayout(incoming)
        self.check_boxes: dict[str, QCheckBox] = {}
        self.check_details: dict[str, QLabel] = {}
        for check in self.policy.handoff.incoming_checks:
            box = QCheckBox()
            self.live.text(box.setText, self.live.said(check.text))
            box.setObjectName(f"check-{check.id}")
            box.setChecked(check.id in note.checks)
            box.setEnabled(check.id not in note.checks)
            box.toggled.connect(lambda on, cid=check.id: self._on_check(cid, on))
            detail = QLabel(self._detail(note.checks.get(check.id)))
            detail.setTextFormat(Qt.TextFormat.PlainText)
            detail.setStyleSheet("color: palette(mid)")
            row = QHBoxLayout()
            row.addWidget(box)
            row.addWidget(detail, 1)
            layout.addLayout(row)
            self.check_boxes[check.id] = box
            self.check_details[check.id] = detail
        column.addWidget(incoming)

    def _lines_table(self, lines: tuple[IncidentLine, ...], editable: bool) -> QTableWidget:
        table = lines_table(lines, editable)
        for row, line in enumerate(lines):  # a stored id ("acknowledged"), said in words
            if (cell := table.item(row, LINE_COLUMNS.index("status"))) is not None:
                self.live.text(cell.setText, partial(self._status_of, line.status))
        self.live.text(
            table.setHorizontalHeaderLabels,
            lambda: [
                self.tr("#"),
                self.tr("Title"),
                self.tr("Severity"),
                self.tr("Status"),
                self.tr("Resolution"),
            ],
        )
        return table

    def _status_of(self, status: str) -> str:
        return status_text(status, self.live.language)

    def add_upcoming(self) -> None:
        self.upcoming_table.add()
        self.autosave.changed()

    def _remove_upcoming(self) -> None:
        if self.upcoming_table.remove_selected():
            self.autosave.changed()

    # --- reading the form -------------------------------------------------------------------

    def _upcoming(self) -> tuple[tuple[Maintenance, ...], list[str]]:
        return self.upcoming_table.maintenances()

    def current(self) -> HandoffNote:
        resolutions = {}
        for row in range(self.last_week_table.rowCount()):
            cell = self.last_week_table.item(row, 4)
            resolutions[row] = cell.text() if cell else ""
        last_week = tuple(
            replace(line, resolution=resolutions.get(i, line.resolution))
            for i, line in enumerate(self.note.last_week)
        )
        upcoming, _ = self._upcoming()
        watch = tuple(w.strip() for w in self.watch_edit.toPlainText().splitlines() if w.strip())
        return replace(
            self.note,
            outgoing=self.outgoing_edit.text().strip(),
            incoming=self.incoming_edit.text().strip(),
            watch_items=watch,
            last_week=last_week,
            upcoming=upcoming,
            notes=self.notes_edit.toPlainText(),
        )

    # --- actions ----------------------------------------------------------------------------

    def _save(self) -> None:
        self._show_dates(self._upcoming()[1])
        self.note = replace(self.current(), revision=self.note.revision + 1)
        self.service.save(self.note)
        self._show_status()

    def sign(self) -> None:
        name = self.outgoing_edit.text().strip()
        if not name:
            self._show_unnamed()
            return
        self.banner.clear_message("sign")
        self.note = self.current().sign(at=self.clock.now(), by=name)
        self.autosave.changed()
        self.autosave.flush()

    def _show_dates(self, problems: list[str]) -> None:
        if not problems:
            self.banner.clear_message("dates")
            return
        self.banner.show_message(
            "dates",
            fill(self.tr("Not a date (YYYY-MM-DD): %1. Kept in the text."), ", ".join(problems)),
            "warning",
        )

    def _show_unnamed(self) -> None:
        self.banner.show_message("sign", self.tr("Fill in the outgoing engineer's name."), "error")

    def _on_check(self, check_id: str, on: bool) -> None:
        if not on:
            return
        if check_id == PAGERDUTY_CHECK and not self._manual_pagerduty:
            # checked live: the box stays unticked until the source that keeps rotations answers
            box = self.check_boxes[check_id]
            box.blockSignals(True)
            box.setChecked(False)
            box.blockSignals(False)
            box.setEnabled(False)
            self.check_details[check_id].setText(self._checking())
            self.service.verify_rotation_source()
            return
        self._acknowledge(check_id, "")

    def _checking(self) -> str:
        """While the live check runs: "Checking PagerDuty…", named by the source it asks."""
        name = self.service.checked_source()
        return self.tr("Checking %1…").replace("%1", name) if name else self.tr("Checking…")

    def _on_verified(self, ok: bool, detail: str) -> None:
        box = self.check_boxes[PAGERDUTY_CHECK]
        if ok:
            self._acknowledge(PAGERDUTY_CHECK, f"verified: {detail}")
            return
        box.setEnabled(True)
        self.check_details[PAGERDUTY_CHECK].setText(detail)
        if self.service.by_hand:
            self._manual_pagerduty = True  # nothing to check with: a human tick is allowed

    def _acknowledge(self, check_id: str, detail: str) -> None:
        self.note = self.current().acknowledge(
            check_id,
            at=self.clock.now(),
            by=self.incoming_edit.text().strip() or self.actor,
            detail=detail,
        )
        box = self.check_boxes[check_id]
        box.blockSignals(True)
        box.setChecked(True)
        box.setEnabled(False)
        box.blockSignals(False)
        self.check_details[check_id].setText(self._detail(self.note.checks[check_id]))
        self.autosave.changed()
        self.autosave.flush()

    def _detail(self, state: CheckState | None) -> str:
        if state is None:
            return ""
        text = f"{state.by}, {local_time(state.at, self.zone)}"
        return f"{text} — {state.detail}" if state.detail else text

    def _show_status(self) -> None:
        note = self.note
        if note.signed_at:
            self.signed_label.setText(
                fill(
                    self.tr("Signed by %1, %2"),
                    note.signed_by,
                    local_time(note.signed_at, self.zone),
                )
            )
        done = len(self.policy.handoff.incoming_checks) - len(note.missing_checks(self.policy))
        total = len(self.policy.handoff.incoming_checks)
        if note.is_complete(self.policy):
            self.status_label.setText(self.tr("Status: Handoff complete ✅"))
        else:
            self.status_label.setText(
                fill(self.tr("Status: pending ⏳ (%1 of %2 acknowledged)"), done, total)
            )

    def _on_saved(self, stored: object) -> None:
        self._show_status()

    def markdown(self) -> str:
        return to_markdown(self.current(), self.policy, self.language, self.zone)

    def export_markdown(self, path: Path | None = None) -> Path | None:
        if path is None:
            local = self.note.change_at.astimezone(self.zone)
            chosen, _ = QFileDialog.getSaveFileName(
                self, self.tr("Export handoff"), f"handoff-{local:%Y-%m-%d}.md", "Markdown (*.md)"
            )
            if not chosen:
                return None
            path = Path(chosen)
        try:
            path.write_text(self.markdown(), encoding="utf-8")
        except OSError as error:
            self.banner.show_message("export", str(error), "error")
            return None
        return path

    def _post(self) -> None:
        self.autosave.flush()
        self.post_requested.emit(
            to_markdown(self.current(), self.policy, self.message_language, self.zone)
        )

    def _history(self) -> None:
        from oncall_desktop.ui.windows.handoff_history_dialog import HandoffHistoryDialog

        def show(stored: Sequence[_Stored]) -> None:
            dialog = HandoffHistoryDialog(
                [h.note for h in stored], self.policy, self.language, self.zone, self
            )
            dialog.open()
            self.history_dialog = dialog

        self.service.history(show)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.autosave.pending:
            self.autosave.flush()
        self.closed.emit()
        super().closeEvent(event)

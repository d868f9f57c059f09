"""The weekly handoff form: the outgoing engineer edits and signs, the incoming engineer
acknowledges each item of the SOP's list. Autosaved; exported as Markdown; posted to the
incidents channel through the outbox."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date, tzinfo
from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QMainWindow,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
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
from oncall_desktop.ui.geometry import fit_to_screen
from oncall_desktop.ui.shortcuts import close_with_escape_and_ctrl_w
from oncall_desktop.ui.text import fill, local_time
from oncall_desktop.ui.widgets.message_banner import MessageBanner

PAGERDUTY_CHECK = "pagerduty"
LINE_COLUMNS = ("reference", "title", "severity", "status", "resolution")


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
        self._manual_pagerduty = False  # True once PagerDuty said there is no token to check
        close_with_escape_and_ctrl_w(self)
        self.setWindowTitle(
            self.tr("Handoff — %1").replace("%1", change_label(note.change_at, zone, language))
        )
        fit_to_screen(self, 900, 900, remember="handoff")
        self.banner = MessageBanner()
        toolbar = QToolBar(self.tr("Handoff"), self)
        self.addToolBar(toolbar)
        self.export_action = toolbar.addAction(self.tr("Export Markdown…"), self.export_markdown)
        self.post_action = toolbar.addAction(self.tr("Post to the incidents channel"), self._post)
        self.history_action = toolbar.addAction(self.tr("Previous handoffs…"), self._history)
        self._build()
        service.verified.connect(self._on_verified)
        service.saved.connect(self._on_saved)
        self._show_status()

    # --- layout ---------------------------------------------------------------------------------

    def _build(self) -> None:
        body = QWidget()
        column = QVBoxLayout(body)
        column.addWidget(self.banner)
        self._build_header(column)
        sections = {s.id: s.text.get(self.language) for s in self.policy.handoff.sections}
        self._build_incident_sections(column, sections)
        self._build_upcoming(column, sections)
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
        when = QLabel(
            f"{change_label(note.change_at, self.zone, self.language)} · "
            f"{local_time(note.change_at, self.zone)}"
        )
        when.setTextFormat(Qt.TextFormat.PlainText)
        self.outgoing_edit = QLineEdit(note.outgoing)
        self.incoming_edit = QLineEdit(note.incoming)
        header.addRow(self.tr("Change"), when)
        header.addRow(self.tr("Outgoing"), self.outgoing_edit)
        header.addRow(self.tr("Incoming"), self.incoming_edit)
        column.addLayout(header)

    def _build_incident_sections(self, column: QVBoxLayout, sections: dict[str, str]) -> None:
        note = self.note
        active = QGroupBox(sections.get("active", self.tr("Active incidents")))
        layout = QVBoxLayout(active)
        self.active_table = self._lines_table(note.active, editable=False)
        if not note.active:
            layout.addWidget(QLabel(self.tr("✅ No active incidents")))
        layout.addWidget(self.active_table)
        column.addWidget(active)

        watch = QGroupBox(sections.get("watch", self.tr("Watch items")))
        layout = QVBoxLayout(watch)
        hint = QLabel(self.tr("One per line; they carry over to the next handoff."))
        hint.setStyleSheet("color: palette(mid); font-style: italic")
        layout.addWidget(hint)
        self.watch_edit = QPlainTextEdit("\n".join(note.watch_items))
        self.watch_edit.setMaximumHeight(110)
        layout.addWidget(self.watch_edit)
        column.addWidget(watch)

        last_week = QGroupBox(sections.get("last_week", self.tr("Last week's incidents")))
        layout = QVBoxLayout(last_week)
        self.last_week_table = self._lines_table(note.last_week, editable=True)
        layout.addWidget(self.last_week_table)
        column.addWidget(last_week)

    def _build_upcoming(self, column: QVBoxLayout, sections: dict[str, str]) -> None:
        note = self.note
        upcoming = QGroupBox(sections.get("upcoming", self.tr("Upcoming")))
        layout = QVBoxLayout(upcoming)
        self.upcoming_table = QTableWidget(0, 3)
        self.upcoming_table.setHorizontalHeaderLabels(
            [self.tr("Date (YYYY-MM-DD)"), self.tr("Time"), self.tr("What")]
        )
        # the date and time columns as wide as their headers or entries, "What" the rest
        self.upcoming_table.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents
        )
        self.upcoming_table.horizontalHeader().setSectionResizeMode(
            2, QHeaderView.ResizeMode.Stretch
        )
        self.upcoming_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        for item in note.upcoming:
            self._append_upcoming(item)
        buttons = QHBoxLayout()
        add = QPushButton(self.tr("Add maintenance"))
        add.clicked.connect(self.add_upcoming)
        remove = QPushButton(self.tr("Remove selected"))
        remove.clicked.connect(self._remove_upcoming)
        buttons.addWidget(add)
        buttons.addWidget(remove)
        buttons.addStretch(1)
        layout.addWidget(self.upcoming_table)
        layout.addLayout(buttons)
        column.addWidget(upcoming)

    def _build_actions_notes_and_signature(self, column: QVBoxLayout) -> None:
        note = self.note
        actions = QGroupBox(self.tr("Post-mortem action items due soon"))
        layout = QVBoxLayout(actions)
        self.actions_list = QListWidget()
        self.actions_list.addItems(list(note.action_items) or [self.tr("None")])
        self.actions_list.setMaximumHeight(100)
        layout.addWidget(self.actions_list)
        column.addWidget(actions)

        notes = QGroupBox(self.tr("Notes"))
        layout = QVBoxLayout(notes)
        self.notes_edit = QPlainTextEdit(note.notes)
        self.notes_edit.setMaximumHeight(110)
        layout.addWidget(self.notes_edit)
        column.addWidget(notes)

        sign_row = QHBoxLayout()
        self.sign_button = QPushButton(self.tr("Sign as outgoing engineer"))
        self.sign_button.clicked.connect(self.sign)
        self.signed_label = QLabel()
        self.signed_label.setTextFormat(Qt.TextFormat.PlainText)
        sign_row.addWidget(self.sign_button)
        sign_row.addWidget(self.signed_label, 1)
        column.addLayout(sign_row)

    def _build_incoming_checks(self, column: QVBoxLayout) -> None:
        note = self.note
        incoming = QGroupBox(self.tr("Incoming engineer: acknowledge each item"))
        layout = QVBoxLayout(incoming)
        self.check_boxes: dict[str, QCheckBox] = {}
        self.check_details: dict[str, QLabel] = {}
        for check in self.policy.handoff.incoming_checks:
            box = QCheckBox(check.text.get(self.language))
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
        table = QTableWidget(len(lines), len(LINE_COLUMNS))
        table.setHorizontalHeaderLabels(
            [
                self.tr("#"),
                self.tr("Title"),
                self.tr("Severity"),
                self.tr("Status"),
                self.tr("Resolution"),
            ]
        )
        table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        table.setMaximumHeight(160)
        for row, line in enumerate(lines):
            for column, key in enumerate(LINE_COLUMNS):
                item = QTableWidgetItem(getattr(line, key))
                if not editable or key != "resolution":
                    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                table.setItem(row, column, item)
        return table

    def _append_upcoming(self, item: Maintenance) -> None:
        row = self.upcoming_table.rowCount()
        self.upcoming_table.blockSignals(True)
        self.upcoming_table.insertRow(row)
        texts = [item.day.isoformat() if item.day else "", item.at, item.what]
        for column, text in enumerate(texts):
            self.upcoming_table.setItem(row, column, QTableWidgetItem(text))
        self.upcoming_table.blockSignals(False)

    def add_upcoming(self) -> None:
        tomorrow = QDate.currentDate().addDays(1).toString("yyyy-MM-dd")
        self._append_upcoming(Maintenance(date.fromisoformat(tomorrow), "", ""))
        added = self.upcoming_table.item(self.upcoming_table.rowCount() - 1, 2)
        if added is not None:
            self.upcoming_table.editItem(added)
        self.autosave.changed()

    def _remove_upcoming(self) -> None:
        rows = sorted({i.row() for i in self.upcoming_table.selectedIndexes()}, reverse=True)
        for row in rows:
            self.upcoming_table.removeRow(row)
        if rows:
            self.autosave.changed()

    # --- reading the form -------------------------------------------------------------------

    def _upcoming(self) -> tuple[tuple[Maintenance, ...], list[str]]:
        items, problems = [], []
        for row in range(self.upcoming_table.rowCount()):
            day_text, at, what = (
                cell.text() if (cell := self.upcoming_table.item(row, c)) is not None else ""
                for c in range(3)
            )
            day = None
            if day_text.strip():
                try:
                    day = date.fromisoformat(day_text.strip())
                except ValueError:
                    problems.append(day_text)
                    what = f"{day_text} {what}".strip()  # kept in the text, never dropped
            if what.strip() or day:
                items.append(Maintenance(day, at.strip(), what.strip()))
        return tuple(items), problems

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
        _, problems = self._upcoming()
        if problems:
            self.banner.show_message(
                "dates",
                self.tr("Not a date (YYYY-MM-DD): %1. Kept in the text.").replace(
                    "%1", ", ".join(problems)
                ),
                "warning",
            )
        else:
            self.banner.clear_message("dates")
        self.note = replace(self.current(), revision=self.note.revision + 1)
        self.service.save(self.note)
        self._show_status()

    def sign(self) -> None:
        name = self.outgoing_edit.text().strip()
        if not name:
            self.banner.show_message(
                "sign", self.tr("Fill in the outgoing engineer's name."), "error"
            )
            return
        self.banner.clear_message("sign")
        self.note = self.current().sign(at=self.clock.now(), by=name)
        self.autosave.changed()
        self.autosave.flush()

    def _on_check(self, check_id: str, on: bool) -> None:
        if not on:
            return
        if check_id == PAGERDUTY_CHECK and not self._manual_pagerduty:
            # checked live: the box stays unticked until PagerDuty answers
            box = self.check_boxes[check_id]
            box.blockSignals(True)
            box.setChecked(False)
            box.blockSignals(False)
            box.setEnabled(False)
            self.check_details[check_id].setText(self.tr("Checking PagerDuty…"))
            self.service.verify_pagerduty()
            return
        self._acknowledge(check_id, "")

    def _on_verified(self, ok: bool, detail: str) -> None:
        box = self.check_boxes[PAGERDUTY_CHECK]
        if ok:
            self._acknowledge(PAGERDUTY_CHECK, f"verified: {detail}")
            return
        box.setEnabled(True)
        self.check_details[PAGERDUTY_CHECK].setText(detail)
        if "No PagerDuty token" in detail:
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

"""The post-mortem editor: the SOP 5.2 template, prefilled, autosaved as you type.

Every field is plain text. Autosave runs through :class:`Autosave` (a crash loses under a
second) and the service (database, or a local file when the database is out of reach).
Closing the window flushes the pending autosave, so nothing typed just before is lost.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date
from functools import partial
from pathlib import Path

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QToolBar,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from oncall_desktop.core.messages import UserMessage
from oncall_desktop.core.policy import Policy, Severity
from oncall_desktop.core.postmortem import (
    TEXT_SECTIONS,
    ActionStatus,
    Impact,
    PostMortem,
    TimelineRow,
)
from oncall_desktop.core.postmortem_markdown import summary_text, to_markdown
from oncall_desktop.services.messages import shown
from oncall_desktop.services.postmortems import (
    SAVED_IN_DATABASE,
    OpenedPostMortem,
    PostmortemService,
    SaveResult,
)
from oncall_desktop.services.tasks import TaskRunner
from oncall_desktop.ui.autosave import Autosave
from oncall_desktop.ui.drill_mark import title_setter
from oncall_desktop.ui.geometry import fit_to_screen
from oncall_desktop.ui.live_language import LiveLanguage
from oncall_desktop.ui.shortcuts import close_with_escape_and_ctrl_w
from oncall_desktop.ui.text import literal
from oncall_desktop.ui.widgets.labels import plain_label
from oncall_desktop.ui.widgets.message_banner import MessageBanner
from oncall_desktop.ui.widgets.postmortem_tables import (
    ActionItemsTable,
    EditableTable,
    date_edit,
    date_of,
)

log = logging.getLogger(__name__)


class PostmortemWindow(QMainWindow):
    """Signals:
    closed(int): the incident id whose editor closed.
    post_summary_requested(int, str): post this summary to Slack through the outbox.
    publish_requested(int, str): publish this public text on the incident's status-page post.
    pdf_exported(str, int): the PDF path and its page count (0: it could not be written).
    """

    closed = Signal(int)
    post_summary_requested = Signal(int, str)
    publish_requested = Signal(int, str)
    pdf_exported = Signal(str, int)

    def __init__(
        self,
        opened: OpenedPostMortem,
        policy: Policy,
        language: str,
        service: PostmortemService,
        runner: TaskRunner,
        parent: QWidget | None = None,
        message_language: str | None = None,
    ) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.incident_id = opened.incident.id or -1
        self.policy = policy
        self.language = language
        self.message_language = message_language or language
        self.service = service
        self.runner = runner
        self._revision = opened.draft.revision
        self._saved_revision = opened.draft.revision
        self.autosave = Autosave(self._save, self)
        close_with_escape_and_ctrl_w(self)
        # a language change in Settings shows here at once, what was typed kept
        self.live = live = LiveLanguage(self, language)
        title = opened.draft.title
        live.text(title_setter(self), lambda: self.tr("Post-mortem — %1").replace("%1", title))
        fit_to_screen(self, 900, 900, remember="postmortem")

        self.banner = MessageBanner()
        self.save_state = QLabel()
        self.save_state.setTextFormat(Qt.TextFormat.PlainText)
        self._save_state: Callable[[], str] = lambda: self.tr("Saved")
        live.text(self.save_state.setText, lambda: self._save_state())
        self.statusBar().addPermanentWidget(self.save_state)
        toolbar = QToolBar(self)
        live.text(toolbar.setWindowTitle, lambda: self.tr("Post-mortem"))
        self.addToolBar(toolbar)
        self.export_markdown_action = toolbar.addAction("", self.export_markdown)
        live.text(self.export_markdown_action.setText, lambda: self.tr("Export Markdown…"))
        self.export_pdf_action = toolbar.addAction("", self.export_pdf)
        live.text(self.export_pdf_action.setText, lambda: self.tr("Export PDF…"))
        self.post_action = toolbar.addAction("", self.request_summary_post)
        live.text(self.post_action.setText, lambda: self.tr("Post summary to Slack"))
        self.publish_action = toolbar.addAction("", self.request_publish)
        live.text(self.publish_action.setText, lambda: self.tr("Publish on the status page…"))
        self.publish_action.setVisible(False)  # once a status page is set up (Settings)
        self.publish_action.setEnabled(False)  # once signed
        save = toolbar.addAction("", self.autosave.flush)
        live.text(save.setText, lambda: self.tr("Save now"))
        save.setShortcut(QKeySequence.StandardKey.Save)

        self._build(opened.draft)
        # why the last save stayed on this computer, said again in a new language
        self._problem: UserMessage | str = ""
        if opened.restored_from_local:
            self._show_restored()
        live.call(self._retranslate)
        service.saved.connect(self._on_saved)

    def _retranslate(self, language: str) -> None:
        """What depends on the language beyond the registered texts: the SOP's section titles
        and hints, the messages shown, the export's language. The fields keep what was typed."""
        self.language = language
        for section in self.policy.postmortem.sections:
            box, hint = self._sections[section.id]
            box.setTitle(literal(section.text.get(language)))
            hint.setText(section.hint.get(language))
        self.actions_table.retranslate()
        self.timeline_table.retranslate()
        self._show_signature()
        texts = self.banner.texts()
        if "restored" in texts:
            self._show_restored()
        if "offline" in texts:
            self._show_offline()

    def _show_restored(self) -> None:
        self.banner.show_message(
            "restored",
            self.tr(
                "A newer copy saved on this computer while the database was unreachable "
                "was restored and written back to the database."
            ),
            "info",
        )

    def _set_save_state(self, say: Callable[[], str]) -> None:
        self._save_state = say
        self.save_state.setText(say())

    # --- layout ---------------------------------------------------------------------------------

    def _build(self, draft: PostMortem) -> None:
        body = QWidget()
        column = QVBoxLayout(body)
        column.addWidget(self.banner)
        self._build_header(draft, column, body)
        self.text_edits: dict[str, QPlainTextEdit] = {}
        self._sections: dict[str, tuple[QGroupBox, QLabel]] = {}
        builders = {
            "timeline": self._build_timeline,
            "impact": self._build_impact,
            "action_items": self._build_action_items,
        }
        for section in self.policy.postmortem.sections:
            box = QGroupBox(section.text.get(self.language))
            box.setObjectName(f"section-{section.id}")
            layout = QVBoxLayout(box)
            hint = plain_label(section.hint.get(self.language), box, selectable=False, hint=True)
            layout.addWidget(hint)
            self._sections[section.id] = (box, hint)
            builders.get(section.id, partial(self._build_text, section.id))(draft, layout)
            column.addWidget(box)
        self._build_review(draft, column, body)
        for line in (
            self.title_edit,
            self.duration_edit,
            self.impact_summary_edit,
            self.zone_edit,
            self.reviewed_by_edit,
            *self.impact_edits.values(),
        ):
            line.textEdited.connect(self.autosave.changed)
        for date_field in (self.date_edit, self.reviewed_on_edit):
            date_field.dateChanged.connect(self.autosave.changed)
        self.severity_combo.currentIndexChanged.connect(self.autosave.changed)
        for table in (self.timeline_table, self.actions_table):
            table.edited.connect(self.autosave.changed)
        self.reviewed_by_edit.textChanged.connect(self._show_signature)
        self.reviewed_on_edit.dateChanged.connect(self._show_signature)
        self._show_signature()

        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        self.setCentralWidget(scroll)
        # Straight to writing: the first section the prefill left empty.
        empty = [e for e in self.text_edits.values() if not e.toPlainText().strip()]
        if empty:
            empty[0].setFocus()

    def _build_header(self, draft: PostMortem, column: QVBoxLayout, body: QWidget) -> None:
        header = QFormLayout()
        self.title_edit = QLineEdit(draft.title)
        self.date_edit = date_edit(draft.incident_date, body)
        self.severity_combo = QComboBox()
        for severity in Severity:
            self.severity_combo.addItem(severity.value, severity)
        self.severity_combo.setCurrentIndex(list(Severity).index(draft.severity))
        self.duration_edit = QLineEdit(draft.duration)
        self.impact_summary_edit = QLineEdit(draft.impact_summary)
        self.live.row(header, lambda: self.tr("Title"), self.title_edit)
        self.live.row(header, lambda: self.tr("Date"), self.date_edit)
        self.live.row(header, lambda: self.tr("Severity"), self.severity_combo)
        self.live.row(header, lambda: self.tr("Duration"), self.duration_edit)
        self.live.row(header, lambda: self.tr("Impact"), self.impact_summary_edit)
        column.addLayout(header)

    def _build_timeline(self, draft: PostMortem, layout: QVBoxLayout) -> None:
        self.zone_edit = QLineEdit(draft.timeline_zone)
        zone_row = QFormLayout()
        self.live.row(zone_row, lambda: self.tr("All times"), self.zone_edit)
        layout.addLayout(zone_row)
        self.timeline_table = EditableTable(["", ""])
        self.live.text(
            self.timeline_table.setHorizontalHeaderLabels,
            lambda: [self.tr("Time"), self.tr("Event")],
        )
        for row in draft.timeline:
            self.timeline_table.append_row([row.time, row.event])
        layout.addWidget(self.timeline_table)
        layout.addLayout(self.timeline_table.buttons())

    def _build_impact(self, draft: PostMortem, layout: QVBoxLayout) -> None:
        form = QFormLayout()
        self.impact_edits = {
            key: QLineEdit(getattr(draft.impact, key))
            for key in ("users", "duration", "revenue", "sla")
        }
        self.live.row(form, lambda: self.tr("Users"), self.impact_edits["users"])
        self.live.row(form, lambda: self.tr("Duration"), self.impact_edits["duration"])
        self.live.row(form, lambda: self.tr("Revenue"), self.impact_edits["revenue"])
        self.live.row(form, lambda: self.tr("SLA"), self.impact_edits["sla"])
        layout.addLayout(form)

    def _build_action_items(self, draft: PostMortem, layout: QVBoxLayout) -> None:
        self.actions_table = ActionItemsTable([""] * 5)
        self.live.text(
            self.actions_table.setHorizontalHeaderLabels,
            lambda: [
                self.tr("#"),
                self.tr("Action"),
                self.tr("Owner"),
                self.tr("Due"),
                self.tr("Status"),
            ],
        )
        for item in draft.action_items:
            self.actions_table.append(item)
        layout.addWidget(self.actions_table)
        layout.addLayout(self.actions_table.buttons())

    def _build_text(self, section_id: str, draft: PostMortem, layout: QVBoxLayout) -> None:
        edit = QPlainTextEdit(draft.text(section_id))
        edit.setObjectName(f"edit-{section_id}")
        edit.setMinimumHeight(90)
        edit.textChanged.connect(self.autosave.changed)
        self.text_edits[section_id] = edit
        layout.addWidget(edit)

    def _build_review(self, draft: PostMortem, column: QVBoxLayout, body: QWidget) -> None:
        footer = QFormLayout()
        self.reviewed_by_edit = QLineEdit(draft.reviewed_by)
        self.live.text(
            self.reviewed_by_edit.setPlaceholderText,
            lambda: self.tr("CTO, Lead Dev, On-Call Engineer"),
        )
        self.reviewed_on_edit = date_edit(draft.reviewed_on, body)
        today = QPushButton()
        self.live.text(today.setText, lambda: self.tr("Today"))
        today.clicked.connect(lambda: self.reviewed_on_edit.setDate(QDate.currentDate()))
        reviewed_on = QHBoxLayout()
        reviewed_on.addWidget(self.reviewed_on_edit, 1)
        reviewed_on.addWidget(today)
        self.live.row(footer, lambda: self.tr("Reviewed by"), self.reviewed_by_edit)
        self.live.row(footer, lambda: self.tr("Review date"), reviewed_on)
        column.addLayout(footer)
        self.signed_label = QLabel()
        column.addWidget(self.signed_label)

    def add_timeline_row(self) -> None:
        self.timeline_table.add_row()

    def add_action_item(self) -> None:
        self.actions_table.add_row()

    def set_action_status(self, number: int, status: ActionStatus) -> None:
        self.actions_table.set_status(number, status)

    def _show_signature(self) -> None:
        signed = bool(self.reviewed_by_edit.text().strip()) and date_of(self.reviewed_on_edit)
        self.publish_action.setEnabled(bool(signed))
        self.signed_label.setText(
            self.tr("Reviewed and signed: counts as complete.")
            if signed
            else self.tr("Draft: complete once 'Reviewed by' and the review date are filled in.")
        )

    # --- reading the form -------------------------------------------------------------------

    def draft(self) -> PostMortem:
        """What the form says now, as the next revision."""
        timeline = []
        for row in range(self.timeline_table.rowCount()):
            cells = [self.timeline_table.item(row, c) for c in range(2)]
            texts = [cell.text() if cell else "" for cell in cells]
            if any(t.strip() for t in texts):
                timeline.append(TimelineRow(time=texts[0], event=texts[1]))
        return PostMortem(
            title=self.title_edit.text(),
            incident_date=date_of(self.date_edit) or date.today(),
            severity=Severity(self.severity_combo.currentData()),
            duration=self.duration_edit.text(),
            impact_summary=self.impact_summary_edit.text(),
            impact=Impact(**{key: edit.text() for key, edit in self.impact_edits.items()}),
            timeline_zone=self.zone_edit.text(),
            timeline=tuple(timeline),
            sections={
                sid: self.text_edits[sid].toPlainText()
                for sid in TEXT_SECTIONS
                if sid in self.text_edits
            },
            action_items=self.actions_table.action_items(),
            reviewed_by=self.reviewed_by_edit.text(),
            reviewed_on=date_of(self.reviewed_on_edit),
            revision=self._revision,
        )

    # --- saving ---------------------------------------------------------------------------------

    def _next_draft(self) -> PostMortem:
        self._revision += 1
        return self.draft()

    def _save(self) -> None:
        self._set_save_state(lambda: self.tr("Saving…"))
        self.service.save(self.incident_id, self._next_draft())

    def _on_saved(self, result: SaveResult) -> None:
        if result.incident_id != self.incident_id or result.revision < self._saved_revision:
            return
        self._saved_revision = result.revision
        if result.where == SAVED_IN_DATABASE:
            self.banner.clear_message("offline")
            self._set_save_state(lambda: self.tr("Saved"))
        else:
            self._set_save_state(lambda: self.tr("Saved on this computer"))
            self._problem = result.problem
            self._show_offline()

    def _show_offline(self) -> None:
        self.banner.show_message(
            "offline",
            self.tr(
                "The database is unreachable; the draft is saved on this computer and "
                "goes to the database at the next save that reaches it. (%1)"
            ).replace("%1", shown(self._problem)),
            "warning",
        )

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.autosave.pending:
            self.autosave.flush()
        self.closed.emit(self.incident_id)
        super().closeEvent(event)

    # --- export ---------------------------------------------------------------------------------

    def markdown(self) -> str:
        return to_markdown(self.draft(), self.policy, self.language)

    def _ask_path(self, caption: str, suffix: str, pattern: str) -> Path | None:
        name = self.title_edit.text().split(":")[-1].strip() or "post-mortem"
        chosen, _ = QFileDialog.getSaveFileName(self, caption, f"{name}.{suffix}", pattern)
        return Path(chosen) if chosen else None

    def export_markdown(self, path: Path | None = None) -> Path | None:
        path = path or self._ask_path(self.tr("Export Markdown"), "md", "Markdown (*.md)")
        if path is None:
            return None
        try:
            path.write_text(self.markdown(), encoding="utf-8")
        except OSError as error:
            self.banner.show_message(
                "export", self.tr("Export failed: %1").replace("%1", str(error)), "error"
            )
            return None
        self.statusBar().showMessage(self.tr("Exported to %1").replace("%1", str(path)), 5000)
        return path

    def export_pdf(self, path: Path | None = None) -> Path | None:
        """Lay out and write the PDF on a worker (a long post-mortem takes 100 ms and more);
        ``pdf_exported`` tells when it is there."""
        from oncall_desktop.ui.export import write_pdf

        path = path or self._ask_path(self.tr("Export PDF"), "pdf", "PDF (*.pdf)")
        if path is None:
            return None
        markdown, title = self.markdown(), self.title_edit.text()
        self.export_pdf_action.setEnabled(False)
        self.statusBar().showMessage(self.tr("Writing the PDF…"))

        def written(pages: int) -> None:
            if not isValid(self):  # closed meanwhile: the file is written all the same
                return
            self.export_pdf_action.setEnabled(True)
            if not pages or not path.exists() or path.stat().st_size == 0:
                failed(OSError(str(path)))
                return
            self.statusBar().showMessage(
                self.tr("Exported %n page(s) to %1", "", pages).replace("%1", str(path)), 5000
            )
            self.pdf_exported.emit(str(path), pages)

        def failed(error: Exception) -> None:
            if not isValid(self):
                return
            self.export_pdf_action.setEnabled(True)
            self.statusBar().clearMessage()
            self.banner.show_message(
                "export",
                self.tr("The PDF could not be written to %1").replace("%1", str(path)),
                "error",
            )
            self.pdf_exported.emit(str(path), 0)

        self.runner.run(lambda: write_pdf(markdown, path, title), written, failed)
        return path

    def summary(self) -> str:
        """What is posted to the team, in the team's message language."""
        return summary_text(self.draft(), self.message_language)

    def set_status_page_available(self, available: bool) -> None:
        self.publish_action.setVisible(available)

    def public_text(self) -> str:
        """What customers may read: the summary and the root cause as written (no internal
        title, no action items); the engineer edits it before it goes."""
        draft = self.draft()
        return "\n\n".join(t for t in (draft.text("summary"), draft.text("root_cause")) if t)

    def request_publish(self) -> None:
        self.autosave.flush()
        text, ok = QInputDialog.getMultiLineText(
            self,
            self.tr("Publish on the status page"),
            self.tr("What customers will read (plain language; edit it as needed):"),
            self.public_text(),
        )
        if ok and text.strip():
            self.publish_requested.emit(self.incident_id, text.strip())

    def request_summary_post(self) -> None:
        self.autosave.flush()
        self.post_summary_requested.emit(self.incident_id, self.summary())

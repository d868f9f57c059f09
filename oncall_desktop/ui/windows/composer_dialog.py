"""Compose a status update from the SOP's templates; the preview is exactly what is sent
(before Slack's own escaping, which the courier applies)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, tzinfo
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from oncall_desktop.core.capabilities import Capability, can
from oncall_desktop.core.compose import AUDIENCE_OF, HumanInput, MessageKind, compose
from oncall_desktop.core.destinations import (
    EXECUTIVE_MAIL,
    PAGERDUTY_STATUS,
    SLACK,
    STATUS_PAGE,
    TEAMS,
    offered_in_composer,
)
from oncall_desktop.core.incident import Incident
from oncall_desktop.core.policy import Audience, Policy
from oncall_desktop.ui.geometry import fit_to_screen
from oncall_desktop.ui.shortcuts import keep_dialog_keys
from oncall_desktop.ui.text import QT_TRANSLATE_NOOP

KIND_LABELS = {
    MessageKind.DECLARED: QT_TRANSLATE_NOOP("ComposerDialog", "INCIDENT DECLARED (internal)"),
    MessageKind.UPDATE: QT_TRANSLATE_NOOP("ComposerDialog", "UPDATE #n (internal)"),
    MessageKind.RESOLVED: QT_TRANSLATE_NOOP("ComposerDialog", "INCIDENT RESOLVED (internal)"),
    MessageKind.STATUS_PAGE: QT_TRANSLATE_NOOP(
        "ComposerDialog", "Status page (external, no jargon)"
    ),
    MessageKind.STATUS_PAGE_RESOLVED: QT_TRANSLATE_NOOP(
        "ComposerDialog", "Status page: resolved (external, no jargon)"
    ),
    MessageKind.EXECUTIVE: QT_TRANSLATE_NOOP("ComposerDialog", "Executive summary"),
    MessageKind.EXECUTIVE_RESOLVED: QT_TRANSLATE_NOOP("ComposerDialog", "Executive: resolution"),
}


@dataclass(frozen=True)
class Composition:
    kind: MessageKind
    text: str
    # the ids of the destinations ticked (core.destinations): "slack" is the team's Slack as
    # Settings say, "executive_mail" the executives (by mail, or in the user's mail client)
    destinations: tuple[str, ...]
    notify_channel: bool = False

    @property
    def audience(self) -> str:
        return AUDIENCE_OF[self.kind].value


class ComposerDialog(QDialog):
    def __init__(
        self,
        incident: Incident,
        policy: Policy,
        language: str,
        now: datetime,
        zone: tzinfo | None,
        oncall: str,
        slack_destination: str,
        kind: MessageKind,
        parent: QWidget | None = None,
        status_page: str = "",
        mail_server: str = "",
        ui_language: str = "en",
        teams: bool = False,
    ) -> None:
        """``status_page``: the name of the status page set up in Settings ("" for none);
        ``mail_server``: the SMTP server the executives' mail goes through ("" : the user's
        mail client); ``teams``: Microsoft Teams is set up (its box, ticked like Slack's)."""
        super().__init__(parent)
        self.setWindowTitle(self.tr("Compose update"))
        self._incident, self._policy, self._now = incident, policy, now
        self._zone, self._oncall = zone, oncall
        self._edited_by_hand = False
        self._executive_shown: bool | None = None
        self._external_shown: bool | None = None
        self._status_page = status_page
        self._teams = teams
        self._language_ui = ui_language  # the labels' (the message has its own, ``language``)
        self._build_inputs(kind, language)
        self.preview = QPlainTextEdit(self)
        self.preview.setMinimumHeight(220)
        self._build_destinations(incident, slack_destination, status_page, mail_server)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        send = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        send.setText(self.tr("Send"))
        send.setShortcut("Ctrl+Return")  # Enter alone does not send (keyPressEvent)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        self._lay_out()

        for combo in (self.kind, self.language):
            combo.currentIndexChanged.connect(self._regenerate)
        for line in (self.root_cause, self.eta, self.resolution, self.financial):
            line.textChanged.connect(self._regenerate)
        for text in (self.actions_taken, self.next_steps):
            text.textChanged.connect(self._regenerate)
        self.preview.textChanged.connect(self._on_preview_edited)
        for box in (
            self.to_slack,
            self.to_teams,
            self.to_pagerduty,
            self.to_mail,
            self.to_status_page,
        ):
            box.toggled.connect(self._validate)
        for box, _audiences in self.others.values():
            box.toggled.connect(self._validate)
        self._regenerate()
        keep_dialog_keys(self)  # Ctrl+Return submits, Tab moves on

    def _build_inputs(self, kind: MessageKind, language: str) -> None:
        """The message kind and language, and what the engineer adds to the template."""
        self.kind = QComboBox(self)
        for value, label in KIND_LABELS.items():
            self.kind.addItem(self.tr(label), value.value)
        self.kind.setCurrentIndex(self.kind.findData(kind.value))
        self.language = QComboBox(self)
        self.language.addItem("English", "en")
        self.language.addItem("Français", "fr")
        self.language.setCurrentIndex(self.language.findData(language))
        self.root_cause = QLineEdit(self)
        self.actions_taken = QPlainTextEdit(self)
        self.actions_taken.setPlaceholderText(self.tr("One action per line"))
        self.actions_taken.setMaximumHeight(70)
        self.eta = QLineEdit(self)
        self.resolution = QLineEdit(self)
        self.next_steps = QPlainTextEdit(self)
        self.next_steps.setMaximumHeight(60)
        self.financial = QLineEdit(self)

    def _build_destinations(
        self, incident: Incident, slack_destination: str, status_page: str, mail_server: str
    ) -> None:
        """Where it goes: one box per destination that can take it."""
        self.to_slack = QCheckBox(self.tr("Slack: %1").replace("%1", slack_destination), self)
        self.to_slack.setChecked(bool(slack_destination))
        self.to_slack.setEnabled(bool(slack_destination))
        self.to_teams = QCheckBox(self.tr("Microsoft Teams: the workflow's channel"), self)
        self.to_teams.setVisible(self._teams)
        self.to_teams.setChecked(self._teams)
        self.to_pagerduty = QCheckBox(self.tr("PagerDuty status update"), self)
        # on the page the incident follows, when its source takes status updates
        updatable = incident.alert is not None and can(
            incident.alert.source, Capability.STATUS_UPDATES
        )
        self.to_pagerduty.setEnabled(updatable)
        self.to_pagerduty.setChecked(updatable)
        self.to_mail = QCheckBox(
            self.tr("Email the executives through %1").replace("%1", mail_server)
            if mail_server
            else self.tr("Open it in my mail client (executives)"),
            self,
        )
        self.to_status_page = QCheckBox(
            self.tr("Status page: %1").replace("%1", status_page or "-"), self
        )
        self.to_status_page.setVisible(False)
        # destinations a module registered (core.destinations), shown for their audiences
        self.others: dict[str, tuple[QCheckBox, tuple[str, ...]]] = {}
        for other in offered_in_composer():
            box = QCheckBox(other.describe(other.default_destination, self._language_ui), self)
            box.setVisible(False)
            self.others[other.id] = (box, other.audiences)
        self.notify = QCheckBox(self.tr("Notify the whole channel (@channel)"), self)
        self.hint = QLabel(self)
        self.hint.setTextFormat(Qt.TextFormat.PlainText)
        self.hint.setWordWrap(True)

    def _lay_out(self) -> None:
        form = QFormLayout()
        self.form = form
        top = QHBoxLayout()
        top.addWidget(self.kind, 1)
        top.addWidget(self.language)
        form.addRow(self.tr("Message"), top)
        form.addRow(self.tr("Root cause"), self.root_cause)
        form.addRow(self.tr("Actions"), self.actions_taken)
        form.addRow(self.tr("ETA"), self.eta)
        form.addRow(self.tr("Resolution"), self.resolution)
        form.addRow(self.tr("Next steps"), self.next_steps)
        form.addRow(self.tr("Financial impact"), self.financial)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(
            QLabel(self.tr("Preview (this is what will be sent; you can edit it)"), self)
        )
        layout.addWidget(self.preview, 1)
        for box in (
            self.to_status_page,
            self.to_slack,
            self.to_teams,
            self.to_pagerduty,
            self.to_mail,
        ):
            layout.addWidget(box)
        for box, _audiences in self.others.values():
            layout.addWidget(box)
        layout.addWidget(self.notify)
        layout.addWidget(self.hint)
        layout.addWidget(self.buttons)
        fit_to_screen(self, 640, 760, remember="composer")

    def _human(self) -> HumanInput:
        return HumanInput(
            root_cause=self.root_cause.text().strip(),
            actions=self.actions_taken.toPlainText(),
            eta=self.eta.text().strip(),
            resolution=self.resolution.text().strip(),
            next_steps=self.next_steps.toPlainText(),
            financial_impact=self.financial.text().strip(),
        )

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Enter in a field must not send an update to the whole company: sending is a click
        on Send, or Ctrl+Return."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not (
            event.modifiers() & Qt.KeyboardModifier.ControlModifier
        ):
            event.accept()
            return
        super().keyPressEvent(event)

    def _choose_targets_for_the_audience(self) -> None:
        """The executive summary goes to the executives' mail, not to the team's channel;
        the status page's text to the status page, when one is set up."""
        audience = AUDIENCE_OF[MessageKind(self.kind.currentData())]
        for box, audiences in self.others.values():
            if box.isHidden() == (audience.value in audiences):
                box.setVisible(audience.value in audiences)
                box.setChecked(False)
        external = audience is Audience.STATUS_PAGE and bool(self._status_page)
        if external != self._external_shown:
            self._external_shown = external
            self.to_status_page.setVisible(external)
            self.to_status_page.setChecked(external)
        executive = audience is Audience.EXECUTIVE
        if executive == self._executive_shown:
            return
        self._executive_shown = executive
        self.to_mail.setVisible(executive)
        self.to_mail.setChecked(executive)
        self.to_slack.setChecked(not executive and self.to_slack.isEnabled())
        self.to_teams.setChecked(not executive and self._teams)
        self.to_pagerduty.setChecked(not executive and self.to_pagerduty.isEnabled())

    def _show_inputs_the_template_uses(self) -> None:
        """Only the fields the chosen message has a place for (the status page has no root
        cause; the declaration has none of them)."""
        kind = MessageKind(self.kind.currentData())
        template = self._policy.templates[kind.value].get(self.language.currentData())
        for widget, placeholders in (
            (self.root_cause, ("{root_cause}",)),
            (self.actions_taken, ("{actions}", "{plan}")),
            (self.eta, ("{eta}",)),
            (self.resolution, ("{resolution}",)),
            (self.next_steps, ("{next_steps}",)),
            (self.financial, ("{financial_impact}",)),
        ):
            self.form.setRowVisible(widget, any(p in template for p in placeholders))

    def _regenerate(self) -> None:
        self._show_inputs_the_template_uses()
        self._choose_targets_for_the_audience()
        if self._edited_by_hand:
            return
        text = compose(
            MessageKind(self.kind.currentData()),
            self._incident,
            self._policy,
            self.language.currentData(),
            self._now,
            self._human(),
            self._zone,
            self._oncall,
        )
        self.preview.blockSignals(True)
        self.preview.setPlainText(text)
        self.preview.blockSignals(False)
        self._validate()

    def _on_preview_edited(self) -> None:
        self._edited_by_hand = True  # the engineer's words win over the template from now on
        self._validate()

    def _validate(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        others = [box for box, _audiences in self.others.values() if not box.isHidden()]
        has_target = any(
            box.isChecked()
            for box in (self.to_slack, self.to_pagerduty, self.to_mail, self.to_status_page)
        ) or any(box.isChecked() for box in [*others, self.to_teams] if not box.isHidden())
        ok.setEnabled(has_target and bool(self.preview.toPlainText().strip()))
        self.hint.setText(
            ""
            if has_target
            else self.tr(
                "Choose where to send it (set Slack up in Settings; PagerDuty needs an incident "
                "opened from a page)."
            )
        )

    def chosen(self) -> tuple[str, ...]:
        """The ids of the destinations ticked: the team's first, the executives' last."""
        ticked = {
            SLACK: self.to_slack.isChecked(),
            TEAMS: self.to_teams.isChecked() and self._teams,
            PAGERDUTY_STATUS: self.to_pagerduty.isChecked(),
            STATUS_PAGE: self.to_status_page.isChecked() and not self.to_status_page.isHidden(),
        }
        for target, (box, _audiences) in self.others.items():
            ticked[target] = box.isChecked() and not box.isHidden()
        ticked[EXECUTIVE_MAIL] = self.to_mail.isChecked() and not self.to_mail.isHidden()
        return tuple(target for target, on in ticked.items() if on)

    def composition(self) -> Composition:
        return Composition(
            kind=MessageKind(self.kind.currentData()),
            text=self.preview.toPlainText().strip(),
            destinations=self.chosen(),
            notify_channel=self.notify.isChecked(),
        )

    @classmethod
    def ask(cls, *args: Any, **kwargs: Any) -> Composition | None:  # those of __init__
        dialog = cls(*args, **kwargs)
        return dialog.composition() if dialog.exec() == QDialog.DialogCode.Accepted else None

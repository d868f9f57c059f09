"""Compose a status update from the SOP's templates; the preview is exactly what is sent
(before Slack's own escaping, which the courier applies)."""

from __future__ import annotations

from collections.abc import Mapping
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

from oncall_desktop.core.capabilities import can
from oncall_desktop.core.compose import AUDIENCE_OF, HumanInput, MessageKind, compose
from oncall_desktop.core.destinations import Destination, Offer, offered_in_composer, serves
from oncall_desktop.core.incident import Incident
from oncall_desktop.core.policy import Policy
from oncall_desktop.services.messages import shown
from oncall_desktop.ui.drill_mark import set_title
from oncall_desktop.ui.geometry import fit_to_screen
from oncall_desktop.ui.shortcuts import keep_dialog_keys
from oncall_desktop.ui.text import QT_TRANSLATE_NOOP, fill, literal

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
    # the ids of the destinations ticked (core.destinations), in the order they are sent:
    # "slack" is the team's Slack as Settings say, "executive_mail" the executives (by mail,
    # or in the user's mail client)
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
        where: Mapping[str, str],
        kind: MessageKind,
        parent: QWidget | None = None,
        ui_language: str = "en",
    ) -> None:
        """``where``: by destination id, where each destination the composer offers
        (core.destinations) would take the text under the settings in force
        (services/routing.UpdateRouter.offered); one left out is not set up."""
        super().__init__(parent)
        set_title(self, self.tr("Compose update"))
        self._incident, self._policy, self._now = incident, policy, now
        self._zone, self._oncall = zone, oncall
        self._edited_by_hand = False
        self._language_ui = ui_language  # the labels' (the message has its own, ``language``)
        self._build_inputs(kind, language)
        self.preview = QPlainTextEdit(self)
        self.preview.setMinimumHeight(220)
        self._build_destinations(incident, where)
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
        for box in self.boxes.values():
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

    def _build_destinations(self, incident: Incident, where: Mapping[str, str]) -> None:
        """Where it goes: one box per destination the composer offers (core.destinations), in
        its words, for the audiences it serves; ``boxes`` by destination id, in their order."""
        source = incident.alert.source if incident.alert is not None else None
        self.boxes: dict[str, QCheckBox] = {}
        self._offers: dict[str, tuple[Offer, bool]] = {}  # and whether it can take it now
        self._states: dict[str, tuple[bool, bool]] = {}  # (shown, ticked) as last chosen
        # what the hint says of a greyed destination that cannot take the text, by its name
        self._why_not: dict[str, str] = {}
        for offered, offer in offered_in_composer():
            set_up = offered.id in where and (offer.page_can is None or can(source, offer.page_can))
            if not set_up and offer.not_set_up == "greyed":
                self._why_not[offered.id] = self._why_not_set_up(offered, offer, source)
            box = QCheckBox(
                literal(self._label(offered, offer, where.get(offered.id), set_up)), self
            )
            box.setEnabled(set_up or offer.not_set_up != "greyed")
            box.setVisible(False)
            self.boxes[offered.id] = box
            self._offers[offered.id] = (offer, set_up or offer.label_not_set_up is not None)
        self.notify = QCheckBox(self.tr("Notify the whole channel (@channel)"), self)
        self.hint = QLabel(self)
        self.hint.setTextFormat(Qt.TextFormat.PlainText)
        self.hint.setWordWrap(True)

    def _why_not_set_up(self, offered: Destination, offer: Offer, source: str | None) -> str:
        name = offered.name.get(self._language_ui)
        if offer.page_can is not None and not can(source, offer.page_can):
            return self.tr("%1 needs an incident opened from a page").replace("%1", name)
        return self.tr("set %1 up in Settings").replace("%1", name)

    def _label(self, offered: Destination, offer: Offer, where: str | None, set_up: bool) -> str:
        """The box's text, in the UI's language; what is from outside stays plain text."""
        if not set_up and offer.label_not_set_up is not None:
            return shown(offer.label_not_set_up)
        if offer.label is None:  # in the destination's own words
            return offered.describe(where or offered.default_destination, self._language_ui)
        return shown(offer.label.format(destination=where or ""))

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
        for box in self.boxes.values():
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
        """Each destination is shown for the audiences it serves, ticked for those it is
        ticked for (the executive summary goes to the executives' mail, not to the team's
        channel; the status page's text to the status page, when one is set up). A box is
        set again only when that changes: what the engineer ticked otherwise stays."""
        audience = AUDIENCE_OF[MessageKind(self.kind.currentData())].value
        for target, (offer, takes) in self._offers.items():
            show = audience in offer.audiences and (takes or offer.not_set_up == "greyed")
            state = (show, show and takes and audience in offer.ticked)
            if state != self._states.get(target):
                self._states[target] = state
                self.boxes[target].setVisible(state[0])
                self.boxes[target].setChecked(state[1])

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
        has_target = bool(self.chosen())
        ok.setEnabled(has_target and bool(self.preview.toPlainText().strip()))
        # the greyed destinations shown for this message, each with what it lacks
        lacking = [w for t, w in self._why_not.items() if not self.boxes[t].isHidden()]
        audience = AUDIENCE_OF[MessageKind(self.kind.currentData())]
        if has_target and not any(serves(t, audience.value) for t in self.chosen()):
            # none of them is the audience's own (no status page set up): a copy, said plainly
            name = self._policy.cadence[audience].name.get(self._language_ui)
            self.hint.setText(
                fill(
                    self.tr(
                        "None of these reaches %1: what is sent there is a copy, and %1 is not "
                        "updated by it (its countdown keeps running). Update it by hand, then "
                        "click Mark sent in the cockpit."
                    ),
                    name,
                )
            )
        elif has_target:
            self.hint.setText("")
        elif lacking:
            said = lacking[0]
            for more in lacking[1:]:
                said = fill(self.tr("%1; %2"), said, more)
            self.hint.setText(fill(self.tr("Choose where to send it (%1)."), said))
        else:
            self.hint.setText(self.tr("Choose where to send it."))

    def chosen(self) -> tuple[str, ...]:
        """The ids of the destinations ticked, in their boxes' order, those that may ask
        the user something first (the status page's services, the mail client) last."""
        ticked = [t for t, box in self.boxes.items() if box.isChecked() and not box.isHidden()]
        return tuple(sorted(ticked, key=lambda target: self._offers[target][0].asks))

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

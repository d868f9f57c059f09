"""A Settings section built from what an integration declared (integrations/declarations, seen
through services/connections): a check box, a line or a list per setting, a password line per
secret (what is typed goes to the keyring under the declared name, never to the settings file),
its Test connection on a worker, and its note. Built-ins and modules added later alike."""

from __future__ import annotations

from dataclasses import fields, replace
from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QWidget,
)

from oncall_desktop.config.schema import Settings, setting_values
from oncall_desktop.services.connections import ConnectionsService, Field, Integration
from oncall_desktop.services.messages import shown
from oncall_desktop.ui.text import literal
from oncall_desktop.ui.widgets.labels import plain_label

BUILT_IN_KEYS = frozenset(f.name for f in fields(Settings))


class IntegrationSettings(QGroupBox):
    """One integration's section. Each declared field is a widget under its declared name
    (``section.widgets["base_url"]``, and ``section.base_url`` when that name is free)."""

    def __init__(
        self,
        declared: Integration,
        settings: Settings,
        connections: ConnectionsService,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(declared.title, parent)  # a product name, the same in every language
        self.setObjectName(f"integration-{declared.id}")
        self.declared = declared
        self._connections = connections
        self._values = setting_values(settings)
        self.widgets: dict[str, QWidget] = {}
        form = QFormLayout(self)
        for found in declared.fields:
            widget = self._widget(found, self._values.get(found.key, found.default))
            self.widgets[found.name] = widget
            if not hasattr(self, found.name):
                setattr(self, found.name, widget)
            form.addRow("" if found.kind == "bool" else shown(found.label), widget)
        self.test = QPushButton(shown(declared.test_label), self)
        self.test.clicked.connect(self._on_test_clicked)
        self.result = plain_label("", self)
        if declared.test is not None:
            row = QHBoxLayout()
            row.addWidget(self.test)
            row.addWidget(self.result, 1)
            form.addRow(row)
        else:
            self.test.hide()
        if declared.note is not None:
            form.addRow(plain_label(shown(declared.note), self))
        connections.tested.connect(self._on_tested)

    def _widget(self, found: Field, value: object) -> QWidget:
        if found.kind == "bool":
            box = QCheckBox(literal(shown(found.label)), self)
            box.setChecked(bool(value))
            return box
        if found.kind == "choice":
            combo = QComboBox(self)
            for choice, label in found.choices:
                combo.addItem(shown(label), choice)
            combo.setCurrentIndex(max(0, combo.findData(value)))
            return combo
        edit = QLineEdit("" if found.secret else str(value or ""), self)
        edit.setPlaceholderText(shown(found.placeholder))
        if found.secret:
            edit.setEchoMode(QLineEdit.EchoMode.Password)
            edit.setProperty("changed", False)
            edit.textEdited.connect(lambda _text: edit.setProperty("changed", True))
        return edit

    # --- what it holds ------------------------------------------------------------------------

    def values(self) -> dict[str, Any]:
        """Its settings, by key, as they would be saved."""
        chosen: dict[str, Any] = {}
        for found in self.declared.settings:
            widget = self.widgets[found.name]
            if isinstance(widget, QCheckBox):
                chosen[found.key] = widget.isChecked()
            elif isinstance(widget, QComboBox):
                chosen[found.key] = widget.currentData()
            elif isinstance(widget, QLineEdit):
                text = widget.text().strip() if found.strip else widget.text()
                chosen[found.key] = text.rstrip("/") if found.kind == "url" else text
        return chosen

    def typed(self) -> dict[str, str]:
        """The secrets typed in, by keyring name ('' removes one); untouched ones left out."""
        typed = {}
        for found in self.declared.fields:
            widget = self.widgets[found.name]
            if found.secret and isinstance(widget, QLineEdit) and widget.property("changed"):
                typed[found.key] = widget.text().strip() if found.strip else widget.text()
        return typed

    def secrets_to_store(self) -> dict[str, str]:
        return self.typed()

    def problem(self) -> str:
        """What keeps Save from taking it ("" when nothing)."""
        problem = self.declared.problem({**self._values, **self.values()})
        return shown(problem) if problem is not None else ""

    def applied_to(self, settings: Settings) -> Settings:
        """``settings`` with what this section holds: the built-in keys in their fields, those
        of an added integration with the integrations' settings."""
        chosen = self.values()
        built_in = {key: value for key, value in chosen.items() if key in BUILT_IN_KEYS}
        added = {key: value for key, value in chosen.items() if key not in BUILT_IN_KEYS}
        if added:
            built_in["integration_settings"] = {**settings.integration_settings, **added}
        return replace(settings, **built_in)

    # --- its connection test ------------------------------------------------------------------

    def _on_test_clicked(self) -> None:
        if problem := self.problem():
            self.show_tested(False, problem)
            return
        self.test.setEnabled(False)
        self.result.setStyleSheet("")
        self.result.setText(shown(self.declared.testing))
        self._connections.test(self.declared.id, {**self._values, **self.values()}, self.typed())

    def _on_tested(self, integration_id: str, ok: bool, message: str) -> None:
        if integration_id == self.declared.id:
            self.show_tested(ok, message)

    def show_tested(self, ok: bool, message: str) -> None:
        self.test.setEnabled(True)
        self.result.setStyleSheet("" if ok else "color: #c62828")
        self.result.setText(message)

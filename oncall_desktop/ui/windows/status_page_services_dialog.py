"""The services an incident affects on the status page, chosen at its first status-page update:
the page's services, all ticked. Customers see them beside the incident's post with the impact
its severity implies (and "operational" once resolved); the choice stays with the incident, so
its later updates name the same services without asking again."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from oncall_desktop.ui.drill_mark import set_title
from oncall_desktop.ui.geometry import fit_to_screen
from oncall_desktop.ui.widgets.labels import plain_label

SERVICE_ID = Qt.ItemDataRole.UserRole


class StatusPageServicesDialog(QDialog):
    def __init__(
        self, services: list[tuple[str, str]], page: str = "", parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        set_title(self, self.tr("Affected services"))
        self.intro = plain_label(
            self.tr(
                "Which services of the status page %1 does this incident affect? Customers see "
                "them with the impact of its severity. The incident's later updates keep this "
                "choice."
            ).replace("%1", page),
            self,
        )
        self.services = QListWidget(self)
        for ident, name in services:
            item = QListWidgetItem(name, self.services)
            item.setData(SERVICE_ID, ident)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
        if self.services.count():
            self.services.setCurrentRow(0)
        self.none_listed = plain_label(
            self.tr("The status page lists no services: the update will name none."), self
        )
        self.none_listed.setVisible(not services)
        self.all_button = QPushButton(self.tr("All"), self)
        self.none_button = QPushButton(self.tr("None"), self)
        self.all_button.clicked.connect(lambda: self._tick_all(Qt.CheckState.Checked))
        self.none_button.clicked.connect(lambda: self._tick_all(Qt.CheckState.Unchecked))
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Post"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.all_button)
        row.addWidget(self.none_button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.services, 1)
        layout.addWidget(self.none_listed)
        layout.addLayout(row)
        layout.addWidget(self.buttons)
        self.services.setFocus()
        fit_to_screen(self, 460, 360)

    def _tick_all(self, state: Qt.CheckState) -> None:
        for row in range(self.services.count()):
            self.services.item(row).setCheckState(state)

    def chosen(self) -> list[tuple[str, str]]:
        """The ticked services, (id, name), in the page's order."""
        items = (self.services.item(row) for row in range(self.services.count()))
        return [
            (str(item.data(SERVICE_ID)), item.text())
            for item in items
            if item.checkState() == Qt.CheckState.Checked
        ]

    @classmethod
    def ask(
        cls, services: list[tuple[str, str]], page: str = "", parent: QWidget | None = None
    ) -> list[tuple[str, str]] | None:
        """The services chosen, or None when the user cancelled."""
        dialog = cls(services, page, parent)
        return dialog.chosen() if dialog.exec() == QDialog.DialogCode.Accepted else None

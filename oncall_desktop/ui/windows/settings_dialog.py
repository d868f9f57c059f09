"""Settings: general preferences, a section per integration, alerts, the rotation, the team
database.

The integrations' sections come from what each declared (services/connections.integrations):
a built-in with a widget of its own (PagerDuty, Slack, mail) is found there by its id, any other
is built from its declared fields (ui/widgets/integration_settings). Secrets go to the OS
keyring through the settings flow, never to the settings file; every "Test connection" runs
the integration's declared test off the GUI thread.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from oncall_desktop.config.schema import TIME_OF_DAY, WEEKDAYS, Settings
from oncall_desktop.core.capabilities import Capability, sources_that_can
from oncall_desktop.services.connections import (
    ConnectionsService,
    integration,
    integrations,
    secret_name,
)
from oncall_desktop.ui.drill_mark import set_title
from oncall_desktop.ui.geometry import fit_to_screen, scrolling
from oncall_desktop.ui.shortcuts import keep_dialog_keys
from oncall_desktop.ui.text import QT_TRANSLATE_NOOP
from oncall_desktop.ui.widgets.integration_settings import IntegrationSettings
from oncall_desktop.ui.widgets.labels import plain_label
from oncall_desktop.ui.widgets.mail_settings import MailSettings
from oncall_desktop.ui.widgets.team_database_settings import TeamDatabaseSettings

REGIONS = (
    (QT_TRANSLATE_NOOP("SettingsDialog", "US service region"), "https://api.pagerduty.com"),
    (QT_TRANSLATE_NOOP("SettingsDialog", "EU service region"), "https://api.eu.pagerduty.com"),
)


WEEKDAY_LABELS = (
    QT_TRANSLATE_NOOP("SettingsDialog", "Monday"),
    QT_TRANSLATE_NOOP("SettingsDialog", "Tuesday"),
    QT_TRANSLATE_NOOP("SettingsDialog", "Wednesday"),
    QT_TRANSLATE_NOOP("SettingsDialog", "Thursday"),
    QT_TRANSLATE_NOOP("SettingsDialog", "Friday"),
    QT_TRANSLATE_NOOP("SettingsDialog", "Saturday"),
    QT_TRANSLATE_NOOP("SettingsDialog", "Sunday"),
)


class SettingsDialog(QDialog):
    def __init__(
        self, settings: Settings, connections: ConnectionsService, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        set_title(self, self.tr("Settings"))
        self._settings = settings
        self._connections = connections
        self.token_changed = False

        general = self._general_section(settings)
        self.mail = MailSettings(settings, connections, self)
        own_widgets = {  # the built-ins whose section is a widget of their own, by id
            "pagerduty": lambda: self._pagerduty_section(settings),
            "slack": lambda: self._slack_section(settings),
            "executive_mail": lambda: self.mail,
        }
        self.sections: dict[str, QWidget] = {}
        self.built: list[IntegrationSettings] = []  # the sections built from declarations
        for declared in integrations():
            if declared.custom_section and declared.id in own_widgets:
                self.sections[declared.id] = own_widgets[declared.id]()
            else:
                section = IntegrationSettings(declared, settings, connections, self)
                self.sections[declared.id] = section
                self.built.append(section)
        self.team_database = TeamDatabaseSettings(settings, connections, self)
        alerts = self._alerts_section(settings)
        rotation = self._rotation_section(settings)
        self.problem = plain_label("", self)
        self.problem.setStyleSheet("color: #c62828")

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self._on_save)
        self.buttons.rejected.connect(self.reject)
        content = QWidget(self)
        sections = QVBoxLayout(content)
        boxes = (general, *self.sections.values(), alerts, rotation, self.team_database)
        for box in boxes:
            sections.addWidget(box)
        layout = QVBoxLayout(self)
        layout.addWidget(scrolling(content, self), 1)  # Save stays on screen at 1024x768
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        fit_to_screen(self, content.sizeHint().width() + 40, content.sizeHint().height() + 90)

        connections.tested.connect(self._on_tested)
        connections.listed.connect(self._on_listed)
        connections.stored.connect(self._on_token_presence)
        connections.check_stored("pagerduty")
        keep_dialog_keys(self)  # Ctrl+Return submits, Tab moves on

    def section(self, integration_id: str) -> IntegrationSettings:
        """The section built from what ``integration_id`` declared."""
        return next(s for s in self.built if s.declared.id == integration_id)

    # --- sections --------------------------------------------------------------------------------

    def _general_section(self, settings: Settings) -> QGroupBox:
        self.language = QComboBox(self)
        for label, value in ((self.tr("System"), "system"), ("Français", "fr"), ("English", "en")):
            self.language.addItem(label, value)
        self.language.setCurrentIndex(max(0, self.language.findData(settings.language)))
        self.message_language = QComboBox(self)
        for label, value in (("English", "en"), ("Français", "fr")):
            self.message_language.addItem(label, value)
        self.message_language.setCurrentIndex(
            max(0, self.message_language.findData(settings.message_language))
        )
        self.message_language.setToolTip(
            self.tr(
                "What is posted to Slack, PagerDuty and the status page. The procedure's "
                "templates are in English."
            )
        )
        self.engineer_name = QLineEdit(settings.engineer_name, self)
        self.team_timezone = QLineEdit(settings.team_timezone, self)
        self.team_timezone.setPlaceholderText("Africa/Douala")
        self.close_to_tray = QCheckBox(self.tr("Keep running in the tray when closed"), self)
        self.close_to_tray.setChecked(settings.close_to_tray)
        self.start_at_login = QCheckBox(self.tr("Start when I log in"), self)
        self.start_at_login.setChecked(settings.start_at_login)

        general = QGroupBox(self.tr("General"), self)
        form = QFormLayout(general)
        form.addRow(self.tr("Language"), self.language)
        form.addRow(self.tr("Posted messages in"), self.message_language)
        form.addRow(self.tr("Your name"), self.engineer_name)
        form.addRow(self.tr("Team time zone"), self.team_timezone)
        form.addRow("", self.close_to_tray)
        form.addRow("", self.start_at_login)
        return general

    def _pagerduty_section(self, settings: Settings) -> QGroupBox:
        self.region = QComboBox(self)
        for label, url in REGIONS:
            self.region.addItem(self.tr(label), url)
        self.region.addItem(self.tr("Other address"), "")
        self.base_url = QLineEdit(settings.pagerduty_base_url, self)
        index = self.region.findData(settings.pagerduty_base_url)
        self.region.setCurrentIndex(index if index >= 0 else self.region.count() - 1)
        self.region.currentIndexChanged.connect(self._on_region_changed)
        self._on_region_changed()
        self.token = QLineEdit(self)
        self.token.setEchoMode(QLineEdit.EchoMode.Password)
        self.token.setPlaceholderText(self.tr("User API token (kept in the OS keyring)"))
        self.token.textEdited.connect(self._on_token_edited)
        self.token_state = plain_label("", self)
        self.test_button = QPushButton(self.tr("Test connection"), self)
        self.test_button.clicked.connect(self._on_test_clicked)
        self.test_result = plain_label("", self)

        pagerduty = QGroupBox("PagerDuty", self)
        form = QFormLayout(pagerduty)
        form.addRow(self.tr("Region"), self.region)
        form.addRow(self.tr("API address"), self.base_url)
        form.addRow(self.tr("API token"), self.token)
        self.pagerduty_service = QLineEdit(settings.pagerduty_service_id, self)
        self.pagerduty_service.setPlaceholderText(self.tr("Its ID, e.g. PABC123"))
        self.pagerduty_service.setToolTip(
            self.tr("P… : the service that pages the team for incidents declared here")
        )
        form.addRow(self.tr("Service for declared incidents"), self.pagerduty_service)
        self.status_page = QComboBox(self)
        self.status_page.addItem(self.tr("None: updated by hand (Mark sent)"), "")
        if settings.status_page_id:
            self.status_page.addItem(
                settings.status_page_name or settings.status_page_id, settings.status_page_id
            )
            self.status_page.setCurrentIndex(1)
        self.status_page_list = QPushButton(self.tr("List status pages"), self)
        self.status_page_list.clicked.connect(self._on_list_status_pages)
        self.status_page_result = plain_label("", self)
        status_row = QHBoxLayout()
        status_row.addWidget(self.status_page, 1)
        status_row.addWidget(self.status_page_list)
        form.addRow(self.tr("Status page"), status_row)
        form.addRow("", self.status_page_result)
        form.addRow("", self.token_state)
        test_row = QHBoxLayout()
        test_row.addWidget(self.test_button)
        test_row.addWidget(self.test_result, 1)
        form.addRow(test_row)
        return pagerduty

    def _slack_section(self, settings: Settings) -> QGroupBox:
        self.slack_mode = QComboBox(self)
        self.slack_mode.addItem(self.tr("Bot token (channels, incident channels)"), "bot")
        self.slack_mode.addItem(self.tr("Incoming webhook (one fixed channel)"), "webhook")
        self.slack_mode.setCurrentIndex(max(0, self.slack_mode.findData(settings.slack_mode)))
        self.slack_base_url = QLineEdit(settings.slack_base_url, self)
        self.slack_channel = QLineEdit(settings.slack_channel, self)
        self.slack_secret = QLineEdit(self)
        self.slack_secret.setEchoMode(QLineEdit.EchoMode.Password)
        self.slack_secret.setPlaceholderText(
            self.tr("xoxb-… or https://hooks.slack.com/… (kept in the OS keyring)")
        )
        self.slack_secret.textEdited.connect(self._on_slack_secret_edited)
        self.slack_secret_changed = False
        self.slack_test = QPushButton(self.tr("Test connection"), self)
        self.slack_test.clicked.connect(self._on_slack_test_clicked)
        self.slack_result = plain_label("", self)
        slack = QGroupBox("Slack", self)
        form = QFormLayout(slack)
        form.addRow(self.tr("Connection"), self.slack_mode)
        form.addRow(self.tr("API address"), self.slack_base_url)
        form.addRow(self.tr("Incidents channel"), self.slack_channel)
        form.addRow(self.tr("Token / webhook"), self.slack_secret)
        slack_row = QHBoxLayout()
        slack_row.addWidget(self.slack_test)
        slack_row.addWidget(self.slack_result, 1)
        form.addRow(slack_row)
        return slack

    def _alerts_section(self, settings: Settings) -> QGroupBox:
        self.sound = QCheckBox(self.tr("Play a sound with alerts"), self)
        self.sound.setChecked(settings.alert_sound)
        self.quiet_start = QLineEdit(settings.quiet_hours_start, self)
        self.quiet_end = QLineEdit(settings.quiet_hours_end, self)
        for edit in (self.quiet_start, self.quiet_end):
            edit.setInputMask("99:99;_")
            edit.setMaximumWidth(80)
        self.poll_seconds = QSpinBox(self)
        self.poll_seconds.setRange(5, 3600)
        self.poll_seconds.setSuffix(" s")
        self.poll_seconds.setValue(settings.pagerduty_poll_seconds)

        alerts = QGroupBox(self.tr("Alerts"), self)
        form = QFormLayout(alerts)
        form.addRow("", self.sound)
        quiet = QHBoxLayout()
        quiet.addWidget(self.quiet_start)
        quiet.addWidget(QLabel("→", self))
        quiet.addWidget(self.quiet_end)
        quiet.addStretch(1)
        form.addRow(self.tr("Quiet hours (high urgency always alerts)"), quiet)
        # every alert source is read at this pace (PagerDuty, Alertmanager, ...), not only
        # the one whose section it once sat in
        form.addRow(self.tr("Read the alert sources every"), self.poll_seconds)
        return alerts

    def _rotation_section(self, settings: Settings) -> QGroupBox:
        rotation = QGroupBox(self.tr("On-call rotation"), self)
        form = QFormLayout(rotation)
        self.rotation_source = QComboBox(self)
        self.rotation_source.addItem(self.tr("These settings"), "settings")
        for source_id in sources_that_can(Capability.ROTATION):
            declared = integration(source_id)
            name = declared.title if declared is not None else source_id
            self.rotation_source.addItem(
                self.tr("%1 (my on-call shifts)").replace("%1", name), source_id
            )
        self.rotation_source.setCurrentIndex(
            max(0, self.rotation_source.findData(settings.rotation_source))
        )
        self.rotation_members = QLineEdit(settings.rotation_members, self)
        self.rotation_members.setPlaceholderText(self.tr("e.g. Agent DEV, Orchestrateur"))
        self.rotation_weekday = QComboBox(self)
        self.rotation_weekday.addItem(self.tr("The procedure's"), "")
        for day, label in zip(WEEKDAYS, WEEKDAY_LABELS, strict=True):
            self.rotation_weekday.addItem(self.tr(label), day)
        self.rotation_weekday.setCurrentIndex(
            max(0, self.rotation_weekday.findData(settings.rotation_weekday))
        )
        self.rotation_time = QLineEdit(settings.rotation_time, self)
        self.rotation_time.setPlaceholderText("09:00")
        self.rotation_time.setMaximumWidth(80)
        self.rotation_anchor = QLineEdit(settings.rotation_anchor, self)
        self.rotation_anchor.setPlaceholderText("YYYY-MM-DD")
        form.addRow(self.tr("Rotation from"), self.rotation_source)
        form.addRow(self.tr("Members, in order"), self.rotation_members)
        form.addRow(self.tr("Handoff day"), self.rotation_weekday)
        form.addRow(self.tr("Handoff time"), self.rotation_time)
        form.addRow(self.tr("First member primary from"), self.rotation_anchor)
        return rotation

    # --- reactions --------------------------------------------------------------------------------

    def _on_region_changed(self) -> None:
        url = self.region.currentData()
        if url:
            self.base_url.setText(url)
        self.base_url.setReadOnly(bool(url))

    def _on_token_edited(self) -> None:
        self.token_changed = True

    def _on_token_presence(self, integration_id: str, present: bool, problem: str) -> None:
        if integration_id != "pagerduty":
            return
        if problem:
            self.token_state.setText(problem)
        elif present:
            self.token_state.setText(self.tr("A token is stored in the keyring."))
        else:
            self.token_state.setText(self.tr("No token stored yet."))

    def _on_test_clicked(self) -> None:
        self.test_button.setEnabled(False)
        self.test_result.setText(self.tr("Testing…"))
        token = self.token.text().strip() if self.token_changed else None
        self._connections.test(
            "pagerduty",
            {"pagerduty_base_url": self.base_url.text().strip()},
            {secret_name("pagerduty", "token"): token} if token else {},
        )

    def _on_tested(self, integration_id: str, ok: bool, message: str) -> None:
        shown_in = {
            "pagerduty": (self.test_button, self.test_result),
            "slack": (self.slack_test, self.slack_result),
        }.get(integration_id)
        if shown_in is not None:
            shown_in[0].setEnabled(True)
            shown_in[1].setStyleSheet("" if ok else "color: #c62828")
            shown_in[1].setText(message)

    def _on_slack_secret_edited(self) -> None:
        self.slack_secret_changed = True

    def _on_slack_test_clicked(self) -> None:
        if self.slack_mode.currentData() == "webhook":
            self.slack_result.setText(
                self.tr("A webhook cannot be tested without posting; send an update to check it.")
            )
            return
        self.slack_test.setEnabled(False)
        self.slack_result.setText(self.tr("Testing…"))
        secret = self.slack_secret.text().strip() if self.slack_secret_changed else None
        self._connections.test(
            "slack",
            {"slack_base_url": self.slack_base_url.text().strip()},
            {secret_name("slack", "token"): secret} if secret else {},
        )

    def _on_list_status_pages(self) -> None:
        self.status_page_list.setEnabled(False)
        self.status_page_result.setStyleSheet("")
        self.status_page_result.setText(self.tr("Asking PagerDuty…"))
        token = self.token.text().strip() if self.token_changed else None
        self._connections.list_choices(
            "pagerduty",
            "status_pages",
            {"pagerduty_base_url": self.base_url.text().strip()},
            {secret_name("pagerduty", "token"): token} if token else {},
        )

    def _on_listed(
        self, integration_id: str, name: str, pages: list[tuple[str, str]], problem: str
    ) -> None:
        if (integration_id, name) != ("pagerduty", "status_pages"):
            return
        self.status_page_list.setEnabled(True)
        if problem:
            self.status_page_result.setStyleSheet("color: #c62828")
            self.status_page_result.setText(problem)
            return
        chosen = self.status_page.currentData()
        while self.status_page.count() > 1:
            self.status_page.removeItem(1)
        for page_id, name in pages:
            self.status_page.addItem(name, page_id)  # a combo item is plain text
        index = self.status_page.findData(chosen)
        self.status_page.setCurrentIndex(max(0, index))
        self.status_page_result.setText(
            self.tr("%n status page(s) in this account.", "", len(pages))
        )

    def _on_save(self) -> None:
        problem = self._validate()
        if problem:
            self.problem.setText(problem)
            return
        self.accept()

    def _validate(self) -> str:
        url = self.base_url.text().strip()
        if not url.lower().startswith(("https://", "http://")):
            return self.tr("The PagerDuty address must start with https://")
        if not re.fullmatch(r"(P[A-Z0-9]{1,19})?", self.pagerduty_service.text().strip()):
            return self.tr("A PagerDuty service id looks like PABC123 (from the service's URL).")
        if not self.slack_base_url.text().strip().lower().startswith(("https://", "http://")):
            return self.tr("The Slack address must start with https://")
        start, end = self._quiet_value(self.quiet_start), self._quiet_value(self.quiet_end)
        for value in (start, end):
            if value and not (
                value[:2].isdigit()
                and int(value[:2]) < 24
                and value[3:].isdigit()
                and int(value[3:]) < 60
            ):
                return self.tr("Quiet hours are HH:MM, e.g. 22:00 → 07:00.")
        if bool(start) != bool(end):
            return self.tr("Give both ends of the quiet hours, or neither.")
        if not re.fullmatch(TIME_OF_DAY, self.rotation_time.text().strip()):
            return self.tr("The handoff time is HH:MM, e.g. 09:00.")
        sections = (self.mail.problem, *(s.problem for s in self.built), self.team_database.problem)
        for problem_of in sections:
            if problem := problem_of():
                return problem
        anchor = self.rotation_anchor.text().strip()
        if anchor:
            try:
                date.fromisoformat(anchor)
            except ValueError:
                return self.tr("The rotation start is a date, YYYY-MM-DD.")
        return ""

    @staticmethod
    def _quiet_value(edit: QLineEdit) -> str:
        text = edit.text().replace("_", "").strip()
        return "" if text == ":" else text

    # --- results ----------------------------------------------------------------------------------

    def result_settings(self) -> Settings:
        chosen = replace(
            self._settings,
            language=self.language.currentData(),
            message_language=self.message_language.currentData(),
            engineer_name=self.engineer_name.text().strip(),
            team_timezone=self.team_timezone.text().strip(),
            close_to_tray=self.close_to_tray.isChecked(),
            start_at_login=self.start_at_login.isChecked(),
            pagerduty_base_url=self.base_url.text().strip().rstrip("/"),
            pagerduty_poll_seconds=self.poll_seconds.value(),
            pagerduty_service_id=self.pagerduty_service.text().strip(),
            status_page_id=self.status_page.currentData() or "",
            status_page_name=(
                self.status_page.currentText() if self.status_page.currentData() else ""
            ),
            slack_mode=self.slack_mode.currentData(),
            **self.mail.chosen(),  # type: ignore[arg-type]
            **self.team_database.chosen(),  # type: ignore[arg-type]
            slack_base_url=self.slack_base_url.text().strip().rstrip("/"),
            slack_channel=self.slack_channel.text().strip() or "#incidents",
            alert_sound=self.sound.isChecked(),
            quiet_hours_start=self._quiet_value(self.quiet_start),
            quiet_hours_end=self._quiet_value(self.quiet_end),
            rotation_source=self.rotation_source.currentData(),
            rotation_members=", ".join(
                m.strip() for m in self.rotation_members.text().split(",") if m.strip()
            ),
            rotation_weekday=self.rotation_weekday.currentData(),
            rotation_time=self.rotation_time.text().strip(),
            rotation_anchor=self.rotation_anchor.text().strip(),
        )
        for section in self.built:
            chosen = section.applied_to(chosen)
        return chosen

    def new_token(self) -> str | None:
        """The PagerDuty token typed in, '' to remove the stored one, None when untouched."""
        return self.token.text().strip() if self.token_changed else None

    def secrets_to_store(self) -> dict[str, str]:
        """The keyring entries to write ('' removes one); untouched fields are left out."""
        secrets = {}
        if self.token_changed:
            secrets[secret_name("pagerduty", "token")] = self.token.text().strip()
        if self.slack_secret_changed:
            webhook = self.slack_mode.currentData() == "webhook"
            name = secret_name("slack", "webhook" if webhook else "token")
            secrets[name] = self.slack_secret.text().strip()
        if self.mail.password_changed:  # a password may end in a space
            secrets[secret_name("executive_mail", "password")] = self.mail.password.text()
        for section in self.built:
            secrets.update(section.secrets_to_store())
        secrets.update(self.team_database.secrets_to_store())
        return secrets

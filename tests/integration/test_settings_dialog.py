"""The settings dialog with the connections service against the fake PagerDuty."""

from oncall_desktop.config.schema import Settings
from oncall_desktop.integrations.secrets import PAGERDUTY_TOKEN, InMemorySecretStore
from oncall_desktop.services.connections import ConnectionsService
from oncall_desktop.services.tasks import TaskRunner
from oncall_desktop.ui.windows.settings_dialog import SettingsDialog


def make_dialog(qtbot, settings, secrets):
    runner = TaskRunner()
    connections = ConnectionsService(secrets, runner)
    dialog = SettingsDialog(settings, connections)
    connections.setParent(dialog)  # as in the app: it lives as long as its users
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: not runner.busy, timeout=5000)
    return dialog, runner


def test_test_connection_with_a_typed_token(qtbot, pagerduty):
    dialog, runner = make_dialog(
        qtbot, Settings(pagerduty_base_url=pagerduty.url), InMemorySecretStore()
    )
    qtbot.waitUntil(lambda: "No token stored" in dialog.token_state.text(), timeout=5000)
    assert dialog.region.currentText() == "Other address"
    qtbot.keyClicks(dialog.token, pagerduty.token)
    dialog.test_button.click()
    qtbot.waitUntil(lambda: "Connected" in dialog.test_result.text(), timeout=5000)
    assert dialog.test_result.text() == (
        f"Connected to {pagerduty.url} as Alice <alice@example.com>."
    )
    assert dialog.new_token() == pagerduty.token
    qtbot.waitUntil(lambda: not runner.busy, timeout=5000)


def test_test_connection_reports_a_rejected_token(qtbot, pagerduty):
    secrets = InMemorySecretStore()
    secrets.set(PAGERDUTY_TOKEN, "u+wrong")
    dialog, runner = make_dialog(qtbot, Settings(pagerduty_base_url=pagerduty.url), secrets)
    qtbot.waitUntil(lambda: "A token is stored" in dialog.token_state.text(), timeout=5000)
    dialog.test_button.click()
    qtbot.waitUntil(lambda: "rejected" in dialog.test_result.text(), timeout=5000)
    assert dialog.new_token() is None  # untouched: the stored token stays
    qtbot.waitUntil(lambda: not runner.busy, timeout=5000)


def test_region_and_validation(qtbot):
    dialog, runner = make_dialog(qtbot, Settings(), InMemorySecretStore())
    assert dialog.base_url.text() == "https://api.pagerduty.com"
    assert dialog.base_url.isReadOnly()
    dialog.region.setCurrentIndex(1)
    assert dialog.base_url.text() == "https://api.eu.pagerduty.com"
    dialog.quiet_start.setText("22:00")
    assert "both ends" in dialog._validate()
    dialog.quiet_end.setText("07:30")
    assert dialog._validate() == ""
    result = dialog.result_settings()
    assert (result.pagerduty_base_url, result.quiet_hours_start, result.quiet_hours_end) == (
        "https://api.eu.pagerduty.com",
        "22:00",
        "07:30",
    )
    qtbot.waitUntil(lambda: not runner.busy, timeout=5000)


def test_slack_settings_and_test_connection(qtbot, slack):
    from oncall_desktop.integrations.secrets import SLACK_BOT_TOKEN, SLACK_WEBHOOK_URL

    dialog, runner = make_dialog(qtbot, Settings(slack_base_url=slack.url), InMemorySecretStore())
    qtbot.keyClicks(dialog.slack_secret, slack.token)
    dialog.slack_test.click()
    qtbot.waitUntil(lambda: "Connected" in dialog.slack_result.text(), timeout=5000)
    assert dialog.slack_result.text() == ("Connected to Slack workspace Example as oncall-bot.")
    assert dialog.secrets_to_store() == {SLACK_BOT_TOKEN: slack.token}
    dialog.slack_mode.setCurrentIndex(dialog.slack_mode.findData("webhook"))
    assert dialog.secrets_to_store() == {SLACK_WEBHOOK_URL: slack.token}
    dialog.slack_channel.setText("#ops-incidents")
    assert dialog.result_settings().slack_channel == "#ops-incidents"
    qtbot.waitUntil(lambda: not runner.busy, timeout=5000)


def test_rotation_settings(qtbot):
    from oncall_desktop.config.schema import Settings
    from oncall_desktop.integrations.secrets import InMemorySecretStore

    dialog, _runner = make_dialog(qtbot, Settings(), InMemorySecretStore())
    dialog.rotation_members.setText(" Alice ,Bob,, Carol ")
    dialog.rotation_weekday.setCurrentIndex(dialog.rotation_weekday.findData("tuesday"))
    dialog.rotation_time.setText("10:30")
    dialog.rotation_anchor.setText("2025-13-01")
    assert "YYYY-MM-DD" in dialog._validate()
    dialog.rotation_anchor.setText("2025-11-04")
    dialog.rotation_time.setText("25:00")
    assert "HH:MM" in dialog._validate()
    dialog.rotation_time.setText("10:30")
    assert dialog._validate() == ""
    result = dialog.result_settings()
    assert (result.rotation_members, result.rotation_weekday, result.rotation_time) == (
        "Alice, Bob, Carol",
        "tuesday",
        "10:30",
    )
    assert result.rotation_anchor == "2025-11-04" and result.rotation_source == "settings"


def test_teams_is_set_up_with_its_url_in_the_keyring_only(qtbot, teams):
    from oncall_desktop.integrations.teams import TEAMS_WEBHOOK_URL

    dialog, _runner = make_dialog(qtbot, Settings(), InMemorySecretStore())
    section = dialog.section("teams")  # built from what integrations/teams.py declares
    assert section.title() == "Microsoft Teams" and not section.enabled.isChecked()
    section.enabled.setChecked(True)
    qtbot.keyClicks(section.url, teams.workflow_url)
    assert dialog.result_settings().teams_enabled
    assert dialog.secrets_to_store() == {TEAMS_WEBHOOK_URL: teams.workflow_url}
    assert teams.workflow_url not in repr(dialog.result_settings())  # never a setting


def test_teams_test_sends_a_visible_message_and_says_when_the_url_is_refused(qtbot, teams):
    from oncall_desktop.integrations.teams import TEAMS_WEBHOOK_URL

    secrets = InMemorySecretStore()
    dialog, runner = make_dialog(qtbot, Settings(language="en"), secrets)
    section = dialog.section("teams")
    section.test.click()  # nothing typed, nothing stored
    qtbot.waitUntil(lambda: "No URL" in section.result.text(), timeout=5000)
    assert teams.messages == []
    qtbot.keyClicks(section.url, teams.workflow_url)
    section.test.click()
    qtbot.waitUntil(lambda: "took the test message" in section.result.text(), timeout=5000)
    from oncall_desktop.integrations.teams import teams_text

    assert teams.messages == [  # as any update: escaped for Teams' markdown
        teams_text("Test from oncall-desktop: incident updates will be posted in this channel.")
    ]
    secrets.set(TEAMS_WEBHOOK_URL, teams.workflow_url.replace("sig=", "sig=revoked"))
    section.url.setProperty("changed", False)  # untouched: the stored, revoked one is used
    section.test.click()
    qtbot.waitUntil(lambda: "refused the workflow URL" in section.result.text(), timeout=5000)
    assert "c62828" in section.result.styleSheet() and len(teams.messages) == 1
    qtbot.waitUntil(lambda: not runner.busy, timeout=5000)


def test_the_pagerduty_service_for_declared_incidents_is_checked(qtbot):
    dialog, runner = make_dialog(qtbot, Settings(language="en"), InMemorySecretStore())
    dialog.pagerduty_service.setText("https://example.pagerduty.com/service-directory/PSVC042")
    assert "looks like PABC123" in dialog._validate()
    dialog.pagerduty_service.setText(" PSVC042 ")
    assert dialog._validate() == ""
    assert dialog.result_settings().pagerduty_service_id == "PSVC042"
    qtbot.waitUntil(lambda: not runner.busy, timeout=5000)


def test_the_status_page_is_chosen_from_the_accounts_list(qtbot, pagerduty):
    secrets = InMemorySecretStore()
    secrets.set(PAGERDUTY_TOKEN, pagerduty.token)
    dialog, runner = make_dialog(
        qtbot, Settings(language="en", pagerduty_base_url=pagerduty.url), secrets
    )
    assert dialog.result_settings().status_page_id == ""  # none: updated by hand
    dialog.status_page_list.click()
    qtbot.waitUntil(lambda: dialog.status_page.count() == 2, timeout=5000)
    assert "1 status page" in dialog.status_page_result.text()
    dialog.status_page.setCurrentIndex(1)
    chosen = dialog.result_settings()
    assert (chosen.status_page_id, chosen.status_page_name) == (
        pagerduty.status_page_id,
        "Example <b>status</b>",  # PagerDuty's name, kept as written
    )
    qtbot.waitUntil(lambda: not runner.busy, timeout=5000)


def test_listing_status_pages_with_a_rejected_token_says_so(qtbot, pagerduty):
    dialog, runner = make_dialog(
        qtbot, Settings(language="en", pagerduty_base_url=pagerduty.url), InMemorySecretStore()
    )
    qtbot.keyClicks(dialog.token, "u+not-the-token")
    dialog.status_page_list.click()
    qtbot.waitUntil(
        lambda: "rejected the API token" in dialog.status_page_result.text(), timeout=5000
    )
    assert dialog.status_page.count() == 1
    qtbot.waitUntil(lambda: not runner.busy, timeout=5000)


def test_the_mail_server_is_tested_and_its_password_goes_to_the_keyring_only(qtbot, smtp):
    from oncall_desktop.integrations.smtp_mail import SMTP_PASSWORD

    dialog, runner = make_dialog(qtbot, Settings(language="en"), InMemorySecretStore())
    dialog.mail.host.setText("127.0.0.1")
    dialog.mail.port.setValue(smtp.port)
    dialog.mail.security.setCurrentIndex(dialog.mail.security.findData("none"))
    dialog.mail.username.setText(smtp.username)
    assert "sender's address" in dialog._validate()  # a server needs a From address
    dialog.mail.sender_address.setText("oncall@example.com")
    assert dialog._validate() == ""
    qtbot.keyClicks(dialog.mail.password, "wrong")
    dialog.mail.test.click()
    qtbot.waitUntil(lambda: "refused the account" in dialog.mail.result.text(), timeout=5000)
    dialog.mail.password.clear()
    qtbot.keyClicks(dialog.mail.password, smtp.password)
    dialog.mail.test.click()
    qtbot.waitUntil(lambda: "took the account" in dialog.mail.result.text(), timeout=5000)
    assert smtp.mails == []  # testing sends nothing
    chosen = dialog.result_settings()
    assert (chosen.smtp_host, chosen.smtp_port, chosen.smtp_security) == (
        "127.0.0.1",
        smtp.port,
        "none",
    )
    assert dialog.secrets_to_store() == {SMTP_PASSWORD: smtp.password}
    assert smtp.password not in repr(chosen)  # never a setting
    qtbot.waitUntil(lambda: not runner.busy, timeout=5000)


def test_the_pace_of_every_alert_source_is_set_under_alerts(qtbot):
    """It paces Alertmanager as much as PagerDuty: a team with Alertmanager alone finds it
    under Alerts, not inside PagerDuty's section."""
    from PySide6.QtWidgets import QGroupBox

    dialog, runner = make_dialog(qtbot, Settings(pagerduty_poll_seconds=15), InMemorySecretStore())
    box = dialog.poll_seconds.parent()
    while not isinstance(box, QGroupBox):
        box = box.parent()
    assert box.title() == "Alerts"
    assert box.layout().labelForField(dialog.poll_seconds).text() == "Read the alert sources every"
    dialog.poll_seconds.setValue(45)
    assert dialog.result_settings().pagerduty_poll_seconds == 45
    qtbot.waitUntil(lambda: not runner.busy, timeout=5000)

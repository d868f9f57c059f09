"""Settings applied, the room alone: a real main window, settings file and in-memory keyring,
stand-in alert sources that record when they are asked to reconnect."""

from dataclasses import replace
from datetime import timedelta

import pytest

from oncall_desktop.config.schema import Settings
from oncall_desktop.config.store import SettingsStore
from oncall_desktop.integrations.secrets import PAGERDUTY_TOKEN, InMemorySecretStore
from oncall_desktop.services.connections import DATABASE_PASSWORD


class Sources:
    """Stands in for the alert sources' poller: the reconnections asked of it."""

    def __init__(self):
        self.reconfigured = []

    def reconfigure(self, options, interval):
        self.reconfigured.append(interval)


@pytest.fixture
def room(qapp, tmp_path, runner, policy):
    from oncall_desktop.app.collaborators import Preferences
    from oncall_desktop.app.settings_flow import SettingsController
    from oncall_desktop.ui.translations import install_translators
    from oncall_desktop.ui.windows.main_window import MainWindow

    install_translators(qapp, "en")
    window = MainWindow("en", None)
    settings = SettingsController(
        window,
        qapp,
        Preferences(Settings(language="en")),
        SettingsStore(tmp_path / "config"),
        InMemorySecretStore(),
        runner,
        Sources(),
        connections=None,  # the dialog's connection tests: not opened here
        policy=policy,
        in_tray=True,
    )
    settings.config_file = tmp_path / "config" / "settings.json"
    yield settings
    install_translators(qapp, "en")
    qapp.setQuitOnLastWindowClosed(True)
    window.deleteLater()


def test_settings_are_saved_and_a_token_goes_to_the_keyring_only(qtbot, room):
    heard = []
    room.preferences.changed.connect(heard.append)
    new = replace(
        room.preferences.settings,
        pagerduty_base_url="https://api.eu.pagerduty.com",
        pagerduty_poll_seconds=30,
    )
    room.apply_settings(new, {PAGERDUTY_TOKEN: "u+secret-token-xyz"})
    assert heard == [new] and room.preferences.settings == new
    qtbot.waitUntil(lambda: room.poller.reconfigured == [timedelta(seconds=30)], timeout=5000)
    assert room.secrets.get(PAGERDUTY_TOKEN) == "u+secret-token-xyz"
    saved = room.config_file.read_text()
    assert "api.eu.pagerduty.com" in saved and "u+secret-token-xyz" not in saved


def test_a_setting_no_source_reads_does_not_reconnect_them(qtbot, room):
    room.apply_settings(replace(room.preferences.settings, quiet_hours_start="22:00"), {})
    room.apply_settings(replace(room.preferences.settings, pagerduty_poll_seconds=45), {})
    assert room.poller.reconfigured == [timedelta(seconds=45)]  # the interval only


def test_a_new_language_is_said_at_once(qtbot, room):
    with qtbot.waitSignal(room.language_changed) as changed:
        room.apply_settings(replace(room.preferences.settings, language="fr"), {})
    assert changed.args == ["fr"]
    assert room.preferences.language == "fr"
    assert "language" in room.window.banner.texts()


def test_closing_to_the_tray_follows_the_setting(qapp, room):
    room.apply_settings(replace(room.preferences.settings, close_to_tray=False), {})
    assert not room.window.keep_running_in_tray and qapp.quitOnLastWindowClosed()
    room.apply_settings(replace(room.preferences.settings, close_to_tray=True), {})
    assert room.window.keep_running_in_tray and not qapp.quitOnLastWindowClosed()


def test_the_team_database_settings_are_said_to_apply_at_the_next_start(qtbot, room):
    room.apply_settings(room.preferences.settings, {DATABASE_PASSWORD: "pw"})
    assert "next start" in room.window.banner.texts()["database-settings"]
    qtbot.waitUntil(lambda: room.secrets.get(DATABASE_PASSWORD) == "pw", timeout=5000)

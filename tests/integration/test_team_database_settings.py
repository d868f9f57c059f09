"""Settings' Team database section: the address saved, the password in the keyring only, Test
connection against a real PostgreSQL off the GUI thread, and what it says when it cannot."""

import sys

from sqlalchemy.engine import make_url

from oncall_desktop.config.schema import Settings
from oncall_desktop.integrations.secrets import DATABASE_PASSWORD, InMemorySecretStore
from tests.integration.test_settings_dialog import make_dialog


def test_the_address_is_a_setting_and_the_password_goes_to_the_keyring_only(qtbot):
    dialog, _runner = make_dialog(qtbot, Settings(), InMemorySecretStore())
    section = dialog.team_database
    assert section.url.text() == "" and "next start" in section.note.text()
    qtbot.keyClicks(section.url, "postgresql://oncall@db.example.com/oncall")
    qtbot.keyClicks(section.password, "s3cret pw ")
    assert dialog._validate() == ""
    assert dialog.result_settings().database_url == "postgresql://oncall@db.example.com/oncall"
    assert dialog.secrets_to_store()[DATABASE_PASSWORD] == "s3cret pw "  # as typed
    untouched, _ = make_dialog(
        qtbot, Settings(database_url="postgresql://a@b/c"), InMemorySecretStore()
    )
    assert DATABASE_PASSWORD not in untouched.secrets_to_store()  # the stored one stays


def test_a_password_in_the_address_or_another_kind_of_database_is_refused(qtbot):
    dialog, _runner = make_dialog(qtbot, Settings(), InMemorySecretStore())
    section = dialog.team_database
    section.url.setText("postgresql://oncall:hunter2@db.example.com/oncall")
    assert "own field" in dialog._validate()
    section.url.setText("mysql://oncall@db.example.com/oncall")
    assert "PostgreSQL" in dialog._validate()
    section.url.setText("")  # this computer's own database
    assert dialog._validate() == ""


def test_test_connection_names_the_server_and_whether_the_tables_are_there(qtbot, postgres_url):
    secrets = InMemorySecretStore()
    dialog, runner = make_dialog(qtbot, Settings(database_url=postgres_url), secrets)
    section = dialog.team_database
    section.test.click()
    assert not section.test.isEnabled()  # the GUI thread did not wait for the server
    qtbot.waitUntil(lambda: section.test.isEnabled(), timeout=15000)
    role = make_url(postgres_url).username
    assert section.result.text().startswith("Connected to PostgreSQL ")
    assert f"as {role}" in section.result.text() and "no tables of this app yet" in (
        section.result.text()
    )
    qtbot.waitUntil(lambda: not runner.busy, timeout=5000)


def test_test_connection_says_when_the_server_does_not_answer(qtbot):
    dialog, runner = make_dialog(qtbot, Settings(), InMemorySecretStore())
    section = dialog.team_database
    section.url.setText("postgresql://oncall@127.0.0.1:1/oncall")
    section.test.click()
    qtbot.waitUntil(lambda: section.test.isEnabled(), timeout=15000)
    assert "cannot be reached" in section.result.text()
    assert "color" in section.result.styleSheet()
    qtbot.waitUntil(lambda: not runner.busy, timeout=5000)


def test_without_the_postgresql_driver_test_connection_says_how_to_install_it(qtbot, monkeypatch):
    monkeypatch.setitem(sys.modules, "psycopg", None)  # as if it were not installed
    dialog, runner = make_dialog(qtbot, Settings(), InMemorySecretStore())
    section = dialog.team_database
    section.url.setText("postgresql://oncall@127.0.0.1:1/oncall")
    section.test.click()
    qtbot.waitUntil(lambda: section.test.isEnabled(), timeout=15000)
    assert "not installed" in section.result.text() and "pip install" in section.result.text()
    qtbot.waitUntil(lambda: not runner.busy, timeout=5000)


def test_the_migration_child_gets_the_password_in_its_environment_not_its_arguments():
    from oncall_desktop.storage.migrate import _password_apart

    shown, environment = _password_apart("postgresql+psycopg://oncall:hunter2@db/oncall")
    assert "hunter2" not in shown and shown.startswith("postgresql+psycopg://oncall@db")
    assert environment is not None and environment["PGPASSWORD"] == "hunter2"
    assert _password_apart("postgresql://oncall@db/oncall") == (
        "postgresql://oncall@db/oncall",
        None,
    )


def test_the_keyring_password_goes_to_the_settings_database_only():
    from types import SimpleNamespace

    from oncall_desktop.app.main import team_password

    secrets = InMemorySecretStore()
    secrets.set(DATABASE_PASSWORD, "s3cret")
    context = SimpleNamespace(
        settings=Settings(database_url="postgresql://oncall@team/oncall"), secrets=secrets
    )
    assert team_password(context, "postgresql://oncall@team/oncall") == "s3cret"
    # --database-url or ONCALL_DATABASE_URL naming another server: not sent there
    assert team_password(context, "postgresql://oncall@elsewhere/oncall") is None


def test_the_database_opens_with_the_keyring_password_and_never_shows_it(postgres_url):
    from oncall_desktop.storage.db import open_database

    database = open_database(postgres_url, password="s3cret")  # trust auth: accepted
    try:
        assert database.url.password == "s3cret"
        assert "s3cret" not in database.description + database.display_url + database.key
    finally:
        database.close()

import json

import pytest

from oncall_desktop.config.schema import SCHEMA_VERSION, Settings, setting_fields
from oncall_desktop.config.store import SettingsStore


def test_every_setting_has_a_default_title_and_help():
    for f in setting_fields():
        assert f.default is not None
        assert f.metadata["title"] and f.metadata["help"]


def test_missing_file_gives_defaults(tmp_path):
    loaded = SettingsStore(tmp_path).load()
    assert loaded.settings == Settings() and loaded.problems == ()


def test_save_and_load_round_trip(tmp_path):
    store = SettingsStore(tmp_path / "new")
    store.update(language="fr", database_url="postgresql+psycopg://u@h/db")
    data = json.loads((tmp_path / "new" / "settings.json").read_text())
    assert data["schema_version"] == SCHEMA_VERSION
    loaded = store.load()
    assert loaded.settings.language == "fr" and loaded.problems == ()
    assert list((tmp_path / "new").glob(".settings-*")) == []  # no temp file left


def test_bad_values_fall_back_by_key(tmp_path):
    (tmp_path / "settings.json").write_text(
        json.dumps(
            {"language": "klingon", "close_to_tray": "yes", "colour": "red", "engineer_name": "Ana"}
        )
    )
    loaded = SettingsStore(tmp_path).load()
    assert loaded.settings.language == "system"
    assert loaded.settings.close_to_tray is True
    assert loaded.settings.engineer_name == "Ana"
    problems = "\n".join(map(str, loaded.problems))
    assert "language: 'klingon' is not one of system, fr, en" in problems
    assert "close_to_tray: expected true or false" in problems
    assert "colour: unknown setting" in problems


def test_unreadable_json_is_kept_aside_not_lost(tmp_path):
    (tmp_path / "settings.json").write_text("{ this is not json")
    loaded = SettingsStore(tmp_path).load()
    assert loaded.settings == Settings()
    assert "not valid JSON" in str(loaded.problems[0])
    [kept] = tmp_path.glob("settings.json.invalid-*")
    assert kept.read_text() == "{ this is not json"
    assert str(kept) in str(loaded.problems[0])  # says where


def test_each_corrupt_file_is_kept_the_next_one_does_not_overwrite_it(tmp_path):
    store = SettingsStore(tmp_path)
    for text in ("{ first", "{ second", "[3]"):
        (tmp_path / "settings.json").write_text(text)
        store.load()
    kept = sorted(p.read_text() for p in tmp_path.glob("settings.json.invalid-*"))
    assert kept == ["[3]", "{ first", "{ second"]


@pytest.mark.parametrize(
    ("raw", "why"),
    [
        (b'{"language": "fr\xff\xfe"}', "not UTF-8"),
        (b"[" * 100_000 + b"]" * 100_000, "not valid JSON"),  # nesting past the recursion limit
        (b'{"pagerduty_poll_seconds": NaN}', "not valid JSON"),
        (b'{"pagerduty_poll_seconds": Infinity}', "not valid JSON"),
        (b" " * (2 * 1024 * 1024), "larger than"),
    ],
)
def test_files_that_would_crash_or_stall_every_start_are_set_aside(tmp_path, raw, why):
    (tmp_path / "settings.json").write_bytes(raw)
    loaded = SettingsStore(tmp_path).load()
    assert loaded.settings == Settings()
    assert why in str(loaded.problems[0])
    assert list(tmp_path.glob("settings.json.invalid-*"))


def test_a_byte_order_mark_is_accepted(tmp_path):
    (tmp_path / "settings.json").write_bytes(
        b"\xef\xbb\xbf" + json.dumps({"language": "fr"}).encode()
    )
    loaded = SettingsStore(tmp_path).load()
    assert loaded.settings.language == "fr" and loaded.problems == ()


def test_a_fifo_in_place_of_the_file_does_not_block(tmp_path):
    import os

    os.mkfifo(tmp_path / "settings.json")  # nobody will ever write to it
    loaded = SettingsStore(tmp_path).load()  # would block forever if opened for reading
    assert loaded.settings == Settings()
    assert "not a regular file" in str(loaded.problems[0])


def test_thousands_of_unknown_keys_are_one_line(tmp_path):
    data = {f"junk{n:05d}": n for n in range(20_000)}
    (tmp_path / "settings.json").write_text(json.dumps({**data, "language": "en"}))
    loaded = SettingsStore(tmp_path).load()
    assert loaded.settings.language == "en"
    assert len(loaded.problems) == 1
    assert str(loaded.problems[0]).startswith("20000 unknown settings ignored: junk00000, ")


def test_an_absurd_poll_interval_is_refused(tmp_path):
    (tmp_path / "settings.json").write_text(json.dumps({"pagerduty_poll_seconds": 10**30}))
    loaded = SettingsStore(tmp_path).load()
    assert loaded.settings.pagerduty_poll_seconds == 15
    assert "must be at most 3600" in str(loaded.problems[0])


def test_newer_schema_is_read_but_reported(tmp_path):
    (tmp_path / "settings.json").write_text(json.dumps({"schema_version": 99, "language": "en"}))
    loaded = SettingsStore(tmp_path).load()
    assert loaded.settings.language == "en"
    assert "newer" in str(loaded.problems[0])


def test_range_and_form_checks(tmp_path):
    (tmp_path / "settings.json").write_text(
        json.dumps(
            {
                "pagerduty_poll_seconds": 1,
                "quiet_hours_start": "25:00",
                "pagerduty_base_url": "ftp://x",
                "quiet_hours_end": "07:30",
            }
        )
    )
    loaded = SettingsStore(tmp_path).load()
    assert loaded.settings.pagerduty_poll_seconds == 15
    assert loaded.settings.quiet_hours_start == ""
    assert loaded.settings.pagerduty_base_url == "https://api.pagerduty.com"
    assert loaded.settings.quiet_hours_end == "07:30"
    assert len(loaded.problems) == 3


def test_an_added_integrations_settings_are_kept_beside_the_built_in_ones(tmp_path):
    """A module declared its own keys (integrations/declarations): they are saved and read
    back under integration_settings, and reach the integrations with the built-in keys."""
    from oncall_desktop.config.schema import setting_values

    store = SettingsStore(tmp_path)
    store.save(
        Settings(integration_settings={"siren_url": "https://siren.example", "siren_on": True})
    )
    loaded = store.load()
    assert loaded.problems == ()
    assert loaded.settings.integration_settings == {
        "siren_url": "https://siren.example",
        "siren_on": True,
    }
    values = setting_values(loaded.settings)
    assert values["siren_url"] == "https://siren.example" and values["language"] == "system"
    assert "integration_settings" not in values


def test_added_integrations_settings_that_are_not_names_and_values_fall_back(tmp_path):
    (tmp_path / "settings.json").write_text(
        json.dumps({"integration_settings": {"siren_url": ["not", "text"]}})
    )
    loaded = SettingsStore(tmp_path).load()
    assert loaded.settings.integration_settings == {}
    assert "integration_settings: expected names and values" in str(loaded.problems[0])

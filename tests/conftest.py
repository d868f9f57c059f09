"""Test-wide setup: no test touches the developer's real config, data, keyring or display."""

import os

# Before any Qt import: in-process GUI tests run offscreen. The real X server tests start the
# app as a separate process (tests/desktop).
os.environ["QT_QPA_PLATFORM"] = "offscreen"
os.environ.pop("ONCALL_DATABASE_URL", None)

import pytest

from oncall_desktop.core.clock import FakeClock
from oncall_desktop.core.policy import load_policy


@pytest.fixture(autouse=True)
def _isolated_dirs(tmp_path, monkeypatch):
    """Config, data and logs of every test go to its own temporary folder."""
    monkeypatch.setenv("ONCALL_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("ONCALL_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("ONCALL_DATABASE_URL", raising=False)


@pytest.fixture(scope="session")
def policy():
    return load_policy().policy


@pytest.fixture
def clock():
    return FakeClock()


def pytest_collection_modifyitems(config, items):
    for item in items:
        if {"qtbot", "qapp"} & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.gui)

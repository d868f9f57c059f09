"""The keyring through its helper process, as the console uses it (the keyring's libraries
never load in the console: the memory goal)."""

import json
import subprocess
import sys
import time

import pytest

from oncall_desktop.integrations.keyring_child import KeyringInChild
from oncall_desktop.integrations.secrets import PAGERDUTY_TOKEN, KeyringLocked, NoKeyring

TOKEN = "u+Abc_12-TOKEN-ÄÖ"


@pytest.fixture
def test_backend(tmp_path, monkeypatch):
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "tests.helpers.file_keyring.TestKeyring")
    monkeypatch.setenv("ONCALL_TEST_KEYRING_FILE", str(tmp_path / "keyring.json"))
    return tmp_path / "keyring.json"


def test_round_trip_through_the_helper_and_reads_are_remembered(test_backend):
    store = KeyringInChild()
    assert store.status().usable
    assert store.get(PAGERDUTY_TOKEN) is None
    store.set(PAGERDUTY_TOKEN, TOKEN)
    assert json.loads(test_backend.read_text())[f"oncall-desktop/{PAGERDUTY_TOKEN}"] == TOKEN
    fresh = KeyringInChild()
    assert fresh.get(PAGERDUTY_TOKEN) == TOKEN
    assert fresh.get(PAGERDUTY_TOKEN) == TOKEN  # from memory: no second child
    reads = (test_backend.parent / "keyring.json.reads").read_text().splitlines()
    assert reads.count(PAGERDUTY_TOKEN) == 2  # the first store's read, the fresh one's
    fresh.delete(PAGERDUTY_TOKEN)
    assert fresh.get(PAGERDUTY_TOKEN) is None
    assert KeyringInChild().get(PAGERDUTY_TOKEN) is None


def test_no_keyring_is_said_as_before(monkeypatch):
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")
    store = KeyringInChild()
    status = store.status()
    assert not status.usable and "everything else works" in str(status.message)
    with pytest.raises(NoKeyring):
        store.get(PAGERDUTY_TOKEN)


def test_a_hanging_keyring_is_killed_at_the_time_limit(test_backend, monkeypatch):
    monkeypatch.setenv("ONCALL_TEST_KEYRING_HANG", "1")
    started = time.monotonic()
    with pytest.raises(KeyringLocked, match="locked or did not answer"):
        KeyringInChild(timeout=2).get(PAGERDUTY_TOKEN)
    assert time.monotonic() - started < 10


def test_the_secret_never_travels_on_the_command_line(test_backend, monkeypatch):
    seen = []
    real_run = subprocess.run

    def spy(command, **kwargs):
        seen.append(command)
        return real_run(command, **kwargs)

    monkeypatch.setattr(subprocess, "run", spy)
    KeyringInChild().set(PAGERDUTY_TOKEN, TOKEN)
    assert seen and all(TOKEN not in " ".join(c) for c in seen)


def test_the_console_process_never_loads_the_keyring_libraries(test_backend):
    script = (
        "import sys\n"
        "from oncall_desktop.integrations.keyring_child import KeyringInChild\n"
        "store = KeyringInChild()\n"
        "store.set('x', 'value-123456')\n"
        "assert store.get('x') == 'value-123456'\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in "
        "('keyring', 'secretstorage', 'cryptography', 'jaraco')))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"

import threading

import keyring.backend
import keyring.backends.fail
import keyring.errors
import pytest

from oncall_desktop.core.redact import redact
from oncall_desktop.integrations.secrets import (
    PAGERDUTY_TOKEN,
    InsecureKeyring,
    KeyringLocked,
    KeyringSecretStore,
    NoKeyring,
)


class MemoryKeyring(keyring.backend.KeyringBackend):
    priority = 1

    def __init__(self):
        super().__init__()
        self.values = {}

    def get_password(self, service, username):
        return self.values.get((service, username))

    def set_password(self, service, username, password):
        self.values[(service, username)] = password

    def delete_password(self, service, username):
        if (service, username) not in self.values:
            raise keyring.errors.PasswordDeleteError("not found")
        del self.values[(service, username)]


class PlaintextKeyring(MemoryKeyring):
    pass


PlaintextKeyring.__module__ = "keyrings.alt.file"


class HangingKeyring(MemoryKeyring):
    """Like gnome-keyring waiting on an unlock prompt that nobody can see."""

    def __init__(self):
        super().__init__()
        self.release = threading.Event()

    def get_password(self, service, username):
        self.release.wait(5)
        return None


class LockedKeyring(MemoryKeyring):
    def get_password(self, service, username):
        raise keyring.errors.InitError("Failed to create the collection: Prompt dismissed..")


def test_round_trip_and_the_token_is_scrubbed_from_logs():
    backend = MemoryKeyring()
    store = KeyringSecretStore(backend)
    store.set(PAGERDUTY_TOKEN, "y_NbAkKc66ryYTWUXYEu")
    assert store.get(PAGERDUTY_TOKEN) == "y_NbAkKc66ryYTWUXYEu"
    assert backend.values[("oncall-desktop", PAGERDUTY_TOKEN)] == "y_NbAkKc66ryYTWUXYEu"
    assert "y_NbAkKc66ryYTWUXYEu" not in redact("GET /users/me token y_NbAkKc66ryYTWUXYEu")
    store.delete(PAGERDUTY_TOKEN)
    store.delete(PAGERDUTY_TOKEN)  # deleting what is not there is not an error
    assert store.get(PAGERDUTY_TOKEN) is None
    assert store.status().usable


def test_no_backend_says_so():
    store = KeyringSecretStore(keyring.backends.fail.Keyring())
    with pytest.raises(NoKeyring, match="No usable keyring"):
        store.get(PAGERDUTY_TOKEN)
    status = store.status()
    assert not status.usable and "everything else works" in str(status.message)


def test_plaintext_backend_is_refused():
    store = KeyringSecretStore(PlaintextKeyring())
    with pytest.raises(InsecureKeyring, match="unencrypted"):
        store.set(PAGERDUTY_TOKEN, "secret-value")


def test_a_hanging_keyring_times_out_and_later_calls_fail_fast():
    backend = HangingKeyring()
    store = KeyringSecretStore(backend, timeout=0.2)
    with pytest.raises(KeyringLocked, match="locked or did not answer"):
        store.get(PAGERDUTY_TOKEN)
    with pytest.raises(KeyringLocked):
        store.set(PAGERDUTY_TOKEN, "x")  # does not queue behind the hung call
    backend.release.set()


def test_locked_keyring_prompt_dismissed():
    with pytest.raises(KeyringLocked):
        KeyringSecretStore(LockedKeyring()).get(PAGERDUTY_TOKEN)


def test_keyrings_alt_installed_beside_a_real_keyring_does_not_refuse_the_real_one():
    """Issue 15: with keyrings.alt installed, keyring chains its plain-text file backend behind
    GNOME Keyring, and the whole chain was refused."""
    from keyring.backends.chainer import ChainerBackend

    secure, plaintext = MemoryKeyring(), PlaintextKeyring()
    plaintext.priority = 0.5
    # what keyring builds when both are installed
    chain = type("Chain", (ChainerBackend,), {"backends": [secure, plaintext]})()
    store = KeyringSecretStore(chain)
    store.set(PAGERDUTY_TOKEN, "y_NbAkKc66ryYTWUXYEu")
    assert secure.values[("oncall-desktop", PAGERDUTY_TOKEN)] == "y_NbAkKc66ryYTWUXYEu"
    assert plaintext.values == {}  # never written in plain text
    assert store.status().usable


def test_a_chain_of_only_plaintext_backends_is_still_refused():
    from keyring.backends.chainer import ChainerBackend

    chain = type("Chain", (ChainerBackend,), {"backends": [PlaintextKeyring()]})()
    with pytest.raises(InsecureKeyring):
        KeyringSecretStore(chain).set(PAGERDUTY_TOKEN, "secret-value")

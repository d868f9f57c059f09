"""A keyring backend for the tests of the keyring helper process: values in a JSON file named
by $ONCALL_TEST_KEYRING_FILE, each read appended to a log beside it; $ONCALL_TEST_KEYRING_HANG
makes every read hang (an unlock prompt nobody sees). Selected in the child with
PYTHON_KEYRING_BACKEND=tests.helpers.file_keyring.TestKeyring. Tests only."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import keyring.backend


class TestKeyring(keyring.backend.KeyringBackend):
    priority = 1

    @property
    def _file(self) -> Path:
        return Path(os.environ["ONCALL_TEST_KEYRING_FILE"])

    def _load(self) -> dict[str, str]:
        return json.loads(self._file.read_text()) if self._file.exists() else {}

    def get_password(self, service, username):
        if os.environ.get("ONCALL_TEST_KEYRING_HANG"):
            time.sleep(60)
        with open(str(self._file) + ".reads", "a") as log:
            log.write(username + "\n")
        return self._load().get(f"{service}/{username}")

    def set_password(self, service, username, password):
        values = self._load()
        values[f"{service}/{username}"] = password
        self._file.write_text(json.dumps(values))

    def delete_password(self, service, username):
        values = self._load()
        values.pop(f"{service}/{username}", None)
        self._file.write_text(json.dumps(values))

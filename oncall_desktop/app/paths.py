"""Where the app keeps its files: the platform's folders, each overridable by an env var."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

from oncall_desktop import APP_NAME


@dataclass(frozen=True)
class AppPaths:
    config_dir: Path
    data_dir: Path

    @property
    def log_dir(self) -> Path:
        return self.data_dir / "logs"

    @property
    def log_file(self) -> Path:
        return self.log_dir / f"{APP_NAME}.log"

    @property
    def crash_dir(self) -> Path:
        return self.data_dir / "crash"

    @property
    def database_file(self) -> Path:
        return self.data_dir / "oncall.sqlite3"

    @property
    def policy_override(self) -> Path:
        return self.config_dir / "policy.toml"

    @classmethod
    def from_environment(cls) -> AppPaths:
        config = os.environ.get("ONCALL_CONFIG_DIR") or platformdirs.user_config_dir(APP_NAME)
        data = os.environ.get("ONCALL_DATA_DIR") or platformdirs.user_data_dir(APP_NAME)
        return cls(Path(config).expanduser(), Path(data).expanduser())

"""Where the app keeps its files: the platform's folders, each overridable by an env var."""

from __future__ import annotations

import os
import stat
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

    def console_id(self) -> str:
        """A stable id for this console (this data folder), created on first use. It marks
        the outbox posts this console claims, so that after a crash it takes them back."""
        path = self.data_dir / "console-id"
        try:
            existing = path.read_text(encoding="utf-8").strip()
            if existing:
                return existing
        except OSError:
            pass
        import uuid  # here, not at start-up: it imports platform (~2 ms before the window)

        value = uuid.uuid4().hex
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(value + "\n", encoding="utf-8")
        except OSError:
            return ""  # unwritable: fall back to waiting out the lease
        return value

    def make_private(self) -> list[str]:
        """Create the config and data folders readable by this user only (0700), and make
        what they already hold private too (folders 0700, files 0600): the database, the logs
        and crash reports are nobody else's business. Returns what could not be changed."""
        problems = []
        for root in (self.config_dir, self.data_dir):
            try:
                root.mkdir(mode=0o700, parents=True, exist_ok=True)
                os.chmod(root, 0o700)
            except OSError as error:
                problems.append(f"{root}: {error.strerror}")
                continue
            for folder, subfolders, files in os.walk(root):
                for name in subfolders:
                    _private(Path(folder) / name, problems)
                for name in files:
                    _private(Path(folder) / name, problems)
        return problems

    def for_drill(self) -> AppPaths:
        """Drill mode's own folders: its database, log and lock apart from real work."""
        return AppPaths(config_dir=self.config_dir / "drill", data_dir=self.data_dir / "drill")

    @property
    def policy_override(self) -> Path:
        return self.config_dir / "policy.toml"

    @classmethod
    def from_environment(cls) -> AppPaths:
        config = os.environ.get("ONCALL_CONFIG_DIR") or platformdirs.user_config_dir(APP_NAME)
        data = os.environ.get("ONCALL_DATA_DIR") or platformdirs.user_data_dir(APP_NAME)
        return cls(Path(config).expanduser(), Path(data).expanduser())


def _private(path: Path, problems: list[str]) -> None:
    """Take group and other permissions off (a file stays 0600, a folder 0700)."""
    try:
        info = path.lstat()
        if not stat.S_ISLNK(info.st_mode) and stat.S_IMODE(info.st_mode) & 0o077:
            os.chmod(path, stat.S_IMODE(info.st_mode) & 0o700)
    except OSError as error:
        problems.append(f"{path}: {error.strerror}")

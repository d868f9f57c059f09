"""The non-secret settings: one declaration per key, with its default, title and help.

Secrets (API tokens) are never settings: they live in the OS keyring only.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any

SCHEMA_VERSION = 1

LANGUAGES = ("system", "fr", "en")


def _setting(default: Any, title: str, help: str, choices: tuple[str, ...] = ()) -> Any:
    return field(default=default, metadata={"title": title, "help": help, "choices": choices})


@dataclass(frozen=True)
class Settings:
    language: str = _setting(
        "system", "Language", "UI and message language: system, fr or en.", LANGUAGES
    )
    database_url: str = _setting(
        "",
        "Database URL",
        "Empty: a SQLite file in the data folder. A team can point every console at one "
        "PostgreSQL database, e.g. postgresql+psycopg://user@host/oncall. The environment "
        "variable ONCALL_DATABASE_URL overrides it. Put no password here: use a .pgpass file.",
    )
    team_timezone: str = _setting(
        "", "Team time zone", "IANA name (Europe/Paris, Africa/Douala); empty: this computer's."
    )
    engineer_name: str = _setting(
        "", "Your name", "Recorded in the timeline for what you do; empty: your login name."
    )
    close_to_tray: bool = _setting(
        True, "Close to tray", "Closing the window keeps the app running in the tray."
    )


def setting_fields() -> tuple[Any, ...]:
    return fields(Settings)

"""Load and save the settings file (JSON, written atomically).

A file that cannot be read or holds bad values never stops the app: the bad parts fall back to
their defaults and each problem is reported by key, for the UI to show (unknown keys in one
summarised line). A file that is not valid JSON text is kept aside under a timestamped name
(``settings.json.invalid-20261201-231500``), never overwritten, so nothing the user wrote is
lost; the message says where.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import MISSING, asdict, dataclass, replace
from pathlib import Path
from typing import Any

from oncall_desktop.config.files import UnreadableFile, keep_aside, read_user_file, write_atomically
from oncall_desktop.config.schema import SCHEMA_VERSION, Settings, setting_fields
from oncall_desktop.core.messages import QT_TR_NOOP, UserMessage

SETTINGS_FILE = "settings.json"
MAX_TEXT = 2_000  # no setting is a text longer than this
UNKNOWN_KEYS_LISTED = 5  # the rest of a long list of unknown keys is counted, not listed

# Ordered upgrades: MIGRATIONS[n] turns a version-n dict into a version-(n+1) dict.
MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {}


@dataclass(frozen=True)
class LoadedSettings:
    settings: Settings
    problems: tuple[UserMessage, ...] = ()  # str() in English; translated when shown


def _coerce(name: str, value: Any, default: Any, metadata: Any) -> Any:
    choices, minimum, pattern = metadata["choices"], metadata["minimum"], metadata["pattern"]
    maximum = metadata.get("maximum")
    if isinstance(default, dict):
        return _coerce_mapping(name, value)
    if isinstance(default, bool):
        if not isinstance(value, bool):
            raise _invalid(QT_TR_NOOP("{name}: expected true or false, got {value}"), name, value)
    elif isinstance(default, int):
        if isinstance(value, bool) or not isinstance(value, int):
            raise _invalid(QT_TR_NOOP("{name}: expected a whole number, got {value}"), name, value)
    elif isinstance(default, str) and not isinstance(value, str):
        raise _invalid(QT_TR_NOOP("{name}: expected text, got {value}"), name, value)
    if choices and value not in choices:
        allowed = ", ".join(c or '"" (empty)' for c in choices)
        raise ValueError(
            QT_TR_NOOP("{name}: {value} is not one of {allowed}").format(
                name=name, value=repr(value), allowed=allowed
            )
        )
    if minimum is not None and value < minimum:
        raise ValueError(
            QT_TR_NOOP("{name}: must be at least {minimum}, got {value}").format(
                name=name, minimum=minimum, value=value
            )
        )
    if maximum is not None and value > maximum:
        raise ValueError(
            QT_TR_NOOP("{name}: must be at most {maximum}, got {value}").format(
                name=name, maximum=maximum, value=value
            )
        )
    if isinstance(value, str) and len(value) > MAX_TEXT:
        raise ValueError(
            QT_TR_NOOP("{name}: longer than {maximum} characters").format(
                name=name, maximum=MAX_TEXT
            )
        )
    if pattern is not None and not re.match(pattern, value):
        raise _invalid(QT_TR_NOOP("{name}: {value} is not in the expected form"), name, value)
    return value


def _coerce_mapping(name: str, value: Any) -> dict[str, str | bool]:
    """The settings of integrations declared by their own modules: names to text or true/false
    (each checked by its declaration where it is used; kept as is when not installed here)."""
    if not isinstance(value, dict) or not all(
        isinstance(key, str) and isinstance(item, str | bool) for key, item in value.items()
    ):
        raise _invalid(QT_TR_NOOP("{name}: expected names and values, got {value}"), name, value)
    if any(isinstance(item, str) and len(item) > MAX_TEXT for item in value.values()):
        raise ValueError(
            QT_TR_NOOP("{name}: longer than {maximum} characters").format(
                name=name, maximum=MAX_TEXT
            )
        )
    return dict(value)


def _invalid(template: UserMessage, name: str, value: Any) -> ValueError:
    return ValueError(template.format(name=name, value=repr(value)))


def from_dict(data: dict[str, Any]) -> LoadedSettings:
    problems: list[UserMessage] = []
    version = data.get("schema_version", SCHEMA_VERSION)
    if not isinstance(version, int) or version > SCHEMA_VERSION:
        problems.append(
            QT_TR_NOOP(
                "schema_version: {version} is newer than this app understands; known settings "
                "are read, the file is not rewritten in an older format"
            ).format(version=repr(version))
        )
        version = SCHEMA_VERSION
    while version < SCHEMA_VERSION:
        data = MIGRATIONS[version](data)
        version += 1
    values: dict[str, Any] = {}
    known = {f.name for f in setting_fields()}
    for f in setting_fields():
        if f.name not in data:
            continue
        try:
            default = f.default_factory() if f.default is MISSING else f.default
            values[f.name] = _coerce(f.name, data[f.name], default, f.metadata)
        except ValueError as error:
            problems.append(
                QT_TR_NOOP("{problem}; the default is used").format(problem=error.args[0])
            )
    unknown = sorted(str(key)[:80] for key in set(data) - known - {"schema_version"})
    if len(unknown) == 1:
        problems.append(QT_TR_NOOP("{key}: unknown setting, ignored").format(key=unknown[0]))
    elif unknown:
        listed = ", ".join(unknown[:UNKNOWN_KEYS_LISTED])
        more = len(unknown) - UNKNOWN_KEYS_LISTED
        problems.append(
            QT_TR_NOOP("{count} unknown settings ignored: {keys}").format(
                count=len(unknown), keys=listed + (f", … (+{more})" if more > 0 else "")
            )
        )
    return LoadedSettings(Settings(**values), tuple(problems))


def to_dict(settings: Settings) -> dict[str, Any]:
    return {"schema_version": SCHEMA_VERSION, **asdict(settings)}


class SettingsStore:
    def __init__(self, config_dir: Path) -> None:
        self.path = config_dir / SETTINGS_FILE

    def load(self) -> LoadedSettings:
        try:
            raw = read_user_file(self.path)
        except UnreadableFile as error:
            return self._set_aside(str(error))
        if raw is None:
            return LoadedSettings(Settings())
        try:
            data = json.loads(raw, parse_constant=_no_constant)
            if not isinstance(data, dict):
                raise ValueError("the file must hold a JSON object")
        except (ValueError, RecursionError) as error:
            reason = "nested too deeply" if isinstance(error, RecursionError) else str(error)
            return self._set_aside(f"not valid JSON ({reason[:200]})")
        return from_dict(data)

    def _set_aside(self, reason: str) -> LoadedSettings:
        """Defaults for now; the file kept under a name of its own when it can be moved."""
        try:
            if not self.path.is_file():
                raise OSError("not a regular file")
            aside = keep_aside(self.path)
        except OSError:
            problem = QT_TR_NOOP("{file}: {reason}; defaults used").format(
                file=self.path, reason=reason
            )
        else:
            problem = QT_TR_NOOP("{file}: {reason}; defaults used; kept as {aside}").format(
                file=self.path.name, reason=reason, aside=aside
            )
        return LoadedSettings(Settings(), (problem,))

    def save(self, settings: Settings) -> None:
        """Write atomically: a crash mid-write leaves the previous file intact."""
        write_atomically(
            self.path, json.dumps(to_dict(settings), indent=2, ensure_ascii=False) + "\n"
        )

    def update(self, **changes: Any) -> Settings:
        settings = replace(self.load().settings, **changes)
        self.save(settings)
        return settings


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number a setting can have")

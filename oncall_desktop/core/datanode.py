"""A value read from a TOML file with its dotted key, so that every error names where it is
("cadence.internal.rules.SEV-1.every_minutes: must be a number"). Bounded: numbers finite
and in range, durations under a year, no NaN or infinity."""

from __future__ import annotations

import math
from datetime import timedelta
from enum import Enum
from typing import Any

from oncall_desktop.core.errors import PolicyError
from oncall_desktop.core.messages import QT_TR_NOOP, UserMessage
from oncall_desktop.core.policy import LANGUAGES, Text

MAX_MINUTES = 366 * 24 * 60  # no duration of the procedure is longer than a year

MISSING = QT_TR_NOOP("missing")


class Node:
    """A value with its dotted key, so every error names where it is."""

    def __init__(self, value: Any, key: str) -> None:
        self.value = value
        self.key = key

    def fail(self, problem: UserMessage) -> PolicyError:
        return PolicyError(self.key, problem)

    def _child_key(self, name: str | int) -> str:
        if isinstance(name, int):
            return f"{self.key}[{name}]"
        return f"{self.key}.{name}" if self.key else name

    def table(self) -> dict[str, Any]:
        if not isinstance(self.value, dict):
            raise self.fail(
                QT_TR_NOOP("expected a table, got {type}").format(type=type(self.value).__name__)
            )
        return self.value

    def __getitem__(self, name: str) -> Node:
        table = self.table()
        if name not in table:
            raise PolicyError(self._child_key(name), MISSING)
        return Node(table[name], self._child_key(name))

    def get(self, name: str, default: Any) -> Node:
        table = self.table()
        return Node(table.get(name, default), self._child_key(name))

    def items(self) -> list[tuple[str, Node]]:
        return [(k, Node(v, self._child_key(k))) for k, v in self.table().items()]

    def entries(self) -> list[Node]:
        if not isinstance(self.value, list):
            raise self.fail(
                QT_TR_NOOP("expected a list, got {type}").format(type=type(self.value).__name__)
            )
        return [Node(v, self._child_key(i)) for i, v in enumerate(self.value)]

    def string(self, allow_empty: bool = False) -> str:
        if not isinstance(self.value, str):
            raise self.fail(
                QT_TR_NOOP("expected text, got {type}").format(type=type(self.value).__name__)
            )
        if not allow_empty and not self.value.strip():
            raise self.fail(QT_TR_NOOP("must not be empty"))
        return self.value

    def boolean(self) -> bool:
        if not isinstance(self.value, bool):
            raise self.fail(
                QT_TR_NOOP("expected true or false, got {value}").format(value=repr(self.value))
            )
        return self.value

    def number(self, minimum: float | None = 0, maximum: float | None = None) -> float:
        if isinstance(self.value, bool) or not isinstance(self.value, int | float):
            raise self.fail(
                QT_TR_NOOP("expected a number, got {value}").format(value=repr(self.value))
            )
        if not math.isfinite(self.value):  # TOML has inf and nan
            raise self.fail(
                QT_TR_NOOP("expected a finite number, got {value}").format(value=repr(self.value))
            )
        if minimum is not None and self.value < minimum:
            raise self.fail(
                QT_TR_NOOP("must be at least {minimum}, got {value}").format(
                    minimum=minimum, value=self.value
                )
            )
        if maximum is not None and self.value > maximum:
            raise self.fail(
                QT_TR_NOOP("must be at most {maximum}, got {value}").format(
                    maximum=maximum, value=self.value
                )
            )
        return self.value

    def integer(self, minimum: int | None = 0, maximum: int | None = None) -> int:
        if isinstance(self.value, bool) or not isinstance(self.value, int):
            raise self.fail(
                QT_TR_NOOP("expected a whole number, got {value}").format(value=repr(self.value))
            )
        return int(self.number(minimum, maximum))

    def minutes(self, minimum: int = 0) -> timedelta:
        # bounded so that every deadline computed from it stays a date (no overflow)
        return timedelta(minutes=self.number(minimum, MAX_MINUTES))

    def text(self) -> Text:
        """A bilingual text; a plain string stands for both languages."""
        if isinstance(self.value, str):
            return Text(fr=self.value, en=self.value)
        table = self.table()
        missing = [lang for lang in LANGUAGES if lang not in table]
        if missing:
            raise PolicyError(self._child_key(missing[0]), QT_TR_NOOP("missing translation"))
        return Text(fr=self["fr"].string(), en=self["en"].string())

    def text_list(self) -> tuple[Text, ...]:
        """Either ``{fr = [...], en = [...]}`` of equal length, or a list of texts."""
        if isinstance(self.value, dict):
            fr, en = self["fr"].entries(), self["en"].entries()
            if len(fr) != len(en):
                raise self.fail(
                    QT_TR_NOOP("fr has {fr} entries but en has {en}").format(fr=len(fr), en=len(en))
                )
            return tuple(Text(fr=a.string(), en=b.string()) for a, b in zip(fr, en, strict=True))
        return tuple(node.text() for node in self.entries())

    def enum(self, enum_type: type[Enum]) -> Any:
        try:
            return enum_type(self.value)
        except ValueError:
            allowed = ", ".join(str(m.value) for m in enum_type)
            raise self.fail(
                QT_TR_NOOP("{value} is not one of {allowed}").format(
                    value=repr(self.value), allowed=allowed
                )
            ) from None

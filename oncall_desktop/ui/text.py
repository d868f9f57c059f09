"""Formatting shared by the widgets. Everything from outside is shown as plain text."""

from __future__ import annotations

import re
from datetime import timedelta

from oncall_desktop.core.clock import local_time

__all__ = ["QT_TRANSLATE_NOOP", "countdown", "fill", "local_time", "status_text"]


def QT_TRANSLATE_NOOP(context: str, source: str) -> str:
    """Marks ``source`` for translation in ``context`` and gives it back unchanged, as Qt's
    marker does; this one is typed (PySide6's stub says it returns ``object``). lupdate reads
    the calls by this name wherever it is imported from."""
    return source


def status_text(status: str, language: str) -> str:
    """The status as the timeline words it too (one list of names, in the core)."""
    # here, not at the top: the narrative brings the SOP data, which the first window does
    # without (see app/shell.py)
    from oncall_desktop.core.narrative import status_name

    return status_name(status, language)


_PLACE = re.compile(r"%(\d)")


def fill(template: str, *values: object) -> str:
    """A translated template's %1, %2… replaced in one pass, so that a value which itself
    contains "%2" (someone's text) is never filled in again."""

    def value(match: re.Match[str]) -> str:
        number = int(match.group(1))
        return str(values[number - 1]) if 0 < number <= len(values) else match.group(0)

    return _PLACE.sub(value, template)


def countdown(delta: timedelta) -> str:
    """'12:04' left, '-3:10' late; hours when needed ('1:59:00')."""
    seconds = int(delta.total_seconds())
    sign = "-" if seconds < 0 else ""
    seconds = abs(seconds)
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{sign}{hours}:{minutes:02d}:{secs:02d}"
    return f"{sign}{minutes}:{secs:02d}"

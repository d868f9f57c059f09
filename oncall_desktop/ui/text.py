"""Formatting shared by the widgets. Everything from outside is shown as plain text."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta, tzinfo

from PySide6.QtCore import QDate, QLocale

from oncall_desktop.core.clock import local_time

__all__ = ["QT_TRANSLATE_NOOP", "countdown", "fill", "local_time", "short_day", "status_text"]


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


def short_day(moment: datetime, zone: tzinfo | None, language: str, today: date) -> str:
    """The day of ``moment`` in ``zone``, short, in ``language``: '' today, else '7 déc.' or
    'Dec 7' (and its year in another year). Beside its hour ('%H:%M'), it leaves a column the
    room a full date took (the cockpit's timeline and checklist)."""
    local = moment.astimezone(zone)
    if local.date() == today:
        return ""
    locale = QLocale(language)
    day_first = locale.language() != QLocale.Language.English
    form = ("d MMM" if day_first else "MMM d") + (" yyyy" if local.year != today.year else "")
    return locale.toString(QDate(local.year, local.month, local.day), form)


def literal(text: str) -> str:
    """Text for a button, check box, group box's title or menu entry: '&' marks a keyboard
    shortcut there ('R&D' showed 'RD', the D underlined), so a literal one is doubled. For
    text the user did not write as a label: the SOP's, a service's, a person's name."""
    return text.replace("&", "&&")

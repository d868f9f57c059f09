"""Formatting shared by the widgets. Everything from outside is shown as plain text."""

from __future__ import annotations

from datetime import timedelta

from oncall_desktop.core.clock import local_time

__all__ = ["countdown", "local_time"]


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

"""Qt's dates and Python's, typed: PySide6 converts both ways, but its stubs say ``toPython()``
returns ``object`` and list no ``QDateTime(datetime)``."""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import QDate, QDateTime


def python_date(value: QDate) -> date:
    converted = value.toPython()
    assert isinstance(converted, date)
    return converted


def python_datetime(value: QDateTime) -> datetime:
    converted = value.toPython()
    assert isinstance(converted, datetime)
    return converted


def qt_datetime(moment: datetime) -> QDateTime:
    return QDateTime(moment)  # type: ignore[call-overload]  # the stub lacks the datetime form

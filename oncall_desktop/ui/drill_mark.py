"""A drill console says so in every window title and notification title ("Drill: …",
"Exercice : …"), so that its page, its cockpit and its handoff are never taken for real ones
while a real console runs beside it.

A drill runs in a console of its own (``--drill``: its own process, data folder and socket),
so being a drill is the whole console's state: app/container.AppContext turns it on when it
becomes a drill console and off when it is disposed. Every window sets its title through
:func:`set_title`, and the notifications front (app/collaborators.Notifications) marks each
notification's title with :func:`drill_marked`: one place says what the mark is.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

_drill_console = False


def set_drill_console(drill: bool) -> None:
    """This console is (or no longer is) a drill's."""
    global _drill_console
    _drill_console = drill


def is_drill_console() -> bool:
    return _drill_console


def drill_marked(title: str) -> str:
    """``title`` as a drill console shows it: "Drill: <title>" in the UI's language (read at
    each call, so a language change is followed); unchanged in a real console."""
    if not _drill_console:
        return title
    return QCoreApplication.translate("DrillMark", "Drill: %1").replace("%1", title)


def set_title(window: QWidget, title: str) -> None:
    """A window's title, marked in a drill console."""
    window.setWindowTitle(drill_marked(title))


def title_setter(window: QWidget) -> Callable[[str], None]:
    """What sets ``window``'s title, marked (for LiveLanguage.text, which says it again at
    each language change)."""
    return lambda title: set_title(window, title)

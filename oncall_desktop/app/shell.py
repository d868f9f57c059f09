"""What appears first: the main window and the tray icon, built from as few modules as possible.

An engineer woken by a page wants the app on screen now. This module imports only what the
window and the tray need; the composition root (container.py) completes them with the clocks,
the PagerDuty poller and the controller on the next turn of the event loop, and the database
opens on a worker after that.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import tzinfo
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QLocale, QObject, QTimer
from PySide6.QtWidgets import QApplication

from oncall_desktop.ui.tray import Tray
from oncall_desktop.ui.windows.main_window import MainWindow

if TYPE_CHECKING:
    from oncall_desktop.config.schema import Settings
    from oncall_desktop.core.messages import UserMessage

log = logging.getLogger(__name__)


def resolve_language(setting: str) -> str:
    if setting in ("fr", "en"):
        return setting
    return "fr" if QLocale.system().language() == QLocale.Language.French else "en"


def resolve_zone(name: str) -> tuple[tzinfo | None, str | None]:
    """The team's time zone, or None for this computer's; with a problem to show if any."""
    if not name:
        return None, None
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError  # only when a zone is set: ~3 ms

    try:
        return ZoneInfo(name), None
    except (ZoneInfoNotFoundError, ValueError):
        problem = QCoreApplication.translate(
            "MainWindow", "Time zone '{name}' is unknown; times are shown in this computer's zone."
        )
        return None, problem.format(name=name)


PAINT_WAIT_MS = 500  # the most the rest of the app waits for the window's first paint


@dataclass
class Shell:
    root: QObject  # everything long-lived hangs off it, so the app can be taken down at once
    window: MainWindow
    tray: Tray | None


def open_shell(
    app: QApplication,
    settings: Settings,
    problems: list[str | UserMessage],
    tray_icon: bool | None = None,
) -> Shell:
    """The window (saying the database is opening) and the tray icon, not yet shown; startup
    problems found on the way are added to ``problems``. The procedure (SOP data), the core
    and the services come after, in container.complete_shell. ``tray_icon``: whether to make
    one (None: where the desktop has a tray; tests without one make it anyway)."""
    from oncall_desktop.ui.translations import install_translators

    language = resolve_language(settings.language)
    install_translators(app, language)  # before any widget: their texts are set once
    zone, zone_problem = resolve_zone(settings.team_timezone)
    if zone_problem:
        problems.append(zone_problem)

    root = QObject()
    root.setObjectName("oncall-desktop-root")
    window = MainWindow(language, zone)
    window.set_status(QCoreApplication.translate("MainWindow", "Opening the database…"))
    window.declare_action.setEnabled(False)  # until the database is open

    tray: Tray | None = None
    if Tray.available() if tray_icon is None else tray_icon:
        tray = Tray(root)
        window.keep_running_in_tray = settings.close_to_tray
    else:
        window.show_message(
            "no-tray",
            QCoreApplication.translate(
                "MainWindow",
                "No system tray was found, so alerts appear in this window only. "
                "Keep it open: closing it quits the app.",
            ),
            "warning",
        )
        log.warning("no system tray available")
    app.setQuitOnLastWindowClosed(tray is None or not settings.close_to_tray)
    from oncall_desktop.services.lifetime import collect_garbage_on_gui_thread

    collect_garbage_on_gui_thread(app)  # before any worker: Qt objects die on this thread only
    return Shell(root, window, tray)


def show_shell(shell: Shell, then: Callable[[], None], fallback_ms: int = PAINT_WAIT_MS) -> None:
    """Shows the window and the tray icon; ``then`` runs once the window has been painted
    (or after ``fallback_ms`` if the window system never exposes it, e.g. minimised)."""
    once = _Once(then)
    shell.window.winId()  # creates the native window now, to watch it before it is shown
    handle = shell.window.windowHandle()
    if handle is not None:
        handle.installEventFilter(_FirstExpose(once, shell.root))
    shell.window.show()
    QTimer.singleShot(fallback_ms, once)
    if shell.tray is not None:
        shell.tray.show()
        log.info("tray icon shown")
    log.info("main window shown")


class _Once:
    def __init__(self, fn: Callable[[], None]) -> None:
        self._fn: Callable[[], None] | None = fn

    def __call__(self) -> None:
        fn, self._fn = self._fn, None
        if fn is not None:
            fn()


class _FirstExpose(QObject):
    """Qt paints a window while handling its first expose event; what follows is queued
    after that, so the engineer sees a painted window before the rest is built."""

    def __init__(self, then: Callable[[], None], parent: QObject) -> None:
        super().__init__(parent)
        self._then = then

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Expose:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self._then)
            self.deleteLater()
        return False

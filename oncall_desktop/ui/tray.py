"""The system-tray icon and its menu: open incidents from PagerDuty, acknowledge, snooze."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QSystemTrayIcon

from oncall_desktop.ui.icons import TrayState, state_icon
from oncall_desktop.ui.text import QT_TRANSLATE_NOOP

if TYPE_CHECKING:
    from oncall_desktop.core.paging import Page

MAX_PAGES_IN_MENU = 10
INCIDENT_ENTRY_LIMIT = 70  # characters: an entry as wide as a menu on a laptop reads at once
SHORTEST_TITLE = 12  # what is left of a title when what is due takes the rest


AMPERSAND = "\uff06"  # ＆: an ampersand no menu reads as a shortcut mark


def menu_text(text: str, limit: int | None = 60) -> str:
    """Tray entries are plain text, but '&' marks a shortcut. Doubled ('&&') it is literal in
    a Qt menu, yet on Linux the tray's menu goes over D-Bus (dbusmenu) and Qt turns its first
    '&' into dbusmenu's '_' there: 'R&&D' read 'R_&D' in the tray. The tray writes it as the
    full-width ampersand, the same on every desktop. Cut at ``limit`` characters (None: the
    text was made to fit already)."""
    text = " ".join(text.split())
    if limit is not None and len(text) > limit:
        text = text[: limit - 1] + "…"
    return text.replace("&", AMPERSAND)


def incident_entry(
    severity: str, title: str, due: str = "", limit: int = INCIDENT_ENTRY_LIMIT
) -> str:
    """'SEV-1 <title> — <due>' in ``limit`` characters: the title is what gives way, never the
    severity or what is due (the countdown, late or not), which are what the entry is for."""
    title = " ".join(title.split())
    tail = f" — {' '.join(due.split())}" if due else ""
    room = max(limit - len(severity) - 1 - len(tail), SHORTEST_TITLE)
    if len(title) > room:
        title = title[: room - 1].rstrip() + "…"
    return f"{severity} {title}{tail}"


class Tray(QObject):
    """Signals:
    open_requested(): show the main window.
    declare_requested(): declare an incident.
    settings_requested(): open the settings.
    quit_requested(): quit the app.
    acknowledge_requested(str): acknowledge this PagerDuty incident id.
    open_page_requested(str): open the local incident for this PagerDuty incident id.
    snooze_requested(int): silence low-urgency alerts for this many minutes (0: resume).
    incident_requested(int): open the cockpit of this local incident.
    reminder_requested(str): open what this reminder is about (e.g. "postmortem:12").
    """

    open_requested = Signal()
    declare_requested = Signal()
    settings_requested = Signal()
    quit_requested = Signal()
    acknowledge_requested = Signal(str)
    open_page_requested = Signal(str)
    snooze_requested = Signal(int)
    incident_requested = Signal(int)
    reminder_requested = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.state = TrayState.IDLE
        self.icon = QSystemTrayIcon(state_icon(self.state), self)
        self.menu = QMenu()
        self._pages_separator = self.menu.addSeparator()
        self._page_entries: list[tuple[QAction, QMenu]] = []
        self._incident_actions: dict[int, QAction] = {}
        self._incidents_separator = self.menu.addSeparator()
        self._reminder_actions: dict[str, QAction] = {}
        self._reminders_separator = self.menu.addSeparator()
        self._pages: list[Page] = []
        self._opened: set[str] = set()  # the pages reached through their incident
        # the menu's own entries with their English text, translated again on a language change
        self._texts: list[tuple[QAction, str]] = []

        def entry(menu: QMenu, text: str) -> QAction:
            action = menu.addAction(self.tr(text))
            self._texts.append((action, text))
            return action

        # a signal handed to addAction is called, not emitted ("not callable"): connect it
        entry(self.menu, QT_TRANSLATE_NOOP("Tray", "Open On-call Desktop")).triggered.connect(
            self.open_requested
        )
        entry(self.menu, QT_TRANSLATE_NOOP("Tray", "Declare incident…")).triggered.connect(
            self.declare_requested
        )
        snooze = QMenu(self.menu)
        self._texts.append(
            (self.menu.addMenu(snooze), QT_TRANSLATE_NOOP("Tray", "Snooze low-urgency alerts"))
        )
        for minutes, label in (
            (30, QT_TRANSLATE_NOOP("Tray", "30 minutes")),
            (60, QT_TRANSLATE_NOOP("Tray", "1 hour")),
            (0, QT_TRANSLATE_NOOP("Tray", "Resume now")),
        ):
            entry(snooze, label).triggered.connect(
                lambda _=False, m=minutes: self.snooze_requested.emit(m)
            )
        entry(self.menu, QT_TRANSLATE_NOOP("Tray", "Settings…")).triggered.connect(
            self.settings_requested
        )
        self.menu.addSeparator()
        entry(self.menu, QT_TRANSLATE_NOOP("Tray", "Quit")).triggered.connect(self.quit_requested)
        self.retranslate()
        self.icon.setContextMenu(self.menu)
        self.icon.activated.connect(self._on_icon_activated)
        self.icon.setToolTip(self.tr("On-call Desktop"))

    def retranslate(self) -> None:
        """The UI's language changed (its translators installed): the menu in it now; the
        incidents' and reminders' entries follow at the next tick."""
        for action, text in self._texts:
            action.setText(self.tr(text))
        self._list_pages()

    @staticmethod
    def available() -> bool:
        return QSystemTrayIcon.isSystemTrayAvailable()

    def show(self) -> None:
        self.icon.show()

    def hide(self) -> None:
        self.icon.hide()

    def set_state(self, state: TrayState, tooltip: str) -> None:
        if state is not self.state:
            self.state = state
            self.icon.setIcon(state_icon(state))
        self.icon.setToolTip(tooltip)

    def set_pages(self, pages: list[Page]) -> None:
        """List my open PagerDuty incidents at the top of the menu, triggered first; those
        opened here are not: they are reached through their incident's entry."""
        self._pages = list(pages)
        self._list_pages()

    def set_opened_pages(self, keys: set[str]) -> None:
        """The pages (their keys) that have an open incident here, which lists them."""
        if set(keys) != self._opened:
            self._opened = set(keys)
            self._list_pages()

    def _list_pages(self) -> None:
        for action, submenu in self._page_entries:
            self.menu.removeAction(action)
            submenu.deleteLater()
        self._page_entries = []
        waiting = [p for p in self._pages if p.key not in self._opened]
        ordered = sorted(waiting, key=lambda p: (not p.is_triggered, p.urgency != "high"))
        for page in ordered[:MAX_PAGES_IN_MENU]:
            marker = "🔴" if page.is_triggered else "🟠"
            submenu = QMenu(menu_text(f"{marker} {page.title}"), self.menu)
            if page.is_triggered:
                submenu.addAction(self.tr("Acknowledge")).triggered.connect(
                    lambda _=False, key=page.key: self.acknowledge_requested.emit(key)
                )
            submenu.addAction(self.tr("Open")).triggered.connect(
                lambda _=False, key=page.key: self.open_page_requested.emit(key)
            )
            action = self.menu.insertMenu(self._pages_separator, submenu)
            self._page_entries.append((action, submenu))

    def set_incidents(self, entries: list[tuple[int, str]]) -> None:
        """Open incidents with their most urgent countdown (each text from incident_entry);
        texts refresh in place each tick, entries are rebuilt only when the set of incidents
        changes."""
        if [i for i, _ in entries] != list(self._incident_actions):
            for action in self._incident_actions.values():
                self.menu.removeAction(action)
                action.deleteLater()
            self._incident_actions = {}
            for incident_id, _ in entries:
                action = QAction(self.menu)
                action.triggered.connect(
                    lambda _=False, i=incident_id: self.incident_requested.emit(i)
                )
                self.menu.insertAction(self._incidents_separator, action)
                self._incident_actions[incident_id] = action
        for incident_id, text in entries:  # made to fit (incident_entry): not cut again
            self._incident_actions[incident_id].setText(menu_text(text, None))

    def set_reminders(self, entries: list[tuple[str, str]]) -> None:
        """Things owed after incidents (an overdue post-mortem, a pending handoff)."""
        if [k for k, _ in entries] != list(self._reminder_actions):
            for action in self._reminder_actions.values():
                self.menu.removeAction(action)
                action.deleteLater()
            self._reminder_actions = {}
            for key, _ in entries:
                action = QAction(self.menu)
                action.triggered.connect(lambda _=False, k=key: self.reminder_requested.emit(k))
                self.menu.insertAction(self._reminders_separator, action)
                self._reminder_actions[key] = action
        for key, text in entries:
            self._reminder_actions[key].setText(menu_text("⏰ " + text, 70))

    def _on_icon_activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason in (
            QSystemTrayIcon.ActivationReason.Trigger,
            QSystemTrayIcon.ActivationReason.DoubleClick,
        ):
            self.open_requested.emit()

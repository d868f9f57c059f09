"""The weekly handoff: the rotation, the form at the change (or at the next start), the tray
reminder until the incoming engineer has acknowledged everything, and the note posted through
the outbox.

Built when the database opens, with its service, the preferences, the notifications and the
update router; the composition root connects the window's *Handoff* to ``open`` and the
service's signals to the window and the tray.

Signals:
    rotation_said(str): who is on call until when, in the UI's language (for the window).
    reminders(list): the handoff I still owe, as the tray lists it: (notification key, text).
"""

from __future__ import annotations

import logging
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from oncall_desktop.app.collaborators import Notifications, Preferences, raise_window
from oncall_desktop.core.handoff import HandoffNote, change_label
from oncall_desktop.services.handoffs import HandoffService, Rotation
from oncall_desktop.ui.notifier import Notification
from oncall_desktop.ui.text import fill

if TYPE_CHECKING:
    from oncall_desktop.services.routing import UpdateRouter
    from oncall_desktop.storage.handoffs import StoredHandoff
    from oncall_desktop.ui.windows.handoff_window import HandoffWindow

log = logging.getLogger(__name__)

REMINDER_KEY = "handoff"


class HandoffController(QObject):
    rotation_said = Signal(str)
    reminders = Signal(list)

    def __init__(
        self,
        service: HandoffService,
        preferences: Preferences,
        notifications: Notifications,
        router: UpdateRouter,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.service = service
        self.preferences = preferences
        self.notifications = notifications
        self.router = router
        self.window: HandoffWindow | None = None
        self._announced: set[datetime] = set()
        self._refreshing: datetime | None = None
        service.due.connect(self._on_due)
        service.due.connect(self._remind)
        service.saved.connect(self._remind)
        service.rotation_changed.connect(self._on_rotation)

    def start(self) -> None:
        """Read the rotation, then see whether a handoff is due (at the change, or missed)."""
        self.service.refresh_rotation(then=self.service.check_due)

    def involves_me(self, note: HandoffNote) -> bool:
        me = self.preferences.actor.strip().casefold()
        return bool(me) and me in {note.outgoing.casefold(), note.incoming.casefold()}

    def retranslate(self) -> None:
        """The UI's language changed: who is on call, said in it now."""
        if self.service.rotation is not None:
            self._on_rotation(self.service.rotation)

    def _on_rotation(self, rotation: Rotation) -> None:
        shift = rotation.shift
        zone, language = self.preferences.zone, self.preferences.language
        text = fill(
            self.tr("On call: %1 (backup %2) until %3"),
            shift.primary,
            shift.backup or "—",
            change_label(shift.end, zone, language),
        )
        self.rotation_said.emit(text)

    def _remind(self, _stored: object = None) -> None:
        self.reminders.emit(self.reminder_entries())

    def on_tick(self, now: datetime) -> None:
        self._remind()  # who I am may have changed
        rotation = self.service.rotation
        if rotation is None or now < rotation.shift.end:
            return
        if self._refreshing == rotation.shift.end:
            return  # asked already (PagerDuty answers on a worker): once per change
        self._refreshing = rotation.shift.end
        log.info("rotation change at %s", rotation.shift.end.isoformat())
        self.service.refresh_rotation(then=self.service.check_due)

    def _on_due(self, stored: StoredHandoff) -> None:
        note = stored.note
        if note.is_complete(self.service.policy) or not self.involves_me(note):
            return
        if note.change_at in self._announced:
            return
        self._announced.add(note.change_at)
        self.notifications.notify(
            Notification(
                key=REMINDER_KEY,
                title=self.tr("On-call handoff: %1").replace(
                    "%1",
                    change_label(note.change_at, self.preferences.zone, self.preferences.language),
                ),
                body=self.notifications.body(f"{note.outgoing} → {note.incoming}"),
            )
        )
        self.show(stored)

    def open(self) -> None:
        if self.window is not None:
            raise_window(self.window)
            return
        self.service.open_latest(self.show)

    def show(self, stored: StoredHandoff) -> None:
        from oncall_desktop.ui.windows.handoff_window import HandoffWindow

        if self.window is not None:
            raise_window(self.window)
            return
        window = HandoffWindow(
            stored.note,
            self.service.policy,
            self.preferences.language,
            self.preferences.zone,
            self.service,
            self.service.clock,
            self.preferences.actor,
            message_language=self.preferences.message_language,
        )
        window.closed.connect(self._on_closed)
        window.post_requested.connect(self.post)
        self.window = window
        raise_window(window)

    def _on_closed(self) -> None:
        self.window = None

    def close_window(self) -> None:
        if self.window is not None:
            self.window.close()

    def post(self, markdown: str) -> None:
        route = self.router.post_internal(markdown, kind="handoff")
        if self.window is not None:
            self.window.statusBar().showMessage(
                self.tr("Queued for %1").replace("%1", route.label), 5000
            )

    def reminder_entries(self) -> list[tuple[str, str]]:
        stored = self.service.current
        if stored is None or not self.involves_me(stored.note):
            return []
        note = stored.note
        if note.is_complete(self.service.policy):
            return []
        total = len(self.service.policy.handoff.incoming_checks)
        done = total - len(note.missing_checks(self.service.policy))
        text = self.tr("Handoff pending: %1 of %2 acknowledged").replace("%1", str(done))
        return [(REMINDER_KEY, text.replace("%2", str(total)))]

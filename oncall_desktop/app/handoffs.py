"""Wires the weekly handoff into the app: the rotation, the form at the change (or at the next
start), the tray reminder until the incoming engineer has acknowledged everything, and the
note posted through the outbox."""

from __future__ import annotations

import logging
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from oncall_desktop.core.handoff import HandoffNote, change_label
from oncall_desktop.services.handoffs import HandoffService, Rotation
from oncall_desktop.ui.notifier import Notification
from oncall_desktop.ui.text import fill

if TYPE_CHECKING:
    from oncall_desktop.app.facilities import Console
    from oncall_desktop.storage.handoffs import StoredHandoff
    from oncall_desktop.ui.windows.handoff_window import HandoffWindow

log = logging.getLogger(__name__)

REMINDER_KEY = "handoff"


class HandoffController(QObject):
    def __init__(self, controller: Console, service: HandoffService) -> None:
        # owned by the console, a QObject (a stand-in that is not one leaves it unowned)
        super().__init__(controller if isinstance(controller, QObject) else None)
        self.controller = controller
        self.service = service
        self.window: HandoffWindow | None = None
        self._announced: set[datetime] = set()
        self._refreshing: datetime | None = None
        service.problem.connect(
            lambda text: controller.window.show_message("handoff", text, "error")
        )
        service.due.connect(self._on_due)
        service.saved.connect(lambda _: controller.update_tray(controller.clock.now()))
        service.rotation_changed.connect(self._on_rotation)
        controller.window.handoff_requested.connect(self.open)
        controller.window.handoff_action.setEnabled(True)
        service.refresh_rotation(then=service.check_due)

    def involves_me(self, note: HandoffNote) -> bool:
        me = self.controller.actor.strip().casefold()
        return bool(me) and me in {note.outgoing.casefold(), note.incoming.casefold()}

    def retranslate(self) -> None:
        """The UI's language changed: who is on call, said in it now."""
        if self.service.rotation is not None:
            self._on_rotation(self.service.rotation)

    def _on_rotation(self, rotation: Rotation) -> None:
        shift = rotation.shift
        zone, language = self.controller.zone, self.controller.language
        text = fill(
            self.tr("On call: %1 (backup %2) until %3"),
            shift.primary,
            shift.backup or "—",
            change_label(shift.end, zone, language),
        )
        self.controller.window.set_rotation(text)

    def on_tick(self, now: datetime) -> None:
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
        self.controller.update_tray(self.controller.clock.now())
        if note.is_complete(self.service.policy) or not self.involves_me(note):
            return
        if note.change_at in self._announced:
            return
        self._announced.add(note.change_at)
        self.controller.notifier.notify(
            Notification(
                key=REMINDER_KEY,
                title=self.tr("On-call handoff: %1").replace(
                    "%1",
                    change_label(note.change_at, self.controller.zone, self.controller.language),
                ),
                body=self.controller.notification_body(f"{note.outgoing} → {note.incoming}"),
            )
        )
        self.show(stored)

    def open(self) -> None:
        if self.window is not None:
            self.controller.raise_window(self.window)
            return
        self.service.open_latest(self.show)

    def show(self, stored: StoredHandoff) -> None:
        from oncall_desktop.ui.windows.handoff_window import HandoffWindow

        if self.window is not None:
            self.controller.raise_window(self.window)
            return
        window = HandoffWindow(
            stored.note,
            self.service.policy,
            self.controller.language,
            self.controller.zone,
            self.service,
            self.controller.clock,
            self.controller.actor,
            message_language=self.controller.message_language,
        )
        window.closed.connect(self._on_closed)
        window.post_requested.connect(self.post)
        self.window = window
        self.controller.raise_window(window)

    def _on_closed(self) -> None:
        self.window = None

    def close_window(self) -> None:
        if self.window is not None:
            self.window.close()

    def post(self, markdown: str) -> None:
        router = self.controller.router
        if router is None:
            return
        route = router.post_internal(markdown, kind="handoff")
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

"""Post-mortems: created at resolution, opened from the cockpit, the action items list, the
tray reminder when a draft is overdue, the summary posted through the outbox.

Built when the database opens, with its service, the preferences, the notifications, the
update router and the incidents; the composition root connects the window's *Action items*
to ``show_action_items`` and the service's problems and unsigned drafts to the window and
the tray.
"""

from __future__ import annotations

import logging
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from oncall_desktop.app.collaborators import Notifications, Preferences, raise_window
from oncall_desktop.core.destinations import STATUS_PAGE
from oncall_desktop.core.incident import Incident
from oncall_desktop.core.policy import Audience
from oncall_desktop.core.postmortem import ActionStatus, StoredPostMortem, TrackedActionItem
from oncall_desktop.services.postmortems import OpenedPostMortem, PostmortemService
from oncall_desktop.ui.notifier import Notification

if TYPE_CHECKING:
    from oncall_desktop.services.incidents import IncidentService
    from oncall_desktop.services.routing import UpdateRouter
    from oncall_desktop.services.tasks import TaskRunner
    from oncall_desktop.ui.windows.action_items_window import ActionItemsWindow
    from oncall_desktop.ui.windows.postmortem_window import PostmortemWindow

log = logging.getLogger(__name__)

REMINDER_PREFIX = "postmortem:"


class PostmortemController(QObject):
    """Signals:
    reminders(list): the overdue drafts, as the tray lists them: (notification key, text).
    """

    reminders = Signal(list)

    def __init__(
        self,
        service: PostmortemService,
        preferences: Preferences,
        notifications: Notifications,
        router: UpdateRouter,
        incidents: IncidentService,
        runner: TaskRunner,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.service = service
        self.preferences = preferences
        self.notifications = notifications
        self.router = router
        self.incidents = incidents
        self.runner = runner
        self.windows: dict[int, PostmortemWindow] = {}
        self.action_items_window: ActionItemsWindow | None = None
        self._reminded: set[int] = set()
        self._incident_of: dict[int, int] = {}  # post-mortem id → incident id, from the list
        service.unsigned_changed.connect(
            lambda _: self.reminders.emit(self.reminder_entries(service.clock.now()))
        )
        # after the save, not at close: a read racing the write would see the old state
        service.saved.connect(lambda _: service.refresh_unsigned())
        service.refresh_unsigned()

    # --- incidents ----------------------------------------------------------------------------

    def on_incident_changed(self, incident: Incident) -> None:
        if not incident.is_active:
            self.service.create_if_required(incident)

    # --- editor ---------------------------------------------------------------------------------

    def open(self, incident_id: int) -> None:
        window = self.windows.get(incident_id)
        if window is not None:
            raise_window(window)
            return
        self.service.open(incident_id, self._show)

    def _show(self, opened: OpenedPostMortem) -> None:
        from oncall_desktop.ui.windows.postmortem_window import PostmortemWindow

        incident_id = opened.incident.id or -1
        if incident_id in self.windows:  # opened twice quickly
            raise_window(self.windows[incident_id])
            return
        window = PostmortemWindow(
            opened,
            self.service.policy,
            self.preferences.language,
            self.service,
            self.runner,
            message_language=self.preferences.message_language,
        )
        window.closed.connect(self._on_closed)
        window.post_summary_requested.connect(self.post_summary)
        window.publish_requested.connect(self.publish_on_status_page)
        window.set_status_page_available(self.router.takes(STATUS_PAGE, opened.incident))
        self.windows[incident_id] = window
        raise_window(window)

    def _on_closed(self, incident_id: int) -> None:
        self.windows.pop(incident_id, None)
        if self.action_items_window is not None and self.action_items_window.isVisible():
            self._reload_action_items()

    def close_windows(self) -> None:
        """At quit: closing flushes every pending keystroke before the database closes."""
        for window in list(self.windows.values()):
            window.close()
        if self.action_items_window is not None:
            self.action_items_window.close()
            self.action_items_window.deleteLater()
            self.action_items_window = None

    def post_summary(self, incident_id: int, text: str) -> None:
        # to the team's incidents channel (or the webhook), filed under the incident
        route = self.router.post_internal(text, kind="postmortem", incident_id=incident_id)
        window = self.windows.get(incident_id)
        if window is not None:
            window.statusBar().showMessage(
                self.tr("Summary queued for %1").replace("%1", route.label), 5000
            )

    def publish_on_status_page(self, incident_id: int, text: str) -> None:
        """The signed post-mortem's public text on the incident's status-page post, through
        the outbox (SOP 5.2: shared once reviewed)."""

        def queue(incident: Incident) -> None:
            from oncall_desktop.integrations.statuspage import POSTMORTEM_KIND

            self.router.post(
                STATUS_PAGE,
                text,
                incident=incident,
                audience=Audience.STATUS_PAGE.value,
                kind=POSTMORTEM_KIND,
            )
            window = self.windows.get(incident_id)
            if window is not None:
                window.statusBar().showMessage(self.tr("Post-mortem queued for the status page"))

        self.incidents.load(incident_id, queue)

    # --- action items ----------------------------------------------------------------------------

    def show_action_items(self) -> None:
        from oncall_desktop.ui.windows.action_items_window import ActionItemsWindow

        if self.action_items_window is None:
            window = ActionItemsWindow()
            window.status_changed.connect(self._on_status_changed)
            window.postmortem_requested.connect(self.open)
            window.destroyed.connect(lambda: setattr(self, "action_items_window", None))
            self.action_items_window = window
        self._reload_action_items()
        raise_window(self.action_items_window)

    def _reload_action_items(self) -> None:
        today = self.service.clock.now().astimezone(self.preferences.zone).date()

        def show(items: list[TrackedActionItem]) -> None:
            self._incident_of = {t.postmortem_id: t.incident_id for t in items}
            if self.action_items_window is not None:
                self.action_items_window.set_items(items, today)

        self.service.action_items(show)

    def _on_status_changed(self, postmortem_id: int, number: int, status: str) -> None:
        editor = self.windows.get(self._incident_of.get(postmortem_id, -1))
        if editor is not None:
            # The open editor holds the whole draft: change it there, or its next autosave
            # would put the old status back.
            editor.set_action_status(number, ActionStatus(status))
            editor.autosave.flush()
            self._reload_action_items()  # reads queue behind the save: it sees the change
            return
        self.service.set_action_status(
            postmortem_id, number, ActionStatus(status), self._reload_action_items
        )

    # --- reminders -------------------------------------------------------------------------------

    def overdue(self, now: datetime) -> list[StoredPostMortem]:
        return self.service.overdue(now)

    def remind(self, now: datetime) -> None:
        """One notification per overdue draft; the tray keeps listing it until signed."""
        for stored in self.overdue(now):
            if stored.incident_id in self._reminded:
                continue
            self._reminded.add(stored.incident_id)
            self.notifications.notify(
                Notification(
                    key=f"{REMINDER_PREFIX}{stored.incident_id}",
                    title=self.tr("Post-mortem overdue"),
                    body=self.notifications.body(stored.draft.title),
                )
            )
        self.reminders.emit(self.reminder_entries(now))

    def reminder_entries(self, now: datetime) -> list[tuple[str, str]]:
        return [
            (
                f"{REMINDER_PREFIX}{p.incident_id}",
                self.tr("Post-mortem overdue: %1").replace("%1", p.draft.title),
            )
            for p in self.overdue(now)
        ]

"""Pages and notifications: a new page notified (quiet hours, snooze, storms), a notification's
buttons acted on, pages followed in the tray, the window and their local incidents, and each
alert source's status shown. Sees the console through app/facilities.Console."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from oncall_desktop.core.capabilities import Capability, can
from oncall_desktop.core.incident import Incident
from oncall_desktop.core.paging import Page, QuietHours, should_notify
from oncall_desktop.integrations.sources import source_name
from oncall_desktop.services.poller import PollState, PollStatus
from oncall_desktop.ui.notifier import ACKNOWLEDGE, OPEN, Notification, Notifier

if TYPE_CHECKING:
    from oncall_desktop.app.facilities import Console

# Pages notified one by one in a single poll; beyond that, one grouped notification.
MAX_SINGLE_ALERTS = 3
STORM_KEY = "pages"
# A notification whose action composes an update: "compose:<incident id>:<audience>".
COMPOSE_PREFIX = "compose:"
COMPOSE = "compose"

log = logging.getLogger(__name__)


class AlertController(QObject):
    """What pages and notifications ask of the console.

    Signals:
        snoozed(object): low-urgency alerts are snoozed until this instant (None: no more).
    """

    snoozed = Signal(object)

    def __init__(self, console: Console, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.console = console
        self.snoozed_until: datetime | None = None
        self._told_about_tray = False
        self._pending_open: str | None = None  # a page to open once the database is open
        self._last_poll_states: dict[str, PollState] = {}
        self._alerted_pages: set[str] = set()  # pages whose notification may still be up
        # pages acknowledged from their notification: once the source confirms, a quiet
        # notification says so and opens the incident (the first one is gone from the screen)
        self._acknowledged_from_notification: set[str] = set()
        console.notifications.action_invoked.connect(self.on_notification_action)

    def use_notifier(self, notifier: Notifier, body_markup: bool = False) -> None:
        self.console.notifications.use(notifier, body_markup)

    def notification_body(self, text: str) -> str:
        return self.console.notifications.body(text)

    def on_new_alerts(self, pages: list[Page]) -> None:
        now = self.console.clock.now()
        local_now = now.astimezone()
        try:
            quiet = QuietHours.parse(
                self.console.settings.quiet_hours_start, self.console.settings.quiet_hours_end
            )
        except ValueError:
            quiet = None
        wanted = []
        for page in pages:
            if not should_notify(page, now, local_now, quiet, self.snoozed_until):
                log.info("alert for %s held back (snoozed or quiet hours)", page.key)
                continue
            wanted.append(page)
        # A storm (a thousand pages at once) is one notification beyond the first few, high
        # urgency first: the desktop stays usable and the tray lists them all.
        wanted.sort(key=lambda p: p.urgency != "high")
        rest = wanted[MAX_SINGLE_ALERTS:]
        wanted = wanted[:MAX_SINGLE_ALERTS]
        for page in wanted:
            self._alerted_pages.add(page.key)
            urgent = page.urgency == "high"
            where = page.service or source_name(page.source)
            body = self.notification_body(page.title)
            self.console.notifier.notify(
                Notification(
                    key=page.key,
                    title=(
                        self.tr("🔴 High urgency · %1") if urgent else self.tr("Low urgency · %1")
                    ).replace("%1", where),
                    body=body,
                    urgent=urgent,
                    actions=(
                        ((ACKNOWLEDGE, self.tr("Acknowledge")),)
                        if can(page.source, Capability.ACKNOWLEDGE)  # what its source can do
                        else ()
                    ),
                    sound=self.console.settings.alert_sound,
                )
            )
        if rest:
            self.console.notifier.notify(
                Notification(
                    key=STORM_KEY,
                    title=self.tr("%n more page(s) to acknowledge", "", len(rest)),
                    body=self.notification_body(", ".join(p.title for p in rest[:5])),
                    urgent=any(p.urgency == "high" for p in rest),
                    sound=False,
                )
            )
        self.console.update_tray(now)

    def on_notification_action(self, key: str, action: str) -> None:
        log.info("notification %s: %s", key, action)
        if key.startswith(COMPOSE_PREFIX):
            number, _, audience = key.removeprefix(COMPOSE_PREFIX).partition(":")
            incident_id = int(number)
            if action == COMPOSE:
                self.console.open_cockpit(
                    incident_id,
                    then=lambda: self.console.cockpit_controller.compose(incident_id, audience),
                )
            else:
                self.console.open_cockpit(incident_id)
        elif key.startswith("incident:") and action == ACKNOWLEDGE:
            self.acknowledge_incident(int(key.split(":", 1)[1]))
        elif key.startswith("incident:"):
            self.console.open_cockpit(int(key.split(":", 1)[1]))
        elif key.startswith("postmortem:") and self.console.postmortems is not None:
            self.console.postmortems.open(int(key.split(":", 1)[1]))
        elif key == "handoff" and self.console.handoffs is not None:
            self.console.handoffs.open()
        elif key == STORM_KEY:
            self.console.window.bring_forward()
        elif action == ACKNOWLEDGE:
            self._acknowledged_from_notification.add(key)
            self.console.poller.acknowledge(key)
            self.console.notifier.withdraw(key)  # handled: off the screen
        elif action == OPEN:
            self.open_page(key)
            self.console.notifier.withdraw(key)

    def snooze(self, minutes: int) -> None:
        self.snoozed_until = (
            self.console.clock.now() + timedelta(minutes=minutes) if minutes else None
        )
        self.snoozed.emit(self.snoozed_until)
        self.console.update_tray(self.console.clock.now())

    def on_pages_changed(self, pages: list[Page]) -> None:
        self.console.cockpit_controller.show_responders(pages)
        if self.console.tray is not None:
            self.console.tray.set_pages(pages)
        self.show_pages(pages)
        # Without a tray, alerts are banners in the window: one a page still waiting, not one
        # for every page ever seen (they piled up, and memory with them).
        waiting = {f"alert-{p.key}" for p in pages if p.is_triggered}
        for key in list(self.console.window.banner.texts()):
            if key.startswith("alert-") and key not in waiting:
                self.console.window.banner.clear_message(key)
        for page in pages:  # acknowledged here or elsewhere: its alert has done its job
            if not page.is_triggered and page.key in self._alerted_pages:
                self._alerted_pages.discard(page.key)
                self.console.notifier.withdraw(page.key)
        if self.console.incidents is not None:
            self.console.incidents.sync_from_sources(pages)
        self.console.update_tray(self.console.clock.now())

    def show_pages(self, pages: list[Page]) -> None:
        """The main window lists the pages that have no local incident yet."""
        active = self.console.incidents.active if self.console.incidents is not None else []
        linked = {i.alert.key for i in active if i.alert}
        resolved_here = self.console.incidents.resolved_here if self.console.incidents else set()
        self.console.window.set_pages([p for p in pages if p.key not in linked], resolved_here)

    def on_pages_left(self, pages: list[Page]) -> None:
        if self.console.incidents is not None:
            self.console.incidents.sync_from_sources(pages)

    def on_acknowledged(self, page: Page) -> None:
        log.info("acknowledged %s in %s", page.id, source_name(page.source))
        self.on_pages_changed(self.console.poller.pages)
        if self.console.incidents is not None:
            self.console.incidents.follow_page(page)
        if page.key in self._acknowledged_from_notification:
            self._acknowledged_from_notification.discard(page.key)
            self.console.notifier.notify(
                Notification(
                    key=page.key,  # its Open opens (or creates) the page's incident
                    title=self.tr("Acknowledged in %1 · open it to work it").replace(
                        "%1", source_name(page.source)
                    ),
                    body=self.notification_body(page.title),
                    sound=False,
                )
            )

    def on_poll_status(self, status: PollStatus) -> None:
        if status.state is not self._last_poll_states.get(status.source):
            log.info("%s: %s %s", source_name(status.source), status.state.value, status.message)
            self._last_poll_states[status.source] = status.state
        if status.state in (PollState.TOKEN_REJECTED, PollState.FAILED):
            self.console.window.show_message(status.source, status.message, "error")
        elif status.state is PollState.NO_KEYRING:
            # the same key as the keyring check at start-up: one banner says it
            self.console.window.show_message("keyring", status.message, "warning")
        else:
            self.console.window.banner.clear_message(status.source)
        # not set up yet (a first start): the window teaches the next steps, no warning
        self.console.window.show_getting_started(
            all(s.state is PollState.NOT_CONFIGURED for s in self.console.poller.statuses)
        )
        self.console.update_tray(self.console.clock.now())

    def open_page(self, key: str) -> None:
        """Open (creating it if needed) the local incident of a page (``Page.key``)."""
        page = self.console.poller.page(key)
        self.console.window.bring_forward()
        if page is None:
            self.console.window.show_message(
                "pagerduty-action",
                self.tr("That page is no longer assigned to you."),
                "info",
            )
            return
        if self.console.incidents is None:
            self._pending_open = key  # the database is still opening
            return
        self._pending_open = None
        self.console.incidents.open_from_page(page)

    def acknowledge_incident(self, incident_id: int) -> None:
        """Acknowledge from a notification: in its alert source first when the incident came
        from a page (the local incident follows the answer), else locally. A refusal opens the
        cockpit, which says why and offers a retry."""
        actions = self.console.alert_actions
        if self.console.incidents is None or actions is None:
            return
        incident = next((i for i in self.console.incidents.active if i.id == incident_id), None)
        if incident is None:
            return

        def ended(stored: Incident | None, problem: str) -> None:
            if stored is None:
                self.console.open_cockpit(incident_id)

        actions.acknowledge(incident, then=ended)

    def on_window_hidden_to_tray(self) -> None:
        if self.console.tray is not None and not self._told_about_tray:
            self._told_about_tray = True
            self.console.notifier.notify(
                Notification(
                    key="",
                    title=self.tr("On-call Desktop is still running"),
                    body=self.tr("Alerts keep coming to the tray. Quit from the tray menu."),
                )
            )

    def open_pending(self) -> None:
        """The database is open: the page the user asked to open meanwhile opens now."""
        if self._pending_open:
            self.open_page(self._pending_open)

"""Pages and notifications: a new page notified (quiet hours, snooze, storms), a notification's
buttons acted on, the pages listed in the window with their source's status.

Built at start (a page may come before the database opens) with the alert sources' poller,
the main window, the notifications, the preferences and the clock. What it asks of the rooms
built with the database it says by signal, connected when the database opens (a request
made before is dropped, but for a page to open: it waits for ``on_database_opened``); the
composition root also connects the poller's signals to the tray and the incidents.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from oncall_desktop.app.collaborators import COMPOSE, COMPOSE_PREFIX
from oncall_desktop.core.capabilities import Capability, can, source_name
from oncall_desktop.core.clock import local_time
from oncall_desktop.core.messages import QT_TR_NOOP, UserMessage
from oncall_desktop.core.paging import Page, QuietHours, should_notify
from oncall_desktop.services.messages import shown
from oncall_desktop.services.poller import PollState, PollStatus
from oncall_desktop.ui.notifier import ACKNOWLEDGE, OPEN, Notification
from oncall_desktop.ui.text import fill

if TYPE_CHECKING:
    from oncall_desktop.app.collaborators import Notifications, Preferences
    from oncall_desktop.core.clock import Clock
    from oncall_desktop.core.incident import Incident
    from oncall_desktop.services.alert_sources import AlertPoller
    from oncall_desktop.ui.windows.main_window import MainWindow

# Pages notified one by one in a single poll; beyond that, one grouped notification.
MAX_SINGLE_ALERTS = 3
STORM_KEY = "pages"
NOT_ACKNOWLEDGED = "acknowledge-failed-"  # + Page.key: the banner of a refused acknowledge
# a source in these states is not being read: pages waiting there may be missing here
UNREAD_STATES = (PollState.OFFLINE, PollState.RATE_LIMITED)

log = logging.getLogger(__name__)


class AlertController(QObject):
    """What pages and notifications ask of the app.

    Signals:
        snoozed(object): low-urgency alerts are snoozed until this instant (None: no more).
        page_open_requested(object): open (or create) the local incident of this Page.
        cockpit_requested(int): show this incident's cockpit.
        compose_requested(int, str): show this incident's cockpit, then compose an update
            for this audience.
        incident_acknowledge_requested(int): acknowledge this incident (its page's source
            first).
        postmortem_requested(int): open this incident's post-mortem.
        handoff_requested(): open the handoff.
        not_acknowledged(object): the keys (a frozenset) of the pages whose acknowledge from
            here failed and that are still triggered: they keep escalating.
    """

    snoozed = Signal(object)
    page_open_requested = Signal(object)
    cockpit_requested = Signal(int)
    compose_requested = Signal(int, str)
    incident_acknowledge_requested = Signal(int)
    postmortem_requested = Signal(int)
    handoff_requested = Signal()
    not_acknowledged = Signal(object)

    def __init__(
        self,
        poller: AlertPoller,
        window: MainWindow,
        notifications: Notifications,
        preferences: Preferences,
        clock: Clock,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.poller = poller
        self.window = window
        self.notifications = notifications
        self.preferences = preferences
        self.clock = clock
        self.snoozed_until: datetime | None = None
        self._told_about_tray = False
        self._database_open = False
        self._pending_open = ""  # a page to open once the database is open
        self._linked: set[str] = set()  # pages that have their local incident (by key)
        self._resolved_here: set[str] = set()  # pages resolved here, still open in the source
        self._last_poll_states: dict[str, PollState] = {}
        self._alerted_pages: set[str] = set()  # pages whose notification may still be up
        # pages acknowledged from their notification: once the source confirms, a quiet
        # notification says so and opens the incident (the first one is gone from the screen)
        self._acknowledged_from_notification: set[str] = set()
        # pages whose "acknowledged · open it" notification is up: it stays until opened,
        # resolved, or an incident is opened for the page
        self._follow_ups: set[str] = set()
        self._refused: set[str] = set()  # pages whose acknowledge from here failed
        self._refused_notified: set[str] = set()  # ... said by a notification too
        notifications.action_invoked.connect(self.on_notification_action)

    def on_new_alerts(self, pages: list[Page]) -> None:
        now = self.clock.now()
        local_now = now.astimezone()
        settings = self.preferences.settings
        try:
            quiet = QuietHours.parse(settings.quiet_hours_start, settings.quiet_hours_end)
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
            if page.key in self._follow_ups:  # triggered again: its follow-up is out of date
                self._follow_ups.discard(page.key)
                self.notifications.withdraw(page.key)
            self._alerted_pages.add(page.key)
            urgent = page.urgency == "high"
            where = page.service or source_name(page.source)
            body = self.notifications.body(page.title)
            self.notifications.notify(
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
                    sound=settings.alert_sound,
                )
            )
        if rest:
            self.notifications.notify(
                Notification(
                    key=STORM_KEY,
                    title=self.tr("%n more page(s) to acknowledge", "", len(rest)),
                    body=self.notifications.body(", ".join(p.title for p in rest[:5])),
                    urgent=any(p.urgency == "high" for p in rest),
                    sound=False,
                )
            )

    def on_notification_action(self, key: str, action: str) -> None:
        log.info("notification %s: %s", key, action)
        if key.startswith(COMPOSE_PREFIX):
            number, _, rest = key.removeprefix(COMPOSE_PREFIX).partition(":")
            audience = rest.partition(":")[0]  # less a refusal's own suffix
            incident_id = int(number)
            if action == COMPOSE:
                self.compose_requested.emit(incident_id, audience)
            else:
                self.cockpit_requested.emit(incident_id)
        elif key.startswith("incident:") and action == ACKNOWLEDGE:
            self.incident_acknowledge_requested.emit(int(key.split(":", 1)[1]))
        elif key.startswith("incident:"):
            self.cockpit_requested.emit(int(key.split(":", 1)[1]))
        elif key.startswith("postmortem:"):
            self.postmortem_requested.emit(int(key.split(":", 1)[1]))
        elif key == "handoff":
            self.handoff_requested.emit()
        elif key == STORM_KEY:
            self.window.bring_forward()
        elif action == ACKNOWLEDGE:
            self._acknowledged_from_notification.add(key)
            self.poller.acknowledge(key)
            self.notifications.withdraw(key)  # handled: off the screen
        elif action == OPEN:
            self.open_page(key)
            self._follow_ups.discard(key)
            self.notifications.withdraw(key)

    def snooze(self, minutes: int) -> None:
        self.snoozed_until = self.clock.now() + timedelta(minutes=minutes) if minutes else None
        self.snoozed.emit(self.snoozed_until)

    def on_pages_changed(self, pages: list[Page]) -> None:
        self.show_pages(pages)
        # Without a tray, alerts are banners in the window: one a page still waiting, not one
        # for every page ever seen (they piled up, and memory with them).
        waiting = {f"alert-{p.key}" for p in pages if p.is_triggered}
        for key in list(self.window.banner.texts()):
            if key.startswith("alert-") and key not in waiting:
                self.window.banner.clear_message(key)
        listed = {p.key: p for p in pages}
        for key in list(self._alerted_pages):  # acknowledged (here or elsewhere) or resolved:
            page = listed.get(key)  # its alert has done its job
            if page is None or not page.is_triggered:
                self._alerted_pages.discard(key)
                self.notifications.withdraw(key)
        for key in list(self._follow_ups):  # resolved (or no longer mine): nothing to open
            if key not in listed:
                self._follow_ups.discard(key)
                self.notifications.withdraw(key)
        for key in list(self._refused):
            now_read = listed.get(key)
            if now_read is None or not now_read.is_triggered:  # acknowledged after all, or gone
                self._acknowledged_after_all(key, now_read)

    def show_pages(self, pages: list[Page]) -> None:
        """The main window lists the pages that have no local incident yet."""
        linked, resolved_here = self._linked, self._resolved_here
        self.window.set_pages([p for p in pages if p.key not in linked], resolved_here)

    def set_incidents(self, incidents: list[Incident]) -> None:
        """The open incidents, as listed: an opened page leaves the window's list (and its
        "open it" notification the screen)."""
        self._linked = {i.alert.key for i in incidents if i.alert}
        for key in self._follow_ups & self._linked:
            self._follow_ups.discard(key)
            self.notifications.withdraw(key)
        self.show_pages(self.poller.pages)

    def set_resolved_here(self, keys: set[str]) -> None:
        self._resolved_here = set(keys)
        self.show_pages(self.poller.pages)

    def on_acknowledged(self, page: Page) -> None:
        log.info("acknowledged %s in %s", page.id, source_name(page.source))
        self._forget_refusal(page.key)
        if page.key in self._acknowledged_from_notification:
            self._acknowledged_from_notification.discard(page.key)
            self._follow_up(page)

    def _follow_up(self, page: Page) -> None:
        """Acknowledged from its notification: a quiet one says so, and its Open opens (or
        creates) the page's incident. It stays until then (not withdrawn with the alert).
        Acknowledged by another engineer, it says who (not that it was done from here)."""
        self._alerted_pages.discard(page.key)  # the alert itself is off the screen already
        if page.key in self._linked:
            self.notifications.withdraw(page.key)  # its incident is open: nothing to open
            return
        self._follow_ups.add(page.key)
        source = source_name(page.source)
        self.notifications.notify(
            Notification(
                key=page.key,
                title=(
                    fill(self.tr("Acknowledged in %1 by %2"), source, page.acknowledged_by)
                    if page.acknowledged_by
                    else fill(self.tr("Acknowledged in %1 · open it to work it"), source)
                ),
                body=self.notifications.body(page.title),
                actions=((OPEN, self.tr("Open")),),
                sound=False,
                stays=True,  # until opened, resolved, or its incident opened (withdrawn then)
            )
        )

    def on_acknowledge_failed(self, key: str, why: object) -> None:
        """An acknowledge asked from here (a notification, the tray, the window) failed: the
        page is still triggered there and keeps escalating. The window says so; when it was
        asked from a notification or the window is out of sight, a notification says it too,
        with Retry and Open."""
        page = self.poller.page(key)
        source = source_name(key.partition(":")[0])
        title = page.title if page is not None else key
        log.warning("acknowledge of %s refused: %s", key, why)
        from_notification = key in self._acknowledged_from_notification
        self._acknowledged_from_notification.discard(key)
        self._refused.add(key)
        self.window.show_message(
            NOT_ACKNOWLEDGED + key,
            QT_TR_NOOP(
                "{why} “{title}” is not acknowledged in {source}: it keeps escalating."
            ).format(why=why, title=title, source=source),
            "error",
        )
        self._say_refused()
        if from_notification or not self.window.isVisible():
            self._alerted_pages.add(key)  # withdrawn once the page is no longer triggered
            self._refused_notified.add(key)
            self.notifications.notify(
                Notification(
                    key=key,
                    title=self.tr("NOT acknowledged in %1: it keeps escalating").replace(
                        "%1", source
                    ),
                    body=self.notifications.body(f"{title} — {shown(why)}"),
                    urgent=True,
                    actions=((ACKNOWLEDGE, self.tr("Retry")), (OPEN, self.tr("Open"))),
                    sound=False,
                )
            )

    def _acknowledged_after_all(self, key: str, page: Page | None) -> None:
        """A refused acknowledge, and then the source shows the page acknowledged (its answer
        was lost after it did it) or resolved: the failure is not left on the screen."""
        notified = key in self._refused_notified
        self._forget_refusal(key)
        if page is None:
            self.notifications.withdraw(key)  # resolved, or no longer mine: nothing to retry
            self._alerted_pages.discard(key)
            return
        if notified:
            self._follow_up(page)  # what its Acknowledge would have led to (replaces it)
        done = (
            QT_TR_NOOP("“{title}” was acknowledged in {source} by {who}.").format(
                title=page.title, source=source_name(page.source), who=page.acknowledged_by
            )
            if page.acknowledged_by  # someone else did: not said as mine
            else QT_TR_NOOP("“{title}” was acknowledged in {source} after all.").format(
                title=page.title, source=source_name(page.source)
            )
        )
        self.window.show_message(NOT_ACKNOWLEDGED + key, done, "info", fades=True)

    def _forget_refusal(self, key: str) -> None:
        self._refused_notified.discard(key)
        if key in self._refused:
            self._refused.discard(key)
            self.window.banner.clear_message(NOT_ACKNOWLEDGED + key)
            self._say_refused()

    def _say_refused(self) -> None:
        self.not_acknowledged.emit(frozenset(self._refused))

    def on_poll_status(self, status: PollStatus) -> None:
        if status.state is not self._last_poll_states.get(status.source):
            log.info("%s: %s %s", source_name(status.source), status.state.value, status.message)
            self._last_poll_states[status.source] = status.state
        if status.state in (PollState.TOKEN_REJECTED, PollState.FAILED):
            self.window.show_message(status.source, status.message, "error")
        elif status.state is PollState.NO_KEYRING:
            # the same key as the keyring check at start-up: one banner says it
            self.window.show_message("keyring", status.message, "warning")
        elif status.state in UNREAD_STATES:  # where the user looks, not only in the tray
            self.window.show_message(status.source, self._unread(status), "warning")
        else:
            self.window.banner.clear_message(status.source)
        # the pages listed stay as last read, and say so, while a source is not read
        self.window.pages.set_notes(
            [
                QT_TR_NOOP("as last read from {source} at {when}").format(
                    source=source_name(s.source), when=self._read_at(s.last_success)
                )
                for s in self.poller.statuses
                if s.state not in (PollState.OK, PollState.CONNECTING)
                and s.last_success is not None
                and any(p.source == s.source for p in self.poller.pages)
            ]
        )
        # not set up yet (a first start): the window teaches the next steps, no warning
        self.window.show_getting_started(
            all(s.state is PollState.NOT_CONFIGURED for s in self.poller.statuses)
        )

    def _unread(self, status: PollStatus) -> UserMessage:
        """A source not read now (offline, rate-limited): its pages may be missing here."""
        template = (
            QT_TR_NOOP(
                "{source} is limiting how often it may be read: pages waiting there may be "
                "missing here. Last read: {when}. {why}"
            )
            if status.state is PollState.RATE_LIMITED
            else QT_TR_NOOP(
                "{source} cannot be reached: pages waiting there may be missing here. "
                "Last read: {when}. {why}"
            )
        )
        last = status.last_success
        return template.format(
            source=source_name(status.source),
            when=QT_TR_NOOP("never") if last is None else self._read_at(last),
            why=status.message,
        )

    def _read_at(self, moment: datetime | None) -> str:
        """22:15 (with its date when not today), in the team's time zone."""
        if moment is None:
            return ""
        zone = self.preferences.zone
        today = self.clock.now().astimezone(zone).date() == moment.astimezone(zone).date()
        return local_time(moment, zone, with_date=not today)

    def open_page(self, key: str) -> None:
        """Open (creating it if needed) the local incident of a page (``Page.key``)."""
        page = self.poller.page(key)
        self.window.bring_forward()
        if page is None:
            self.window.show_message(
                "pagerduty-action",
                self.tr("That page is no longer assigned to you."),
                "info",
            )
            return
        if not self._database_open:
            self._pending_open = key  # the database is still opening
            return
        self._pending_open = ""
        self.page_open_requested.emit(page)

    def on_window_hidden_to_tray(self) -> None:
        """Only where there is a tray (the window hides to it)."""
        if not self._told_about_tray:
            self._told_about_tray = True
            self.notifications.notify(
                Notification(
                    key="",
                    title=self.tr("On-call Desktop is still running"),
                    body=self.tr("Alerts keep coming to the tray. Quit from the tray menu."),
                )
            )

    def on_database_opened(self) -> None:
        """The rooms that open pages are connected: the page the user asked to open
        meanwhile opens now."""
        self._database_open = True
        if self._pending_open:
            self.open_page(self._pending_open)

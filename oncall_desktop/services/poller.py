"""Polls every alert source for the alerts assigned to me, off the GUI thread, on a deadline.

One :class:`SourcePoller` per source (``integrations.sources``: PagerDuty first); the app sees
them through one ``services.alert_sources.AlertPoller``, which names pages by ``Page.key``.
The next poll is a stored instant, not a counted interval: after the machine sleeps or the clock
jumps, the ticker's ``clock_jumped`` makes it poll at once. Failures back off (honouring
``ratelimit-reset``); a rejected token stops polling until the settings change.
"""

from __future__ import annotations

import logging
import math
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from PySide6.QtCore import QObject, Qt, QTimer, Signal

from oncall_desktop.core.clock import Clock
from oncall_desktop.core.messages import QT_TR_NOOP, UserMessage
from oncall_desktop.core.paging import AlertTracker, Backoff, Page, seen_by
from oncall_desktop.integrations.errors import (
    AccountLevelKey,
    Forbidden,
    IntegrationError,
    RateLimited,
    TokenRejected,
)
from oncall_desktop.integrations.secrets import SecretStore, SecretStoreError
from oncall_desktop.integrations.sources import (
    AlertSource,
    Declares,
    Escalates,
    Me,
    NotConfigured,
    Options,
    SourceKind,
    source_name,
)
from oncall_desktop.services.messages import said, shown
from oncall_desktop.services.tasks import TaskRunner

log = logging.getLogger(__name__)


# Incidents that left my list are looked up one by one to learn why; at most this many a poll.
MAX_FOLLOWED = 20


class PollState(StrEnum):
    NOT_CONFIGURED = "not_configured"
    CONNECTING = "connecting"
    OK = "ok"
    OFFLINE = "offline"
    RATE_LIMITED = "rate_limited"
    TOKEN_REJECTED = "token_rejected"
    NO_KEYRING = "no_keyring"  # the token cannot be read: no keyring, a locked or refused one
    FAILED = "failed"  # needs the user: forbidden, account-level key


@dataclass(frozen=True)
class PollStatus:
    state: PollState
    message: str | UserMessage = ""  # why, translated when shown (services.messages.shown)
    last_success: datetime | None = None
    next_poll: datetime | None = None
    source: str = "pagerduty"  # which source it is the status of


def why(error: Exception) -> str | UserMessage:
    """What went wrong, as its message: a UserMessage is translated when it is shown."""
    message = getattr(error, "message", None)
    return message if isinstance(message, str | UserMessage) and message else str(error)


@dataclass(frozen=True)
class Connection:
    source: AlertSource
    me: Me


def connector(kind: SourceKind, secrets: SecretStore, options: Options) -> Callable[[], Connection]:
    """Connects ``kind`` from the keyring and these settings, and asks who I am (blocking)."""

    def connect() -> Connection:
        source = kind.connect(secrets, options)
        return Connection(source, source.whoami())

    return connect


class SourcePoller(QObject):
    """Polls one alert source. Signals:
    new_alerts(list): pages to notify (list[Page]): new to me, or back to triggered.
    pages_changed(list): every open page assigned to me, after each successful poll.
    pages_left(list): pages no longer assigned to me, as the source now has them (resolved by a
        colleague, or reassigned).
    status_changed(object): a PollStatus, whenever the state or the last poll changes.
    acknowledged(object): the Page after a successful acknowledge from this app.
    acknowledge_failed(str, object): the page's id and why its acknowledge failed (a
        UserMessage, translated when shown): it is still not acknowledged there.
    """

    new_alerts = Signal(list)
    pages_changed = Signal(list)
    pages_left = Signal(list)
    status_changed = Signal(object)
    acknowledged = Signal(object)
    acknowledge_failed = Signal(str, object)

    def __init__(
        self,
        kind: SourceKind,
        connect: Callable[[], Connection],
        runner: TaskRunner,
        clock: Clock,
        interval: timedelta = timedelta(seconds=15),
        backoff: Backoff | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.kind = kind
        self._connect = connect
        self._runner = runner
        self.clock = clock
        self.interval = interval
        self._backoff = backoff or Backoff()
        self._tracker = AlertTracker()
        self._connection: Connection | None = None
        self._busy = False
        self._running = False
        self._failures = 0
        self.pages: list[Page] = []
        self.status = PollStatus(PollState.CONNECTING, source=kind.id)
        self._timer = QTimer(self)
        self._timer.setObjectName(f"{kind.id}-poll")
        self._timer.setSingleShot(True)
        # A coarse timer may fire up to 5 % early: after a 429, never ask before the reset.
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.timeout.connect(self._on_timer)
        self._not_before = 0.0  # time.monotonic() before which the timer may not poll

    @property
    def me(self) -> Me | None:
        return self._connection.me if self._connection else None

    def start(self) -> None:
        self._running = True
        self.poll_now()

    def stop(self) -> None:
        self._running = False
        self._timer.stop()

    def reconfigure(self, connect: Callable[[], Connection], interval: timedelta) -> None:
        """New token or address: forget the old connection and poll again now."""
        self._connect = connect
        self.interval = interval
        self._connection = None
        self._failures = 0
        if self._running:
            self.poll_now()

    def on_clock_jumped(self, seconds: float) -> None:
        """After a sleep or a clock change, catch up at once."""
        if self._running and seconds > 0:
            log.info("clock moved %.0f s: polling %s now", seconds, self.kind.name)
            self.poll_now()

    def poll_now(self) -> None:
        if not self._running or self._busy:
            return
        self._busy = True
        connection = self._connection
        connect = self._connect
        known = set(self._tracker.last)

        def fetch() -> tuple[Connection, list[Page], list[Page]]:
            current = connection or connect()
            pages = seen_by(current.source.open_alerts(current.me), current.me.id)
            still_mine = {p.id for p in pages}
            left = []
            for page_id in sorted(known - still_mine)[:MAX_FOLLOWED]:
                try:
                    left += seen_by([current.source.alert(page_id)], current.me.id)
                except IntegrationError as error:
                    log.info("could not follow %s alert %s: %s", self.kind.name, page_id, error)
            return current, pages, left

        self._runner.run(fetch, self._on_polled, self._on_failed)

    def _on_polled(self, result: tuple[Connection, list[Page], list[Page]]) -> None:
        self._busy = False
        self._connection, pages, left = result
        self._failures = 0
        changes = self._tracker.update(pages)
        if left:
            self.pages_left.emit(left)
        self.pages = pages
        now = self.clock.now()
        self._schedule(self.interval)
        self._set_status(PollStatus(PollState.OK, "", now, now + self.interval, self.kind.id))
        if changes.new_alerts:
            self.new_alerts.emit(list(changes.new_alerts))
        self.pages_changed.emit(pages)

    def _on_failed(self, error: Exception) -> None:
        self._busy = False
        now = self.clock.now()
        last = self.status.last_success
        source = self.kind.id
        if isinstance(error, NotConfigured):
            self._set_status(PollStatus(PollState.NOT_CONFIGURED, why(error), last, None, source))
            return  # nothing to poll until the settings change
        if isinstance(error, TokenRejected):
            self._connection = None
            self._set_status(PollStatus(PollState.TOKEN_REJECTED, why(error), last, None, source))
            return
        if isinstance(error, SecretStoreError):
            self._set_status(PollStatus(PollState.NO_KEYRING, why(error), last, None, source))
            return
        if isinstance(error, Forbidden | AccountLevelKey):
            self._set_status(PollStatus(PollState.FAILED, why(error), last, None, source))
            return
        if not isinstance(error, IntegrationError):
            raise error  # our bug: to the crash handler
        self._failures += 1
        server_asked = error.retry_after if isinstance(error, RateLimited) else None
        delay = self._backoff.delay(self._failures, server_asked)
        # never poll more often than the configured interval, even when recovering
        delay = max(delay, min(self.interval, timedelta(seconds=5)))
        self._schedule(delay)
        state = PollState.RATE_LIMITED if isinstance(error, RateLimited) else PollState.OFFLINE
        self._set_status(PollStatus(state, why(error), last, now + delay, source))
        log.warning(
            "%s poll failed (%s); next try in %.0f s",
            self.kind.name,
            type(error).__name__,
            delay.total_seconds(),
        )

    def _schedule(self, delay: timedelta) -> None:
        if self._running:
            self._not_before = time.monotonic() + delay.total_seconds()
            self._timer.start(max(0, math.ceil(delay.total_seconds() * 1000)))

    def _on_timer(self) -> None:
        early = self._not_before - time.monotonic()
        if early > 0:  # woken before the time asked for (a rate-limit reset): wait the rest
            self._timer.start(math.ceil(early * 1000))
            return
        self.poll_now()

    def _set_status(self, status: PollStatus) -> None:
        self.status = status
        self.status_changed.emit(status)

    # --- actions -------------------------------------------------------------------------------

    def acknowledge(self, page_id: str) -> None:
        """Acknowledge a page (a notification's or the tray's button): ``acknowledged`` on
        success, ``acknowledge_failed`` otherwise."""
        self._act(
            "acknowledge",
            page_id,
            "",
            self.acknowledged.emit,
            lambda reason: self.acknowledge_failed.emit(
                page_id,
                QT_TR_NOOP("Could not acknowledge in {source}: {reason}").format(
                    source=self.kind.name, reason=reason
                ),
            ),
        )

    def act(
        self,
        action: str,
        page_id: str,
        note: str,
        done: Callable[[Page], None],
        failed: Callable[[UserMessage | str], None],
    ) -> None:
        """Acknowledge or resolve (``action``) a page in the source, signed by me, off the
        GUI and database threads. ``done`` gets the page as the source now has it, before
        ``pages_changed`` tells everyone else; ``failed`` the reason, for the user, not yet
        translated (it is stored in the timeline, and each console says it in its language)."""
        self._act(
            action,
            page_id,
            note,
            done,
            lambda why: failed(why if isinstance(why, UserMessage) else str(why)),
        )

    def _act(
        self,
        action: str,
        page_id: str,
        note: str,
        done: Callable[[Page], None],
        failed: Callable[[object], None],
    ) -> None:
        """:meth:`act`, ``failed`` given the reason untranslated (a UserMessage or text)."""
        connection = self._connection
        if connection is None:
            failed(QT_TR_NOOP("{source} is not connected").format(source=self.kind.name))
            return

        def call() -> Page:
            if action == "resolve":
                page = connection.source.resolve(page_id, connection.me, note)
            else:
                page = connection.source.acknowledge(page_id, connection.me)
            return seen_by([page], connection.me.id)[0]

        def answered(page: Page) -> None:
            done(page)
            if page.status == "resolved":
                self.pages = [p for p in self.pages if p.id != page.id]
            else:
                self.pages = [page if p.id == page.id else p for p in self.pages]
            self._tracker.update(self.pages)
            self.pages_changed.emit(self.pages)

        def refused(error: Exception) -> None:
            if not isinstance(error, IntegrationError | SecretStoreError):
                raise error
            failed(why(error))
            if isinstance(error, IntegrationError) and error.retryable:
                self.poll_now()  # no clear answer (5xx, lost): read what the source holds now

        self._runner.run(call, answered, refused, remote=True)

    def request_responders(
        self,
        page_id: str,
        targets: list[tuple[str, str]],
        message: str,
        done: Callable[[str], None],
        failed: Callable[[UserMessage | str], None],
    ) -> None:
        """Escalate in the source (PagerDuty's responder request on the page), signed by me;
        ``done`` gets the source's time of the request, ``failed`` a message for the user
        (services.messages.said: said again in a new language)."""
        connection = self._connection
        if connection is None or not isinstance(connection.source, Escalates):
            failed(
                QT_TR_NOOP("{source} is not connected yet; escalate there.").format(
                    source=self.kind.name
                )
            )
            return
        source = connection.source

        def request() -> str:
            return source.request_responders(page_id, connection.me, message, targets)

        def refused(error: Exception) -> None:
            if not isinstance(error, IntegrationError):
                raise error
            failed(
                QT_TR_NOOP("Could not request responders in {source}: {reason}").format(
                    source=self.kind.name, reason=said(error)
                )
            )

        self._runner.run(request, done, refused, remote=True)

    def declare(
        self,
        title: str,
        urgency: str,
        key: str,
        done: Callable[[Page], None],
        failed: Callable[[UserMessage | str], None],
    ) -> None:
        """Create the incident in the source (so PagerDuty's escalation policy pages the
        team); ``done`` gets the new page, ``failed`` a message for the user (said again in a
        new language)."""
        connection = self._connection
        if connection is None or not isinstance(connection.source, Declares):
            failed(
                QT_TR_NOOP("{source} is not connected yet; declare it there.").format(
                    source=self.kind.name
                )
            )
            return
        source = connection.source

        def create() -> Page:
            return source.declare(connection.me, title, urgency, key)

        def refused(error: Exception) -> None:
            if not isinstance(error, IntegrationError):
                raise error
            failed(
                QT_TR_NOOP("Could not declare it in {source}: {reason}").format(
                    source=self.kind.name, reason=said(error)
                )
            )

        self._runner.run(create, done, refused, remote=True)

    def page(self, page_id: str) -> Page | None:
        return next((p for p in self.pages if p.id == page_id), None)


def describe(status: PollStatus, now: datetime) -> str:
    """One line for the tray tooltip, in the UI's language."""
    labels = {
        PollState.NOT_CONFIGURED: QT_TR_NOOP("{source}: not set up"),
        PollState.CONNECTING: QT_TR_NOOP("{source}: connecting…"),
        PollState.OK: QT_TR_NOOP("{source}: connected"),
        PollState.OFFLINE: QT_TR_NOOP("{source}: offline"),
        PollState.RATE_LIMITED: QT_TR_NOOP("{source}: rate limited"),
        PollState.TOKEN_REJECTED: QT_TR_NOOP("{source}: token rejected"),
        PollState.NO_KEYRING: QT_TR_NOOP("{source}: off, no usable keyring"),
        PollState.FAILED: QT_TR_NOOP("{source}: needs attention"),
    }
    line = shown(labels[status.state].format(source=source_name(status.source)))
    if status.last_success is not None:
        seconds = max(0, int((now - status.last_success).total_seconds()))
        line += shown(QT_TR_NOOP(", last poll {seconds} s ago").format(seconds=seconds))
    return line

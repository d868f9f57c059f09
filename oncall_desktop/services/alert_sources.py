"""Every enabled alert source, polled side by side and seen by the app as one
(:class:`AlertPoller`), and the settings as the sources' factories read them."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import QObject, Signal

from oncall_desktop.config.schema import Settings, setting_values
from oncall_desktop.core.capabilities import Capability
from oncall_desktop.core.clock import Clock
from oncall_desktop.core.messages import QT_TR_NOOP
from oncall_desktop.core.paging import Backoff, Page
from oncall_desktop.core.policy import Policy
from oncall_desktop.integrations.secrets import SecretStore
from oncall_desktop.integrations.sources import (
    RESOLVE_SLA,
    Me,
    Options,
    source_kinds,
    source_name,
    sources_that_can,
)
from oncall_desktop.services.incidents import proposed_severity
from oncall_desktop.services.poller import PollStatus, SourcePoller, connector
from oncall_desktop.services.tasks import TaskRunner


def source_options(settings: Settings, policy: Policy | None = None) -> Options:
    """The settings as the sources' factories read them (integrations do not import config),
    and, with the procedure, the resolve SLA of the severity each urgency is proposed."""
    options = setting_values(settings)
    if policy is not None:
        options[RESOLVE_SLA] = {
            urgency: policy.severity(proposed_severity(urgency)).resolve_sla
            for urgency in ("high", "low")
        }
    return options


def declaring_source(settings: Settings) -> str | None:
    """The source an incident declared by hand is raised in (so that the team's escalation
    runs there): the first enabled one that can declare and is set up to; None: not offered."""
    found = sources_that_can(Capability.DECLARE, source_options(settings))
    return found[0].id if found else None


def declaring_name(settings: Settings) -> str:
    """The name of :func:`declaring_source`, as people read it ("PagerDuty"); "" for none."""
    found = sources_that_can(Capability.DECLARE, source_options(settings))
    return found[0].name if found else ""


def enabled_sources(settings: Settings) -> tuple[str, ...]:
    options = source_options(settings)
    return tuple(kind.id for kind in source_kinds() if kind.enabled(options))


class AlertPoller(QObject):
    """Every enabled alert source, polled side by side, seen by the app as one: the same
    signals as :class:`SourcePoller`, with pages named by ``Page.key``. ``status_changed``
    carries the PollStatus of the source that changed."""

    new_alerts = Signal(list)
    pages_changed = Signal(list)
    pages_left = Signal(list)
    status_changed = Signal(object)
    acknowledged = Signal(object)
    acknowledge_failed = Signal(str, object)  # Page.key, why (a UserMessage)

    def __init__(
        self,
        secrets: SecretStore,
        options: Options,
        runner: TaskRunner,
        clock: Clock,
        interval: timedelta = timedelta(seconds=15),
        backoff: Backoff | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._secrets, self._runner, self.clock = secrets, runner, clock
        self._backoff = backoff
        self._running = False
        self.sources: dict[str, SourcePoller] = {}
        # Page.key: why its latest acknowledge from here was refused, until one is asked again
        # or goes through, or the page is read acknowledged (by anyone) or gone, as the window
        # forgets it (the terminal's `status` says it beside the page)
        self.refused: dict[str, object] = {}
        self.acknowledge_failed.connect(self._remember_refusal)
        self.acknowledged.connect(lambda page: self.refused.pop(page.key, None))
        self.pages_changed.connect(self._forget_settled_refusals)
        self.reconfigure(options, interval)

    def _remember_refusal(self, key: str, why: object) -> None:
        self.refused[key] = why

    def _forget_settled_refusals(self, pages: list[Page]) -> None:
        """A refusal is news only while its page is still triggered: once it was seen
        acknowledged or gone, a later trigger is not the request that was refused."""
        triggered = {page.key for page in pages if page.is_triggered}
        for key in [key for key in self.refused if key not in triggered]:
            del self.refused[key]

    @property
    def pages(self) -> list[Page]:
        return [page for source in self.sources.values() for page in source.pages]

    @property
    def statuses(self) -> list[PollStatus]:
        return [source.status for source in self.sources.values()]

    def status_of(self, source_id: str) -> PollStatus | None:
        watched = self.sources.get(source_id)
        return watched.status if watched is not None else None

    def page(self, key: str) -> Page | None:
        source_id, _, page_id = key.partition(":")
        watched = self.sources.get(source_id)
        return watched.page(page_id) if watched is not None else None

    def me(self, source_id: str) -> Me | None:
        watched = self.sources.get(source_id)
        return watched.me if watched is not None else None

    def start(self) -> None:
        self._running = True
        for source in self.sources.values():
            source.start()

    def stop(self) -> None:
        self._running = False
        for source in self.sources.values():
            source.stop()

    def reconfigure(self, options: Options, interval: timedelta) -> None:
        """New settings or tokens: every enabled source connects again and polls now; a
        source no longer enabled stops and its pages go."""
        self._interval = interval
        wanted = [kind for kind in source_kinds() if kind.enabled(options)]
        for source_id in [s for s in self.sources if s not in {k.id for k in wanted}]:
            gone = self.sources.pop(source_id)
            gone.stop()
            gone.deleteLater()
            self.pages_changed.emit(self.pages)
        for kind in wanted:
            connect = connector(kind, self._secrets, options)
            if kind.id in self.sources:
                self.sources[kind.id].reconfigure(connect, interval)
                continue
            source = SourcePoller(
                kind, connect, self._runner, self.clock, interval, self._backoff, self
            )
            source.new_alerts.connect(self.new_alerts)
            source.pages_changed.connect(lambda _pages: self.pages_changed.emit(self.pages))
            source.pages_left.connect(self.pages_left)
            source.status_changed.connect(self.status_changed)
            source.acknowledged.connect(self.acknowledged)
            source.acknowledge_failed.connect(
                lambda page_id, why, source_id=kind.id: self.acknowledge_failed.emit(
                    f"{source_id}:{page_id}", why
                )
            )
            self.sources[kind.id] = source
            if self._running:
                source.start()

    def on_clock_jumped(self, seconds: float) -> None:
        for source in self.sources.values():
            source.on_clock_jumped(seconds)

    def poll_now(self) -> None:
        for source in self.sources.values():
            source.poll_now()

    @property
    def interval(self) -> timedelta:
        return self._interval

    def acknowledge(self, key: str) -> None:
        self.refused.pop(key, None)  # asked again: its answer is the news
        source_id, _, page_id = key.partition(":")
        watched = self.sources.get(source_id)
        if watched is None:
            self.acknowledge_failed.emit(
                key,
                QT_TR_NOOP("{source} is not watched here; acknowledge it there.").format(
                    source=source_name(source_id)
                ),
            )
            return
        watched.acknowledge(page_id)

    def watcher(self, source_id: str) -> SourcePoller | None:
        """The poller of one source, for what only it can do (responders, declaring)."""
        return self.sources.get(source_id)

"""History pages and KPI reports, read off the GUI thread."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, tzinfo
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from oncall_desktop.core.clock import Clock
from oncall_desktop.core.kpis import (
    HistoryFilter,
    HistoryRow,
    KpiReport,
    SortKey,
    month_buckets,
    quarter_buckets,
    required_severities,
)
from oncall_desktop.core.policy import Policy
from oncall_desktop.services.messages import said
from oncall_desktop.services.tasks import TaskRunner
from oncall_desktop.storage.errors import StorageUnavailable

if TYPE_CHECKING:
    from oncall_desktop.storage.kpis import HistoryQueries, KpiQueries


class HistoryService(QObject):
    """Signals:
    problem(object): a query failed (the database went away); the message is for the user
        (a UserMessage, said again in a new language, or text; services.messages.said).
    """

    problem = Signal(object)

    def __init__(
        self,
        history: HistoryQueries,
        kpis: KpiQueries,
        runner: TaskRunner,
        clock: Clock,
        policy: Policy,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._history = history
        self._kpis = kpis
        self._runner = runner
        self.clock = clock
        self.policy = policy

    def count(self, flt: HistoryFilter, then: Callable[[int], None]) -> None:
        self._runner.run(lambda: self._history.count(flt), then, self._on_error)

    def page(
        self,
        flt: HistoryFilter,
        sort: SortKey,
        descending: bool,
        offset: int,
        limit: int,
        then: Callable[[list[HistoryRow]], None],
    ) -> None:
        self._runner.run(
            lambda: self._history.page(flt, sort, descending, offset, limit), then, self._on_error
        )

    def report(
        self,
        start: datetime,
        end: datetime,
        zone: tzinfo | None,
        then: Callable[[KpiReport], None],
    ) -> None:
        policy, now = self.policy, self.clock.now()

        def compute() -> KpiReport:
            return self._kpis.report(
                start,
                end,
                month_buckets(start, end, zone),
                quarter_buckets(start, end, zone),
                required_severities(policy),
                policy.kpis.action_items_window,
                now,
            )

        self._runner.run(compute, then, self._on_error)

    def _on_error(self, error: Exception) -> None:
        if isinstance(error, StorageUnavailable):
            self.problem.emit(said(error))
            return
        raise error

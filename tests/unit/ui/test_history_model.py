"""The history model shows a query's first page as soon as it comes, whether its count comes
before or after (a common word in a million titles counts longer than its first page takes),
stays a well-behaved Qt model either way, and drops the answers of a query since replaced."""

from __future__ import annotations

from datetime import UTC, datetime

from oncall_desktop.core.kpis import HistoryFilter, HistoryRow
from oncall_desktop.core.policy import Severity
from oncall_desktop.ui.models.history_model import PAGE_SIZE, PENDING, HistoryModel

AT = datetime(2026, 1, 1, tzinfo=UTC)
HEADERS = {
    k: k for k in ("detected", "severity", "status", "title", "time_to_ack", "time_to_resolve")
}


class HeldService:
    """Answers only when the test says so."""

    def __init__(self) -> None:
        self.counts: list = []
        self.pages: list = []

    def count(self, flt, then) -> None:
        self.counts.append((flt, then))

    def page(self, flt, sort, descending, offset, limit, then) -> None:
        self.pages.append((flt, offset, limit, then))


def rows(first: int, n: int) -> list[HistoryRow]:
    return [
        HistoryRow(i, f"incident {i}", Severity.SEV2, "resolved", AT, None, None, False)
        for i in range(first, first + n)
    ]


def test_the_first_page_is_shown_before_the_count_then_the_rows_below_it(qtbot, qtmodeltester):
    service = HeldService()
    model = HistoryModel(service, HEADERS, UTC, "en")
    shown, counted = [], []
    model.first_page_shown.connect(lambda: shown.append(True))
    model.counted.connect(counted.append)
    model.reload()
    assert len(service.counts) == 1 and [p[1] for p in service.pages] == [0]  # both at once
    service.pages[0][3](rows(0, PAGE_SIZE))
    assert shown and model.rowCount() == PAGE_SIZE and not counted
    assert model.data(model.index(0, 3)) == "incident 0"
    service.counts[0][1](5000)
    assert model.rowCount() == 5000 and counted == [5000]
    assert model.data(model.index(4999, 3)) == PENDING  # asked for now
    offset, then = service.pages[-1][1], service.pages[-1][3]
    assert offset == 4999 // PAGE_SIZE * PAGE_SIZE
    then(rows(offset, 5000 - offset))
    assert model.data(model.index(4999, 3)) == "incident 4999"
    qtmodeltester.check(model)


def test_the_count_first_then_the_page_and_a_replaced_query_is_dropped(qtbot, qtmodeltester):
    service = HeldService()
    model = HistoryModel(service, HEADERS, UTC, "en")
    model.reload()
    old_count, old_page = service.counts[0][1], service.pages[0][3]
    model.set_filter(HistoryFilter(text="db"))
    old_count(99)
    old_page(rows(0, 99))
    assert model.rowCount() == 0  # the first query's answers: dropped
    service.counts[1][1](3)
    assert model.rowCount() == 3 and model.data(model.index(0, 3)) == PENDING
    service.pages[1][3](rows(7, 3))
    assert model.data(model.index(2, 3)) == "incident 9"
    qtmodeltester.check(model)


def test_an_empty_answer_is_shown_whichever_comes_first(qtbot):
    for page_first in (True, False):
        service = HeldService()
        model = HistoryModel(service, HEADERS, UTC, "en")
        shown = []
        model.first_page_shown.connect(lambda shown=shown: shown.append(True))
        model.reload()
        page, count = service.pages[0][3], service.counts[0][1]
        if page_first:
            page([])
            count(0)
        else:
            count(0)
            page([])
        assert model.rowCount() == 0 and shown

"""The history at scale gives what the plain queries give: counts added up from the KPI
rollups equal counting the rows; a word found by walking the order or by the titles' trigram
index finds the same incidents, in the same order, at any offset; every order, both ways,
puts "never" last; the trigram index follows new and renamed titles, and a database without
it searches as before."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from oncall_desktop.core.incident import Incident, Status
from oncall_desktop.core.kpis import HistoryFilter, SortKey
from oncall_desktop.core.policy import Severity
from oncall_desktop.storage import history as history_module
from oncall_desktop.storage import search
from oncall_desktop.storage.db import open_database
from oncall_desktop.storage.history import HistoryQueries
from oncall_desktop.storage.incidents import IncidentRepository
from tests.helpers.history import bulk_incidents

NEWEST = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)


@pytest.fixture
def db(database_url):
    database = open_database(database_url)
    bulk_incidents(database, 600, NEWEST, span=timedelta(days=90))
    repo = IncidentRepository(database)
    for n, title in enumerate(("Ünïcode outage", "100% CPU_load", "Latency in EU", "latency")):
        inc = Incident.declare(
            title=title, severity=Severity.SEV2, at=NEWEST - timedelta(hours=n), actor="a"
        )
        repo.save(inc)
    opened = repo.save(
        Incident.declare(title="still open", severity=Severity.SEV1, at=NEWEST, actor="a")
    )
    repo.change(
        opened.id, lambda i: i.move_to(Status.INVESTIGATING, at=NEWEST + timedelta(1), actor="a")
    )
    yield database
    database.close()


def plain(database) -> HistoryQueries:
    """The queries as they were: no trigram index."""
    queries = HistoryQueries(database)
    queries._indexed = False
    return queries


FILTERS = [
    HistoryFilter(),
    HistoryFilter(include_drills=True),
    HistoryFilter(severities=frozenset({Severity.SEV1})),
    HistoryFilter(severities=frozenset({Severity.SEV2, Severity.SEV3}), include_drills=True),
    HistoryFilter(detected_from=NEWEST - timedelta(days=10, minutes=7)),
    HistoryFilter(
        detected_from=NEWEST - timedelta(days=40, hours=5),
        detected_before=NEWEST - timedelta(days=3, seconds=1),
        severities=frozenset({Severity.SEV3}),
    ),
    HistoryFilter(detected_from=NEWEST, detected_before=NEWEST),
    HistoryFilter(statuses=frozenset({"investigating"})),
    HistoryFilter(text="latency"),
    HistoryFilter(text="LATENCY", include_drills=True, severities=frozenset({Severity.SEV2})),
    HistoryFilter(text="incident 1"),
    HistoryFilter(text="incident 123:"),
    HistoryFilter(text="100%"),
    HistoryFilter(text="u_l"),
    HistoryFilter(text="ïc"),
    HistoryFilter(text="no such title"),
]


@pytest.mark.parametrize("flt", FILTERS, ids=lambda f: repr(f)[14:60])
def test_counts_and_pages_are_those_of_the_plain_queries(db, flt, monkeypatch):
    monkeypatch.setattr(history_module, "PROBE_ROWS", 7)  # the probe's end comes into play
    monkeypatch.setattr(history_module, "PROBE_ROWS_MAX", 50)
    monkeypatch.setattr(history_module, "FEW", 5)  # counted from the index, or read all
    fast, slow = HistoryQueries(db), plain(db)
    assert fast.count(flt) == slow.count(flt) == len(slow.page(flt, limit=10_000))
    for sort in SortKey:
        for descending in (False, True):
            for offset, limit in ((0, 200), (0, 3), (5, 4), (40, 30)):
                assert [r.id for r in fast.page(flt, sort, descending, offset, limit)] == [
                    r.id for r in slow.page(flt, sort, descending, offset, limit)
                ], (sort, descending, offset)


def test_every_order_both_ways_puts_never_last(db):
    queries = HistoryQueries(db)
    everything = HistoryFilter(include_drills=True)
    rows = queries.page(everything, limit=10_000)
    assert len(rows) == queries.count(everything) == 605
    for sort, key in (
        (SortKey.DETECTED, lambda r: r.detected_at),
        (SortKey.SEVERITY, lambda r: (r.severity.rank, r.detected_at)),
        (SortKey.STATUS, lambda r: (r.status, r.detected_at)),
        (SortKey.TITLE, lambda r: r.title.lower()),
        (SortKey.TIME_TO_ACK, lambda r: r.time_to_ack),
        (SortKey.TIME_TO_RESOLVE, lambda r: r.time_to_resolve),
    ):
        for descending in (False, True):
            got = queries.page(everything, sort, descending, 0, 10_000)
            known = [r for r in rows if key(r) is not None]
            never = [r for r in rows if key(r) is None]
            expected = sorted(known, key=lambda r: (key(r), r.id), reverse=descending)
            expected += sorted(never, key=lambda r: r.id, reverse=descending)
            if sort is SortKey.TITLE:  # lower() beyond ASCII is the database's own
                expected = [r for r in expected if r.title.isascii()]
                got = [r for r in got if r.title.isascii()]
            assert [r.id for r in got] == [r.id for r in expected], (sort, descending)


def test_the_trigram_index_follows_titles_and_its_absence_changes_nothing(db):
    queries = HistoryQueries(db)
    repo = IncidentRepository(db)
    with db.engine.connect() as connection:
        assert search.available(connection)  # both backends here have one
    words = HistoryFilter(text="zebra crossing")
    assert queries.count(words) == 0
    inc = repo.save(
        Incident.declare(title="Zebra crossing down", severity=Severity.SEV3, at=NEWEST, actor="a")
    )
    assert [r.id for r in queries.page(words)] == [inc.id] and queries.count(words) == 1
    repo.save(replace(repo.get(inc.id), title="Giraffe crossing down"))
    assert queries.count(words) == 0
    assert queries.count(HistoryFilter(text="giraffe crossing")) == 1

    with db.engine.begin() as connection:
        search.drop(connection)
        assert not search.available(connection)
    unindexed = HistoryQueries(db)
    assert unindexed.count(HistoryFilter(text="giraffe crossing")) == 1
    assert unindexed.count(HistoryFilter(text="latency")) == plain(db).count(
        HistoryFilter(text="latency")
    )
    with db.engine.begin() as connection:
        assert search.create(connection)
    assert HistoryQueries(db).count(HistoryFilter(text="giraffe crossing")) == 1

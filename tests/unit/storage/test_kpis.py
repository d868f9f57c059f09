"""KPIs computed in SQL give the exact, hand-computed figures on SQLite and PostgreSQL alike,
with the edge cases: never acknowledged, never resolved, reopened, severity changed, drills."""

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from oncall_desktop.core.incident import Incident, Status
from oncall_desktop.core.kpis import (
    HistoryFilter,
    SortKey,
    month_buckets,
    quarter_buckets,
    required_severities,
    verdicts,
)
from oncall_desktop.core.policy import Severity
from oncall_desktop.core.postmortem import ActionItem, ActionStatus, prefill
from oncall_desktop.storage.db import open_database
from oncall_desktop.storage.incidents import IncidentRepository
from oncall_desktop.storage.kpis import HistoryQueries, KpiQueries
from oncall_desktop.storage.postmortems import PostmortemRepository

M = timedelta(minutes=1)
D = timedelta(days=1)
T0 = datetime(2025, 10, 20, 22, 15, tzinfo=UTC)
NOW = T0 + 60 * D


def incident(title, severity, detected, ack=None, resolved=None, drill=False):
    inc = Incident.declare(title=title, severity=severity, at=detected, actor="a", is_drill=drill)
    if ack is not None:
        inc.move_to(Status.ACKNOWLEDGED, at=detected + ack, actor="a")
    if resolved is not None:
        inc.move_to(Status.RESOLVED, at=detected + resolved, actor="a")
    return inc


@pytest.fixture
def history(database_url, policy):
    db = open_database(database_url)
    incidents, postmortems = IncidentRepository(db), PostmortemRepository(db)
    saved = {}

    def add(key, inc):
        saved[key] = incidents.save(inc)
        return saved[key]

    add("A", incident("A api down", Severity.SEV1, T0, 2 * M, 60 * M))
    add("B", incident("B db lost", Severity.SEV1, T0 + D, 4 * M, 100 * M))
    add("C", incident("C webhooks", Severity.SEV1, T0 + 2 * D, 12 * M, 200 * M))
    add("D", incident("D never acknowledged", Severity.SEV1, T0 + 3 * D))
    raised = incident("E raised to SEV-1", Severity.SEV2, T0 + 4 * D, 6 * M)
    raised.change_severity(Severity.SEV1, at=T0 + 4 * D + 7 * M, actor="a", reason="all down")
    raised.move_to(Status.RESOLVED, at=T0 + 4 * D + 30 * M, actor="a")
    add("E", raised)
    reopened = incident("F reopened", Severity.SEV2, T0 + 5 * D, 10 * M, 50 * M)
    reopened.move_to(Status.INVESTIGATING, at=T0 + 5 * D + 60 * M, actor="a")
    reopened.move_to(Status.RESOLVED, at=T0 + 5 * D + 90 * M, actor="a")
    add("F", reopened)
    add("G", incident("G slow export", Severity.SEV3, T0 + 6 * D, 30 * M))
    add("H", incident("H drill", Severity.SEV1, T0, 1 * M, 5 * M, drill=True))
    add("I", incident("I last year", Severity.SEV1, T0 - 400 * D, 1 * M, 5 * M))

    def postmortem(key, at, signed, items=()):
        inc = saved[key]
        draft = prefill(inc, policy, language="en", zone=UTC)
        if signed:
            draft = replace(draft, reviewed_by="CTO", reviewed_on=at.date())
        draft = replace(draft, action_items=tuple(items))
        return postmortems.create(inc.id, draft, at=at, due_at=None)

    a = postmortem(
        "A",
        T0 + D,
        signed=True,
        items=[
            ActionItem(1, "closed in 10 days"),
            ActionItem(2, "closed in 40"),
            ActionItem(3, "open"),
        ],
    )
    postmortems.set_action_status(a.id, 1, ActionStatus.DONE, at=T0 + 11 * D)
    postmortems.set_action_status(a.id, 2, ActionStatus.DONE, at=T0 + 41 * D)
    postmortem("B", T0 + 2 * D, signed=True)
    postmortem("C", T0 + 3 * D, signed=False)
    postmortem("F", NOW - 5 * D, signed=True, items=[ActionItem(1, "recent, still open")])
    postmortem("H", T0, signed=False, items=[ActionItem(1, "drill item")])
    yield db
    db.close()


def report(db, policy, zone=UTC, start=T0 - D, end=NOW + D):
    return KpiQueries(db).report(
        start,
        end,
        month_buckets(start, end, zone),
        quarter_buckets(start, end, zone),
        required_severities(policy),
        policy.kpis.action_items_window,
        NOW,
    )


def test_mtta_and_mttr_per_severity_exactly(history, policy):
    db = history
    r = report(db, policy)
    assert r.incidents == 7  # not the drill, not last year's
    sev1_ack = r.mtta[Severity.SEV1]  # 2, 4, 6 (E, raised), 12 min; D never acknowledged
    assert (sev1_ack.count, sev1_ack.missing) == (4, 1)
    assert (sev1_ack.mean, sev1_ack.median, sev1_ack.p90) == (6 * M, 5 * M, 12 * M)
    sev1_res = r.mttr[Severity.SEV1]  # 30, 60, 100, 200 min
    assert (sev1_res.count, sev1_res.missing) == (4, 1)
    assert (sev1_res.mean, sev1_res.median, sev1_res.p90) == (97.5 * M, 80 * M, 200 * M)
    sev2_res = r.mttr[Severity.SEV2]  # F: resolved for good at 90 min, not at 50
    assert (sev2_res.count, sev2_res.median) == (1, 90 * M)
    assert r.mttr[Severity.SEV3].count == 0 and r.mttr[Severity.SEV3].missing == 1
    assert r.mttr[Severity.SEV3].mean is None


def test_counts_completion_and_action_items(history, policy):
    db = history
    r = report(db, policy)
    assert r.per_month[0] == ("2025-10", {Severity.SEV1: 5, Severity.SEV2: 1, Severity.SEV3: 1})
    assert [label for label, _ in r.per_month] == ["2025-10", "2025-11", "2025-12"]
    assert r.sev1_per_quarter == [("2025-Q4", 5)]
    assert (r.postmortems_required, r.postmortems_signed) == (5, 3)  # A B C E F; D is open
    assert r.postmortem_completion == 60.0
    # due: A1 (done in 10 d), A2 (done in 40 d), A3 (open, 30 days over); F1 is too recent
    assert (r.action_items_due, r.action_items_closed_in_window) == (3, 1)
    assert r.monthly_mtta_sev1[0] == ("2025-10", 6 * M)
    assert r.monthly_mtta_sev1[1] == ("2025-11", None)

    judged = {v.key: v for v in verdicts(r, policy.kpis)}
    assert judged["mtta_sev1"].met is False  # 6 min mean > 5 min
    assert judged["mttr_sev1"].met is True  # 97.5 min < 2 h
    assert judged["incidents_per_month"].met is False and judged["incidents_per_month"].value == "7"
    assert judged["sev1_per_quarter"].met is False
    assert judged["postmortem_completion"].value == "60%"
    assert judged["action_items_closed"].met is False


def test_an_empty_period_judges_nothing(history, policy):
    db = history
    r = report(db, policy, start=T0 + 100 * D, end=T0 + 130 * D)
    assert r.incidents == 0 and r.mtta[Severity.SEV1].mean is None
    judged = {v.key: v.met for v in verdicts(r, policy.kpis)}
    assert judged == {
        "mtta_sev1": None,
        "mttr_sev1": None,
        "incidents_per_month": True,  # zero incidents is within the target
        "sev1_per_quarter": True,
        "postmortem_completion": None,
        "action_items_closed": None,
    }


def test_months_follow_the_team_time_zone(history, policy):
    db = history
    # A (22:15 UTC on Oct 20) is in October in Paris too; in Tokyo the 31st's incidents move
    tokyo = ZoneInfo("Asia/Tokyo")
    buckets = month_buckets(T0 - D, NOW + D, tokyo)
    assert buckets[0].start == datetime(2025, 10, 1, tzinfo=tokyo)
    late = datetime(2025, 10, 31, 16, 0, tzinfo=UTC)  # Nov 1st 01:00 in Tokyo
    IncidentRepository(db).save(incident("late", Severity.SEV3, late))
    by_utc = dict(report(db, policy).per_month)
    by_tokyo = dict(report(db, policy, zone=tokyo).per_month)
    assert by_utc["2025-10"][Severity.SEV3] == 2 and by_utc["2025-11"][Severity.SEV3] == 0
    assert by_tokyo["2025-10"][Severity.SEV3] == 1 and by_tokyo["2025-11"][Severity.SEV3] == 1


def test_history_pages_sort_filter_and_leave_drills_out(history):
    db = history
    queries = HistoryQueries(db)
    everything = HistoryFilter()
    assert queries.count(everything) == 8  # all but the drill
    assert queries.count(HistoryFilter(include_drills=True)) == 9
    newest = queries.page(everything, limit=3)
    assert [r.title[0] for r in newest] == ["G", "F", "E"]
    by_ack = queries.page(everything, SortKey.TIME_TO_ACK, descending=False)
    assert [r.title[0] for r in by_ack][:3] == ["I", "A", "B"]
    assert by_ack[-1].title[0] == "D"  # never acknowledged: last either way
    assert queries.page(everything, SortKey.TIME_TO_ACK, descending=True)[-1].title[0] == "D"
    sev1 = HistoryFilter(severities=frozenset({Severity.SEV1}))
    assert queries.count(sev1) == 6  # A B C D E(raised) I
    assert [r.title[0] for r in queries.page(HistoryFilter(text="DB LOST"))] == ["B"]
    assert queries.count(HistoryFilter(text="100%_")) == 0  # LIKE wildcards are literal
    period = HistoryFilter(detected_from=T0 + D, detected_before=T0 + 3 * D)
    assert [r.title[0] for r in queries.page(period)] == ["C", "B"]
    second_page = queries.page(everything, offset=3, limit=3)
    assert [r.title[0] for r in second_page] == ["D", "C", "B"]
    assert newest[0].time_to_ack == 30 * M and newest[0].time_to_resolve is None

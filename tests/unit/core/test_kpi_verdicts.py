"""KPI verdicts at exactly the SOP's targets: "< 5 min", "< 2h", "< 5", "< 3" and "> 80%" are
strict, so a figure equal to the target does not meet it; "100%" completion is inclusive."""

from datetime import UTC, datetime, timedelta

import pytest

from oncall_desktop.core.kpis import DurationStats, KpiReport, verdicts
from oncall_desktop.core.policy import Severity

START = datetime(2025, 1, 1, tzinfo=UTC)
S = timedelta(seconds=1)


def report(
    mtta=None, mttr=None, worst_month=0, sev1_quarter=0, pm=(1, 1), items=(0, 0)
) -> KpiReport:
    none = DurationStats()
    return KpiReport(
        start=START,
        end=START + timedelta(days=90),
        incidents=worst_month,
        mtta={s: none for s in Severity} | {Severity.SEV1: DurationStats(1, 0, mtta, mtta, mtta)},
        mttr={s: none for s in Severity} | {Severity.SEV1: DurationStats(1, 0, mttr, mttr, mttr)},
        per_month=[("2025-01", {Severity.SEV2: worst_month})],
        sev1_per_quarter=[("2025-Q1", sev1_quarter)],
        postmortems_required=pm[1],
        postmortems_signed=pm[0],
        action_items_due=items[1],
        action_items_closed_in_window=items[0],
    )


def judged(r: KpiReport, policy) -> dict[str, bool | None]:
    return {v.key: v.met for v in verdicts(r, policy.kpis)}


@pytest.mark.parametrize(
    ("mtta", "met"),
    [
        (timedelta(minutes=5) - S, True),
        (timedelta(minutes=5), False),
        (timedelta(minutes=6), False),
    ],
)
def test_mean_mtta_of_exactly_five_minutes_is_not_met(policy, mtta, met):
    assert judged(report(mtta=mtta), policy)["mtta_sev1"] is met


@pytest.mark.parametrize(
    ("mttr", "met"), [(timedelta(hours=2) - S, True), (timedelta(hours=2), False)]
)
def test_mean_mttr_of_exactly_two_hours_is_not_met(policy, mttr, met):
    assert judged(report(mttr=mttr), policy)["mttr_sev1"] is met


@pytest.mark.parametrize(("count", "met"), [(4, True), (5, False)])
def test_a_worst_month_of_exactly_five_incidents_is_not_met(policy, count, met):
    assert judged(report(worst_month=count), policy)["incidents_per_month"] is met


@pytest.mark.parametrize(("count", "met"), [(2, True), (3, False)])
def test_three_sev1_in_a_quarter_is_not_met(policy, count, met):
    assert judged(report(sev1_quarter=count), policy)["sev1_per_quarter"] is met


@pytest.mark.parametrize(("closed", "met"), [(80, False), (81, True)])
def test_exactly_eighty_percent_of_action_items_is_not_met(policy, closed, met):
    assert judged(report(items=(closed, 100)), policy)["action_items_closed"] is met


@pytest.mark.parametrize(("signed", "met"), [(10, True), (9, False)])
def test_postmortem_completion_is_met_at_exactly_one_hundred_percent(policy, signed, met):
    assert judged(report(pm=(signed, 10)), policy)["postmortem_completion"] is met


def test_targets_read_as_the_sop_writes_them(policy):
    targets = {v.key: v.target for v in verdicts(report(), policy.kpis)}
    assert targets["mtta_sev1"] == "< 5 min"
    assert targets["incidents_per_month"] == "< 5"
    assert targets["sev1_per_quarter"] == "< 3"
    assert targets["action_items_closed"] == "> 80%"

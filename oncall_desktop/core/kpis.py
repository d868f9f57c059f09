"""The history and the KPIs of SOP-5, as plain data: what to ask the database for, what it
answered, and how each figure compares with the SOP's target.

Choices where the SOP is silent (also in the README):
- An incident counts under its severity at the end (a SEV-2 raised to SEV-1 counts as SEV-1).
- MTTA is detection to first acknowledgement; MTTR is detection to the last resolution (a
  reopened incident is resolved when it is resolved for good). Unacknowledged or unresolved
  incidents are counted apart, never as zero.
- Median: the middle value (mean of the two middle ones for an even count); p90: nearest rank.
- "Action items closed within 30 days": of the items created in the period whose 30 days are
  over (or that are already done), the share done within 30 days of being created.
- Drill incidents never count, anywhere.

What each incident contributes (:class:`IncidentFacts`, :func:`closed_after_days`) is computed
here, once, when it is stored; the database adds those up (storage/kpi_facts.py), and the
figures are made here from the sums and the ranked values (:meth:`DurationStats.of`).
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, tzinfo
from enum import StrEnum

from oncall_desktop.core.incident import Incident
from oncall_desktop.core.policy import KpiTargets, Policy, Severity


class SortKey(StrEnum):
    DETECTED = "detected"
    SEVERITY = "severity"
    STATUS = "status"
    TITLE = "title"
    TIME_TO_ACK = "time_to_ack"
    TIME_TO_RESOLVE = "time_to_resolve"


@dataclass(frozen=True)
class HistoryFilter:
    severities: frozenset[Severity] = frozenset()  # empty: all
    statuses: frozenset[str] = frozenset()  # empty: all
    detected_from: datetime | None = None
    detected_before: datetime | None = None
    text: str = ""
    include_drills: bool = False


@dataclass(frozen=True)
class HistoryRow:
    id: int
    title: str
    severity: Severity
    status: str
    detected_at: datetime
    acknowledged_at: datetime | None
    resolved_at: datetime | None
    is_drill: bool

    @property
    def time_to_ack(self) -> timedelta | None:
        return self.acknowledged_at - self.detected_at if self.acknowledged_at else None

    @property
    def time_to_resolve(self) -> timedelta | None:
        return self.resolved_at - self.detected_at if self.resolved_at else None


@dataclass(frozen=True)
class DurationStats:
    count: int = 0
    missing: int = 0  # never acknowledged / not resolved yet
    mean: timedelta | None = None
    median: timedelta | None = None
    p90: timedelta | None = None

    @classmethod
    def of(
        cls, count: int, missing: int, total: int, middle: list[int], p90: int | None
    ) -> DurationStats:
        """From the sum of the ``count`` known durations (whole seconds), the values at
        :func:`middle_ranks` and the one at :func:`p90_rank`."""
        if not count:
            return cls(count=0, missing=missing)
        return cls(
            count=count,
            missing=missing,
            mean=timedelta(seconds=total / count),
            median=timedelta(seconds=sum(middle) / len(middle)),
            p90=timedelta(seconds=p90 or 0),
        )


def middle_ranks(count: int) -> tuple[int, ...]:
    """The ranks (from 1, smallest first) whose values make the median: the middle one, or
    the two middle ones for an even count."""
    return tuple(sorted({(count + 1) // 2, (count + 2) // 2}))


def p90_rank(count: int) -> int:
    """The nearest rank of the 90th percentile: ceil(0.9 n)."""
    return -(-9 * count // 10)


# --- what one incident contributes, computed when it is stored --------------------------------

# Durations are kept in bins (a histogram) so that any period's median and p90 are found
# without sorting the period: below a minute each second is its own bin, then each bin is
# about 3% wider than the one before (a few hundred bins from a minute to ten years).
EXACT_BINS_BELOW = 64
BIN_GROWTH = 1.03
LAST_BIN_FLOOR = 10 * 366 * 86400


def _bin_floors() -> tuple[int, ...]:
    floors = [EXACT_BINS_BELOW]
    while floors[-1] < LAST_BIN_FLOOR:
        floors.append(max(floors[-1] + 1, int(floors[-1] * BIN_GROWTH)))
    return tuple(floors)


BIN_FLOORS = _bin_floors()


def duration_bin(seconds: int) -> int:
    """The histogram bin of a duration; bins are in the order of the durations."""
    if seconds < EXACT_BINS_BELOW:
        return seconds
    return EXACT_BINS_BELOW + bisect_right(BIN_FLOORS, seconds) - 1


def bin_is_exact(bin_: int) -> bool:
    """A bin that holds one value only (that value)."""
    return bin_ < EXACT_BINS_BELOW


def whole_seconds(start: datetime, end: datetime | None) -> int | None:
    """From ``start`` to ``end`` in whole seconds, half up (None: not yet)."""
    return None if end is None else int((end - start).total_seconds() + 0.5)


@dataclass(frozen=True)
class IncidentFacts:
    """What the KPIs count of one incident (drills have none): its severity at the end, when
    it was detected, the time to acknowledge and to resolve (None: not yet), and whether its
    post-mortem is signed."""

    detected_at: datetime
    severity: Severity
    ack_seconds: int | None
    resolve_seconds: int | None
    postmortem_signed: bool = False

    @property
    def ack_bin(self) -> int | None:
        return None if self.ack_seconds is None else duration_bin(self.ack_seconds)

    @property
    def resolve_bin(self) -> int | None:
        return None if self.resolve_seconds is None else duration_bin(self.resolve_seconds)

    @property
    def signed_and_resolved(self) -> bool:
        """Counts toward post-mortem completion (when its severity requires one)."""
        return self.postmortem_signed and self.resolve_seconds is not None


def incident_facts(incident: Incident, postmortem_signed: bool) -> IncidentFacts | None:
    if incident.is_drill:
        return None
    return IncidentFacts(
        detected_at=incident.detected_at,
        severity=incident.severity,
        ack_seconds=whole_seconds(incident.detected_at, incident.acknowledged_at),
        resolve_seconds=whole_seconds(incident.detected_at, incident.resolved_at),
        postmortem_signed=postmortem_signed,
    )


def closed_after_days(created_at: datetime, closed_at: datetime | None) -> int | None:
    """An action item's days from creation to done, rounded up (None: still open): it is
    closed within a window of N whole days when this is at most N."""
    seconds = whole_seconds(created_at, closed_at)
    return None if seconds is None else max(0, -(-seconds // 86400))


@dataclass(frozen=True)
class Bucket:
    label: str
    start: datetime
    end: datetime


@dataclass(frozen=True)
class KpiReport:
    start: datetime
    end: datetime
    incidents: int
    mtta: dict[Severity, DurationStats]
    mttr: dict[Severity, DurationStats]
    per_month: list[tuple[str, dict[Severity, int]]]
    sev1_per_quarter: list[tuple[str, int]]
    postmortems_required: int
    postmortems_signed: int
    action_items_due: int  # created in the period, 30 days over or done
    action_items_closed_in_window: int
    monthly_mtta_sev1: list[tuple[str, timedelta | None]] = field(default_factory=list)
    monthly_mttr_sev1: list[tuple[str, timedelta | None]] = field(default_factory=list)

    @property
    def postmortem_completion(self) -> float | None:
        if not self.postmortems_required:
            return None
        return 100.0 * self.postmortems_signed / self.postmortems_required

    @property
    def action_items_closed_percent(self) -> float | None:
        if not self.action_items_due:
            return None
        return 100.0 * self.action_items_closed_in_window / self.action_items_due


@dataclass(frozen=True)
class Verdict:
    key: str
    value: str
    target: str
    met: bool | None  # None: nothing to judge yet


def month_buckets(start: datetime, end: datetime, zone: tzinfo | None) -> list[Bucket]:
    """Calendar months in the team's time zone, as UTC instants, covering [start, end)."""
    local = start.astimezone(zone)
    first = date(local.year, local.month, 1)
    buckets = []
    while True:
        following = date(first.year + first.month // 12, first.month % 12 + 1, 1)
        b_start = _local_midnight(first, zone)
        b_end = _local_midnight(following, zone)
        if b_start >= end:
            break
        buckets.append(Bucket(first.strftime("%Y-%m"), b_start, b_end))
        first = following
    return buckets


def quarter_buckets(start: datetime, end: datetime, zone: tzinfo | None) -> list[Bucket]:
    local = start.astimezone(zone)
    first = date(local.year, 3 * ((local.month - 1) // 3) + 1, 1)
    buckets = []
    while True:
        month = first.month + 3
        following = date(first.year + (month - 1) // 12, (month - 1) % 12 + 1, 1)
        b_start = _local_midnight(first, zone)
        if b_start >= end:
            break
        label = f"{first.year}-Q{(first.month - 1) // 3 + 1}"
        buckets.append(Bucket(label, b_start, _local_midnight(following, zone)))
        first = following
    return buckets


def _local_midnight(day: date, zone: tzinfo | None) -> datetime:
    naive = datetime(day.year, day.month, day.day)
    aware = naive.replace(tzinfo=zone) if zone is not None else naive.astimezone()
    return aware


def verdicts(report: KpiReport, targets: KpiTargets) -> list[Verdict]:
    """Each KPI of the SOP beside its target. The SOP's targets are strict ("< 5 min",
    "< 5", "> 80%"): a figure exactly at the limit does not meet it. Post-mortem completion
    is the one inclusive target ("100%")."""
    out = []
    sev1_ack, sev1_res = report.mtta[Severity.SEV1], report.mttr[Severity.SEV1]
    out.append(
        Verdict(
            "mtta_sev1",
            kpi_duration(sev1_ack.mean),
            f"< {kpi_duration(targets.mtta_sev1_below)}",
            None if sev1_ack.mean is None else sev1_ack.mean < targets.mtta_sev1_below,
        )
    )
    out.append(
        Verdict(
            "mttr_sev1",
            kpi_duration(sev1_res.mean),
            f"< {kpi_duration(targets.mttr_sev1_below)}",
            None if sev1_res.mean is None else sev1_res.mean < targets.mttr_sev1_below,
        )
    )
    worst_month = max((sum(c.values()) for _, c in report.per_month), default=None)
    out.append(
        Verdict(
            "incidents_per_month",
            "—" if worst_month is None else str(worst_month),
            f"< {targets.incidents_per_month_below}",
            None if worst_month is None else worst_month < targets.incidents_per_month_below,
        )
    )
    worst_quarter = max((n for _, n in report.sev1_per_quarter), default=None)
    out.append(
        Verdict(
            "sev1_per_quarter",
            "—" if worst_quarter is None else str(worst_quarter),
            f"< {targets.sev1_per_quarter_below}",
            None if worst_quarter is None else worst_quarter < targets.sev1_per_quarter_below,
        )
    )
    completion = report.postmortem_completion
    out.append(
        Verdict(
            "postmortem_completion",
            _percent(completion),
            f"{targets.postmortem_completion_min_percent:.0f}%",
            None if completion is None else completion >= targets.postmortem_completion_min_percent,
        )
    )
    closed = report.action_items_closed_percent
    out.append(
        Verdict(
            "action_items_closed",
            _percent(closed),
            f"> {targets.action_items_closed_above_percent:.0f}%",
            None if closed is None else closed > targets.action_items_closed_above_percent,
        )
    )
    return out


def required_severities(policy: Policy) -> tuple[Severity, ...]:
    return tuple(s for s, p in policy.severities.items() if p.postmortem_required)


def kpi_duration(value: timedelta | None) -> str:
    """'4 min 30 s', '1h 15min', '—': to the second below an hour (MTTA is read closely)."""
    if value is None:
        return "—"
    seconds = int(value.total_seconds())
    if seconds < 3600:
        return (
            f"{seconds // 60} min {seconds % 60:02d} s" if seconds % 60 else f"{seconds // 60} min"
        )
    hours, rest = divmod(seconds // 60, 60)
    return f"{hours}h {rest:02d}min"


def _percent(value: float | None) -> str:
    return "—" if value is None else f"{value:.0f}%"

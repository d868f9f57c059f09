"""The KPI facts kept with every write give the dashboard exactly what counting every incident
would: a random history written through the repositories (declared, acknowledged, raised,
reopened, resolved; post-mortems signed and unsigned, action items done and reopened; drills)
is compared with a count made here from the incidents themselves, for periods and time zones
that cut through hours and days; the facts kept write by write equal the facts made again
from scratch; a change on one console is counted by another at once; consoles writing at the
same moment on PostgreSQL lose nothing."""

from __future__ import annotations

import random
import threading
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from oncall_desktop.core.incident import Incident, Status
from oncall_desktop.core.kpis import (
    DurationStats,
    KpiReport,
    duration_bin,
    middle_ranks,
    month_buckets,
    p90_rank,
    quarter_buckets,
    required_severities,
    whole_seconds,
)
from oncall_desktop.core.policy import Severity
from oncall_desktop.core.postmortem import ActionItem, ActionStatus, prefill
from oncall_desktop.storage.db import open_database
from oncall_desktop.storage.incidents import IncidentRepository
from oncall_desktop.storage.kpi_facts import rebuild
from oncall_desktop.storage.kpis import KpiQueries
from oncall_desktop.storage.postmortems import PostmortemRepository
from oncall_desktop.storage.tables import (
    IncidentKpiRow,
    IncidentRow,
    KpiCountRow,
    KpiHistogramRow,
)

T0 = datetime(2025, 3, 1, 0, 0, tzinfo=UTC)
NOW = T0 + timedelta(days=160)
ZONES = (UTC, ZoneInfo("Asia/Kolkata"), ZoneInfo("Asia/Kathmandu"), ZoneInfo("America/St_Johns"))


def test_bins_keep_the_order_of_the_durations():
    values = [*range(-5, 200), *range(200, 4_000_000, 997)]
    bins = [duration_bin(v) for v in values]
    assert bins == sorted(bins)
    assert all(duration_bin(v) == v for v in range(-5, 64))  # each its own bin below a minute


def _duration(rng: random.Random) -> timedelta:
    kind = rng.random()
    if kind < 0.3:
        seconds = rng.randint(0, 90)  # the exact bins
    elif kind < 0.8:
        seconds = rng.randint(60, 4000)
    else:
        seconds = rng.randint(3600, 5 * 86400)
    return timedelta(seconds=seconds, microseconds=rng.choice((0, 0, 250_000, 500_000, 999_999)))


def write_history(db, policy, rng: random.Random, count: int = 120) -> None:
    """Written as the app writes: declared, then each step a change of its own."""
    incidents, postmortems = IncidentRepository(db), PostmortemRepository(db)
    for n in range(count):
        detected = T0 + timedelta(days=rng.uniform(0, 150), microseconds=rng.choice((0, 123_456)))
        severity = rng.choice(list(Severity))
        declared = Incident.declare(
            title=f"incident {n}",
            severity=severity,
            at=detected,
            actor="a",
            is_drill=rng.random() < 0.06,
        )
        inc = incidents.save(declared)
        assert inc.id is not None
        at = detected
        if rng.random() < 0.9:
            at += _duration(rng)
            incidents.change(
                inc.id, lambda i, at=at: i.move_to(Status.ACKNOWLEDGED, at=at, actor="a")
            )
        if rng.random() < 0.15:
            to = rng.choice([s for s in Severity if s is not severity])
            incidents.change(
                inc.id,
                lambda i, to=to, at=at: i.change_severity(to, at=at, actor="a", reason="worse"),
            )
        if rng.random() < 0.85:
            at += _duration(rng)
            incidents.change(inc.id, lambda i, at=at: i.move_to(Status.RESOLVED, at=at, actor="a"))
            if rng.random() < 0.15:  # reopened, resolved again later (or not yet)
                at += _duration(rng)
                incidents.change(
                    inc.id, lambda i, at=at: i.move_to(Status.INVESTIGATING, at=at, actor="a")
                )
                if rng.random() < 0.7:
                    at += _duration(rng)
                    incidents.change(
                        inc.id, lambda i, at=at: i.move_to(Status.RESOLVED, at=at, actor="a")
                    )
        if rng.random() < 0.5:
            _postmortem(postmortems, incidents.get(inc.id), policy, rng, at)


def _postmortem(postmortems, inc, policy, rng: random.Random, at: datetime) -> None:
    draft = prefill(inc, policy, language="en", zone=UTC)
    items = tuple(ActionItem(k, f"fix {k}") for k in range(1, rng.randint(1, 4)))
    if rng.random() < 0.5:
        draft = replace(draft, reviewed_by="CTO", reviewed_on=date(2025, 6, 1))
    created = at + timedelta(hours=rng.randint(1, 72), microseconds=rng.randint(0, 999_999))
    stored = postmortems.create(inc.id, replace(draft, action_items=items), at=created, due_at=None)
    for item in items:
        if rng.random() < 0.7:
            done = created + timedelta(days=rng.choice((0.5, 29.99, 30, 30.0000001, 31, 45)))
            postmortems.set_action_status(stored.id, item.number, ActionStatus.DONE, at=done)
            if rng.random() < 0.2:
                postmortems.set_action_status(
                    stored.id, item.number, ActionStatus.IN_PROGRESS, at=done
                )
    if rng.random() < 0.4:  # signed, or unsigned again, later; an item dropped, one added
        current = postmortems.for_incident(inc.id)
        assert current is not None
        signed = not current.draft.is_signed
        draft = replace(
            current.draft,
            reviewed_by="CTO" if signed else "",
            reviewed_on=date(2025, 7, 1) if signed else None,
            action_items=(*current.draft.action_items[1:], ActionItem(9, "late one")),
            revision=current.draft.revision + 1,
        )
        postmortems.save(inc.id, draft, at=created + timedelta(days=rng.randint(1, 40)))


def stored(db) -> tuple[list[Incident], dict[int, tuple[bool, list[tuple]]]]:
    """Every incident, and for each its post-mortem's signature and items (created, closed)."""
    incidents, postmortems = IncidentRepository(db), PostmortemRepository(db)
    with db.session() as session:
        everything = [incidents.get(i) for i in session.scalars(select(IncidentRow.id))]
    pms = {}
    for inc in everything:
        pm = postmortems.for_incident(inc.id)
        if pm is not None:
            items = [(_created(db, pm.id, i.number), i.closed_at) for i in pm.draft.action_items]
            pms[inc.id] = (pm.signed_at is not None, items)
    return everything, pms


def counted_by_hand(everything, pms, start, end, zone, policy, window) -> KpiReport:
    """Every incident counted here, the SOP's rules applied to each."""
    inside = [i for i in everything if not i.is_drill and start <= i.detected_at < end]
    months, quarters = month_buckets(start, end, zone), quarter_buckets(start, end, zone)

    def stats(values: list[int | None]) -> DurationStats:
        known = sorted(v for v in values if v is not None)
        if not known:
            return DurationStats.of(0, len(values), 0, [], None)
        return DurationStats.of(
            len(known),
            len(values) - len(known),
            sum(known),
            [known[r - 1] for r in middle_ranks(len(known))],
            known[p90_rank(len(known)) - 1],
        )

    def of(severity):
        return [i for i in inside if i.severity is severity]

    per_month = [
        (b.label, {s: sum(1 for i in of(s) if b.start <= i.detected_at < b.end) for s in Severity})
        for b in months
    ]

    def monthly(b, attr):
        seconds = [
            whole_seconds(i.detected_at, getattr(i, attr))
            for i in of(Severity.SEV1)
            if b.start <= i.detected_at < b.end and getattr(i, attr) is not None
        ]
        return (b.label, timedelta(seconds=sum(seconds) / len(seconds)) if seconds else None)

    required = required_severities(policy)
    owed = [i for i in inside if i.severity in required and i.resolved_at is not None]
    signed = sum(1 for i in owed if pms.get(i.id, (False,))[0])
    due = closed = 0
    for i in everything:
        for created, closed_at in [] if i.is_drill else pms.get(i.id, (False, []))[1]:
            if not start <= created < end:
                continue
            if created <= NOW - window or closed_at is not None:
                due += 1
                seconds = whole_seconds(created, closed_at)
                closed += seconds is not None and seconds <= window.total_seconds()
    return KpiReport(
        start=start,
        end=end,
        incidents=len(inside),
        mtta={
            s: stats([whole_seconds(i.detected_at, i.acknowledged_at) for i in of(s)])
            for s in Severity
        },
        mttr={
            s: stats([whole_seconds(i.detected_at, i.resolved_at) for i in of(s)]) for s in Severity
        },
        per_month=per_month,
        sev1_per_quarter=[
            (
                q.label,
                sum(
                    c[Severity.SEV1]
                    for b, (_, c) in zip(months, per_month, strict=True)
                    if q.start <= b.start < q.end
                ),
            )
            for q in quarters
        ],
        postmortems_required=len(owed),
        postmortems_signed=signed,
        action_items_due=due,
        action_items_closed_in_window=closed,
        monthly_mtta_sev1=[monthly(b, "acknowledged_at") for b in months],
        monthly_mttr_sev1=[monthly(b, "resolved_at") for b in months],
    )


def _created(db, postmortem_id, number) -> datetime:
    from oncall_desktop.storage.tables import ActionItemRow

    with db.session() as session:
        return session.scalar(
            select(ActionItemRow.created_at).where(
                ActionItemRow.postmortem_id == postmortem_id, ActionItemRow.number == number
            )
        )


def reported(db, start, end, zone, policy, window) -> KpiReport:
    return KpiQueries(db).report(
        start,
        end,
        month_buckets(start, end, zone),
        quarter_buckets(start, end, zone),
        required_severities(policy),
        window,
        NOW,
    )


def kept(db) -> tuple[list, list, list]:
    """The facts and the rollups as stored (rollups that came back to zero are as good as
    absent)."""
    with db.session() as session:
        facts = session.execute(select(IncidentKpiRow.__table__)).all()
        counts = session.execute(select(KpiCountRow.__table__)).all()
        bins = session.execute(select(KpiHistogramRow.__table__)).all()
    return (
        sorted(tuple(r) for r in facts),
        sorted(tuple(r) for r in counts if any(r[3:])),
        sorted(tuple(r) for r in bins if r[-1]),
    )


@pytest.fixture
def history(database_url, policy):
    db = open_database(database_url)
    write_history(db, policy, random.Random(28))
    # an open action item created exactly when the window closes is due (at or before)
    edge = NOW - policy.kpis.action_items_window
    inc = IncidentRepository(db).save(
        Incident.declare(
            title="edge", severity=Severity.SEV1, at=edge - timedelta(days=1), actor="a"
        )
    )
    draft = replace(
        prefill(inc, policy, language="en", zone=UTC), action_items=(ActionItem(1, "open"),)
    )
    PostmortemRepository(db).create(inc.id, draft, at=edge, due_at=None)
    yield db
    db.close()


def test_every_period_and_zone_gives_what_counting_every_incident_gives(history, policy):
    rng = random.Random(7)
    periods = [(T0 - timedelta(days=1), NOW), (T0 + timedelta(days=200), NOW + timedelta(days=60))]
    for _ in range(6):
        a = T0 + timedelta(seconds=rng.randint(0, 150 * 86400), microseconds=rng.randint(0, 10**6))
        periods.append((a, a + timedelta(seconds=rng.randint(3600, 120 * 86400))))
    everything, pms = stored(history)
    for n, (start, end) in enumerate(periods):
        zone = ZONES[n % len(ZONES)]
        window = policy.kpis.action_items_window if n % 3 else timedelta(days=29, hours=12)
        expected = counted_by_hand(everything, pms, start, end, zone, policy, window)
        assert reported(history, start, end, zone, policy, window) == expected, (start, end, zone)

    # and the facts kept write by write are the facts made again from scratch
    before = kept(history)
    assert before[0] and before[1] and before[2]
    with history.engine.begin() as connection:
        rebuild(connection)
    assert kept(history) == before


def test_a_change_on_one_console_is_counted_by_another_at_once(database_url, policy):
    mine, theirs = open_database(database_url), open_database(database_url)
    try:
        start, end = T0, T0 + timedelta(days=30)

        def sev1(db):
            return reported(db, start, end, UTC, policy, policy.kpis.action_items_window).mtta[
                Severity.SEV1
            ]

        inc = IncidentRepository(theirs).save(
            Incident.declare(
                title="x", severity=Severity.SEV1, at=T0 + timedelta(days=3), actor="b"
            )
        )
        assert sev1(mine) == DurationStats(count=0, missing=1)
        IncidentRepository(theirs).change(
            inc.id,
            lambda i: i.move_to(
                Status.ACKNOWLEDGED, at=T0 + timedelta(days=3, minutes=4), actor="b"
            ),
        )
        assert sev1(mine).mean == timedelta(minutes=4)
    finally:
        mine.close()
        theirs.close()


@pytest.mark.postgres
def test_consoles_writing_at_once_lose_nothing(postgres_url, policy):
    """Four consoles change incidents detected in the same hours and sign each other's
    post-mortems at the same time: the sums stay those of the facts."""
    setup = open_database(postgres_url)
    incidents, postmortems = IncidentRepository(setup), PostmortemRepository(setup)
    ids = []
    for n in range(12):
        inc = incidents.save(
            Incident.declare(
                title=f"{n}", severity=Severity.SEV2, at=T0 + timedelta(minutes=n), actor="a"
            )
        )
        postmortems.create(
            inc.id, prefill(inc, policy, language="en", zone=UTC), at=T0, due_at=None
        )
        ids.append(inc.id)
    errors: list[BaseException] = []

    def console(k: int) -> None:
        db = open_database(postgres_url)
        try:
            mine, pms = IncidentRepository(db), PostmortemRepository(db)
            for step in range(6):
                for inc_id in ids[k::4] + ids[(k + 1) % 4 :: 4]:
                    at = T0 + timedelta(hours=1, minutes=step, seconds=k)
                    mine.change(
                        inc_id,
                        lambda i, at=at: i.move_to(
                            Status.INVESTIGATING
                            if i.status is Status.RESOLVED
                            else Status.RESOLVED,
                            at=at,
                            actor="k",
                        ),
                    )
                    pm = pms.for_incident(inc_id)
                    signed = not pm.draft.is_signed
                    draft = replace(
                        pm.draft,
                        reviewed_by="CTO" if signed else "",
                        reviewed_on=date(2025, 3, 2) if signed else None,
                        revision=pm.draft.revision + 1,
                    )
                    pms.save(inc_id, draft, at=at)
        except BaseException as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            db.close()

    threads = [threading.Thread(target=console, args=(k,)) for k in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert not errors, errors
    before = kept(setup)
    with setup.engine.begin() as connection:
        rebuild(connection)
    assert kept(setup) == before
    setup.close()

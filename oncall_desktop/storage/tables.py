"""The database tables. ORM rows never leave the storage package: repositories turn them into
core dataclasses."""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import (
    BigInteger,
    Boolean,
    Computed,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

# Stable constraint names, so Alembic's batch mode on SQLite can alter tables later.
NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UtcDateTime(TypeDecorator[datetime]):
    """Aware UTC datetimes in, aware UTC datetimes out, stored as naive UTC on every backend
    (SQLite has no time zones; one convention keeps SQL aggregates identical everywhere)."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: object) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to the database; use aware UTC")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: object) -> datetime | None:
        return value.replace(tzinfo=UTC) if value is not None else None


NEVER_UP, NEVER_DOWN = 2147483647, -2147483648  # beyond any duration, in seconds


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class IncidentRow(Base):
    __tablename__ = "incidents"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    title: Mapped[str] = mapped_column(Text)
    impact: Mapped[str] = mapped_column(Text, default="")
    severity: Mapped[str] = mapped_column(String(8))
    status: Mapped[str] = mapped_column(String(16))
    detected_at: Mapped[datetime] = mapped_column(UtcDateTime)
    declared_at: Mapped[datetime] = mapped_column(UtcDateTime)
    acknowledged_at: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)
    resolved_at: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)
    closed_at: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)
    # the alert it follows, from whichever source (integrations/sources): one incident per alert
    alert_source: Mapped[str | None] = mapped_column(String(32), nullable=True)
    alert_id: Mapped[str | None] = mapped_column(String(64), nullable=True)
    alert_url: Mapped[str | None] = mapped_column(Text, nullable=True)
    is_drill: Mapped[bool] = mapped_column(Boolean, default=False)
    # Raised by one with each change stored, under the row's lock (storage/incidents.py): the
    # announcement of a change carries it, so a console knows what it missed (migration 0012)
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    # Derived from the timestamps on every save (see IncidentRepository), for the KPIs.
    ack_seconds: Mapped[int | None] = mapped_column(Integer, nullable=True)
    resolve_seconds: Mapped[int | None] = mapped_column(Integer, nullable=True)
    # The history's sort keys, computed by the database (migration 0011): the title as its
    # lower() has it, and the durations with "never" last both ways (a bound beyond any
    # duration, up or down). Each leads an index below.
    sort_title: Mapped[str | None] = mapped_column(Text, Computed("lower(title)"), nullable=True)
    sort_ack_up: Mapped[int | None] = mapped_column(
        BigInteger, Computed(f"coalesce(ack_seconds, {NEVER_UP})"), nullable=True
    )
    sort_ack_down: Mapped[int | None] = mapped_column(
        BigInteger, Computed(f"coalesce(ack_seconds, {NEVER_DOWN})"), nullable=True
    )
    sort_resolve_up: Mapped[int | None] = mapped_column(
        BigInteger, Computed(f"coalesce(resolve_seconds, {NEVER_UP})"), nullable=True
    )
    sort_resolve_down: Mapped[int | None] = mapped_column(
        BigInteger, Computed(f"coalesce(resolve_seconds, {NEVER_DOWN})"), nullable=True
    )

    events: Mapped[list[TimelineEventRow]] = relationship(
        back_populates="incident", cascade="all, delete-orphan", order_by="TimelineEventRow.id"
    )
    steps: Mapped[list[ChecklistStepRow]] = relationship(
        back_populates="incident", cascade="all, delete-orphan"
    )

    __table_args__ = (
        # The history's orders, each ending with the id (the tie-break) and is_drill (its
        # filter read from the index): a page anywhere is a walk along one index, never a
        # sort of the history.
        Index("ix_incidents_detected", "detected_at", "id", "is_drill"),
        Index("ix_incidents_severity", "severity", "detected_at", "id", "is_drill"),
        Index("ix_incidents_status", "status", "detected_at", "id", "is_drill"),
        Index("ix_incidents_title", "sort_title", "id", "is_drill"),
        Index("ix_incidents_ack_up", "sort_ack_up", "id", "is_drill"),
        Index("ix_incidents_ack_down", "sort_ack_down", "id", "is_drill"),
        Index("ix_incidents_resolve_up", "sort_resolve_up", "id", "is_drill"),
        Index("ix_incidents_resolve_down", "sort_resolve_down", "id", "is_drill"),
        UniqueConstraint("alert_source", "alert_id", name="uq_incidents_alert"),
    )


class TimelineEventRow(Base):
    __tablename__ = "timeline_events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    incident_id: Mapped[int] = mapped_column(ForeignKey("incidents.id", ondelete="CASCADE"))
    at: Mapped[datetime] = mapped_column(UtcDateTime)
    kind: Mapped[str] = mapped_column(String(32))
    actor: Mapped[str] = mapped_column(String(200), default="")
    data: Mapped[str] = mapped_column(Text, default="{}")  # JSON

    incident: Mapped[IncidentRow] = relationship(back_populates="events")

    __table_args__ = (
        Index("ix_timeline_events_incident_at", "incident_id", "at"),
        # what a console reads after a change it could not apply: the events after its last
        Index("ix_timeline_events_incident_id", "incident_id", "id"),
    )


class ChecklistStepRow(Base):
    __tablename__ = "checklist_steps"

    incident_id: Mapped[int] = mapped_column(
        ForeignKey("incidents.id", ondelete="CASCADE"), primary_key=True
    )
    step_id: Mapped[str] = mapped_column(String(16), primary_key=True)
    done_at: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)
    done_by: Mapped[str] = mapped_column(String(200), default="")
    note: Mapped[str] = mapped_column(Text, default="")

    incident: Mapped[IncidentRow] = relationship(back_populates="steps")


class OutboxPostRow(Base):
    __tablename__ = "outbox_posts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    incident_id: Mapped[int | None] = mapped_column(
        ForeignKey("incidents.id", ondelete="SET NULL"), nullable=True
    )
    target: Mapped[str] = mapped_column(String(32))
    kind: Mapped[str] = mapped_column(String(32), default="")
    audience: Mapped[str] = mapped_column(String(32), default="")
    # a Slack channel, a PagerDuty id, or a destination's own route (a mail's recipients):
    # Text, as no length fits every route (migration 0009)
    destination: Mapped[str] = mapped_column(Text, default="")
    text: Mapped[str] = mapped_column(Text)
    notify_channel: Mapped[bool] = mapped_column(Boolean, default=False)
    state: Mapped[str] = mapped_column(String(16))
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    next_attempt_at: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)
    claimed_at: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)
    claimed_by: Mapped[str] = mapped_column(String(64), default="")
    sent_at: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)
    last_error: Mapped[str] = mapped_column(Text, default="")  # English
    # JSON of the same as a core/messages.UserMessage, translated when shown (migration 0013)
    last_error_message: Mapped[str | None] = mapped_column(Text, nullable=True)
    remote_ref: Mapped[str] = mapped_column(Text, default="")
    delivered_as: Mapped[str] = mapped_column(String(32), default="")
    unsure: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    maybe_twice: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    # JSON of Post.extra: what a deliverer keeps from one attempt to the next (the recipients
    # that took a mail, migration 0009)
    extra: Mapped[str] = mapped_column(Text, default="{}")

    __table_args__ = (
        Index("ix_outbox_posts_due", "state", "next_attempt_at"),
        Index("ix_outbox_posts_incident", "incident_id"),
    )


class PostmortemRow(Base):
    __tablename__ = "postmortems"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    incident_id: Mapped[int] = mapped_column(
        ForeignKey("incidents.id", ondelete="CASCADE"), unique=True
    )
    title: Mapped[str] = mapped_column(Text)
    body: Mapped[str] = mapped_column(Text)  # JSON of core.postmortem.PostMortem
    revision: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)
    due_at: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)
    signed_at: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)

    action_items: Mapped[list[ActionItemRow]] = relationship(
        back_populates="postmortem", cascade="all, delete-orphan", order_by="ActionItemRow.number"
    )


class ActionItemRow(Base):
    __tablename__ = "action_items"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    postmortem_id: Mapped[int] = mapped_column(ForeignKey("postmortems.id", ondelete="CASCADE"))
    number: Mapped[int] = mapped_column(Integer)
    action: Mapped[str] = mapped_column(Text)
    owner: Mapped[str] = mapped_column(String(200))
    due_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    status: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    closed_at: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)

    postmortem: Mapped[PostmortemRow] = relationship(back_populates="action_items")

    __table_args__ = (
        UniqueConstraint("postmortem_id", "number", name="uq_action_items_postmortem_id"),
        Index("ix_action_items_open_due", "status", "due_on"),
        Index("ix_action_items_created_at", "created_at"),
    )


class IncidentKpiRow(Base):
    """What the KPIs count of an incident (core.kpis.IncidentFacts), written with it in the
    same transaction (storage/kpi_facts.py); drills have none. The durations' bins lead two
    indexes, so a period's values in one bin are read in order without a sort of the period."""

    __tablename__ = "incident_kpis"

    incident_id: Mapped[int] = mapped_column(
        ForeignKey("incidents.id", ondelete="CASCADE"), primary_key=True, autoincrement=False
    )
    detected_at: Mapped[datetime] = mapped_column(UtcDateTime)
    severity: Mapped[str] = mapped_column(String(8))
    ack_seconds: Mapped[int | None] = mapped_column(Integer, nullable=True)
    resolve_seconds: Mapped[int | None] = mapped_column(Integer, nullable=True)
    ack_bin: Mapped[int | None] = mapped_column(Integer, nullable=True)
    resolve_bin: Mapped[int | None] = mapped_column(Integer, nullable=True)
    postmortem_signed: Mapped[bool] = mapped_column(Boolean, default=False)

    __table_args__ = (
        Index("ix_incident_kpis_detected_at", "detected_at"),
        Index("ix_incident_kpis_ack", "severity", "ack_bin", "detected_at", "ack_seconds"),
        Index(
            "ix_incident_kpis_resolve", "severity", "resolve_bin", "detected_at", "resolve_seconds"
        ),
    )


class KpiCountRow(Base):
    """The incidents detected in one aligned span of time (an hour, a day, 8 or 64 days from
    the Unix epoch, UTC), per severity: how many, acknowledged and resolved ones with their
    total seconds, resolved ones with a signed post-mortem. Sums of incident_kpis, kept with
    it."""

    __tablename__ = "kpi_counts"

    span: Mapped[int] = mapped_column(Integer, primary_key=True)  # seconds
    start: Mapped[datetime] = mapped_column(UtcDateTime, primary_key=True)
    severity: Mapped[str] = mapped_column(String(8), primary_key=True)
    incidents: Mapped[int] = mapped_column(BigInteger, default=0)
    acknowledged: Mapped[int] = mapped_column(BigInteger, default=0)
    ack_total: Mapped[int] = mapped_column(BigInteger, default=0)
    resolved: Mapped[int] = mapped_column(BigInteger, default=0)
    resolve_total: Mapped[int] = mapped_column(BigInteger, default=0)
    signed: Mapped[int] = mapped_column(BigInteger, default=0)

    __table_args__ = ({"sqlite_with_rowid": False},)


class KpiHistogramRow(Base):
    """How many values fell in each bin, per aligned span (a day, 8 or 64 days): the
    incidents' times to acknowledge and to resolve per severity (metric "ack", "resolve", by
    detection), and the action items' days to done (metric "item", severity "", bin -1 while
    open, by creation)."""

    __tablename__ = "kpi_histograms"

    span: Mapped[int] = mapped_column(Integer, primary_key=True)
    start: Mapped[datetime] = mapped_column(UtcDateTime, primary_key=True)
    metric: Mapped[str] = mapped_column(String(8), primary_key=True)
    severity: Mapped[str] = mapped_column(String(8), primary_key=True)
    bin: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    count: Mapped[int] = mapped_column(BigInteger, default=0)

    __table_args__ = ({"sqlite_with_rowid": False},)


class HandoffRow(Base):
    __tablename__ = "handoffs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    change_at: Mapped[datetime] = mapped_column(UtcDateTime, unique=True)
    outgoing: Mapped[str] = mapped_column(String(200))
    incoming: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text)  # JSON of core.handoff.HandoffNote
    revision: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)
    signed_at: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)
    completed_at: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)


class PresenceRow(Base):
    """Which console has which incident open, by whom, as of its last heartbeat (team mode);
    incident 0: the console is running with no cockpit open."""

    __tablename__ = "console_presence"

    console: Mapped[str] = mapped_column(String(64), primary_key=True)
    incident_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person: Mapped[str] = mapped_column(String(200))
    heartbeat_at: Mapped[datetime] = mapped_column(UtcDateTime)

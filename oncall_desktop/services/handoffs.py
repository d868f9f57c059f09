"""The on-call rotation and its handoff: who is on call, when it changes, the handoff draft
created at the change (or at the next start if the app was closed then), its autosave, and
the live check of the incoming engineer's PagerDuty set-up."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta, tzinfo
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal

from oncall_desktop.config.schema import WEEKDAYS, Settings
from oncall_desktop.core.capabilities import Capability
from oncall_desktop.core.clock import Clock
from oncall_desktop.core.errors import DomainError
from oncall_desktop.core.handoff import (
    HandoffNote,
    RotationSpec,
    Shift,
    incident_lines,
    prefill,
    shift_at,
    shift_from_oncalls,
)
from oncall_desktop.core.messages import QT_TR_NOOP
from oncall_desktop.core.policy import Policy
from oncall_desktop.core.postmortem import ActionStatus, TrackedActionItem
from oncall_desktop.integrations.errors import IntegrationError
from oncall_desktop.integrations.secrets import SecretStore, SecretStoreError
from oncall_desktop.integrations.sources import (
    NotConfigured,
    SourceKind,
    source_kind,
    source_kinds,
)
from oncall_desktop.services.alert_sources import source_options
from oncall_desktop.services.messages import said, shown
from oncall_desktop.services.tasks import TaskRunner
from oncall_desktop.storage.errors import StorageUnavailable

if TYPE_CHECKING:
    from oncall_desktop.storage.handoffs import HandoffRepository, StoredHandoff
    from oncall_desktop.storage.incidents import IncidentRepository
    from oncall_desktop.storage.postmortems import PostmortemRepository

log = logging.getLogger(__name__)

ACTION_ITEMS_HORIZON = timedelta(days=7)  # "due soon" in the handoff: within a week
PAGERDUTY_ROTATION_TTL = timedelta(minutes=10)  # GET /oncalls has its own rate limit


def rotation_spec(settings: Settings, policy: Policy) -> RotationSpec:
    """The weekly rotation from the settings, each empty setting falling back on the SOP."""
    rotation = policy.rotation
    weekday = settings.rotation_weekday or rotation.weekday
    hour, minute = rotation.hour, 0
    if settings.rotation_time:
        hour, minute = (int(part) for part in settings.rotation_time.split(":"))
    members = tuple(m.strip() for m in settings.rotation_members.split(",") if m.strip())
    anchor = rotation.anchor
    if settings.rotation_anchor:
        anchor = date.fromisoformat(settings.rotation_anchor)
    return RotationSpec(
        weekday=WEEKDAYS.index(weekday),
        hour=hour,
        minute=minute,
        length_days=rotation.length_days,
        members=members or rotation.members,
        anchor=anchor,
    )


@dataclass(frozen=True)
class Rotation:
    shift: Shift
    source: str  # "settings" or "pagerduty"
    problem: str = ""  # why PagerDuty's rotation could not be used


class HandoffService(QObject):
    """Signals:
    rotation_changed(object): the current Rotation.
    due(object): the StoredHandoff of the latest change, just created or still incomplete.
    saved(object): a StoredHandoff after an autosave.
    verified(bool, str): the live check of the incoming engineer in the source that keeps
        rotations (checked_source()), and what it found; after a failure, ``by_hand`` says
        whether there was nothing to check with (no such source, or no token), a human tick
        allowed.
    problem(object): something the user must know (a UserMessage, said again in a new
        language, or text; services.messages.said).
    """

    rotation_changed = Signal(object)
    due = Signal(object)
    saved = Signal(object)
    verified = Signal(bool, str)
    problem = Signal(object)

    def __init__(
        self,
        handoffs: HandoffRepository,
        incidents: IncidentRepository,
        postmortems: PostmortemRepository,
        runner: TaskRunner,
        clock: Clock,
        policy: Policy,
        secrets: SecretStore,
        settings: Callable[[], Settings],
        zone: Callable[[], tzinfo | None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._handoffs = handoffs
        self._incidents = incidents
        self._postmortems = postmortems
        self._runner = runner
        self.clock = clock
        self.policy = policy
        self._secrets = secrets
        self._settings = settings
        self._zone = zone
        self.rotation: Rotation | None = None
        self.current: StoredHandoff | None = None
        self._pagerduty_checked_at: datetime | None = None
        self.by_hand = False  # the last live check had nothing to check with

    # --- rotation -------------------------------------------------------------------------------

    def settings_shift(self, now: datetime) -> Shift:
        return shift_at(rotation_spec(self._settings(), self.policy), now, self._zone())

    def refresh_rotation(self, then: Callable[[], None] = lambda: None) -> None:
        """The rotation now: from the settings at once, or from PagerDuty on a worker."""
        settings, now = self._settings(), self.clock.now()
        try:
            fallback = Rotation(self.settings_shift(now), "settings")
        except (DomainError, ValueError) as error:
            self.problem.emit(
                QT_TR_NOOP("The rotation settings are not usable: {reason}").format(
                    reason=said(error)
                )
            )
            return
        kind = source_kind(settings.rotation_source)
        if kind is None:  # "settings", or a source not installed here
            self._set_rotation(fallback)
            then()
            return
        secrets, options = self._secrets, source_options(settings)

        def from_source() -> Rotation:
            try:
                source = kind.connect(secrets, options)
            except NotConfigured:
                return Rotation(fallback.shift, "settings", f"no {kind.name} token is stored")
            me = source.whoami()
            mine = source.oncall_shifts(now, now + timedelta(days=30), user_ids=[me.id])
            if not mine:
                return Rotation(fallback.shift, "settings", "you have no on-call shift ahead")
            days = fallback_days(fallback.shift)
            team = source.oncall_shifts(
                now - timedelta(days=days),
                now + timedelta(days=days),
                policy_ids=[mine[0].policy_id],
            )
            shift = shift_from_oncalls(team, now)
            if shift is None:
                return Rotation(fallback.shift, "settings", f"{kind.name} shows no rotation")
            return Rotation(shift, kind.id)

        def failed(error: Exception) -> None:
            if not isinstance(error, IntegrationError | SecretStoreError):
                raise error
            self._set_rotation(Rotation(fallback.shift, "settings", shown(error)))
            then()

        def done(rotation: Rotation) -> None:
            self._set_rotation(rotation)
            then()

        self._runner.run(from_source, done, failed)

    def _set_rotation(self, rotation: Rotation) -> None:
        self.rotation = rotation
        if rotation.problem:
            log.info("rotation from the settings: %s", rotation.problem)
        self.rotation_changed.emit(rotation)

    # --- the handoff of the latest change -----------------------------------------------------

    def check_due(self) -> None:
        """Make sure the latest change has its handoff draft (created now if the app was
        closed at the change), and hand it over if it is not complete."""
        if self.rotation is None:
            return
        shift, now, zone = self.rotation.shift, self.clock.now(), self._zone()
        if shift.start > now:
            return

        def ensure() -> StoredHandoff:
            stored = self._handoffs.for_change(shift.start)
            if stored is not None:
                return self._with_open_incidents(stored)
            last_week = self._incidents.list_detected_between(
                shift.start - timedelta(days=7), shift.start
            )
            previous = self._handoffs.previous(shift.start)
            today = now.astimezone(zone).date()
            soon = today + ACTION_ITEMS_HORIZON
            items = [
                action_line(t)
                for t in self._postmortems.tracked_action_items()
                if t.item.status is not ActionStatus.DONE
                and t.item.due is not None
                and t.item.due <= soon
            ]
            note = prefill(
                shift.start,
                shift.previous,
                shift.primary,
                active=self._incidents.list_active(),
                last_week=last_week,
                previous=previous.note if previous else None,
                action_items=items,
                today=today,
            )
            return self._handoffs.create(note, at=now)

        self._runner.run(ensure, self._on_due, self._on_error, write=True)

    def open_latest(self, then: Callable[[StoredHandoff], None]) -> None:
        """On demand: the latest change's handoff (created if needed)."""
        rotation = self.rotation
        if rotation is None:
            self.problem.emit(QT_TR_NOOP("The rotation is not known yet; try again in a moment."))
            return
        if rotation.shift.start > self.clock.now():
            self.problem.emit(QT_TR_NOOP("The rotation has not started yet: no handoff so far."))
            return
        current = self.current
        if current is not None and current.note.change_at == rotation.shift.start:
            self._runner.run(
                lambda: self._with_open_incidents(current), then, self._on_error, write=True
            )
            return
        self.due.connect(then, type=Qt.ConnectionType.SingleShotConnection)
        self.check_due()

    def _with_open_incidents(self, stored: StoredHandoff) -> StoredHandoff:
        """(On a worker.) The handoff as it opens: until it is signed, its active incidents
        are those open now, not those open when its draft was made (an incident raised
        since the change, such as the drill's SEV-1, read "No active incidents"). Kept with
        the note's next save; a signed handoff stays as it was handed over."""
        if stored.note.signed_at is not None:
            return stored
        active = incident_lines(self._incidents.list_active())
        if active == stored.note.active:
            return stored
        return replace(stored, note=replace(stored.note, active=active))

    def _on_due(self, stored: StoredHandoff) -> None:
        self.current = stored
        self.due.emit(stored)

    def save(self, note: HandoffNote) -> None:
        policy, now = self.policy, self.clock.now()
        self._runner.run(
            lambda: self._handoffs.save(note, at=now, complete=note.is_complete(policy)),
            self._on_saved,
            self._on_error,
            write=True,
        )

    def _on_saved(self, stored: StoredHandoff) -> None:
        if self.current is None or self.current.note.change_at == stored.note.change_at:
            self.current = stored
        self.saved.emit(stored)

    def history(self, then: Callable[[list[StoredHandoff]], None]) -> None:
        self._runner.run(self._handoffs.history, then, self._on_error, write=True)

    # --- the incoming engineer's checks ---------------------------------------------------------

    def _checked_kind(self) -> SourceKind | None:
        """The source the live check asks: the one the rotation is read from (Settings), else
        the first that keeps rotations; None when none does."""
        rotating = [k for k in source_kinds() if k.can(Capability.ROTATION)]
        chosen = source_kind(self._settings().rotation_source)
        return chosen if chosen in rotating else (rotating[0] if rotating else None)

    def checked_source(self) -> str:
        """The name of the source the live check asks ("PagerDuty"); "" when none can."""
        kind = self._checked_kind()
        return kind.name if kind is not None else ""

    def verify_rotation_source(self) -> None:
        """SOP: "Verified PagerDuty configured", checked live when a token is stored, in the
        source that keeps rotations (checked_source())."""
        secrets, options = self._secrets, source_options(self._settings())
        kind = self._checked_kind()

        def check() -> str:
            if kind is None:
                raise _ByHand(QT_TR_NOOP("No alert source keeps on-call rotations."))
            try:
                source = kind.connect(secrets, options)
            except NotConfigured:
                raise _ByHand(
                    QT_TR_NOOP(
                        "No {source} token is stored: add it in Settings, or tick this by hand "
                        "once you have checked {source} yourself."
                    ).format(source=kind.name)
                ) from None
            me = source.whoami()
            now = self.clock.now()
            shifts = source.oncall_shifts(now, now + timedelta(days=30), user_ids=[me.id])
            who = f"{me.name} <{me.email}>" if me.email else me.name or me.id
            if not shifts:
                return f"token valid for {who}; no on-call shift in the next 30 days"
            first = min(shifts, key=lambda e: e.start or now)
            when = (first.start or now).astimezone(self._zone()).strftime("%Y-%m-%d %H:%M")
            return f"token valid for {who}; on call (level {first.level}) from {when}"

        def failed(error: Exception) -> None:
            if not isinstance(error, IntegrationError | SecretStoreError):
                raise error
            self.by_hand = isinstance(error, _ByHand)
            self.verified.emit(False, shown(error))

        self._runner.run(check, lambda detail: self.verified.emit(True, detail), failed)

    def _on_error(self, error: Exception) -> None:
        if isinstance(error, KeyError | StorageUnavailable | DomainError):
            self.problem.emit(said(error))
            return
        raise error


class _ByHand(IntegrationError):
    """Nothing to check the incoming engineer with: they tick it by hand."""


def action_line(tracked: TrackedActionItem) -> str:
    """'INC-2025-10-20-001 #1 Fix failover (Orchestrateur, 2025-10-28)'."""
    item = tracked.item
    where = tracked.postmortem_title.split(":")[-1].strip()
    details = ", ".join(p for p in (item.owner, item.due.isoformat() if item.due else "") if p)
    return f"{where} #{item.number} {item.action}" + (f" ({details})" if details else "")


def fallback_days(shift: Shift) -> int:
    """How far ahead to ask PagerDuty: the shift's length and a day, within its 90 days."""
    return max(2, min(90, (shift.end - shift.start).days + 1))

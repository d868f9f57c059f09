"""Incident use cases for the UI: list, declare; all database work off the GUI thread."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from oncall_desktop.core.alert_requests import AlertAction, source_confirmed
from oncall_desktop.core.clock import Clock
from oncall_desktop.core.errors import DomainError
from oncall_desktop.core.evidence import is_done
from oncall_desktop.core.incident import Incident, Status
from oncall_desktop.core.paging import Page
from oncall_desktop.core.policy import Audience, Policy, Severity
from oncall_desktop.integrations.sources import source_name
from oncall_desktop.services.messages import said, shown
from oncall_desktop.services.tasks import TaskRunner
from oncall_desktop.storage.errors import StorageUnavailable


def proposed_severity(urgency: str) -> Severity:
    """The provisional severity of a page: high urgency SEV-1 (the tightest clocks), else SEV-3."""
    return Severity.SEV1 if urgency == "high" else Severity.SEV3


def incident_from_page(page: Page, now: datetime, actor: str, drill: bool = False) -> Incident:
    """A local incident for a page. Its severity is provisional (high urgency: SEV-1, the
    tightest clocks; low: SEV-3) until the engineer confirms it with the severity wizard."""
    severity = proposed_severity(page.urgency)
    detected = min(page.created_at or now, now)
    acknowledged = page.acknowledged_at if page.status != "triggered" else None
    return Incident.declare(
        title=page.title,
        severity=severity,
        at=now,
        actor=actor,
        detected_at=detected,
        # no words of ours: reads in any language
        impact=f"{page.service} ({source_name(page.source)})" if page.service else "",
        status=Status.ACKNOWLEDGED if acknowledged else Status.TRIGGERED,
        acknowledged_at=min(acknowledged, now) if acknowledged else None,
        provisional_from_urgency=page.urgency,  # worded by the timeline in the reader's language
        alert=page.link,
        is_drill=drill,
    )


def apply_page_status(incident: Incident, page: Page, now: datetime) -> bool:
    """Follow the alert source's status; True when the local incident changed."""
    source = source_name(page.source)  # the actor: "PagerDuty" acknowledged it
    if page.status == "acknowledged" and incident.status is Status.TRIGGERED:
        incident.move_to(
            Status.ACKNOWLEDGED,
            at=min(page.acknowledged_at or now, now),
            actor=source,
            confirmed_by=page.source,
        )
        return True
    if page.status == "resolved" and incident.is_active:
        incident.move_to(
            Status.RESOLVED,
            at=now,
            actor=source,
            note=f"resolved in {source}",
            confirmed_by=page.source,
        )
        return True
    if page.status == "resolved" and not source_confirmed(incident, Status.RESOLVED):
        # resolved here only, and now there too (the team that kept the page)
        incident.record_alert_answer(
            AlertAction.RESOLVE.value, ok=True, at=now, actor=source, source_name=source
        )
        return True
    return False


if TYPE_CHECKING:  # the repository (and SQLAlchemy) is loaded by the worker opening the database
    from oncall_desktop.services.changefeed import ChangeFeed
    from oncall_desktop.storage.changes import Change
    from oncall_desktop.storage.db import Database
    from oncall_desktop.storage.incidents import IncidentRepository
    from oncall_desktop.storage.mirror import IncidentMirror

log = logging.getLogger(__name__)

# Colleagues' changes arriving together show in the incident list once in this window.
LIST_RELOAD_COALESCE_MS = 150


class IncidentService(QObject):
    """Signals:
    incidents_changed(list): the open incidents (list[Incident]), most recent first.
    incident_declared(object): the Incident just stored.
    incident_opened(object): the local Incident for a PagerDuty page (found or created).
    incident_changed(object): an Incident as stored after a change made through this service.
    change_refused(int, str): a change to this incident id was not stored, and why (the
        window it was made in springs back and says so).
    pages_resolved_here(object): the set of Page.key resolved here, still open in their source.
    problem(object): something the user must know (database unavailable, bad input)
        (a UserMessage, said again in a new language, or text; services.messages.said).
    """

    incidents_changed = Signal(list)
    incident_declared = Signal(object)
    incident_opened = Signal(object)
    incident_changed = Signal(object)
    change_refused = Signal(int, str)
    pages_resolved_here = Signal(object)
    problem = Signal(object)

    def __init__(
        self,
        repository: IncidentRepository,
        runner: TaskRunner,
        clock: Clock,
        policy: Policy,
        actor: str,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._repo = repository
        self._runner = runner
        self.clock = clock
        self.policy = policy
        self.actor = actor
        self.active: list[Incident] = []
        # whether `active` has been read from the database yet: until then "no incident" would
        # be a confident wrong answer (the terminal's status, note and ack say "still opening")
        self.listed = False
        # this console's own writes, numbered, with the incident each left: a list read asked
        # before a write came back after it must not show the incident as it was (a second
        # `ack` would then find it still triggered)
        self._written = 0
        self._writes: dict[int, tuple[int, Incident]] = {}
        self._lists_asked = 0  # lists asked for so far: each answer knows its place
        self._list_shown = 0  # the place of the newest list shown
        # pages (Page.key) whose local incident was resolved here while they stay open in
        # their source: the pages list says so rather than "not opened"
        self.resolved_here: set[str] = set()
        self.drill = False  # drill mode: everything declared here is marked as a drill
        self._following = False  # team mode: colleagues' changes (follow_colleagues)
        self._mirror: IncidentMirror | None = None  # team mode: each incident at its version
        self._list_reload = QTimer(self)
        self._list_reload.setSingleShot(True)
        self._list_reload.setInterval(LIST_RELOAD_COALESCE_MS)
        self._list_reload.timeout.connect(lambda: self.incidents_changed.emit(self.active))

    def refresh(self) -> None:
        self._lists_asked += 1
        mirror, asked = self._mirror, (self._lists_asked, self._written)
        if mirror is None:
            self._runner.run(
                self._repo.list_active,
                lambda listed: self._on_listed(listed, asked),
                self._on_error,
            )
            return
        mark = mirror.mark()  # what colleagues change while it reads is kept (listed)
        self._runner.run(
            self._repo.list_active,
            lambda listed: self._on_listed(mirror.listed(listed, mark), asked),
            self._on_error,
        )

    def declare(
        self,
        title: str,
        severity: Severity,
        impact: str = "",
        reason: str = "",
        detected_at: datetime | None = None,
    ) -> None:
        now = self.clock.now()
        # Declaring is acknowledging: whoever declares is on it, so no acknowledge clock runs
        # against them (a page, by contrast, waits for someone to take it).
        incident = Incident.declare(
            title=title,
            severity=severity,
            impact=impact,
            at=now,
            actor=self.actor,
            detected_at=min(detected_at, now) if detected_at else None,
            status=Status.ACKNOWLEDGED,
            severity_reason=reason,
            is_drill=self.drill,
        )
        self._runner.run(
            lambda: self._repo.save(incident), self._on_declared, self._on_error, write=True
        )

    def open_from_page(self, page: Page) -> None:
        """Find the local incident for a PagerDuty page, or create it with PagerDuty's own
        times (created_at as detection, the first acknowledgement), so that MTTA is real."""
        now, actor = self.clock.now(), self.actor

        def find_or_create() -> Incident:
            # two consoles opening the same page get the same incident
            return self._repo.create_for_page(incident_from_page(page, now, actor, self.drill))

        self._runner.run(find_or_create, self._on_opened, self._on_error, write=True)

    def sync_from_sources(self, pages: list[Page]) -> None:
        """Bring local incidents in line with what happened in their alert source (a colleague
        acknowledged or resolved it there), and learn which pages were resolved here only."""
        by_link = {(p.source, p.id): p for p in pages}
        active = {(i.alert.source, i.alert.id) for i in self.active if i.alert}
        still_open = [link for link, page in by_link.items() if page.status != "resolved"]
        unknown = [link for link in still_open if link not in active]
        if unknown:
            self._runner.run(
                lambda: self._repo.closed_for_alerts(unknown), self._on_closed_here, self._on_error
            )
        elif still_open or not pages:  # a listing of open pages: none resolved here
            self._on_closed_here(set())
        resolved_there = [
            p for p in pages if p.key in self.resolved_here and p.status == "resolved"
        ]
        for page in resolved_there:  # resolved here only, now resolved there too
            self.follow_page(page)
        todo = [i for i in self.active if i.alert and (i.alert.source, i.alert.id) in by_link]
        if not todo:
            return

        def apply() -> list[Incident]:
            changed = []
            for known in todo:
                assert known.alert is not None
                page = by_link[known.alert.source, known.alert.id]
                moved: list[bool] = []

                def follow(
                    incident: Incident, page: Page = page, moved: list[bool] = moved
                ) -> None:
                    moved.append(apply_page_status(incident, page, self.clock.now()))

                stored = self._repo.change(known.id or -1, follow)
                if moved and moved[0]:
                    changed.append(stored)
            return changed

        self._runner.run(apply, self._on_followed, self._on_error, write=True)

    def follow_page(self, page: Page) -> None:
        """One page changed by us (acknowledged from the tray): bring its local incident in
        line. Looked up in the database on the write queue, so an incident being created from
        that page right now is found too."""

        def apply() -> list[Incident]:
            incident = self._repo.find_by_alert(page.source, page.id)
            if incident is None:
                return []
            moved: list[bool] = []
            stored = self._repo.change(
                incident.id or -1,
                lambda i: moved.append(apply_page_status(i, page, self.clock.now())),
            )
            return [stored] if moved and moved[0] else []

        self._runner.run(apply, self._on_followed, self._on_error, write=True)

    def _on_closed_here(self, links: set[tuple[str, str]]) -> None:
        keys = {f"{source}:{alert_id}" for source, alert_id in links}
        if keys != self.resolved_here:
            self.resolved_here = keys
            self.pages_resolved_here.emit(keys)

    def _on_followed(self, changed: list[Incident]) -> None:
        for incident in changed:  # e.g. resolved there: its post-mortem is due
            self.incident_changed.emit(incident)
        if changed:
            self.refresh()

    def follow_colleagues(self, feed: ChangeFeed) -> None:
        """Team mode: what another console changes shows here within the second, in the
        list and the open cockpit. The change comes with the feed's news (applied to what
        this console has, storage/mirror.py); only when it cannot (this console was not on
        the version before it, or it was too large to travel) is what is newer read. After
        the feed lost the server, everything is read again once it is back."""
        from oncall_desktop.storage.mirror import IncidentMirror

        self._following = True
        mirror = self._mirror = self._repo.mirror = IncidentMirror()

        def answer(change: Change, database: Database) -> Incident:
            # on the feed's thread, over its connection: the change applied, or what is newer
            from oncall_desktop.storage.incidents import IncidentRepository

            return mirror.heard(change) or IncidentRepository(database, mirror).catch_up(change.id)

        feed.answer("incident", answer)
        feed.heard.connect(self._on_colleague_change)
        feed.connection_changed.connect(self._on_feed_connection)

    def _on_feed_connection(self, listening: bool) -> None:
        if listening and self._following:
            if self._mirror is not None:
                self._mirror.forget()  # news missed meanwhile is not replayed: read again
            self.refresh()

    def stop_following(self) -> None:
        """Shutting down: news still queued from the feed is dropped, not read."""
        self._following = False
        self._list_reload.stop()

    def _on_colleague_change(self, change: Change) -> None:
        if change.what != "incident" or not self._following or self._mirror is None:
            return
        incident = change.answer if isinstance(change.answer, Incident) else None
        incident = incident or self._mirror.heard(change)
        if incident is not None:
            self._show_colleagues(incident)
        else:  # read what is newer than what this console has (all of it if nothing)
            ident = change.id
            self._runner.run(
                lambda: self._repo.catch_up(ident), self._show_colleagues, self._on_error
            )

    def _show_colleagues(self, incident: Incident) -> None:
        """A colleague's change, in the open cockpit at once and in the list (a burst of
        changes, a colleague ticking away, shows in the list once)."""
        if not self._following or self._mirror is None or incident.id is None:
            return  # shutting down: a read that comes back now is dropped
        # the newest this console knows: a change applied while this one was read is kept
        incident = self._mirror.current(incident.id) or incident
        self.incident_changed.emit(incident)
        self.active = self._with(self.active, incident)
        if not self._list_reload.isActive():
            self._list_reload.start()

    def load(self, incident_id: int, on_loaded: Callable[[Incident], None]) -> None:
        self._runner.run(lambda: self._repo.get(incident_id), on_loaded, self._on_error)

    def change(
        self,
        incident_id: int,
        change: Callable[[Incident, datetime, str], None],
        then: Callable[[Incident | None, str], None] | None = None,
    ) -> None:
        """Apply ``change(incident, now, actor)`` to the stored incident and save it, on the
        write thread, so that changes from several windows never overwrite each other. A
        refused change (a rule of the SOP) comes back as ``problem``; ``then`` also hears
        how it ended: (the stored incident, "") or (None, why not)."""
        actor = self.actor

        def apply() -> Incident:
            # read, change and write in one transaction holding the incident: another console
            # changing it at the same moment waits, and nothing either did is lost
            return self._repo.change(
                incident_id, lambda incident: change(incident, self.clock.now(), actor)
            )

        def done(incident: Incident) -> None:
            self._on_changed(incident)
            if then is not None:
                then(incident, "")

        def failed(error: Exception) -> None:
            if isinstance(error, StorageUnavailable | DomainError | KeyError):
                self.change_refused.emit(incident_id, shown(error))
                if then is not None:
                    then(None, shown(error))
            self._on_error(error)

        self._runner.run(apply, done, failed, write=True)

    def move_to(self, incident_id: int, status: Status, note: str = "") -> None:
        """The stored status, moved here alone: for a page's incident, acknowledging and
        resolving go through services/alert_actions (its source first), never this."""
        self.change(
            incident_id, lambda i, now, who: i.move_to(status, at=now, actor=who, note=note)
        )

    def change_severity(self, incident_id: int, severity: Severity, reason: str) -> None:
        self.change(
            incident_id,
            lambda i, now, who: i.change_severity(severity, at=now, actor=who, reason=reason),
        )

    def tick_step(self, incident_id: int, step_id: str, done: bool, note: str = "") -> None:
        def apply(incident: Incident, now: datetime, who: str) -> None:
            if done:
                incident.tick_step(step_id, at=now, actor=who, note=note)
                return
            person_ticked = incident.steps.get(step_id) and incident.steps[step_id].done
            incident.untick_step(
                step_id,
                at=now,
                actor=who,
                ticked_by_evidence=not person_ticked and is_done(incident, self.policy, step_id),
            )

        self.change(incident_id, apply)

    def add_note(self, incident_id: int, text: str) -> None:
        self.change(incident_id, lambda i, now, who: i.add_note(text, at=now, actor=who))

    def mark_update_sent(self, incident_id: int, audience: Audience, channel: str = "") -> None:
        self.change(
            incident_id,
            lambda i, now, who: i.record_update_sent(
                audience, at=now, actor=who, channel=channel or "marked by hand"
            ),
        )

    def snooze_reminder(
        self, incident_id: int, audience: Audience, minutes: int, reason: str
    ) -> None:
        self.change(
            incident_id,
            lambda i, now, who: i.snooze_reminder(
                audience, until=now + timedelta(minutes=minutes), at=now, actor=who, reason=reason
            ),
        )

    def link_page(self, incident_id: int, page: Page) -> None:
        """Declared in its alert source from here: the page now follows the incident."""
        name = source_name(page.source)
        self.change(
            incident_id, lambda i, now, who: i.link_alert(page.link, name, at=now, actor=who)
        )

    def mark_contact_notified(self, incident_id: int, contact: str, via: str = "") -> None:
        self.change(
            incident_id,
            lambda i, now, who: i.mark_contact_notified(contact, at=now, actor=who, via=via),
        )

    def _on_changed(self, incident: Incident) -> None:
        if incident.id is not None:
            self._written += 1
            self._writes[incident.id] = (self._written, incident)
            self.active = self._with(self.active, incident)
        self.incident_changed.emit(incident)
        self.refresh()

    @staticmethod
    def _with(incidents: list[Incident], incident: Incident) -> list[Incident]:
        """The open incidents with this one as it now is (gone once no longer open)."""
        others = [i for i in incidents if i.id != incident.id]
        listed = [*others, incident] if incident.is_active else others
        return sorted(listed, key=lambda i: (i.detected_at, i.id or 0), reverse=True)

    def _on_opened(self, incident: Incident) -> None:
        self.incident_opened.emit(incident)
        self.refresh()

    def _on_listed(self, incidents: list[Incident], asked: tuple[int, int] | None = None) -> None:
        """``asked``: (the list's place among those asked, our writes done when it was)."""
        if asked is not None:
            place, writes_before = asked
            if place < self._list_shown:
                # asked before a list already shown, answered after it (readers run side by
                # side): it can only be older (what the outbox or a colleague wrote meanwhile
                # too), and the write records it would have needed went with the newer list
                return
            self._list_shown = place
            for ident, (written, incident) in list(self._writes.items()):
                if written <= writes_before:
                    del self._writes[ident]  # the list has it
                    continue
                # written after this list was asked for: newer than what it read (unless a
                # colleague's change it brought is newer still: timelines only grow)
                listed = next((i for i in incidents if i.id == ident), None)
                if listed is None or len(listed.timeline) <= len(incident.timeline):
                    incidents = self._with(incidents, incident)
        self.active = incidents
        self.listed = True
        self.incidents_changed.emit(incidents)

    def _on_declared(self, incident: Incident) -> None:
        log.info("incident %s declared (%s)", incident.id, incident.severity.value)
        self.incident_declared.emit(incident)
        self.refresh()

    def _on_error(self, error: Exception) -> None:
        if isinstance(error, KeyError):  # gone meanwhile (another console, a typo'd id)
            self.problem.emit(str(error.args[0]))
            return
        if isinstance(error, StorageUnavailable | DomainError):
            self.problem.emit(said(error))
            return
        raise error  # our bug: to the crash handler

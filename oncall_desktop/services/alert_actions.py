"""Acknowledge and resolve an incident where the world sees it: in its alert source first.

An incident that follows a page (PagerDuty's, ...) is acknowledged or resolved by asking the
source; the local status follows the source's answer, so the cockpit never says
"acknowledged" while PagerDuty keeps escalating. The question is stored before the call and
the answer after it (core/alert_requests), each on the database writer, while the call itself
runs on the runner's remote lane: a hung PagerDuty never holds up a database write, and a
crash between the two leaves a request the cockpit shows as unanswered, with a retry.
An incident declared here has no source and moves locally, as it always did.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QObject, Signal

from oncall_desktop.core.alert_requests import AlertAction, last_request
from oncall_desktop.core.errors import DomainError
from oncall_desktop.core.incident import Incident, Status
from oncall_desktop.core.messages import QT_TR_NOOP, UserMessage
from oncall_desktop.core.paging import Page
from oncall_desktop.integrations.sources import source_name
from oncall_desktop.services.alert_sources import AlertPoller
from oncall_desktop.services.incidents import IncidentService
from oncall_desktop.services.messages import shown

# (incident, stored answer or None, why not): how a request ended, for whoever asked
Outcome = Callable[[Incident | None, str], None]


class AlertActions(QObject):
    """Signals:
    asking(int, str): this incident's request (action) to its source is on its way.
    answered(int, str): the source answered it (or could not be asked); the stored incident
        follows through ``IncidentService.incident_changed``.
    """

    asking = Signal(int, str)
    answered = Signal(int, str)

    def __init__(
        self,
        incidents: IncidentService,
        poller: AlertPoller | None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._incidents = incidents
        self._poller = poller
        self.in_flight: set[tuple[int, str]] = set()  # (incident id, action) asked, unanswered

    def waiting_for(self, incident_id: int) -> set[str]:
        """The actions this console is waiting on the source's answer for right now (a stored
        request unanswered and not in here is one the app stopped before the answer came)."""
        return {action for number, action in self.in_flight if number == incident_id}

    @staticmethod
    def source_name(incident: Incident) -> str:
        return source_name(incident.alert.source) if incident.alert is not None else ""

    # --- what the cockpit, the notification, the tray and the terminal ask ------------------

    def move_to(self, incident: Incident, status: Status, then: Outcome | None = None) -> None:
        """A status button or the next action: taking up a page (leaving triggered) is
        acknowledging it in its source first; the rest is ours."""
        if status is Status.RESOLVED:
            raise ValueError("resolving asks for a note: use resolve()")
        if incident.alert is None or incident.status is not Status.TRIGGERED:
            self._local_move(incident, status, "", then)
            return
        self._ask(incident, AlertAction.ACKNOWLEDGE, "", status, then)

    def acknowledge(self, incident: Incident, then: Outcome | None = None) -> None:
        """Acknowledge; for a page, in its source even when it is acknowledged here (the page
        went back to triggered there: its acknowledgement timed out, or was undone)."""
        if incident.alert is None or not incident.is_active:
            self.move_to(incident, Status.ACKNOWLEDGED, then)
            return
        self._ask(incident, AlertAction.ACKNOWLEDGE, "", Status.ACKNOWLEDGED, then)

    def resolve_in_source(self, incident: Incident, then: Outcome | None = None) -> None:
        """An incident resolved here only: resolve its page in the source now (SOP 4.2)."""
        self._ask(incident, AlertAction.RESOLVE, incident.resolution_note, Status.RESOLVED, then)

    def resolve(
        self, incident: Incident, note: str, in_source: bool = True, then: Outcome | None = None
    ) -> None:
        """Resolve with the engineer's note. For a page, in its source too unless the
        engineer chose to leave it open there (``in_source``); then the step "resolve it in
        PagerDuty" stays to do."""
        if incident.alert is None or not in_source:
            self._local_move(incident, Status.RESOLVED, note, then)
            return
        self._ask(incident, AlertAction.RESOLVE, note, Status.RESOLVED, then)

    def retry(
        self, incident: Incident, action: str, note: str = "", then: Outcome | None = None
    ) -> None:
        """Ask again what was refused or never answered (the cockpit's Retry)."""
        if AlertAction(action) is AlertAction.RESOLVE:
            self.resolve(incident, note, then=then)
        else:
            self.acknowledge(incident, then)

    # --- the steps -------------------------------------------------------------------------

    def _local_move(
        self, incident: Incident, status: Status, note: str, then: Outcome | None
    ) -> None:
        self._incidents.change(
            incident.id or -1,
            lambda i, now, who: i.move_to(status, at=now, actor=who, note=note),
            then=then,
        )

    def _ask(
        self,
        incident: Incident,
        action: AlertAction,
        note: str,
        status: Status,
        then: Outcome | None,
    ) -> None:
        assert incident.alert is not None and incident.id is not None
        incident_id, alert = incident.id, incident.alert
        name = source_name(alert.source)
        key = (incident_id, action.value)
        if key in self.in_flight:
            return  # one request at a time: a second click is the same question
        self.in_flight.add(key)
        self.asking.emit(incident_id, action.value)

        def asked(stored: Incident | None, problem: str) -> None:
            if stored is None:  # not even recorded (database away): nothing was asked
                self._finish(key, then, None, problem)
                return
            watcher = self._poller.watcher(alert.source) if self._poller is not None else None
            if watcher is None:
                reason = QT_TR_NOOP("{source} is not set up on this console").format(source=name)
                self._answer(key, action, False, reason, status, note, then)
                return
            watcher.act(
                action.value,
                alert.id,
                note,
                lambda page: self._answer(key, action, True, "", status, note, then, page),
                lambda reason: self._answer(key, action, False, reason, status, note, then),
            )

        self._incidents.change(
            incident_id,
            lambda i, now, who: i.ask_alert_source(
                action.value, at=now, actor=who, source_name=name, note=note
            ),
            then=asked,
        )

    def _answer(
        self,
        key: tuple[int, str],
        action: AlertAction,
        ok: bool,
        reason: UserMessage | str,
        status: Status,
        note: str,
        then: Outcome | None,
        page: Page | None = None,
    ) -> None:
        """Store the source's answer; on a yes the local status follows it in the same write.
        A no's ``reason`` is stored as a message (core/incident), said to the user here."""

        def record(incident: Incident, now: datetime, who: str) -> None:
            assert incident.alert is not None
            name = source_name(incident.alert.source)
            incident.record_alert_answer(
                action.value, ok=ok, at=now, actor=who, source_name=name, reason=reason
            )
            if ok:
                follow_answer(incident, status, now, who, note, incident.alert.source, page)

        def stored(incident: Incident | None, problem: str) -> None:
            if incident is not None and not ok:
                problem = shown(reason)
            self._finish(key, then, incident if ok else None, problem)

        self._incidents.change(key[0], record, then=stored)

    def _finish(
        self, key: tuple[int, str], then: Outcome | None, incident: Incident | None, problem: str
    ) -> None:
        self.in_flight.discard(key)
        self.answered.emit(key[0], key[1])
        if then is not None:
            then(incident, problem)


def follow_answer(
    incident: Incident,
    status: Status,
    now: datetime,
    who: str,
    note: str,
    source: str,
    page: Page | None,
) -> None:
    """The source said yes: the incident takes the status asked for (``who`` asked it;
    the source confirmed it), unless it already moved past it meanwhile."""
    if status is Status.RESOLVED:
        if incident.is_active:
            incident.move_to(Status.RESOLVED, at=now, actor=who, note=note, confirmed_by=source)
        return
    if incident.status is Status.TRIGGERED:
        # the source's time of the acknowledgement (true MTTA), but never before we asked it:
        # the source keeps whole seconds, and the timeline must read "asked, then done"
        acknowledged = page.acknowledged_at if page is not None else None
        asked = last_request(incident, AlertAction.ACKNOWLEDGE)
        at = min(acknowledged or now, now)
        at = max(at, asked.asked_at) if asked is not None else at
        incident.move_to(Status.ACKNOWLEDGED, at=at, actor=who, confirmed_by=source)
    if status is not Status.ACKNOWLEDGED and incident.can_move_to(status):
        with contextlib.suppress(DomainError):  # moved meanwhile: the acknowledgement stands
            incident.move_to(status, at=now, actor=who)

"""The cockpit's lifecycle buttons: acknowledge, investigate, mitigate, resolve and close, as
the status buttons and the next action ask for them.

For an incident that follows a page, acknowledge and resolve are asked of its alert source
(services/alert_actions) and the cockpit's source bar says what the source holds; resolving is
a flow (the note, whether in the source too, then the notices owed and the post-mortem);
closing asks while the SOP's hour of monitoring runs.
"""

from __future__ import annotations

from datetime import UTC, datetime, tzinfo
from typing import Protocol

from PySide6.QtCore import QObject, SignalInstance
from PySide6.QtWidgets import QMessageBox, QWidget
from shiboken6 import isValid

from oncall_desktop.core.capabilities import Capability, can
from oncall_desktop.core.deadlines import (
    DueReason,
    monitoring_running,
    monitoring_until,
    next_updates,
)
from oncall_desktop.core.incident import Incident, Status
from oncall_desktop.core.policy import Policy
from oncall_desktop.services.alert_actions import AlertActions
from oncall_desktop.ui.text import countdown, fill, local_time
from oncall_desktop.ui.widgets.alert_source_bar import AlertSourceBar
from oncall_desktop.ui.windows.cockpit_dialogs import ResolveDialog


class Cockpit(Protocol):
    """What the lifecycle reads of its cockpit window (ui/windows/cockpit_window)."""

    incident: Incident
    incident_id: int
    source_bar: AlertSourceBar
    compose_requested: SignalInstance
    postmortem_requested: SignalInstance

    @property
    def policy(self) -> Policy: ...

    @property
    def language(self) -> str: ...

    @property
    def zone(self) -> tzinfo | None: ...

    @property
    def now(self) -> datetime | None: ...

    def show_problem(self, text: str) -> None: ...


class CockpitLifecycle(QObject):
    """What the cockpit's status buttons and next action do (``parent``: the window)."""

    def __init__(self, window: Cockpit, actions: AlertActions, parent: QWidget) -> None:
        super().__init__(parent)
        self._widget = parent  # the same window, as Qt knows it (dialogs' parent, lifetime)
        self._window = window
        self._actions = actions
        self.page_status = ""  # the page as the last poll has it (set_page_status)
        self.acknowledged_by = ""  # ... who acknowledged it there, when not me
        actions.asking.connect(self._on_source_request)
        actions.answered.connect(self._on_source_request)

    def move(self, status: Status) -> None:
        window = self._window
        if status is Status.RESOLVED:
            self._resolve()
            return
        now = window.now or datetime.now(UTC)
        policy = window.policy
        if status is Status.CLOSED and monitoring_running(window.incident, policy, now):
            until = monitoring_until(window.incident, policy)
            assert until is not None
            answer = QMessageBox.question(
                self._widget,
                self.tr("Close the incident?"),
                fill(
                    self.tr(
                        "The SOP asks for an hour of monitoring after resolution (5.1): it runs "
                        "until %1, %2 from now. Close anyway?"
                    ),
                    local_time(until, window.zone, with_date=False),
                    countdown(until - now),
                ),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No,
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        self._actions.move_to(window.incident, status, then=self._after_move)

    def _resolve(self) -> None:
        """Resolve as a flow: the note (and whether in the alert source too), then the
        notices owed, then the post-mortem."""
        window = self._window
        link = window.incident.alert  # offered only where its source resolves from here
        resolves = link is not None and can(link.source, Capability.RESOLVE)
        source = self._actions.source_name(window.incident) if resolves else ""
        answer = ResolveDialog.ask(window.incident.title, self._widget, source=source)
        if answer is not None:
            note, in_source = answer
            self._actions.resolve(
                window.incident, note, in_source and resolves, then=self._after_resolved
            )

    def resolve_here(self, note: str) -> None:
        """Resolve here only, leaving the page open in its source (after it refused)."""
        self._actions.resolve(
            self._window.incident, note, in_source=False, then=self._after_resolved
        )

    def retry(self, action: str, note: str) -> None:
        """Ask the source (again): a refused or unanswered request, a page triggered again
        there, or the resolution of an incident resolved here only."""
        incident = self._window.incident
        if action == "resolve" and not incident.is_active:
            self._actions.resolve_in_source(incident, then=self._after_move)
            return
        then = self._after_resolved if action == "resolve" else self._after_move
        self._actions.retry(incident, action, note, then=then)

    # --- what the alert source holds ------------------------------------------------------------

    def show_source_state(self) -> None:
        window = self._window
        window.source_bar.show_for(
            window.incident,
            self._actions.source_name(window.incident),
            self._actions.waiting_for(window.incident_id),
            self.page_status,
            self.acknowledged_by,
        )

    def set_page_status(self, status: str, acknowledged_by: str = "") -> None:
        """The page as the source's last poll has it ("" once it left the list), and who
        acknowledged it there when it was not me."""
        if (status, acknowledged_by) != (self.page_status, self.acknowledged_by):
            self.page_status, self.acknowledged_by = status, acknowledged_by
            self.show_source_state()

    def _on_source_request(self, incident_id: int, _action: str) -> None:
        if incident_id == self._window.incident_id:
            self.show_source_state()

    def _after_move(self, incident: Incident | None, problem: str) -> None:
        """A refusal of the source is said in the source bar; anything else in the cockpit.
        (The source may answer after the window closed: nothing to show then.)"""
        window = self._window
        if not isValid(self._widget):
            return
        shown_there = incident is not None or window.source_bar.says(problem)
        window.show_problem("" if shown_there else problem)

    def _after_resolved(self, incident: Incident | None, problem: str) -> None:
        window = self._window
        if incident is None or not isValid(self._widget):
            self._after_move(incident, problem)
            return
        window.show_problem("")
        policy = window.policy
        owed = [
            audience
            for audience, due in next_updates(incident, policy).items()
            if due.reason is DueReason.RESOLUTION
        ]
        if owed and self._ask_yes(
            self.tr("Send the resolution notices?"),
            fill(
                self.tr("The procedure owes a resolution notice to: %1. Compose them now?"),
                ", ".join(policy.cadence[a].name.get(window.language) for a in owed),
            ),
        ):
            for audience in owed:  # one composer after the other, each prefilled
                window.compose_requested.emit(window.incident_id, audience.value)
        if policy.severity(incident.severity).postmortem_required and self._ask_yes(
            self.tr("Post-mortem"),
            self.tr("The procedure asks for a post-mortem of this incident. Open its draft now?"),
        ):
            window.postmortem_requested.emit(window.incident_id)

    def _ask_yes(self, title: str, text: str) -> bool:
        answer = QMessageBox.question(
            self._widget,
            title,
            text,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.Yes,
        )
        return answer == QMessageBox.StandardButton.Yes

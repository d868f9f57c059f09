"""Incident use cases for the UI: list, declare; all database work off the GUI thread."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from oncall_desktop.core.clock import Clock
from oncall_desktop.core.incident import Incident
from oncall_desktop.core.policy import Policy, Severity
from oncall_desktop.services.tasks import TaskRunner
from oncall_desktop.storage.errors import StorageUnavailable

if TYPE_CHECKING:  # the repository (and SQLAlchemy) is loaded by the worker opening the database
    from oncall_desktop.storage.repositories import IncidentRepository

log = logging.getLogger(__name__)


class IncidentService(QObject):
    """Signals:
    incidents_changed(list): the open incidents (list[Incident]), most recent first.
    incident_declared(object): the Incident just stored.
    problem(str): something the user must know (database unavailable, bad input).
    """

    incidents_changed = Signal(list)
    incident_declared = Signal(object)
    problem = Signal(str)

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

    def refresh(self) -> None:
        self._runner.run(self._repo.list_active, self._on_listed, self._on_error)

    def declare(self, title: str, severity: Severity, impact: str = "", reason: str = "") -> None:
        incident = Incident.declare(
            title=title,
            severity=severity,
            impact=impact,
            at=self.clock.now(),
            actor=self.actor,
            severity_reason=reason,
        )
        self._runner.run(
            lambda: self._repo.save(incident), self._on_declared, self._on_error, write=True
        )

    def _on_listed(self, incidents: list[Incident]) -> None:
        self.active = incidents
        self.incidents_changed.emit(incidents)

    def _on_declared(self, incident: Incident) -> None:
        log.info("incident %s declared (%s)", incident.id, incident.severity.value)
        self.incident_declared.emit(incident)
        self.refresh()

    def _on_error(self, error: Exception) -> None:
        if isinstance(error, StorageUnavailable):
            self.problem.emit(str(error))
            return
        raise error  # our bug: to the crash handler

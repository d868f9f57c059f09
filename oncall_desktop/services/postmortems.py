"""Post-mortem use cases: create at resolution, open, autosave, track action items.

Offline-first: the draft is saved to the database when it can be, and to a file in the data
folder when it cannot (a PostgreSQL server out of reach). Each copy carries the draft's
revision; on opening, the newest copy wins and is written back to the database.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from oncall_desktop.config.files import write_atomically
from oncall_desktop.core.clock import Clock
from oncall_desktop.core.errors import DomainError
from oncall_desktop.core.incident import Incident
from oncall_desktop.core.messages import QT_TR_NOOP, UserMessage
from oncall_desktop.core.policy import Policy
from oncall_desktop.core.postmortem import (
    ActionStatus,
    PostMortem,
    StoredPostMortem,
    TrackedActionItem,
    action_items_from_json,
    action_items_to_json,
    due_at,
    from_json,
    is_required,
    prefill,
    to_json,
)
from oncall_desktop.services.messages import said
from oncall_desktop.services.tasks import TaskRunner
from oncall_desktop.storage.errors import StorageUnavailable

if TYPE_CHECKING:
    from oncall_desktop.storage.incidents import IncidentRepository
    from oncall_desktop.storage.postmortems import PostmortemRepository

log = logging.getLogger(__name__)

SAVED_IN_DATABASE = "database"
SAVED_LOCALLY = "local"


@dataclass(frozen=True)
class OpenedPostMortem:
    incident: Incident
    stored: StoredPostMortem
    restored_from_local: bool = False

    @property
    def draft(self) -> PostMortem:
        return self.stored.draft


@dataclass(frozen=True)
class SaveResult:
    incident_id: int
    revision: int
    where: str  # SAVED_IN_DATABASE or SAVED_LOCALLY
    problem: UserMessage | str = ""  # why it stayed here (services.messages.said)


class LocalDrafts:
    """Drafts that could not reach the database, one file per incident and database."""

    def __init__(self, folder: Path, database_key: str) -> None:
        digest = hashlib.sha256(database_key.encode()).hexdigest()[:12]
        self.folder = folder / digest

    def path(self, incident_id: int) -> Path:
        return self.folder / f"postmortem-{incident_id}.json"

    def write(self, incident_id: int, draft: PostMortem) -> None:
        body = {"draft": to_json(draft), "action_items": action_items_to_json(draft.action_items)}
        write_atomically(self.path(incident_id), json.dumps(body, ensure_ascii=False))

    def read(self, incident_id: int) -> PostMortem | None:
        try:
            body = json.loads(self.path(incident_id).read_text(encoding="utf-8"))
            return from_json(body["draft"], action_items_from_json(body["action_items"]))
        except FileNotFoundError:
            return None
        except (OSError, ValueError, KeyError, TypeError) as error:
            log.warning("local post-mortem draft %s unreadable: %s", incident_id, error)
            return None

    def discard_up_to(self, incident_id: int, revision: int) -> None:
        local = self.read(incident_id)
        if local is not None and local.revision <= revision:
            self.path(incident_id).unlink(missing_ok=True)


class PostmortemService(QObject):
    """Signals:
    saved(object): a SaveResult after each autosave.
    unsigned_changed(list): list[StoredPostMortem] still to be reviewed and signed.
    problem(object): something the user must know (a UserMessage, said again in a new
        language, or text; services.messages.said).
    """

    saved = Signal(object)
    unsigned_changed = Signal(list)
    problem = Signal(object)

    def __init__(
        self,
        repository: PostmortemRepository,
        incidents: IncidentRepository,
        runner: TaskRunner,
        clock: Clock,
        policy: Policy,
        local_drafts: LocalDrafts,
        language: Callable[[], str],
        zone: Callable[[], tzinfo | None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._repo = repository
        self._incidents = incidents
        self._runner = runner
        self.clock = clock
        self.policy = policy
        self.local = local_drafts
        self._language = language
        self._zone = zone
        self.unsigned: list[StoredPostMortem] = []

    # --- creating and opening -----------------------------------------------------------------

    def _create(self, incident: Incident) -> StoredPostMortem:
        assert incident.id is not None
        zone = self._zone()
        draft = prefill(
            incident,
            self.policy,
            language=self._language(),
            zone=zone,
            number_of_day=self._incidents.rank_in_day(incident, zone),
        )
        return self._repo.create(
            incident.id, draft, at=self.clock.now(), due_at=due_at(incident, self.policy)
        )

    def create_if_required(self, incident: Incident) -> None:
        """SOP 5.2: at resolution of a SEV-1 or SEV-2 (never for a drill's real list)."""
        if incident.id is None or incident.is_active or not is_required(incident, self.policy):
            return

        def create() -> None:
            if self._repo.for_incident(incident.id or -1) is None:
                self._create(incident)

        self._runner.run(create, lambda _: self.refresh_unsigned(), self._on_error, write=True)

    def open(self, incident_id: int, on_opened: Callable[[OpenedPostMortem], None]) -> None:
        """Load (or, for an optional SEV-3, create) the draft; a newer local copy wins."""

        def load() -> OpenedPostMortem:
            incident = self._incidents.get(incident_id)
            stored = self._repo.for_incident(incident_id) or self._create(incident)
            local = self.local.read(incident_id)
            if local is not None and local.revision > stored.draft.revision:
                stored = self._repo.save(incident_id, local, at=self.clock.now())
                self.local.discard_up_to(incident_id, stored.draft.revision)
                return OpenedPostMortem(incident, stored, restored_from_local=True)
            return OpenedPostMortem(incident, stored)

        self._runner.run(load, on_opened, self._on_error, write=True)

    # --- saving ---------------------------------------------------------------------------------

    def save(self, incident_id: int, draft: PostMortem) -> None:
        """Autosave, in order on the write thread; the result comes back as ``saved``."""

        def write() -> SaveResult:
            try:
                stored = self._repo.save(incident_id, draft, at=self.clock.now())
            except StorageUnavailable as error:
                self.local.write(incident_id, draft)
                return SaveResult(incident_id, draft.revision, SAVED_LOCALLY, said(error))
            self.local.discard_up_to(incident_id, stored.draft.revision)
            return SaveResult(incident_id, draft.revision, SAVED_IN_DATABASE)

        def failed(error: Exception) -> None:
            self.problem.emit(
                QT_TR_NOOP("The post-mortem could not be saved anywhere: {reason}").format(
                    reason=said(error)
                )
            )

        self._runner.run(write, self.saved.emit, failed, write=True)

    # --- tracking -------------------------------------------------------------------------------

    # The reads below go through the write queue on purpose: they must see the saves queued
    # before them (an editor closed a moment ago), and they are small.

    def refresh_unsigned(self) -> None:
        self._runner.run(self._repo.unsigned, self._on_unsigned, self._on_error, write=True)

    def overdue(self, now: datetime) -> list[StoredPostMortem]:
        return [p for p in self.unsigned if p.is_overdue(now)]

    def action_items(self, on_loaded: Callable[[list[TrackedActionItem]], None]) -> None:
        self._runner.run(self._repo.tracked_action_items, on_loaded, self._on_error, write=True)

    def set_action_status(
        self, postmortem_id: int, number: int, status: ActionStatus, then: Callable[[], None]
    ) -> None:
        self._runner.run(
            lambda: self._repo.set_action_status(
                postmortem_id, number, status, at=self.clock.now()
            ),
            lambda _: then(),
            self._on_error,
            write=True,
        )

    def _on_unsigned(self, unsigned: list[StoredPostMortem]) -> None:
        self.unsigned = unsigned
        self.unsigned_changed.emit(unsigned)

    def _on_error(self, error: Exception) -> None:
        if isinstance(error, KeyError):  # str() of a KeyError is its message in quotes
            self.problem.emit(str(error.args[0]))
            return
        if isinstance(error, StorageUnavailable | DomainError):
            self.problem.emit(said(error))
            return
        raise error

"""What the database brings, built at once when it opens: the incidents, the alert actions, the
update router, and the rooms that need them (post-mortems, history, handoffs, deadline alerts,
cockpits), each handed the collaborators it uses. Part of the composition root
(app/container.py calls it, app/wiring.py connects what it built): no room imports it.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from oncall_desktop.app.cockpits import CockpitController
from oncall_desktop.app.console import AppController, Workspace
from oncall_desktop.app.deadline_alerts import DeadlineAlerts
from oncall_desktop.services.alert_actions import AlertActions
from oncall_desktop.services.incidents import IncidentService
from oncall_desktop.services.routing import UpdateRouter

if TYPE_CHECKING:
    from oncall_desktop.app.handoffs import HandoffController
    from oncall_desktop.app.history import HistoryController
    from oncall_desktop.app.postmortems import PostmortemController
    from oncall_desktop.services.outbox import OutboxService
    from oncall_desktop.storage.db import Database


def build_workspace(
    console: AppController, database: Database, outbox: OutboxService, drafts_dir: Path, drill: bool
) -> Workspace:
    """``drafts_dir``: where post-mortem drafts are kept while the database is away; ``drill``:
    everything declared here is marked as a drill."""
    from oncall_desktop.storage.incidents import IncidentRepository

    runner, clock, policy = console.runner, console.clock, console.policy
    incidents = IncidentService(
        IncidentRepository(database), runner, clock, policy, console.actor, console.app
    )
    incidents.drill = drill
    router = UpdateRouter(lambda: console.settings, outbox.submit, policy)
    actions = AlertActions(incidents, console.poller, console.app)
    return Workspace(
        incidents,
        actions,
        outbox,
        router,
        _postmortems(console, database, router, incidents, drafts_dir),
        _history(console, database),
        _handoffs(console, database, router),
        DeadlineAlerts(
            incidents, policy, console.preferences, console.notifications, console.dues, console
        ),
        CockpitController(
            incidents,
            actions,
            outbox,
            router,
            console.poller,
            console.connections,
            runner,
            console.secrets,
            console.preferences,
            policy,
            clock,
            console.window,
            console,
        ),
    )


def _postmortems(
    console: AppController,
    database: Database,
    router: UpdateRouter,
    incidents: IncidentService,
    drafts_dir: Path,
) -> PostmortemController:
    from oncall_desktop.app.postmortems import PostmortemController
    from oncall_desktop.services.postmortems import LocalDrafts, PostmortemService
    from oncall_desktop.storage.incidents import IncidentRepository
    from oncall_desktop.storage.postmortems import PostmortemRepository

    preferences = console.preferences
    service = PostmortemService(
        PostmortemRepository(database),
        IncidentRepository(database),
        console.runner,
        console.clock,
        console.policy,
        LocalDrafts(drafts_dir, database.key),
        language=lambda: preferences.language,
        zone=lambda: preferences.zone,
        parent=console,
    )
    return PostmortemController(
        service, preferences, console.notifications, router, incidents, console.runner, console
    )


def _history(console: AppController, database: Database) -> HistoryController:
    from oncall_desktop.app.history import HistoryController
    from oncall_desktop.services.history import HistoryService
    from oncall_desktop.storage.kpis import HistoryQueries, KpiQueries

    service = HistoryService(
        HistoryQueries(database),
        KpiQueries(database),
        console.runner,
        console.clock,
        console.policy,
        parent=console,
    )
    return HistoryController(service, console.preferences, console.policy, console)


def _handoffs(
    console: AppController, database: Database, router: UpdateRouter
) -> HandoffController:
    from oncall_desktop.app.handoffs import HandoffController
    from oncall_desktop.services.handoffs import HandoffService
    from oncall_desktop.storage.handoffs import HandoffRepository
    from oncall_desktop.storage.incidents import IncidentRepository
    from oncall_desktop.storage.postmortems import PostmortemRepository

    preferences = console.preferences
    service = HandoffService(
        HandoffRepository(database),
        IncidentRepository(database),
        PostmortemRepository(database),
        console.runner,
        console.clock,
        console.policy,
        console.secrets,
        settings=lambda: preferences.settings,
        zone=lambda: preferences.zone,
        parent=console,
    )
    return HandoffController(service, preferences, console.notifications, router, console)

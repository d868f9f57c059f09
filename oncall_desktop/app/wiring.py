"""What the composition root connects: the window's, the tray's and the alert sources' signals
to the rooms that answer them (once the console is built), and the database-backed services'
(once the workspace is). Part of the composition root (app/container.py builds, this wires):
no room imports it.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from typing import TYPE_CHECKING

from oncall_desktop.ui.notifier import OPEN

if TYPE_CHECKING:
    from oncall_desktop.app.console import AppController, Workspace
    from oncall_desktop.core.incident import Incident

log = logging.getLogger(__name__)


def start_drill_console() -> None:
    """A drill in a console of its own (its own data folder; nothing real is touched)."""
    from PySide6.QtCore import QProcess

    from oncall_desktop import child_command

    program, *arguments = child_command("--drill")
    if not QProcess.startDetached(program, arguments):
        log.warning("the drill console could not be started")


def connect_console(controller: AppController) -> None:
    """The window's, the tray's and the alert sources' signals to the rooms that answer them."""
    window, tray, poller = controller.window, controller.tray, controller.poller
    alerts, settings = controller.alert_controller, controller.settings_controller
    window.declare_requested.connect(window.bring_forward)  # the dialog: once the database is
    window.settings_requested.connect(settings.open_settings)
    controller.identity.name_chosen.connect(
        lambda name: settings.apply_settings(
            replace(controller.preferences.settings, engineer_name=name), {}
        )
    )
    window.page_acknowledge_requested.connect(poller.acknowledge)
    window.page_open_requested.connect(alerts.open_page)
    window.drill_requested.connect(start_drill_console)
    window.declare_action.setEnabled(False)  # until the database is open
    poller.new_alerts.connect(alerts.on_new_alerts)
    poller.pages_changed.connect(alerts.on_pages_changed)
    poller.status_changed.connect(alerts.on_poll_status)
    poller.acknowledged.connect(alerts.on_acknowledged)
    poller.acknowledge_failed.connect(alerts.on_acknowledge_failed)
    if tray is not None:
        poller.pages_changed.connect(tray.set_pages)
        window.hidden_to_tray.connect(alerts.on_window_hidden_to_tray)
    # the tray says what they changed, once the rooms above have taken it
    for changed in (poller.new_alerts, poller.pages_changed, poller.status_changed):
        changed.connect(lambda _: controller.update_tray(controller.clock.now()))
    if controller.tray_status is not None:
        alerts.snoozed.connect(controller.tray_status.set_snoozed)
        alerts.not_acknowledged.connect(controller.tray_status.set_not_acknowledged)
    alerts.snoozed.connect(lambda _: controller.update_tray(controller.clock.now()))
    alerts.not_acknowledged.connect(lambda _: controller.update_tray(controller.clock.now()))
    if tray is not None:
        tray.open_requested.connect(window.bring_forward)
        settings.language_changed.connect(tray.retranslate)
        tray.declare_requested.connect(window.bring_forward)
        tray.settings_requested.connect(settings.open_settings)
        tray.quit_requested.connect(controller.quit)
        tray.acknowledge_requested.connect(poller.acknowledge)
        tray.open_page_requested.connect(alerts.open_page)
        tray.snooze_requested.connect(alerts.snooze)
        tray.reminder_requested.connect(lambda key: alerts.on_notification_action(key, OPEN))


def connect_workspace(controller: AppController, workspace: Workspace) -> None:
    """The database-backed services' signals to the window and the rooms, and the rooms built
    at start to the rooms built now."""
    window, tray, incidents = controller.window, controller.tray, workspace.incidents
    alerts, poller, outbox = controller.alert_controller, controller.poller, workspace.outbox
    cockpits, postmortems, handoffs = workspace.cockpits, workspace.postmortems, workspace.handoffs
    settings, history = controller.settings_controller, workspace.history

    def tray_now(*_: object) -> None:
        controller.update_tray(controller.clock.now())

    def declare() -> None:
        from oncall_desktop.ui.windows.declare_dialog import DeclareDialog

        language = controller.preferences.language
        declaration = DeclareDialog.ask(controller.policy, language, controller.clock.now(), window)
        if declaration is not None:
            incidents.declare(
                declaration.title,
                declaration.severity,
                declaration.impact,
                declaration.reason,
                declaration.detected_at,
            )

    def sign_as_me(*_: object) -> None:
        """My name may have changed (Settings, PagerDuty): what is recorded and posted from
        now on is signed with it."""
        incidents.actor = outbox.actor = controller.preferences.actor

    def opened(incident: Incident) -> None:
        if incident.id is not None:
            window.select_incident(incident.id)
            cockpits.show_cockpit(incident)

    controller.preferences.changed.connect(sign_as_me)
    poller.status_changed.connect(sign_as_me)
    # what is asked for a cockpit, from anywhere
    window.declare_requested.connect(declare)
    window.incident_activated.connect(cockpits.open_cockpit)
    alerts.cockpit_requested.connect(cockpits.open_cockpit)
    alerts.compose_requested.connect(cockpits.open_and_compose)
    alerts.incident_acknowledge_requested.connect(cockpits.acknowledge_incident)
    history.incident_requested.connect(cockpits.open_cockpit)
    if tray is not None:
        tray.declare_requested.connect(declare)
        tray.incident_requested.connect(cockpits.open_cockpit)
    cockpits.name_needed.connect(controller.identity.ensure_named)
    cockpits.postmortem_requested.connect(postmortems.open)
    settings.language_changed.connect(lambda _language: cockpits.reopen_all())
    settings.language_changed.connect(tray_now)
    settings.language_changed.connect(handoffs.retranslate)
    # the incidents, as listed and as they change
    if controller.tray_status is not None:  # first: the tray is refreshed from the list
        tray_status = controller.tray_status
        incidents.incidents_changed.connect(tray_status.set_incidents)
        postmortems.reminders.connect(tray_status.set_postmortem_reminders)
        handoffs.reminders.connect(tray_status.set_handoff_reminders)
    incidents.incidents_changed.connect(window.set_incidents)
    incidents.incidents_changed.connect(alerts.set_incidents)  # an opened page leaves the list
    incidents.incidents_changed.connect(cockpits.refresh_listed)
    incidents.incidents_changed.connect(tray_now)
    incidents.pages_resolved_here.connect(alerts.set_resolved_here)
    incidents.incident_opened.connect(opened)
    incidents.incident_declared.connect(opened)
    incidents.incident_changed.connect(postmortems.on_incident_changed)
    incidents.incident_changed.connect(cockpits.on_incident_changed)
    incidents.change_refused.connect(cockpits.on_change_refused)
    incidents.problem.connect(lambda text: window.show_message("storage", text, "error"))
    # the pages, followed by their local incidents and the cockpits
    poller.pages_changed.connect(cockpits.show_responders)
    poller.pages_changed.connect(incidents.sync_from_sources)
    poller.pages_left.connect(incidents.sync_from_sources)
    poller.acknowledged.connect(incidents.follow_page)
    alerts.page_open_requested.connect(incidents.open_from_page)
    alerts.postmortem_requested.connect(postmortems.open)
    alerts.handoff_requested.connect(handoffs.open)
    # the outbox
    outbox.post_changed.connect(cockpits.on_post_changed)
    outbox.post_changed.connect(workspace.deadline_alerts.on_post_changed)  # a refused update
    if controller.tray_status is not None:  # said in the tray too, as an overdue update is
        refused_changed = workspace.deadline_alerts.refused_changed
        refused_changed.connect(controller.tray_status.set_refused_updates)
        refused_changed.connect(tray_now)
    outbox.post_refused.connect(cockpits.on_post_refused)
    outbox.problem.connect(lambda text: window.show_message("outbox", text, "error"))
    # post-mortems, history, handoffs
    postmortems.service.problem.connect(
        lambda text: window.show_message("postmortem", text, "error")
    )
    postmortems.service.unsigned_changed.connect(tray_now)
    window.action_items_requested.connect(postmortems.show_action_items)
    window.action_items_action.setEnabled(True)
    history.service.problem.connect(lambda text: window.show_message("history", text, "error"))
    history.postmortem_requested.connect(postmortems.open)
    window.history_requested.connect(history.show_history)
    window.history_action.setEnabled(True)
    handoffs.service.problem.connect(lambda text: window.show_message("handoff", text, "error"))
    handoffs.service.due.connect(tray_now)
    handoffs.service.saved.connect(tray_now)
    handoffs.rotation_said.connect(window.set_rotation)
    window.handoff_requested.connect(handoffs.open)
    window.handoff_action.setEnabled(True)
    handoffs.start()
    # each second, in this order, after the window and before the tray
    controller.ticked.connect(cockpits.refresh)
    controller.ticked.connect(workspace.deadline_alerts.on_tick)
    controller.ticked.connect(postmortems.remind)
    controller.ticked.connect(handoffs.on_tick)
    window.declare_action.setEnabled(True)
    alerts.on_database_opened()  # a page the user opened while it was opening opens now

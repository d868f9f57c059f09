"""What the composition root connects: the window's, the tray's and the alert sources' signals
to the rooms that answer them (once the console is built), and the database-backed services'
(once the workspace is). Part of the composition root (app/container.py builds, this wires):
no room imports it.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from typing import TYPE_CHECKING

from oncall_desktop.services.alert_sources import declaring_name
from oncall_desktop.ui.notifier import OPEN

if TYPE_CHECKING:
    from oncall_desktop.app.console import AppController, Workspace

log = logging.getLogger(__name__)


def start_drill_console() -> None:
    """A drill in a console of its own (its own data folder; nothing real is touched)."""
    from PySide6.QtCore import QProcess

    from oncall_desktop import child_command

    program, *arguments = child_command("--drill")
    if not QProcess.startDetached(program, arguments):
        log.warning("the drill console could not be started")


def reopen_cockpits(controller: AppController) -> None:
    """The open cockpits built again (in a new language) on their incident as stored."""
    for incident_id, cockpit in list(controller.cockpits.items()):
        cockpit.close()  # its controller forgets it
        controller.open_cockpit(incident_id)
    controller.update_tray(controller.clock.now())


def connect_console(controller: AppController) -> None:
    """The window's, the tray's and the alert sources' signals to the rooms that answer them."""
    window, tray, poller = controller.window, controller.tray, controller.poller
    alerts, settings = controller.alert_controller, controller.settings_controller
    window.declare_requested.connect(controller.declare)
    window.settings_requested.connect(settings.open_settings)
    controller.preferences.changed.connect(
        lambda chosen: controller.cockpit_controller.set_declarable(declaring_name(chosen))
    )
    settings.language_changed.connect(lambda _language: reopen_cockpits(controller))
    controller.identity.name_chosen.connect(
        lambda name: settings.apply_settings(
            replace(controller.preferences.settings, engineer_name=name), {}
        )
    )
    window.page_acknowledge_requested.connect(poller.acknowledge)
    window.page_open_requested.connect(alerts.open_page)
    window.drill_requested.connect(start_drill_console)
    window.incident_activated.connect(controller.open_cockpit)
    window.declare_action.setEnabled(False)  # until the database is open
    alerts.cockpit_requested.connect(controller.open_cockpit)
    alerts.compose_requested.connect(
        lambda incident_id, audience: controller.open_cockpit(
            incident_id, lambda: controller.cockpit_controller.compose(incident_id, audience)
        )
    )
    alerts.incident_acknowledge_requested.connect(
        controller.cockpit_controller.acknowledge_incident
    )
    poller.new_alerts.connect(alerts.on_new_alerts)
    poller.pages_changed.connect(alerts.on_pages_changed)
    poller.pages_changed.connect(controller.cockpit_controller.show_responders)
    poller.status_changed.connect(alerts.on_poll_status)
    poller.acknowledged.connect(alerts.on_acknowledged)
    if tray is not None:
        poller.pages_changed.connect(tray.set_pages)
        window.hidden_to_tray.connect(alerts.on_window_hidden_to_tray)
    # the tray says what they changed, once the rooms above have taken it
    for changed in (poller.new_alerts, poller.pages_changed, poller.status_changed):
        changed.connect(lambda _: controller.update_tray(controller.clock.now()))
    if controller.tray_status is not None:
        alerts.snoozed.connect(controller.tray_status.set_snoozed)
    alerts.snoozed.connect(lambda _: controller.update_tray(controller.clock.now()))
    poller.problem.connect(lambda text: window.show_message("pagerduty-action", text, "error"))
    if tray is not None:
        tray.open_requested.connect(window.bring_forward)
        settings.language_changed.connect(tray.retranslate)
        tray.declare_requested.connect(controller.declare)
        tray.settings_requested.connect(settings.open_settings)
        tray.quit_requested.connect(controller.quit)
        tray.acknowledge_requested.connect(poller.acknowledge)
        tray.open_page_requested.connect(alerts.open_page)
        tray.snooze_requested.connect(alerts.snooze)
        tray.incident_requested.connect(controller.open_cockpit)
        tray.reminder_requested.connect(lambda key: alerts.on_notification_action(key, OPEN))


def connect_workspace(controller: AppController, workspace: Workspace) -> None:
    """The database-backed services' signals to the window and the rooms."""
    window, incidents, outbox = controller.window, workspace.incidents, workspace.outbox
    alerts, poller = controller.alert_controller, controller.poller
    if controller.tray_status is not None:  # first: the tray is refreshed from the list
        tray_status = controller.tray_status
        incidents.incidents_changed.connect(tray_status.set_incidents)
        workspace.postmortems.reminders.connect(tray_status.set_postmortem_reminders)
        workspace.handoffs.reminders.connect(tray_status.set_handoff_reminders)
    incidents.incidents_changed.connect(window.set_incidents)
    incidents.incidents_changed.connect(alerts.set_incidents)  # an opened page leaves the list
    incidents.incidents_changed.connect(controller.on_incidents_listed)
    incidents.pages_resolved_here.connect(alerts.set_resolved_here)
    poller.pages_changed.connect(incidents.sync_from_sources)
    poller.pages_left.connect(incidents.sync_from_sources)
    poller.acknowledged.connect(incidents.follow_page)
    alerts.page_open_requested.connect(incidents.open_from_page)
    alerts.postmortem_requested.connect(workspace.postmortems.open)
    alerts.handoff_requested.connect(workspace.handoffs.open)
    controller.settings_controller.language_changed.connect(workspace.handoffs.retranslate)
    incidents.incident_opened.connect(controller.on_incident_opened)
    incidents.incident_declared.connect(controller.on_incident_opened)
    incidents.incident_changed.connect(controller.on_incident_changed)
    incidents.change_refused.connect(controller.cockpit_controller.on_change_refused)
    incidents.problem.connect(lambda text: window.show_message("storage", text, "error"))
    outbox.post_changed.connect(controller.cockpit_controller.on_post_changed)
    outbox.post_refused.connect(controller.cockpit_controller.on_post_refused)
    outbox.problem.connect(lambda text: window.show_message("outbox", text, "error"))
    postmortems = workspace.postmortems
    postmortems.service.problem.connect(
        lambda text: window.show_message("postmortem", text, "error")
    )
    postmortems.service.unsigned_changed.connect(
        lambda _: controller.update_tray(controller.clock.now())
    )
    window.action_items_requested.connect(postmortems.show_action_items)
    window.action_items_action.setEnabled(True)
    controller.cockpit_controller.connect_postmortems(postmortems.open)
    history = workspace.history
    history.service.problem.connect(lambda text: window.show_message("history", text, "error"))
    history.incident_requested.connect(controller.open_cockpit)
    history.postmortem_requested.connect(workspace.postmortems.open)
    window.history_requested.connect(history.show_history)
    window.history_action.setEnabled(True)
    handoffs = workspace.handoffs
    handoffs.service.problem.connect(lambda text: window.show_message("handoff", text, "error"))
    handoffs.service.due.connect(lambda _: controller.update_tray(controller.clock.now()))
    handoffs.service.saved.connect(lambda _: controller.update_tray(controller.clock.now()))
    handoffs.rotation_said.connect(window.set_rotation)
    window.handoff_requested.connect(handoffs.open)
    window.handoff_action.setEnabled(True)
    handoffs.start()
    # each second, in this order, between the cockpits' refresh and the tray's
    controller.ticked.connect(workspace.deadline_alerts.on_tick)
    controller.ticked.connect(postmortems.remind)
    controller.ticked.connect(handoffs.on_tick)
    window.declare_action.setEnabled(True)
    alerts.on_database_opened()  # a page the user opened while it was opening opens now

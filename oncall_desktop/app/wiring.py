"""What the composition root connects: the window's, the tray's and the alert sources' signals
to the rooms that answer them (once the console is built), and the database-backed services'
(once the workspace is). Part of the composition root (app/container.py builds, this wires):
no room imports it.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

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


def connect_console(controller: AppController) -> None:
    """The window's, the tray's and the alert sources' signals to the rooms that answer them."""
    window, tray, poller = controller.window, controller.tray, controller.poller
    alerts, settings = controller.alert_controller, controller.settings_controller
    window.declare_requested.connect(controller.declare)
    window.settings_requested.connect(settings.open_settings)
    window.page_acknowledge_requested.connect(poller.acknowledge)
    window.page_open_requested.connect(alerts.open_page)
    window.drill_requested.connect(start_drill_console)
    window.hidden_to_tray.connect(alerts.on_window_hidden_to_tray)
    window.incident_activated.connect(controller.open_cockpit)
    window.declare_action.setEnabled(False)  # until the database is open
    poller.new_alerts.connect(alerts.on_new_alerts)
    poller.pages_changed.connect(alerts.on_pages_changed)
    poller.pages_left.connect(alerts.on_pages_left)
    poller.status_changed.connect(alerts.on_poll_status)
    poller.acknowledged.connect(alerts.on_acknowledged)
    poller.problem.connect(lambda text: window.show_message("pagerduty-action", text, "error"))
    if controller.tray_status is not None:
        alerts.snoozed.connect(controller.tray_status.set_snoozed)
    if tray is not None:
        tray.open_requested.connect(window.bring_forward)
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
    if controller.tray_status is not None:  # first: the tray is refreshed from the list
        tray_status = controller.tray_status
        incidents.incidents_changed.connect(tray_status.set_incidents)
        workspace.postmortems.reminders.connect(tray_status.set_postmortem_reminders)
        workspace.handoffs.reminders.connect(tray_status.set_handoff_reminders)
    incidents.incidents_changed.connect(window.set_incidents)
    incidents.incidents_changed.connect(controller.on_incidents_listed)
    incidents.pages_resolved_here.connect(
        lambda _keys: controller.alert_controller.show_pages(controller.poller.pages)
    )
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
    controller.alert_controller.open_pending()  # a page the user opened while it was opening

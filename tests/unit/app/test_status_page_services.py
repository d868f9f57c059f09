"""Issue 24, item 1: an incident's affected services on the status page are chosen at its first
status-page update, in a dialog of their own (driven here for real, as the engineer would),
kept for the incident, and named in every update with the impact its severity implies
("operational" once resolved). The page's services are read off the GUI thread."""

from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox

from oncall_desktop.core.compose import MessageKind
from oncall_desktop.core.incident import EventKind
from oncall_desktop.core.narrative import describe
from oncall_desktop.core.policy import Severity
from oncall_desktop.ui.windows import composer_dialog
from oncall_desktop.ui.windows.status_page_services_dialog import StatusPageServicesDialog
from tests.helpers.services_dialog import ServicesDialogs
from tests.unit.app.conftest import (
    connected_to_pagerduty,
    context,  # noqa: F401  (the app assembled, as a fixture)
)

OK = QDialogButtonBox.StandardButton.Ok


def tick_off(qtbot, dialog, row):
    """The engineer moves to a service and unticks it with the keyboard."""
    dialog.services.setFocus()
    dialog.services.setCurrentRow(row)
    qtbot.keyClick(dialog.services, Qt.Key.Key_Space)


def test_the_dialog_lists_the_page_s_services_all_ticked(qtbot):
    dialog = StatusPageServicesDialog(
        [("PSRV001", "API"), ("PSRV002", "Web app")], "Example status"
    )
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert "Example status" in dialog.intro.text() and not dialog.none_listed.isVisible()
    assert dialog.chosen() == [("PSRV001", "API"), ("PSRV002", "Web app")]
    tick_off(qtbot, dialog, 1)
    assert dialog.chosen() == [("PSRV001", "API")]
    qtbot.mouseClick(dialog.none_button, Qt.MouseButton.LeftButton)
    assert dialog.chosen() == []
    qtbot.mouseClick(dialog.all_button, Qt.MouseButton.LeftButton)
    assert dialog.chosen() == [("PSRV001", "API"), ("PSRV002", "Web app")]
    empty = StatusPageServicesDialog([], "Example status")
    qtbot.addWidget(empty)
    assert empty.none_listed.isVisibleTo(empty) and empty.chosen() == []


@pytest.fixture
def app(qtbot, context, pagerduty, monkeypatch, clock):  # noqa: F811
    clock.advance(datetime.now(UTC) - clock.now())  # the fake PagerDuty lives in real time
    ctx = connected_to_pagerduty(
        context,
        pagerduty,
        status_page_id=pagerduty.status_page_id,
        status_page_name="Example status",
    )
    kinds = []

    def send(dialog):  # the composer: the status page only, the kind asked for
        dialog.kind.setCurrentIndex(dialog.kind.findData(kinds.pop(0).value))
        dialog.boxes["slack"].setChecked(False)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(composer_dialog.ComposerDialog, "exec", send)

    def declare(severity):
        with qtbot.waitSignal(ctx.incidents.incident_declared, timeout=5000) as declared:
            ctx.incidents.declare("Payments down", severity, "all users")
        incident_id = declared.args[0].id
        qtbot.waitUntil(lambda: incident_id in ctx.controller.cockpits, timeout=5000)
        return incident_id

    def compose(incident_id, kind=MessageKind.STATUS_PAGE):
        kinds.append(kind)
        clock.advance(timedelta(minutes=1))
        ctx.controller.cockpit_controller.compose(incident_id, "status_page")

    ctx.declare, ctx.compose = declare, compose
    return ctx


def test_the_first_update_asks_and_every_update_names_the_chosen_services(qtbot, app, pagerduty):
    def untick_web_app_and_post(dialog):
        tick_off(qtbot, dialog, 1)  # the web app is not affected
        qtbot.mouseClick(dialog.buttons.button(OK), Qt.MouseButton.LeftButton)

    dialogs = ServicesDialogs(untick_web_app_and_post)
    incident_id = app.declare(Severity.SEV1)
    try:
        for n, kind in enumerate(
            [MessageKind.STATUS_PAGE, MessageKind.STATUS_PAGE, MessageKind.STATUS_PAGE_RESOLVED],
            start=1,
        ):
            app.compose(incident_id, kind)
            qtbot.waitUntil(lambda n=n: len(pagerduty.status_updates_text()) == n, timeout=8000)
    finally:
        dialogs.stop()
    # asked once, with every service of the page ticked
    assert dialogs.seen == [[("API", True), ("Web app", True), ("Payments", True)]]
    assert pagerduty.status_update_impacts() == [
        [("API", "outage"), ("Payments", "outage")],  # SEV-1: the service is down
        [("API", "outage"), ("Payments", "outage")],
        [("API", "operational"), ("Payments", "operational")],  # resolved
    ]
    assert len(pagerduty.status_posts) == 1
    # the choice is the incident's, in its timeline, in words and as data
    window = app.controller.cockpits[incident_id]
    qtbot.waitUntil(
        lambda: any("status_page_services" in e.data for e in window.incident.timeline),
        timeout=5000,
    )
    [note] = [e for e in window.incident.events(EventKind.NOTE) if "status_page_services" in e.data]
    assert note.data["status_page_services"] == ["PSRV001", "PSRV003"]
    assert (
        describe(note, app.controller.policy, "fr")
        == "Page de statut, services touchés : API, Payments"
    )


def test_cancelling_the_choice_posts_nothing_and_the_next_update_asks_again(qtbot, app, pagerduty):
    dialogs = ServicesDialogs(lambda dialog: dialog.reject())
    incident_id = app.declare(Severity.SEV2)
    window = app.controller.cockpits[incident_id]
    try:
        app.compose(incident_id)
        qtbot.waitUntil(lambda: "clipboard" in window.problem_label.text(), timeout=8000)
        assert pagerduty.status_posts == [] and len(dialogs.seen) == 1
        assert "Our team is actively working" in QApplication.clipboard().text()
        dialogs.first = lambda dialog: dialog.accept()
        dialogs.seen.clear()
        app.compose(incident_id)
        qtbot.waitUntil(lambda: len(pagerduty.status_updates_text()) == 1, timeout=8000)
    finally:
        dialogs.stop()
    assert len(dialogs.seen) == 1  # asked again, this time answered: all of them
    assert pagerduty.status_update_impacts() == [
        [("API", "partial outage"), ("Web app", "partial outage"), ("Payments", "partial outage")]
    ]


def test_when_the_services_cannot_be_listed_the_update_names_them_all_and_says_so(
    qtbot, app, pagerduty
):
    from tests.helpers.fake_pagerduty import Fault

    dialogs = ServicesDialogs(lambda dialog: dialog.accept())
    incident_id = app.declare(Severity.SEV1)
    window = app.controller.cockpits[incident_id]
    services = f"/status_pages/{pagerduty.status_page_id}/services"
    pagerduty.fail_next(Fault(403, path=services))
    try:
        app.compose(incident_id)
        qtbot.waitUntil(lambda: len(pagerduty.status_updates_text()) == 1, timeout=8000)
    finally:
        dialogs.stop()
    assert dialogs.seen == []  # nothing to choose from: not asked
    assert "could not be listed" in window.problem_label.text()
    assert pagerduty.status_update_impacts() == [
        [("API", "outage"), ("Web app", "outage"), ("Payments", "outage")]
    ]

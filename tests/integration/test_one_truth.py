"""Issue 23: what the cockpit shows is what PagerDuty holds. The real cockpit, its real
dialogs, the real poller and client against the contract-checked fake PagerDuty, and a real
SQLite store: acknowledge and resolve are asked of PagerDuty first, the local incident follows
its answer, a refusal or a lost answer is said in the cockpit with a retry, and a hung
PagerDuty never holds up a database write."""

import time
from datetime import timedelta

import pytest
from PySide6.QtCore import QCoreApplication
from shiboken6 import isValid

from oncall_desktop.core.clock import SystemClock
from oncall_desktop.core.evidence import done_steps
from oncall_desktop.core.incident import EventKind, Status
from oncall_desktop.core.paging import Backoff
from oncall_desktop.integrations.secrets import PAGERDUTY_TOKEN, InMemorySecretStore
from oncall_desktop.services.alert_actions import AlertActions
from oncall_desktop.services.alert_sources import AlertPoller
from oncall_desktop.services.incidents import IncidentService, incident_from_page
from oncall_desktop.services.tasks import TaskRunner
from oncall_desktop.storage.db import open_database, sqlite_url
from oncall_desktop.storage.incidents import IncidentRepository
from oncall_desktop.ui.translations import install_translators
from oncall_desktop.ui.widgets.pages_panel import PagesPanel
from oncall_desktop.ui.windows.cockpit_window import CockpitWindow
from tests.helpers.dialogs import answer_dialogs, no, press_ok
from tests.helpers.fake_pagerduty import ME_EMAIL, Fault

STEP_ACK, STEP_RESOLVE = "1.2", "4.2"


class Console:
    """The parts of a console this issue is about, wired as the app wires them."""

    def __init__(self, qtbot, pagerduty, tmp_path, policy):
        self.qtbot, self.pagerduty, self.policy = qtbot, pagerduty, policy
        self.database = open_database(sqlite_url(tmp_path / "oncall.sqlite3"))
        self.repo = IncidentRepository(self.database)
        self.runner = TaskRunner()
        self.clock = SystemClock()
        secrets = InMemorySecretStore()
        secrets.set(PAGERDUTY_TOKEN, pagerduty.token)
        self.poller = AlertPoller(
            secrets,
            {"pagerduty_enabled": True, "pagerduty_base_url": pagerduty.url},
            self.runner,
            self.clock,
            interval=timedelta(seconds=30),
            backoff=Backoff(base=timedelta(milliseconds=100), cap=timedelta(milliseconds=300)),
        )
        self.incidents = IncidentService(self.repo, self.runner, self.clock, policy, "Alice")
        self.actions = AlertActions(self.incidents, self.poller)
        self.poller.pages_changed.connect(self.incidents.sync_from_sources)
        self.poller.pages_left.connect(self.incidents.sync_from_sources)
        self.windows = []
        # what app/cockpits.CockpitController.show_responders does with each poll
        self.poller.pages_changed.connect(self._show_pages_in_cockpits)

    def _show_pages_in_cockpits(self, pages):
        by_key = {p.key: p for p in pages}
        for window in self.windows:
            if isValid(window) and window.incident.alert is not None:
                page = by_key.get(window.incident.alert.key)
                window.lifecycle.set_page_status(page.status if page is not None else "")

    def page(self, title="API down"):
        """A page in PagerDuty, polled, and its local incident opened in a cockpit."""
        page_id = self.pagerduty.add_incident(title)
        with self.qtbot.waitSignal(self.poller.pages_changed, timeout=5000):
            self.poller.start()
        page = self.poller.page(f"pagerduty:{page_id}")
        incident = self.repo.create_for_page(incident_from_page(page, self.clock.now(), "Alice"))
        with self.qtbot.waitSignal(self.incidents.incidents_changed, timeout=5000):
            self.incidents.refresh()  # the open incidents a poll brings in line
        return page_id, self.cockpit(incident)

    def cockpit(self, incident, language="en"):
        window = CockpitWindow(
            incident, self.policy, language, None, self.incidents, actions=self.actions
        )
        self.qtbot.addWidget(window)
        self.incidents.incident_changed.connect(
            lambda changed: (
                isValid(window)
                and changed.id == window.incident_id
                and window.set_incident(changed)
            )
        )
        window.set_now(self.clock.now())
        window.show()
        self.windows.append(window)
        return window

    def close(self):
        self.poller.stop()
        self.runner.wait()
        QCoreApplication.processEvents()  # answers that came late land here, not in a later test
        self.database.close()


@pytest.fixture
def console(qtbot, pagerduty, tmp_path, policy):
    made = Console(qtbot, pagerduty, tmp_path, policy)
    yield made
    made.close()


def pd_status(pagerduty, page_id):
    return pagerduty.incidents[page_id]["status"]


def test_acknowledge_in_the_cockpit_acknowledges_in_pagerduty_first(qtbot, console, pagerduty):
    page_id, window = console.page()
    assert "not acknowledged; it keeps escalating" in window.source_bar.label.text()
    window.next_bar.button.click()  # "Acknowledge", the next action
    qtbot.waitUntil(lambda: window.incident.status is Status.ACKNOWLEDGED, timeout=5000)
    assert pd_status(pagerduty, page_id) == "acknowledged"
    put = pagerduty.requests_to("PUT", f"/incidents/{page_id}")
    assert len(put) == 1 and put[0].headers["From"] == ME_EMAIL
    assert done_steps(window.incident, console.policy)[STEP_ACK].by_the_app
    assert window.source_bar.label.text() == "PagerDuty: acknowledged."
    kinds = [e.kind for e in window.incident.timeline]
    assert kinds.count(EventKind.ALERT_ASKED) == 1 and kinds.count(EventKind.ALERT_ANSWERED) == 1


def test_a_refused_acknowledge_leaves_it_triggered_and_says_so_with_a_retry(
    qtbot, console, pagerduty
):
    page_id, window = console.page()
    pagerduty.fail_next(Fault(status=500, method="PUT"))
    window.status_buttons[Status.ACKNOWLEDGED].click()
    qtbot.waitUntil(lambda: window.source_bar.retry_button.isVisible(), timeout=5000)
    assert window.incident.status is Status.TRIGGERED  # never claims what PagerDuty lacks
    assert window.incident.acknowledged_at is None
    assert "PagerDuty has not acknowledged it" in window.source_bar.label.text()
    assert "It keeps escalating there." in window.source_bar.label.text()
    assert STEP_ACK not in done_steps(window.incident, console.policy)
    assert not window.problem_label.isVisible()  # said once, in the source bar
    assert pd_status(pagerduty, page_id) == "triggered"
    window.source_bar.retry_button.click()
    qtbot.waitUntil(lambda: window.incident.status is Status.ACKNOWLEDGED, timeout=5000)
    assert pd_status(pagerduty, page_id) == "acknowledged"
    assert not window.source_bar.retry_button.isVisible()


def test_a_rate_limited_acknowledge_says_what_is_true_and_offers_the_retry(
    qtbot, console, pagerduty
):
    """429 Retry-After 30 on Acknowledge: nothing retries a user's action by itself, so the
    cockpit must not say "Retrying in 30 s"; it says what PagerDuty asks, with Retry."""
    page_id, window = console.page()
    pagerduty.fail_next(Fault(status=429, method="PUT", headers={"Retry-After": "30"}))
    window.status_buttons[Status.ACKNOWLEDGED].click()
    qtbot.waitUntil(lambda: window.source_bar.retry_button.isVisible(), timeout=5000)
    said = window.source_bar.label.text()
    assert "rate limiting this token (429) and asks to wait 30 s." in said
    assert "Retrying" not in said
    refused = [e for e in window.incident.timeline if e.kind is EventKind.ALERT_ANSWERED]
    assert "Retrying" not in str(refused[-1].data.get("reason"))
    window.source_bar.retry_button.click()  # the user asks again: that is the retry
    qtbot.waitUntil(lambda: window.incident.status is Status.ACKNOWLEDGED, timeout=5000)
    assert len(pagerduty.requests_to("PUT", f"/incidents/{page_id}")) == 2


def test_pagerdutys_refusal_is_said_in_french_in_a_french_cockpit_and_timeline(
    qtbot, qapp, console, pagerduty
):
    """It read "PagerDuty n'a pas acquitté : PagerDuty is rate limiting this token (429)…":
    the refusal is stored as a message, and each console says it in its own language."""
    _page_id, window = console.page()
    pagerduty.fail_next(Fault(status=429, method="PUT", headers={"Retry-After": "30"}))
    window.status_buttons[Status.ACKNOWLEDGED].click()
    qtbot.waitUntil(lambda: window.source_bar.retry_button.isVisible(), timeout=5000)
    install_translators(qapp, "fr")
    try:
        french = console.cockpit(window.incident, language="fr")
        words = "PagerDuty limite le débit de ce jeton (429) et demande d’attendre 30 s."
        assert words in french.source_bar.label.text()
        model = french.timeline
        rows = [model.data(model.index(r, 2)) for r in range(model.rowCount())]
        assert f"PagerDuty n’a pas acquitté : {words}" in rows, rows
    finally:
        install_translators(qapp, "en")


def test_investigating_from_triggered_acknowledges_in_pagerduty_on_the_way(
    qtbot, console, pagerduty
):
    page_id, window = console.page()
    window.status_buttons[Status.INVESTIGATING].click()
    qtbot.waitUntil(lambda: window.incident.status is Status.INVESTIGATING, timeout=5000)
    assert pd_status(pagerduty, page_id) == "acknowledged"


def test_resolve_resolves_in_pagerduty_through_the_real_dialog(qtbot, console, pagerduty):
    page_id, window = console.page()
    pagerduty.set_status(page_id, "acknowledged")
    console.poller.poll_now()
    qtbot.waitUntil(lambda: window.incident.status is Status.ACKNOWLEDGED, timeout=5000)

    def resolve(dialog):
        assert dialog.in_source.isVisibleTo(dialog) and dialog.in_source.isChecked()
        assert dialog.in_source.text() == "Resolve it in PagerDuty too"
        dialog.note.setPlainText("Rolled back the deploy")
        press_ok(dialog)

    answer_dialogs(resolve, no, no)  # then: notices? no; post-mortem? no
    window.status_buttons[Status.RESOLVED].click()
    qtbot.waitUntil(lambda: window.incident.status is Status.RESOLVED, timeout=5000)
    assert pd_status(pagerduty, page_id) == "resolved"
    assert window.incident.resolution_note == "Rolled back the deploy"
    assert done_steps(window.incident, console.policy)[STEP_RESOLVE].by_the_app
    assert window.source_bar.label.text() == "PagerDuty: resolved."


def test_resolve_can_leave_the_page_open_in_pagerduty_and_step_4_2_stays_to_do(
    qtbot, console, pagerduty
):
    page_id, window = console.page()
    window.next_bar.button.click()
    qtbot.waitUntil(lambda: window.incident.status is Status.ACKNOWLEDGED, timeout=5000)

    def resolve_here_only(dialog):
        dialog.in_source.setChecked(False)
        dialog.note.setPlainText("Ours is fixed; the network team keeps the page")
        press_ok(dialog)

    answer_dialogs(resolve_here_only, no, no)
    window.status_buttons[Status.RESOLVED].click()
    qtbot.waitUntil(lambda: window.incident.status is Status.RESOLVED, timeout=5000)
    assert pd_status(pagerduty, page_id) == "acknowledged"
    assert not pagerduty.requests_to("PUT", f"/incidents/{page_id}")[1:]  # only the ack
    assert STEP_RESOLVE not in done_steps(window.incident, console.policy)
    assert window.source_bar.label.text() == "Resolved here only: still open in PagerDuty."
    # the pages list says so, rather than "acknowledged, not opened"
    console.incidents.refresh()
    console.poller.poll_now()
    key = f"pagerduty:{page_id}"
    qtbot.waitUntil(lambda: console.incidents.resolved_here == {key}, timeout=5000)
    panel = PagesPanel()
    qtbot.addWidget(panel)
    panel.set_pages(console.poller.pages, console.incidents.resolved_here)
    assert panel.table.item(0, 3).text() == "resolved here, still open there"


def test_a_refused_resolve_keeps_it_open_and_offers_retry_or_here_only(qtbot, console, pagerduty):
    page_id, window = console.page()
    pagerduty.set_status(page_id, "acknowledged")
    console.poller.poll_now()
    qtbot.waitUntil(lambda: window.incident.status is Status.ACKNOWLEDGED, timeout=5000)
    pagerduty.fail_next(Fault(status=403, method="PUT"))

    def resolve(dialog):
        dialog.note.setPlainText("Restarted the pool")
        press_ok(dialog)

    answer_dialogs(resolve)
    window.status_buttons[Status.RESOLVED].click()
    qtbot.waitUntil(lambda: window.source_bar.here_button.isVisible(), timeout=5000)
    assert window.incident.is_active
    assert "PagerDuty has not resolved it" in window.source_bar.label.text()
    answer_dialogs(no, no)
    window.source_bar.retry_button.click()  # the note typed is kept for the retry
    qtbot.waitUntil(lambda: window.incident.status is Status.RESOLVED, timeout=5000)
    assert pd_status(pagerduty, page_id) == "resolved"
    assert window.incident.resolution_note == "Restarted the pool"


def test_a_hung_pagerduty_never_holds_up_a_database_write(qtbot, console, pagerduty):
    _page_id, window = console.page()
    pagerduty.fail_next(Fault(delay=6, method="PUT"))
    window.next_bar.button.click()
    qtbot.waitUntil(lambda: "Asking PagerDuty to acknowledge" in window.source_bar.label.text())
    sent = time.monotonic()
    window.note_edit.setText("Looking at the API pods")
    window.note_edit.returnPressed.emit()
    qtbot.waitUntil(
        lambda: any(
            e.data.get("text") == "Looking at the API pods" for e in window.incident.timeline
        ),
        timeout=5000,
    )
    assert time.monotonic() - sent < 1.0
    assert window.incident.status is Status.TRIGGERED  # PagerDuty has not answered yet


def test_an_unanswered_request_after_a_crash_is_said_in_the_cockpit(
    qtbot, console, pagerduty, tmp_path
):
    """The app stopped between asking and the answer: after a restart the cockpit says the
    acknowledge may not be done in PagerDuty, and offers to ask again."""
    page_id, window = console.page()
    incident = console.repo.change(
        window.incident_id,
        lambda i: i.ask_alert_source(
            "acknowledge", at=console.clock.now(), actor="Alice", source_name="PagerDuty"
        ),
    )
    window.hide()
    restarted = console.cockpit(incident)  # a new console's cockpit: nothing in flight
    assert "never got an answer" in restarted.source_bar.label.text()
    assert restarted.source_bar.retry_button.isVisible()
    restarted.source_bar.retry_button.click()
    qtbot.waitUntil(lambda: restarted.incident.status is Status.ACKNOWLEDGED, timeout=5000)
    assert pd_status(pagerduty, page_id) == "acknowledged"


def test_the_drill_score_counts_an_acknowledgement_only_once_pagerduty_has_it(
    qtbot, console, pagerduty
):
    _page_id, window = console.page()
    pagerduty.fail_next(Fault(status=500, method="PUT"))
    window.next_bar.button.click()
    qtbot.waitUntil(lambda: window.source_bar.retry_button.isVisible(), timeout=5000)
    from oncall_desktop.core.drill import score

    assert score(window.incident, console.policy, console.clock.now()).time_to_ack is None


def test_a_page_triggered_again_in_pagerduty_is_said_and_acknowledged_there_again(
    qtbot, console, pagerduty
):
    """The acknowledgement timed out in PagerDuty (or a colleague undid it): the cockpit does
    not keep saying "acknowledged"."""
    page_id, window = console.page()
    window.next_bar.button.click()
    qtbot.waitUntil(lambda: window.source_bar.label.text() == "PagerDuty: acknowledged.")
    pagerduty.set_status(page_id, "triggered")
    console.poller.poll_now()
    qtbot.waitUntil(lambda: "triggered again" in window.source_bar.label.text(), timeout=5000)
    assert window.source_bar.source_button.text() == "Acknowledge in PagerDuty"
    window.source_bar.source_button.click()
    qtbot.waitUntil(lambda: pd_status(pagerduty, page_id) == "acknowledged", timeout=5000)
    console.poller.poll_now()
    qtbot.waitUntil(lambda: window.source_bar.label.text() == "PagerDuty: acknowledged.")


def test_an_acknowledge_whose_answer_was_lost_shows_what_pagerduty_holds(qtbot, console, pagerduty):
    """PagerDuty did it, then its answer was lost (502): the cockpit reads PagerDuty again at
    once instead of saying it was not done until the next poll."""
    page_id, window = console.page()
    pagerduty.fail_next(Fault(status=502, method="PUT", after=True))
    window.next_bar.button.click()
    qtbot.waitUntil(lambda: window.incident.status is Status.ACKNOWLEDGED, timeout=5000)
    assert pd_status(pagerduty, page_id) == "acknowledged"
    qtbot.waitUntil(lambda: window.source_bar.label.text() == "PagerDuty: acknowledged.")
    assert done_steps(window.incident, console.policy)[STEP_ACK].by_the_app


def acknowledged_then_resolved_here_only(qtbot, console):
    """A page acknowledged in PagerDuty, then resolved here with the page left open there."""
    page_id, window = console.page()
    window.next_bar.button.click()
    qtbot.waitUntil(lambda: window.incident.status is Status.ACKNOWLEDGED, timeout=5000)

    def resolve_here_only(dialog):
        dialog.in_source.setChecked(False)
        dialog.note.setPlainText("Ours is fixed")
        press_ok(dialog)

    answer_dialogs(resolve_here_only, no, no)
    window.status_buttons[Status.RESOLVED].click()
    qtbot.waitUntil(lambda: not window.incident.is_active, timeout=5000)
    return page_id, window


def test_resolved_here_only_then_in_pagerduty_is_followed_and_can_be_asked_from_here(
    qtbot, console, pagerduty
):
    page_id, window = acknowledged_then_resolved_here_only(qtbot, console)
    assert window.source_bar.source_button.text() == "Resolve in PagerDuty"
    window.source_bar.source_button.click()  # the other team is done: resolve it there now
    qtbot.waitUntil(lambda: pd_status(pagerduty, page_id) == "resolved", timeout=5000)
    qtbot.waitUntil(lambda: window.source_bar.label.text() == "PagerDuty: resolved.")
    assert done_steps(window.incident, console.policy)[STEP_RESOLVE].by_the_app


def test_resolved_here_only_then_resolved_by_the_team_in_pagerduty_ticks_4_2(
    qtbot, console, pagerduty
):
    page_id, window = acknowledged_then_resolved_here_only(qtbot, console)
    key = f"pagerduty:{page_id}"
    console.incidents.refresh()
    console.poller.poll_now()
    qtbot.waitUntil(lambda: console.incidents.resolved_here == {key}, timeout=5000)
    pagerduty.set_status(page_id, "resolved")  # the team that kept the page resolves it
    console.poller.poll_now()
    qtbot.waitUntil(lambda: window.source_bar.label.text() == "PagerDuty: resolved.", timeout=5000)
    assert done_steps(window.incident, console.policy)[STEP_RESOLVE].by_the_app

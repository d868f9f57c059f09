"""A destination added by one module alone (issue 16, item 3): registered here, in this test
module, and nowhere else, it is delivered by the outbox's own courier, named in the cockpit's
outbox list and in the resend dialog, and keeps the outbox's guarantees (retry, refusal)."""

from datetime import timedelta

import pytest

from oncall_desktop.core.clock import SystemClock
from oncall_desktop.core.destinations import Destination, register_destination
from oncall_desktop.core.messages import QT_TR_NOOP
from oncall_desktop.core.outbox import Attempt, Outcome, Post, PostState, RetryPolicy
from oncall_desktop.integrations.delivery import Courier, Endpoints, register_deliverer
from oncall_desktop.integrations.errors import ServerError
from oncall_desktop.integrations.secrets import InMemorySecretStore
from oncall_desktop.services.outbox import OutboxService
from oncall_desktop.services.tasks import TaskRunner
from oncall_desktop.storage.db import open_database, sqlite_url
from oncall_desktop.storage.outbox import OutboxRepository

PIGEON = "carrier_pigeon"
delivered: list[tuple[str, str]] = []
failures_left = {"count": 0}


def fly(post: Post, context) -> Attempt:
    if failures_left["count"]:
        failures_left["count"] -= 1
        raise ServerError("the pigeon came back (storm)")
    delivered.append((post.destination, post.text))
    return Attempt(Outcome.DELIVERED, remote_ref=f"leg-{len(delivered)}")


register_destination(
    Destination(
        PIGEON,
        QT_TR_NOOP("Carrier pigeon"),
        edits_channel=True,
        describe_destination=QT_TR_NOOP("the loft {destination}"),
    )
)
register_deliverer(PIGEON, fly)


@pytest.fixture
def outbox(qapp, tmp_path):
    database = open_database(sqlite_url(tmp_path / "oncall.sqlite3"))
    repo = OutboxRepository(database)
    courier = Courier(InMemorySecretStore(), lambda: Endpoints("", "#incidents", ""))
    runner = TaskRunner()
    retry = RetryPolicy(base=timedelta(milliseconds=50), cap=timedelta(milliseconds=100))
    service = OutboxService(repo, courier.deliver, runner, SystemClock(), retry)
    service.start()
    yield service, repo
    service.stop()
    runner.wait()
    database.close()


def test_a_new_destination_is_delivered_through_the_outbox(qtbot, outbox):
    service, repo = outbox
    delivered.clear()
    failures_left["count"] = 1  # a retryable failure first: the outbox's guarantee holds
    with qtbot.waitSignal(service.post_changed, timeout=5000) as blocker:
        service.submit(Post(PIGEON, "INCIDENT DECLARED", destination="north loft"))
    post_id = blocker.args[0].id
    qtbot.waitUntil(lambda: repo.get(post_id).state is PostState.SENT, timeout=8000)
    stored = repo.get(post_id)
    assert stored.target == PIGEON and stored.attempts == 2
    assert delivered == [("north loft", "INCIDENT DECLARED")]


def test_the_ui_names_it_without_knowing_it(qtbot):
    from oncall_desktop.ui.windows.resend_dialog import ResendDialog

    refused = Post(
        PIGEON, "x", destination="north loft", state=PostState.FAILED, last_error="lost", id=3
    )
    dialog = ResendDialog(refused, "#incidents")
    qtbot.addWidget(dialog)
    assert dialog.will_use.text() == "It will be sent to: the loft north loft"
    dialog.destination.setText("south loft")
    assert dialog.result_resend().destination == "south loft"


def test_the_cockpit_lists_its_posts(qtbot, tmp_path, policy, clock):
    from oncall_desktop.core.incident import Incident
    from oncall_desktop.core.policy import Severity
    from oncall_desktop.services.incidents import IncidentService
    from oncall_desktop.storage.repositories import IncidentRepository
    from oncall_desktop.ui.windows.cockpit_window import CockpitWindow

    database = open_database(sqlite_url(tmp_path / "c.sqlite3"))
    runner = TaskRunner()
    try:
        repo = IncidentRepository(database)
        incident = repo.save(
            Incident.declare(title="x", severity=Severity.SEV1, at=clock.now(), actor="a")
        )
        service = IncidentService(repo, runner, clock, policy, "a")
        window = CockpitWindow(incident, policy, "en", None, service)
        qtbot.addWidget(window)
        window.set_posts([Post(PIGEON, "x", destination="north loft", incident_id=incident.id)])
        assert window.posts_view.item(0, 1).text() == "Carrier pigeon north loft"
    finally:
        runner.wait()
        database.close()

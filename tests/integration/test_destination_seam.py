"""A destination added by one module alone (issue 16, item 3): registered here, in this test
module, and nowhere else, it is delivered by the outbox's own courier, named in the cockpit's
outbox list and in the resend dialog, and keeps the outbox's guarantees (retry, refusal)."""

from datetime import timedelta

import pytest

from oncall_desktop.core.clock import SystemClock
from oncall_desktop.core.destinations import Destination, register_destination
from oncall_desktop.core.outbox import Attempt, Outcome, Post, PostState, RetryPolicy
from oncall_desktop.core.policy import Text
from oncall_desktop.integrations.delivery import Courier, Endpoints, register_deliverer
from oncall_desktop.integrations.errors import ServerError
from oncall_desktop.integrations.secrets import InMemorySecretStore
from oncall_desktop.services.outbox import OutboxService
from oncall_desktop.services.tasks import TaskRunner
from oncall_desktop.storage.db import open_database, sqlite_url
from oncall_desktop.storage.outbox import OutboxRepository
from tests.unit.app.conftest import context  # noqa: F401  (the app assembled, as a fixture)

PIGEON = "carrier_pigeon"
RAVEN = "raven"  # one the composer offers (registered by its test alone)
delivered: list[tuple[str, str]] = []
failures_left = {"count": 0}


def fly(post: Post, delivery) -> Attempt:
    if failures_left["count"]:
        failures_left["count"] -= 1
        raise ServerError("the pigeon came back (storm)")
    delivered.append((post.destination, post.text))
    return Attempt(Outcome.DELIVERED, remote_ref=f"leg-{len(delivered)}")


register_destination(
    Destination(
        PIGEON,
        Text(fr="Pigeon voyageur", en="Carrier pigeon"),
        edits_channel=True,
        where=Text(fr="le pigeonnier {destination}", en="the loft {destination}"),
        serves=("internal",),  # what it delivers is the team's update (elsewhere: a copy)
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
    from oncall_desktop.storage.incidents import IncidentRepository
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
        assert window.posts_table.model.cell(0, 1) == "Carrier pigeon north loft"
    finally:
        runner.wait()
        database.close()


def test_a_delivered_post_lands_in_the_timeline_in_the_readers_language(qtbot, outbox):
    """The timeline showed raw ids ("(pagerduty_status)", "(slack)") even in French."""
    from datetime import UTC, datetime

    from oncall_desktop.core.incident import Incident
    from oncall_desktop.core.narrative import describe
    from oncall_desktop.core.policy import Audience, Severity
    from oncall_desktop.core.policy_file import load_policy
    from oncall_desktop.services.outbox import timeline_event

    policy = load_policy().policy
    at = datetime(2025, 10, 20, 22, 15, tzinfo=UTC)
    sent = Post(
        PIGEON,
        "x",
        incident_id=1,
        audience=Audience.INTERNAL.value,
        destination="north loft",
        state=PostState.SENT,
        sent_at=at,
        id=9,
    )
    event = timeline_event(sent, SystemClock(), "ana")
    assert describe(event, policy, "fr").startswith("Mise à jour envoyée : Interne")
    assert "(Pigeon voyageur)" in describe(event, policy, "fr")
    assert "(Carrier pigeon)" in describe(event, policy, "en")
    note = timeline_event(
        Post(PIGEON, "x", incident_id=1, state=PostState.SENT, id=10), SystemClock(), "ana"
    )
    assert describe(note, policy, "fr") == "Publié sur Pigeon voyageur"
    inc = Incident.declare(title="x", severity=Severity.SEV1, at=at, actor="a")
    inc.record_update_sent(Audience.INTERNAL, at=at, actor="a", channel="marked by hand")
    assert describe(inc.timeline[-1], policy, "fr").endswith("(marqué à la main)")


def test_a_new_destination_is_offered_in_the_composer_and_delivered(
    qtbot,
    context,  # noqa: F811 - the fixture imported above
    monkeypatch,
):
    """Issue 16: composer -> outbox -> delivered, for a destination this module alone adds:
    the composer offers it for the audiences it registered, the router posts to it, the
    app's own courier delivers it, and the countdown it served restarts."""
    from PySide6.QtWidgets import QDialog

    from oncall_desktop.config.schema import Settings
    from oncall_desktop.core.destinations import unregister_destination
    from oncall_desktop.core.incident import EventKind
    from oncall_desktop.core.policy import Severity
    from oncall_desktop.ui.windows import composer_dialog

    ravens: list[tuple[str, str]] = []

    def fly_raven(post: Post, delivery) -> Attempt:
        ravens.append((post.destination, post.text))
        return Attempt(Outcome.DELIVERED, remote_ref=f"raven-{len(ravens)}")

    register_destination(
        Destination(
            RAVEN,
            Text(fr="Corbeau", en="Raven"),
            where=Text(fr="la tour {destination}", en="the tower {destination}"),
            audiences=("internal",),
            default_destination="north",
        )
    )
    register_deliverer(RAVEN, fly_raven)
    try:
        ctx = context(settings=Settings(language="en"))
        with qtbot.waitSignal(ctx.incidents.incident_declared, timeout=5000) as declared:
            ctx.incidents.declare("Castle gate stuck", Severity.SEV2)
        incident_id = declared.args[0].id
        qtbot.waitUntil(lambda: incident_id in ctx.controller.cockpits, timeout=5000)
        window = ctx.controller.cockpits[incident_id]
        offered = []

        def send(dialog):
            raven = dialog.boxes[RAVEN]  # offered with the built-ins, for its audience
            offered.append([raven.text()] if raven.isVisibleTo(dialog) else [])
            dialog.boxes["slack"].setChecked(False)
            raven.setChecked(True)
            return QDialog.DialogCode.Accepted

        monkeypatch.setattr(composer_dialog.ComposerDialog, "exec", send)
        ctx.controller.cockpit_controller.compose(incident_id, "internal")
        assert offered == [["the tower north"]]
        qtbot.waitUntil(lambda: len(ravens) == 1, timeout=8000)
        assert ravens[0][0] == "north" and "Castle gate stuck" in ravens[0][1]
        qtbot.waitUntil(
            lambda: any(
                e.data.get("audience") == "internal"
                for e in window.incident.events(EventKind.UPDATE_SENT)
            ),
            timeout=8000,
        )
    finally:
        unregister_destination(RAVEN)

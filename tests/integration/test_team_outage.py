"""Issue 23, item 5: the team database goes away in the middle of an incident. A change made
meanwhile is never lost silently: it is refused where it was made (the box springs back and
the cockpit says why); every open cockpit says what happens to changes; who else is here
reads "unknown", not "only you". Against a real PostgreSQL cluster of the test's own, stopped
and started again."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from oncall_desktop.core.evidence import done_steps
from oncall_desktop.core.outbox import Post, Target
from oncall_desktop.core.policy import Severity
from tests.integration.test_team_live import console, listening

pytestmark = [pytest.mark.postgres]

STEP = "2.1"  # a step a person ticks (no evidence ticks it)


@pytest.fixture
def cluster():
    from tests.helpers.services import PostgresServer, ThrowawayPostgres, unavailable

    made = ThrowawayPostgres()
    try:
        admin = made.start()
    except Exception as error:  # noqa: BLE001 - any failure means "no server here"
        made.stop()
        unavailable(f"no PostgreSQL server binaries: {error}")
    server = PostgresServer(admin)
    server.wait_ready()
    _name, url = server.create_database()
    made.url = url
    yield made
    server.close()
    made.stop()


def test_a_change_made_while_the_team_database_is_away_springs_back_and_says_why(
    qtbot, qapp, tmp_path, cluster
):
    contexts = []
    try:
        ana, ben = (console(qapp, tmp_path, name, cluster.url) for name in ("Ana", "Ben"))
        contexts.extend((ana, ben))
        listening(qtbot, ana, ben)
        with qtbot.waitSignal(ana.incidents.incident_declared, timeout=5000) as declared:
            ana.incidents.declare("Payments down", Severity.SEV1, "all users")
        incident_id = declared.args[0].id
        qtbot.waitUntil(lambda: incident_id in ana.controller.cockpits, timeout=5000)
        qtbot.waitUntil(lambda: incident_id in [i.id for i in ben.incidents.active], timeout=5000)
        ben.controller.open_cockpit(incident_id)
        qtbot.waitUntil(lambda: incident_id in ben.controller.cockpits, timeout=5000)
        cockpit = ana.controller.cockpits[incident_id]
        bar = cockpit.roles_bar
        qtbot.waitUntil(lambda: bar.present.text() == "Also here: Ben", timeout=15_000)

        cluster.pause()
        # every open cockpit says it, not only the main window behind it
        qtbot.waitUntil(lambda: bar.away.isVisibleTo(cockpit), timeout=15_000)
        assert "cannot be saved meanwhile is not kept" in bar.away.text()
        assert "team-feed" in ana.window.banner.texts()
        assert bar.present.text() == "Who else is here: unknown while the database is away"

        # the engineer ticks a step in the cockpit while the server is down
        cockpit.checklist.setData(
            cockpit.step_index(STEP), Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole
        )
        qtbot.waitUntil(cockpit.problem_label.isVisible, timeout=30_000)
        assert cockpit.problem_label.text().startswith("Not saved: The database server at")
        assert STEP not in done_steps(cockpit.incident, ana.controller.policy)
        index = cockpit.step_index(STEP)
        assert index.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Unchecked

        # an update composed meanwhile cannot be queued: the cockpit says so, the text is kept
        ana.outbox.submit(Post(Target.SLACK, "Payments: failover running", incident_id))
        qtbot.waitUntil(
            lambda: cockpit.problem_label.text().startswith("Not queued, not sent"), timeout=30_000
        )
        assert QGuiApplication.clipboard().text() == "Payments: failover running"

        cluster.resume()
        qtbot.waitUntil(lambda: not bar.away.isVisible(), timeout=20_000)
        # what failed for want of the database is over: said so, not left standing
        assert cockpit.problem_label.text() == (
            "The database is back: make again what was not saved."
        )
        assert not {"storage", "outbox"} & set(ana.window.banner.texts())
        qtbot.waitUntil(lambda: bar.present.text() == "Also here: Ben", timeout=20_000)
        # what the cockpit said holds in the world: the tick is not in the database
        stored = ana.incidents._repo.get(incident_id)
        assert STEP not in done_steps(stored, ana.controller.policy)
        # and made again once the database is back, it is stored
        cockpit.checklist.setData(
            cockpit.step_index(STEP), Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole
        )
        qtbot.waitUntil(
            lambda: STEP in done_steps(cockpit.incident, ana.controller.policy), timeout=10_000
        )
    finally:
        for ctx in contexts:
            ctx.dispose()

"""The history window and the KPI dashboard: the room alone (its service on a throwaway SQLite
store), then in the assembled app (offscreen, SQLite)."""

import csv
from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import Qt

from oncall_desktop.config.schema import Settings
from oncall_desktop.core.policy import Severity
from oncall_desktop.ui.models.history_model import PAGE_SIZE, PENDING
from oncall_desktop.ui.models.roles import IncidentRole
from tests.helpers.history import bulk_incidents

NEWEST = datetime(2025, 10, 20, 22, 15, tzinfo=UTC)  # the FakeClock's now


# --- the room alone ---------------------------------------------------------------------------


@pytest.fixture
def room(qapp, database, runner, clock, policy, preferences):
    from oncall_desktop.app.history import HistoryController
    from oncall_desktop.services.history import HistoryService
    from oncall_desktop.storage.kpis import HistoryQueries, KpiQueries

    bulk_incidents(database, 40, NEWEST, span=timedelta(days=10))
    service = HistoryService(HistoryQueries(database), KpiQueries(database), runner, clock, policy)
    history = HistoryController(service, preferences, policy)
    yield history
    history.close_windows()


def test_alone_a_row_asks_for_its_cockpit_and_its_post_mortem(qtbot, room):
    room.show_history()
    window = room.history_window
    assert window.isVisible()
    qtbot.waitUntil(lambda: window.model.row(0) is not None, timeout=5000)
    index = window.model.index(0, 0)
    incident_id = window.model.data(index, IncidentRole)
    with qtbot.waitSignal(room.incident_requested) as asked:
        window.table.activated.emit(index)
    assert asked.args == [incident_id]
    window.table.selectRow(0)
    with qtbot.waitSignal(room.postmortem_requested) as asked:
        window.postmortem_button.click()
    assert asked.args == [incident_id]


def test_alone_opened_again_it_is_the_same_window_and_the_kpis_come_from_it(qtbot, room):
    room.show_history()
    first = room.history_window
    room.show_history()
    assert room.history_window is first  # reloaded, not a second window
    first.kpis_requested.emit()
    kpis = room.kpi_window
    qtbot.waitUntil(lambda: kpis.report is not None, timeout=10000)
    assert kpis.isVisible() and kpis.report.incidents > 0
    room.close_windows()
    assert room.history_window is None and room.kpi_window is None


# --- in the assembled app ------------------------------------------------------------------------


@pytest.fixture
def app_with_history(context):
    ctx = context(settings=Settings(language="en", team_timezone="UTC"))
    bulk_incidents(ctx.database, 1000, NEWEST, span=timedelta(days=100))
    return ctx


def open_history(qtbot, ctx):
    ctx.window.history_action.trigger()
    window = ctx.controller.history.history_window
    qtbot.waitUntil(lambda: window.model.rowCount() > 0, timeout=5000)
    qtbot.waitUntil(lambda: window.model.row(0) is not None, timeout=5000)
    qtbot.waitUntil(lambda: window.count_label.text() != "", timeout=5000)  # may come after
    return window


def test_rows_arrive_a_page_at_a_time(qtbot, app_with_history):
    window = open_history(qtbot, app_with_history)
    model = window.model
    assert model.rowCount() == 980  # every 50th of the 1000 is a drill, left out
    assert window.count_label.text() == "980 incidents"
    assert set(model._pages) == {0}  # only what the screen needed
    last = model.index(979, 3)
    assert model.data(last) == PENDING  # asked for, on its way
    qtbot.waitUntil(lambda: model.data(last) != PENDING, timeout=5000)
    assert model.data(last) == "Incident 1: " + model.data(last).split(": ")[1]
    assert set(model._pages) == {0, 979 // PAGE_SIZE}
    assert model.data(model.index(0, 0)) == "2025-10-20 19:51"  # newest first, team zone


def test_sorting_and_filtering_are_done_by_the_database(qtbot, app_with_history):
    window = open_history(qtbot, app_with_history)
    model = window.model
    with qtbot.waitSignal(model.first_page_shown, timeout=5000):
        window.table.sortByColumn(1, Qt.SortOrder.AscendingOrder)  # severity: SEV-1 first
    assert model.row(0).severity is Severity.SEV1
    # 180 SEV-1 (every 5th of 1000, less the 20 drills, all of them SEV-1), then the SEV-2s
    assert (model.row(179).severity, model.row(180).severity) == (Severity.SEV1, Severity.SEV2)
    with qtbot.waitSignal(model.first_page_shown, timeout=5000):
        window.table.sortByColumn(4, Qt.SortOrder.DescendingOrder)  # slowest to acknowledge
    acks = [model.row(r).time_to_ack for r in range(20)]
    assert acks == sorted(acks, reverse=True)

    window.severity_combo.setCurrentIndex(1)  # SEV-1
    qtbot.waitUntil(lambda: model.rowCount() == 180, timeout=5000)
    window.text_edit.setText("Incident 5")  # after a pause, not at each key
    qtbot.waitUntil(lambda: model.rowCount() < 180, timeout=5000)
    qtbot.waitUntil(lambda: model.row(0) is not None)
    assert all("incident 5" in model.row(r).title.lower() for r in range(model.rowCount()))
    window.text_edit.clear()
    window.severity_combo.setCurrentIndex(0)
    window.drills_box.setChecked(True)
    qtbot.waitUntil(lambda: model.rowCount() == 1000, timeout=5000)


def test_a_row_opens_its_cockpit(qtbot, app_with_history):
    ctx = app_with_history
    window = open_history(qtbot, ctx)
    index = window.model.index(0, 0)
    incident_id = window.model.data(index, IncidentRole)
    window.table.activated.emit(index)
    qtbot.waitUntil(lambda: incident_id in ctx.controller.cockpits, timeout=5000)


def test_model_is_a_well_behaved_qt_model(qtbot, qtmodeltester, context):
    ctx = context(settings=Settings(language="en"))
    bulk_incidents(ctx.database, 30, NEWEST)
    window = open_history(qtbot, ctx)
    qtmodeltester.check(window.model)


def test_kpi_dashboard_judges_against_the_sop_and_exports_csv(qtbot, app_with_history, tmp_path):
    ctx = app_with_history
    open_history(qtbot, ctx)
    ctx.controller.history.show_kpis()
    kpis = ctx.controller.history.kpi_window
    qtbot.waitUntil(lambda: kpis.report is not None, timeout=10000)
    assert kpis.report.incidents > 0
    rows = {
        kpis.verdict_table.item(r, 0).text(): kpis.verdict_table.item(r, 3).text()
        for r in range(kpis.verdict_table.rowCount())
    }
    # ~10 incidents a day: far over 5 a month, and SEV-1 every quarter
    assert rows["Incidents per month (worst month)"] == "not met"
    assert rows["SEV-1 per quarter (worst quarter)"] == "not met"
    assert rows["Post-mortem completion"] == "not met"  # none written
    assert kpis.stats_table.item(0, 0).text() == str(
        sum(month[Severity.SEV1] for _, month in kpis.report.per_month)
    )
    assert kpis.count_chart_view is not None and kpis.time_chart_view is not None

    path = kpis.export_csv(tmp_path / "kpis.csv")
    table = list(csv.reader(path.read_text(encoding="utf-8").splitlines()))
    assert ["kpi", "value", "target", "met"] in table
    assert any(row[:2] == ["SEV-1", "mtta"] for row in table)
    months = [row for row in table if row and row[0].startswith("2025-")]
    assert sum(int(v) for row in months if len(row) == 4 for v in row[1:]) == kpis.report.incidents

    kpis.period_combo.setCurrentIndex(kpis.period_combo.findData("30d"))
    qtbot.waitUntil(lambda: "incidents in the period" in kpis.state_label.text(), timeout=5000)
    assert kpis.report.incidents < 400

"""Wording found on the second QA tour (item 3), each seen where the user reads it: the French
notification of a refused update, the handoff window's status column in French, the history's
range, the date fields greyed out."""

import pytest

from oncall_desktop.core.outbox import PostState
from oncall_desktop.core.policy import Audience
from tests.unit.app.conftest import RecordingNotifier
from tests.unit.app.test_update_delivery import (
    _app,
    _cockpit_of_a_page,
    _send_as_offered,
)


@pytest.fixture
def french(qapp):
    from oncall_desktop.ui.translations import install_translators

    install_translators(qapp, "fr")
    yield
    install_translators(qapp, "en")


def test_the_french_refusal_notification_says_what_to_edit_in_the_right_gender(
    qtbot, context, clock, pagerduty, slack, monkeypatch, french
):
    """French: "Slack a refusé le message : channel_not_found. Modifiez-la …" named a "la"
    (feminine) after "le message" (masculine): it names the update it means."""
    notifier = RecordingNotifier()
    ctx = _app(
        context, clock, pagerduty, slack, notifier.notifier, slack_channel="#gone", language="fr"
    )
    window = _cockpit_of_a_page(qtbot, ctx, pagerduty)
    _send_as_offered(monkeypatch, [])
    window.clocks.audience_rows[Audience.INTERNAL].compose.click()
    qtbot.waitUntil(
        lambda: any(p.state is PostState.FAILED for p in window.posts_table.model.posts),
        timeout=8000,
    )
    qtbot.waitUntil(
        lambda: bool([n for n in notifier.shown if "non envoyée" in n.title]), timeout=5000
    )
    [said] = [n for n in notifier.shown if "non envoyée" in n.title]
    assert "Modifiez-la" not in said.body, said.body
    assert said.body.endswith("Modifiez la mise à jour et renvoyez-la depuis le cockpit."), said


def test_the_handoffs_status_column_speaks_the_ui_language(qtbot, context, clock, french):
    """The handoff window's incidents listed "acknowledged" in the French UI: the status is
    said in words, in the UI's language, and again after a switch; the French post too."""
    from dataclasses import replace
    from datetime import timedelta

    from oncall_desktop.core.policy import Severity
    from tests.unit.app.test_handoffs import (
        BEFORE_CHANGE,
        CHANGE,
        PARIS_ORCHESTRATEUR,
        handoff_window,
        set_clock,
    )

    set_clock(clock, BEFORE_CHANGE)
    ctx = context(settings=replace(PARIS_ORCHESTRATEUR, language="fr", message_language="fr"))
    handoff_window(qtbot, ctx).close()  # the change before, missed while the app was off
    qtbot.waitUntil(lambda: ctx.controller.handoffs.window is None, timeout=5000)
    with qtbot.waitSignal(ctx.incidents.incident_declared, timeout=5000):
        ctx.incidents.declare("API down", Severity.SEV1, "all users")
    qtbot.waitUntil(lambda: len(ctx.incidents.active) == 1, timeout=5000)
    set_clock(clock, CHANGE + timedelta(seconds=30))
    ctx.controller.on_tick(clock.now())
    window = handoff_window(qtbot, ctx)
    assert window.active_table.rowCount() == 1
    assert window.active_table.item(0, 3).text() == "acquitté"
    assert "(SEV-1, acquitté)" in window.markdown()

    ctx.controller.settings_controller.apply_settings(replace(ctx.settings, language="en"), {})
    qtbot.waitUntil(lambda: window.active_table.item(0, 3).text() == "acknowledged", timeout=5000)


def test_the_kpis_last_12_months_are_12_and_the_greyed_dates_show_them(
    qtbot, context, clock, french
):
    """The "12 derniers mois" covered 365 days: 13 months in the charts (Dec. 25 to Dec. 26),
    and the greyed date fields read 2000-01-01. The period is the 12 calendar months, this one
    included, the label says so, and the fields show its first and last day; "From… to…"
    starts from them."""
    from datetime import UTC, datetime

    from oncall_desktop.config.schema import Settings

    clock.advance(datetime(2026, 12, 8, 10, 0, tzinfo=UTC) - clock.now())
    ctx = context(settings=Settings(language="fr", team_timezone="UTC"))
    ctx.controller.history.show_kpis()
    qtbot.waitUntil(lambda: ctx.controller.history.kpi_window is not None, timeout=5000)
    kpis = ctx.controller.history.kpi_window
    qtbot.waitUntil(lambda: kpis.report is not None, timeout=10000)
    assert kpis.period_combo.currentData() == "365d"
    assert kpis.period_combo.currentText() == "12 derniers mois, celui-ci compris"
    assert kpis.report.per_month[0][0] == "2026-01"
    assert len(kpis.report.per_month) == 12
    shown = (kpis.from_edit.text(), kpis.to_edit.text())
    assert shown == ("2026-01-01", "2026-12-08")
    assert not kpis.from_edit.isEnabled()

    kpis.period_combo.setCurrentIndex(kpis.period_combo.findData("30d"))
    assert (kpis.from_edit.text(), kpis.to_edit.text()) == ("2026-11-09", "2026-12-08")
    kpis.period_combo.setCurrentIndex(kpis.period_combo.findData("custom"))
    assert kpis.from_edit.isEnabled()
    assert (kpis.from_edit.text(), kpis.to_edit.text()) == ("2026-11-09", "2026-12-08")
    start, end = kpis.period()
    assert (start.date().isoformat(), end.date().isoformat()) == ("2026-11-09", "2026-12-09")

"""Issue 26: a language chosen in Settings applies at once to the windows already open, the
history, the KPIs, the post-mortem, the handoff and the action items as much as the main
window, and what the user typed in them stays. Each window is opened in the assembled app, the
language changed the way the Settings dialog does on OK, and the window read back."""

from dataclasses import replace
from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton

from oncall_desktop.config.schema import Settings
from tests.helpers.history import bulk_incidents
from tests.unit.app.test_history import NEWEST
from tests.unit.app.test_postmortems import open_editor, resolved

WAIT = 10_000  # ms: returns as soon as the window speaks French


@pytest.fixture
def english(qapp, context):
    """The app in English; English again for the next tests, whatever this one chose."""
    yield context(settings=Settings(language="en", team_timezone="UTC", engineer_name="Ana"))
    from oncall_desktop.ui.translations import install_translators

    install_translators(qapp, "en")


def choose_french(ctx):
    """What the Settings dialog's OK does with the language set to French."""
    ctx.controller.settings_controller.apply_settings(replace(ctx.settings, language="fr"), {})


def headers(table):
    model = table.model()
    return [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]


def test_the_open_history_switches_with_its_filter_and_search_kept(qtbot, english):
    ctx = english
    bulk_incidents(ctx.database, 30, NEWEST, span=timedelta(days=10))
    ctx.window.history_action.trigger()
    window = ctx.controller.history.history_window
    window.status_combo.setCurrentIndex(2)  # Resolved
    window.text_edit.setText("Incident 1")
    window.apply_filter()  # at once, not after the typing pause
    qtbot.waitUntil(lambda: window.count_label.text().endswith(" incidents"), timeout=WAIT)
    count = window.count_label.text().split()[0]

    choose_french(ctx)

    qtbot.waitUntil(lambda: window.windowTitle() == "Historique des incidents", timeout=WAIT)
    assert "Délai d'acquittement" in headers(window.table)
    assert window.cockpit_button.text() == "Ouvrir le cockpit"
    assert window.text_edit.placeholderText() == "Chercher dans les titres"
    assert window.status_combo.currentIndex() == 2
    assert window.status_combo.itemText(0) == "Tous les statuts"
    assert window.text_edit.text() == "Incident 1"
    assert window.count_label.text() == f"{count} incidents"  # the filtered count, said again
    assert window.model.filter.text == "Incident 1"


def test_the_open_kpi_dashboard_switches_with_its_period_kept(qtbot, english):
    ctx = english
    bulk_incidents(ctx.database, 30, NEWEST, span=timedelta(days=10))
    ctx.controller.history.show_kpis()
    kpis = ctx.controller.history.kpi_window
    qtbot.waitUntil(lambda: "in the period" in kpis.state_label.text(), timeout=WAIT)
    kpis.period_combo.setCurrentIndex(1)  # Last 90 days
    qtbot.waitUntil(lambda: "in the period" in kpis.state_label.text(), timeout=WAIT)
    # the months under the charts, short enough to show whole at 1024x768 ("2025-…" was cut)
    assert months_charted(kpis) == ["Jul 25", "Aug 25", "Sep 25", "Oct 25"]

    choose_french(ctx)

    qtbot.waitUntil(lambda: kpis.windowTitle() == "Tableau de bord des KPI", timeout=WAIT)
    assert kpis.state_label.text().endswith("sur la période")
    assert kpis.period_combo.currentIndex() == 1
    assert kpis.period_combo.itemText(2) == "12 derniers mois, celui-ci compris"
    assert kpis.export_button.text() == "Exporter en CSV…"
    assert headers(kpis.verdict_table)[1] == "Valeur"
    kpi_names = [kpis.verdict_table.item(r, 0).text() for r in range(kpis.verdict_table.rowCount())]
    assert "Post-mortem completion" not in kpi_names and len(kpi_names) == 6
    qtbot.waitUntil(lambda: months_charted(kpis)[-1] == "oct. 25", timeout=WAIT)
    assert months_charted(kpis) == ["juil. 25", "août 25", "sept. 25", "oct. 25"]


def months_charted(kpis):
    from PySide6.QtCore import Qt

    [axis] = kpis.count_chart_view.chart().axes(Qt.Orientation.Horizontal)
    return axis.categories()


def test_the_open_post_mortem_switches_and_keeps_the_draft_being_written(qtbot, english):
    ctx = english
    incident_id = resolved(qtbot, ctx)
    window = open_editor(qtbot, ctx, incident_id)
    window.text_edits["root_cause"].setPlainText("A full disk on the primary")
    window.add_action_item()
    window.actions_table.item(0, 1).setText("Alert at 80 % disk")
    window.actions_table.cellWidget(0, 4).setCurrentIndex(1)  # In progress
    policy = ctx.controller.policy
    root_cause = next(s for s in policy.postmortem.sections if s.id == "root_cause")
    english_title = window.windowTitle()

    choose_french(ctx)

    qtbot.waitUntil(
        lambda: window.export_markdown_action.text() == "Exporter en Markdown…", timeout=WAIT
    )
    assert window.windowTitle() == english_title  # "Post-mortem — …" in French too
    box, _hint = window._sections["root_cause"]
    assert box.title() == root_cause.text.get("fr")
    assert window.actions_table.cellWidget(0, 4).currentText() == "En cours"
    assert headers(window.actions_table)[2] == "Responsable"
    assert window.reviewed_by_edit.placeholderText() == "CTO, Lead Dev, ingénieur d'astreinte"
    assert window.signed_label.text().startswith("Brouillon : ")
    # what was being written is all there, and still saved
    assert window.text_edits["root_cause"].toPlainText() == "A full disk on the primary"
    assert window.actions_table.item(0, 1).text() == "Alert at 80 % disk"
    assert window.draft().action_items[0].action == "Alert at 80 % disk"
    window.autosave.flush()
    qtbot.waitUntil(lambda: window.save_state.text() == "Enregistré", timeout=WAIT)
    labels = [label.text() for label in window.findChildren(QLabel)]
    assert "Fuseau horaire" in labels and "Relu par" in labels
    buttons = [button.text() for button in window.findChildren(QPushButton)]
    assert "Ajouter une ligne" in buttons and "Add row" not in buttons


def test_the_open_handoff_switches_and_keeps_the_form_being_filled(qtbot, english):
    ctx = english
    ctx.window.handoff_action.trigger()
    qtbot.waitUntil(lambda: ctx.controller.handoffs.window is not None, timeout=WAIT)
    window = ctx.controller.handoffs.window
    window.notes_edit.setPlainText("The replica lags at night")
    window.outgoing_edit.setText("Ana")
    window.add_upcoming()
    window.upcoming_table.item(0, 2).setText("Database upgrade")
    english_change = window.windowTitle()
    window.history_action.trigger()  # the previous handoffs, open beside it
    qtbot.waitUntil(lambda: getattr(window, "history_dialog", None) is not None, timeout=WAIT)

    choose_french(ctx)

    qtbot.waitUntil(lambda: window.sign_button.text() == "Signer en tant que sortant", timeout=WAIT)
    assert english_change.startswith("Handoff — ")
    assert window.windowTitle().startswith("Passation — ")
    assert window.export_action.text() == "Exporter en Markdown…"
    assert headers(window.upcoming_table)[2] == "Quoi"
    assert window.status_label.text().startswith("Statut : en attente")
    checks = window.policy.handoff.incoming_checks
    assert [window.check_boxes[c.id].text() for c in checks] == [c.text.get("fr") for c in checks]
    assert window.language == "fr"  # its export too
    assert window.history_dialog.windowTitle() == "Passations précédentes"
    # what was being filled in is all there
    assert window.notes_edit.toPlainText() == "The replica lags at night"
    assert window.outgoing_edit.text() == "Ana"
    assert window.current().upcoming[0].what == "Database upgrade"


def test_the_open_action_items_switch_with_each_status_kept(qtbot, english):
    ctx = english
    incident_id = resolved(qtbot, ctx)
    editor = open_editor(qtbot, ctx, incident_id)
    editor.add_action_item()
    editor.actions_table.item(0, 1).setText("Alert at 80 % disk")
    editor.actions_table.cellWidget(0, 4).setCurrentIndex(1)  # In progress
    editor.close()
    qtbot.waitUntil(lambda: incident_id not in ctx.controller.postmortems.windows, timeout=WAIT)
    ctx.window.action_items_action.trigger()
    listing = ctx.controller.postmortems.action_items_window
    qtbot.waitUntil(lambda: listing.table.rowCount() == 1, timeout=WAIT)

    choose_french(ctx)

    qtbot.waitUntil(lambda: listing.windowTitle() == "Actions des post-mortems", timeout=WAIT)
    assert listing.show_done.text() == "Afficher les actions terminées"
    assert headers(listing.table)[3] == "Responsable"
    assert listing.table.cellWidget(0, 5).currentText() == "En cours"
    assert listing.table.item(0, 2).text() == "Alert at 80 % disk"

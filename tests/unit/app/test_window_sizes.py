"""Every window is usable on a 1024x768 laptop screen, in English and French (issue 17, item 6):
its minimum size fits 1024x740 (the screen less a panel), and it never opens larger than the
screen."""

from dataclasses import replace

import pytest
from PySide6.QtWidgets import QApplication

from oncall_desktop.core.compose import MessageKind
from tests.unit.app.test_handoffs import CHANGE as HANDOFF_CHANGE
from tests.unit.app.test_handoffs import PARIS_ORCHESTRATEUR, handoff_window, set_clock
from tests.unit.app.test_postmortems import open_editor, resolved

MAX_WIDTH, MAX_HEIGHT = 1024, 740


def windows_of(qtbot, ctx, clock, language):
    """Each top-level window the app opens, built as the app builds it."""
    from datetime import timedelta

    from oncall_desktop.ui.windows.composer_dialog import ComposerDialog
    from oncall_desktop.ui.windows.declare_dialog import DeclareDialog
    from oncall_desktop.ui.windows.settings_dialog import SettingsDialog

    found = {"main": ctx.window}
    incident_id = resolved(qtbot, ctx)
    found["post-mortem"] = open_editor(qtbot, ctx, incident_id)
    ctx.controller.open_cockpit(incident_id)
    qtbot.waitUntil(lambda: incident_id in ctx.controller.cockpits, timeout=5000)
    cockpit = ctx.controller.cockpits[incident_id]
    found["cockpit"] = cockpit
    found["composer"] = ComposerDialog(
        cockpit.incident,
        ctx.controller.policy,
        language,
        clock.now(),
        None,
        "x",
        "#incidents",
        MessageKind.UPDATE,
    )
    found["settings"] = SettingsDialog(ctx.settings, ctx.controller.connections)
    found["declare"] = DeclareDialog(ctx.controller.policy, ctx.controller.language, clock.now())
    ctx.controller.history.show_history()
    ctx.controller.history.show_kpis()
    qtbot.waitUntil(lambda: ctx.controller.history.kpi_window is not None, timeout=5000)
    found["history"] = ctx.controller.history.history_window
    found["kpis"] = ctx.controller.history.kpi_window
    set_clock(clock, HANDOFF_CHANGE + timedelta(minutes=5))
    ctx.controller.on_tick(clock.now())
    found["handoff"] = handoff_window(qtbot, ctx)
    return found


@pytest.mark.parametrize("language", ["en", "fr"])
def test_every_window_fits_a_1024x768_screen(qtbot, context, clock, qapp, language):
    from oncall_desktop.ui.translations import install_translators

    install_translators(qapp, language)
    try:
        ctx = context(settings=replace(PARIS_ORCHESTRATEUR, language=language))
        too_big = {}
        for name, window in windows_of(qtbot, ctx, clock, language).items():
            window.show()
            hint = window.minimumSizeHint().expandedTo(window.minimumSize())
            if hint.width() > MAX_WIDTH or hint.height() > MAX_HEIGHT:
                too_big[name] = (hint.width(), hint.height())
            screen = QApplication.primaryScreen().availableGeometry()
            assert window.width() <= screen.width() and window.height() <= screen.height(), name
        assert too_big == {}
    finally:
        install_translators(qapp, "en")

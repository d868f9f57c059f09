"""Every window is usable on a 1024x768 laptop screen, in English and French (issue 17, item 6):
its minimum size fits 1024x740 (the screen less a panel), and it never opens larger than the
screen."""

from dataclasses import replace

import pytest
from PySide6.QtWidgets import QApplication

from oncall_desktop.core.compose import MessageKind
from oncall_desktop.core.policy import Severity
from tests.helpers.posts import refused_by_slack
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
        {"slack": "#incidents"},
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


def test_a_window_comes_back_with_the_size_it_was_left_with(qtbot, tmp_path):
    """Issue 17: sizes are remembered per kind of window; one saved on a monitor that is gone
    does not open off screen."""
    from PySide6.QtCore import QByteArray, QSettings
    from PySide6.QtWidgets import QWidget

    from oncall_desktop.ui import geometry

    geometry.remember_geometry_in(tmp_path)
    try:
        first = QWidget()
        qtbot.addWidget(first)
        geometry.fit_to_screen(first, 900, 600, remember="history")
        first.show()
        first.resize(700, 450)
        first.close()
        again = QWidget()
        qtbot.addWidget(again)
        geometry.fit_to_screen(again, 900, 600, remember="history")
        assert (again.width(), again.height()) == (700, 450)
        other = QWidget()
        qtbot.addWidget(other)
        geometry.fit_to_screen(other, 900, 600, remember="kpis")  # its own memory
        frame = geometry.frame_margins()
        room = QApplication.primaryScreen().availableSize().width()
        assert other.width() == min(900, room - frame.left() - frame.right() - 2 * geometry.SPARE)
        # a place on a screen that is not there any more
        far = QWidget()
        qtbot.addWidget(far)
        far.setGeometry(20000, 20000, 640, 480)
        stranded = far.saveGeometry()
        store = QSettings(str(tmp_path / geometry.GEOMETRY_FILE), QSettings.Format.IniFormat)
        store.setValue("geometry/history", QByteArray(stranded))
        store.sync()
        geometry.remember_geometry_in(tmp_path)
        back = QWidget()
        qtbot.addWidget(back)
        geometry.fit_to_screen(back, 900, 600, remember="history")
        room = QApplication.primaryScreen().availableGeometry()
        assert room.intersects(back.frameGeometry())
    finally:
        geometry.remember_geometry_in(None)


@pytest.mark.parametrize("language", ["en", "fr"])
def test_a_refused_update_wraps_in_the_clocks_and_the_cockpit_never_scrolls_sideways(
    qtbot, context, clock, qapp, language
):
    """The Clocks panel's line of an update Slack refused ("Slack refused the update
    (channel_not_found): not sent · OVERDUE …") wraps, plain text, whole, its "Edit and
    resend…" button under it: on one line it made the cockpit scroll sideways at 1024x768."""
    from datetime import timedelta

    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QScrollArea

    from oncall_desktop.core.policy import Audience
    from oncall_desktop.ui.translations import install_translators
    from tests.helpers.fit import cut_label

    install_translators(qapp, language)
    try:
        ctx = context(settings=replace(PARIS_ORCHESTRATEUR, language=language))
        with qtbot.waitSignal(ctx.incidents.incident_declared, timeout=5000) as declared:
            ctx.incidents.declare("API Down - All endpoints returning 500", Severity.SEV1, "EU")
        incident_id = declared.args[0].id
        ctx.controller.open_cockpit(incident_id)
        qtbot.waitUntil(lambda: incident_id in ctx.controller.cockpits, timeout=5000)
        cockpit = ctx.controller.cockpits[incident_id]
        cockpit.show()
        cockpit.set_now(clock.now())
        area = cockpit.centralWidget()
        assert isinstance(area, QScrollArea)
        widest = area.widget().minimumSizeHint().width()  # as wide as the cockpit needs
        cockpit.set_posts([refused_by_slack(incident_id, clock.now())])
        clock.advance(timedelta(hours=1))
        cockpit.set_now(clock.now())
        row = cockpit.clocks.audience_rows[Audience.INTERNAL]
        line = row.countdown
        assert "channel_not_found" in line.text()
        assert row.resend.isVisible()  # its "Edit and resend…", under the line, in the column
        qtbot.waitUntil(lambda: cut_label(line) == "", timeout=5000)  # its lines, whole
        # the refusal wraps in its column: the cockpit is not one pixel wider for it (on one
        # line it asked for 1100 pixels and more: the cockpit scrolled sideways at 1024x768)
        assert area.widget().minimumSizeHint().width() == widest <= MAX_WIDTH
        assert line.textFormat() == Qt.TextFormat.PlainText
    finally:
        install_translators(qapp, "en")

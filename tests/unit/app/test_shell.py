"""The first window: shown before the rest of the app is built, which follows its first paint."""

from oncall_desktop.app.shell import PAINT_WAIT_MS, open_shell, show_shell
from oncall_desktop.config.schema import Settings


def test_the_rest_is_built_once_after_the_window_is_painted(qtbot, qapp):
    problems: list[str] = []
    shell = open_shell(qapp, Settings(), problems)
    qtbot.addWidget(shell.window)
    painted_first: list[bool] = []
    show_shell(shell, then=lambda: painted_first.append(shell.window.isVisible()))
    assert painted_first == []  # not during show(): the window gets its turn on screen first
    # the first expose, not the fallback timer, lets the rest in
    qtbot.waitUntil(lambda: painted_first == [True], timeout=PAINT_WAIT_MS - 100)
    qtbot.wait(PAINT_WAIT_MS + 100)
    assert painted_first == [True]  # and only once, the fallback timer notwithstanding
    shell.root.deleteLater()


def test_the_first_window_waits_for_the_database_and_says_so(qtbot, qapp):
    shell = open_shell(qapp, Settings(team_timezone="Mars/Olympus_Mons"), problems := [])
    qtbot.addWidget(shell.window)
    assert not shell.window.declare_action.isEnabled()
    assert "Opening the database" in shell.window.status_label.text()
    assert problems and "Mars/Olympus_Mons" in problems[0]  # shown once the rest is built
    shell.root.deleteLater()

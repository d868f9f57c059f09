"""The first window: shown before the rest of the app is built, which follows its first paint."""

from PySide6.QtCore import QTimer

from oncall_desktop.app.shell import open_shell, show_shell
from oncall_desktop.config.schema import Settings


def test_the_rest_is_built_once_after_the_window_is_painted(qtbot, qapp):
    problems: list[str] = []
    shell = open_shell(qapp, Settings(), problems)
    qtbot.addWidget(shell.window)
    painted_first: list[bool] = []
    # a fallback far away: only the first expose can let the rest in within the wait
    show_shell(shell, lambda: painted_first.append(shell.window.isVisible()), fallback_ms=600_000)
    assert painted_first == []  # not during show(): the window gets its turn on screen first
    qtbot.waitUntil(lambda: painted_first == [True], timeout=20_000)
    shell.root.deleteLater()


def test_the_fallback_timer_after_the_paint_builds_nothing_twice(qtbot, qapp):
    shell = open_shell(qapp, Settings(), [])
    qtbot.addWidget(shell.window)
    painted_first: list[bool] = []
    show_shell(shell, lambda: painted_first.append(shell.window.isVisible()), fallback_ms=300)
    # a timer of the same length started after it fires after it: the fallback has run
    after_fallback = QTimer(singleShot=True, interval=300)
    with qtbot.waitSignal(after_fallback.timeout, timeout=20_000):
        after_fallback.start()
    qtbot.waitUntil(lambda: painted_first != [], timeout=20_000)
    assert painted_first == [True]  # once, whichever came first
    shell.root.deleteLater()


def test_the_first_window_waits_for_the_database_and_says_so(qtbot, qapp):
    shell = open_shell(qapp, Settings(team_timezone="Mars/Olympus_Mons"), problems := [])
    qtbot.addWidget(shell.window)
    assert not shell.window.declare_action.isEnabled()
    assert "Opening the database" in shell.window.status_label.text()
    assert problems and "Mars/Olympus_Mons" in problems[0]  # shown once the rest is built
    shell.root.deleteLater()

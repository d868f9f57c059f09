"""Run by tests/desktop/test_screenshots.py in a process of its own, on a real X server of
1024x768 (QT_QPA_PLATFORM=xcb): every top-level window of the app, built as the app builds it,
shown, checked to fit the screen, and captured from the X server. Not collected by the main
run (its name does not start with test_); skipped unless ONCALL_SCREENSHOTS names the folder.
"""

import json
import os
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from tests.unit.app.conftest import context  # noqa: F401  (the fixture, used by name)
from tests.unit.app.test_handoffs import PARIS_ORCHESTRATEUR
from tests.unit.app.test_window_sizes import windows_of

OUT = os.environ.get("ONCALL_SCREENSHOTS", "")
pytestmark = pytest.mark.skipif(not OUT, reason="run by tests/desktop/test_screenshots.py")


@pytest.mark.parametrize("language", ["en", "fr"])
def test_screenshot_every_window(qtbot, context, clock, qapp, language):  # noqa: F811
    from oncall_desktop.ui.translations import install_translators

    assert QApplication.platformName() == "xcb"  # a real X server, not offscreen
    install_translators(qapp, language)
    folder = Path(OUT)
    folder.mkdir(parents=True, exist_ok=True)
    ctx = context(settings=replace(PARIS_ORCHESTRATEUR, language=language))
    report = []
    windows = windows_of(qtbot, ctx, clock, language)
    for window in windows.values():  # one at a time on the screen: no window manager here
        window.hide()
    qtbot.wait(100)
    for name, window in windows.items():
        window.show()
        window.raise_()
        qtbot.waitExposed(window, timeout=5000)
        qtbot.wait(250)  # let it paint
        screen = window.screen()
        room, frame = screen.availableGeometry(), window.frameGeometry()
        picture = screen.grabWindow(0, frame.x(), frame.y(), frame.width(), frame.height())
        path = folder / f"{name}-{language}.png"
        assert picture.save(str(path)), path
        report.append(
            {
                "window": name,
                "language": language,
                "size": [frame.width(), frame.height()],
                "screen": [room.width(), room.height()],
                "fits": room.contains(frame),
                "file": path.name,
            }
        )
        window.hide()
    (folder / f"windows-{language}.json").write_text(json.dumps(report, indent=1))
    assert [r["window"] for r in report if not r["fits"]] == []

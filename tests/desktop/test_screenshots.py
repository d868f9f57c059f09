"""Every window on a 1024x768 screen, in English and French, shown on a real X server,
checked to fit and captured (issue 17, item 6). The pictures are kept under
test-output/screenshots/ (ONCALL_TEST_OUTPUT overrides the folder): CI keeps them as
artifacts."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from tests.helpers.desktop import DesktopSession

pytestmark = [pytest.mark.desktop, pytest.mark.slow]
ROOT = Path(__file__).resolve().parents[2]
WINDOWS = {
    "main",
    "cockpit",
    "composer",
    "settings",
    "post-mortem",
    "handoff",
    "kpis",
    "history",
    "declare",
}


def output_folder() -> Path:
    base = Path(os.environ.get("ONCALL_TEST_OUTPUT", ROOT / "test-output"))
    return base / "screenshots"


def test_every_window_fits_a_1024x768_screen_in_both_languages(qapp):
    session = DesktopSession(screen="1024x768x24")
    session.start_display()
    folder = output_folder()
    try:
        env = {
            **os.environ,
            "DISPLAY": session.env()["DISPLAY"],
            "QT_QPA_PLATFORM": "xcb",
            "ONCALL_SCREENSHOTS": str(folder),
        }
        env.pop("WAYLAND_DISPLAY", None)
        run = subprocess.run(
            [
                sys.executable,
                "-m",
                "pytest",
                "-q",
                "-p",
                "no:cacheprovider",
                "tests/desktop/screenshot_windows.py",
            ],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )
    finally:
        session.stop()
    assert run.returncode == 0, run.stdout[-4000:] + run.stderr[-2000:]
    for language in ("en", "fr"):
        report = json.loads((folder / f"windows-{language}.json").read_text())
        assert {r["window"] for r in report} == WINDOWS
        for row in report:
            assert row["fits"] and row["screen"][0] <= 1024 and row["screen"][1] <= 768, row
            picture = QImage(str(folder / row["file"]))
            assert (picture.width(), picture.height()) == tuple(row["size"]), row
            # a real picture of the window, not an empty or one-colour capture
            colours = {
                picture.pixel(x, y)
                for x in range(0, picture.width(), 17)
                for y in range(0, picture.height(), 13)
            }
            assert len(colours) > 3, row

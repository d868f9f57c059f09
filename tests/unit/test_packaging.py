"""What the packages ship: desktop entry and AppStream metadata that validate, the icons in
the sizes desktops ask for, and the start-at-login entry."""

import shutil
import subprocess
import tomllib
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from oncall_desktop import APP_ID, APP_NAME
from tests.helpers.services import unavailable

ROOT = Path(__file__).resolve().parents[2]
LINUX = ROOT / "packaging" / "linux"
DESKTOP_FILE = LINUX / f"{APP_ID}.desktop"
METAINFO = LINUX / f"{APP_ID}.metainfo.xml"
ICONS = ROOT / "resources" / "icons"


def tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        unavailable(f"{name} is not installed (Debian: see .ci/run)")
    return path  # type: ignore[return-value]


def test_desktop_entry_validates_and_launches_our_command():
    result = subprocess.run(
        [tool("desktop-file-validate"), str(DESKTOP_FILE)], capture_output=True, text=True
    )
    assert result.returncode == 0 and not result.stdout.strip(), result.stdout
    entry = dict(
        line.split("=", 1) for line in DESKTOP_FILE.read_text().splitlines() if "=" in line
    )
    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["scripts"]
    assert entry["Exec"] == APP_NAME and APP_NAME in scripts
    assert entry["Icon"] == APP_ID


def test_appstream_metadata_validates():
    result = subprocess.run(
        [tool("appstreamcli"), "validate", "--no-net", str(METAINFO)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    text = METAINFO.read_text()
    assert f"<id>{APP_ID}</id>" in text and f"{APP_ID}.desktop</launchable>" in text


@pytest.mark.parametrize("size", [16, 22, 24, 32, 48, 64, 128, 256, 512])
def test_app_icon_in_every_size(qapp, size):
    image = QImage(str(ICONS / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png"))
    assert (image.width(), image.height()) == (size, size)
    assert image.pixelColor(size // 2, size // 4).alpha() == 255  # not an empty canvas


def test_tray_states_as_svg_and_png(qapp):
    from oncall_desktop.ui.icons import TrayState

    assert (ICONS / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg").exists()
    for state in TrayState:
        assert (ICONS / "tray" / f"{state.value}.svg").read_text().startswith("<?xml")
        image = QImage(str(ICONS / "tray" / f"{state.value}-22.png"))
        assert (image.width(), image.height()) == (22, 22)


def test_the_metainfo_screenshots_are_in_the_repository_at_their_declared_size(qapp):
    """Issue 17: the store pages show real windows, taken at 1024x768 by
    tests/desktop/test_screenshots.py (which checks that every window fits)."""
    import re

    text = METAINFO.read_text()
    images = re.findall(r'<image type="source" width="(\d+)" height="(\d+)">([^<]+)</image>', text)
    assert len(images) >= 3
    for width, height, url in images:
        local = LINUX / "screenshots" / url.rsplit("/", 1)[1]
        assert url.endswith(f"packaging/linux/screenshots/{local.name}")
        picture = QImage(str(local))
        assert (picture.width(), picture.height()) == (int(width), int(height)), local
        assert picture.width() <= 1024 and picture.height() <= 768

"""Render the icons shipped with the app and its packages, into resources/icons/:

- hicolor/<N>x<N>/apps/<app id>.png for N in SIZES, and hicolor/scalable/apps/<app id>.svg,
  from resources/icons/oncall-desktop.svg (the XDG icon theme layout desktops look in);
- tray/<state>.svg and tray/<state>-<N>.png for each tray state, from ui/icons.py, which
  paints the same states at run time at whatever size the tray asks.

    QT_QPA_PLATFORM=offscreen python packaging/render_icons.py

Run it after changing either source; tests/unit/test_packaging.py checks the files are there.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ICONS = ROOT / "resources" / "icons"
SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)
TRAY_SIZES = (16, 22, 24, 32, 48, 64)
MARK_PATHS = {
    # white marks drawn on the coloured disc, in a 128 × 128 box
    "idle": '<path d="M64 30 v38 l22 14" fill="none" stroke="#ffffff" stroke-width="10" '
    'stroke-linecap="round" stroke-linejoin="round"/>',
    "incident_open": '<path d="M64 28 v46" stroke="#ffffff" stroke-width="14" '
    'stroke-linecap="round"/><circle cx="64" cy="96" r="8" fill="#ffffff"/>',
    "update_overdue": '<circle cx="64" cy="68" r="30" fill="none" stroke="#ffffff" '
    'stroke-width="9"/><path d="M64 50 v20 l12 8" fill="none" stroke="#ffffff" '
    'stroke-width="8" stroke-linecap="round"/>',
    "offline": '<path d="M40 40 L88 88 M88 40 L40 88" stroke="#ffffff" stroke-width="14" '
    'stroke-linecap="round"/>',
}


def tray_svg(color: str, state: str) -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f"<!-- Tray state '{state}', rendered by packaging/render_icons.py from ui/icons.py's"
        " colours. -->\n"
        '<svg xmlns="http://www.w3.org/2000/svg" width="128" height="128" '
        'viewBox="0 0 128 128">\n'
        f'  <circle cx="64" cy="64" r="58" fill="{color}" stroke="#ffffff" stroke-width="8"/>\n'
        f"  {MARK_PATHS[state]}\n</svg>\n"
    )


def render(svg: Path, size: int, target: Path) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"{svg} is not a valid SVG")
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    target.parent.mkdir(parents=True, exist_ok=True)
    if not image.save(str(target)):
        raise SystemExit(f"cannot write {target}")


def main() -> int:
    from PySide6.QtGui import QGuiApplication

    from oncall_desktop import APP_ID
    from oncall_desktop.ui.icons import _COLORS, TrayState

    app = QGuiApplication.instance() or QGuiApplication([])  # noqa: F841 - fonts need it
    source = ICONS / "oncall-desktop.svg"
    scalable = ICONS / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg"
    scalable.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, scalable)
    for size in SIZES:
        render(source, size, ICONS / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png")
    for state in TrayState:
        svg = ICONS / "tray" / f"{state.value}.svg"
        svg.parent.mkdir(parents=True, exist_ok=True)
        svg.write_text(tray_svg(_COLORS[state], state.value), encoding="utf-8")
        for size in TRAY_SIZES:
            render(svg, size, ICONS / "tray" / f"{state.value}-{size}.png")
    print(f"icons written under {ICONS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

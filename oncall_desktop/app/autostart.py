"""Start at login (Linux desktops): an XDG autostart entry, written or removed.

The entry is the app's own .desktop file with the command that launched this copy (the
installed ``oncall-desktop``, a PyInstaller bundle, or ``python -m oncall_desktop``).
macOS and Windows are not handled yet: there the setting says so instead of pretending.
"""

from __future__ import annotations

import os
import shlex
import shutil
import sys
from pathlib import Path

from oncall_desktop import APP_DISPLAY_NAME, APP_ID, APP_NAME
from oncall_desktop.config.files import write_atomically


def autostart_file() -> Path:
    config = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(config) / "autostart" / f"{APP_ID}.desktop"


def launch_command() -> str:
    if getattr(sys, "frozen", False):  # a PyInstaller bundle
        return shlex.quote(sys.executable)
    installed = shutil.which(APP_NAME)
    if installed:
        return shlex.quote(installed)
    return f"{shlex.quote(sys.executable)} -m oncall_desktop"


def entry(command: str) -> str:
    return (
        "[Desktop Entry]\n"
        "Type=Application\n"
        f"Name={APP_DISPLAY_NAME}\n"
        "Comment=Tray alerts for the on-call engineer\n"
        f"Exec={command}\n"
        f"Icon={APP_ID}\n"
        "Terminal=false\n"
        "X-GNOME-Autostart-enabled=true\n"
    )


def supported() -> bool:
    return sys.platform.startswith("linux") or "bsd" in sys.platform


def set_autostart(enabled: bool) -> Path | None:
    """Write or remove the entry; the path written, or None when removed.

    Raises:
        OSError: the autostart folder cannot be written.
    """
    path = autostart_file()
    if not enabled:
        path.unlink(missing_ok=True)
        return None
    write_atomically(path, entry(launch_command()))
    return path

"""oncall-desktop: a system-tray cockpit for the on-call engineer (SOP-5)."""

__version__ = "0.1.0"
APP_NAME = "oncall-desktop"
APP_DISPLAY_NAME = "On-call Desktop"
APP_ID = "io.github.oncall_desktop.OncallDesktop"
ORGANIZATION = "oncall-desktop"


def child_command(*arguments: str) -> list[str]:
    """How to run this app again, as a short-lived helper of the console (the migration and
    keyring helpers): the bundle's own executable when frozen, else this Python."""
    import sys

    if getattr(sys, "frozen", False):  # the PyInstaller bundle: the executable is the app
        return [sys.executable, *arguments]
    return [sys.executable, "-m", "oncall_desktop", *arguments]

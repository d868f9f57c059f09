"""oncall-desktop: a system-tray cockpit for the on-call engineer (SOP-5)."""

__version__ = "0.1.0"
APP_NAME = "oncall-desktop"
APP_DISPLAY_NAME = "On-call Desktop"
APP_ID = "io.github.oncall_desktop.OncallDesktop"
ORGANIZATION = "oncall-desktop"

"""The bundle's entry point (PyInstaller needs a script, not a console_scripts entry)."""

import sys

from oncall_desktop.app.main import main

if __name__ == "__main__":
    sys.exit(main())

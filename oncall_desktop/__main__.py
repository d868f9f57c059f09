"""`python -m oncall_desktop`."""

import sys

from oncall_desktop.app.main import main

sys.exit(main())

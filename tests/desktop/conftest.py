import pytest

from tests.helpers.desktop import DesktopSession, missing_tools
from tests.helpers.services import unavailable


@pytest.fixture(scope="session")
def desktop():
    missing = missing_tools()
    if missing:
        unavailable(f"the desktop harness needs {', '.join(missing)} (see .ci/run)")
    session = DesktopSession()
    try:
        session.start()
    except Exception as error:  # noqa: BLE001 - reported as unavailable, with the reason
        session.stop()
        unavailable(f"the desktop harness did not start: {error}")
    yield session
    session.stop()

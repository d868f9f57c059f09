"""The connections service runs what an integration declared, whichever it is: the choices a
setting reads from the service, whether its secret is stored (issue 25, item 3). Declared here
by a throwaway integration, 'Lantern', that no module of the app names."""

import pytest

from oncall_desktop.core.messages import QT_TR_NOOP
from oncall_desktop.integrations.declarations import (
    ConnectionCheck,
    Field,
    Integration,
    register_integration,
    unregister_integration,
)
from oncall_desktop.integrations.errors import IntegrationError
from oncall_desktop.integrations.secrets import InMemorySecretStore
from oncall_desktop.services.connections import ConnectionsService, secret_name
from oncall_desktop.services.tasks import TaskRunner

LANTERN_KEY = "lantern-api-key"


def rooms(check: ConnectionCheck) -> list[tuple[str, str]]:
    if check.secret(LANTERN_KEY) != "k-1":
        raise IntegrationError(QT_TR_NOOP("Lantern refused the key."))
    return [("r1", "War room"), ("r2", f"Lobby at {check.setting('lantern_url')}")]


@pytest.fixture
def lantern():
    register_integration(
        Integration(
            "lantern",
            "Lantern",
            (
                Field("url", "lantern_url", QT_TR_NOOP("Address"), "url"),
                Field("key", LANTERN_KEY, QT_TR_NOOP("API key"), "secret"),
            ),
            lists={"rooms": rooms},
        )
    )
    yield
    unregister_integration("lantern")


def test_a_declared_list_and_secret_are_asked_through_the_service(qtbot, lantern):
    secrets = InMemorySecretStore()
    connections = ConnectionsService(secrets, TaskRunner())
    assert secret_name("lantern", "key") == LANTERN_KEY

    with qtbot.waitSignal(connections.listed, timeout=5000) as listed:
        connections.list_choices("lantern", "rooms", {"lantern_url": "https://l.test"}, {})
    assert listed.args == ["lantern", "rooms", [], "Lantern refused the key."]
    with qtbot.waitSignal(connections.listed, timeout=5000) as listed:
        connections.list_choices(
            "lantern", "rooms", {"lantern_url": "https://l.test"}, {LANTERN_KEY: "k-1"}
        )
    assert listed.args[2] == [("r1", "War room"), ("r2", "Lobby at https://l.test")]

    with qtbot.waitSignal(connections.stored, timeout=5000) as stored:
        connections.check_stored("lantern")
    assert stored.args == ["lantern", False, ""]
    secrets.set(LANTERN_KEY, "k-1")
    with qtbot.waitSignal(connections.stored, timeout=5000) as stored:
        connections.check_stored("lantern")
    assert stored.args == ["lantern", True, ""]
    with qtbot.waitSignal(connections.listed, timeout=5000) as listed:  # the stored key
        connections.list_choices("lantern", "rooms", {"lantern_url": "https://l.test"}, {})
    assert listed.args[3] == "" and len(listed.args[2]) == 2

"""Who does what when several people work one incident (issue 18, item 3): a role is taken with
one click and the timeline records it; the last one who took it holds it."""

from datetime import UTC, datetime, timedelta

import pytest

from oncall_desktop.core.errors import DomainError
from oncall_desktop.core.incident import EventKind, Incident, Role
from oncall_desktop.core.narrative import describe
from oncall_desktop.core.policy import Severity

AT = datetime(2025, 10, 20, 22, 15, tzinfo=UTC)
M = timedelta(minutes=1)


def test_roles_are_taken_handed_over_and_told_in_both_languages(policy):
    inc = Incident.declare(title="API down", severity=Severity.SEV1, at=AT, actor="ana")
    assert inc.roles == {}
    inc.take_role(Role.RESPONDER, "Ana", at=AT + M, actor="Ana")
    inc.take_role(Role.COMMUNICATION, "Ben", at=AT + 2 * M, actor="Ben")
    inc.take_role(Role.COMMUNICATION, "Chloé", at=AT + 3 * M, actor="Chloé")
    assert inc.roles == {Role.RESPONDER: "Ana", Role.COMMUNICATION: "Chloé"}
    with pytest.raises(DomainError):
        inc.take_role(Role.COMMUNICATION, "Chloé", at=AT + 4 * M, actor="Chloé")
    [*_, last] = inc.events(EventKind.ROLE_TAKEN)
    assert describe(last, policy, "en") == "Chloé takes the role: communication"
    assert describe(last, policy, "fr") == "Chloé prend le rôle : communication"

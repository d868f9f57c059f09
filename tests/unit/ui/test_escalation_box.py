"""The escalation box shows PagerDuty's answer beside every contact it can ask: a user or an
escalation policy (issue 23)."""

import pytest

from oncall_desktop.core.incident import Incident
from oncall_desktop.core.policy import Severity
from oncall_desktop.core.policy_file import apply_override, default_data
from oncall_desktop.ui.widgets.escalation_box import EscalationBox


@pytest.fixture
def box(qtbot, clock):
    contacts = [
        {
            "name": "Team Dev",
            "contact": "whole team",
            "severities": ["SEV-1"],
            "pagerduty_escalation_policy": "PTEAMDV",
        },
        {"name": "CTO", "contact": "@cto", "severities": ["SEV-1"], "pagerduty_user": "PCTO001"},
        {"name": "GCP Support", "contact": "ticket", "severities": ["SEV-1"]},
    ]
    loaded = apply_override(default_data(), {"escalation_contacts": contacts})
    assert not loaded.problems
    widget = EscalationBox(loaded.policy, "en")
    qtbot.addWidget(widget)
    incident = Incident.declare(title="API down", severity=Severity.SEV1, at=clock.now(), actor="a")
    incident.id = 1

    def show(states):
        widget.set_responder_states(states)
        widget.show_for(incident, clock.now())
        return {name: b.text() for name, b in widget.contact_boxes.items()}

    return show


def test_an_escalation_policy_contact_shows_its_answer_like_a_user(box):
    texts = box({"PTEAMDV": "joined", "PCTO001": "declined"})
    assert texts["Team Dev"].endswith("· joined ✅")
    assert "declined" in texts["CTO"]
    assert "·" not in texts["GCP Support"]  # reached by hand: nothing to show
    texts = box({"PTEAMDV": "pending"})
    assert "asked in PagerDuty, no answer yet" in texts["Team Dev"]
    assert "·" not in texts["CTO"]

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


def shown_for(policy, clock, source, language="en"):
    """The box for a SEV-1 opened from a page of ``source``: the contact asked, its button."""
    from oncall_desktop.core.paging import AlertLink

    widget = EscalationBox(policy, language)
    incident = Incident.declare(title="API down", severity=Severity.SEV1, at=clock.now(), actor="a")
    incident.id, incident.alert = 1, AlertLink(source, "P1") if source else None
    widget.show_for(incident, clock.now())
    return widget, widget.contact_requests["CTO"]


@pytest.fixture
def contacts():
    contacts = [
        {"name": "CTO", "contact": "@cto", "severities": ["SEV-1"], "pagerduty_user": "PCTO001"}
    ]
    return apply_override(default_data(), {"escalation_contacts": contacts}).policy


def test_the_responder_request_is_offered_in_the_pages_source_by_its_registered_name(
    qtbot, qapp, clock, contacts
):
    """PagerDuty's pages: "Ask in PagerDuty" (in French too); a source that registers
    REQUEST_RESPONDERS under its own name gets its name; one that cannot is not offered it."""
    from dataclasses import replace

    from oncall_desktop.core.capabilities import BASIC, Capability
    from oncall_desktop.integrations.sources import register_source, unregister_source
    from oncall_desktop.ui.translations import install_translators
    from tests.unit.integrations import throwaway_source

    widget, ask = shown_for(contacts, clock, "pagerduty")
    qtbot.addWidget(widget)
    assert ask.text() == "Ask in PagerDuty" and ask.isVisibleTo(widget) and ask.isEnabled()
    try:
        install_translators(qapp, "fr")
        widget, ask = shown_for(contacts, clock, "pagerduty", "fr")
        qtbot.addWidget(widget)
        assert ask.text() == "Appeler via PagerDuty"
    finally:
        install_translators(qapp, "en")

    asking = frozenset(BASIC | {Capability.REQUEST_RESPONDERS})
    register_source(replace(throwaway_source.KIND, capabilities=asking))
    try:
        widget, ask = shown_for(contacts, clock, throwaway_source.SIREN)
        qtbot.addWidget(widget)
        assert ask.text() == "Ask in Siren" and ask.isVisibleTo(widget)
        register_source(throwaway_source.KIND)  # acknowledges and resolves, nothing more
        widget, ask = shown_for(contacts, clock, throwaway_source.SIREN)
        qtbot.addWidget(widget)
        assert not ask.isVisibleTo(widget) and not ask.isEnabled()
    finally:
        unregister_source(throwaway_source.SIREN)
    widget, ask = shown_for(contacts, clock, None)  # declared here, no page behind it
    qtbot.addWidget(widget)
    assert not ask.isVisibleTo(widget)


@pytest.mark.parametrize(
    ("language", "escalate_now", "done"),
    [
        (
            "en",
            "SEV-1: escalate now to CTO + whole team.",
            "Escalated: CTO, GCP Support, Team Dev. BANGE Support only if a webhook issue.",
        ),
        (
            "fr",
            "SEV-1 : escaladez maintenant vers CTO + équipe entière.",
            "Escaladé : CTO, GCP Support, Team Dev. BANGE Support seulement si problème de"
            " webhook.",
        ),
    ],
)
def test_once_the_required_contacts_are_ticked_the_hint_says_it_is_done(
    qtbot, qapp, clock, language, escalate_now, done
):
    """The drill's SEV-1: CTO, GCP and Team Dev ticked, the Next line moved on, and the box
    still said "escalate now". It says the escalation is done, and BANGE Support is offered
    only on the SOP's condition."""
    from oncall_desktop.ui.translations import install_translators

    install_translators(qapp, language)
    try:
        loaded = apply_override(default_data(), {})
        widget = EscalationBox(loaded.policy, language)
        qtbot.addWidget(widget)
        incident = Incident.declare(
            title="API down", severity=Severity.SEV1, at=clock.now(), actor="a"
        )
        incident.id = 1
        widget.show_for(incident, clock.now())
        assert widget.hint.text() == escalate_now
        for name in ("CTO", "Team Dev"):
            incident.mark_contact_notified(name, at=clock.now(), actor="a")
        widget.show_for(incident, clock.now())
        assert widget.hint.text() == escalate_now  # GCP Support not yet
        incident.mark_contact_notified("GCP Support", at=clock.now(), actor="a")
        widget.show_for(incident, clock.now())
        assert widget.hint.text() == done
        assert widget.contact_boxes["BANGE Support"].isVisibleTo(widget)  # still offered
    finally:
        install_translators(qapp, "en")

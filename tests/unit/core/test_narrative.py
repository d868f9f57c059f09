"""Timeline lines in the SOP's two languages (the cockpit, the post-mortem and the messages
all use them)."""

from oncall_desktop.core.incident import Incident, Status
from oncall_desktop.core.narrative import describe
from oncall_desktop.core.policy import Audience, Severity

TITLE = "API {down} à 100%1 <b>"


def lines(incident, policy, language):
    return [describe(event, policy, language) for event in incident.timeline]


def test_the_timeline_reads_in_french_with_what_was_typed_kept(policy, clock):
    incident = Incident.declare(title=TITLE, severity=Severity.SEV1, at=clock.now(), actor="a")
    incident.move_to(Status.ACKNOWLEDGED, at=clock.now(), actor="a", note="je prends")
    incident.record_update_sent(Audience.INTERNAL, at=clock.now(), actor="a")
    french = lines(incident, policy, "fr")
    assert french[0] == "Déclaré SEV-1 : API {down} à 100%1 <b>"
    assert french[1] == "Statut déclenché → acquitté (je prends)"
    assert french[2].startswith("Mise à jour envoyée : Interne")
    english = lines(incident, policy, "en")
    assert english[0] == "Declared SEV-1: API {down} à 100%1 <b>"
    assert english[1] == "Status triggered → acknowledged (je prends)"


def test_a_severity_change_says_the_new_clocks_start_there(policy, clock):
    incident = Incident.declare(title="x", severity=Severity.SEV3, at=clock.now(), actor="a")
    incident.change_severity(Severity.SEV1, at=clock.now(), actor="a", reason="tout est down")
    assert lines(incident, policy, "en")[-1] == (
        "Severity SEV-3 → SEV-1: tout est down (SEV-1 clocks run from here)"
    )
    assert lines(incident, policy, "fr")[-1] == (
        "Sévérité SEV-3 → SEV-1 : tout est down (horloges SEV-1 à partir d’ici)"
    )


def test_a_contact_asked_through_a_source_is_said_with_the_sources_registered_name(policy, clock):
    """PagerDuty's words as before; a source of the tests' own is named as it registered."""
    from oncall_desktop.core.capabilities import (
        BASIC,
        register_capabilities,
        unregister_capabilities,
    )

    incident = Incident.declare(title="x", severity=Severity.SEV1, at=clock.now(), actor="a")
    incident.mark_contact_notified("CTO", at=clock.now(), actor="a", via="pagerduty")
    incident.mark_contact_notified("Lead", at=clock.now(), actor="a", via="siren")
    incident.mark_contact_notified("Ops", at=clock.now(), actor="a")  # ticked by hand
    register_capabilities("siren", BASIC, "Siren")
    try:
        english, french = lines(incident, policy, "en"), lines(incident, policy, "fr")
    finally:
        unregister_capabilities("siren")
    assert english[-3:] == [
        "Escalation: CTO asked to join in PagerDuty",
        "Escalation: Lead asked to join in Siren",
        "Escalation: Ops notified",
    ]
    assert french[-3] == "Escalade : CTO appelé à rejoindre dans PagerDuty"

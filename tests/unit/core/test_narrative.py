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


def _refused(policy, clock, reason):
    from oncall_desktop.core.paging import AlertLink

    incident = Incident.declare(
        title="x",
        severity=Severity.SEV1,
        at=clock.now(),
        actor="a",
        alert=AlertLink("pagerduty", "P1"),
    )
    incident.ask_alert_source("acknowledge", at=clock.now(), actor="a", source_name="PagerDuty")
    incident.record_alert_answer(
        "acknowledge", ok=False, at=clock.now(), actor="a", source_name="PagerDuty", reason=reason
    )
    return incident


def test_a_sources_refusal_is_stored_as_a_message_and_said_by_the_readers_translator(policy, clock):
    from oncall_desktop.core.alert_requests import AlertAction, last_request
    from oncall_desktop.core.messages import QT_TR_NOOP

    why = QT_TR_NOOP("PagerDuty is rate limiting this token (429) and asks to wait {s} s.")
    incident = _refused(policy, clock, why.format(s="30"))
    event = incident.timeline[-1]
    # the English text stays for the logs and the consoles of an earlier version
    assert (
        event.data["reason"] == "PagerDuty is rate limiting this token (429) and asks to wait 30 s."
    )

    def french(message):
        assert message.template == why.template and dict(message.values) == {"s": "30"}
        return "PagerDuty limite le débit (429)."

    assert describe(event, policy, "fr", show=french) == (
        "PagerDuty n’a pas acquitté : PagerDuty limite le débit (429)."
    )
    request = last_request(incident, AlertAction.ACKNOWLEDGE)
    assert request is not None and french(request.reason_message)


def test_a_refusal_stored_before_messages_were_kept_reads_as_it_was(policy, clock):
    incident = _refused(policy, clock, "PagerDuty refused the request (400).")
    event = incident.timeline[-1]
    assert "reason_message" not in event.data  # what an earlier version stored
    assert describe(event, policy, "fr") == (
        "PagerDuty n’a pas acquitté : PagerDuty refused the request (400)."
    )

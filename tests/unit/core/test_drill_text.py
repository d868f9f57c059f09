"""What a drill posts is in the message's language throughout: its page's service (said in
the UI's language) and its stand-in name ("Vous") are said again in the message's."""

from datetime import UTC, datetime

from oncall_desktop.core.compose import MessageKind, compose
from oncall_desktop.core.drill import SCENARIO_TITLE, scenario_service
from oncall_desktop.core.incident import Incident
from oncall_desktop.core.policy import Severity

AT = datetime(2025, 10, 20, 22, 15, tzinfo=UTC)


def declared(is_drill):
    return Incident.declare(
        title=SCENARIO_TITLE,
        severity=Severity.SEV1,
        at=AT,
        actor="Vous",
        impact=f"{scenario_service('fr')} (PagerDuty)",
        is_drill=is_drill,
    )


def test_a_drill_message_says_the_drills_words_in_its_own_language(policy):
    english = compose(MessageKind.DECLARED, declared(True), policy, "en", AT, oncall="Vous")
    assert "**On-Call** : You" in english
    assert f"**Impact** : {scenario_service('en')} (PagerDuty)" in english
    french = compose(MessageKind.DECLARED, declared(True), policy, "fr", AT, oncall="You")
    assert "**Astreinte** : Vous" in french
    assert f"**Impact** : {scenario_service('fr')} (PagerDuty)" in french


def test_a_real_incidents_words_are_left_as_they_are(policy):
    text = compose(MessageKind.DECLARED, declared(False), policy, "en", AT, oncall="Vous")
    assert "**On-Call** : Vous" in text and scenario_service("fr") in text

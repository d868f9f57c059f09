"""Every message the app composes, in both message languages, over incidents in every state:
no English word of ours inside a French message and no French word inside an English one
(issue 14, item 10). What people typed (titles, notes) is kept as typed, so the incident here
is written in neither language."""

import re
from datetime import UTC, timedelta

import pytest

from oncall_desktop.core.compose import HumanInput, MessageKind, compose
from oncall_desktop.core.incident import Incident, Status
from oncall_desktop.core.paging import AlertLink
from oncall_desktop.core.policy import Audience, Severity

M = timedelta(minutes=1)

# Words of our templates and values that belong to one language only.
ENGLISH = [
    "Severity",
    "Title",
    "Status",
    "Started",
    "Link",
    "Investigation in progress",
    "UPDATE",
    "Root Cause",
    "Root cause",
    "ETA",
    "Duration",
    "Resolution",
    "Timeline",
    "Next Steps",
    "Next steps",
    "Thank you",
    "DECLARED",
    "RESOLVED",
    "Triggered",
    "Acknowledged",
    "Investigating",
    "Mitigating",
    "Resolved",
    "Closed",
    "TBD",
    "We're",
    "We apologize",
    "every",
    "hour",
    "since",
    "Business impact",
    "Financial impact",
    "Resolution plan",
    "incident resolved",
    "Declared",
    "Done",
    "Escalation",
    "notified",
    "On-Call",
    "PagerDuty service",
]
FRENCH = [
    "Sévérité",
    "Titre",
    "Statut",
    "Début",
    "Lien",
    "Investigation en cours",
    "MISE À JOUR",
    "Cause racine",
    "Délai estimé",
    "Durée",
    "Résolution",
    "Chronologie",
    "Prochaines étapes",
    "Merci",
    "DÉCLARÉ",
    "RÉSOLU",
    "Déclenché",
    "Pris en charge",
    "Atténuation",
    "Résolu",
    "Clos",
    "À déterminer",
    "Nous",
    "toutes les",
    "heures",
    "depuis",
    "Impact métier",
    "Impact financier",
    "Plan de résolution",
    "Déclaré",
    "Fait",
    "Escalade",
    "prévenu",
    "Astreinte",
]


def words_of(language_words: list[str], text: str) -> list[str]:
    return [w for w in language_words if re.search(rf"(?<!\w){re.escape(w)}(?!\w)", text)]


def incidents(clock):
    """One incident per severity, walked through the whole lifecycle, with a snapshot at each
    state (triggered, acknowledged, investigating, mitigating, resolved, reopened, closed)."""
    for severity in Severity:
        inc = Incident.declare(
            title="X-42", severity=severity, at=clock.now(), actor="zz", impact="X-42"
        )
        inc.alert = AlertLink("pagerduty", "X42", "https://pd.example/X42")
        yield inc, clock.now()
        steps = [
            lambda i, t: i.move_to(Status.ACKNOWLEDGED, at=t, actor="zz"),
            lambda i, t: i.tick_step("1.3", at=t, actor="zz"),
            lambda i, t: i.move_to(Status.INVESTIGATING, at=t, actor="zz"),
            lambda i, t: i.mark_contact_notified("CTO", at=t, actor="zz"),
            lambda i, t: i.move_to(Status.MITIGATING, at=t, actor="zz"),
            lambda i, t: i.move_to(Status.RESOLVED, at=t, actor="zz", note="X-42"),
            lambda i, t: i.move_to(Status.INVESTIGATING, at=t, actor="zz"),
            lambda i, t: i.move_to(Status.RESOLVED, at=t, actor="zz"),
            lambda i, t: i.move_to(Status.CLOSED, at=t, actor="zz"),
        ]
        for step in steps:
            clock.advance(20 * M)
            step(inc, clock.now())
            inc.record_update_sent(Audience.INTERNAL, at=clock.now(), actor="zz")
            yield inc, clock.now()


@pytest.mark.parametrize(("language", "foreign"), [("fr", ENGLISH), ("en", FRENCH)])
def test_no_word_of_the_other_language_in_any_message(clock, policy, language, foreign):
    human = HumanInput(root_cause="X-42", actions="X-42", resolution="X-42", next_steps="X-42")
    checked = 0
    for incident, now in incidents(clock):
        for kind in MessageKind:
            for typed in (HumanInput(), human):
                text = compose(kind, incident, policy, language, now, typed, zone=UTC, oncall="zz")
                assert words_of(foreign, text) == [], (kind, incident.status, text)
                checked += 1
    assert checked == 3 * 10 * len(MessageKind) * 2


def test_each_language_list_really_finds_its_own_words(clock, policy):
    """The lists above must catch what they look for, or the test above proves nothing."""
    inc = Incident.declare(title="X-42", severity=Severity.SEV1, at=clock.now(), actor="zz")
    english = compose(MessageKind.DECLARED, inc, policy, "en", clock.now(), zone=UTC)
    french = compose(MessageKind.DECLARED, inc, policy, "fr", clock.now(), zone=UTC)
    assert {"Severity", "Status", "Triggered"} <= set(words_of(ENGLISH, english))
    assert {"Sévérité", "Statut", "Déclenché"} <= set(words_of(FRENCH, french))

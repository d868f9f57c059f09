from datetime import UTC, timedelta

from oncall_desktop.core.compose import (
    HumanInput,
    MessageKind,
    compose,
    default_kind,
    duration_text,
)
from oncall_desktop.core.incident import Incident, Status
from oncall_desktop.core.paging import AlertLink
from oncall_desktop.core.policy import Audience, Severity

M = timedelta(minutes=1)


def sop_incident(clock):
    inc = Incident.declare(
        title="API Down - All endpoints returning 500",
        severity=Severity.SEV1,
        at=clock.now(),
        actor="orchestrateur",
        impact="100% users cannot access application",
    )
    inc.alert = AlertLink("pagerduty", "ABC123", "https://pagerduty.com/incidents/ABC123")
    return inc


def test_declared_is_the_sop_example(clock, policy):
    text = compose(
        MessageKind.DECLARED,
        sop_incident(clock),
        policy,
        "en",
        clock.now(),
        zone=UTC,
        oncall="@orchestrateur",
    )
    assert text == (
        "📢 INCIDENT DECLARED\n\n"
        "**Severity** : SEV-1 🔴\n"
        "**Title** : API Down - All endpoints returning 500\n"
        "**Status** : Triggered\n"
        "**Impact** : 100% users cannot access application\n"
        "**Started** : 2025-10-20 22:15\n\n"
        "**On-Call** : @orchestrateur\n"
        "**Link** : https://pagerduty.com/incidents/ABC123\n\n"
        "Investigation in progress..."
    )


def test_update_numbers_and_elapsed(clock, policy):
    inc = sop_incident(clock)
    inc.record_update_sent(Audience.INTERNAL, at=clock.now(), actor="a")  # the declaration
    clock.advance(15 * M)
    inc.move_to(Status.INVESTIGATING, at=clock.now(), actor="a")
    human = HumanInput(
        root_cause="Database Cloud SQL down",
        actions="Escalated to GCP Support (ticket #123456)\nAttempting failover",
        eta="30 min",
    )
    text = compose(MessageKind.UPDATE, inc, policy, "en", clock.now(), human, zone=UTC)
    assert text.startswith("📢 UPDATE #1 - T+15 min\n\n**Status** : Investigating")
    assert "- Escalated to GCP Support (ticket #123456)\n- Attempting failover" in text
    assert "**ETA** : 30 min" in text
    inc.record_update_sent(Audience.INTERNAL, at=clock.now(), actor="a")
    text = compose(MessageKind.UPDATE, inc, policy, "fr", clock.now(), zone=UTC)
    assert text.startswith("📢 MISE À JOUR #2 - T+15 min")
    assert (
        "**Statut** : Investigation en cours" in text and "**Délai estimé** : À déterminer" in text
    )


def test_resolved_has_duration_and_timeline(clock, policy):
    inc = sop_incident(clock)
    clock.advance(75 * M)
    inc.add_note("Failover initiated", at=clock.now() - 30 * M, actor="a")
    inc.move_to(Status.RESOLVED, at=clock.now(), actor="a")
    text = compose(
        MessageKind.RESOLVED,
        inc,
        policy,
        "en",
        clock.now(),
        HumanInput(resolution="Failover to replica database"),
        zone=UTC,
    )
    assert "**Duration** : 1h 15min (22:15 - 23:30)" in text
    assert "- 22:15 : Declared SEV-1: API Down" in text
    assert "- 22:15 : Failover initiated" not in text and ": Failover initiated" in text
    assert "**Resolution** : Failover to replica database" in text


def test_status_page_and_executive(clock, policy):
    inc = sop_incident(clock)
    page = compose(MessageKind.STATUS_PAGE, inc, policy, "en", clock.now())
    assert "provide updates every 30 minutes" in page and "SEV" not in page
    inc.change_severity(Severity.SEV2, at=clock.now(), actor="a", reason="Gmail only")
    assert "provide updates every hour." in compose(
        MessageKind.STATUS_PAGE, inc, policy, "en", clock.now()
    )
    assert "une mise à jour toutes les heures." in compose(
        MessageKind.STATUS_PAGE, inc, policy, "fr", clock.now()
    )
    executive = compose(
        MessageKind.EXECUTIVE,
        inc,
        policy,
        "fr",
        clock.now(),
        HumanInput(financial_impact="~50M XAF"),
        zone=UTC,
    )
    assert executive.startswith("Incident SEV-2 : API Down")
    assert "Impact financier : ~50M XAF" in executive


def test_default_kind_follows_the_procedure(clock):
    inc = sop_incident(clock)
    assert default_kind(inc, Audience.INTERNAL) is MessageKind.DECLARED
    inc.record_update_sent(Audience.INTERNAL, at=clock.now(), actor="a")
    assert default_kind(inc, Audience.INTERNAL) is MessageKind.UPDATE
    inc.move_to(Status.RESOLVED, at=clock.now(), actor="a")
    assert default_kind(inc, Audience.INTERNAL) is MessageKind.RESOLVED
    assert default_kind(inc, Audience.EXECUTIVE) is MessageKind.EXECUTIVE_RESOLVED
    assert default_kind(inc, Audience.STATUS_PAGE) is MessageKind.STATUS_PAGE_RESOLVED


def test_a_sev3_status_page_text_promises_no_cadence(clock, policy):
    inc = sop_incident(clock)
    inc.change_severity(Severity.SEV3, at=clock.now(), actor="a", reason="a few users")
    for language in ("en", "fr"):
        text = compose(MessageKind.STATUS_PAGE, inc, policy, language, clock.now())
        assert "every" not in text and "toutes les" not in text and "minutes" not in text
    assert "keep you informed here" in compose(
        MessageKind.STATUS_PAGE, inc, policy, "en", clock.now()
    )


def test_resolution_notices_use_the_resolution_note_already_typed(clock, policy):
    inc = sop_incident(clock)
    clock.advance(75 * M)
    inc.move_to(Status.RESOLVED, at=clock.now(), actor="a", note="Failover to replica")
    internal = compose(MessageKind.RESOLVED, inc, policy, "fr", clock.now(), zone=UTC)
    assert "**Résolution** : Failover to replica" in internal
    executive = compose(MessageKind.EXECUTIVE_RESOLVED, inc, policy, "en", clock.now(), zone=UTC)
    assert executive.startswith("SEV-1 incident resolved: API Down")
    assert "Resolution: Failover to replica" in executive
    assert "Duration: 1h 15min (22:15 - 23:30)" in executive
    public = compose(MessageKind.STATUS_PAGE_RESOLVED, inc, policy, "en", clock.now(), zone=UTC)
    assert "has been resolved" in public and "since 23:30" in public
    assert "experiencing issues" not in public and "every" not in public
    assert "SEV" not in public and "Failover" not in public  # no jargon outside
    typed = HumanInput(resolution="Promoted the replica")
    assert "**Resolution** : Promoted the replica" in compose(
        MessageKind.RESOLVED, inc, policy, "en", clock.now(), typed, zone=UTC
    )


def test_duration_text():
    assert duration_text(timedelta(minutes=75)) == "1h 15min"
    assert duration_text(timedelta(minutes=9)) == "9 min"
    assert duration_text(timedelta(hours=24)) == "24h"  # not "1440 min" nor "24h 00min"

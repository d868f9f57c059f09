"""The drill's score (issue 17, item 3): it counts what the SOP asks through the resolution
and the notices after it, so a careless run cannot score like a careful one."""

from datetime import UTC, datetime, timedelta

from oncall_desktop.core.drill import score, score_is_final
from oncall_desktop.core.incident import EventKind, Incident, Status, TimelineEvent
from oncall_desktop.core.paging import AlertLink
from oncall_desktop.core.policy import Audience, Severity

AT = datetime(2025, 10, 20, 22, 15, tzinfo=UTC)
M = timedelta(minutes=1)


def page():
    return Incident.declare(
        title="API Down - All endpoints returning 500",
        severity=Severity.SEV1,
        at=AT,
        actor="PagerDuty",
        alert=AlertLink("pagerduty", "PDRILL"),
        provisional_from_urgency="high",
    )


def careful(policy):
    """Acknowledged at 2 min, severity confirmed, every audience told at 4 min, escalation
    contacts reached, the checklist worked, updates on cadence, resolved at 50 min, every
    resolution notice within 10 min of it."""
    inc = page()
    inc.move_to(Status.ACKNOWLEDGED, at=AT + 2 * M, actor="ana", confirmed_by="pagerduty")
    inc.tick_step("1.3", at=AT + 3 * M, actor="ana", note="SEV-1 confirmed: all users")
    for audience in Audience:
        inc.record_update_sent(audience, at=AT + 4 * M, actor="ana", channel="x")
    for contact in policy.contacts_for(Severity.SEV1):
        inc.mark_contact_notified(contact.name, at=AT + 5 * M, actor="ana")
    inc.move_to(Status.INVESTIGATING, at=AT + 6 * M, actor="ana")
    for phase in policy.phases:
        for step in phase.steps:
            if phase.start is not None and step.id not in inc.steps and phase.id != "resolution":
                inc.tick_step(step.id, at=AT + 7 * M, actor="ana")
    for minute in (18, 33, 47):  # internal every 15 min
        inc.record_update_sent(Audience.INTERNAL, at=AT + minute * M, actor="ana", channel="x")
    inc.record_update_sent(Audience.STATUS_PAGE, at=AT + 32 * M, actor="ana", channel="x")
    inc.move_to(Status.MITIGATING, at=AT + 40 * M, actor="ana")
    inc.move_to(
        Status.RESOLVED,
        at=AT + 50 * M,
        actor="ana",
        note="failover to the replica",
        confirmed_by="pagerduty",
    )
    for step in ("4.1", "4.2"):
        if step not in inc.steps:
            inc.tick_step(step, at=AT + 51 * M, actor="ana")
    for audience in Audience:
        inc.record_update_sent(audience, at=AT + 55 * M, actor="ana", channel="x")
    return inc


def careless():
    """Acknowledged at once, nothing sent, nothing ticked, resolved in a minute and a half."""
    inc = page()
    inc.move_to(Status.ACKNOWLEDGED, at=AT + M / 2, actor="ana", confirmed_by="pagerduty")
    inc.move_to(
        Status.RESOLVED,
        at=AT + 90 * timedelta(seconds=1),
        actor="ana",
        note="ok",
        confirmed_by="pagerduty",
    )
    return inc


def test_a_careful_run_scores_far_above_a_careless_one(policy):
    good = score(careful(policy), policy, AT + 70 * M)
    bad = score(careless(), policy, AT + 20 * M)
    assert good.points >= 90, good.lines()
    assert bad.points <= 40, bad.lines()
    # the careless run owed the SOP's initial alert to every audience and the notices after
    # the resolution: owed and not sent, not "nothing was due"
    assert bad.updates_due == 6 and bad.updates_on_time == 0


def test_the_score_waits_for_the_resolution_notices(policy):
    inc = careful(policy)
    assert score_is_final(inc, policy, inc.resolved_at + 6 * M)  # every notice sent at +5
    quick = careless()
    assert not score_is_final(quick, policy, quick.resolved_at + M)  # notices still owed
    assert score_is_final(quick, policy, quick.resolved_at + policy.resolution_update_within)


def test_the_result_reads_in_the_ui_language(policy):
    result = score(careless(), policy, AT + 20 * M)
    assert result.lines("fr") == [
        "Délai d’acquittement : 0 min 30 s (SLA 5 min : tenu)",
        "Mises à jour à l’heure : 0 sur 6",
        "  – Interne (Slack #incidents) : non envoyée",
        "  – Interne (Slack #incidents), avis de résolution : non envoyé",
        "  – Externe (page de statut) : non envoyée",
        "  – Externe (page de statut), avis de résolution : non envoyé",
        "  – Direction (email/téléphone) : non envoyée",
        "  – Direction (email/téléphone), avis de résolution : non envoyé",
        "Étapes de la checklist faites (phases 1-4) : 3 sur 14",
        "Score : 36 / 100",
    ]
    assert result.lines()[-1] == "Score: 36 / 100"


def test_the_score_names_the_updates_it_counts_as_missed(policy):
    """'Updates on time: 5 of 7' said neither which two nor how late: each is named under
    the count, with its audience and its delay (or that it never went out)."""
    inc = page()
    inc.move_to(Status.ACKNOWLEDGED, at=AT + 2 * M, actor="ana")
    inc.record_update_sent(Audience.INTERNAL, at=AT + 4 * M, actor="ana", channel="x")
    inc.record_update_sent(Audience.INTERNAL, at=AT + 25 * M, actor="ana", channel="x")  # due 19
    inc.record_update_sent(Audience.STATUS_PAGE, at=AT + 8 * M + 16 * M / 60, actor="ana")
    inc.move_to(Status.RESOLVED, at=AT + 35 * M, actor="ana")
    result = score(inc, policy, AT + 36 * M)
    assert (result.updates_on_time, result.updates_due) == (1, 4)
    english = result.lines("en")
    count = english.index("Updates on time: 1 of 4")
    assert english[count + 1 : count + 4] == [
        "  – Internal (Slack #incidents): sent 6 min 00 s late",
        "  – External (status page): sent 3 min 16 s late",
        "  – Executive (email/phone): not sent",
    ]
    french = result.lines("fr")
    count = french.index("Mises à jour à l’heure : 1 sur 4")
    assert french[count + 1 : count + 4] == [
        "  – Interne (Slack #incidents) : envoyée avec 6 min 00 s de retard",
        "  – Externe (page de statut) : envoyée avec 3 min 16 s de retard",
        "  – Direction (email/téléphone) : non envoyée",
    ]
    assert english[-1].startswith("Score: ")


def test_an_update_sent_after_the_resolution_is_the_notice_not_the_initial_alert(policy):
    """QA's careless French run: nothing sent, resolved in a minute and a half, then "Mark
    sent" on each audience. The score said "6 sur 6" (81/100) from three updates: each had
    counted for the initial alert and for the resolution notice. Each update meets one
    obligation; one after the resolution is its notice."""
    inc = careless()
    for audience in Audience:
        inc.record_update_sent(audience, at=AT + 2 * M, actor="ana")
    result = score(inc, policy, AT + 3 * M)
    assert (result.updates_on_time, result.updates_due) == (3, 6)
    assert [(m.audience, m.notice, m.late_by) for m in result.missed] == [
        (audience, False, None) for audience in Audience
    ]
    assert "Mises à jour à l’heure : 3 sur 6" in result.lines("fr")
    assert "  – Interne (Slack #incidents) : non envoyée" in result.lines("fr")


def test_notices_sent_after_the_alerts_deadline_are_not_late_alerts(policy):
    """Same run, the notices sent at 6 min (the alerts were due at 5): the score said
    "sent 1 min 01 s late" for alerts never sent."""
    inc = careless()
    for audience in Audience:
        inc.record_update_sent(audience, at=AT + 6 * M + timedelta(seconds=1), actor="ana")
    result = score(inc, policy, AT + 7 * M)
    assert (result.updates_on_time, result.updates_due) == (3, 6)
    english = result.lines("en")
    assert "  – Internal (Slack #incidents): not sent" in english
    assert not any("late" in line for line in english), english


def test_a_notice_soon_after_an_update_is_a_second_update(policy):
    """QA's English run: the internal update at 4 min, resolved, the notices 46 s after the
    update. A one-minute window merged the notice into the update ("5 of 5", nothing
    missed); the timeline holds four updates, the score counts four sent of six owed."""
    inc = page()
    inc.move_to(Status.ACKNOWLEDGED, at=AT + M, actor="ana")
    inc.record_update_sent(Audience.INTERNAL, at=AT + 4 * M, actor="ana", channel="slack")
    inc.move_to(Status.RESOLVED, at=AT + 4 * M + timedelta(seconds=20), actor="ana")
    for audience in Audience:
        inc.record_update_sent(audience, at=AT + 4 * M + timedelta(seconds=46), actor="ana")
    assert score_is_final(inc, policy, AT + 5 * M)
    result = score(inc, policy, AT + 5 * M)
    assert (result.updates_on_time, result.updates_due) == (4, 6)
    assert [(m.audience, m.notice) for m in result.missed] == [
        (Audience.STATUS_PAGE, False),
        (Audience.EXECUTIVE, False),
    ]


def test_one_message_to_several_destinations_is_one_update(policy):
    """One composed message delivered to Slack, then to PagerDuty 90 s later (a retry), is
    one update (its posts share the message's id, core.updates): it meets one obligation,
    not two, whatever the time between its deliveries."""
    from oncall_desktop.core.updates import MESSAGE

    inc = page()
    inc.move_to(Status.ACKNOWLEDGED, at=AT + M, actor="ana")
    for minute in (3, 20):
        for where, after in (("slack", 0), ("pagerduty", 90)):
            inc.timeline.append(  # as the outbox records a delivery (services/outbox)
                TimelineEvent(
                    at=AT + minute * M + timedelta(seconds=after),
                    kind=EventKind.UPDATE_SENT,
                    actor="ana",
                    data={"audience": "internal", "channel": where, MESSAGE: f"m{minute}"},
                )
            )
    result = score(inc, policy, AT + 25 * M)
    internal = [m for m in result.missed if m.audience is Audience.INTERNAL]
    # the alert at 3 min on time; the next due at 18: the message at 20 is 2 min late
    assert [m.late_by for m in internal] == [2 * M]

"""Drill mode: the SOP's SEV-1 scenario, and the score of how it was handled.

The score looks only at what the timeline recorded, against the procedure's numbers:
acknowledged within the SLA (30 points), each required update on time (40 points, shared),
the checklist of phases 1 to 4 done (30 points, shared). It counts what the SOP asks through
the resolution and the notices after it: the initial alert to every audience is owed even when
the incident is resolved before its deadline, and the score is final once every resolution
notice is sent or its time is up (``score_is_final``), so resolving fast with nothing sent
cannot score like a careful run (README, "Drill mode").
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from oncall_desktop.core.clock import utc
from oncall_desktop.core.evidence import done_steps
from oncall_desktop.core.incident import EventKind, Incident
from oncall_desktop.core.policy import Audience, Policy, Text
from oncall_desktop.core.updates import updates_sent

# SOP-5's own example (phase 1.1 and the post-mortem): the database is down, every endpoint
# answers 500. The drill's page says what PagerDuty would: the title in the SOP's own words,
# the service (which says it is a drill) in the language of the console that runs it.
SCENARIO_TITLE = "API Down - All endpoints returning 500"
SCENARIO_SERVICES = {
    "en": "Backend API (drill: primary database down)",
    "fr": "Backend API (exercice : base de données principale en panne)",
}
SCENARIO_SERVICE = SCENARIO_SERVICES["en"]


def scenario_service(language: str) -> str:
    """The drill page's service, in ``language`` (fr or en)."""
    return SCENARIO_SERVICES.get(language, SCENARIO_SERVICE)


# Who the drill's fake PagerDuty says I am when Settings has no name: "You" in the UI's
# language, so the timeline reads "Vous" in a French console (app/drill.drill_engineer).
STAND_INS = {"en": "You", "fr": "Vous"}


def stand_in(language: str) -> str:
    """The drill's stand-in name, in ``language`` (fr or en)."""
    return STAND_INS.get(language, STAND_INS["en"])


def in_language(text: str, language: str) -> str:
    """The drill's own words in ``text`` in ``language``: its page's service (which the page
    says in the UI's language) and its stand-in name, so that what a drill posts is in the
    message language throughout ("On-Call: You", not "On-Call: Vous", in an English message
    from a French console). Other text is left as it is."""
    if text in STAND_INS.values():
        return stand_in(language)
    for service in SCENARIO_SERVICES.values():
        text = text.replace(service, scenario_service(language))
    return text


PAGE_AFTER = timedelta(seconds=3)  # the page arrives this long after the drill starts

ACK_POINTS, UPDATE_POINTS, STEP_POINTS = 30, 40, 30


@dataclass(frozen=True)
class MissedUpdate:
    """An update the score counts as not on time: whose (the audience's name in the SOP's
    words), whether it is the resolution notice, and how late it went out (None: never
    sent)."""

    audience: Audience
    name: Text
    late_by: timedelta | None
    notice: bool = False

    def line(self, language: str) -> str:
        name = self.name.get(language)
        late = _duration(self.late_by) if self.late_by is not None else ""
        if language == "fr":
            what = f"{name}, avis de résolution" if self.notice else name
            ending = "é" if self.notice else "ée"  # l'avis, la mise à jour
            if self.late_by is None:
                return f"  – {what} : non envoy{ending}"
            return f"  – {what} : envoy{ending} avec {late} de retard"
        what = f"{name}, resolution notice" if self.notice else name
        if self.late_by is None:
            return f"  – {what}: not sent"
        return f"  – {what}: sent {late} late"


def _duration(span: timedelta) -> str:
    seconds = int(span.total_seconds())
    return f"{seconds // 60} min {seconds % 60:02d} s"


@dataclass(frozen=True)
class DrillScore:
    time_to_ack: timedelta | None
    ack_target: timedelta
    updates_due: int
    updates_on_time: int
    steps_done: int
    steps_total: int
    missed: tuple[MissedUpdate, ...] = ()  # the updates due and not on time, by audience

    @property
    def ack_met(self) -> bool:
        return self.time_to_ack is not None and self.time_to_ack <= self.ack_target

    @property
    def points(self) -> int:
        ack = ACK_POINTS if self.ack_met else 0
        updates = UPDATE_POINTS * self.updates_on_time / self.updates_due if self.updates_due else 0
        steps = STEP_POINTS * self.steps_done / self.steps_total if self.steps_total else 0
        return round(ack + updates + steps)

    def lines(self, language: str = "en") -> list[str]:
        """The result in ``language`` (fr or en): the dialog, the log and the timeline note;
        each update missed is named under the count (its audience, and how late)."""
        missed = [m.line(language) for m in self.missed]
        seconds = int(self.time_to_ack.total_seconds()) if self.time_to_ack is not None else None
        target = int(self.ack_target.total_seconds() // 60)
        if language == "fr":
            ack = "jamais" if seconds is None else f"{seconds // 60} min {seconds % 60:02d} s"
            verdict = "tenu" if self.ack_met else "manqué"
            return [
                f"Délai d’acquittement : {ack} (SLA {target} min : {verdict})",
                f"Mises à jour à l’heure : {self.updates_on_time} sur {self.updates_due}",
                *missed,
                f"Étapes de la checklist faites (phases 1-4) : {self.steps_done} sur "
                f"{self.steps_total}",
                f"Score : {self.points} / 100",
            ]
        ack = "never" if seconds is None else f"{seconds // 60} min {seconds % 60:02d} s"
        return [
            f"Time to acknowledge: {ack} (SLA {target} min: {'met' if self.ack_met else 'missed'})",
            f"Updates on time: {self.updates_on_time} of {self.updates_due}",
            *missed,
            f"Checklist steps done (phases 1-4): {self.steps_done} of {self.steps_total}",
            f"Score: {self.points} / 100",
        ]


def _updates(
    incident: Incident, policy: Policy, audience: Audience, now: datetime
) -> tuple[int, int, list[MissedUpdate]]:
    """(required, on time, those missed) for one audience, from the cadence and what was
    sent. Each update sent (one composed message, however many destinations took it:
    core.updates.updates_sent) counts for one obligation only, the earliest it can meet in
    order: the updates sent before the resolution for the alert at declaration and the
    cadence, the first one after it for the resolution notice (never for the alert)."""
    rule = policy.cadence_rule(audience, incident.severity)
    if not rule.applies:
        return 0, 0, []
    name = policy.cadence[audience].name
    missed: list[MissedUpdate] = []
    sent = [e.at for e in updates_sent(incident, audience.value)]
    resolved = incident.resolved_at
    before = [t for t in sent if resolved is None or t < resolved]
    after = [t for t in sent if resolved is not None and t >= resolved]
    end = resolved or now
    due_count = on_time = 0
    if rule.at_declaration:
        due: datetime | None = incident.declared_at + policy.initial_update_within
    elif rule.every is not None:
        due = incident.declared_at + rule.every
    else:
        due = None
    initial_alert = rule.at_declaration  # the first one due is the alert at declaration
    pending = iter(before)
    while due is not None:
        following = next(pending, None)  # each update meets one obligation, in order
        if following is not None and following <= due:
            due_count += 1
            on_time += 1
        elif due <= end or (initial_alert and resolved is not None):
            due_count += 1  # missed, or sent late; a resolution does not cancel the alert
            late = following - due if following is not None else None
            missed.append(MissedUpdate(audience, name, late))
        else:
            break  # not due yet, and nothing sent for it: not counted
        initial_alert = False
        if following is None or rule.every is None:
            break
        due = following + rule.every
    if rule.at_resolution and resolved is not None:
        notice_due = resolved + policy.resolution_update_within
        notice = after[0] if after else None
        on_time_notice = notice is not None and notice <= notice_due
        if on_time_notice or now > notice_due:
            due_count += 1
            on_time += int(on_time_notice)
        if not on_time_notice and now > notice_due:
            late = notice - notice_due if notice is not None else None
            missed.append(MissedUpdate(audience, name, late, notice=True))
    return due_count, on_time, missed


def notices_due_by(incident: Incident, policy: Policy) -> datetime | None:
    """When the resolution notices are due (None: not resolved)."""
    if incident.resolved_at is None:
        return None
    return incident.resolved_at + policy.resolution_update_within


def score_is_final(incident: Incident, policy: Policy, now: datetime) -> bool:
    """Resolved, and every audience owed a resolution notice has had it or its time is up."""
    due_by = notices_due_by(incident, policy)
    if due_by is None:
        return False
    if utc(now) >= due_by:
        return True
    resolved_at = incident.resolved_at
    told = {
        e.data.get("audience")
        for e in incident.events(EventKind.UPDATE_SENT)
        if resolved_at is not None and e.at >= resolved_at
    }
    owed = {
        audience.value
        for audience in Audience
        if policy.cadence_rule(audience, incident.severity).at_resolution
    }
    return owed <= told


def score(incident: Incident, policy: Policy, now: datetime) -> DrillScore:
    now = utc(now)
    ack = incident.acknowledged_at - incident.detected_at if incident.acknowledged_at else None
    required = on_time = 0
    missed: list[MissedUpdate] = []
    for audience in Audience:
        due, met, late = _updates(incident, policy, audience, now)
        required += due
        on_time += met
        missed.extend(late)
    steps = [s.id for p in policy.phases if p.start is not None for s in p.steps]
    ticked = done_steps(incident, policy)  # by the engineer or by what the app saw done
    done = sum(1 for s in steps if s in ticked)
    return DrillScore(
        time_to_ack=ack,
        ack_target=policy.severity(incident.severity).ack_sla,
        updates_due=required,
        updates_on_time=on_time,
        steps_done=done,
        steps_total=len(steps),
        missed=tuple(missed),
    )

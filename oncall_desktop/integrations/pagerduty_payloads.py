"""PagerDuty's JSON, read into the core's source-neutral objects.

Read tolerantly, as live PagerDuty sends it (nulls, unknown fields, wrong types), and cleaned
where it enters (core/plaintext): no control character, lone surrogate or bidi override
reaches the tray, the bus, the database or a terminal.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from oncall_desktop.core.clock import utc
from oncall_desktop.core.handoff import OnCallEntry
from oncall_desktop.core.paging import PAGERDUTY, Page
from oncall_desktop.core.plaintext import clean_line

SOURCE = PAGERDUTY  # how pages and incident links name this source


def _text(value: Any, default: str = "") -> str:
    return clean_line(value) if isinstance(value, str) else default


def parse_time(value: Any) -> datetime | None:
    """An API timestamp (ISO 8601, "Z" allowed) in UTC, or None when it is not one."""
    if not isinstance(value, str) or not value:
        return None
    try:
        return utc(datetime.fromisoformat(value.replace("Z", "+00:00")))
    except ValueError:
        return None


def parse_page(raw: Any) -> Page | None:
    """An incident object from the REST API, or None when it is unusable (no id)."""
    if not isinstance(raw, dict):
        return None
    incident_id = raw.get("id")
    if not isinstance(incident_id, str) or not incident_id:
        return None
    service = raw.get("service")
    service_name = ""
    if isinstance(service, dict):
        service_name = _text(service.get("summary")) or _text(service.get("name"))
    acks = raw.get("acknowledgements")
    ack_times = (
        [t for t in (parse_time(a.get("at")) for a in acks if isinstance(a, dict)) if t is not None]
        if isinstance(acks, list)
        else []
    )
    number = raw.get("incident_number")
    return Page(
        acknowledger=_acknowledger(acks),
        id=incident_id,
        number=number if isinstance(number, int) and not isinstance(number, bool) else None,
        title=_text(raw.get("title")) or _text(raw.get("summary")) or f"Incident {incident_id}",
        status=_text(raw.get("status"), "triggered"),
        urgency=_text(raw.get("urgency"), "high"),
        service=service_name,
        created_at=parse_time(raw.get("created_at")),
        html_url=_text(raw.get("html_url")),
        acknowledged_at=min(ack_times) if ack_times else None,
        responders=parse_responders(raw),
        source=SOURCE,
    )


def _acknowledger(acks: Any) -> tuple[str, ...]:
    """The latest acknowledgement's acknowledger (id, name): PagerDuty lists them oldest
    first ({at, acknowledger: {id, summary}}); the latest is the one that counts now."""
    latest: tuple[datetime, dict[str, Any]] | None = None
    for ack in _dicts(acks):
        at, who = parse_time(ack.get("at")), ack.get("acknowledger")
        if at is not None and isinstance(who, dict) and (latest is None or at >= latest[0]):
            latest = (at, who)
    if latest is None:
        return ()
    who = latest[1]
    user_id = _text(who.get("id"))
    return (user_id, _text(who.get("summary")) or user_id) if user_id else ()


USER_TARGETS = frozenset({"user", "user_reference"})
POLICY_TARGETS = frozenset({"escalation_policy", "escalation_policy_reference"})


def _dicts(value: Any) -> list[dict[str, Any]]:
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []


def _states(responders: Any) -> list[str]:
    return [_text(r.get("state"), "pending") for r in _dicts(responders)]


def policy_state(states: list[str]) -> str:
    """An escalation policy's answer from the people it reached. Our rule: joined when
    anyone joined (someone is coming); else pending while anyone may still answer, or when it
    reached nobody yet; else declined when anyone declined (nobody is coming: the rest
    cancelled); user_cancelled only when every request was cancelled. A state PagerDuty may
    add later counts as no answer yet."""
    if "joined" in states:
        return "joined"
    if not states or any(s not in ("declined", "user_cancelled") for s in states):
        return "pending"
    return "declined" if "declined" in states else "user_cancelled"


def parse_responders(raw: dict[str, Any]) -> tuple[tuple[str, str], ...]:
    """Who was asked to join and their answer, keyed by the target asked: (user id, state)
    for a user, (escalation policy id, state) for a policy, so a contact maps by the id it
    names whichever it is. Users come from ``incidents_responders``; policies from
    ``responder_requests[].responder_request_targets[]``, each target read as PagerDuty
    sends it (wrapped in ``responder_request_target``, its people in
    ``incidents_responders``) or as the spec's schema has it (bare, ``incident_responders``)."""
    answers: dict[str, str] = {}
    for responder in _dicts(raw.get("incidents_responders")):
        user = responder.get("user")
        if isinstance(user, dict) and isinstance(user.get("id"), str) and user["id"]:
            answers[user["id"]] = _text(responder.get("state"), "pending")
    asked_policies: dict[str, list[str]] = {}
    for request in _dicts(raw.get("responder_requests")):
        for entry in _dicts(request.get("responder_request_targets")):
            wrapped = entry.get("responder_request_target")
            target = wrapped if isinstance(wrapped, dict) else entry
            target_id = target.get("id")
            if not isinstance(target_id, str) or not target_id:
                continue
            people = target.get("incidents_responders", target.get("incident_responders"))
            if target.get("type") in POLICY_TARGETS:
                asked_policies.setdefault(target_id, []).extend(_states(people))
            elif target.get("type") in USER_TARGETS and target_id not in answers:
                states = _states(people)
                answers[target_id] = states[-1] if states else "pending"
    for policy_id, states in asked_policies.items():
        answers[policy_id] = policy_state(states)
    return tuple(answers.items())


def parse_oncall(raw: Any) -> OnCallEntry | None:
    """One entry of GET /oncalls; None when it names no user or policy."""
    if not isinstance(raw, dict):
        return None
    user, policy = raw.get("user"), raw.get("escalation_policy")
    if not isinstance(user, dict) or not isinstance(policy, dict):
        return None
    if not isinstance(user.get("id"), str) or not isinstance(policy.get("id"), str):
        return None
    level = raw.get("escalation_level")
    name = user.get("summary") or user.get("name") or user["id"]
    return OnCallEntry(
        user_id=user["id"],
        user_name=clean_line(str(name)) or user["id"],
        policy_id=policy["id"],
        level=level if isinstance(level, int) and not isinstance(level, bool) else 1,
        start=parse_time(raw.get("start")),
        end=parse_time(raw.get("end")),
    )

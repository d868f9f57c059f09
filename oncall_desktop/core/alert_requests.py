"""What was asked of an incident's alert source (acknowledge, resolve) and what it answered.

For an incident that follows a page, the cockpit does not acknowledge or resolve on its own:
it asks the source (PagerDuty), and the local status moves only on the source's yes. The
question is stored before the call and the answer after it (``EventKind.ALERT_ASKED`` and
``ALERT_ANSWERED``), so every console, and this one after a crash, can tell a request still
waiting, one refused (and why), and one that was never answered.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from oncall_desktop.core.incident import EventKind, Incident, Status, TimelineEvent
from oncall_desktop.core.messages import UserMessage, message_from_json


class AlertAction(StrEnum):
    ACKNOWLEDGE = "acknowledge"
    RESOLVE = "resolve"


class RequestState(StrEnum):
    WAITING = "waiting"  # asked, no answer yet (in flight, or the app stopped before it came)
    REFUSED = "refused"  # the source said no, or could not be reached
    DONE = "done"  # the source said yes


@dataclass(frozen=True)
class AlertRequest:
    action: AlertAction
    asked_at: datetime
    asked_by: str
    state: RequestState
    reason: str = ""  # why not, when refused (English)
    note: str = ""  # the resolution typed, kept for a retry
    reason_message: UserMessage | None = None  # the same, to be said in the UI's language


def answer_reason(answer: TimelineEvent) -> UserMessage:
    """Why the source said no, as a message: the one stored with the answer, or (an answer
    recorded before messages were kept) its text as it was."""
    text = str(answer.data.get("reason", ""))
    return message_from_json(
        answer.data.get("reason_message"), UserMessage("{text}", (("text", text),))
    )


def last_request(incident: Incident, action: AlertAction) -> AlertRequest | None:
    """The latest time ``action`` was asked of the source, with its answer if one came."""
    asked = None
    answer = None
    for event in incident.timeline:
        if event.data.get("action") != action.value:
            continue
        if event.kind is EventKind.ALERT_ASKED:
            asked, answer = event, None
        elif event.kind is EventKind.ALERT_ANSWERED and asked is not None:
            answer = event
    if asked is None:
        return None
    message = None
    if answer is None:
        state, reason = RequestState.WAITING, ""
    elif answer.data.get("ok"):
        state, reason = RequestState.DONE, ""
    else:
        state, reason = RequestState.REFUSED, str(answer.data.get("reason", ""))
        message = answer_reason(answer)
    return AlertRequest(
        action, asked.at, asked.actor, state, reason, str(asked.data.get("note", "")), message
    )


def outstanding(incident: Incident) -> list[AlertRequest]:
    """Requests the engineer must hear about: waiting or refused, and not since made moot
    (the page acknowledged or resolved in the source some other way)."""
    if incident.alert is None:
        return []
    found = []
    for action in AlertAction:
        request = last_request(incident, action)
        if request is None or request.state is RequestState.DONE:
            continue
        if action is AlertAction.ACKNOWLEDGE and incident.status is not Status.TRIGGERED:
            continue
        if action is AlertAction.RESOLVE and source_confirmed(incident, Status.RESOLVED):
            continue
        found.append(request)
    return found


def source_confirmed(incident: Incident, to: Status) -> bool:
    """Whether the latest move to ``to`` was confirmed by the alert source (True too for an
    incident declared here, which has no source to confirm it). A resolution made here only
    is confirmed later when the source resolves it too (asked from here, or by the team that
    kept the page)."""
    if incident.alert is None:
        return True
    moves = [e for e in incident.events(EventKind.STATUS_CHANGED) if e.data.get("to") == to.value]
    if not moves:
        return False
    if moves[-1].data.get("confirmed_by"):
        return True
    return to is Status.RESOLVED and resolved_later(incident) is not None


def resolved_later(incident: Incident) -> TimelineEvent | None:
    """The source's word that it resolved the page after the incident was resolved here only:
    the answer to a resolve asked afterwards, or the page seen resolved there."""
    moves = [
        e
        for e in incident.events(EventKind.STATUS_CHANGED)
        if e.data.get("to") == Status.RESOLVED.value
    ]
    if not moves:
        return None
    after = [
        e
        for e in incident.events(EventKind.ALERT_ANSWERED)
        if e.data.get("action") == AlertAction.RESOLVE.value
        and e.data.get("ok")
        and e.at >= moves[-1].at
    ]
    return after[0] if after else None

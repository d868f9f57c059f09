"""Terminal commands to the running console, for an engineer who lives in a shell during an
incident:

    oncall-desktop status            open incidents, their next deadlines, refused updates
    oncall-desktop note "…"          a note in the open incident's timeline
    oncall-desktop ack               acknowledge the page (or incident) waiting for it

Each is one JSON request over the single-instance socket; the running app answers when the
work is done (the note stored, PagerDuty's answer in). With several candidates and no
``--incident N`` nothing is guessed: the answer lists them.
"""

from __future__ import annotations

import contextlib
import json
import logging
import unicodedata
from collections.abc import Mapping
from datetime import datetime
from typing import TYPE_CHECKING

from oncall_desktop.core.alert_requests import RequestState, outstanding
from oncall_desktop.core.deadlines import open_deadlines
from oncall_desktop.core.destinations import destination
from oncall_desktop.core.incident import MAX_NOTE_LENGTH, Incident, Status
from oncall_desktop.core.messages import UserMessage
from oncall_desktop.core.outbox import Post
from oncall_desktop.core.paging import Page
from oncall_desktop.core.policy import Audience
from oncall_desktop.core.updates import refused_updates
from oncall_desktop.integrations.sources import source_name
from oncall_desktop.services.messages import shown
from oncall_desktop.services.poller import PollState

if TYPE_CHECKING:
    from oncall_desktop.app.facilities import CommandContext
    from oncall_desktop.app.single_instance import Json, Reply
    from oncall_desktop.services.incidents import IncidentService

log = logging.getLogger(__name__)

# How long `ack` waits for PagerDuty before saying it is not answering (the terminal waits 20 s).
PAGERDUTY_ANSWER_WITHIN_S = 12.0
MAX_NOTE = MAX_NOTE_LENGTH

COMMANDS = ("status", "note", "ack")
STILL_OPENING = "the database is still opening; try again"


class CommandHandler:
    """Answers from the start (a command may come before the database is open: it says so)."""

    def __init__(self, context: CommandContext) -> None:
        self.context = context

    def handle(self, request: Json, reply: Reply) -> None:
        command = request.get("command")
        log.info("terminal command: %s", str(command)[:40])
        incident = request.get("incident")
        if incident is not None and (isinstance(incident, bool) or not isinstance(incident, int)):
            # JSON true is not incident 1
            reply({"ok": False, "error": "--incident must be an incident number"})
            return
        text = request.get("text", "")
        if command == "note" and len(str(text)) > MAX_NOTE:
            reply({"ok": False, "error": f"a note is at most {MAX_NOTE} characters"})
            return
        try:
            if command == "status":
                self.status_then(reply)
            elif command == "note":
                self.note(str(request.get("text", "")), request.get("incident"), reply)
            elif command == "ack":
                self.ack(request.get("incident"), reply)
            elif command == "postmortem" and isinstance(incident, int):
                self.context.open_postmortem(incident)
                reply({"ok": True})
            else:
                self.context.window.bring_forward()
                reply({"ok": True})
        except Exception:
            log.exception("terminal command %s failed", command)
            reply({"ok": False, "error": "the command failed; see the app's log"})

    # --- status ---------------------------------------------------------------------------------

    def status_then(self, reply: Reply) -> None:
        """The status, once the open incidents' posts are read (off the GUI thread): an
        update its audience's own destination refused is said with that audience's deadline,
        as the cockpit's clock line says it. Without them when they cannot be read."""
        incidents, outbox = self._listed_incidents(), self.context.outbox
        ids = [i.id for i in incidents.active if i.id is not None] if incidents else []
        if outbox is None or not ids:
            reply(self.status())
            return

        def loaded(posts: dict[int, list[Post]]) -> None:
            try:
                reply(self.status(posts))
            except Exception:
                log.exception("terminal command status failed")
                reply({"ok": False, "error": "the command failed; see the app's log"})

        def unread(error: Exception) -> None:
            log.warning("status: the outbox could not be read (%s)", error)
            reply(self.status())

        outbox.posts_of(ids, loaded, unread)

    def status(self, posts: Mapping[int, list[Post]] | None = None) -> Json:
        """``posts``: each open incident's, to say the updates refused (None: not read)."""
        incidents = self._listed_incidents()
        if incidents is None:
            return {"ok": False, "error": STILL_OPENING}
        now = self.context.clock.now()
        policy = self.context.policy
        out = []
        for incident in incidents.active:
            deadlines = open_deadlines(incident, policy, self.context.dues(incident))
            refused = refused_updates(incident, (posts or {}).get(incident.id or -1, []))
            # the next three, and any update refused (said whenever it falls due)
            listed = deadlines[:3] + [d for d in deadlines[3:] if d.label in refused]
            out.append(
                {
                    "id": incident.id,
                    "severity": incident.severity.value,
                    "status": incident.status.value,
                    "title": incident.title,
                    # its source refused an acknowledge or a resolve asked here: why (English)
                    "source_refused": {
                        request.action.value: english(request.reason_message or request.reason)
                        for request in outstanding(incident)
                        if request.state is RequestState.REFUSED
                    },
                    "deadlines": [
                        {
                            "what": self._label(d.label),
                            "due_at": d.due_at.isoformat(),
                            "seconds_left": int(d.remaining(now).total_seconds()),
                            "refused": _refusal(refused.get(d.label)),
                        }
                        for d in listed
                    ]
                    + [  # refused for an audience this severity owes no update: no due time
                        {
                            "what": self._label(audience),
                            "due_at": None,
                            "seconds_left": None,
                            "refused": _refusal(post),
                        }
                        for audience, post in refused.items()
                        if audience not in {d.label for d in deadlines}
                    ],
                }
            )
        by_alert = {i.alert.key: i.id for i in incidents.active if i.alert}
        pages = [
            {
                "id": p.id,
                "source": p.source,
                "title": p.title,
                "urgency": p.urgency,
                "status": p.status,
                "incident": by_alert.get(p.key),
                "acknowledge_refused": (
                    english(self.context.poller.refused[p.key])
                    if p.key in self.context.poller.refused
                    else None
                ),
            }
            for p in self.context.poller.pages
        ]
        return {
            "ok": True,
            # what each alert source last said: pages from one that has not answered may be
            # missing, and the terminal says so rather than "no open incident"
            "sources": [
                {
                    "source": status.source,
                    "name": source_name(status.source),
                    "state": status.state.value,
                    "message": english(status.message),
                    "last_read": status.last_success.isoformat() if status.last_success else None,
                }
                for status in self.context.poller.statuses
                if status.state is not PollState.NOT_CONFIGURED
            ],
            "incidents": out,
            # every page assigned to me, acknowledged ones too: one acknowledged from the
            # notification and not opened yet must not vanish from every list
            "pages": pages,
            "pages_to_acknowledge": [p for p in pages if p["status"] == "triggered"],
            "pages_without_incident": [p["id"] for p in pages if p["incident"] is None],
        }

    def _listed_incidents(self) -> IncidentService | None:
        """The incidents, once read from the database: before that, "none open" would be false."""
        incidents = self.context.incidents
        return incidents if incidents is not None and incidents.listed else None

    def _label(self, label: str) -> str:
        if label in ("acknowledge", "resolve"):
            return f"{label} SLA"
        try:
            cadence = self.context.policy.cadence[Audience(label)]
        except ValueError:
            return label
        return f"update: {cadence.name.get('en')}"  # the terminal's words are English

    # --- note -----------------------------------------------------------------------------------

    def _target(self, incident_id: object, candidates: list[Incident]) -> Incident | str:
        if isinstance(incident_id, int):
            for incident in candidates:
                if incident.id == incident_id:
                    return incident
            return f"no open incident {incident_id}"
        if len(candidates) == 1:
            return candidates[0]
        if not candidates:
            return "no open incident"
        listing = "; ".join(f"{i.id}: {i.severity.value} {i.title}" for i in candidates)
        return f"several open incidents, say which with --incident N ({listing})"

    def note(self, text: str, incident_id: object, reply: Reply) -> None:
        incidents = self._listed_incidents()
        if incidents is None:
            reply({"ok": False, "error": STILL_OPENING})
            return
        if not text.strip():
            reply({"ok": False, "error": "an empty note adds nothing"})
            return
        target = self._target(incident_id, incidents.active)
        if isinstance(target, str):
            reply({"ok": False, "error": target})
            return

        def done(incident: Incident | None, problem: str) -> None:
            if incident is None:
                reply({"ok": False, "error": problem})
            else:
                reply({"ok": True, "incident": incident.id, "title": incident.title})

        incidents.change(
            target.id or -1,
            lambda i, now, who: i.add_note(text, at=now, actor=who, source="terminal"),
            then=done,
        )

    # --- ack ------------------------------------------------------------------------------------

    def ack(self, incident_id: object, reply: Reply) -> None:
        """The page waiting for an acknowledgement (PagerDuty, signed with your email), or else
        the local incident still triggered."""
        poller, incidents = self.context.poller, self._listed_incidents()
        pages = [p for p in poller.pages if p.is_triggered]
        if incidents is None:
            # the page that woke you is acknowledged in its source without the database (a
            # team database may take seconds to open); anything else waits for the incidents
            if len(pages) == 1 and not isinstance(incident_id, int):
                self._ack_page(pages[0], reply)
            else:
                reply({"ok": False, "error": STILL_OPENING})
            return
        local = [i for i in incidents.active if i.status is Status.TRIGGERED]
        if isinstance(incident_id, int):
            chosen = [i for i in local if i.id == incident_id]
            linked = {i.alert.key for i in chosen if i.alert}
            pages = [p for p in pages if p.key in linked]
            local = chosen
        if len(pages) == 1 and (not local or local[0].alert == pages[0].link):
            self._ack_page(pages[0], reply)
            return
        if len(pages) > 1:
            listing = "; ".join(f"{p.id}: {p.title}" for p in pages)
            reply({"ok": False, "error": f"several pages to acknowledge: {listing}"})
            return
        target = self._target(incident_id, local)
        if isinstance(target, str):
            reply({"ok": False, "error": target.replace("open", "unacknowledged")})
            return
        followed = poller.page(target.alert.key) if target.alert else None
        if followed is not None:
            self._ack_page(followed, reply)
            return
        actions = self.context.alert_actions
        assert actions is not None

        def done(incident: Incident | None, problem: str) -> None:
            if incident is None:
                reply({"ok": False, "error": problem})
            else:
                reply({"ok": True, "incident": incident.id, "title": incident.title})

        # a page's incident is acknowledged in its source first (the reply says if it refused)
        actions.acknowledge(target, then=done)

    def _ack_page(self, page: Page, reply: Reply) -> None:
        from PySide6.QtCore import QTimer

        poller = self.context.poller
        finished: list[bool] = []

        def finish(answer: Json) -> None:
            if finished:
                return
            finished.append(True)
            for signal, slot in (
                (poller.acknowledged, acknowledged),
                (poller.acknowledge_failed, refused),
            ):
                with contextlib.suppress(RuntimeError, TypeError):  # already disconnected
                    signal.disconnect(slot)
            reply(answer)

        def acknowledged(done: Page) -> None:
            if done.key == page.key:
                finish({"ok": True, "page": page.id, "title": page.title})

        def refused(key: str, why: object) -> None:
            if key == page.key:
                finish({"ok": False, "error": english(why)})

        poller.acknowledged.connect(acknowledged)
        poller.acknowledge_failed.connect(refused)
        poller.acknowledge(page.key)
        # The terminal waits 20 s: a hung PagerDuty is reported as such before then, not taken
        # for an app that is not running. The app keeps trying; its window shows the outcome.
        QTimer.singleShot(
            int(PAGERDUTY_ANSWER_WITHIN_S * 1000),
            lambda: finish(
                {
                    "ok": False,
                    "error": "PagerDuty is not answering; the app is still trying to "
                    "acknowledge (see its window)",
                }
            ),
        )


def _refusal(post: Post | None) -> Json | None:
    """An update refused for good by its audience's own destination (Slack's
    channel_not_found for the team), as ``status`` answers it; None when there is none."""
    if post is None:
        return None
    problem = post.problem
    code = dict(problem.values).get("code") if isinstance(problem, UserMessage) else None
    return {
        "post": post.id,
        "destination": str(post.target),
        "by": destination(str(post.target)).name.get("en"),  # the terminal's words are English
        "why": str(code) if code else english(problem) or "?",  # the service's code, else why
    }


def english(problem: object) -> str:
    """A problem as the terminal says it: in English whatever the UI's language (a message
    rendered from its template, not translated), other text as it is."""
    message = problem if isinstance(problem, UserMessage) else getattr(problem, "message", None)
    return str(message) if isinstance(message, UserMessage) else shown(problem)


# --- the terminal side --------------------------------------------------------------------------


def terminal_safe(value: object) -> str:
    """Text from outside (PagerDuty titles, notes) made harmless for a terminal: control and
    format characters (ESC and its screen-clearing, title-setting or clipboard-writing
    sequences, C1 controls, newlines that would forge lines, bidirectional overrides) and
    lone surrogates are shown as visible escapes, never sent raw."""
    return "".join(_visible(ch) for ch in str(value))


def _visible(ch: str) -> str:
    if unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Zl", "Zp"):
        code = ord(ch)
        return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"
    return ch


def terminal_safe_json(answer: object) -> str:
    """``--json`` output: valid JSON in which no character can act on the terminal."""
    text = json.dumps(answer, ensure_ascii=False, indent=2)
    return "".join(
        f"\\u{ord(ch):04x}"
        if unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Zl", "Zp") and ch not in "\n"
        else ch
        for ch in text
    )


def _objects(value: object) -> list[dict[str, object]]:
    """The JSON objects of an answer's list (anything else in it is not shown)."""
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []


def format_status(answer: Json, now: datetime) -> str:
    safe = terminal_safe
    lines = []
    pages = _objects(answer.get("pages", answer.get("pages_to_acknowledge", [])))
    for page in pages:
        if page.get("incident") is not None:
            continue  # shown with its incident below
        waiting = page.get("status", "triggered") == "triggered"
        refused = page.get("acknowledge_refused")
        if waiting and refused:  # asked from here, refused: it keeps escalating
            state = f"  (acknowledge refused: {safe(refused)})"
        else:
            state = "  (ack!)" if waiting else "  (acknowledged, not opened)"
        lines.append(
            f"PAGE {safe(page.get('id'))}  {safe(page.get('urgency'))}-urgency  "
            f"{safe(page.get('title'))}{state}"
        )
    incidents = _objects(answer.get("incidents", []))
    unsure = [_source_line(source, now) for source in _objects(answer.get("sources", []))]
    unsure = [line for line in unsure if line]
    if not incidents and not lines:
        return "\n".join(["No open incident.", *unsure])
    lines[:0] = unsure
    for incident in incidents:
        lines.append(
            f"#{safe(incident.get('id')):<5} {safe(incident.get('severity'))}  "
            f"{safe(incident.get('status')):<13} {safe(incident.get('title'))}"
        )
        asked = incident.get("source_refused")
        for action, why in asked.items() if isinstance(asked, dict) else ():
            lines.append(f"       {safe(action)} refused: {safe(why)}")
        for deadline in _objects(incident.get("deadlines", [])):
            seconds = deadline.get("seconds_left")
            what, refused = safe(deadline.get("what")), deadline.get("refused")
            if isinstance(refused, dict):
                by, why = safe(refused.get("by")), safe(refused.get("why"))
                if by and why.startswith(by):  # "Slack refused the request (403).": said once
                    said = f"       next: {what}: {why.rstrip('.')}: update not sent"
                else:
                    said = f"       next: {what}: {by} refused the update ({why}): not sent"
                if seconds is None:  # not owed at this severity: no due time
                    lines.append(said)
                    continue
            left = int(seconds) if isinstance(seconds, int | float | str) else 0
            sign, left = ("-" if left < 0 else ""), abs(left)
            hours, rest = divmod(left, 3600)
            clock = f"{sign}{hours}:{rest // 60:02d}:{rest % 60:02d}"
            late = "  LATE" if sign else ""
            if isinstance(refused, dict):  # the audience never got it: not sent, then when due
                lines.append(f"{said}, due in {clock}{late}")
            else:
                lines.append(f"       next: {what} in {clock}{late}")
    return "\n".join(lines)


def _source_line(source: dict[str, object], now: datetime) -> str:
    """A line for an alert source whose pages may be missing from the list, or ""."""
    state, name = source.get("state"), terminal_safe(source.get("name", "?"))
    if state == PollState.OK.value:
        return ""
    last_read = source.get("last_read")
    if isinstance(last_read, str) and last_read:
        read = datetime.fromisoformat(last_read)
        minutes = max(0, int((now - read).total_seconds() // 60))
        since = f"last read {minutes} min ago"
    else:
        since = "not read yet" if state == PollState.CONNECTING.value else "never read"
    why = terminal_safe(source.get("message") or state)
    return f"{name}: {since} ({why}): its pages may be missing here"

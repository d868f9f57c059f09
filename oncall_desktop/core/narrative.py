"""Plain-language lines for timeline events, shared by the window and the messages."""

from __future__ import annotations

from collections.abc import Callable

from oncall_desktop.core.alert_requests import answer_reason
from oncall_desktop.core.capabilities import source_name
from oncall_desktop.core.destinations import destination
from oncall_desktop.core.incident import EventKind, TimelineEvent
from oncall_desktop.core.messages import UserMessage
from oncall_desktop.core.policy import Policy

# The lines' wording in both languages of the SOP; the step, audience and contact names inside
# them come from the SOP data, what people typed is kept as typed.
PHRASES: dict[str, dict[str, str]] = {
    "declared": {"en": "Declared {severity}: {title}", "fr": "Déclaré {severity} : {title}"},
    "status": {"en": "Status {previous} → {to}", "fr": "Statut {previous} → {to}"},
    # the clocks of the new severity start at the change (README, "SLAs across a severity
    # change"): the timeline says so where it happens
    "severity": {
        "en": "Severity {previous} → {to}: {reason} ({to} clocks run from here)",
        "fr": "Sévérité {previous} → {to} : {reason} (horloges {to} à partir d’ici)",
    },
    "done": {"en": "Done: {step} {text}", "fr": "Fait : {step} {text}"},
    "undone": {"en": "Undone: {step} {text}", "fr": "Annulé : {step} {text}"},
    "update": {"en": "Update sent: {name}", "fr": "Mise à jour envoyée : {name}"},
    "snoozed": {
        "en": "Reminder snoozed ({audience}) until {until}: {reason}",
        "fr": "Rappel mis en pause ({audience}) jusqu’à {until} : {reason}",
    },
    "contact": {"en": "Escalation: {contact} notified", "fr": "Escalade : {contact} prévenu"},
    "contact_via": {  # through the page's source (its responder request): its name
        "en": "Escalation: {contact} asked to join in {source}",
        "fr": "Escalade : {contact} appelé à rejoindre dans {source}",
    },
    "posted": {"en": "Posted to {name}", "fr": "Publié sur {name}"},
    # the text of an audience delivered where that audience does not read (core.updates)
    "copy": {
        "en": "Copy of the update for {audience} posted to {name} (not its update)",
        "fr": "Copie de la mise à jour « {audience} » publiée sur {name} (pas sa mise à jour)",
    },
    "services": {
        "en": "Status page, affected services: {names}",
        "fr": "Page de statut, services touchés : {names}",
    },
    "role": {"en": "{person} takes the role: {role}", "fr": "{person} prend le rôle : {role}"},
    "asked_acknowledge": {
        "en": "Asked {source} to acknowledge",
        "fr": "Acquittement demandé à {source}",
    },
    "asked_resolve": {"en": "Asked {source} to resolve", "fr": "Résolution demandée à {source}"},
    "done_acknowledge": {"en": "{source}: acknowledged", "fr": "{source} : acquitté"},
    "done_resolve": {"en": "{source}: resolved", "fr": "{source} : résolu"},
    "refused_acknowledge": {
        "en": "{source} did not acknowledge: {reason}",
        "fr": "{source} n’a pas acquitté : {reason}",
    },
    "refused_resolve": {
        "en": "{source} did not resolve: {reason}",
        "fr": "{source} n’a pas résolu : {reason}",
    },
    "by_hand": {"en": "marked by hand", "fr": "marqué à la main"},
    "by_mail": {"en": "by mail", "fr": "par courriel"},
    "provisional": {
        "en": "provisional, from a {urgency}-urgency PagerDuty page",
        "fr": "provisoire, d’après une alerte PagerDuty d’urgence {urgency}",
    },
}
URGENCY_NAMES = {"fr": {"high": "haute", "low": "basse"}}
ROLE_NAMES = {
    "responder": {"en": "on-call responder", "fr": "intervenant d’astreinte"},
    "communication": {"en": "communication", "fr": "communication"},
    "escalation": {"en": "escalation", "fr": "escalade"},
}
STATUS_NAMES = {
    "fr": {
        "triggered": "déclenché",
        "acknowledged": "acquitté",
        "investigating": "en investigation",
        "mitigating": "en atténuation",
        "resolved": "résolu",
        "closed": "clos",
    }
}


def _channel(channel: str, language: str) -> str:
    """How an update went, in words: a destination's name, or "marked by hand"."""
    if channel == "marked by hand":  # what Mark sent records
        return _say("by_hand", language)
    if channel == "mail":  # the executive summary, confirmed sent from the mail client
        return _say("by_mail", language)
    return destination(channel).name.get(language)


def _say(key: str, language: str, **values: object) -> str:
    phrases = PHRASES[key]
    return phrases.get(language, phrases["en"]).format(**{k: str(v) for k, v in values.items()})


def status_name(status: object, language: str) -> str:
    """An incident status as people read it (the core's values are English ids)."""
    return STATUS_NAMES.get(language, {}).get(str(status), str(status))


def describe(
    event: TimelineEvent,
    policy: Policy,
    language: str,
    show: Callable[[UserMessage], str] = str,
) -> str:
    """One line for an event, in ``language``; names come from the SOP data. ``show`` says a
    stored message (a source's refusal) in that language: the UI passes its translator
    (services/messages.shown); the default is the message's English."""
    data = event.data
    if event.kind is EventKind.DECLARED:
        reason = f" — {data['reason']}" if data.get("reason") else ""
        if data.get("provisional_from_urgency"):
            urgency = str(data["provisional_from_urgency"])
            urgency = URGENCY_NAMES.get(language, {}).get(urgency, urgency)
            reason = " — " + _say("provisional", language, urgency=urgency)
        return (
            _say("declared", language, severity=data.get("severity"), title=data.get("title"))
            + reason
        )
    if event.kind is EventKind.STATUS_CHANGED:
        note = f" ({data['note']})" if data.get("note") else ""
        previous = status_name(data.get("previous"), language)
        to = status_name(data.get("to"), language)
        return _say("status", language, previous=previous, to=to) + note
    if event.kind is EventKind.SEVERITY_CHANGED:
        return _say(
            "severity",
            language,
            previous=data.get("previous"),
            to=data.get("to"),
            reason=data.get("reason"),
        )
    if event.kind in (EventKind.STEP_DONE, EventKind.STEP_UNDONE):
        step_id = str(data.get("step"))
        text = next(
            (s.text.get(language) for p in policy.phases for s in p.steps if s.id == step_id), ""
        )
        key = "done" if event.kind is EventKind.STEP_DONE else "undone"
        note = f" — {data['note']}" if data.get("note") else ""
        return _say(key, language, step=step_id, text=text) + note
    if event.kind is EventKind.NOTE:
        if data.get("posted_to"):
            name = destination(str(data["posted_to"])).name.get(language)
            if data.get("copy_of"):
                audience = _audience_name(str(data["copy_of"]), policy, language)
                return _say("copy", language, name=name, audience=audience)
            return _say("posted", language, name=name)
        if isinstance(data.get("status_page_services"), list):  # the incident's choice
            names = data.get("status_page_service_names")
            listed = ", ".join(str(n) for n in names) if isinstance(names, list) else ""
            return _say("services", language, names=listed or "—")
        return str(data.get("text", ""))
    if event.kind is EventKind.UPDATE_SENT:
        name = _audience_name(str(data.get("audience")), policy, language)
        via = f" ({_channel(str(data['channel']), language)})" if data.get("channel") else ""
        link = f" {data['link']}" if data.get("link") else ""
        return _say("update", language, name=name) + via + link
    if event.kind is EventKind.REMINDER_SNOOZED:
        return _say(
            "snoozed",
            language,
            audience=data.get("audience"),
            until=data.get("until"),
            reason=data.get("reason"),
        )
    if event.kind is EventKind.CONTACT_NOTIFIED:
        if data.get("via"):  # the source's id: named as it registered
            source = source_name(str(data["via"]))
            return _say("contact_via", language, contact=data.get("contact"), source=source)
        return _say("contact", language, contact=data.get("contact"))
    if event.kind in (EventKind.ALERT_ASKED, EventKind.ALERT_ANSWERED):
        return _alert_request(event, language, show)
    if event.kind is EventKind.ROLE_TAKEN:
        role = ROLE_NAMES.get(str(data.get("role")), {}).get(language, str(data.get("role")))
        return _say("role", language, person=data.get("person"), role=role)
    return event.kind.value


def _audience_name(audience: str, policy: Policy, language: str) -> str:
    return next(
        (c.name.get(language) for a, c in policy.cadence.items() if a.value == audience),
        audience,
    )


def _alert_request(event: TimelineEvent, language: str, show: Callable[[UserMessage], str]) -> str:
    data = event.data
    action = "resolve" if data.get("action") == "resolve" else "acknowledge"
    source = str(data.get("name") or data.get("source") or "")
    if event.kind is EventKind.ALERT_ASKED:
        return _say(f"asked_{action}", language, source=source)
    outcome = "done" if data.get("ok") else "refused"
    reason = show(answer_reason(event)) if not data.get("ok") else ""
    return _say(f"{outcome}_{action}", language, source=source, reason=reason)

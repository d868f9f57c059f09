"""Prometheus Alertmanager (API v2) as an alert source: its firing alerts for the configured
receiver and matchers are pages; *Acknowledge* silences the alert, *Resolve* expires that
silence, and an alert that stops firing follows as resolved.

Alertmanager has no users, no on-call rotation, no responder requests and no status updates:
``whoami`` is the engineer named in Settings, and what it cannot do is not offered (no
Escalates, no Declares; ``oncall_shifts`` refuses). Registers itself (``integrations.sources``)
when imported; its JSON is read in alertmanager_payloads. Every call is blocking: run it on a
worker.

The silence an acknowledgement creates lasts the SOP's resolve SLA for the severity the page is
proposed (the app hands it over in the options, ``sources.RESOLVE_SLA``), so an alert still
firing when the SLA runs out pages again; it names the engineer (``createdBy``) and carries our
tag (``[oncall-desktop alert <fingerprint>]``), by which *Resolve* finds the silences to expire.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from oncall_desktop.core.handoff import OnCallEntry
from oncall_desktop.core.messages import QT_TR_NOOP
from oncall_desktop.core.paging import Page
from oncall_desktop.core.plaintext import clean_line
from oncall_desktop.integrations.alertmanager_payloads import (
    SOURCE,
    api_time,
    parse_alert,
    parse_matchers,
    parse_time,
    string_list,
    string_map,
)
from oncall_desktop.integrations.errors import (
    BadPayload,
    Forbidden,
    NotFound,
    Refused,
    TokenRejected,
)
from oncall_desktop.integrations.http import (
    DEFAULT_TIMEOUT,
    Answers,
    json_of,
    make_session,
    normalise_base_url,
    send,
)
from oncall_desktop.integrations.secrets import SecretStore
from oncall_desktop.integrations.sources import (
    RESOLVE_SLA,
    Me,
    NotConfigured,
    Options,
    SourceKind,
    register_source,
)

if TYPE_CHECKING:  # imported by the worker making the first call, not at start-up
    import requests

log = logging.getLogger(__name__)

NAME = "Alertmanager"
ALERTMANAGER_TOKEN = "alertmanager-bearer-token"  # the keyring's names for its secrets
ALERTMANAGER_PASSWORD = "alertmanager-password"  # basic auth, with the user from Settings
# When the app has not handed the SOP's resolve SLA over (a tool, a test): the silence's length
FALLBACK_SILENCE = timedelta(hours=2)
TAG = "[oncall-desktop alert {fingerprint}]"  # in our silences' comment: how resolve finds them


def _detail(response: requests.Response) -> str:
    """Alertmanager's error text: a JSON string ("silence not found") or its error object."""
    try:
        body = response.json()
    except (ValueError, RecursionError):
        return ""
    if isinstance(body, dict):
        body = body.get("message") or body.get("error") or ""
    return clean_line(body, 300) if isinstance(body, str) else ""


# What Alertmanager's answers mean, in its words (integrations/http.py reads every answer)
ANSWERS = Answers(
    timed_out=QT_TR_NOOP("Alertmanager at {url} did not answer in time."),
    unreachable=QT_TR_NOOP("Alertmanager at {url} cannot be reached ({reason})."),
    statuses={
        401: (
            TokenRejected,
            QT_TR_NOOP(
                "Alertmanager at {url} refused the credentials (401): check the user, "
                "password or bearer token in Settings."
            ),
        ),
        403: (Forbidden, QT_TR_NOOP("Alertmanager at {url} does not allow this (403).{detail}")),
        404: (
            NotFound,
            QT_TR_NOOP(
                "{url} has no {request} (404): is it the Alertmanager's address, with API v2?"
            ),
        ),
    },
    rate_limited=QT_TR_NOOP("Alertmanager is rate limiting us (429)."),
    rate_limited_for=QT_TR_NOOP("Alertmanager is rate limiting us (429) and asks to wait {s} s."),
    trouble=QT_TR_NOOP("Alertmanager is having trouble ({status}).{detail}"),
    refused=QT_TR_NOOP("Alertmanager refused {request} ({status}).{detail}"),
    not_json=QT_TR_NOOP(
        "Alertmanager answered {request} with something that is not JSON ({type}): "
        "is {url} the Alertmanager's address?"
    ),
    detail=_detail,
)


class AlertmanagerClient:
    """The few API v2 calls the app needs, on ``requests``, errors as integrations.errors."""

    def __init__(
        self,
        base_url: str,
        *,
        token: str = "",
        username: str = "",
        password: str = "",
        session: requests.Session | None = None,
        timeout: tuple[float, float] = DEFAULT_TIMEOUT,
    ) -> None:
        self.base_url = normalise_base_url(base_url)
        self._token = token
        self._basic = (username, password) if username else None
        self._session = session or make_session()
        self._timeout = timeout

    def _request(self, method: str, path: str, *, params: Any = None, json: Any = None) -> Any:
        headers = {"Accept": "application/json"}
        if self._token and self._basic is None:
            headers["Authorization"] = f"Bearer {self._token}"
        values = {"url": self.base_url, "request": f"{method} {path}"}
        response = send(
            self._session,
            method,
            self.base_url + path,
            ANSWERS,
            timeout=self._timeout,
            values=values,
            params=params,
            json=json,
            headers=headers,
            auth=self._basic,
        )
        if method == "DELETE":
            return None
        return json_of(response, ANSWERS, **values)

    def _list(self, path: str, params: Any = None) -> list[dict[str, Any]]:
        body = self._request("GET", path, params=params)
        if not isinstance(body, list):
            raise BadPayload(
                QT_TR_NOOP("Alertmanager's answer to {path} is not a list.").format(path=path)
            )
        return [item for item in body if isinstance(item, dict)]

    def status(self) -> dict[str, Any]:
        body = self._request("GET", "/api/v2/status")
        if not isinstance(body, dict):
            raise BadPayload(QT_TR_NOOP("Alertmanager's status is not an object."))
        return body

    def alerts(self, matchers: list[str], receiver: str = "") -> list[dict[str, Any]]:
        """Every alert that fires (silenced and inhibited ones too), of these matchers."""
        params: dict[str, Any] = {"active": "true", "silenced": "true", "inhibited": "true"}
        if matchers:
            params["filter"] = matchers
        if receiver:
            params["receiver"] = receiver
        return self._list("/api/v2/alerts", params)

    def silences(self) -> list[dict[str, Any]]:
        return self._list("/api/v2/silences")

    def create_silence(self, silence: dict[str, Any]) -> str:
        body = self._request("POST", "/api/v2/silences", json=silence)
        silence_id = body.get("silenceID") if isinstance(body, dict) else None
        if not isinstance(silence_id, str) or not silence_id:
            raise BadPayload(QT_TR_NOOP("Alertmanager's answer has no silence id in it."))
        return silence_id

    def expire_silence(self, silence_id: str) -> None:
        self._request("DELETE", f"/api/v2/silence/{quote(silence_id, safe='')}")


class AlertmanagerSource:
    """Alertmanager behind the AlertSource protocol (and nothing more)."""

    def __init__(
        self,
        client: AlertmanagerClient,
        engineer: str,
        matchers: list[str],
        receiver: str = "",
        silence_for: Callable[[str], timedelta] = lambda urgency: FALLBACK_SILENCE,
        now: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self.client = client
        self.engineer = engineer
        self.matchers = matchers
        self.receiver = receiver
        self.silence_for = silence_for  # urgency -> how long an acknowledgement silences
        self._now = now
        self._seen: dict[str, Page] = {}  # the last we saw of each alert, to name it resolved

    def whoami(self) -> Me:
        return Me(id=self.engineer, name=self.engineer, email="")

    # --- reading ---------------------------------------------------------------------------------

    def _firing(self) -> dict[str, tuple[Page, dict[str, Any]]]:
        """Every alert of my receiver and matchers that fires, as (page, raw), by fingerprint."""
        raws = self.client.alerts(self.matchers, self.receiver)
        silenced = any(string_list(r.get("status"), "silencedBy") for r in raws)
        started = self._silence_starts() if silenced else {}
        found = {}
        for raw in raws:
            page = parse_alert(raw, self.client.base_url, started)
            if page is None:
                log.warning("ignored an alert without a fingerprint in Alertmanager's answer")
                continue
            found[page.id] = (page, raw)
            self._seen[page.id] = page
        return found

    def _silence_starts(self) -> dict[str, datetime]:
        return {
            s["id"]: start
            for s in self.client.silences()
            if isinstance(s.get("id"), str) and (start := parse_time(s.get("startsAt"))) is not None
        }

    def open_alerts(self, me: Me) -> list[Page]:
        """Every alert that fires for my receiver and matchers, but those Alertmanager itself
        holds back because another alert inhibits them (it does not notify for those)."""
        return [
            page
            for page, raw in self._firing().values()
            if page.status == "acknowledged" or not string_list(raw.get("status"), "inhibitedBy")
        ]

    def alert(self, alert_id: str) -> Page:
        """As Alertmanager has it now; resolved once it no longer fires (Alertmanager keeps
        no resolved alert to ask about)."""
        firing = self._firing().get(alert_id)
        return firing[0] if firing is not None else self._resolved(alert_id)

    def _resolved(self, alert_id: str) -> Page:
        last = self._seen.get(alert_id)
        if last is not None:
            return replace(last, status="resolved")
        return Page(
            alert_id,
            None,
            f"Alert {alert_id}",
            "resolved",
            "low",
            "",
            None,
            "",
            None,
            source=SOURCE,
        )

    # --- acting ----------------------------------------------------------------------------------

    def _ours(self, alert_id: str) -> list[str]:
        """Our silences for this alert that still hold (active, or pending)."""
        tag = TAG.format(fingerprint=alert_id)
        return [
            s["id"]
            for s in self.client.silences()
            if isinstance(s.get("id"), str)
            and tag in str(s.get("comment", ""))
            and isinstance(s.get("status"), dict)
            and s["status"].get("state") in ("active", "pending")
        ]

    def acknowledge(self, alert_id: str, me: Me) -> Page:
        """A silence for exactly this alert (its labels, equal), signed by me, until the SOP's
        resolve SLA; a second acknowledge while ours holds creates none."""
        firing = self._firing().get(alert_id)
        if firing is None:
            raise NotFound(
                QT_TR_NOOP(
                    "Alertmanager no longer has this alert firing: it has resolved, there is "
                    "nothing to silence."
                )
            )
        page, raw = firing
        now = self._now()
        if self._ours(alert_id):
            return replace(page, status="acknowledged", acknowledged_at=page.acknowledged_at or now)
        labels = string_map(raw.get("labels"))
        self.client.create_silence(
            {
                "matchers": [
                    {"name": k, "value": v, "isRegex": False, "isEqual": True}
                    for k, v in sorted(labels.items())
                ],
                "startsAt": api_time(now),
                "endsAt": api_time(now + self.silence_for(page.urgency)),
                "createdBy": me.name or me.id or "oncall-desktop",
                "comment": f"Acknowledged in oncall-desktop by {me.name}: {page.title} "
                + TAG.format(fingerprint=alert_id),
            }
        )
        acknowledged = replace(page, status="acknowledged", acknowledged_at=now)
        self._seen[alert_id] = acknowledged
        return acknowledged

    def resolve(self, alert_id: str, me: Me, note: str = "") -> Page:
        """Expire our silences of this alert; the alert as Alertmanager has it then (resolved
        when it no longer fires; still open while Prometheus fires it: it pages again)."""
        for silence_id in self._ours(alert_id):
            self.client.expire_silence(silence_id)
        return self.alert(alert_id)

    def oncall_shifts(
        self,
        since: datetime,
        until: datetime,
        *,
        user_ids: list[str] | None = None,
        policy_ids: list[str] | None = None,
    ) -> list[OnCallEntry]:
        raise Refused(
            QT_TR_NOOP("Alertmanager has no on-call rotation: take it from the settings.")
        )


def _silence_for(options: Options) -> Callable[[str], timedelta]:
    slas = options.get(RESOLVE_SLA)
    by_urgency = slas if isinstance(slas, Mapping) else {}

    def silence_for(urgency: str) -> timedelta:
        sla = by_urgency.get(urgency)
        return sla if isinstance(sla, timedelta) and sla > timedelta(0) else FALLBACK_SILENCE

    return silence_for


def engineer(options: Options) -> str:
    """Who signs silences: the name in Settings (asked at the first start, or PagerDuty's),
    else the app itself: never the OS login, which is no one's name in the team."""
    name = options.get("engineer_name")
    return name.strip() if isinstance(name, str) and name.strip() else "oncall-desktop"


def client_for(options: Options, token: str | None, password: str | None) -> AlertmanagerClient:
    """A client from the settings and these secrets; NotConfigured when it cannot be made."""
    base_url = str(options.get("alertmanager_base_url") or "").strip()
    if not base_url:
        raise NotConfigured(QT_TR_NOOP("No Alertmanager address yet: add it in Settings."))
    username = str(options.get("alertmanager_username") or "").strip()
    try:
        return AlertmanagerClient(
            base_url, token=token or "", username=username, password=password or ""
        )
    except ValueError:
        raise NotConfigured(
            QT_TR_NOOP("The Alertmanager address must start with http:// or https://.")
        ) from None


def _matchers(options: Options) -> list[str]:
    try:
        return parse_matchers(str(options.get("alertmanager_matchers") or ""))
    except ValueError as error:
        raise NotConfigured(
            QT_TR_NOOP("The Alertmanager matchers cannot be read ({reason}).").format(
                reason=str(error)
            )
        ) from None


def connect(secrets: SecretStore, options: Options) -> AlertmanagerSource:
    """From the settings, and the password (with a user) or the bearer token in the keyring."""
    username = str(options.get("alertmanager_username") or "").strip()
    password = secrets.get(ALERTMANAGER_PASSWORD) if username else None
    token = None if username else secrets.get(ALERTMANAGER_TOKEN)
    client = client_for(options, token, password)
    return AlertmanagerSource(
        client,
        engineer(options),
        _matchers(options),
        str(options.get("alertmanager_receiver") or "").strip(),
        _silence_for(options),
    )


ALERTMANAGER = register_source(
    SourceKind(
        SOURCE,
        NAME,
        connect,
        enabled=lambda options: bool(options.get("alertmanager_enabled")),
        secrets=(ALERTMANAGER_TOKEN, ALERTMANAGER_PASSWORD),
        reads=(
            "alertmanager_base_url",
            "alertmanager_username",
            "alertmanager_receiver",
            "alertmanager_matchers",
            "engineer_name",
        ),
    )
)

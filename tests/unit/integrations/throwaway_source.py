"""A throwaway alert source, in one module: "Siren", a small HTTP API of alerts (issue 25,
item 3).

Everything the app needs of it is here: the client behind the AlertSource protocol, its kind
and capabilities (integrations.sources: it acknowledges and resolves, nothing more), and its
Settings section, its secret under its keyring name and its connection test
(integrations.declarations). Nothing else of the app names it: ``register()`` plugs it in,
``unregister()`` takes it out (a test's fixture).

Its API: ``GET /whoami`` → {"id", "name", "email"}; ``GET /alerts`` → [{"id", "title",
"urgency", "status", "service", "created_at"}]; ``POST /alerts/<id>/ack`` and ``/resolve`` →
the alert; every call with ``Authorization: Bearer <token>``.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from oncall_desktop.core.handoff import OnCallEntry
from oncall_desktop.core.messages import QT_TR_NOOP
from oncall_desktop.core.paging import Page
from oncall_desktop.integrations.declarations import (
    ConnectionCheck,
    Field,
    Integration,
    register_integration,
    unregister_integration,
)
from oncall_desktop.integrations.errors import TokenRejected
from oncall_desktop.integrations.http import (
    DEFAULT_TIMEOUT,
    Answers,
    json_of,
    make_session,
    send,
)
from oncall_desktop.integrations.secrets import SecretStore
from oncall_desktop.integrations.sources import (
    Me,
    NotConfigured,
    Options,
    SourceKind,
    register_source,
    unregister_source,
)

SIREN = "siren"  # its id, as pages and incident links store it
SIREN_TOKEN = "siren-api-token"  # its keyring entry
ANSWERS = Answers(
    unreachable=QT_TR_NOOP("Siren at {url} cannot be reached ({reason})."),
    refused=QT_TR_NOOP("Siren refused the request ({status})."),
    trouble=QT_TR_NOOP("Siren is having trouble ({status})."),
    rate_limited=QT_TR_NOOP("Siren is rate limiting this token (429)."),
    statuses={401: (TokenRejected, QT_TR_NOOP("Siren rejected the token (401)."))},
)


class SirenSource:
    def __init__(self, base_url: str, token: str) -> None:
        self.base_url, self.token = base_url.rstrip("/"), token
        self.session = make_session()

    def _call(self, method: str, path: str) -> Any:
        response = send(
            self.session,
            method,
            self.base_url + path,
            ANSWERS,
            timeout=DEFAULT_TIMEOUT,
            values={"url": self.base_url},
            headers={"Authorization": f"Bearer {self.token}"},
        )
        return json_of(response, ANSWERS)

    def _page(self, data: dict[str, Any]) -> Page:
        return Page(
            id=str(data["id"]),
            number=None,
            title=str(data["title"]),
            status=str(data["status"]),
            urgency=str(data.get("urgency", "high")),
            service=str(data.get("service", "")),
            created_at=datetime.fromisoformat(str(data["created_at"])),
            html_url=f"{self.base_url}/alerts/{data['id']}",
            source=SIREN,
        )

    def whoami(self) -> Me:
        data = self._call("GET", "/whoami")
        return Me(str(data["id"]), str(data["name"]), str(data.get("email", "")))

    def open_alerts(self, me: Me) -> list[Page]:
        pages = [self._page(alert) for alert in self._call("GET", "/alerts")]
        return [page for page in pages if page.status != "resolved"]

    def alert(self, alert_id: str) -> Page:
        return self._page(self._call("GET", f"/alerts/{alert_id}"))

    def acknowledge(self, alert_id: str, me: Me) -> Page:
        return self._page(self._call("POST", f"/alerts/{alert_id}/ack"))

    def resolve(self, alert_id: str, me: Me, note: str = "") -> Page:
        return self._page(self._call("POST", f"/alerts/{alert_id}/resolve"))

    def oncall_shifts(
        self,
        since: datetime,
        until: datetime,
        *,
        user_ids: list[str] | None = None,
        policy_ids: list[str] | None = None,
    ) -> list[OnCallEntry]:
        return []  # it keeps no rotation (and does not declare the capability)


def connect(secrets: SecretStore, options: Options) -> SirenSource:
    url = str(options.get("siren_url") or "")
    token = secrets.get(SIREN_TOKEN)
    if not url or not token:
        raise NotConfigured(QT_TR_NOOP("Siren is not set up yet: add it in Settings."))
    return SirenSource(url, token)


def test_connection(check: ConnectionCheck) -> str:
    source = SirenSource(check.setting("siren_url"), check.secret(SIREN_TOKEN))
    me = source.whoami()
    return f"Connected to Siren as {me.name}; {len(source.open_alerts(me))} alert(s) open."


KIND = SourceKind(
    SIREN,
    "Siren",
    connect,
    enabled=lambda options: bool(options.get("siren_enabled")),
    secrets=(SIREN_TOKEN,),
    reads=("siren_url",),
)
DECLARATION = Integration(
    SIREN,
    "Siren",
    (
        Field("enabled", "siren_enabled", QT_TR_NOOP("Page me from Siren too"), "bool"),
        Field(
            "base_url",
            "siren_url",
            QT_TR_NOOP("Address"),
            "url",
            placeholder="https://siren.example.com",
            required=QT_TR_NOOP("Give Siren's address."),
        ),
        Field("token", SIREN_TOKEN, QT_TR_NOOP("API token"), "secret"),
    ),
    test_connection,
    switch="enabled",
    sources=(SIREN,),
)


def register() -> None:
    register_source(KIND)
    register_integration(DECLARATION)


def unregister() -> None:
    unregister_integration(SIREN)
    unregister_source(SIREN)

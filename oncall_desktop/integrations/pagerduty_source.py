"""PagerDuty as an alert source: the incidents assigned to me, acknowledged and resolved in
PagerDuty, its on-call rotation, responder requests and incidents declared from here.

Registers itself (``integrations.sources``) when imported.
"""

from __future__ import annotations

from datetime import datetime

from oncall_desktop.core.capabilities import Capability
from oncall_desktop.core.destinations import PAGERDUTY_STATUS, STATUS_PAGE
from oncall_desktop.core.handoff import OnCallEntry
from oncall_desktop.core.messages import QT_TR_NOOP
from oncall_desktop.core.paging import Page
from oncall_desktop.integrations.declarations import (
    ConnectionCheck,
    Field,
    Integration,
    register_integration,
)
from oncall_desktop.integrations.errors import IntegrationError
from oncall_desktop.integrations.pagerduty import PagerDutyClient
from oncall_desktop.integrations.pagerduty_payloads import SOURCE
from oncall_desktop.integrations.secrets import PAGERDUTY_TOKEN, SecretStore
from oncall_desktop.integrations.sources import (
    Me,
    NotConfigured,
    Options,
    SourceKind,
    register_source,
)


class PagerDutySource:
    """The PagerDuty REST API behind the AlertSource protocol (and Escalates, Declares)."""

    def __init__(self, client: PagerDutyClient, service_id: str = "") -> None:
        self.client = client
        self.service_id = service_id  # where incidents declared here are raised (Settings)

    def whoami(self) -> Me:
        return self.client.me()

    def open_alerts(self, me: Me) -> list[Page]:
        return self.client.my_open_incidents(me.id)

    def alert(self, alert_id: str) -> Page:
        return self.client.incident(alert_id)

    def acknowledge(self, alert_id: str, me: Me) -> Page:
        return self.client.acknowledge(alert_id, me.email)

    def resolve(self, alert_id: str, me: Me, note: str = "") -> Page:
        return self.client.resolve(alert_id, me.email, note)

    def oncall_shifts(
        self,
        since: datetime,
        until: datetime,
        *,
        user_ids: list[str] | None = None,
        policy_ids: list[str] | None = None,
    ) -> list[OnCallEntry]:
        return self.client.oncalls(
            user_ids=user_ids, escalation_policy_ids=policy_ids, since=since, until=until
        )

    def request_responders(
        self, alert_id: str, me: Me, message: str, targets: list[tuple[str, str]]
    ) -> str:
        return self.client.request_responders(alert_id, me.email, me.id, message, targets)

    def declare(self, me: Me, title: str, urgency: str, key: str) -> Page:
        return self.client.create_incident(me.email, title, self.service_id, urgency, key)


def connect(secrets: SecretStore, options: Options) -> PagerDutySource:
    """From the token in the keyring and the configured API address (EU, a test server)."""
    token = secrets.get(PAGERDUTY_TOKEN)
    if not token:
        raise NotConfigured(QT_TR_NOOP("No PagerDuty token yet: add it in Settings."))
    base_url = options.get("pagerduty_base_url") or PagerDutyClient.DEFAULT_BASE_URL
    service_id = str(options.get("pagerduty_service_id") or "")
    return PagerDutySource(PagerDutyClient(token, str(base_url)), service_id)


def _set_up_for(capability: Capability, options: Options) -> bool:
    """Declaring needs the service whose escalation policy pages the team (Settings)."""
    return capability is not Capability.DECLARE or bool(options.get("pagerduty_service_id"))


PAGERDUTY = register_source(
    SourceKind(
        SOURCE,
        "PagerDuty",
        connect,
        secrets=(PAGERDUTY_TOKEN,),
        reads=("pagerduty_base_url", "pagerduty_service_id"),
        capabilities=frozenset(Capability),  # all of them
        set_up_for=_set_up_for,
    )
)


def _test_connection(check: ConnectionCheck) -> str:
    """Settings' Test connection: who the token (typed, or stored) belongs to."""
    token = check.secret(PAGERDUTY_TOKEN)
    if not token:
        raise IntegrationError(QT_TR_NOOP("No token: paste your PagerDuty user API token first."))
    base_url = check.setting("pagerduty_base_url") or PagerDutyClient.DEFAULT_BASE_URL
    me = PagerDutyClient(token, base_url).me()
    who = f"{me.name} <{me.email}>" if me.email else me.name or me.id
    return f"Connected to {base_url} as {who}."


def _status_pages(check: ConnectionCheck) -> list[tuple[str, str]]:
    """The account's status pages [(id, name)], for Settings to choose where the external
    audience's updates go (the token typed, or the stored one)."""
    from oncall_desktop.integrations.statuspage_client import StatusPageClient

    token = check.secret(PAGERDUTY_TOKEN)
    if not token:
        raise IntegrationError(QT_TR_NOOP("No token: paste your PagerDuty user API token first."))
    base_url = check.setting("pagerduty_base_url")
    return [(p.id, p.name) for p in StatusPageClient(token, base_url).status_pages()]


# Its section is a widget of its own (a region, the status pages listed from the account); what
# it holds is declared here all the same.
register_integration(
    Integration(
        SOURCE,
        "PagerDuty",
        (
            Field("base_url", "pagerduty_base_url", QT_TR_NOOP("API address"), "url"),
            Field("token", PAGERDUTY_TOKEN, QT_TR_NOOP("API token"), "secret"),
            Field(
                "service",
                "pagerduty_service_id",
                QT_TR_NOOP("Service for declared incidents"),
                pattern=r"^(P[A-Z0-9]{1,19})?$",
            ),
            Field("status_page", "status_page_id", QT_TR_NOOP("Status page")),
        ),
        _test_connection,
        order=10,
        custom_section=True,
        sources=(SOURCE,),
        destinations=(PAGERDUTY_STATUS, STATUS_PAGE),
        lists={"status_pages": _status_pages},
    )
)

"""Alert sources: where pages come from. PagerDuty is the first; this is where a second plugs in.

A source is one module that implements :class:`AlertSource` and registers a :class:`SourceKind`
(its id, its name, how to connect it from the keyring and the settings). The poller watches
every registered source that is enabled; notifications, the main window, the tray, the terminal
commands and the incident link (``core.paging.AlertLink``) name pages by source and id, so
nothing else changes when a source is added. Blocking calls: run them on a worker.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol, runtime_checkable

from oncall_desktop.core.capabilities import (
    BASIC,
    Capability,
    register_capabilities,
    unregister_capabilities,
)
from oncall_desktop.core.handoff import OnCallEntry
from oncall_desktop.core.paging import Page
from oncall_desktop.integrations.errors import IntegrationError
from oncall_desktop.integrations.secrets import SecretStore


@dataclass(frozen=True)
class Me:
    """Who the stored credentials belong to, in the source's terms."""

    id: str
    name: str
    email: str
    time_zone: str = ""


class NotConfigured(IntegrationError):
    """The source has no credentials yet: nothing to poll until the settings change."""


class AlertSource(Protocol):
    """What the app asks of any alert source. Methods raise IntegrationError subclasses
    (TokenRejected, RateLimited, ...) and SecretStoreError; they never return half-read data."""

    def whoami(self) -> Me: ...

    def open_alerts(self, me: Me) -> list[Page]:
        """Every triggered or acknowledged alert assigned to ``me``."""
        ...

    def alert(self, alert_id: str) -> Page:
        """One alert as the source has it now (one that left my list: resolved, reassigned)."""
        ...

    def acknowledge(self, alert_id: str, me: Me) -> Page: ...

    def resolve(self, alert_id: str, me: Me, note: str = "") -> Page: ...

    def oncall_shifts(
        self,
        since: datetime,
        until: datetime,
        *,
        user_ids: list[str] | None = None,
        policy_ids: list[str] | None = None,
    ) -> list[OnCallEntry]:
        """On-call entries overlapping [since, until], of these users or escalation policies.
        Sources rate-limit this: callers keep the answer for minutes."""
        ...


@runtime_checkable
class Escalates(Protocol):
    """A source that can ask more responders to join an alert (PagerDuty's responder
    requests); returns the source's time of the request."""

    def request_responders(
        self, alert_id: str, me: Me, message: str, targets: list[tuple[str, str]]
    ) -> str: ...


@runtime_checkable
class Declares(Protocol):
    """A source in which an incident declared by hand can be raised, so that the team's own
    escalation runs there (where its settings say: PagerDuty's service; ``key``: ours, stable
    across retries)."""

    def declare(self, me: Me, title: str, urgency: str, key: str) -> Page: ...


# What a source's factory reads: the keyring, and the settings as plain values (integrations
# do not import config/).
Options = Mapping[str, Any]
# ... and, beside the settings, what the app knows of the SOP: under this key, the resolve SLA
# (a timedelta) of the severity a page is proposed, by urgency ("high", "low").
RESOLVE_SLA = "sop_resolve_sla_by_urgency"


@dataclass(frozen=True)
class SourceKind:
    id: str  # stored in incidents' alert link: never change it once released
    name: str  # as people read it ("PagerDuty"): a product name, the same in every language
    connect: Callable[[SecretStore, Options], AlertSource]  # raises NotConfigured
    enabled: Callable[[Options], bool] = lambda options: True  # watched at all?
    secrets: tuple[str, ...] = ()  # the keyring entries it reads: storing one reconnects it
    reads: tuple[str, ...] = ()  # the settings it reads: changing one reconnects it
    # what it can do for its pages (core.capabilities): what it cannot is not offered for them.
    # REQUEST_RESPONDERS needs the Escalates protocol, DECLARE the Declares one.
    capabilities: frozenset[Capability] = BASIC
    # whether a capability is set up under these settings (declaring needs a service to
    # declare on): asked before offering it
    set_up_for: Callable[[Capability, Options], bool] = lambda capability, options: True

    def can(self, capability: Capability, options: Options | None = None) -> bool:
        """Whether it can do this, and (given the settings) is set up to."""
        if capability not in self.capabilities:
            return False
        return options is None or self.set_up_for(capability, options)


_SOURCES: dict[str, SourceKind] = {}


def register_source(kind: SourceKind) -> SourceKind:
    _SOURCES[kind.id] = kind
    register_capabilities(kind.id, kind.capabilities, kind.name)
    return kind


def unregister_source(source_id: str) -> None:
    _SOURCES.pop(source_id, None)
    unregister_capabilities(source_id)


def sources_that_can(capability: Capability, options: Options) -> tuple[SourceKind, ...]:
    """The enabled sources that can do this and are set up to under ``options``."""
    return tuple(k for k in _SOURCES.values() if k.enabled(options) and k.can(capability, options))


def source_kinds() -> tuple[SourceKind, ...]:
    """Every registered source, in the order they registered (the built-in PagerDuty first:
    ``integrations.pagerduty_source``, imported by the services that poll and link)."""
    return tuple(_SOURCES.values())


def source_kind(source_id: str) -> SourceKind | None:
    return _SOURCES.get(source_id)


def source_name(source_id: str) -> str:
    """How people read a source's name; its id when it is not installed here."""
    kind = source_kind(source_id)
    return kind.name if kind is not None else source_id

"""Prometheus Alertmanager in Settings: what its section holds (watched or not, its address,
the receiver and matchers whose alerts page me, basic auth or a bearer token in the keyring)
and its Test connection (the server's version, and the alerts that fire for these matchers).
Registers itself (``integrations.declarations``) when imported; the source is
integrations/alertmanager.py."""

from __future__ import annotations

from oncall_desktop.core.messages import QT_TR_NOOP, UserMessage
from oncall_desktop.integrations.alertmanager import (
    ALERTMANAGER_PASSWORD,
    ALERTMANAGER_TOKEN,
    _matchers,
    client_for,
)
from oncall_desktop.integrations.alertmanager_payloads import SOURCE, parse_matchers
from oncall_desktop.integrations.declarations import (
    ConnectionCheck,
    Field,
    Integration,
    register_integration,
)
from oncall_desktop.integrations.sources import Options


def check(options: Options, token: str | None, password: str | None) -> UserMessage:
    """Settings' Test connection: the server's version, and how many alerts fire for these
    matchers (blocking)."""
    client = client_for(options, token, password)
    matchers = _matchers(options)
    version_info = client.status().get("versionInfo")
    version = version_info.get("version") if isinstance(version_info, dict) else None
    firing = client.alerts(matchers, str(options.get("alertmanager_receiver") or "").strip())
    return QT_TR_NOOP(
        "Connected to Alertmanager {version} at {url}: {count} alert(s) firing for these matchers."
    ).format(version=version or "?", url=client.base_url, count=len(firing))


def _check_matchers(options: Options) -> UserMessage | None:
    try:
        parse_matchers(str(options.get("alertmanager_matchers") or ""))
    except ValueError:
        return QT_TR_NOOP('Alertmanager matchers look like team="payments", env=~"prod.*".')
    return None


def _test_connection(check_: ConnectionCheck) -> UserMessage:
    """Settings' Test connection, with the secrets typed there or the stored ones: the
    password with a user, else the bearer token."""
    user = check_.setting("alertmanager_username")
    password = check_.secret(ALERTMANAGER_PASSWORD) if user else None
    return check(check_.options, None if user else check_.secret(ALERTMANAGER_TOKEN), password)


register_integration(
    Integration(
        SOURCE,
        "Prometheus Alertmanager",
        (
            Field(
                "enabled",
                "alertmanager_enabled",
                QT_TR_NOOP("Page me from this Alertmanager too"),
                "bool",
            ),
            Field(
                "base_url",
                "alertmanager_base_url",
                QT_TR_NOOP("Address"),
                "url",
                placeholder="http://alertmanager.example.com:9093",
                invalid=QT_TR_NOOP("The Alertmanager address must start with http:// or https://"),
                required=QT_TR_NOOP(
                    "Give the Alertmanager's address, e.g. http://alertmanager:9093."
                ),
            ),
            Field(
                "receiver",
                "alertmanager_receiver",
                QT_TR_NOOP("Receiver"),
                placeholder=QT_TR_NOOP("Empty: every receiver"),
            ),
            Field(
                "matchers",
                "alertmanager_matchers",
                QT_TR_NOOP("Matchers"),
                placeholder='team="payments", env=~"prod.*"',
            ),
            Field(
                "username",
                "alertmanager_username",
                QT_TR_NOOP("User"),
                placeholder=QT_TR_NOOP("Empty: no basic authentication"),
            ),
            Field(
                "password",
                ALERTMANAGER_PASSWORD,
                QT_TR_NOOP("Password"),
                "secret",
                placeholder=QT_TR_NOOP("Basic-auth password (kept in the OS keyring)"),
                strip=False,
            ),
            Field(
                "token",
                ALERTMANAGER_TOKEN,
                QT_TR_NOOP("Bearer token"),
                "secret",
                placeholder=QT_TR_NOOP("Bearer token (kept in the OS keyring)"),
            ),
        ),
        _test_connection,
        testing=QT_TR_NOOP("Connecting…"),
        switch="enabled",
        note=QT_TR_NOOP(
            "Acknowledge silences the alert until the procedure's resolve time; resolve lifts "
            "that silence. Responder requests and status updates stay PagerDuty's."
        ),
        order=20,
        check=_check_matchers,
        sources=(SOURCE,),
    )
)

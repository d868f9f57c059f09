"""Alertmanager's API v2 JSON, read into the core's source-neutral objects, and the label
matchers of Settings as Alertmanager's ``filter`` reads them.

Read tolerantly (nulls, wrong types, unknown fields) and cleaned where it enters
(core/plaintext): no control character or bidi override reaches the tray or a terminal, and
only http(s) links are kept.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any
from urllib.parse import quote

from oncall_desktop.core.clock import utc
from oncall_desktop.core.paging import Page
from oncall_desktop.core.plaintext import clean_line

SOURCE = "alertmanager"  # how pages and incident links name this source: never change it
HIGH_SEVERITIES = frozenset({"critical", "page"})  # the `severity` label that pages high

# A matcher as Alertmanager reads it: name, operator, a quoted or a bare value.
_NAME = r"[A-Za-z_][A-Za-z0-9_]*"
_VALUE = r'"(?:[^"\\]|\\.)*"|[^\s,"{}]+'
_MATCHER = re.compile(rf"\s*({_NAME})\s*(=~|!~|!=|=)\s*({_VALUE})\s*")


def parse_matchers(text: str) -> list[str]:
    """``team="payments", env=~"prod|staging"`` (braces allowed) as Alertmanager's ``filter``
    values; ValueError when it is not a list of matchers."""
    body = text.strip().removeprefix("{").removesuffix("}").strip()
    matchers: list[str] = []
    at = 0
    while at < len(body) and body[at:].strip():
        found = _MATCHER.match(body, at)
        if found is None:
            raise ValueError(f"not a matcher at {body[at : at + 20]!r}")
        name, op, value = found.groups()
        if not value.startswith('"'):
            value = '"' + value.replace("\\", "\\\\") + '"'
        matchers.append(f"{name}{op}{value}")
        at = found.end()
        if at < len(body):
            if body[at] != ",":
                raise ValueError(f"a comma is missing before {body[at : at + 20]!r}")
            at += 1
    return matchers


def api_time(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def parse_time(value: Any) -> datetime | None:
    if not isinstance(value, str) or not value:
        return None
    try:
        return utc(datetime.fromisoformat(value.replace("Z", "+00:00")))
    except ValueError:
        return None


def string_map(value: Any) -> dict[str, str]:
    if not isinstance(value, dict):
        return {}
    return {k: v for k, v in value.items() if isinstance(k, str) and isinstance(v, str)}


def _link(value: str) -> str:
    """A link people may open: http(s) only (never a file: or javascript: URL)."""
    value = clean_line(value, 2000)
    return value if value.lower().startswith(("https://", "http://")) else ""


def string_list(status: Any, key: str) -> list[str]:
    value = status.get(key) if isinstance(status, dict) else None
    return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []


def parse_alert(
    raw: dict[str, Any], base_url: str, silence_starts: Mapping[str, datetime]
) -> Page | None:
    """One alert of GET /api/v2/alerts as a page; None when it has no fingerprint. Silenced
    (``suppressed``, by a silence of anyone's) reads acknowledged, from the silence's start;
    ``base_url``: the Alertmanager's, whose page of the alert is its link when it has none."""
    fingerprint = raw.get("fingerprint")
    if not isinstance(fingerprint, str) or not fingerprint:
        return None
    labels, notes = string_map(raw.get("labels")), string_map(raw.get("annotations"))
    status = raw.get("status")
    silenced_by = string_list(status, "silencedBy")
    state = status.get("state") if isinstance(status, dict) else None
    acknowledged = state == "suppressed" and bool(silenced_by)
    starts = [silence_starts[s] for s in silenced_by if s in silence_starts]
    title = notes.get("summary") or notes.get("description") or labels.get("alertname", "")
    generator = raw.get("generatorURL")
    here = f"{base_url}/#/alerts?silenced=true&filter=" + quote(
        "{" + ",".join(f'{k}="{v}"' for k, v in sorted(labels.items())) + "}", safe=""
    )
    return Page(
        id=fingerprint,
        number=None,
        title=clean_line(title) or f"Alert {fingerprint}",
        status="acknowledged" if acknowledged else "triggered",
        urgency="high" if labels.get("severity", "").lower() in HIGH_SEVERITIES else "low",
        service=clean_line(
            labels.get("service") or labels.get("job") or labels.get("alertname", "")
        ),
        created_at=parse_time(raw.get("startsAt")),
        html_url=(
            _link(notes.get("runbook_url", ""))
            or _link(generator if isinstance(generator, str) else "")
            or here
        ),
        acknowledged_at=min(starts) if acknowledged and starts else None,
        source=SOURCE,
    )

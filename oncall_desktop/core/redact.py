"""Scrub secrets out of text bound for a log file or a crash report."""

from __future__ import annotations

import re
import threading

_PATTERNS = (
    # PagerDuty "Token token=..." and OAuth "Bearer ..." headers
    (re.compile(r"(Token\s+token=)[^\s'\",]+", re.I), r"\1[REDACTED]"),
    (re.compile(r"(Bearer\s+)[^\s'\",]+", re.I), r"\1[REDACTED]"),
    # Slack tokens (bot, user, app, refresh, config) and incoming-webhook URLs
    (re.compile(r"\bxox[a-z]-[A-Za-z0-9-]+"), "[REDACTED]"),
    (re.compile(r"\bxapp-[A-Za-z0-9-]+"), "[REDACTED]"),
    (re.compile(r"(hooks\.slack(?:-gov)?\.com/services/)[A-Za-z0-9/_-]+"), r"\1[REDACTED]"),
    # the webhook's path alone, as urllib3's debug line writes it after the host and port:
    # 'https://hooks.slack.com:443 "POST /services/T…/B…/… HTTP/1.1" 200 2'
    (re.compile(r"(/services/)T[A-Za-z0-9]+/B[A-Za-z0-9]+/[A-Za-z0-9_-]+"), r"\1[REDACTED]"),
    # passwords inside URLs: scheme://user:password@host
    (re.compile(r"(://[^/\s:@]+:)[^@\s/]+(@)"), r"\1[REDACTED]\2"),
)

_known_secrets: set[str] = set()
_lock = threading.Lock()


def register_secret(value: str) -> None:
    """Remember a secret read from the keyring so that it is scrubbed wherever it appears; for
    a URL (a webhook), its path too, which HTTP libraries log without the host."""
    if value and len(value) >= 6:
        with _lock:
            _known_secrets.add(value)
            if "://" in value:
                path = value.split("://", 1)[1].partition("/")[2]
                if len(path) >= 12:
                    _known_secrets.add("/" + path)


def redact(text: str) -> str:
    for pattern, replacement in _PATTERNS:
        text = pattern.sub(replacement, text)
    with _lock:
        secrets = sorted(_known_secrets, key=len, reverse=True)
    for secret in secrets:
        text = text.replace(secret, "[REDACTED]")
    return text

"""The mail server Settings name now: what the executive summary is sent through. Apart from
the mail module so the deliverers' registry can name it without importing the module that
registers itself there (integrations/smtp_mail)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class MailServer:
    """The mail server as Settings say now (never stored with a post)."""

    host: str
    port: int
    security: str  # starttls | ssl | none
    username: str  # "" : the server takes mail without logging in
    sender: str
    ca_file: str = ""  # a private authority's certificate (PEM), trusted besides the system's


def server_from(settings: Mapping[str, object]) -> MailServer | None:
    """The mail server Settings name now (as plain values); None without a server or a sender
    (the summary then opens in the user's mail client). Read at every attempt, never stored
    in a post."""
    host, sender = str(settings.get("smtp_host") or ""), str(settings.get("smtp_sender") or "")
    if not host or not sender:
        return None
    port = settings.get("smtp_port")
    return MailServer(
        host=host,
        port=port if isinstance(port, int) else 587,
        security=str(settings.get("smtp_security") or "starttls"),
        username=str(settings.get("smtp_username") or ""),
        sender=sender,
        ca_file=str(settings.get("smtp_ca_file") or ""),
    )

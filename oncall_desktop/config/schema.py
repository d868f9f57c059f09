"""The non-secret settings: one declaration per key, with its default, title and help.

Secrets (API tokens) are never settings: they live in the OS keyring only.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from typing import Any

SCHEMA_VERSION = 1

LANGUAGES = ("system", "fr", "en")
MESSAGE_LANGUAGES = ("en", "fr")


def _setting(
    default: Any,
    title: str,
    help: str,
    choices: tuple[str, ...] = (),
    minimum: int | None = None,
    pattern: str | None = None,
    maximum: int | None = None,
) -> Any:
    metadata = {
        "title": title,
        "help": help,
        "choices": choices,
        "minimum": minimum,
        "maximum": maximum,
        "pattern": pattern,
    }
    return field(default=default, metadata=metadata)


TIME_OF_DAY = r"^$|^([01][0-9]|2[0-3]):[0-5][0-9]$"
HTTP_URL = r"^https?://\S+$"
DATE = r"^$|^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
_MATCHER = r'\s*[A-Za-z_][A-Za-z0-9_]*\s*(=~|!~|!=|=)\s*("(?:[^"\\]|\\.)*"|[^\s,"{}]+)\s*'
# Alertmanager label matchers, comma-separated, braces allowed: team="payments", env=~"prod.*"
ALERT_MATCHERS = rf"^\s*(\{{?\s*({_MATCHER}(,{_MATCHER})*,?)?\s*\}}?)?\s*$"
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


@dataclass(frozen=True)
class Settings:
    language: str = _setting("system", "Language", "UI language: system, fr or en.", LANGUAGES)
    message_language: str = _setting(
        "en",
        "Language of posted messages",
        "The team's language for what is posted to Slack, PagerDuty and the status page, apart "
        "from the UI's: en (the SOP's templates are English, even in its French text) or fr.",
        MESSAGE_LANGUAGES,
    )
    database_url: str = _setting(
        "",
        "Database URL",
        "Empty: a SQLite file in the data folder. A team can point every console at one "
        "PostgreSQL database, e.g. postgresql://user@host/oncall (Settings, Team database). The "
        "environment variable ONCALL_DATABASE_URL overrides it. Put no password here: Settings "
        "keeps it in the OS keyring (or use a .pgpass file).",
    )
    team_timezone: str = _setting(
        "", "Team time zone", "IANA name (Europe/Paris, Africa/Douala); empty: this computer's."
    )
    engineer_name: str = _setting(
        "",
        "Your name",
        "Signs what you post (On-Call: …) and what you do in the timeline; empty: your "
        "PagerDuty name once the token is set, else asked at the first start.",
    )
    close_to_tray: bool = _setting(
        True, "Close to tray", "Closing the window keeps the app running in the tray."
    )
    pagerduty_base_url: str = _setting(
        "https://api.pagerduty.com",
        "PagerDuty API address",
        "https://api.pagerduty.com (US service region) or https://api.eu.pagerduty.com (EU). "
        "The API token itself is kept in the OS keyring, never here.",
        pattern=HTTP_URL,
    )
    pagerduty_poll_seconds: int = _setting(
        15,
        "Poll every (seconds)",
        "How often PagerDuty is asked for new incidents (5 to 3600).",
        minimum=5,
        maximum=3600,
    )
    pagerduty_service_id: str = _setting(
        "",
        "PagerDuty service for declared incidents",
        "The id (P…) of the service whose escalation policy pages the team for an incident "
        "declared in the app (Declare in PagerDuty); empty: not offered.",
        pattern=r"^(P[A-Z0-9]{1,19})?$",
    )
    status_page_id: str = _setting(
        "",
        "Status page",
        "The PagerDuty status page (id P…) where the external audience's updates are posted; "
        "empty: the status page is updated by hand (Mark sent).",
        pattern=r"^(P[A-Z0-9]{1,19})?$",
    )
    status_page_name: str = _setting(
        "", "Status page name", "Its name as PagerDuty lists it (shown in the composer)."
    )
    alertmanager_enabled: bool = _setting(
        False,
        "Prometheus Alertmanager",
        "Watch an Alertmanager for pages beside PagerDuty: its firing alerts of the receiver and "
        "matchers below.",
    )
    alertmanager_base_url: str = _setting(
        "",
        "Alertmanager address",
        "e.g. http://alertmanager.example.com:9093 (API v2). A bearer token or a basic-auth "
        "password is kept in the OS keyring, never here.",
        pattern=r"^$|^https?://\S+$",
    )
    alertmanager_receiver: str = _setting(
        "",
        "Alertmanager receiver",
        "Only the alerts routed to this receiver (its name, or a regular expression); empty: "
        "every receiver.",
    )
    alertmanager_matchers: str = _setting(
        "",
        "Alertmanager matchers",
        'Only the alerts whose labels match, e.g. team="payments", env=~"prod|staging"; empty: '
        "every alert.",
        pattern=ALERT_MATCHERS,
    )
    alertmanager_username: str = _setting(
        "",
        "Alertmanager user",
        "For basic authentication (its password is kept in the OS keyring); empty: the bearer "
        "token, if one is stored.",
    )
    slack_base_url: str = _setting(
        "https://slack.com/api",
        "Slack API address",
        "https://slack.com/api, or https://slack-gov.com/api for GovSlack. The bot token or "
        "webhook URL is kept in the OS keyring, never here.",
        pattern=HTTP_URL,
    )
    slack_channel: str = _setting(
        "#incidents", "Incidents channel", "Where updates go unless an incident has its own."
    )
    slack_mode: str = _setting(
        "bot",
        "Slack connection",
        "bot: a bot token (chat.postMessage, incident channels); webhook: an incoming webhook.",
        ("bot", "webhook"),
    )
    teams_enabled: bool = _setting(
        False,
        "Microsoft Teams",
        "Post the internal updates to a Teams channel too, through a Workflows webhook (its URL "
        "is kept in the OS keyring, never here).",
    )
    smtp_host: str = _setting(
        "",
        "Mail server (SMTP)",
        "Empty: the executive summary opens in your mail client. A server (e.g. smtp.example.com)"
        ": it is sent from here through the outbox; the account's password is kept in the OS "
        "keyring, never here.",
    )
    smtp_port: int = _setting(
        587, "Mail server port", "587 (STARTTLS), 465 (SSL) or 25.", (), 1, None, 65535
    )
    smtp_security: str = _setting(
        "starttls",
        "Mail server security",
        "starttls (port 587), ssl (port 465) or none (a relay on the local network only).",
        ("starttls", "ssl", "none"),
    )
    smtp_username: str = _setting(
        "", "Mail account", "The account to log in with; empty: the server needs no login."
    )
    smtp_sender: str = _setting(
        "", "Mail sender", "The From address of the executive summary, e.g. oncall@example.com."
    )
    smtp_ca_file: str = _setting(
        "",
        "Mail server CA file",
        "Empty: the mail server's certificate is checked against the system's authorities. A "
        "PEM file of a private authority (e.g. the company's CA): trusted too, for the mail "
        "server only.",
    )
    alert_sound: bool = _setting(True, "Sound", "Ask the desktop to play a sound with alerts.")
    quiet_hours_start: str = _setting(
        "",
        "Quiet hours from",
        "HH:MM local time; low-urgency pages stay silent until 'quiet hours to'. High-urgency "
        "pages always alert.",
        pattern=TIME_OF_DAY,
    )
    quiet_hours_end: str = _setting("", "Quiet hours to", "HH:MM local time.", pattern=TIME_OF_DAY)
    start_at_login: bool = _setting(
        False, "Start at login", "Start the app (in the tray) when you log in to the desktop."
    )
    rotation_source: str = _setting(
        "settings",
        "On-call rotation from",
        "settings: the weekly rotation below; pagerduty: your on-call shifts in PagerDuty "
        "(GET /oncalls), when a token is stored.",
        ("settings", "pagerduty"),
    )
    rotation_members: str = _setting(
        "",
        "Rotation members",
        "Names in rotation order, separated by commas; each is primary for one rotation and "
        "backup for the one before. Empty: the procedure's.",
    )
    rotation_weekday: str = _setting(
        "", "Handoff day", "Day of the weekly handoff; empty: the procedure's.", ("", *WEEKDAYS)
    )
    rotation_time: str = _setting(
        "",
        "Handoff time",
        "HH:MM in the team's time zone; empty: the procedure's.",
        pattern=TIME_OF_DAY,
    )
    rotation_anchor: str = _setting(
        "",
        "Rotation start",
        "YYYY-MM-DD: from the handoff on or after this day the first member is primary; empty: "
        "the procedure's.",
        pattern=DATE,
    )
    integration_settings: dict[str, str | bool] = field(
        default_factory=dict,
        metadata={
            "title": "Settings of added integrations",
            "help": "What the Settings sections of integrations declared by their own modules "
            "hold (integrations/declarations.py), by key: text or true/false, never a secret. "
            "The built-in ones have their keys above.",
            "choices": (),
            "minimum": None,
            "maximum": None,
            "pattern": None,
        },
    )


def setting_values(settings: Settings) -> dict[str, Any]:
    """The settings as plain values by key, as the integrations read them (they do not import
    config/): the built-in keys and, beside them, those of the added integrations."""
    values = asdict(settings)
    added = values.pop("integration_settings")
    return {**added, **values}


def setting_fields() -> tuple[Any, ...]:
    return fields(Settings)

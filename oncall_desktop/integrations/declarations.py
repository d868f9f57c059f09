"""What an integration (a destination, an alert source, or both) needs from Settings, declared
by its own module: its settings fields and their validation, its secrets under their keyring
names, and its connection test. Settings' sections, the connections service and the settings
the sources and routes read are built from this registry; nothing else names an integration.

What it can do is declared beside its registration: a destination's audiences in
core.destinations, a source's capabilities in its SourceKind (core.capabilities).

Labels are English templates marked with ``QT_TR_NOOP`` (core.messages), translated where they
are shown, like every message of the layers below the UI. Pure data: no Qt.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from oncall_desktop.core.messages import QT_TR_NOOP, UserMessage
from oncall_desktop.integrations.secrets import SecretStore
from oncall_desktop.integrations.sources import Options

FieldKind = Literal["url", "text", "secret", "bool", "choice"]
Value = str | bool


@dataclass(frozen=True)
class Field:
    """One thing the user sets. ``key``: the setting's name (config/schema.py's, or one of
    the module's own, kept with the integrations' settings), or for a ``secret`` its keyring
    entry: a secret is never a setting."""

    name: str  # its short name in the section ("base_url"): the widget's attribute
    key: str
    label: UserMessage  # for a bool, the check box's text
    kind: FieldKind = "text"
    default: Value = ""
    placeholder: UserMessage | str = ""  # a plain str is an example, the same in every language
    choices: tuple[tuple[str, UserMessage | str], ...] = ()  # (value, label) of a choice
    pattern: str = ""  # what the text must match (re.match), when not empty
    invalid: UserMessage | None = None  # what Save says when it does not (or a bad URL)
    required: UserMessage | None = None  # what Save says when it is empty while switched on
    strip: bool = True  # False: a password may begin or end with a space

    @property
    def secret(self) -> bool:
        return self.kind == "secret"


@dataclass(frozen=True)
class ConnectionCheck:
    """What a connection test gets: the settings as the section holds them now (not saved
    yet), the secrets typed there (by keyring name; left out when untouched), the keyring, and
    the UI's translator (a test that posts a visible message writes it in the UI's language).
    """

    options: Options
    typed: Mapping[str, str]
    secrets: SecretStore
    say: Callable[[UserMessage], str] = str

    def secret(self, name: str) -> str:
        """The secret typed in the section, or the stored one ("" for none)."""
        if name in self.typed:
            return self.typed[name]
        return self.secrets.get(name) or ""

    def setting(self, key: str) -> str:
        value = self.options.get(key)
        return str(value).strip() if value is not None else ""


# A connection test: blocking (run on a worker), returns what to tell the user, raises
# IntegrationError (its message shown), SecretStoreError or ValueError.
ConnectionTest = Callable[[ConnectionCheck], UserMessage | str]


# What an integration may also do for Settings or the cockpit, run the same way (blocking, on a
# worker; raising IntegrationError, SecretStoreError or ValueError):
# choices one of its settings takes, read from the service: [(value, label)] (status pages)
Lister = Callable[[ConnectionCheck], list[tuple[str, str]]]
# an incident's own channel opened for the day it began (SOP 1.4): the channel's id
ChannelOpener = Callable[[ConnectionCheck, date], str]


TEST_CONNECTION = QT_TR_NOOP("Test connection")
TESTING = QT_TR_NOOP("Testing…")


@dataclass(frozen=True)
class Integration:
    id: str  # the section's name; its source's or destination's id when it has one
    title: str  # the section's title: a product name, the same in every language
    fields: tuple[Field, ...] = ()
    test: ConnectionTest | None = None
    test_label: UserMessage = TEST_CONNECTION
    testing: UserMessage = TESTING
    switch: str = ""  # the bool field that switches it on; "": always on
    note: UserMessage | None = None  # a line under the section
    order: int = 100  # where its section sits in Settings (lower first)
    # a built-in whose section is a widget of its own (ui/), found by this id; its fields are
    # still declared here, so that the settings and secrets it reads are known
    custom_section: bool = False
    # a check across fields, on the values the section holds: what keeps Save from taking it
    check: Callable[[Options], UserMessage | None] | None = None
    sources: tuple[str, ...] = field(default=())  # the source ids it sets up
    destinations: tuple[str, ...] = field(default=())  # the destination ids it sets up
    # choices its settings read from the service, by name ("status_pages")
    lists: Mapping[str, Lister] = field(default_factory=dict)
    # opens an incident's own channel (the cockpit's "Create channel"); one integration does
    opens_incident_channel: ChannelOpener | None = None

    @property
    def settings(self) -> tuple[Field, ...]:
        return tuple(f for f in self.fields if not f.secret)

    @property
    def secrets(self) -> tuple[str, ...]:
        """Its keyring entries' names."""
        return tuple(f.key for f in self.fields if f.secret)

    def switched_on(self, options: Options) -> bool:
        return not self.switch or bool(options.get(self.field(self.switch).key))

    def field(self, name: str) -> Field:
        return next(f for f in self.fields if f.name == name)

    def problem(self, options: Options) -> UserMessage | None:
        """What keeps Save from taking these values (None when nothing)."""
        on = self.switched_on(options)
        for found in self.settings:
            value = options.get(found.key, found.default)
            text = str(value).strip() if isinstance(value, str) else ""
            if found.kind == "url" and text and not re.match(r"(?i)^https?://\S+$", text):
                return found.invalid or QT_TR_NOOP(
                    "The {title} address must start with http:// or https://"
                ).format(title=self.title)
            if found.pattern and isinstance(value, str) and not re.match(found.pattern, value):
                return found.invalid or QT_TR_NOOP(
                    "{title}: {label} is not in the expected form"
                ).format(title=self.title, label=found.label)
            if on and found.required is not None and not text:
                return found.required
        return self.check(options) if self.check is not None else None


_INTEGRATIONS: dict[str, Integration] = {}


def register_integration(integration: Integration) -> Integration:
    _INTEGRATIONS[integration.id] = integration
    return integration


def unregister_integration(integration_id: str) -> None:
    _INTEGRATIONS.pop(integration_id, None)


def integrations() -> tuple[Integration, ...]:
    """Every registered integration, in the order of their sections."""
    return tuple(sorted(_INTEGRATIONS.values(), key=lambda found: found.order))


def integration(integration_id: str) -> Integration | None:
    return _INTEGRATIONS.get(integration_id)


def opening_incident_channels() -> Integration | None:
    """The integration that opens an incident's own channel, if one does."""
    return next((i for i in integrations() if i.opens_incident_channel is not None), None)


def declared_defaults() -> dict[str, Value]:
    """The default of every declared setting, by key."""
    return {f.key: f.default for found in _INTEGRATIONS.values() for f in found.settings}

"""What an alert source can do for its pages, as the whole app asks it.

Each source declares its capabilities when it registers (integrations/sources.SourceKind); the
registration lands here, in the core, so that every layer (the cockpit's escalation box and
composer in ui/, the rooms in app/) can ask "can the source of this page do X" without naming
a source. What a source cannot do is not offered for its pages. Pure data: no Qt, no network.
"""

from __future__ import annotations

from enum import StrEnum


class Capability(StrEnum):
    ACKNOWLEDGE = "acknowledge"  # acknowledged at the source from here
    RESOLVE = "resolve"  # resolved at the source from here
    REQUEST_RESPONDERS = "request_responders"  # more responders asked to join the page
    DECLARE = "declare"  # an incident declared here raised there (its escalation runs)
    STATUS_UPDATES = "status_updates"  # the page takes status updates (a destination)
    ROTATION = "rotation"  # the on-call rotation can be read from it


# what a source can do when it declares nothing more: its pages are acknowledged and resolved
BASIC = frozenset({Capability.ACKNOWLEDGE, Capability.RESOLVE})

_CAPABILITIES: dict[str, frozenset[Capability]] = {}
_NAMES: dict[str, str] = {}  # as people read them ("PagerDuty"): what the UI offers names it


def register_capabilities(
    source_id: str, capabilities: frozenset[Capability], name: str = ""
) -> None:
    _CAPABILITIES[source_id] = frozenset(capabilities)
    _NAMES[source_id] = name or source_id


def unregister_capabilities(source_id: str) -> None:
    _CAPABILITIES.pop(source_id, None)
    _NAMES.pop(source_id, None)


def source_name(source_id: str | None) -> str:
    """The source's name as people read it (a product name, the same in every language); its
    id for one not installed here, "" for none."""
    return _NAMES.get(str(source_id), str(source_id)) if source_id else ""


def can(source_id: str | None, capability: Capability) -> bool:
    """Whether the source ``source_id`` (a page's, an incident's alert link's) can do this;
    False for no source, or one not installed here."""
    return bool(source_id) and capability in _CAPABILITIES.get(str(source_id), frozenset())


def sources_that_can(capability: Capability) -> tuple[str, ...]:
    """The registered sources that can do this, in the order they registered."""
    return tuple(sid for sid, caps in _CAPABILITIES.items() if capability in caps)

"""Text for Slack that cannot ping or inject links by accident.

Slack treats ``&``, ``<`` and ``>`` as control characters: escaping them (``&`` first) turns
``<!channel>`` or ``<https://evil|click>`` in an incident title into harmless literal text.
Plain ``@here``/``@channel``/``@everyone`` get a zero-width space so that no later change of
``parse`` or ``link_names`` can turn them into live pings. A deliberate broadcast is added by
the app itself, from code, never from user text.
"""

from __future__ import annotations

import re

_MENTION = re.compile(r"@(here|channel|everyone)\b", re.IGNORECASE)
ZERO_WIDTH_SPACE = "\u200b"
BROADCAST = "<!channel>"


def escape(text: str) -> str:
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MENTION.sub(lambda m: "@" + ZERO_WIDTH_SPACE + m.group(1), text)


def message(text: str, notify_channel: bool = False) -> str:
    """The final message text: all of ``text`` escaped, a broadcast only if asked for."""
    body = escape(text)
    return f"{BROADCAST} {body}" if notify_channel else body

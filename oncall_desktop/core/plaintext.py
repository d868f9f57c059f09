"""Text from outside (PagerDuty, Slack, the terminal) made safe to store, show and pass on.

Applied where the text enters (the integrations' parsers) and again by the notifier: control
characters (U+0000 makes the session bus drop the connection), lone surrogates (which cannot be
encoded, so never notified or printed), bidirectional overrides (which disguise text) and
line breaks (a title is one line) never get in; very long text is cut.
"""

from __future__ import annotations

import unicodedata

MAX_TITLE = 1_000  # PagerDuty caps titles at 1 024 characters

_BIDI_CONTROLS = frozenset(
    "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
)


def clean_line(value: object, limit: int = MAX_TITLE) -> str:
    """One line of plain text: whitespace controls become spaces, other controls, bidi
    overrides and lone surrogates go (a surrogate becomes U+FFFD), the rest is kept as is."""
    if not isinstance(value, str):
        return ""
    out = []
    for ch in value[: limit * 2]:
        code = ord(ch)
        if ch in "\t\n\r\v\f\u2028\u2029\x85":
            out.append(" ")
        elif 0xD800 <= code <= 0xDFFF:
            out.append("\ufffd")
        elif ch in _BIDI_CONTROLS or unicodedata.category(ch) == "Cc":
            continue
        else:
            out.append(ch)
    text = "".join(out).strip()
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"

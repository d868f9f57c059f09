"""The executive summary as a mail the user's own mail client opens (``mailto:``).

A ``mailto:`` link carries the recipients, the subject and the body; some mail clients cut
links longer than about 2 000 characters, so a long body is shortened to fit and the caller
puts the whole text on the clipboard to paste.
"""

from __future__ import annotations

from urllib.parse import quote

MAILTO_LIMIT = 1800  # characters of the whole link


def _link(recipients: tuple[str, ...], subject: str, body: str) -> str:
    to = ",".join(quote(r.strip(), safe="@.+-_") for r in recipients if r.strip())
    return f"mailto:{to}?subject={quote(subject, safe='')}&body={quote(body, safe='')}"


def mailto_link(
    recipients: tuple[str, ...],
    subject: str,
    body: str,
    cut_note: str,
    limit: int = MAILTO_LIMIT,
) -> tuple[str, bool]:
    """(the link, whether the body was shortened to fit ``limit``; ``cut_note`` then ends it)."""
    link = _link(recipients, subject, body)
    if len(link) <= limit:
        return link, False
    low, high = 0, len(body)
    while low < high:  # the longest start of the body that fits with the note
        middle = (low + high + 1) // 2
        if len(_link(recipients, subject, body[:middle] + cut_note)) <= limit:
            low = middle
        else:
            high = middle - 1
    return _link(recipients, subject, body[:low].rstrip() + cut_note), True

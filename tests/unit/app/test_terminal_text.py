"""What the terminal commands print from outside data (PagerDuty titles, notes, errors) cannot
act on the terminal: no escape sequence, no forged line (issue 15, item 6)."""

import json
from datetime import UTC, datetime

import pytest

from oncall_desktop.app.commands import format_status, terminal_safe, terminal_safe_json

HOSTILE = [
    "\x1b[2J\x1b[H",  # clear the screen
    "\x1b]0;pwned\x07",  # set the window title (OSC)
    "\x1b]52;c;cm0gLXJmIH4=\x07",  # write the clipboard (OSC 52)
    "\x9b31m",  # C1 CSI
    "line\nPAGE PFAKE  high-urgency  forged  (ack!)",  # a forged line
    "evil\u202etxt.exe",  # right-to-left override
    "lone \udc80 surrogate",
]


@pytest.mark.parametrize("title", HOSTILE)
def test_no_control_character_reaches_the_terminal(title):
    shown = terminal_safe(title)
    assert all(ch.isprintable() for ch in shown), repr(shown)
    shown.encode("utf-8")  # printable everywhere: no lone surrogate left


def test_escapes_stay_visible_so_nothing_is_hidden():
    assert terminal_safe("\x1b[2Jx") == "\\x1b[2Jx"
    assert terminal_safe("a\u202eb") == "a\\u202eb"
    assert terminal_safe("Base de données à 100 %") == "Base de données à 100 %"


def test_status_lines_and_json_are_safe():
    answer = {
        "ok": True,
        "pages_to_acknowledge": [{"id": "P1", "urgency": "high", "title": HOSTILE[4]}],
        "incidents": [
            {
                "id": 3,
                "severity": "SEV-1",
                "status": "investigating",
                "title": HOSTILE[0] + HOSTILE[2],
                "deadlines": [],
            }
        ],
    }
    text = format_status(answer, datetime.now(UTC))
    assert len(text.splitlines()) == 2  # the newline in the title forged no line
    assert all(ch.isprintable() for line in text.splitlines() for ch in line)
    dumped = terminal_safe_json(answer)
    assert json.loads(dumped) == answer  # still the same JSON
    assert all(ch.isprintable() or ch in "\n" for ch in dumped)

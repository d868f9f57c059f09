"""Text from outside, cleaned where it enters (issue 15, item 11)."""

import pytest

from oncall_desktop.core.paging import parse_page
from oncall_desktop.core.plaintext import clean_line


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("API\x00 down", "API down"),  # NUL: the session bus drops the connection
        ("bad \udc80 unicode", "bad \ufffd unicode"),  # a lone surrogate cannot be encoded
        ("line one\nline two\r\n", "line one line two"),
        ("\x1b[2Jclear", "[2Jclear"),
        ("invoice\u202egpj.exe", "invoicegpj.exe"),  # a right-to-left override disguises text
        ("Base de données à 100 % 🔥", "Base de données à 100 % 🔥"),
    ],
)
def test_clean_line(raw, clean):
    assert clean_line(raw) == clean
    clean_line(raw).encode("utf-8")  # always encodable


def test_long_text_is_cut_with_an_ellipsis():
    assert clean_line("x" * 5000, limit=100) == "x" * 99 + "…"
    assert clean_line(None) == "" and clean_line(42) == ""


def test_pages_from_pagerduty_are_cleaned_where_they_enter():
    page = parse_page(
        {
            "id": "P1",
            "title": "API\x00 down \udc80\n\x1b]0;pwned\x07",
            "service": {"summary": "Back\u202eend"},
        }
    )
    assert page is not None
    assert page.title == "API down \ufffd ]0;pwned"
    assert page.service == "Backend"

"""Text from outside, cleaned where it enters (issue 15, item 11)."""

import pytest

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

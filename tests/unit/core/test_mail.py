"""The executive summary as a mailto: link (issue 19, item 2)."""

from urllib.parse import parse_qs, unquote, urlsplit

from oncall_desktop.core.mail import MAILTO_LIMIT, mailto_link


def parts(link):
    split = urlsplit(link)
    query = parse_qs(split.query)
    return unquote(split.path), query["subject"][0], query["body"][0]


def test_recipients_subject_and_body_travel_intact():
    body = "SEV-1 incident: API down & 50% users\nFinancial impact: ~50M XAF?"
    link, shortened = mailto_link(("cto@x.example", "ceo@x.example"), "SEV-1: API down", body, "…")
    assert not shortened and link.startswith("mailto:cto@x.example,ceo@x.example?")
    assert parts(link) == ("cto@x.example,ceo@x.example", "SEV-1: API down", body)


def test_a_long_body_is_shortened_to_fit_with_a_note():
    body = "é" * 5000
    link, shortened = mailto_link((), "s", body, "\n[…] on the clipboard")
    assert shortened and len(link) <= MAILTO_LIMIT
    _, _, sent = parts(link)
    assert sent.endswith("[…] on the clipboard") and sent.startswith("éé")

import pytest

from oncall_desktop.core.redact import redact, register_secret


@pytest.mark.parametrize(
    ("raw", "secret"),
    [
        ("Authorization: Token token=u+abcDEF_123-xyz", "u+abcDEF_123-xyz"),
        ("headers={'Authorization': 'Bearer xoxb-1234-5678-abcdef'}", "xoxb-1234-5678-abcdef"),
        ("posting with xoxp-9999-8888-zzzz failed", "xoxp-9999-8888-zzzz"),
        ("POST https://hooks.slack.com/services/T000/B000/XXXXXXXX", "T000/B000/XXXXXXXX"),
        ("postgresql+psycopg://oncall:hunter2@db:5432/oncall", "hunter2"),
    ],
)
def test_known_secret_shapes_are_scrubbed(raw, secret):
    assert secret not in redact(raw)
    assert "[REDACTED]" in redact(raw)


def test_registered_secret_is_scrubbed_anywhere():
    register_secret("plain-token-without-a-shape")
    assert redact("oops plain-token-without-a-shape leaked") == "oops [REDACTED] leaked"


def test_ordinary_text_is_untouched():
    text = "Incident API Down: 100% users, see https://grafana.example.com/d/api"
    assert redact(text) == text

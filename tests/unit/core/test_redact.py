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


@pytest.mark.parametrize(
    ("raw", "secret"),
    [
        # urllib3's debug lines: the host, then the path on its own
        (
            'https://hooks.slack.com:443 "POST /services/T0AB12CD3/B0EF45GH6/'
            'aBcDeFgHiJkLmNoPqRsTuVwX HTTP/1.1" 200 2',
            "aBcDeFgHiJkLmNoPqRsTuVwX",
        ),
        (
            'https://hooks.slack-gov.com:443 "POST /services/T0AB12CD3/B0EF45GH6/'
            'zYxWvUtSrQpOnMlKjIhGfEdC HTTP/1.1" 500 12',
            "zYxWvUtSrQpOnMlKjIhGfEdC",
        ),
        ("Authorization: Token token=y_NbAkKc66ryYTWUXYEu", "y_NbAkKc66ryYTWUXYEu"),
        ("xoxb-17653672481-19874698323-pdFZKVeTuE8sk7oOcBrzbqgy", "pdFZKVeTuE8sk7oOcBrzbqgy"),
    ],
)
def test_the_real_shapes_of_every_secret_are_scrubbed(raw, secret):
    assert secret not in redact(raw)


def test_a_registered_webhook_url_is_scrubbed_by_its_path_too():
    register_secret("https://example.test/hooks/abcdefghijklmnop")
    line = '127.0.0.1:8080 "POST /hooks/abcdefghijklmnop HTTP/1.1" 200 2'
    assert "abcdefghijklmnop" not in redact(line)


def test_verbose_logging_of_a_real_webhook_call_leaks_nothing(tmp_path, slack):
    """--verbose turns on urllib3's debug lines, which print the request path: the webhook's
    secret. What reaches the log file is scrubbed at the handler."""
    import logging

    from oncall_desktop.app.logsetup import setup_logging
    from oncall_desktop.integrations.slack import post_webhook

    root = logging.getLogger()
    saved = (root.level, list(root.handlers))
    try:
        setup_logging(tmp_path / "app.log", verbose=True)
        post_webhook(slack.webhook_url, "hello", timeout=(2.0, 2.0))
        for handler in root.handlers:
            handler.flush()
    finally:
        for handler in list(root.handlers):
            root.removeHandler(handler)
            handler.close()
        root.setLevel(saved[0])
        for handler in saved[1]:
            root.addHandler(handler)
    written = (tmp_path / "app.log").read_text(encoding="utf-8")
    assert "POST /services/" in written  # the debug line is there...
    assert "FakeWebhookSecret" not in written  # ...without the secret

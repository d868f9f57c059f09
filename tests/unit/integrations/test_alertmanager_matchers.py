"""Alertmanager matchers as Settings takes them and as the source sends them (``filter``)."""

import re

import pytest

from oncall_desktop.config.schema import ALERT_MATCHERS
from oncall_desktop.integrations.alertmanager_payloads import parse_matchers

READ = [
    ("", []),
    ('team="payments"', ['team="payments"']),
    (' { team = "payments" , env=~"prod|staging" } ', ['team="payments"', 'env=~"prod|staging"']),
    ('msg!~"say \\"hi\\", ok",', ['msg!~"say \\"hi\\", ok"']),
    ("env!=prod, job=node", ['env!="prod"', 'job="node"']),
    ("path=C:\\temp", ['path="C:\\\\temp"']),
]
REFUSED = ["team", 'a="b" c="d"', 'a="b",,c="d"', '1a="b"', 'a=="b"', 'a="unterminated']


@pytest.mark.parametrize(("text", "matchers"), READ)
def test_matchers_read_as_alertmanager_filters(text, matchers):
    assert parse_matchers(text) == matchers
    assert re.match(ALERT_MATCHERS, text)  # Settings takes what the source reads


@pytest.mark.parametrize("text", REFUSED)
def test_what_is_not_a_list_of_matchers_is_refused_in_settings_and_the_source(text):
    with pytest.raises(ValueError):
        parse_matchers(text)
    assert not re.match(ALERT_MATCHERS, text)

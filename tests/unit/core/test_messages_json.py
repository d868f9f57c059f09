"""A message crossing a process or stored (a helper's answer, a post's refusal) comes back
whole, so the console translates all of it: a message inside a message too."""

import json

from oncall_desktop.core.messages import QT_TR_NOOP, message_from_json, message_to_json

FALLBACK = QT_TR_NOOP("not understood")


def test_a_message_within_a_message_comes_back_whole():
    reason = QT_TR_NOOP("{host} cannot be reached ({why}).").format(host="smtp", why="timeout")
    refusal = QT_TR_NOOP("Mail to {who} not sent: {reason}").format(who="cto@x", reason=reason)
    back = message_from_json(json.loads(json.dumps(message_to_json(refusal))), FALLBACK)
    assert back == refusal
    assert str(back) == "Mail to cto@x not sent: smtp cannot be reached (timeout)."


def test_what_is_not_a_message_gives_the_fallback():
    assert message_from_json(["template"], FALLBACK) is FALLBACK
    assert message_from_json({"values": []}, FALLBACK) is FALLBACK
    plain = message_from_json(message_to_json("as typed"), FALLBACK)
    assert str(plain) == "as typed"

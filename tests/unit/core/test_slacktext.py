from oncall_desktop.core.slacktext import escape, message


def test_control_characters_escaped_once_and_no_live_link_or_ping():
    raw = "AT&T <!channel> <https://evil|click> @here &lt;"
    out = escape(raw)
    assert "<" not in out and ">" not in out
    assert out.startswith("AT&amp;T &lt;!channel&gt;")
    assert out.endswith("&amp;lt;")  # an escaped entity in the input is escaped again
    assert "@here" not in out and "@\u200bhere" in out


def test_broadcast_only_when_asked():
    assert message("DB down @channel") == "DB down @\u200bchannel"
    assert message("DB down", notify_channel=True) == "<!channel> DB down"

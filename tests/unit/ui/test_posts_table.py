"""The cockpit's outbox list at the width it has on a 1024x768 laptop: the detail (why a post
failed, where it went) is read whole, on the lines it takes, with the whole text on hovering
(the QA tour read "channel_not_f" and "ConnectionErro")."""

from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import Qt

from oncall_desktop.core.outbox import Post, PostState, Target
from oncall_desktop.ui.widgets.posts_table import PostsTable
from tests.helpers.fit import problems

NOW = datetime(2026, 12, 7, 23, 57, tzinfo=UTC)
UNREACHABLE = "PagerDuty at http://127.0.0.1:37249 cannot be reached (ConnectionError)"


def posts():
    return [
        Post(
            Target.SLACK,
            "UPDATE #1",
            1,
            "internal",
            "update",
            "#incidents",
            state=PostState.SENT,
            created_at=NOW - timedelta(minutes=5),
            remote_ref="C0INCIDENTS/1796687947.000001",
        ),
        Post(
            Target.PAGERDUTY_STATUS,
            "Investigating",
            1,
            "internal",
            "update",
            "PINC1001",
            state=PostState.PENDING,
            attempts=4,
            created_at=NOW - timedelta(minutes=2),
            last_error=UNREACHABLE,
        ),
        Post(
            Target.SLACK,
            "UPDATE #2",
            1,
            "internal",
            "update",
            "#incidents-eu",
            state=PostState.FAILED,
            created_at=NOW,
            last_error="Slack refused it: channel_not_found",
        ),
    ]


@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_detail_is_read_whole_in_the_cockpits_column(qtbot, qapp, language):
    from oncall_desktop.ui.translations import install_translators

    install_translators(qapp, language)
    try:
        table = PostsTable(language, UTC)
        qtbot.addWidget(table)
        table.resize(366, 400)  # the cockpit's right column at 1024x768
        table.show()
        table.set_posts(posts())
        qtbot.waitExposed(table)
        widths = [table.view.columnWidth(c) for c in range(4)]
        assert widths[3] == max(widths), widths  # the detail has the most room
        qtbot.waitUntil(lambda: problems(table) == [], timeout=5000)
        model = table.model
        assert model.index(1, 3).data(Qt.ItemDataRole.ToolTipRole) == UNREACHABLE
        assert model.cell(2, 3) == "Slack refused it: channel_not_found"
    finally:
        install_translators(qapp, "en")

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


@pytest.mark.parametrize("language", ["en", "fr"])
def test_every_destination_is_named_in_the_outbox_in_the_ui_language(qtbot, language):
    """The Where column names each registered destination in the UI's language (the QA tour
    read "statuspage" there in French): every one has a name in both languages, not its id."""
    from oncall_desktop.core.destinations import destinations

    registered = destinations()
    assert {"slack", "teams", "pagerduty_status", "pagerduty_status_page", "executive_mail"} <= {
        d.id for d in registered
    }
    table = PostsTable(language, UTC)
    qtbot.addWidget(table)
    table.set_posts(
        [
            Post(d.id, "Update", 1, "internal", "update", "", state=PostState.SENT, created_at=NOW)
            for d in registered
        ]
    )
    for row, found in enumerate(registered):
        assert found.name.fr.strip() and found.name.en.strip(), found.id
        assert found.id not in (found.name.fr, found.name.en)
        assert table.model.cell(row, 1) == found.name.get(language)


def test_the_screenshot_tour_lists_posts_to_registered_destinations():
    """The outbox the screenshot tour shows stores each post's target as its destination's id
    (it stored "statuspage", an id no destination has, and the cockpit named it so)."""
    from oncall_desktop.core.destinations import destinations
    from tests.desktop.screenshot_windows import posts_of

    ids = {d.id for d in destinations()}
    assert [str(p.target) for p in posts_of(1, NOW) if str(p.target) not in ids] == []

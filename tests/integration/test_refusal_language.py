"""Why a post was refused reads in the UI's language, whichever console recorded it.

The refusal is stored with its message (template and values) beside the English text; a French
console, even one that opens the database later, shows it in French in the posts table and
the resend dialog. The real courier and outbox step against the contract-checked fake Slack.
"""

from datetime import UTC

from oncall_desktop.core.outbox import PostState, Target
from oncall_desktop.storage.db import open_database, sqlite_url
from oncall_desktop.storage.outbox import OutboxRepository
from tests.integration.test_exactly_once import courier, drain, queue

ENGLISH = "Slack refused the message: channel_not_found."
FRENCH = "Slack a refusé le message : channel_not_found."


def test_a_refusal_recorded_in_english_reads_in_french_in_another_console(slack, tmp_path, qapp):
    from oncall_desktop.ui.translations import install_translators
    from oncall_desktop.ui.widgets.posts_table import PostsTable
    from oncall_desktop.ui.windows.resend_dialog import ResendDialog

    url = sqlite_url(tmp_path / "outbox.sqlite3")
    recording = open_database(url)
    post = queue(OutboxRepository(recording), Target.SLACK, "UPDATE #3", destination="#gone")
    drain(OutboxRepository(recording), courier(slack).deliver)
    recording.close()

    reading = open_database(url)  # another console, or this one restarted
    try:
        stored = OutboxRepository(reading).get(post.id)
        assert stored.state is PostState.FAILED
        assert stored.last_error == ENGLISH  # the logs, and consoles of earlier versions
        install_translators(qapp, "fr")
        table = PostsTable("fr", UTC)
        table.set_posts([stored])
        assert table.model.cell(0, 3) == FRENCH
        dialog = ResendDialog(stored, "#incidents", language="fr")
        assert dialog.reason.text() == f"Refusé : {FRENCH}"
        table.deleteLater()
        dialog.deleteLater()
    finally:
        install_translators(qapp, "en")
        reading.close()


def test_a_refusal_from_a_console_of_an_earlier_version_still_shows(slack, tmp_path, qapp):
    """A row without its message (written before migration 0013, or by an older console on
    the team database) shows its English text rather than nothing."""
    from sqlalchemy import text

    from oncall_desktop.ui.widgets.posts_table import PostsTable

    database = open_database(sqlite_url(tmp_path / "outbox.sqlite3"))
    try:
        repo = OutboxRepository(database)
        post = queue(repo, Target.SLACK, "UPDATE #4", destination="#gone")
        drain(repo, courier(slack).deliver)
        with database.session() as session:
            session.execute(text("UPDATE outbox_posts SET last_error_message = NULL"))
        table = PostsTable("fr", UTC)
        table.set_posts([repo.get(post.id)])
        assert table.model.cell(0, 3) == ENGLISH
        table.deleteLater()
    finally:
        database.close()

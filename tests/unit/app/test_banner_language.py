"""A problem the rooms hand the main window's banner is said again in the new language when
it changes (the banner keeps the message, not the text it had when shown): the handoff's,
and a refusal from PagerDuty for a cockpit closed meanwhile, in the assembled app, the
language changed the way the Settings dialog's OK does."""

from dataclasses import replace

import pytest

from oncall_desktop.config.schema import Settings
from tests.helpers.fake_pagerduty import Fault
from tests.unit.app.test_cockpits import declared_here_with_pagerduty

WAIT = 10_000  # ms: returns as soon as the banner reads French


@pytest.fixture
def english_afterwards(qapp):
    yield
    from oncall_desktop.ui.translations import install_translators

    install_translators(qapp, "en")


def choose_french(ctx):
    """What the Settings dialog's OK does with the language set to French."""
    ctx.controller.settings_controller.apply_settings(replace(ctx.settings, language="fr"), {})


def test_the_handoffs_problem_follows_the_language(qtbot, context, english_afterwards):
    """A handoff date the rotation cannot be built from (a settings file edited by hand):
    the handoff says so at start, then in French."""
    ctx = context(settings=Settings(language="en", rotation_anchor="2026-02-30"))
    qtbot.waitUntil(lambda: "handoff" in ctx.window.banner.texts(), timeout=WAIT)
    assert ctx.window.banner.texts()["handoff"].startswith("The rotation settings are not usable: ")

    choose_french(ctx)

    qtbot.waitUntil(
        lambda: ctx.window.banner.texts()["handoff"].startswith(
            "Les réglages de la rotation sont inutilisables : "
        ),
        timeout=WAIT,
    )


def test_a_refusal_for_a_closed_cockpit_follows_the_language(
    qtbot, context, pagerduty, english_afterwards
):
    """'Declare in PagerDuty', the cockpit closed while PagerDuty answers, and PagerDuty
    refuses: the main window says so, then says it again in French."""
    ctx, window = declared_here_with_pagerduty(qtbot, context, pagerduty, "API down")
    incident_id = window.incident.id
    key = f"cockpit-{incident_id}"
    pagerduty.fail_next(Fault(400, delay=0.5, path="/incidents", method="POST"))
    window.declare_button.click()
    window.close()
    qtbot.waitUntil(lambda: incident_id not in ctx.controller.cockpits, timeout=WAIT)
    qtbot.waitUntil(lambda: key in ctx.window.banner.texts(), timeout=WAIT)
    assert ctx.window.banner.texts()[key].startswith("Could not declare it in PagerDuty: ")

    choose_french(ctx)

    qtbot.waitUntil(
        lambda: ctx.window.banner.texts()[key].startswith(
            "Impossible de le déclarer dans PagerDuty : "
        ),
        timeout=WAIT,
    )


def test_why_a_draft_stayed_on_this_computer_follows_the_language(
    qtbot, context, tmp_path, english_afterwards
):
    """Another program holds the database's write lock (a second copy of the app, a sqlite3
    shell left in a transaction): the post-mortem's draft is saved on this computer, and the
    editor's banner says why, then says it again in French."""
    import sqlite3

    from tests.unit.app.test_postmortems import open_editor, resolved

    ctx = context(settings=Settings(language="en"))
    incident_id = resolved(qtbot, ctx)
    window = open_editor(qtbot, ctx, incident_id)
    other = sqlite3.connect(tmp_path / "oncall.sqlite3", isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # the write lock, held
    try:
        window.text_edits["root_cause"].setPlainText("written while the file was locked")
        window.autosave.flush()
        qtbot.waitUntil(lambda: "offline" in window.banner.texts(), timeout=WAIT + 5000)
        assert "is locked by another program" in window.banner.texts()["offline"]

        choose_french(ctx)

        qtbot.waitUntil(
            lambda: "est verrouillée par un autre programme" in window.banner.texts()["offline"],
            timeout=WAIT,
        )
    finally:
        other.rollback()
        other.close()


def test_a_change_the_locked_database_refused_follows_the_language(
    qtbot, context, tmp_path, english_afterwards
):
    """A note added while another program holds the write lock is not stored: the main
    window says why ("storage"), then says it again in French."""
    import sqlite3

    from oncall_desktop.core.policy import Severity

    ctx = context(settings=Settings(language="en"))
    with qtbot.waitSignal(ctx.incidents.incident_declared, timeout=WAIT) as declared:
        ctx.incidents.declare("API down", Severity.SEV2, "EU users")
    incident_id = declared.args[0].id
    other = sqlite3.connect(tmp_path / "oncall.sqlite3", isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # the write lock, held
    try:
        ctx.incidents.change(
            incident_id, lambda incident, now, who: incident.add_note("rollback", at=now, actor=who)
        )
        qtbot.waitUntil(lambda: "storage" in ctx.window.banner.texts(), timeout=WAIT + 5000)
        assert "is locked by another program" in ctx.window.banner.texts()["storage"]

        choose_french(ctx)

        qtbot.waitUntil(
            lambda: (
                "est verrouillée par un autre programme" in ctx.window.banner.texts()["storage"]
            ),
            timeout=WAIT,
        )
    finally:
        other.rollback()
        other.close()

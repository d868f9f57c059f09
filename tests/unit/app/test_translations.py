"""French and English UI: every translatable string has its French translation, the compiled
files match their sources, and switching the language changes our texts and Qt's own."""

import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import keyring.backends.fail
import pytest
from PySide6.QtCore import QCoreApplication, QTranslator
from PySide6.QtWidgets import QDialogButtonBox

from oncall_desktop.config.schema import Settings

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT / "packaging"))
import build_translations  # noqa: E402 - the packaging script is the one source of how


def messages(ts: Path) -> dict[tuple[str, str], ET.Element]:
    root = ET.parse(ts).getroot()
    return {
        (c.findtext("name"), m.findtext("source")): m.find("translation")
        for c in root.findall("context")
        for m in c.findall("message")
    }


def test_every_ui_string_has_its_french_translation(tmp_path):
    extracted = tmp_path / "now.ts"
    subprocess.run(
        [
            build_translations.tool("pyside6-lupdate"),
            *build_translations.sources(),
            "-no-obsolete",
            "-ts",
            str(extracted),
        ],
        check=True,
        capture_output=True,
    )
    in_code = set(messages(extracted))
    committed = messages(build_translations.ts_file("fr"))
    missing = sorted(in_code - set(committed))
    assert not missing, f"run packaging/build_translations.py and translate: {missing[:5]}"
    unfinished = [key for key in in_code if committed[key].get("type") == "unfinished"]
    assert not unfinished, f"not translated yet: {unfinished[:5]}"
    assert len(in_code) > 300


def test_the_compiled_translations_match_their_sources(tmp_path):
    for fresh in build_translations.compile_to(tmp_path):
        shipped = build_translations.QM_DIR / fresh.name
        assert shipped.read_bytes() == fresh.read_bytes(), (
            f"{shipped.name} is stale: run python packaging/build_translations.py --compile"
        )


@pytest.fixture
def english_afterwards(qapp):
    yield
    from oncall_desktop.ui.translations import install_translators

    install_translators(qapp, "en")


def test_french_ui_with_qt_dialogs_in_french_too(english_afterwards, context, qapp):
    ctx = context(settings=Settings(language="fr"))
    assert ctx.window.declare_action.text() == "Déclarer un incident…"
    assert ctx.window.history_action.text() == "Historique et KPI…"
    tr = QCoreApplication.translate
    assert tr("TrayStatus", "%n open incident(s)", "", 2) == "2 incidents ouverts"
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    assert buttons.button(QDialogButtonBox.StandardButton.Cancel).text() == "Annuler"


def test_english_plurals(english_afterwards, context):
    context(settings=Settings(language="en"))
    tr = QCoreApplication.translate
    assert tr("TrayStatus", "%n open incident(s)", "", 1) == "1 open incident"
    assert tr("TrayStatus", "%n open incident(s)", "", 3) == "3 open incidents"


def _problem_from(call):
    try:
        call()
    except Exception as error:  # noqa: BLE001 - the error is what the test looks at
        return error
    raise AssertionError("no error")


def test_problems_from_below_the_ui_are_shown_in_its_language(english_afterwards, context):
    """Storage, the HTTP clients and the keyring cannot translate; what they report is
    translated when shown, and stays English in the logs (str of the error)."""
    from oncall_desktop.integrations.pagerduty import PagerDutyClient
    from oncall_desktop.integrations.secrets import KeyringSecretStore
    from oncall_desktop.services.messages import shown
    from oncall_desktop.storage.db import open_database

    unsupported = _problem_from(lambda: open_database("mysql://db.example.com/oncall"))
    closed_port = _problem_from(lambda: PagerDutyClient("token", "http://127.0.0.1:9").me())
    no_keyring = KeyringSecretStore(backend=keyring.backends.fail.Keyring()).status().message

    context(settings=Settings(language="fr"))
    assert shown(unsupported) == (
        "Le type de base de données « mysql » n’est pas pris en charge ; utilisez PostgreSQL, "
        "ou laissez l’URL vide pour la base SQLite intégrée."
    )
    assert shown(closed_port).startswith("PagerDuty (http://127.0.0.1:9) est injoignable (")
    assert shown(no_keyring).startswith("Aucun trousseau utilisable n’a été trouvé")
    assert str(unsupported).startswith("Database type 'mysql' is not supported")

    context(settings=Settings(language="en"))
    assert shown(closed_port) == str(closed_port)
    assert shown(closed_port).startswith("PagerDuty at http://127.0.0.1:9 cannot be reached (")


def test_a_page_alerts_in_the_ui_language(english_afterwards, context):
    from oncall_desktop.core.paging import Page
    from tests.unit.app.conftest import RecordingNotifier

    ctx = context(settings=Settings(language="fr"))
    recorder = RecordingNotifier()
    ctx.controller.notifications.use(recorder.notifier)
    ctx.controller.alert_controller.on_new_alerts(
        [Page("H1", 2, "API down", "triggered", "high", "api", None, "")]
    )
    assert [n.title for n in recorder.shown] == ["🔴 Urgence haute · api"]
    assert ("acknowledge", "Acquitter") in recorder.shown[0].actions


def test_statuses_are_listed_in_the_ui_language(english_afterwards, context, clock):
    from oncall_desktop.core.incident import Incident, Status
    from oncall_desktop.core.policy import Severity

    ctx = context(settings=Settings(language="fr"))
    incident = Incident.declare(title="API", severity=Severity.SEV2, at=clock.now(), actor="a")
    incident.id = 7
    incident.move_to(Status.ACKNOWLEDGED, at=clock.now(), actor="a")
    ctx.window.set_incidents([incident])
    model = ctx.window.model
    assert model.data(model.index(0, model.COLUMNS.index("status"))) == "acquitté"


class _LookupSpy(QTranslator):
    """Installed last, so asked first by Qt for every text; answers nothing (None: Qt goes on
    to the real translators) and remembers what was asked."""

    def __init__(self) -> None:
        super().__init__()
        self.asked: set[tuple[str, str, int]] = set()

    def translate(self, context, source, disambiguation=None, n=-1):
        self.asked.add((context, source, n))
        return None

    def isEmpty(self) -> bool:
        return False


def test_the_french_ui_asks_for_no_text_it_has_no_french_for(
    english_afterwards, context, qapp, qtbot, clock
):
    """What the string extraction cannot see (a text translated through a variable that was
    never marked, or through a helper lupdate does not know) shows up here: every lookup our
    windows make while a French UI is used must have its French translation."""
    from oncall_desktop.core.compose import MessageKind
    from oncall_desktop.core.incident import Status
    from oncall_desktop.core.policy import Severity
    from oncall_desktop.ui.windows.cockpit_window import SnoozeDialog
    from oncall_desktop.ui.windows.composer_dialog import ComposerDialog
    from oncall_desktop.ui.windows.declare_dialog import DeclareDialog
    from oncall_desktop.ui.windows.settings_dialog import SettingsDialog

    ctx = context(settings=Settings(language="fr", team_timezone="Africa/Douala"))
    spy = _LookupSpy()
    qapp.installTranslator(spy)
    try:
        with qtbot.waitSignal(ctx.incidents.incident_declared, timeout=5000) as declared:
            ctx.incidents.declare("API down", Severity.SEV1, "100% users")
        incident = declared.args[0]
        ctx.controller.open_cockpit(incident.id)
        qtbot.waitUntil(lambda: incident.id in ctx.controller.cockpits, timeout=5000)
        with qtbot.waitSignal(ctx.incidents.incident_changed, timeout=5000):
            ctx.incidents.move_to(incident.id, Status.RESOLVED, note="Failover")
        ctx.controller.history.show_history()
        ctx.controller.history.show_kpis()
        ctx.controller.postmortems.open(incident.id)
        qtbot.waitUntil(lambda: incident.id in ctx.controller.postmortems.windows, timeout=5000)
        ctx.controller.postmortems.show_action_items()
        cockpit = ctx.controller.cockpits[incident.id]
        for dialog in (
            SettingsDialog(ctx.settings, ctx.connections, ctx.window),
            DeclareDialog(ctx.controller.policy, "fr", clock.now(), ctx.window),
            ComposerDialog(
                cockpit.incident,
                ctx.controller.policy,
                "fr",
                clock.now(),
                None,
                "Ama",
                {"slack": "#incidents"},
                MessageKind.RESOLVED,
                cockpit,
            ),
            SnoozeDialog("Interne", cockpit),
        ):
            dialog.show()
            dialog.close()
        # what comes from the database is shown (and said) too: the count, the KPI report
        history = ctx.controller.history
        qtbot.waitUntil(lambda: history.history_window.count_label.text() != "", timeout=20_000)
        qtbot.waitUntil(lambda: history.kpi_window.report is not None, timeout=20_000)
    finally:
        qapp.removeTranslator(spy)

    ours = QTranslator()
    assert ours.load(str(build_translations.QM_DIR / "oncall_desktop_fr.qm"))
    ours_or_qt = [
        (context_name, source)
        for context_name, source, n in spy.asked
        if not context_name.startswith("Q")  # Qt's own texts: its qtbase translation
        and source.strip()
        and not ours.translate(context_name, source, None, n)
    ]
    assert sorted(ours_or_qt) == []
    assert len(spy.asked) > 150


def test_problems_in_the_settings_and_procedure_files_read_in_the_ui_language(
    english_afterwards, context, tmp_path
):
    import json

    from oncall_desktop.config.store import SettingsStore
    from oncall_desktop.core.policy_file import apply_override, default_data
    from oncall_desktop.services.messages import shown

    (tmp_path / "settings.json").write_text(json.dumps({"close_to_tray": "oui"}))
    settings_problem = SettingsStore(tmp_path).load().problems[0]
    override = {"severities": {"SEV-1": {"ack_sla_minutes": "cinq"}}}
    procedure_problem = apply_override(default_data(), override).problems[0]

    context(settings=Settings(language="fr"))
    assert shown(settings_problem) == (
        "close_to_tray : true ou false attendu, reçu 'oui' ; la valeur par défaut est utilisée"
    )
    assert shown(procedure_problem) == (
        "severities.SEV-1.ack_sla_minutes : un nombre est attendu, reçu 'cinq' "
        "(les valeurs par défaut de « severities » restent)"
    )
    assert str(procedure_problem).startswith("severities.SEV-1.ack_sla_minutes: expected a number")


def test_french_typography_a_space_before_the_colon_and_weekdays_in_lower_case(
    english_afterwards, context, clock
):
    """Issue 26: "SEV-3:" and "Lundi 9h: …" in the French UI. The SOP's own title ("Lundi 9h"
    in the handoff's heading) stays as the SOP wrote it (tests/unit/core/test_handoff.py)."""
    from oncall_desktop.core.handoff import change_label
    from oncall_desktop.ui.notifier import Notification, WindowNotifier
    from oncall_desktop.ui.widgets.severity_assessment import SeverityAssessment

    ctx = context(settings=Settings(language="fr"))
    when = change_label(clock.now(), None, "fr")
    assert when.split()[0].islower()
    WindowNotifier(ctx.window).notify(
        Notification(key="handoff", title=f"Passation d’astreinte : {when}", body="A → B")
    )
    assert ctx.window.banner.texts()["alert-handoff"] == f"Passation d’astreinte : {when} : A → B"
    wizard = SeverityAssessment(ctx.controller.policy, "fr")
    reasons = wizard.proposal.text().splitlines()[1:]
    assert reasons and all(line.startswith("• SEV-") and " : " in line for line in reasons)
    assert not any(":" in line.split(" : ")[0] for line in reasons)


def test_a_language_change_applies_at_once_to_the_open_windows(english_afterwards, context, qtbot):
    """Issue 26: the new language showed only after a restart. The main window, the tray
    menu, who is on call and the open cockpits switch at once."""
    from dataclasses import replace

    from PySide6.QtCore import Qt

    from oncall_desktop.core.incident import Status
    from oncall_desktop.core.policy import Severity
    from oncall_desktop.ui.tray import Tray

    ctx = context(settings=Settings(language="en", engineer_name="Ana"))
    with qtbot.waitSignal(ctx.incidents.incident_declared, timeout=5000) as declared:
        ctx.incidents.declare("API down", Severity.SEV2, "EU")
    incident_id = declared.args[0].id
    ctx.controller.open_cockpit(incident_id)
    qtbot.waitUntil(lambda: incident_id in ctx.controller.cockpits, timeout=5000)
    assert ctx.controller.cockpits[incident_id].status_buttons[Status.RESOLVED].text() == "Resolve"
    tray = Tray()  # offscreen has no tray: one as the app builds it, switched the same way
    assert ctx.window.declare_action.text() == "Declare incident…"

    ctx.controller.settings_controller.apply_settings(replace(ctx.settings, language="fr"), {})
    tray.retranslate()

    assert ctx.window.declare_action.text() == "Déclarer un incident…"
    status = ctx.window.model.COLUMNS.index("status")
    assert ctx.window.model.headerData(status, Qt.Orientation.Horizontal) == "Statut"
    assert "Ouvrir On-call Desktop" in [a.text() for a in tray.menu.actions()]
    qtbot.waitUntil(lambda: incident_id in ctx.controller.cockpits, timeout=5000)
    cockpit = ctx.controller.cockpits[incident_id]
    assert cockpit.status_buttons[Status.RESOLVED].text() == "Résoudre"
    assert cockpit.language == "fr"
    assert "s’applique maintenant" in ctx.window.banner.texts()["language"]

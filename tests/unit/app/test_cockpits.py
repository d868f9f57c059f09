"""The cockpits: the room alone (real incidents and alert actions on a throwaway SQLite store,
a real main window; stand-ins for the outbox, the update router, the alert sources and the
connection tests, each a few lines that keep what was asked of it), then in the assembled app
with the contract-checked fakes of PagerDuty and Slack."""

import time

import pytest
from PySide6.QtGui import QGuiApplication

from oncall_desktop.config.schema import Settings
from oncall_desktop.core.incident import EventKind
from oncall_desktop.core.outbox import Post
from oncall_desktop.core.policy import Severity
from oncall_desktop.integrations.secrets import InMemorySecretStore
from tests.unit.app.conftest import connected_to_pagerduty


class Outbox:
    """Stands in for the outbox: no post yet for any incident."""

    def posts_for(self, incident_id, then):
        then([])


class Router:
    """Stands in for the update router: keeps what the team would be sent."""

    class Route:
        label = "#incidents"

    def __init__(self):
        self.internal = []

    def post_internal(self, text, *, kind, **where):
        self.internal.append((kind, where.get("channel")))
        return self.Route()


class Sources:
    """Stands in for the alert sources: none is watched (no page to escalate or declare on)."""

    def watcher(self, source):
        return None


class Connections:
    """Stands in for the connection tests: opens the incident channel it is asked for."""

    def __init__(self):
        self.asked = []

    def create_incident_channel(self, values, day, created, failed):
        self.asked.append(day)
        created("C42")


@pytest.fixture
def room(qapp, database, runner, clock, policy, preferences):
    from oncall_desktop.app.cockpits import CockpitController
    from oncall_desktop.integrations.secrets import InMemorySecretStore
    from oncall_desktop.services.alert_actions import AlertActions
    from oncall_desktop.services.incidents import IncidentService
    from oncall_desktop.storage.incidents import IncidentRepository
    from oncall_desktop.ui.translations import install_translators
    from oncall_desktop.ui.windows.main_window import MainWindow

    install_translators(qapp, "en")
    incidents = IncidentService(IncidentRepository(database), runner, clock, policy, "alice")
    window = MainWindow("en", None)
    cockpits = CockpitController(
        incidents,
        AlertActions(incidents, None),
        Outbox(),
        Router(),
        Sources(),
        Connections(),
        runner,
        InMemorySecretStore(),
        preferences,
        policy,
        clock,
        window,
    )
    incidents.incident_changed.connect(cockpits.on_incident_changed)  # as the root connects it
    yield cockpits
    cockpits.close_all()
    window.deleteLater()


def declared(qtbot, room, title="API down"):
    with qtbot.waitSignal(room.incidents.incident_declared, timeout=5000) as declaring:
        room.incidents.declare(title, Severity.SEV1, "all users")
    return declaring.args[0].id


def test_a_cockpit_opens_once_per_incident_and_closing_forgets_it(qtbot, room):
    incident_id = declared(qtbot, room)
    moves = []
    room.opened_changed.connect(lambda: moves.append(len(room.cockpits)))
    room.open_cockpit(incident_id)
    qtbot.waitUntil(lambda: incident_id in room.cockpits, timeout=5000)
    cockpit = room.cockpits[incident_id]
    assert cockpit.isVisible() and cockpit.incident.title == "API down"
    shown = []
    room.open_cockpit(incident_id, lambda: shown.append(True))  # asked again: the same one
    qtbot.waitUntil(lambda: shown == [True], timeout=5000)
    assert list(room.cockpits.values()) == [cockpit]
    cockpit.close()
    assert room.cockpits == {} and moves == [1, 0]


def test_the_incident_channel_is_recorded_and_the_declaration_posted_there(qtbot, room):
    incident_id = declared(qtbot, room)
    room.open_cockpit(incident_id)
    qtbot.waitUntil(lambda: incident_id in room.cockpits, timeout=5000)
    asked_names = []
    room.name_needed.connect(asked_names.append)
    room.create_incident_channel(incident_id)
    cockpit = room.cockpits[incident_id]
    assert asked_names == [cockpit]  # who is on call, asked before it is said there
    assert room.router.internal == [("declared", "C42")]
    qtbot.waitUntil(
        lambda: any(e.data.get("slack_channel") == "C42" for e in cockpit.incident.timeline),
        timeout=5000,
    )
    assert cockpit.channel_button.isEnabled()


def test_an_acknowledgement_refused_opens_the_cockpit_which_says_why(qtbot, room):
    incident_id = declared(qtbot, room)  # declared here: already acknowledged
    qtbot.waitUntil(lambda: [i.id for i in room.incidents.active] == [incident_id], timeout=5000)
    room.acknowledge_incident(incident_id)
    qtbot.waitUntil(lambda: incident_id in room.cockpits, timeout=5000)
    room.acknowledge_incident(incident_id + 1)  # not an open incident: nothing to do
    assert list(room.cockpits) == [incident_id]


def test_a_post_that_could_not_be_queued_is_on_the_clipboard_and_said_in_its_cockpit(qtbot, room):
    incident_id = declared(qtbot, room)
    room.open_cockpit(incident_id)
    qtbot.waitUntil(lambda: incident_id in room.cockpits, timeout=5000)
    post = Post("slack", "Update: mitigated", incident_id, destination="#incidents")
    room.on_post_refused(post, "The team database is not answering.")
    assert QGuiApplication.clipboard().text() == "Update: mitigated"
    cockpit = room.cockpits[incident_id]
    assert "The text is on the clipboard" in cockpit.problem_label.text()


def test_while_the_team_database_is_away_every_cockpit_says_so(qtbot, room):
    incident_id = declared(qtbot, room)
    room.show_presence(None)  # team mode, who else is here not known yet
    room.set_database_away("The team database is not answering.")
    room.open_cockpit(incident_id)  # opened meanwhile: says it too
    qtbot.waitUntil(lambda: incident_id in room.cockpits, timeout=5000)
    away = room.cockpits[incident_id].roles_bar.away
    assert away.text() == "The team database is not answering." and not away.isHidden()
    room.set_database_away("")
    assert away.isHidden()
    room.show_presence({incident_id: ["Ben"]})
    assert room.cockpits[incident_id].roles_bar.present.text() == "Also here: Ben"


def test_a_note_made_elsewhere_shows_in_the_open_cockpit(qtbot, room):
    incident_id = declared(qtbot, room)
    room.open_cockpit(incident_id)
    qtbot.waitUntil(lambda: incident_id in room.cockpits, timeout=5000)
    room.incidents.add_note(incident_id, "checked the load balancer")
    qtbot.waitUntil(
        lambda: bool(room.cockpits[incident_id].incident.events(EventKind.NOTE)), timeout=5000
    )


# --- in the assembled app --------------------------------------------------------------------


def test_many_cockpits_all_catch_up_within_the_second(qtbot, context, clock):
    from datetime import timedelta

    from oncall_desktop.core.incident import Incident

    ctx = context(settings=Settings(language="en"))
    from oncall_desktop.storage.incidents import IncidentRepository

    repo = IncidentRepository(ctx.database)
    for n in range(3):
        incident = repo.save(
            Incident.declare(
                title=f"incident {n}", severity=Severity.SEV1, at=clock.now(), actor="a"
            )
        )
        ctx.controller.cockpit_controller.show_cockpit(incident)
    clock.advance(timedelta(minutes=2))
    ctx.controller.on_tick(clock.now())
    windows = list(ctx.controller.cockpits.values())
    assert windows[0].clocks.ack_label.text() == "3:00"  # the first at once, the others spread out
    qtbot.waitUntil(
        lambda: all(w.clocks.ack_label.text() == "3:00" for w in windows), timeout=10_000
    )


def test_compose_sends_through_the_outbox_and_resets_the_countdown(
    qtbot, context, slack, monkeypatch
):
    from oncall_desktop.core.compose import MessageKind
    from oncall_desktop.core.incident import EventKind
    from oncall_desktop.integrations.secrets import SLACK_BOT_TOKEN
    from oncall_desktop.ui.windows import composer_dialog
    from oncall_desktop.ui.windows.composer_dialog import Composition

    secrets = InMemorySecretStore()
    secrets.set(SLACK_BOT_TOKEN, slack.token)
    ctx = context(settings=Settings(language="en", slack_base_url=slack.url), secrets=secrets)
    with qtbot.waitSignal(ctx.incidents.incident_declared, timeout=5000):
        ctx.incidents.declare("Login impossible <!here>", Severity.SEV2)
    qtbot.waitUntil(lambda: len(ctx.controller.cockpits) == 1, timeout=5000)
    window = next(iter(ctx.controller.cockpits.values()))
    seen = []

    def fake_ask(
        cls,
        incident,
        policy,
        language,
        now,
        zone,
        oncall,
        where,
        kind,
        parent=None,
        ui_language="en",
    ):
        seen.append((where["slack"], kind))
        return Composition(MessageKind.DECLARED, f"DECLARED: {incident.title}", ("slack",))

    monkeypatch.setattr(composer_dialog.ComposerDialog, "ask", classmethod(fake_ask))
    window.clocks.audience_rows[next(iter(window.clocks.audience_rows))].compose.click()
    assert seen == [("#incidents", MessageKind.DECLARED)]
    qtbot.waitUntil(lambda: bool(slack.texts("C0INCIDENTS")), timeout=8000)
    assert slack.texts("C0INCIDENTS") == ["DECLARED: Login impossible &lt;!here&gt;"]
    qtbot.waitUntil(lambda: bool(window.incident.events(EventKind.UPDATE_SENT)), timeout=8000)
    qtbot.waitUntil(
        lambda: (
            window.posts_table.model.rowCount() == 1
            and window.posts_table.model.cell(0, 2) == "sent"
        ),
        timeout=8000,
    )


def test_create_incident_channel_then_post_the_declaration_there(qtbot, context, slack, clock):
    from oncall_desktop.core.incident import EventKind
    from oncall_desktop.integrations.secrets import SLACK_BOT_TOKEN
    from oncall_desktop.integrations.slack_destination import incident_channel

    secrets = InMemorySecretStore()
    secrets.set(SLACK_BOT_TOKEN, slack.token)
    ctx = context(
        settings=Settings(language="en", slack_base_url=slack.url, team_timezone="UTC"),
        secrets=secrets,
    )
    slack.channels["incident-2025-10-20-001"] = "C000000OLD"
    with qtbot.waitSignal(ctx.incidents.incident_declared, timeout=5000):
        ctx.incidents.declare("API Down", Severity.SEV1)
    qtbot.waitUntil(lambda: len(ctx.controller.cockpits) == 1, timeout=5000)
    window = next(iter(ctx.controller.cockpits.values()))
    window.channel_button.click()
    qtbot.waitUntil(lambda: "incident-2025-10-20-002" in slack.channels, timeout=8000)
    channel_id = slack.channels["incident-2025-10-20-002"]
    qtbot.waitUntil(lambda: bool(slack.texts(channel_id)), timeout=8000)
    assert slack.texts(channel_id)[0].startswith("📢 INCIDENT DECLARED")
    qtbot.waitUntil(lambda: incident_channel(window.incident) == channel_id, timeout=8000)
    # the declaration counts as the internal update sent
    qtbot.waitUntil(lambda: bool(window.incident.events(EventKind.UPDATE_SENT)), timeout=8000)


def test_channel_creation_without_a_token_says_so(qtbot, context):
    ctx = context(settings=Settings(language="en"))
    with qtbot.waitSignal(ctx.incidents.incident_declared, timeout=5000):
        ctx.incidents.declare("API Down", Severity.SEV1)
    qtbot.waitUntil(lambda: len(ctx.controller.cockpits) == 1, timeout=5000)
    window = next(iter(ctx.controller.cockpits.values()))
    window.channel_button.click()
    qtbot.waitUntil(lambda: "No Slack bot token" in window.problem_label.text(), timeout=5000)


def test_messages_are_composed_in_the_team_message_language_not_the_ui_one(
    qtbot, context, monkeypatch, qapp
):
    from oncall_desktop.ui.translations import install_translators
    from oncall_desktop.ui.windows import composer_dialog

    asked = []
    monkeypatch.setattr(
        composer_dialog.ComposerDialog,
        "ask",
        classmethod(lambda cls, *args, **kwargs: asked.append(args[2])),
    )
    try:
        for message_language in ("en", "fr"):
            ctx = context(settings=Settings(language="fr", message_language=message_language))
            with qtbot.waitSignal(ctx.incidents.incident_declared, timeout=5000) as blocker:
                ctx.incidents.declare("API down", Severity.SEV1, "100%")
            incident_id = blocker.args[0].id
            qtbot.waitUntil(
                lambda ctx=ctx, i=incident_id: i in ctx.controller.cockpits, timeout=5000
            )
            ctx.controller.cockpit_controller.compose(incident_id, "internal")
            assert asked[-1] == message_language
    finally:
        install_translators(qapp, "en")
    assert Settings().message_language == "en"  # the SOP's templates are English


def test_the_controller_resends_to_the_chosen_channel(qtbot, context, monkeypatch):
    from oncall_desktop.config.schema import Settings
    from oncall_desktop.ui.windows import resend_dialog

    ctx = context(settings=Settings(language="en", slack_channel="#incidents"))
    monkeypatch.setattr(
        resend_dialog.ResendDialog,
        "ask",
        classmethod(
            lambda cls, post, channel, parent=None, language="en": resend_dialog.Resend(
                "x", channel
            )
        ),
    )
    sent = []
    monkeypatch.setattr(
        ctx.outbox, "resend", lambda post, text, destination: sent.append(destination)
    )
    from oncall_desktop.core.outbox import Post, PostState, Target

    ctx.controller.cockpit_controller.resend(
        Post(Target.SLACK, "x", destination="#gone", state=PostState.FAILED, id=7)
    )
    assert sent == ["#incidents"]


def test_a_compose_notification_opens_the_composer_of_its_incident(
    qtbot, context, clock, monkeypatch
):
    """Its warning is tests/unit/app/test_deadline_alerts.py's; its action, here."""
    ctx = context(settings=Settings(language="en"))
    with qtbot.waitSignal(ctx.incidents.incident_declared, timeout=5000) as blocker:
        ctx.incidents.declare("API Down", Severity.SEV1, "100% users")
    incident_id = blocker.args[0].id
    qtbot.waitUntil(lambda: len(ctx.incidents.active) == 1, timeout=5000)
    composed = []
    monkeypatch.setattr(
        ctx.controller.cockpit_controller, "compose", lambda i, a: composed.append((i, a))
    )
    ctx.controller.alert_controller.on_notification_action(
        f"compose:{incident_id}:status_page", "compose"
    )
    qtbot.waitUntil(lambda: composed == [(incident_id, "status_page")], timeout=5000)


def test_the_executive_mail_resets_its_countdown_only_once_confirmed(qtbot, context, monkeypatch):
    from PySide6.QtGui import QDesktopServices
    from PySide6.QtWidgets import QMessageBox

    from oncall_desktop.core.incident import EventKind

    ctx = context(settings=Settings(language="en"))
    with qtbot.waitSignal(ctx.incidents.incident_declared, timeout=5000) as blocker:
        ctx.incidents.declare("API down", Severity.SEV1, "100% users")
    incident = blocker.args[0]
    opened = []
    monkeypatch.setattr(
        QDesktopServices, "openUrl", staticmethod(lambda url: opened.append(url.toString()) or True)
    )
    answers = iter([QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes])
    monkeypatch.setattr(QMessageBox, "question", staticmethod(lambda *a, **k: next(answers)))
    ctx.controller.cockpit_controller.sending.mail_executives(
        incident, "SEV-1 incident: API down\nImpact: all", ctx.window
    )
    assert opened and opened[0].startswith("mailto:?subject=SEV-1")
    ctx.controller.cockpit_controller.sending.mail_executives(
        incident, "SEV-1 incident: API down", ctx.window
    )

    def sent_updates():  # as the incidents list has them (it is read after the declaration)
        return [e for i in ctx.incidents.active for e in i.events(EventKind.UPDATE_SENT)]

    qtbot.waitUntil(lambda: bool(sent_updates()), timeout=20_000)
    # the confirmed one only: the first, not confirmed, counted nothing (writes go in order)
    [sent] = sent_updates()
    assert (sent.data.get("audience"), sent.data.get("channel")) == ("executive", "mail")


def test_escalation_asks_the_contact_in_pagerduty_and_records_the_answer(
    qtbot, context, pagerduty, tmp_path
):
    """Issue 19: a contact named with a PagerDuty user is asked with one click, with the
    SOP's message; the contact counts as reached only once PagerDuty took the request."""
    from oncall_desktop.core.incident import EventKind
    from oncall_desktop.integrations.secrets import PAGERDUTY_TOKEN
    from tests.helpers.fake_pagerduty import ME_EMAIL, OTHER_ID

    override = tmp_path / "policy.toml"
    override.write_text(
        "[[escalation_contacts]]\n"
        'name = "CTO"\ncontact = "@cto"\nseverities = ["SEV-1"]\n'
        f'pagerduty_user = "{OTHER_ID}"\n'
        "[[escalation_contacts]]\n"
        'name = "GCP Support"\ncontact = "ticket"\nseverities = ["SEV-1"]\n',
        encoding="utf-8",
    )
    secrets = InMemorySecretStore()
    secrets.set(PAGERDUTY_TOKEN, pagerduty.token)
    ctx = context(
        settings=Settings(language="en", pagerduty_base_url=pagerduty.url),
        secrets=secrets,
        policy_file=override,
    )
    page_id = pagerduty.add_incident("<b>API</b> down")
    pagerduty.set_status(page_id, "acknowledged")
    ctx.poller.start()
    qtbot.waitUntil(lambda: ctx.poller.page(f"pagerduty:{page_id}") is not None, timeout=5000)
    with qtbot.waitSignal(ctx.incidents.incident_opened, timeout=5000) as opened:
        ctx.incidents.open_from_page(ctx.poller.page(f"pagerduty:{page_id}"))
    incident = opened.args[0]
    ctx.incidents.change_severity(incident.id, Severity.SEV1, "all users")
    qtbot.waitUntil(lambda: incident.id in ctx.controller.cockpits, timeout=5000)
    window = ctx.controller.cockpits[incident.id]
    qtbot.waitUntil(lambda: window.incident.severity is Severity.SEV1, timeout=5000)
    assert set(window.escalation_box.contact_requests) == {"CTO"}  # GCP Support is reached by hand
    ask = window.escalation_box.contact_requests["CTO"]
    qtbot.waitUntil(lambda: ask.isVisibleTo(window) and ask.isEnabled(), timeout=5000)
    ask.click()
    qtbot.waitUntil(lambda: bool(pagerduty.responder_requests), timeout=5000)
    [request] = pagerduty.responder_requests
    assert request["incident"]["id"] == page_id
    assert "SEV-1" in request["message"] and "<b>API</b> down" in request["message"]
    target = request["responder_request_targets"][0]["responder_request_target"]
    assert target["id"] == OTHER_ID
    post = pagerduty.requests_to("POST", f"/incidents/{page_id}/responder_requests")[0]
    assert post.headers["From"] == ME_EMAIL and pagerduty.take_violations() == []
    qtbot.waitUntil(
        lambda: any(
            e.data.get("contact") == "CTO" and e.data.get("via") == "pagerduty"
            for e in window.incident.events(EventKind.CONTACT_NOTIFIED)
        ),
        timeout=5000,
    )
    qtbot.waitUntil(lambda: not ask.isVisibleTo(window), timeout=5000)  # asked: done
    assert window.escalation_box.contact_boxes["CTO"].isChecked()
    # PagerDuty's answer shows beside the contact, from the page the poller follows
    ctx.poller.poll_now()
    qtbot.waitUntil(
        lambda: "no answer yet" in window.escalation_box.contact_boxes["CTO"].text(), timeout=5000
    )
    pagerduty.answer_responder_request(page_id, OTHER_ID, "joined")
    ctx.poller.poll_now()
    qtbot.waitUntil(
        lambda: "joined" in window.escalation_box.contact_boxes["CTO"].text(), timeout=5000
    )


def declared_here_with_pagerduty(qtbot, context, pagerduty, title):
    """A console connected to the fake PagerDuty, with a service for declared incidents, and
    a SEV-1 declared here in its cockpit."""
    ctx = connected_to_pagerduty(context, pagerduty, pagerduty_service_id="PSVC042")
    ctx.poller.start()
    qtbot.waitUntil(lambda: ctx.poller.me("pagerduty") is not None, timeout=5000)
    with qtbot.waitSignal(ctx.incidents.incident_declared, timeout=5000) as declared:
        ctx.incidents.declare(title, Severity.SEV1, "all users")
    incident_id = declared.args[0].id
    qtbot.waitUntil(lambda: incident_id in ctx.controller.cockpits, timeout=5000)
    return ctx, ctx.controller.cockpits[incident_id]


def test_a_hand_declared_incident_is_declared_in_pagerduty_once_and_linked(
    qtbot, context, pagerduty
):
    """Issue 19: an incident declared in the app reaches PagerDuty on the service from
    Settings, so the team's escalation policy pages them; the page is then linked."""
    from tests.helpers.fake_pagerduty import ME_EMAIL

    ctx, window = declared_here_with_pagerduty(qtbot, context, pagerduty, "<b>API</b> down")
    assert window.declare_button.isVisibleTo(window)
    window.declare_button.click()
    qtbot.waitUntil(lambda: window.incident.alert is not None, timeout=5000)
    [page_id] = pagerduty.incidents
    assert window.incident.follows("pagerduty") == page_id
    created = pagerduty.incidents[page_id]
    assert created["title"] == "[SEV-1] <b>API</b> down" and created["urgency"] == "high"
    assert created["service"]["id"] == "PSVC042"
    assert pagerduty.requests_to("POST", "/incidents")[0].headers["From"] == ME_EMAIL
    qtbot.waitUntil(lambda: not window.declare_button.isVisibleTo(window), timeout=5000)
    # a second console (or a retry after a lost answer) does not page the team twice, and is
    # answered with the incident PagerDuty holds under our key, to link (issue 23)
    again = []
    ctx.poller.watcher("pagerduty").declare(
        "again",
        "high",
        window.incident.declaration_key,
        again.append,
        lambda message: window.show_problem(message),
    )
    qtbot.waitUntil(lambda: bool(again), timeout=5000)
    assert [p.id for p in again] == [page_id] and len(pagerduty.incidents) == 1
    assert "dedup key" not in window.problem_label.text()


def test_declare_in_pagerduty_whose_answer_was_lost_is_still_linked(qtbot, context, pagerduty):
    """Issue 23: PagerDuty created the incident but its answer never arrived; the incident is
    found by its key and linked, not left as a page still to open."""
    from tests.helpers.fake_pagerduty import Fault

    _ctx, window = declared_here_with_pagerduty(qtbot, context, pagerduty, "API down")
    pagerduty.fail_next(Fault(drop=True, after=True, method="POST", path="/incidents"))
    window.declare_button.click()
    qtbot.waitUntil(lambda: window.incident.alert is not None, timeout=5000)
    [page_id] = pagerduty.incidents
    assert window.incident.follows("pagerduty") == page_id
    assert pagerduty.incidents[page_id]["incident_key"] == window.incident.declaration_key
    assert window.problem_label.text() == ""


def test_declare_in_pagerduty_is_offered_only_with_a_service_and_never_for_a_drill(qtbot, context):
    ctx = context(settings=Settings(language="en"))
    with qtbot.waitSignal(ctx.incidents.incident_declared, timeout=5000) as declared:
        ctx.incidents.declare("API down", Severity.SEV1)
    incident_id = declared.args[0].id
    qtbot.waitUntil(lambda: incident_id in ctx.controller.cockpits, timeout=5000)
    window = ctx.controller.cockpits[incident_id]
    assert not window.declare_button.isVisibleTo(window)  # no service in Settings
    ctx.controller.settings_controller.apply_settings(
        Settings(language="en", pagerduty_service_id="PSVC042"), {}
    )
    assert window.declare_button.isVisibleTo(window)
    assert window.declare_button.text() == "Declare in PagerDuty"  # the source's name


def test_the_external_audience_goes_to_the_status_page_through_the_outbox(
    qtbot, context, pagerduty, monkeypatch, clock
):
    """Issue 19: from the composer to the PagerDuty status page: the first send creates the
    incident's post, the next adds an update, the resolution notice resolves it; the status
    page countdown restarts once PagerDuty confirmed."""
    from datetime import UTC, datetime, timedelta

    from PySide6.QtWidgets import QDialog

    from oncall_desktop.core.compose import MessageKind
    from oncall_desktop.core.incident import EventKind
    from oncall_desktop.ui.windows import composer_dialog

    clock.advance(datetime.now(UTC) - clock.now())  # the fake PagerDuty lives in real time
    ctx = connected_to_pagerduty(
        context,
        pagerduty,
        status_page_id=pagerduty.status_page_id,
        status_page_name="Example status",
    )
    with qtbot.waitSignal(ctx.incidents.incident_declared, timeout=5000) as declared:
        ctx.incidents.declare("<b>Payments</b> down", Severity.SEV1, "all users")
    incident_id = declared.args[0].id
    qtbot.waitUntil(lambda: incident_id in ctx.controller.cockpits, timeout=5000)
    window = ctx.controller.cockpits[incident_id]
    kinds = iter(
        [MessageKind.STATUS_PAGE, MessageKind.STATUS_PAGE, MessageKind.STATUS_PAGE_RESOLVED]
    )
    shown = []

    def send(dialog):  # what the engineer sees and does: the status page is ticked, Send
        dialog.kind.setCurrentIndex(dialog.kind.findData(next(kinds).value))
        status_page = dialog.boxes["pagerduty_status_page"]
        shown.append((status_page.isVisibleTo(dialog), status_page.text()))
        dialog.boxes["slack"].setChecked(False)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(composer_dialog.ComposerDialog, "exec", send)
    from tests.helpers.services_dialog import ServicesDialogs

    answering = ServicesDialogs()  # the first update asks which services: all of them
    for _ in range(3):
        clock.advance(timedelta(minutes=1))  # the same words, sent on purpose a minute later
        ctx.controller.cockpit_controller.compose(incident_id, "status_page")
        done = len(shown)
        qtbot.waitUntil(lambda n=done: len(pagerduty.status_updates_text()) == n, timeout=8000)
    answering.stop()
    assert shown == [(True, "Status page: Example status")] * 3
    updates = pagerduty.status_updates_text()
    assert [status for _title, status, _message in updates] == [
        "investigating",
        "investigating",
        "resolved",
    ]
    [post] = pagerduty.status_posts  # one incident, one post, titled without its internals
    assert post["title"].startswith("Service disruption — ") and "Payments" not in post["title"]
    assert "We&#x27;re experiencing issues" in updates[0][2]
    assert post["updates"][0]["update_frequency_ms"] == 30 * 60_000  # SEV-1: every 30 min
    qtbot.waitUntil(lambda: window.posts_table.model.rowCount() == 3, timeout=5000)
    assert window.posts_table.model.cell(0, 1) == "the status page"  # not its route data
    qtbot.waitUntil(
        lambda: any(
            e.data.get("audience") == "status_page"
            for e in window.incident.events(EventKind.UPDATE_SENT)
        ),
        timeout=8000,
    )


def test_closing_the_cockpit_while_pagerduty_answers_loses_nothing(qtbot, context, pagerduty):
    """A cockpit closed while 'Declare in PagerDuty' runs: the page is still linked, and a
    refusal is said in the main window (a closed window is gone; no crash)."""
    ctx, window = declared_here_with_pagerduty(qtbot, context, pagerduty, "API down")
    incident_id = window.incident.id
    pagerduty.fault_hook = lambda method, path, body: (  # PagerDuty answers slowly
        time.sleep(0.5) if (method, path) == ("POST", "/incidents") else None
    )
    ctx.controller.cockpits[incident_id].declare_button.click()
    ctx.controller.cockpits[incident_id].close()
    qtbot.waitUntil(lambda: incident_id not in ctx.controller.cockpits, timeout=5000)
    qtbot.waitUntil(
        lambda: any(i.alert for i in ctx.incidents.active if i.id == incident_id),
        timeout=8000,
    )
    pagerduty.fault_hook = None
    # a refusal with the cockpit closed goes to the main window
    ctx.controller.cockpit_controller._tell_cockpit(
        incident_id, "PagerDuty refused the request (400)."
    )
    assert "refused" in ctx.window.banner.texts()[f"cockpit-{incident_id}"]


def test_with_a_mail_server_the_executive_summary_goes_through_the_outbox(
    qtbot, context, smtp, monkeypatch, tmp_path
):
    """Issue 19, item 2: with SMTP set up, "Email the executives" sends from here (no mail
    client, no "was it sent?"), and the executive countdown restarts once the server took it;
    the password comes from the keyring, never from the settings."""
    from PySide6.QtWidgets import QDialog

    from oncall_desktop.core.compose import MessageKind
    from oncall_desktop.core.incident import EventKind
    from oncall_desktop.integrations.smtp_mail import SMTP_PASSWORD
    from oncall_desktop.ui.windows import composer_dialog

    override = tmp_path / "policy.toml"
    override.write_text('[executive_mail]\nto = ["cto@example.com", "ceo@example.com"]\n')
    secrets = InMemorySecretStore()
    secrets.set(SMTP_PASSWORD, smtp.password)
    settings = Settings(
        language="en",
        smtp_host="127.0.0.1",
        smtp_port=smtp.port,
        smtp_security="none",
        smtp_username=smtp.username,
        smtp_sender="oncall@example.com",
    )
    ctx = context(settings=settings, secrets=secrets, policy_file=override)
    with qtbot.waitSignal(ctx.incidents.incident_declared, timeout=5000) as declared:
        ctx.incidents.declare("Payments down", Severity.SEV1, "all users")
    incident_id = declared.args[0].id
    qtbot.waitUntil(lambda: incident_id in ctx.controller.cockpits, timeout=5000)
    window = ctx.controller.cockpits[incident_id]
    shown = []

    def send(dialog):
        dialog.kind.setCurrentIndex(dialog.kind.findData(MessageKind.EXECUTIVE.value))
        shown.append((dialog.boxes["executive_mail"].text(), dialog.boxes["slack"].isChecked()))
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(composer_dialog.ComposerDialog, "exec", send)
    asked = []
    monkeypatch.setattr(
        "PySide6.QtWidgets.QMessageBox.question", lambda *a, **k: asked.append(a) or 0
    )
    ctx.controller.cockpit_controller.compose(incident_id, "executive")
    assert shown == [("Email the executives through 127.0.0.1", False)]
    qtbot.waitUntil(lambda: len(smtp.mails) == 1, timeout=8000)
    [mail] = smtp.mails
    assert mail.recipients == ["cto@example.com", "ceo@example.com"]
    assert "Payments down" in mail.headers["Subject"] and "Payments down" in mail.text
    assert asked == []  # the app saw it go: nothing to confirm by hand
    qtbot.waitUntil(
        lambda: any(
            e.data.get("audience") == "executive"
            for e in window.incident.events(EventKind.UPDATE_SENT)
        ),
        timeout=8000,
    )
    assert smtp.password not in repr(ctx.controller.settings)

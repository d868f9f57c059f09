"""The executive summary by mail through SMTP, through the outbox (issue 19, item 2; issue 24,
item 4): the real client against the protocol-checked fake server (tests/helpers/fake_smtp.py),
and the stored post on SQLite and PostgreSQL."""

import time
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from oncall_desktop.core.clock import SystemClock
from oncall_desktop.core.outbox import Post, PostState, RetryPolicy
from oncall_desktop.integrations.delivery import Courier, Endpoints
from oncall_desktop.integrations.errors import Refused, TokenRejected
from oncall_desktop.integrations.secrets import InMemorySecretStore
from oncall_desktop.integrations.smtp_mail import (
    EXECUTIVE_MAIL,
    SMTP_PASSWORD,
    MailRoute,
    MailServer,
    check_account,
    send_mail,
)
from oncall_desktop.services.outbox import OutboxService
from oncall_desktop.services.tasks import TaskRunner
from oncall_desktop.storage.db import open_database, sqlite_url
from oncall_desktop.storage.outbox import OutboxRepository
from tests.helpers.fake_smtp import FakeSmtp, SmtpFault, make_private_ca

SUMMARY = "SEV-1 incident: Paiements en échec\nImpact : 100 % des utilisateurs\nNext update 22:45"
EXECUTIVES = ("cto@example.com", "ceo@example.com")


def server_for(smtp, **changes) -> MailServer:
    values = {
        "host": "127.0.0.1",
        "port": smtp.port,
        "security": "none",
        "username": smtp.username,
        "sender": "oncall@example.com",
    }
    values.update(changes)
    return MailServer(**values)


def route(recipients=EXECUTIVES) -> str:
    return MailRoute.new(recipients, "oncall@example.com").to_json()


class Outbox:
    """The outbox service with the courier, and the Settings' mail server of the moment."""

    def __init__(self, tmp_path, smtp) -> None:
        self.secrets = InMemorySecretStore()
        self.secrets.set(SMTP_PASSWORD, smtp.password)
        self.server: MailServer | None = server_for(smtp)
        self.database = open_database(sqlite_url(tmp_path / "oncall.sqlite3"))
        self.repo = OutboxRepository(self.database)
        courier = Courier(
            self.secrets,
            lambda: Endpoints("", "#incidents", "", timeout=(5.0, 10.0), mail_server=self.server),
        )
        self.runner = TaskRunner()
        retry = RetryPolicy(base=timedelta(milliseconds=50), cap=timedelta(milliseconds=100))
        self.service = OutboxService(self.repo, courier.deliver, self.runner, SystemClock(), retry)
        self.service.start()
        self.submitted: set[int] = set()  # the ids submit() returned

    def submit(self, qtbot, post: Post) -> int:
        """Submit the post and return its id, as stored. The signal about it is told apart
        from a late one about an earlier post (on a busy machine the first post's 'sent'
        came after the test had read it from the database and submitted the next)."""

        def this_one(stored: Post) -> bool:
            return stored.text == post.text and stored.id not in self.submitted

        with qtbot.waitSignal(
            self.service.post_changed, timeout=20_000, check_params_cb=this_one
        ) as blocker:
            self.service.submit(post)
        self.submitted.add(blocker.args[0].id)
        return blocker.args[0].id

    def close(self) -> None:
        self.service.stop()
        self.runner.wait()
        self.database.close()


@pytest.fixture
def outbox(qapp, tmp_path, smtp):
    box = Outbox(tmp_path, smtp)
    yield box
    box.close()


def test_the_summary_reaches_every_executive_as_written(qtbot, outbox, smtp):
    post_id = outbox.submit(qtbot, Post(EXECUTIVE_MAIL, SUMMARY, destination=route()))
    qtbot.waitUntil(lambda: outbox.repo.get(post_id).state is PostState.SENT, timeout=30_000)
    [mail] = smtp.mails
    assert mail.recipients == list(EXECUTIVES)
    assert mail.text == SUMMARY  # byte for byte, accents included
    assert mail.headers["Subject"] == "SEV-1 incident: Paiements en échec"  # the first line
    assert mail.headers["From"] == "oncall@example.com"
    assert mail.body == "8BITMIME"  # 8-bit text, declared (RFC 6152)
    stored = outbox.repo.get(post_id)
    assert stored.remote_ref == mail.headers["Message-ID"]
    assert stored.extra["mail"]["took"] == list(EXECUTIVES)


def test_without_8bitmime_the_text_goes_in_7_bits(smtp):
    """Issue 24: 8-bit text was sent without BODY=8BITMIME to any server."""
    smtp.eight_bit_mime = False
    send_mail(server_for(smtp), MailRoute(EXECUTIVES, "<a@example.com>"), SUMMARY, smtp.password, 2)
    [mail] = smtp.mails
    assert mail.raw.isascii() and mail.body == "7BIT"
    assert "Content-Transfer-Encoding: quoted-printable" in mail.raw.decode()
    assert mail.text == SUMMARY and mail.headers["Subject"].endswith("en échec")


def test_a_long_route_is_stored_whole_on_every_database(database_url):
    """Issue 24: a route of 296 characters for a 200-character column; PostgreSQL refused the
    post ("value too long") and the mail was never queued."""
    recipients = tuple(f"executive.number-{n:02d}@board.example.com" for n in range(12))
    destination = route(recipients)
    assert len(destination) > 500
    database = open_database(database_url)
    try:
        repo = OutboxRepository(database)
        post = repo.enqueue(
            Post(EXECUTIVE_MAIL, SUMMARY, destination=destination, extra={"mail": {"took": []}}),
            datetime.now(UTC),
        )
        stored = repo.get(post.id)
        assert stored.destination == destination
        assert MailRoute.of(stored).recipients == recipients
        stored.extra["mail"] = {"took": list(recipients[:3]), "waiting": {}, "refused": {}}
        repo.record(replace(stored, state=PostState.PENDING, last_error="451"))
        assert repo.get(post.id).extra["mail"]["took"] == list(recipients[:3])
    finally:
        database.close()


def test_a_mail_queued_by_an_older_version_still_goes_out(database_url, smtp):
    """Migration 0009: the destination becomes Text and the post gets its extra; a route
    stored before (server, subject and recipients, no Message-ID) keeps its recipients and
    the Message-ID it was made with, and goes through the server of today's Settings."""
    from alembic import command
    from sqlalchemy import create_engine, make_url, text

    from oncall_desktop.storage import db as dbmod

    url = make_url(database_url)
    if url.get_backend_name() == "sqlite":
        Path(url.database).parent.mkdir(parents=True, exist_ok=True)
    older = (
        '{"host": "old-relay.example.com", "port": 25, "security": "none", "username": "", '
        '"sender": "oncall@old.example.com", "recipients": ["cto@example.com"], '
        '"subject": "SEV-1 incident"}'
    )
    engine = create_engine(database_url)
    with engine.begin() as connection:
        command.upgrade(dbmod._alembic_config(connection), "0008")
        connection.execute(
            text(
                "INSERT INTO outbox_posts (target, kind, audience, destination, text,"
                " notify_channel, state, attempts, created_at, last_error, remote_ref,"
                " delivered_as) VALUES ('executive_mail', 'executive', 'executive', :route,"
                " :text, false, 'pending', 0, '2026-12-01 03:00:00', '', '', '')"
            ),
            {"route": older, "text": SUMMARY},
        )
    engine.dispose()
    database = open_database(database_url)
    try:
        repo = OutboxRepository(database)
        post = repo.get(1)
        assert post.destination == older and post.extra == {}
        secrets = InMemorySecretStore()
        secrets.set(SMTP_PASSWORD, smtp.password)
        courier = Courier(
            secrets,
            lambda: Endpoints("", "", "", timeout=(5.0, 10.0), mail_server=server_for(smtp)),
        )
        attempt = courier.deliver(post)
        stamp = int(post.created_at.timestamp())  # as the older version made it
        assert attempt.remote_ref == f"<oncall-desktop.post-1.{stamp}@old.example.com>"
        [mail] = smtp.mails
        assert mail.recipients == ["cto@example.com"] and mail.sender == "oncall@example.com"
        assert mail.headers["Message-ID"] == attempt.remote_ref
    finally:
        database.close()


def test_a_mail_sent_again_after_a_lost_answer_is_the_same_message(qtbot, outbox, smtp):
    """The server took the data but the answer never came (a dropped connection, then a
    temporary refusal): the retry carries the same Message-ID, so readers see one mail."""
    faults = [SmtpFault(code=0), SmtpFault(code=451)]
    seen_ids = []

    def hook(text):
        return faults.pop(0) if faults else None

    smtp.fault_hook = hook
    original = smtp._check

    def remember(sender, recipients, data):
        mail = original(sender, recipients, data)
        seen_ids.append(mail.headers["Message-ID"])
        return mail

    smtp._check = remember
    post_id = outbox.submit(qtbot, Post(EXECUTIVE_MAIL, SUMMARY, destination=route()))
    qtbot.waitUntil(lambda: outbox.repo.get(post_id).state is PostState.SENT, timeout=30_000)
    stored = outbox.repo.get(post_id)
    assert stored.attempts == 3 and len(smtp.mails) == 1
    assert len(seen_ids) == 3 and len(set(seen_ids)) == 1
    assert stored.maybe_twice  # the server had it all when the answer was lost: unknowable


def test_a_recipient_answering_451_is_tried_again_alone(qtbot, outbox, smtp):
    """Issue 24: the CTO's 451 at RCPT was never tried again, and the post was marked sent
    "(refused: cto@…)". Now the CEO gets it once, the CTO once it is taken, same Message-ID."""
    smtp.temporary_recipients = {"cto@example.com": 2}
    changes = []
    outbox.service.post_changed.connect(changes.append)
    post_id = outbox.submit(qtbot, Post(EXECUTIVE_MAIL, SUMMARY, destination=route()))
    qtbot.waitUntil(lambda: outbox.repo.get(post_id).state is PostState.SENT, timeout=30_000)
    [to_ceo] = smtp.received_by("ceo@example.com")
    [to_cto] = smtp.received_by("cto@example.com")
    assert to_ceo is not to_cto and to_cto.recipients == ["cto@example.com"]
    assert to_ceo.headers["Message-ID"] == to_cto.headers["Message-ID"]
    assert to_cto.headers["To"] == "cto@example.com, ceo@example.com"  # one message for all
    assert [a for a in smtp.rcpt_answers if a[0] == "ceo@example.com"] == [("ceo@example.com", 250)]
    assert [c for a, c in smtp.rcpt_answers if a == "cto@example.com"] == [451, 451, 250]
    waiting = [p for p in changes if p.state is PostState.PENDING and p.attempts]
    assert waiting and "cto@example.com (451 4.2.1 Mailbox busy" in waiting[0].last_error
    assert "tried again for them alone" in waiting[0].last_error
    assert "Already taken by ceo@example.com" in waiting[0].last_error
    stored = outbox.repo.get(post_id)
    assert stored.attempts == 3 and stored.remote_ref == to_ceo.headers["Message-ID"]


def test_a_refusal_of_the_mail_itself_is_not_a_doubt(qtbot, outbox, smtp):
    """A 451 to the data is a clear "not taken": tried again, never "may have arrived
    twice"; a 554 to it refuses the post."""
    faults = [SmtpFault(code=451)]
    smtp.fault_hook = lambda text: faults.pop(0) if faults else None
    post_id = outbox.submit(qtbot, Post(EXECUTIVE_MAIL, SUMMARY, destination=route()))
    qtbot.waitUntil(lambda: outbox.repo.get(post_id).state is PostState.SENT, timeout=30_000)
    stored = outbox.repo.get(post_id)
    assert stored.attempts == 2 and not stored.maybe_twice and len(smtp.mails) == 1
    smtp.fault_hook = lambda text: SmtpFault(code=554)
    post_id = outbox.submit(qtbot, Post(EXECUTIVE_MAIL, "Second", destination=route()))
    qtbot.waitUntil(lambda: outbox.repo.get(post_id).state is PostState.FAILED, timeout=30_000)
    assert "refused every recipient" in outbox.repo.get(post_id).last_error


def test_a_recipient_refused_for_good_is_named_in_the_posts_detail(qtbot, outbox, smtp):
    smtp.refused_recipients = {"ceo@example.com"}
    post_id = outbox.submit(qtbot, Post(EXECUTIVE_MAIL, SUMMARY, destination=route()))
    qtbot.waitUntil(lambda: outbox.repo.get(post_id).state is PostState.SENT, timeout=30_000)
    [mail] = smtp.mails
    assert mail.recipients == ["cto@example.com"]
    stored = outbox.repo.get(post_id)
    assert stored.attempts == 1  # a 5xx is final: not tried again
    assert stored.remote_ref == (
        f"{mail.headers['Message-ID']}: taken by cto@example.com; refused for good by "
        "ceo@example.com (550 5.1.1 Mailbox unavailable)"
    )


def test_a_mail_every_recipient_refused_waits_for_the_engineer(qtbot, outbox, smtp):
    smtp.refused_recipients = set(EXECUTIVES)
    post_id = outbox.submit(qtbot, Post(EXECUTIVE_MAIL, SUMMARY, destination=route()))
    qtbot.waitUntil(lambda: outbox.repo.get(post_id).state is PostState.FAILED, timeout=30_000)
    stored = outbox.repo.get(post_id)
    assert stored.last_error == (
        "The mail server refused every recipient: ceo@example.com (550 5.1.1 Mailbox "
        "unavailable); cto@example.com (550 5.1.1 Mailbox unavailable)."
    )
    smtp.refused_recipients = set()  # the mailboxes are back: Edit and resend tries them again
    outbox.service.resend(stored, SUMMARY)
    qtbot.waitUntil(lambda: outbox.repo.get(post_id).state is PostState.SENT, timeout=30_000)
    assert [m.recipients for m in smtp.mails] == [list(EXECUTIVES)]


def test_a_rejected_password_waits_for_the_engineer(qtbot, outbox, smtp):
    outbox.secrets.set(SMTP_PASSWORD, "wrong")
    post_id = outbox.submit(qtbot, Post(EXECUTIVE_MAIL, SUMMARY, destination=route()))
    qtbot.waitUntil(lambda: outbox.repo.get(post_id).state is PostState.FAILED, timeout=30_000)
    stored = outbox.repo.get(post_id)
    assert stored.attempts == 1  # not retried in a loop against a locked-out account
    assert "refused the account or password (535)" in stored.last_error
    assert smtp.mails == []


def test_edit_and_resend_uses_the_account_fixed_in_settings(qtbot, outbox, smtp):
    """Issue 24: the account was frozen in the post's route, so fixing it in Settings, as the
    535 says, did not help Edit and resend. Here the CEO took the mail, the CTO's mailbox was
    busy, and meanwhile the account was renamed on the server: the retry is refused (535);
    fixed in Settings, Edit and resend reaches the CTO alone, with the same Message-ID."""
    smtp.temporary_recipients = {"cto@example.com": 1}

    def rename_the_account(_text):
        smtp.username = "oncall-bot@example.com"

    smtp.on_message = rename_the_account
    post_id = outbox.submit(qtbot, Post(EXECUTIVE_MAIL, SUMMARY, destination=route()))
    qtbot.waitUntil(lambda: outbox.repo.get(post_id).state is PostState.FAILED, timeout=30_000)
    failed = outbox.repo.get(post_id)
    assert "refused the account or password (535)" in failed.last_error
    assert failed.extra["mail"]["took"] == ["ceo@example.com"]
    smtp.on_message = None
    outbox.server = server_for(smtp, username="oncall-bot@example.com")  # Settings, fixed
    outbox.service.resend(failed, SUMMARY + "\nEdited.")
    qtbot.waitUntil(lambda: outbox.repo.get(post_id).state is PostState.SENT, timeout=30_000)
    assert len(smtp.received_by("ceo@example.com")) == 1  # not sent twice
    [to_cto] = smtp.received_by("cto@example.com")
    assert to_cto.text.endswith("Edited.") and to_cto.recipients == ["cto@example.com"]
    assert (
        to_cto.headers["Message-ID"] == smtp.received_by("ceo@example.com")[0].headers["Message-ID"]
    )


def test_a_mail_waits_for_a_server_in_settings(qtbot, outbox, smtp):
    outbox.server = None  # the server was removed from Settings after the mail was queued
    post_id = outbox.submit(qtbot, Post(EXECUTIVE_MAIL, SUMMARY, destination=route()))
    qtbot.waitUntil(lambda: outbox.repo.get(post_id).state is PostState.FAILED, timeout=30_000)
    assert "No mail server in Settings" in outbox.repo.get(post_id).last_error
    outbox.server = server_for(smtp)
    outbox.service.resend(outbox.repo.get(post_id), SUMMARY)
    qtbot.waitUntil(lambda: outbox.repo.get(post_id).state is PostState.SENT, timeout=30_000)
    assert len(smtp.mails) == 1


def test_missing_starttls_is_refused_never_used_in_clear(smtp):
    with pytest.raises(Refused, match="does not offer"):
        send_mail(
            server_for(smtp, security="starttls"),
            MailRoute(EXECUTIVES, "<z@x>"),
            SUMMARY,
            smtp.password,
            2.0,
        )
    assert smtp.mails == []


def test_test_connection_logs_in_without_sending(smtp):
    check_account(server_for(smtp), smtp.password, 2.0)
    assert smtp.logins == 1 and smtp.mails == []
    with pytest.raises(TokenRejected):
        check_account(server_for(smtp), "nope", 2.0)


def test_a_hostile_first_line_stays_one_subject_line(qtbot, outbox, smtp):
    hostile = "API down\rBcc: everyone@example.com\r\rspoofed body\n" + SUMMARY
    post_id = outbox.submit(qtbot, Post(EXECUTIVE_MAIL, hostile, destination=route()))
    qtbot.waitUntil(lambda: outbox.repo.get(post_id).state is PostState.SENT, timeout=30_000)
    [mail] = smtp.mails
    assert "Bcc" not in mail.headers and "\n" not in mail.headers["Subject"]
    assert mail.recipients == list(EXECUTIVES)


@pytest.fixture
def private_ca(tmp_path):
    return make_private_ca(tmp_path / "ca")


@pytest.fixture
def tls_smtp(private_ca):
    fake = FakeSmtp(tls=private_ca.server_context).start()
    yield fake
    fake.stop()
    violations = fake.take_violations()
    assert not violations, "protocol violations:\n" + "\n".join(violations)


def test_a_private_authority_is_trusted_once_its_ca_file_is_in_settings(tls_smtp, private_ca):
    """Issue 24: only the system's authorities were trusted for the mail server."""
    route_ = MailRoute(EXECUTIVES, "<ca@example.com>")
    starttls = server_for(tls_smtp, security="starttls", host="localhost")
    with pytest.raises(Refused, match=r"certificate is not trusted .*choose its CA file"):
        send_mail(starttls, route_, SUMMARY, tls_smtp.password, 2.0)
    deadline = time.monotonic() + 5  # the server's thread counts the broken handshake
    while tls_smtp.tls_failures < 1 and time.monotonic() < deadline:
        time.sleep(0.01)
    assert tls_smtp.tls_failures == 1 and tls_smtp.mails == []
    trusted = replace(starttls, ca_file=str(private_ca.ca_file))
    check_account(trusted, tls_smtp.password, 2.0)
    send_mail(trusted, route_, SUMMARY, tls_smtp.password, 2.0)
    [mail] = tls_smtp.mails
    assert mail.secured and mail.text == SUMMARY
    on_ip = replace(trusted, host="127.0.0.1")  # the certificate names the address too
    send_mail(on_ip, route_, SUMMARY, tls_smtp.password, 2.0)
    missing = replace(trusted, ca_file=str(private_ca.ca_file) + ".gone")
    with pytest.raises(Refused, match=r"CA file .*\.gone cannot be used"):
        send_mail(missing, route_, SUMMARY, tls_smtp.password, 2.0)


def test_implicit_tls_with_a_private_authority(private_ca):
    fake = FakeSmtp(tls=private_ca.server_context, implicit_tls=True).start()
    try:
        server = server_for(fake, security="ssl", ca_file=str(private_ca.ca_file))
        send_mail(server, MailRoute(EXECUTIVES, "<ssl@example.com>"), SUMMARY, fake.password, 2.0)
        [mail] = fake.mails
        assert mail.secured and mail.recipients == list(EXECUTIVES)
        assert fake.take_violations() == []
    finally:
        fake.stop()


def test_settings_name_the_ca_file_and_test_connection_uses_it(
    qtbot, tls_smtp, private_ca, tmp_path
):
    from oncall_desktop.config.schema import Settings
    from oncall_desktop.services.connections import ConnectionsService
    from oncall_desktop.ui.widgets.mail_settings import MailSettings

    runner = TaskRunner()
    settings = Settings(
        language="en",
        smtp_host="localhost",
        smtp_port=tls_smtp.port,
        smtp_security="starttls",
        smtp_username=tls_smtp.username,
        smtp_sender="oncall@example.com",
    )
    widget = MailSettings(settings, ConnectionsService(InMemorySecretStore(), runner))
    qtbot.addWidget(widget)
    qtbot.keyClicks(widget.password, tls_smtp.password)
    widget.test.click()
    qtbot.waitUntil(lambda: "not trusted" in widget.result.text(), timeout=5000)
    widget.ca_file.setText(str(tmp_path / "nowhere.pem"))
    assert "does not exist" in widget.problem()
    widget.ca_file.setText(str(private_ca.ca_file))
    assert widget.problem() == ""
    widget.test.click()
    qtbot.waitUntil(lambda: "took the account" in widget.result.text(), timeout=5000)
    assert widget.chosen()["smtp_ca_file"] == str(private_ca.ca_file)
    assert Settings(**{**settings.__dict__, **widget.chosen()}).smtp_ca_file == str(
        private_ca.ca_file
    )
    runner.wait()

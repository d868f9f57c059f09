"""The executive summary by mail through SMTP, through the outbox (issue 19, item 2): the real
client against the protocol-checked fake server (tests/helpers/fake_smtp.py)."""

from datetime import timedelta

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
    check_account,
)
from oncall_desktop.services.outbox import OutboxService
from oncall_desktop.services.tasks import TaskRunner
from oncall_desktop.storage.db import open_database, sqlite_url
from oncall_desktop.storage.outbox import OutboxRepository
from tests.helpers.fake_smtp import SmtpFault

SUMMARY = "SEV-1 incident: Paiements en échec\nImpact : 100 % des utilisateurs\nNext update 22:45"


def route(smtp, **changes) -> MailRoute:
    values = {
        "host": "127.0.0.1",
        "port": smtp.port,
        "security": "none",
        "username": smtp.username,
        "sender": "oncall@example.com",
        "recipients": ("cto@example.com", "ceo@example.com"),
        "subject": "SEV-1 incident: Paiements en échec",
    }
    values.update(changes)
    return MailRoute(**values)


@pytest.fixture
def outbox(qapp, tmp_path, smtp):
    secrets = InMemorySecretStore()
    secrets.set(SMTP_PASSWORD, smtp.password)
    database = open_database(sqlite_url(tmp_path / "oncall.sqlite3"))
    repo = OutboxRepository(database)
    courier = Courier(secrets, lambda: Endpoints("", "#incidents", "", timeout=(0.5, 2.0)))
    runner = TaskRunner()
    retry = RetryPolicy(base=timedelta(milliseconds=50), cap=timedelta(milliseconds=100))
    service = OutboxService(repo, courier.deliver, runner, SystemClock(), retry)
    service.start()
    yield service, repo, secrets
    service.stop()
    runner.wait()
    database.close()


def submit(qtbot, service, post):
    with qtbot.waitSignal(service.post_changed, timeout=5000) as blocker:
        service.submit(post)
    return blocker.args[0].id


def test_the_summary_reaches_every_executive_as_written(qtbot, outbox, smtp):
    service, repo, _ = outbox
    post_id = submit(
        qtbot, service, Post(EXECUTIVE_MAIL, SUMMARY, destination=route(smtp).to_json())
    )
    qtbot.waitUntil(lambda: repo.get(post_id).state is PostState.SENT, timeout=8000)
    [mail] = smtp.mails
    assert mail.recipients == ["cto@example.com", "ceo@example.com"]
    assert mail.text == SUMMARY  # byte for byte, accents included
    assert mail.headers["Subject"] == "SEV-1 incident: Paiements en échec"
    assert mail.headers["From"] == "oncall@example.com"
    assert repo.get(post_id).remote_ref == mail.headers["Message-ID"]


def test_a_mail_sent_again_after_a_lost_answer_is_the_same_message(qtbot, outbox, smtp):
    """The server took the data but the answer never came (a dropped connection, then a
    temporary refusal): the retry carries the same Message-ID, so readers see one mail."""
    service, repo, _ = outbox
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
    post_id = submit(
        qtbot, service, Post(EXECUTIVE_MAIL, SUMMARY, destination=route(smtp).to_json())
    )
    qtbot.waitUntil(lambda: repo.get(post_id).state is PostState.SENT, timeout=8000)
    assert repo.get(post_id).attempts == 3 and len(smtp.mails) == 1
    assert len(seen_ids) == 3 and len(set(seen_ids)) == 1


def test_a_rejected_password_waits_for_the_engineer(qtbot, outbox, smtp):
    service, repo, secrets = outbox
    secrets.set(SMTP_PASSWORD, "wrong")
    post_id = submit(
        qtbot, service, Post(EXECUTIVE_MAIL, SUMMARY, destination=route(smtp).to_json())
    )
    qtbot.waitUntil(lambda: repo.get(post_id).state is PostState.FAILED, timeout=8000)
    stored = repo.get(post_id)
    assert stored.attempts == 1  # not retried in a loop against a locked-out account
    assert "refused the account or password (535)" in stored.last_error
    assert smtp.mails == []


def test_refused_recipients_and_missing_starttls_are_said(smtp):
    smtp.refused_recipients = {"cto@example.com", "ceo@example.com"}
    from oncall_desktop.integrations.smtp_mail import send_mail

    with pytest.raises(Refused, match=r"refused every recipient: ceo@example\.com, cto@"):
        send_mail(route(smtp), SUMMARY, smtp.password, "<x@example.com>", 2.0)
    smtp.refused_recipients = {"ceo@example.com"}  # one of two: delivered, and said
    sent = send_mail(route(smtp), SUMMARY, smtp.password, "<y@example.com>", 2.0)
    assert sent == "<y@example.com> (refused: ceo@example.com)"
    # a server without STARTTLS is not used in clear when Settings ask for it
    with pytest.raises(Refused, match="does not offer"):
        send_mail(route(smtp, security="starttls"), SUMMARY, smtp.password, "<z@x>", 2.0)


def test_test_connection_logs_in_without_sending(smtp):
    check_account(route(smtp), smtp.password, 2.0)
    assert smtp.logins == 1 and smtp.mails == []
    with pytest.raises(TokenRejected):
        check_account(route(smtp), "nope", 2.0)


def test_a_hostile_subject_stays_one_header_line(qtbot, outbox, smtp):
    service, repo, _ = outbox
    hostile = route(smtp, subject="API down\r\nBcc: everyone@example.com\r\n\r\nspoofed body")
    post_id = submit(qtbot, service, Post(EXECUTIVE_MAIL, SUMMARY, destination=hostile.to_json()))
    qtbot.waitUntil(lambda: repo.get(post_id).state is PostState.SENT, timeout=8000)
    [mail] = smtp.mails
    assert "Bcc" not in mail.headers and mail.text == SUMMARY
    assert mail.recipients == ["cto@example.com", "ceo@example.com"]

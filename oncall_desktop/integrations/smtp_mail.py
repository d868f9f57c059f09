"""The executive summary by mail through the team's SMTP server, through the outbox.

The SOP reaches executives by email: without a server set up, the summary opens in the
user's mail client (core/mail.py). With one (Settings: server, port, security, account,
sender), it is sent like every other post: stored first, sent on a worker, retried on a
network outage or a 4xx, refused on a rejected password or address. The password is the
secret: it lives in the keyring only. Each post's mail carries a Message-ID made from the
post, so a mail sent again after a crash between the server's 250 and the outbox's record
is the same message to the readers' mail programs (which show one).

This module is the whole destination: it registers its name and its deliverer itself.
"""

from __future__ import annotations

import json
import smtplib
import ssl
from dataclasses import asdict, dataclass
from email.message import EmailMessage
from email.utils import formatdate

from oncall_desktop.core.destinations import Destination, register_destination
from oncall_desktop.core.messages import QT_TR_NOOP
from oncall_desktop.core.outbox import Attempt, Outcome, Post
from oncall_desktop.core.plaintext import clean_line
from oncall_desktop.core.policy import Text
from oncall_desktop.integrations.deliverers import DeliveryContext, register_deliverer
from oncall_desktop.integrations.errors import (
    BadPayload,
    IntegrationError,
    Refused,
    ServerError,
    TokenRejected,
    Unreachable,
)

EXECUTIVE_MAIL = "executive_mail"  # the destination's id, as posts and the outbox store it
SMTP_PASSWORD = "smtp-password"  # its name in the keyring
SECURITIES = ("starttls", "ssl", "none")
SUBJECT_LIMIT = 200  # a subject line, not a paragraph


@dataclass(frozen=True)
class MailRoute:
    """Everything the deliverer needs, stored with the post: a mail queued before the settings
    changed goes where and as it was composed."""

    host: str
    port: int
    security: str  # starttls | ssl | none
    username: str  # "" : the server takes mail without logging in
    sender: str
    recipients: tuple[str, ...]
    subject: str

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> MailRoute:
        try:
            data = json.loads(text)
            route = cls(
                host=str(data["host"]),
                port=int(data["port"]),
                security=str(data["security"]),
                username=str(data.get("username", "")),
                sender=str(data["sender"]),
                recipients=tuple(str(r) for r in data["recipients"]),
                subject=str(data["subject"]),
            )
        except (ValueError, KeyError, TypeError) as error:
            raise Refused(
                QT_TR_NOOP("This mail's route is unreadable ({reason}).").format(
                    reason=type(error).__name__
                )
            ) from None
        if route.security not in SECURITIES or not route.recipients:
            raise Refused(QT_TR_NOOP("This mail has no recipient or no valid security."))
        return route


def build_message(route: MailRoute, text: str, message_id: str) -> EmailMessage:
    """A plain-text UTF-8 mail; the subject is one clean line (no header injection)."""
    message = EmailMessage()
    message["From"] = route.sender
    message["To"] = ", ".join(route.recipients)
    message["Subject"] = clean_line(route.subject, limit=SUBJECT_LIMIT) or "-"
    message["Date"] = formatdate(localtime=False, usegmt=True)
    message["Message-ID"] = message_id
    message["Auto-Submitted"] = "auto-generated"  # RFC 3834: no vacation replies to it
    message.set_content(text, subtype="plain", charset="utf-8")
    return message


def _connect(route: MailRoute, password: str, timeout: float) -> smtplib.SMTP:
    """Connected, secured as the route says and logged in (when it has an account)."""
    context = ssl.create_default_context()
    if route.security == "ssl":
        client: smtplib.SMTP = smtplib.SMTP_SSL(
            route.host, route.port, timeout=timeout, context=context
        )
    else:
        client = smtplib.SMTP(route.host, route.port, timeout=timeout)
    try:
        client.ehlo()
        if route.security == "starttls":
            client.starttls(context=context)
            client.ehlo()
        if route.username:
            client.login(route.username, password)
    except BaseException:
        _close(client)
        raise
    return client


def _close(client: smtplib.SMTP) -> None:
    try:
        client.quit()
    except (smtplib.SMTPException, OSError):
        client.close()


def _translate(error: Exception, host: str) -> IntegrationError:
    """smtplib's and the socket's errors as the outbox's: retry what may pass, stop on what
    needs the engineer."""
    if isinstance(error, smtplib.SMTPAuthenticationError):
        return TokenRejected(
            QT_TR_NOOP(
                "The mail server refused the account or password ({code}). Check them in Settings."
            ).format(code=error.smtp_code)
        )
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return Refused(
            QT_TR_NOOP("The mail server refused every recipient: {addresses}.").format(
                addresses=", ".join(sorted(error.recipients))
            )
        )
    if isinstance(error, smtplib.SMTPResponseException):
        code = error.smtp_code
        if 400 <= code < 500:  # temporary: greylisting, a full queue, "try again later"
            return ServerError(
                QT_TR_NOOP("The mail server asks to try again later ({code}).").format(code=code)
            )
        return Refused(QT_TR_NOOP("The mail server refused the mail ({code}).").format(code=code))
    if isinstance(error, smtplib.SMTPNotSupportedError):
        return Refused(
            QT_TR_NOOP("The mail server does not offer what Settings ask (STARTTLS or login).")
        )
    if isinstance(error, ssl.SSLError):
        return Refused(
            QT_TR_NOOP("The mail server's encryption failed ({reason}).").format(
                reason=type(error).__name__
            )
        )
    return Unreachable(
        QT_TR_NOOP("The mail server {host} cannot be reached ({reason}).").format(
            host=host, reason=type(error).__name__
        )
    )


def send_mail(route: MailRoute, text: str, password: str, message_id: str, timeout: float) -> str:
    """Send one mail (blocking); returns what the server took it as (its Message-ID, and the
    recipients it refused, if some were)."""
    message = build_message(route, text, message_id)
    try:
        client = _connect(route, password, timeout)
        try:
            refused = client.send_message(message, route.sender, list(route.recipients))
        finally:
            _close(client)
    except (TimeoutError, smtplib.SMTPException, OSError) as error:
        raise _translate(error, route.host) from None
    if refused:  # some recipients took it: delivered, and the others are said
        return f"{message_id} (refused: {', '.join(sorted(refused))})"
    return message_id


def check_account(route: MailRoute, password: str, timeout: float) -> None:
    """Settings' Test connection: connect, secure, log in, and leave; no mail is sent."""
    try:
        client = _connect(route, password, timeout)
        try:
            code, _ = client.noop()
            if code != 250:
                raise BadPayload(
                    QT_TR_NOOP("The mail server answered {code} to a NOOP.").format(code=code)
                )
        finally:
            _close(client)
    except (TimeoutError, smtplib.SMTPException, OSError) as error:
        raise _translate(error, route.host) from None


def message_id_for(post: Post, route: MailRoute) -> str:
    """The same for every attempt of a post, different for every post."""
    domain = route.sender.rpartition("@")[2] or "oncall-desktop.invalid"
    stamp = int(post.created_at.timestamp()) if post.created_at else 0
    return f"<oncall-desktop.post-{post.id}.{stamp}@{domain}>"


def deliver(post: Post, context: DeliveryContext) -> Attempt:
    route = MailRoute.from_json(post.destination)
    password = context.secret(SMTP_PASSWORD, "SMTP password") if route.username else ""
    sent_as = send_mail(
        route, post.text, password, message_id_for(post, route), context.endpoints.timeout[1]
    )
    return Attempt(Outcome.DELIVERED, remote_ref=sent_as, delivered_as="mail")


register_destination(
    Destination(
        EXECUTIVE_MAIL,
        Text(fr="E-mail (SMTP)", en="Email (SMTP)"),
        where=Text(fr="les dirigeants, par e-mail", en="the executives, by email"),
        shows_destination=False,  # the route is data, not for people
    )
)


register_deliverer(EXECUTIVE_MAIL, deliver)

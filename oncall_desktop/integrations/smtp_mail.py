"""The executive summary by mail through the team's SMTP server, through the outbox.

The SOP reaches executives by email: without a server set up, the summary opens in the
user's mail client (app/cockpits). With one (Settings: server, port, security, CA file,
account, sender), it is sent like every other post: stored first, sent on a worker, retried on
a network outage or a 4xx, refused on a rejected password or address. The password is the
secret: it lives in the keyring only.

What a post stores is only what must not change from one attempt to the next: its recipients
and its Message-ID (``MailRoute``, in a column of any length). The server, its security, the
account and the sender are read from the Settings in force at each attempt (``MailServer``,
handed over in the delivery context): an account fixed in Settings, as a 535 asks, is the one
*Edit and resend* and every retry use.

Each recipient is its own delivery. The server's answer to each ``RCPT TO`` and to the data is
kept with the post (``Post.extra["mail"]``, stored by the outbox with the attempt): a recipient
that took the mail is never sent it again; one answered 4xx (greylisting, a full mailbox) is
tried again alone, with the same Message-ID, so readers' mail programs see one message; one
answered 5xx is refused for good. The post is sent once every recipient took it, or took it
but for those refused for good (named, with the server's answer, in its detail); refused when
nobody took it. A refused post forgets its permanent refusals: *Edit and resend* tries them
again, never those that took it. When the answer to a whole mail is lost (the connection
dropped or timed out after the final "."), the attempt is ambiguous (``AnswerLost``): mail
cannot be read back, so the outbox sends it again, same Message-ID, to those not recorded as
having taken it, and marks the post "may have arrived twice".

8-bit text is declared (``BODY=8BITMIME``) when the server offers it, else sent
quoted-printable (7-bit), as RFC 6152 asks.

This module is the whole destination: it registers its name, its deliverer and its offer itself.
A session with the server (connecting, securing, logging in, leaving, its errors as the
outbox's; Settings' Test connection) is integrations/smtp_session's.
"""

from __future__ import annotations

import json
import re
import smtplib
import uuid
from dataclasses import dataclass, field
from email.message import EmailMessage
from email.policy import SMTP as SMTP_POLICY
from email.utils import formatdate

from oncall_desktop.core.destinations import EXECUTIVE_MAIL as EXECUTIVE_MAIL
from oncall_desktop.core.destinations import MAIL_CLIENT, Destination, Offer, register_destination
from oncall_desktop.core.messages import QT_TR_NOOP, UserMessage
from oncall_desktop.core.outbox import Attempt, Outcome, Post
from oncall_desktop.core.plaintext import clean_line
from oncall_desktop.core.policy import Audience, Text
from oncall_desktop.integrations.declarations import (
    ConnectionCheck,
    Field,
    Integration,
    register_integration,
)
from oncall_desktop.integrations.deliverers import DeliveryContext, Outgoing, register_deliverer
from oncall_desktop.integrations.errors import (
    AnswerLost,
    IntegrationError,
    Refused,
    ServerError,
)
from oncall_desktop.integrations.mail_server import MailServer, server_from
from oncall_desktop.integrations.smtp_session import (
    answer_line,
    check_account,
    close,
    connect,
    translated,
)

SMTP_PASSWORD = "smtp-password"  # its name in the keyring
SECURITIES = ("starttls", "ssl", "none")
SUBJECT_LIMIT = 200  # a subject line, not a paragraph
PROGRESS = "mail"  # its key in Post.extra


@dataclass(frozen=True)
class MailRoute:
    """What a post stores: who the mail goes to, and its Message-ID (the same at every
    attempt, so that a mail sent again is the same message to its readers)."""

    recipients: tuple[str, ...]
    message_id: str

    @classmethod
    def new(cls, recipients: tuple[str, ...], sender: str) -> MailRoute:
        domain = sender.rpartition("@")[2].strip() or "oncall-desktop.invalid"
        return cls(tuple(recipients), f"<oncall-desktop.{uuid.uuid4().hex}@{domain}>")

    def to_json(self) -> str:
        return json.dumps({"to": list(self.recipients), "message_id": self.message_id})

    @classmethod
    def of(cls, post: Post) -> MailRoute:
        """The route a post stores; one stored by an older version (the server and subject
        in it, no Message-ID) keeps its recipients and the Message-ID it was sent with."""
        try:
            data = json.loads(post.destination)
            if "to" in data:
                route = cls(tuple(str(r) for r in data["to"]), str(data["message_id"]))
            else:
                route = cls(
                    tuple(str(r) for r in data["recipients"]),
                    _older_message_id(post, str(data.get("sender", ""))),
                )
        except (ValueError, KeyError, TypeError) as error:
            raise Refused(
                QT_TR_NOOP("This mail's route is unreadable ({reason}).").format(
                    reason=type(error).__name__
                )
            ) from None
        if not route.recipients or not route.message_id:
            raise Refused(QT_TR_NOOP("This mail has no recipient."))
        return route


def _older_message_id(post: Post, sender: str) -> str:
    """The Message-ID an older version made from the post (its route had none)."""
    domain = sender.rpartition("@")[2] or "oncall-desktop.invalid"
    stamp = int(post.created_at.timestamp()) if post.created_at else 0
    return f"<oncall-desktop.post-{post.id}.{stamp}@{domain}>"


@dataclass
class Progress:
    """Each recipient's answer so far, kept with the post between attempts."""

    took: list[str] = field(default_factory=list)
    waiting: dict[str, str] = field(default_factory=dict)  # 4xx: tried again, alone
    refused: dict[str, str] = field(default_factory=dict)  # 5xx: for good

    @classmethod
    def of(cls, post: Post) -> Progress:
        kept = post.extra.get(PROGRESS)
        if not isinstance(kept, dict):
            return cls()
        return cls(
            [str(a) for a in kept.get("took", [])],
            {str(a): str(w) for a, w in dict(kept.get("waiting", {})).items()},
            {str(a): str(w) for a, w in dict(kept.get("refused", {})).items()},
        )

    def keep(self, post: Post) -> None:
        """Into the post's extra, which the outbox stores with this attempt's outcome."""
        post.extra[PROGRESS] = {"took": self.took, "waiting": self.waiting, "refused": self.refused}

    def to_send(self, route: MailRoute) -> list[str]:
        return [r for r in route.recipients if r not in self.took and r not in self.refused]

    def answered(self, address: str, code: int, answer: str) -> None:
        self.waiting.pop(address, None)
        if 200 <= code < 300:
            if address not in self.took:
                self.took.append(address)
        elif 500 <= code < 600:
            self.refused[address] = answer
        else:  # 4xx, or anything a server should not say: try again later
            self.waiting[address] = answer


def subject_of(text: str) -> str:
    """The mail's subject: the text's first line, one clean line (no header injection)."""
    lines = [line for line in text.strip().splitlines() if line.strip()]
    return clean_line(lines[0] if lines else "", limit=SUBJECT_LIMIT) or "-"


def build_message(
    sender: str, route: MailRoute, text: str, eight_bit: bool = False
) -> EmailMessage:
    """A plain-text UTF-8 mail to every recipient of the route. ``eight_bit``: the server
    takes 8BITMIME, so text with accents may go as it is; else it goes quoted-printable."""
    message = EmailMessage(policy=SMTP_POLICY)
    message["From"] = sender
    message["To"] = ", ".join(route.recipients)
    message["Subject"] = subject_of(text)
    message["Date"] = formatdate(localtime=False, usegmt=True)
    message["Message-ID"] = route.message_id
    message["Auto-Submitted"] = "auto-generated"  # RFC 3834: no vacation replies to it
    cte = None if eight_bit or text.isascii() else "quoted-printable"
    message.set_content(text, subtype="plain", charset="utf-8", cte=cte)
    return message


def _transaction(
    client: smtplib.SMTP, server: MailServer, route: MailRoute, text: str, progress: Progress
) -> None:
    """One MAIL transaction to the recipients still to send to; each answer goes into
    ``progress`` as it comes (a dropped connection keeps those already given)."""
    to_send = progress.to_send(route)
    if not to_send:
        return
    eight_bit = client.has_extn("8bitmime")
    data = build_message(server.sender, route, text, eight_bit).as_bytes(policy=SMTP_POLICY)
    options = ["BODY=8BITMIME"] if not data.isascii() else []
    code, reply = client.mail(server.sender, options)
    if code != 250:
        client.rset()
        raise smtplib.SMTPSenderRefused(code, reply, server.sender)
    accepted = []
    for address in to_send:
        code, reply = client.rcpt(address)
        if code in (250, 251):
            accepted.append(address)
        else:
            progress.answered(address, code, answer_line(code, reply))
    if not accepted:
        client.rset()
        return
    code, reply = client.docmd("DATA")
    if code == 354:
        client.send(_dot_stuffed(data) + b".\r\n")
        try:
            code, reply = client.getreply()
        except (smtplib.SMTPServerDisconnected, OSError) as error:  # it may have the mail
            raise AnswerLost(
                QT_TR_NOOP(
                    "The mail server had the whole mail, then its answer was lost ({reason}): "
                    "it may have arrived."
                ).format(reason=type(error).__name__)
            ) from None
    for address in accepted:  # the data's answer (or DATA's refusal) is every accepted one's
        progress.answered(address, code, answer_line(code, reply))


def _dot_stuffed(data: bytes) -> bytes:
    """The message as DATA sends it (RFC 5321 4.5.2): a leading "." doubled, CRLF at the end."""
    stuffed = re.sub(rb"(?m)^\.", b"..", data)
    return stuffed if stuffed.endswith(b"\r\n") else stuffed + b"\r\n"


def send_mail(
    server: MailServer,
    route: MailRoute,
    text: str,
    password: str,
    timeout: float,
    progress: Progress | None = None,
) -> Progress:
    """Send the mail (blocking) to the route's recipients that have not taken it yet;
    returns every recipient's answer so far (``progress``, updated, also when this raises)."""
    progress = progress if progress is not None else Progress()
    try:
        client = connect(server, password, timeout)
        try:
            _transaction(client, server, route, text, progress)
        finally:
            close(client)
    except (TimeoutError, smtplib.SMTPException, OSError) as error:
        raise translated(error, server) from None
    return progress


def _listed(answers: dict[str, str]) -> str:
    return "; ".join(f"{address} ({answer})" for address, answer in answers.items())


def outcome(route: MailRoute, progress: Progress) -> Attempt:
    """What the answers so far come to: sent, tried again for some, or refused by all."""
    if progress.to_send(route):  # 4xx for some (or not tried): again, for them alone
        taken = (
            QT_TR_NOOP(" Already taken by {addresses}.").format(addresses=", ".join(progress.took))
            if progress.took
            else ""
        )
        raise ServerError(
            QT_TR_NOOP(
                "The mail server asks to try again later for {waiting}: tried again for them "
                "alone.{taken}"
            ).format(
                waiting=_listed(progress.waiting) or ", ".join(progress.to_send(route)),
                taken=taken,
            )
        )
    if not progress.took:
        raise Refused(
            QT_TR_NOOP("The mail server refused every recipient: {addresses}.").format(
                addresses=_listed(dict(sorted(progress.refused.items())))
            )
        )
    if progress.refused:  # sent to the others: who is missing, and why, in the detail
        detail: UserMessage | str = QT_TR_NOOP(
            "{message_id}: taken by {took}; refused for good by {refused}"
        ).format(
            message_id=route.message_id,
            took=", ".join(progress.took),
            refused=_listed(progress.refused),
        )
    else:
        detail = route.message_id
    return Attempt(Outcome.DELIVERED, remote_ref=str(detail), delivered_as="mail")


def route(outgoing: Outgoing) -> Post | None:
    """To the executives the procedure names, through the mail server in Settings. The post
    keeps its recipients and Message-ID only: the server, account and sender are the
    Settings' at each attempt; the subject is the text's first line. None without a server
    (or without recipients): the caller opens the user's mail client instead."""
    server = server_from(outgoing.settings)
    recipients = outgoing.policy.executive_recipients if outgoing.policy is not None else ()
    if server is None or not recipients:
        return None
    return outgoing.post(
        EXECUTIVE_MAIL,
        MailRoute.new(recipients, server.sender).to_json(),
        audience=Audience.EXECUTIVE.value,
    )


def deliver(post: Post, context: DeliveryContext) -> Attempt:
    route = MailRoute.of(post)
    server = context.endpoints.mail_server
    if server is None or not server.host or not server.sender:
        raise Refused(
            QT_TR_NOOP(
                "No mail server in Settings: set one up under Executive mail, then Edit and resend."
            )
        )
    progress = Progress.of(post)
    try:
        password = context.secret(SMTP_PASSWORD, "SMTP password") if server.username else ""
        send_mail(server, route, post.text, password, context.endpoints.timeout[1], progress)
        return outcome(route, progress)
    except IntegrationError as error:
        if not error.retryable:  # refused: Edit and resend tries the refusals again
            progress.refused.clear()
            progress.waiting.clear()
        raise
    finally:
        progress.keep(post)  # stored with this attempt's outcome (core.outbox.settle keeps it)


register_destination(
    Destination(
        EXECUTIVE_MAIL,
        Text(fr="E-mail (SMTP)", en="Email (SMTP)"),
        where=Text(fr="les dirigeants, par e-mail", en="the executives, by email"),
        shows_destination=False,  # the route is data, not for people
        serves=(Audience.EXECUTIVE.value,),  # the executives' update
        offer=Offer(  # without a server: the user's mail client (app/sending.py)
            QT_TR_NOOP("Email the executives through {destination}"),
            (Audience.EXECUTIVE.value,),
            (Audience.EXECUTIVE.value,),
            label_not_set_up=QT_TR_NOOP("Open it in my mail client (executives)"),
            order=50,
            otherwise=MAIL_CLIENT,  # the mail client, then whether it went
        ),
    )
)
register_deliverer(
    EXECUTIVE_MAIL,
    deliver,
    route=route,
    where=lambda o: o.setting("smtp_host") if route(o) else None,
)


def _test_connection(check: ConnectionCheck) -> UserMessage:
    """Test connection: log in as the settings say (password typed, or stored); no mail."""
    port = check.options.get("smtp_port")
    server = MailServer(
        check.setting("smtp_host"),
        port if isinstance(port, int) else 587,
        check.setting("smtp_security") or "starttls",
        check.setting("smtp_username"),
        check.setting("smtp_sender"),
        check.setting("smtp_ca_file"),
    )
    password = check.secret(SMTP_PASSWORD) if server.username else ""
    if server.username and not password:
        raise IntegrationError(QT_TR_NOOP("No password: type the mail account's first."))
    check_account(server, password, timeout=10.0)
    return QT_TR_NOOP("The mail server took the account; the summary can be sent.")


# Its section is a widget of its own (a port, a CA file to browse for); declared all the same.
register_integration(
    Integration(
        EXECUTIVE_MAIL,
        "Mail",
        (
            Field("host", "smtp_host", QT_TR_NOOP("Mail server (SMTP)")),
            Field("username", "smtp_username", QT_TR_NOOP("Account")),
            Field("password", SMTP_PASSWORD, QT_TR_NOOP("Password"), "secret", strip=False),
            Field("sender", "smtp_sender", QT_TR_NOOP("Sender")),
        ),
        _test_connection,
        order=50,
        custom_section=True,
        destinations=(EXECUTIVE_MAIL,),
    )
)

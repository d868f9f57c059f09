"""One session with the team's mail server, as the executive mail (integrations/smtp_mail)
opens it: connected, secured as Settings say (STARTTLS, SSL, or none; the system's
authorities and a private one from Settings) and logged in; left politely; and smtplib's and
the socket's errors said as the outbox's (integrations/errors): retried when they may pass,
refused when they will not. Settings' Test connection is such a session, with no mail in it.
"""

from __future__ import annotations

import smtplib
import ssl

from oncall_desktop.core.messages import QT_TR_NOOP
from oncall_desktop.core.plaintext import clean_line
from oncall_desktop.integrations.errors import (
    BadPayload,
    IntegrationError,
    Refused,
    ServerError,
    TokenRejected,
    Unreachable,
)
from oncall_desktop.integrations.mail_server import MailServer

ANSWER_LIMIT = 120  # of a server's answer, kept per recipient


def answer_line(code: int, reply: bytes | str) -> str:
    """A server's answer as one clean line, its code first, as a recipient's is kept."""
    text = reply.decode("utf-8", "replace") if isinstance(reply, bytes) else str(reply)
    return clean_line(f"{code} {text}", limit=ANSWER_LIMIT)


def _tls_context(server: MailServer) -> ssl.SSLContext:
    """The system's authorities, and the private one from Settings when there is one."""
    context = ssl.create_default_context()
    if server.ca_file:
        try:
            context.load_verify_locations(cafile=server.ca_file)
        except (OSError, ValueError) as error:  # missing, unreadable, not a certificate
            raise Refused(
                QT_TR_NOOP(
                    "The mail server's CA file {file} cannot be used ({reason}). Choose it "
                    "again in Settings."
                ).format(file=server.ca_file, reason=type(error).__name__)
            ) from None
    return context


def connect(server: MailServer, password: str, timeout: float) -> smtplib.SMTP:
    """Connected, secured as Settings say and logged in (when there is an account)."""
    context = _tls_context(server) if server.security != "none" else None
    if server.security == "ssl":
        client: smtplib.SMTP = smtplib.SMTP_SSL(
            server.host, server.port, timeout=timeout, context=context
        )
    else:
        client = smtplib.SMTP(server.host, server.port, timeout=timeout)
    try:
        client.ehlo()
        if server.security == "starttls":
            client.starttls(context=context)  # refused (never in clear) when not offered
            client.ehlo()
        if server.username:
            client.login(server.username, password)
    except BaseException:
        close(client)
        raise
    return client


def close(client: smtplib.SMTP) -> None:
    try:
        client.quit()
    except (smtplib.SMTPException, OSError):
        client.close()


def translated(error: Exception, server: MailServer) -> IntegrationError:
    """smtplib's and the socket's errors as the outbox's: retry what may pass, not the rest."""
    if isinstance(error, smtplib.SMTPAuthenticationError):
        return TokenRejected(
            QT_TR_NOOP(
                "The mail server refused the account or password ({code}). Check them in Settings."
            ).format(code=error.smtp_code)
        )
    if isinstance(error, smtplib.SMTPSenderRefused) and error.smtp_code >= 500:
        return Refused(
            QT_TR_NOOP(
                "The mail server refused the sender {sender} ({answer}). Check it in Settings."
            ).format(sender=server.sender, answer=answer_line(error.smtp_code, error.smtp_error))
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
    if isinstance(error, ssl.SSLCertVerificationError):
        return Refused(
            QT_TR_NOOP(
                "The mail server's certificate is not trusted ({reason}). If a private "
                "authority issued it, choose its CA file in Settings."
            ).format(reason=error.verify_message or type(error).__name__)
        )
    if isinstance(error, ssl.SSLError):
        return Refused(
            QT_TR_NOOP("The mail server's encryption failed ({reason}).").format(
                reason=type(error).__name__
            )
        )
    return Unreachable(
        QT_TR_NOOP("The mail server {host} cannot be reached ({reason}).").format(
            host=server.host, reason=type(error).__name__
        )
    )


def check_account(server: MailServer, password: str, timeout: float) -> None:
    """Settings' Test connection: connect, secure, log in, and leave; no mail is sent."""
    try:
        client = connect(server, password, timeout)
        try:
            code, _ = client.noop()
            if code != 250:
                raise BadPayload(
                    QT_TR_NOOP("The mail server answered {code} to a NOOP.").format(code=code)
                )
        finally:
            close(client)
    except (TimeoutError, smtplib.SMTPException, OSError) as error:
        raise translated(error, server) from None

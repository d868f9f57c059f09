"""A fake SMTP server on 127.0.0.1 that checks every session against the protocol contract
below, so the mail client is tested against what a mail server accepts.

THE CONTRACT (RFC 5321, SMTP; RFC 3207, STARTTLS; RFC 6152, 8BITMIME; RFC 4954 and RFC 4616,
AUTH PLAIN; RFC 5322 and RFC 2045-2047, the message; RFC 3834, Auto-Submitted):

- The server greets with 220. The client says EHLO before anything else; AUTH (PLAIN or
  LOGIN) only after EHLO, and, when the server has an account, before MAIL FROM (530 else).
- STARTTLS (offered when the server has a certificate, ``tls``): answered 220, then the TLS
  handshake; everything said before is forgotten and the client says EHLO again. A server with
  a certificate takes no AUTH and no MAIL in clear (530, and a violation). With
  ``implicit_tls`` the connection is TLS from its first byte (port 465).
- One transaction: MAIL FROM:<a> [BODY=7BIT|8BITMIME], then RCPT TO:<b> one or more times,
  then DATA (354), the message, and "." on its own line; the server answers 250 once it has
  taken the message. Lines end in CRLF and are at most 1000 octets with it; a line starting
  with "." is dot-stuffed.
- 8-bit: a message with any octet above 127 must be sent with BODY=8BITMIME, and
  BODY=8BITMIME only to a server that offered 8BITMIME (``eight_bit_mime``; 555 else).
- The message: From, To, Subject (one line: no CR or LF inside), Date and Message-ID headers;
  a text/plain body declared UTF-8 (or 7-bit ASCII); Auto-Submitted: auto-generated.
- Codes: 4xx is temporary (try again later: 421 closing, 451 local error, 452 storage), 5xx
  is final (535 bad credentials, 550 mailbox unavailable, 554 transaction failed).

Faults, for the tests: ``fault_hook(text)`` may answer a message with a temporary code, a
dropped connection or a slow answer instead of 250; ``temporary_recipients`` answers 451 to
a recipient's RCPT TO the given number of times before taking it; ``refused_recipients``
answers 550. :func:`make_private_ca` makes an authority of its own and the server's
certificate, which no system trusts.
"""

from __future__ import annotations

import base64
import contextlib
import email
import email.policy
import socket
import socketserver
import ssl
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from ipaddress import ip_address
from pathlib import Path


def _address(line: str) -> str:
    """The path of MAIL FROM:<a> SIZE=… or RCPT TO:<b>."""
    start, end = line.find("<"), line.find(">")
    return line[start + 1 : end] if 0 <= start < end else ""


def _parameters(line: str) -> dict[str, str]:
    """The ESMTP parameters after the path: BODY=8BITMIME SIZE=… → {"BODY": "8BITMIME", …}."""
    after = line[line.find(">") + 1 :] if ">" in line else ""
    pairs = (word.partition("=") for word in after.split())
    return {name.upper(): value.upper() for name, _, value in pairs}


@dataclass
class SmtpFault:
    code: int = 451  # answered to the end of DATA instead of 250; 0: drop the connection
    delay: float = 0.0  # before the answer to DATA (354)


@dataclass
class ReceivedMail:
    sender: str
    recipients: list[str]
    headers: dict[str, str]
    text: str
    raw: bytes
    body: str = "7BIT"  # the BODY= of its MAIL FROM
    secured: bool = False  # came over TLS


@dataclass
class PrivateCa:
    """An authority of the tests' own: its certificate (the file Settings would name) and the
    server's TLS context, with a certificate it issued for localhost and 127.0.0.1."""

    ca_file: Path
    server_context: ssl.SSLContext


def make_private_ca(folder: Path) -> PrivateCa:
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

    folder.mkdir(parents=True, exist_ok=True)
    now = datetime.now(UTC)

    def usage(**allowed: bool) -> x509.KeyUsage:
        names = (
            "digital_signature",
            "content_commitment",
            "key_encipherment",
            "data_encipherment",
            "key_agreement",
            "key_cert_sign",
            "crl_sign",
            "encipher_only",
            "decipher_only",
        )
        return x509.KeyUsage(**{name: allowed.get(name, False) for name in names})

    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Oncall tests private CA")])
    ca_cert = (
        x509.CertificateBuilder()
        .subject_name(ca_name)
        .issuer_name(ca_name)
        .public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(minutes=5))
        .not_valid_after(now + timedelta(days=2))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(usage(key_cert_sign=True, crl_sign=True), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key()), False)
        .sign(ca_key, hashes.SHA256())
    )
    key = ec.generate_private_key(ec.SECP256R1())
    cert = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost")]))
        .issuer_name(ca_name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(minutes=5))
        .not_valid_after(now + timedelta(days=2))
        .add_extension(
            x509.SubjectAlternativeName(
                [x509.DNSName("localhost"), x509.IPAddress(ip_address("127.0.0.1"))]
            ),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(usage(digital_signature=True), critical=True)
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), False)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), False
        )
        .sign(ca_key, hashes.SHA256())
    )
    ca_file, cert_file, key_file = folder / "ca.pem", folder / "server.pem", folder / "server.key"
    ca_file.write_bytes(ca_cert.public_bytes(serialization.Encoding.PEM))
    cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert_file, key_file)
    return PrivateCa(ca_file, context)


class _Channel:
    """One client's connection, in clear or (after STARTTLS) over TLS."""

    def __init__(self, sock: socket.socket) -> None:
        self.sock = sock
        self.rfile = sock.makefile("rb")
        self.secured = False

    def readline(self, limit: int = 4096) -> bytes:
        return self.rfile.readline(limit)

    def say(self, line: str) -> None:
        self.sock.sendall(line.encode("ascii") + b"\r\n")

    def secure(self, context: ssl.SSLContext) -> None:
        self.rfile.close()
        self.sock = context.wrap_socket(self.sock, server_side=True)
        self.rfile = self.sock.makefile("rb")
        self.secured = True

    def close(self) -> None:
        with contextlib.suppress(OSError):
            self.rfile.close()
        with contextlib.suppress(OSError):
            self.sock.close()


@dataclass
class FakeSmtp:
    username: str = "oncall@example.com"
    password: str = "s3cret pass"
    refused_recipients: set[str] = field(default_factory=set)
    # address → how many more times its RCPT TO is answered 451 before it is taken
    temporary_recipients: dict[str, int] = field(default_factory=dict)
    eight_bit_mime: bool = True  # offered in the EHLO answer
    tls: ssl.SSLContext | None = None  # a certificate: STARTTLS offered, and required
    implicit_tls: bool = False  # TLS from the first byte (SMTPS, port 465)
    mails: list[ReceivedMail] = field(default_factory=list)
    violations: list[str] = field(default_factory=list)
    rcpt_answers: list[tuple[str, int]] = field(default_factory=list)
    logins: int = 0
    tls_failures: int = 0  # handshakes the client broke off (an untrusted certificate)
    fault_hook: Callable[[str], SmtpFault | None] | None = None
    on_message: Callable[[str], None] | None = None
    _server: socketserver.ThreadingTCPServer | None = None
    _port: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def port(self) -> int:
        return self._port

    def start(self) -> FakeSmtp:
        fake = self

        class Handler(socketserver.BaseRequestHandler):
            def handle(self) -> None:
                fake._serve(self.request)

        socketserver.ThreadingTCPServer.allow_reuse_address = True
        self._server = socketserver.ThreadingTCPServer(("127.0.0.1", self._port), Handler)
        self._server.daemon_threads = True
        self._port = self._server.server_address[1]
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def restart(self, down_for: float = 0.3) -> None:
        """The server goes away and comes back on the same port."""
        self.stop()
        time.sleep(down_for)
        self.start()

    def violation(self, text: str) -> None:
        with self.lock:
            self.violations.append(text)

    def take_violations(self) -> list[str]:
        with self.lock:
            taken, self.violations = self.violations, []
        return taken

    def texts(self) -> list[str]:
        return [m.text for m in self.mails]

    def received_by(self, address: str) -> list[ReceivedMail]:
        """The mails this mailbox got (one per transaction that named it and was taken)."""
        with self.lock:
            return [m for m in self.mails if address in m.recipients]

    # --- one session --------------------------------------------------------------------------

    def _serve(self, sock: socket.socket) -> None:
        channel = _Channel(sock)
        try:
            if self.implicit_tls:
                assert self.tls is not None, "implicit TLS needs a certificate"
                if not self._secure(channel):
                    return
            self._session(channel)
        except OSError:
            return  # the client went away
        finally:
            channel.close()

    def _secure(self, channel: _Channel) -> bool:
        assert self.tls is not None
        try:
            channel.secure(self.tls)
        except (ssl.SSLError, OSError):
            with self.lock:
                self.tls_failures += 1
            return False
        return True

    def _session(self, channel: _Channel) -> None:
        say = channel.say
        state: dict = {"ehlo": False, "auth": False, "from": None, "to": [], "body": "7BIT"}  # type: ignore[type-arg]
        say("220 fake-smtp.example ESMTP ready")
        while True:
            raw = channel.readline(4096)
            if not raw:
                return
            if not raw.endswith(b"\r\n"):
                self.violation(f"a command line not ended by CRLF: {raw!r}")
            line = raw.decode("ascii", "replace").rstrip("\r\n")
            verb = line.split(" ", 1)[0].upper()
            in_clear = self.tls is not None and not channel.secured
            if verb == "EHLO":
                state.update(ehlo=True, auth=False, **{"from": None, "to": []})
                say("250-fake-smtp.example")
                if in_clear:
                    say("250-STARTTLS")
                say("250-AUTH PLAIN LOGIN")
                if self.eight_bit_mime:
                    say("250-8BITMIME")
                say("250 SIZE 10485760")
            elif verb == "HELO":
                self.violation("HELO instead of EHLO")
                say("250 fake-smtp.example")
            elif verb == "STARTTLS":
                if not in_clear:
                    self.violation("STARTTLS not offered (no certificate, or already secured)")
                    say("502 5.5.1 STARTTLS not available")
                    continue
                say("220 2.0.0 Ready to start TLS")
                if not self._secure(channel):
                    return
                state.update(ehlo=False, auth=False, **{"from": None, "to": []})
            elif verb == "AUTH":
                if not state["ehlo"]:
                    self.violation("AUTH before EHLO")
                if in_clear:
                    self.violation("AUTH in clear on a server that offers STARTTLS")
                    say("530 5.7.0 Must issue a STARTTLS command first")
                    continue
                state["auth"] = self._auth(line, channel)
            elif verb == "MAIL":
                if not state["ehlo"]:
                    self.violation("MAIL before EHLO")
                if in_clear:
                    self.violation("MAIL in clear on a server that offers STARTTLS")
                    say("530 5.7.0 Must issue a STARTTLS command first")
                    continue
                if self.username and not state["auth"]:
                    say("530 5.7.0 Authentication required")
                    continue
                body = _parameters(line).get("BODY", "7BIT")
                if body == "8BITMIME" and not self.eight_bit_mime:
                    self.violation("BODY=8BITMIME to a server that did not offer 8BITMIME")
                    say("555 5.5.4 BODY=8BITMIME not supported")
                    continue
                state.update(body=body, **{"from": _address(line), "to": []})
                say("250 2.1.0 Ok")
            elif verb == "RCPT":
                if state["from"] is None:
                    self.violation("RCPT before MAIL")
                address = _address(line)
                with self.lock:
                    busy = self.temporary_recipients.get(address, 0)
                    if busy:
                        self.temporary_recipients[address] = busy - 1
                if address in self.refused_recipients:
                    code = 550
                    say("550 5.1.1 Mailbox unavailable")
                elif busy:
                    code = 451
                    say("451 4.2.1 Mailbox busy, try again later")
                else:
                    code = 250
                    state["to"].append(address)
                    say("250 2.1.5 Ok")
                with self.lock:
                    self.rcpt_answers.append((address, code))
            elif verb == "DATA":
                if not state["to"]:
                    self.violation("DATA without an accepted recipient")
                    say("554 5.5.1 No valid recipients")
                    continue
                if not self._data(state, channel):
                    return  # dropped
                state.update(**{"from": None, "to": []})
            elif verb in ("NOOP", "RSET"):
                if verb == "RSET":
                    state.update(**{"from": None, "to": []})
                say("250 2.0.0 Ok")
            elif verb == "QUIT":
                say("221 2.0.0 Bye")
                return
            else:
                self.violation(f"unexpected command {verb}")
                say("502 5.5.2 Command not recognized")

    def _auth(self, line: str, channel: _Channel) -> bool:
        say = channel.say
        parts = line.split(" ")
        mechanism = parts[1].upper() if len(parts) > 1 else ""
        if mechanism == "PLAIN":
            encoded = parts[2] if len(parts) > 2 else ""
            if not encoded:
                say("334 ")
                encoded = channel.readline().decode("ascii").strip()
            _authz, user, password = base64.b64decode(encoded).decode("utf-8").split("\0")
        elif mechanism == "LOGIN":
            say("334 " + base64.b64encode(b"Username:").decode())
            user = base64.b64decode(channel.readline().strip()).decode("utf-8")
            say("334 " + base64.b64encode(b"Password:").decode())
            password = base64.b64decode(channel.readline().strip()).decode("utf-8")
        else:
            say("504 5.5.4 Unrecognized authentication type")
            return False
        if (user, password) != (self.username, self.password):
            say("535 5.7.8 Authentication credentials invalid")
            return False
        with self.lock:
            self.logins += 1
        say("235 2.7.0 Authentication successful")
        return True

    def _data(self, state: dict, channel: _Channel) -> bool:  # type: ignore[type-arg]
        lines = []
        channel.say("354 End data with <CR><LF>.<CR><LF>")
        while True:
            raw = channel.readline(1_000_000)
            if not raw:
                return False
            if raw == b".\r\n":
                break
            if not raw.endswith(b"\r\n"):
                self.violation("a message line not ended by CRLF (a bare LF)")
            if len(raw) > 1000:
                self.violation(f"a message line of {len(raw)} octets (1000 at most, RFC 5321)")
            lines.append(raw[1:] if raw.startswith(b"..") else raw)
        data = b"".join(lines)
        if not data.isascii() and state["body"] != "8BITMIME":
            self.violation("8-bit data without BODY=8BITMIME (RFC 6152)")
        mail = self._check(state["from"], list(state["to"]), data)
        mail.body, mail.secured = state["body"], channel.secured
        fault = self.fault_hook(mail.text) if self.fault_hook and mail.text else None
        if fault is not None:
            time.sleep(fault.delay)
            if fault.code == 0:
                channel.close()  # gone before answering: not taken
                return False
            channel.say(f"{fault.code} 4.3.0 Try again later")
            return True
        with self.lock:
            self.mails.append(mail)
        channel.say("250 2.0.0 Ok: queued")
        if self.on_message is not None:
            self.on_message(mail.text)
        return True

    def _check(self, sender: str, recipients: list[str], data: bytes) -> ReceivedMail:
        message = email.message_from_bytes(data, policy=email.policy.default)
        headers = {k: str(v).strip() for k, v in message.items()}  # a folded one unfolded
        for name in ("From", "To", "Subject", "Date", "Message-ID"):
            if name not in headers:
                self.violation(f"the message has no {name} header")
        if "\n" in headers.get("Subject", "") or "\r" in headers.get("Subject", ""):
            self.violation("a Subject over several lines")
        if headers.get("Auto-Submitted") != "auto-generated":
            self.violation("no Auto-Submitted: auto-generated (RFC 3834)")
        if message.get_content_type() != "text/plain":
            self.violation(f"the body is {message.get_content_type()}, not text/plain")
        charset = message.get_content_charset() or "us-ascii"
        if charset.lower() not in ("utf-8", "us-ascii"):
            self.violation(f"charset {charset}")
        text = ""
        with contextlib.suppress(LookupError, ValueError):
            text = message.get_content().replace("\r\n", "\n").rstrip("\n")
        return ReceivedMail(sender, recipients, headers, text, data)

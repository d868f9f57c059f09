"""A fake SMTP server on 127.0.0.1 that checks every session against the protocol contract
below, so the mail client is tested against what a mail server accepts.

THE CONTRACT (RFC 5321, SMTP; RFC 4954 and RFC 4616, AUTH PLAIN; RFC 5322 and RFC 2045-2047,
the message; RFC 3834, Auto-Submitted):

- The server greets with 220. The client says EHLO before anything else; AUTH (PLAIN or
  LOGIN) only after EHLO, and, when the server has an account, before MAIL FROM (530 else).
- One transaction: MAIL FROM:<a>, then RCPT TO:<b> one or more times, then DATA (354), the
  message, and "." on its own line; the server answers 250 once it has taken the message.
  Lines end in CRLF; a line starting with "." is dot-stuffed.
- The message: From, To, Subject (one line: no CR or LF inside), Date and Message-ID headers;
  a text/plain body declared UTF-8 (or 7-bit ASCII); Auto-Submitted: auto-generated.
- Codes: 4xx is temporary (try again later: 421 closing, 451 local error, 452 storage), 5xx
  is final (535 bad credentials, 550 mailbox unavailable, 554 transaction failed).

Faults, for the tests: ``fault_hook(text)`` may answer a message with a temporary code, a
dropped connection or a slow answer instead of 250.
"""

from __future__ import annotations

import base64
import contextlib
import email
import email.policy
import socketserver
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field


def _address(line: str) -> str:
    """The path of MAIL FROM:<a> SIZE=… or RCPT TO:<b>."""
    start, end = line.find("<"), line.find(">")
    return line[start + 1 : end] if 0 <= start < end else ""


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


@dataclass
class FakeSmtp:
    username: str = "oncall@example.com"
    password: str = "s3cret pass"
    refused_recipients: set[str] = field(default_factory=set)
    mails: list[ReceivedMail] = field(default_factory=list)
    violations: list[str] = field(default_factory=list)
    logins: int = 0
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

        class Handler(socketserver.StreamRequestHandler):
            def handle(self) -> None:
                fake._session(self)

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

    # --- one session --------------------------------------------------------------------------

    def _session(self, conn: socketserver.StreamRequestHandler) -> None:
        def say(line: str) -> None:
            conn.wfile.write(line.encode("ascii") + b"\r\n")

        state = {"ehlo": False, "auth": False, "from": None, "to": []}
        say("220 fake-smtp.example ESMTP ready")
        while True:
            raw = conn.rfile.readline(4096)
            if not raw:
                return
            if not raw.endswith(b"\r\n"):
                self.violation(f"a command line not ended by CRLF: {raw!r}")
            line = raw.decode("ascii", "replace").rstrip("\r\n")
            verb = line.split(" ", 1)[0].upper()
            if verb == "EHLO":
                state["ehlo"] = True
                say("250-fake-smtp.example")
                say("250-AUTH PLAIN LOGIN")
                say("250-8BITMIME")
                say("250 SIZE 10485760")
            elif verb == "HELO":
                self.violation("HELO instead of EHLO")
                say("250 fake-smtp.example")
            elif verb == "AUTH":
                if not state["ehlo"]:
                    self.violation("AUTH before EHLO")
                state["auth"] = self._auth(line, conn, say)
            elif verb == "MAIL":
                if not state["ehlo"]:
                    self.violation("MAIL before EHLO")
                if self.username and not state["auth"]:
                    say("530 5.7.0 Authentication required")
                    continue
                state["from"], state["to"] = _address(line), []
                say("250 2.1.0 Ok")
            elif verb == "RCPT":
                if state["from"] is None:
                    self.violation("RCPT before MAIL")
                address = _address(line)
                if address in self.refused_recipients:
                    say("550 5.1.1 Mailbox unavailable")
                else:
                    state["to"].append(address)
                    say("250 2.1.5 Ok")
            elif verb == "DATA":
                if not state["to"]:
                    self.violation("DATA without an accepted recipient")
                    say("554 5.5.1 No valid recipients")
                    continue
                if not self._data(state, conn, say):
                    return  # dropped
                state["from"], state["to"] = None, []
            elif verb in ("NOOP", "RSET"):
                say("250 2.0.0 Ok")
            elif verb == "QUIT":
                say("221 2.0.0 Bye")
                return
            else:
                self.violation(f"unexpected command {verb}")
                say("502 5.5.2 Command not recognized")

    def _auth(self, line: str, conn: socketserver.StreamRequestHandler, say) -> bool:  # type: ignore[no-untyped-def]
        parts = line.split(" ")
        mechanism = parts[1].upper() if len(parts) > 1 else ""
        if mechanism == "PLAIN":
            encoded = parts[2] if len(parts) > 2 else ""
            if not encoded:
                say("334 ")
                encoded = conn.rfile.readline().decode("ascii").strip()
            _authz, user, password = base64.b64decode(encoded).decode("utf-8").split("\0")
        elif mechanism == "LOGIN":
            say("334 " + base64.b64encode(b"Username:").decode())
            user = base64.b64decode(conn.rfile.readline().strip()).decode("utf-8")
            say("334 " + base64.b64encode(b"Password:").decode())
            password = base64.b64decode(conn.rfile.readline().strip()).decode("utf-8")
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

    def _data(self, state: dict, conn: socketserver.StreamRequestHandler, say) -> bool:  # type: ignore[no-untyped-def,type-arg]
        lines = []
        say("354 End data with <CR><LF>.<CR><LF>")
        while True:
            raw = conn.rfile.readline(1_000_000)
            if not raw:
                return False
            if raw == b".\r\n":
                break
            if not raw.endswith(b"\r\n"):
                self.violation("a message line not ended by CRLF (a bare LF)")
            lines.append(raw[1:] if raw.startswith(b"..") else raw)
        data = b"".join(lines)
        mail = self._check(state["from"], list(state["to"]), data)
        fault = self.fault_hook(mail.text) if self.fault_hook and mail.text else None
        if fault is not None:
            time.sleep(fault.delay)
            if fault.code == 0:
                conn.connection.close()  # gone before answering: not taken
                return False
            say(f"{fault.code} 4.3.0 Try again later")
            return True
        with self.lock:
            self.mails.append(mail)
        say("250 2.0.0 Ok: queued")
        if self.on_message is not None:
            self.on_message(mail.text)
        return True

    def _check(self, sender: str, recipients: list[str], data: bytes) -> ReceivedMail:
        message = email.message_from_bytes(data, policy=email.policy.default)
        headers = {k: str(v) for k, v in message.items()}
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

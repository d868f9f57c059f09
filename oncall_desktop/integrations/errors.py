"""What can go wrong talking to PagerDuty or Slack, in terms the user can act on.

``str(error)`` is always a message for the user (in English; ``error.message`` is the same,
translatable: see core/messages.py); none of them contains a token.
"""

from __future__ import annotations

from datetime import timedelta

from oncall_desktop.core.messages import UserMessage


class IntegrationError(Exception):
    """Base class. ``retryable`` tells the caller whether trying again later can help;
    ``code`` is the service's own error code when it gave one (Slack's ``channel_not_found``)."""

    retryable = False
    # the request went out and its answer was lost or unreadable: it may have arrived (the
    # outbox's Outcome.AMBIGUOUS: looked for at the destination before it is sent again)
    ambiguous = False

    def __init__(self, message: str | UserMessage, code: str = "") -> None:
        super().__init__(str(message))
        self.message = message
        self.code = code


class TokenRejected(IntegrationError):
    """401: the token is wrong, revoked or expired."""


class Forbidden(IntegrationError):
    """403: the token is valid but may not do this (a read-only key, a missing scope)."""


class AccountLevelKey(IntegrationError):
    """The key is an account-level key; the app needs a user key to know who 'me' is."""


class NotFound(IntegrationError):
    pass


class Refused(IntegrationError):
    """Any other 4xx: the request itself was refused. Sending it again will not help."""


class PlanLimit(Refused):
    """402: the account's plan does not include this feature."""


class RateLimited(IntegrationError):
    retryable = True

    def __init__(self, message: str | UserMessage, retry_after: timedelta | None) -> None:
        super().__init__(message, "ratelimited")
        self.retry_after = retry_after


class ServerError(IntegrationError):
    """5xx: the service is having trouble."""

    retryable = True


class Unreachable(IntegrationError):
    """No answer: network down, DNS, refused connection, or a timeout."""

    retryable = True


class BadPayload(IntegrationError):
    """The answer was not what the API promises (an HTML error page, malformed JSON)."""

    retryable = True


class AnswerLost(Unreachable):
    """The request was sent, then no answer came: a read timeout, the connection dropped. The
    destination may have done it."""

    ambiguous = True


class UnreadableAnswer(BadPayload):
    """A success (2xx) whose body cannot be read, or lacks what the API promises: the
    destination may have done it."""

    ambiguous = True


def answer_lost(error: BaseException | None) -> bool:
    """Whether ``error`` (from ``requests``) came once the request may have reached the server:
    a read timeout, a connection dropped or reset, a body cut short. Not a refused connection,
    a connect timeout, a TLS or proxy failure: those never reached it; nor a read (GET): it
    changes nothing there."""
    if error is None:
        return False
    import requests

    request = getattr(error, "request", None)
    if getattr(request, "method", None) in ("GET", "HEAD"):
        return False

    if isinstance(error, requests.exceptions.ConnectTimeout | requests.exceptions.SSLError):
        return False
    if isinstance(error, requests.exceptions.ProxyError):
        return False
    if isinstance(error, requests.exceptions.ReadTimeout):
        return True
    if isinstance(
        error, requests.exceptions.ChunkedEncodingError | requests.exceptions.ContentDecodingError
    ):
        return True
    if isinstance(error, requests.exceptions.ConnectionError):
        from urllib3.exceptions import ConnectTimeoutError, NameResolutionError

        reason = error.args[0] if error.args else None
        reason = getattr(reason, "reason", reason)  # urllib3's MaxRetryError wraps the cause
        # NewConnectionError is a ConnectTimeoutError: refused, unreachable, no route
        return not isinstance(reason, ConnectTimeoutError | NameResolutionError)
    return False


def is_ambiguous(error: BaseException) -> bool:
    """An error that leaves the destination's state unknown: an ambiguous one, or an
    Unreachable raised while handling a ``requests`` error that came after sending (kept as
    its context, even ``from None``): any deliverer on ``requests`` gets this for free."""
    if getattr(error, "ambiguous", False):
        return True
    return isinstance(error, Unreachable) and answer_lost(error.__context__)

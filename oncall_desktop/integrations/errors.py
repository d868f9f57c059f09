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

"""Errors raised by the domain core."""

from __future__ import annotations

from oncall_desktop.core.messages import QT_TR_NOOP, UserMessage


class DomainError(Exception):
    """Base class: a rule of the procedure was broken, or its data is invalid."""


class PolicyError(DomainError):
    """The SOP policy data is invalid.

    Attributes:
        key: the dotted key of the offending value (e.g. ``severities.SEV-1.ack_sla_minutes``).
    """

    def __init__(self, key: str, problem: str | UserMessage) -> None:
        super().__init__(f"{key}: {problem}")
        self.key = key
        self.problem = problem
        self.message = QT_TR_NOOP("{key}: {problem}").format(key=key, problem=problem)


class TransitionError(DomainError):
    """An incident was asked to move to a status it cannot reach from where it is."""

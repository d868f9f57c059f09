"""Errors raised by the domain core."""


class DomainError(Exception):
    """Base class: a rule of the procedure was broken, or its data is invalid."""


class PolicyError(DomainError):
    """The SOP policy data is invalid.

    Attributes:
        key: the dotted key of the offending value (e.g. ``severities.SEV-1.ack_sla_minutes``).
    """

    def __init__(self, key: str, problem: str) -> None:
        super().__init__(f"{key}: {problem}")
        self.key = key
        self.problem = problem


class TransitionError(DomainError):
    """An incident was asked to move to a status it cannot reach from where it is."""

"""Storage errors, split the way the user needs them.

:class:`StorageUnavailable` is the environment's doing (bad URL, locked or corrupt file,
read-only folder, server down, a database from a newer app): the message says what to do.
Anything else raised by storage is our bug and goes to the crash report.
"""

from oncall_desktop.core.messages import UserMessage


class StorageUnavailable(Exception):
    """The database cannot be used; ``str(error)`` is a message for the user (in English;
    ``error.message`` is the same, translatable: see core/messages.py)."""

    def __init__(self, message: str | UserMessage) -> None:
        super().__init__(str(message))
        self.message = message


class Conflict(StorageUnavailable):
    """Another console stored the same thing first (a unique key: one incident per page, one
    post-mortem per incident, one handoff per change). Writers that can take the other
    console's row catch this; anywhere else it reads as a message, not a crash."""

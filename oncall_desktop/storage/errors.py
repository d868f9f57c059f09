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

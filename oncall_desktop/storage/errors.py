"""Storage errors, split the way the user needs them.

:class:`StorageUnavailable` is the environment's doing (bad URL, locked or corrupt file,
read-only folder, server down, a database from a newer app): the message says what to do.
Anything else raised by storage is our bug and goes to the crash report.
"""


class StorageUnavailable(Exception):
    """The database cannot be used; ``str(error)`` is a message for the user."""

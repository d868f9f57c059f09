"""What the user reads about a problem, in the UI's language.

Errors from the layers below carry a :class:`~oncall_desktop.core.messages.UserMessage` (their
English template and values); it is translated here, when it becomes text for the screen.
Anything else is shown as its ``str()``.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from oncall_desktop.core.messages import UserMessage


def shown(problem: object) -> str:
    message = problem if isinstance(problem, UserMessage) else getattr(problem, "message", None)
    if isinstance(message, UserMessage):
        return message.render(
            QCoreApplication.translate(message.context, message.template), show=shown
        )
    if isinstance(problem, KeyError) and problem.args:
        return str(problem.args[0])  # str(KeyError) adds quotes
    return str(problem)


def said(problem: object) -> UserMessage | str:
    """What a banner is handed about ``problem``: its :class:`UserMessage` (the problem
    itself, or an error's ``message``), which the banner says again in the new language when
    the UI's language changes; text as :func:`shown` writes it when it has none."""
    message = problem if isinstance(problem, UserMessage) else getattr(problem, "message", None)
    return message if isinstance(message, UserMessage) else shown(problem)

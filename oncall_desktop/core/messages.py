"""Messages for the user from the layers below the UI, translated when they are shown.

The core, storage and integrations cannot call Qt's translator, so they say what went wrong as
a :class:`UserMessage`: an English template with ``{name}`` fields and their values. Its
``str()`` is the English text (for logs and exceptions); the services translate the template
into the UI's language when the message reaches the screen (services/messages.py).

Templates are marked with :func:`QT_TR_NOOP`, a name Qt's ``pyside6-lupdate`` reads, so that
they land in the translators' files like every UI string (in the unnamed context, which is
where lupdate files a ``QT_TR_NOOP`` outside a Qt class):

    raise Unreachable(
        QT_TR_NOOP("PagerDuty at {url} cannot be reached ({reason}).").format(
            url=base_url, reason=type(error).__name__
        )
    )
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

CONTEXT = ""  # lupdate's context for QT_TR_NOOP outside a Qt class


@dataclass(frozen=True)
class UserMessage:
    template: str
    values: tuple[tuple[str, object], ...] = ()  # a value may itself be a UserMessage
    context: str = CONTEXT

    def format(self, **values: object) -> UserMessage:
        """The same template with values for its fields."""
        return UserMessage(self.template, tuple(values.items()), self.context)

    def render(self, template: str, show: Callable[[object], str] = str) -> str:
        """``template`` (this one, or its translation) with the values filled in, each as
        ``show`` writes it (the translator passes itself, for messages within messages)."""
        return template.format(**{name: show(value) for name, value in self.values})

    def __str__(self) -> str:
        return self.render(self.template)


def QT_TR_NOOP(template: str) -> UserMessage:
    """Marks ``template`` for translation; it is translated when shown, not here."""
    return UserMessage(template)


def message_to_json(message: UserMessage | str) -> dict[str, object]:
    """A message as JSON, to cross from a helper process to the console or to be stored: its
    values as text, or as messages of their own (translated too when shown)."""
    if isinstance(message, str):
        return {"template": "{text}", "values": [["text", message]]}
    return {
        "template": message.template,
        "values": [
            [k, message_to_json(v) if isinstance(v, UserMessage) else str(v)]
            for k, v in message.values
        ],
    }


def message_from_json(data: object, fallback: UserMessage) -> UserMessage:
    """The message a helper process sent (or that was stored), or ``fallback`` when it is not
    one."""
    if not isinstance(data, dict) or not isinstance(data.get("template"), str):
        return fallback
    values = data.get("values")
    pairs = values if isinstance(values, list) else []
    return UserMessage(
        data["template"],
        tuple(
            (str(p[0]), _value_from_json(p[1]))
            for p in pairs
            if isinstance(p, list) and len(p) == 2
        ),
    )


def _value_from_json(value: object) -> object:
    if isinstance(value, dict):
        return message_from_json(value, UserMessage("{text}", (("text", str(value)),)))
    return str(value)

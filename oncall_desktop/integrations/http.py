"""One way to make HTTP sessions (explicit timeouts, our User-Agent, no hidden retries), and one
way to read an HTTP answer as an error of integrations.errors, for every service.

Each service says its own words for each kind of answer in an :class:`Answers` (its templates
marked with QT_TR_NOOP in its own module, so that they are translated); what an answer means
is decided here, once: no answer is Unreachable (AnswerLost once the request may have arrived),
429 RateLimited with the wait the service asks, a 5xx ServerError, any other 4xx Refused unless
the service names an error of its own for that status.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import timedelta
from string import Formatter
from typing import TYPE_CHECKING, Any

from oncall_desktop import APP_NAME, __version__
from oncall_desktop.core.messages import UserMessage
from oncall_desktop.integrations.errors import (
    AnswerLost,
    BadPayload,
    IntegrationError,
    RateLimited,
    Refused,
    ServerError,
    Unreachable,
    UnreadableAnswer,
    answer_lost,
)

if TYPE_CHECKING:  # requests takes ~65 ms to import: only workers that talk HTTP load it
    from collections.abc import Callable

    import requests

# (connect, read) seconds. requests has no default timeout: without one a hung server would
# hold a worker thread forever.
DEFAULT_TIMEOUT = (5.0, 20.0)


def make_session() -> requests.Session:
    import requests

    session = requests.Session()
    session.headers["User-Agent"] = f"{APP_NAME}/{__version__} (+python-requests)"
    return session


def normalise_base_url(url: str) -> str:
    """Accept 'https://api.eu.pagerduty.com/' and friends; refuse what is not http(s)."""
    url = url.strip().rstrip("/")
    if not url.lower().startswith(("https://", "http://")):
        raise ValueError("the address must start with https://")
    return url


def _no_detail(response: requests.Response) -> str:
    return ""


@dataclass(frozen=True)
class Answers:
    """What one service's HTTP answers mean, in its own words. Each template may use the
    fields its service's calls give (``{url}`` its address, ``{request}`` "GET /path",
    ``{path}``, ``{method}``), and those read off the answer: ``{status}``, ``{detail}`` (the
    service's own words, as " (…)", or ""), ``{answer}`` (the start of its body), ``{type}``
    (its content type), ``{reason}`` (why no answer came) and ``{s}`` (seconds to wait)."""

    unreachable: UserMessage  # no answer: refused, no route, reset, ...
    refused: UserMessage  # any other 4xx: sending it again as it is will not help
    trouble: UserMessage  # 5xx
    rate_limited: UserMessage  # 429
    rate_limited_for: UserMessage | None = None  # 429 with a wait, ``{s}``
    timed_out: UserMessage | None = None  # no answer in time (else ``unreachable``)
    not_json: UserMessage | None = None  # a body that is not JSON (else ``refused``' words)
    # a status that is an error of its own (401: TokenRejected, 404: NotFound, ...)
    statuses: Mapping[int, tuple[type[IntegrationError], UserMessage]] = field(default_factory=dict)
    # (status, words of the service's detail, error, message): looked at before ``statuses``
    by_detail: tuple[tuple[int, str, type[IntegrationError], UserMessage], ...] = ()
    detail: Callable[[requests.Response], str] = _no_detail  # the service's own words


def fill(template: UserMessage, values: Mapping[str, object]) -> UserMessage:
    """``template`` with the values of the fields it uses (and no others); a field its caller
    did not know reads "?" (an error is never lost for want of a word in its message)."""
    names = {name for _text, name, _spec, _conv in Formatter().parse(template.template) if name}
    return template.format(**{name: values.get(name, "?") for name in names})


def retry_after(response: requests.Response) -> timedelta | None:
    """How long the service asks us to wait: ``ratelimit-reset`` (PagerDuty's), else
    ``Retry-After``, in seconds; None when it says nothing readable."""
    for header in ("ratelimit-reset", "Retry-After"):
        value = response.headers.get(header)
        try:
            seconds = float(value) if value is not None else None
        except ValueError:
            seconds = None
        if seconds is not None and seconds >= 0:
            return timedelta(seconds=seconds)
    return None


def no_answer(error: BaseException, answers: Answers, **values: object) -> Unreachable:
    """The error for a request that got no answer (``error`` from ``requests``): AnswerLost
    once it may have reached the service (errors.answer_lost), else Unreachable."""
    import requests

    template = answers.unreachable
    if isinstance(error, requests.Timeout) and answers.timed_out is not None:
        template = answers.timed_out
    kind = AnswerLost if answer_lost(error) else Unreachable
    return kind(fill(template, {"reason": type(error).__name__, **values}))


def _sentence(detail: str) -> str:
    """The service's own words after our sentence ("… (503)."), as a sentence of their own:
    " Internal Server Error." (in brackets they read "(503). (Internal Server Error)")."""
    detail = detail.strip()
    if not detail:
        return ""
    stop = "" if detail[-1] in ".!?" else "."
    return f" {detail[0].upper()}{detail[1:]}{stop}"


def error_for(response: requests.Response, answers: Answers, **values: object) -> IntegrationError:
    """The error an answer of 400 or more is, in the service's words."""
    status = response.status_code
    detail = answers.detail(response)
    known: dict[str, object] = {
        "status": status,
        "detail": _sentence(detail),
        "answer": response.text.strip()[:80],
        **values,
    }
    if status == 429:
        wait = retry_after(response)
        if wait and answers.rate_limited_for is not None:
            known["s"] = f"{wait.total_seconds():.0f}"
            return RateLimited(fill(answers.rate_limited_for, known), wait)
        return RateLimited(fill(answers.rate_limited, known), wait)
    for code, words, kind, template in answers.by_detail:
        if status == code and words in detail.lower():
            return kind(fill(template, known))
    if status in answers.statuses:
        kind, template = answers.statuses[status]
        return kind(fill(template, known))
    if status >= 500:
        return ServerError(fill(answers.trouble, known))
    return Refused(fill(answers.refused, known))


def send(
    session: requests.Session,
    method: str,
    url: str,
    answers: Answers,
    *,
    timeout: tuple[float, float],
    values: Mapping[str, object] | None = None,
    **arguments: Any,
) -> requests.Response:
    """One request: its answer when it is below 400, else the error it is (error_for); no
    answer at all is :func:`no_answer`'s error. ``values``: the fields of the service's
    templates that the caller knows (``url``, ``request``, ...)."""
    import requests

    given = dict(values or {})
    try:
        response = session.request(method, url, timeout=timeout, **arguments)
    except requests.RequestException as error:
        raise no_answer(error, answers, **given) from None  # its context: for is_ambiguous
    if response.status_code >= 400:
        raise error_for(response, answers, **given)
    return response


def json_of(response: requests.Response, answers: Answers, **values: object) -> Any:
    """The answer's JSON. One that cannot be read is BadPayload; after a write, where the
    service may have done it all the same, UnreadableAnswer (ambiguous)."""
    try:
        return response.json()
    except (ValueError, RecursionError):  # RecursionError: JSON nested absurdly deep
        method = getattr(response.request, "method", None)
        kind = BadPayload if method in ("GET", "HEAD") else UnreadableAnswer
        known = {
            "type": response.headers.get("Content-Type", "no content type"),
            "status": response.status_code,
            **values,
        }
        raise kind(fill(answers.not_json or answers.refused, known)) from None


class ApiClient:
    """What every API client here holds: a token, a base URL, a session and timeouts, and
    its service's words for its answers (``ANSWERS``)."""

    DEFAULT_BASE_URL = ""
    ANSWERS: Answers

    def __init__(
        self,
        token: str,
        base_url: str | None = None,
        session: requests.Session | None = None,
        timeout: tuple[float, float] = DEFAULT_TIMEOUT,
    ) -> None:
        self.base_url = normalise_base_url(base_url or self.DEFAULT_BASE_URL)
        self._token = token
        self._session = session or make_session()
        self._timeout = timeout

    def _send(self, method: str, url: str, values: Mapping[str, object], **arguments: Any) -> Any:
        """A request to this service; its answer, or the error it is (with ``{url}`` known)."""
        return send(
            self._session,
            method,
            url,
            self.ANSWERS,
            timeout=self._timeout,
            values={"url": self.base_url, **values},
            **arguments,
        )

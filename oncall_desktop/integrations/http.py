"""One way to make HTTP sessions: explicit timeouts, our User-Agent, no hidden retries."""

from __future__ import annotations

from typing import TYPE_CHECKING

from oncall_desktop import APP_NAME, __version__

if TYPE_CHECKING:  # requests takes ~65 ms to import: only workers that talk HTTP load it
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


class ApiClient:
    """What every API client here holds: a token, a base URL, a session and timeouts."""

    DEFAULT_BASE_URL = ""

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

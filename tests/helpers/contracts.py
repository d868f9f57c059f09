"""The vendors' API specs, loaded for checking our fakes and our clients.

The official specs are read from ``../shared/contracts`` (or ``$ONCALL_CONTRACTS_DIR``) and
patched in memory for their known defects (shared/contracts/API-NOTES.md §9). A clone of the
repository alone has them too, so that every contract test runs for a newcomer:

- Slack's spec is MIT: the file used lives under ``tests/contracts/slack/`` with its license,
  byte for byte (``tests/integration/test_contracts.py`` compares it with the shared one).
- PagerDuty's spec has no license and is not copied: without it the tests check against
  ``tests/contracts/pagerduty_minimal.yaml``, this project's own schemas of the operations the
  app uses. Under ``CI=true`` the official spec is required (a missing one fails the tests).
"""

from __future__ import annotations

import functools
import json
import os
import re
from pathlib import Path
from typing import Any

from tests.helpers.services import IN_CI, unavailable

ROOT = Path(__file__).resolve().parents[2]
PAGERDUTY_REST = "pagerduty/REST/openapiv3.json"
IN_TREE = ROOT / "tests" / "contracts"  # what a clone of the repository alone has
PAGERDUTY_MINIMAL = IN_TREE / "pagerduty_minimal.yaml"

# Statuses that real PagerDuty returns but the spec does not list for every operation. Their
# bodies are still checked, against the generic error schema.
UNDOCUMENTED_STATUSES = {400, 401, 402, 500, 502, 503, 504}


def contracts_dir() -> Path:
    configured = os.environ.get("ONCALL_CONTRACTS_DIR")
    return Path(configured) if configured else ROOT.parent / "shared" / "contracts"


def _rewrite_one_of(node: Any) -> None:
    """Defect 3: oneOf without a discriminator rejects valid data that matches two branches."""
    if isinstance(node, dict):
        if "oneOf" in node:
            node["anyOf"] = node.pop("oneOf")
        for value in node.values():
            _rewrite_one_of(value)
    elif isinstance(node, list):
        for value in node:
            _rewrite_one_of(value)


def _array_brackets(parameter: dict[str, Any]) -> None:
    """Defect 2: 'statuses[]' and friends are declared scalar; make them arrays."""
    schema = parameter.get("schema", {})
    if (
        parameter.get("in") == "query"
        and parameter.get("name", "").endswith("[]")
        and schema.get("type") != "array"
    ):
        items = {k: v for k, v in schema.items() if k != "uniqueItems"}
        parameter["schema"] = {"type": "array", "items": items}


def _writable_references(spec: dict[str, Any]) -> None:
    """Defect 8 (not in API-NOTES): ``Reference`` requires ``id`` and ``type`` but inherits them
    read-only, so no request may send one, yet every reference in a request must (the spec's own
    example for POST /incidents sends ``service: {id, type}``). Make them writable in references
    only; read-only still holds for the objects themselves."""
    schemas = spec["components"]["schemas"]
    reference = schemas.get("Reference", {})
    parts = reference.get("allOf", [])
    if not parts or parts[0].get("$ref") != "#/components/schemas/Tag/allOf/0":
        return
    base = json.loads(json.dumps(schemas["Tag"]["allOf"][0]))
    for name in ("id", "type"):
        base.get("properties", {}).get(name, {}).pop("readOnly", None)
    parts[0] = base


def _first_updates_need_no_post(spec: dict[str, Any]) -> None:
    """Defect 9 (not in API-NOTES): creating a status-page post requires each of its first
    updates to name its ``post``, which does not exist yet; the spec's own example leaves it
    out. Those updates are checked without that one requirement."""
    schemas = spec["components"]["schemas"]
    create = schemas.get("StatusPagePostPostRequest", {}).get("properties", {}).get("updates")
    update = schemas.get("StatusPagePostUpdateRequest")
    if not create or not update:
        return
    first = json.loads(json.dumps(update))
    first["required"] = [r for r in first.get("required", []) if r != "post"]
    create["items"] = first
    # Same family: a post-mortem request requires its ``type`` yet marks it read-only (the
    # spec's example sends it).
    postmortem = schemas.get("StatusPagePostmortemRequest", {}).get("properties", {})
    postmortem.get("type", {}).pop("readOnly", None)


def _status_page_lists_page_like_the_rest(spec: dict[str, Any]) -> None:
    """Defect 10 (not in API-NOTES): the Status Pages lists answer with classic pagination
    (``limit``, ``offset``, ``more``: the spec's own ``Pagination``) but declare neither query
    parameter, which classic pagination takes on every list (API-NOTES §1). Declare them."""
    paging = [
        {"$ref": "#/components/parameters/offset_limit"},
        {"$ref": "#/components/parameters/offset_offset"},
    ]
    for path, item in spec["paths"].items():
        get = item.get("get") if path.startswith("/status_pages") else None
        if not isinstance(get, dict):
            continue
        schema = (
            get.get("responses", {})
            .get("200", {})
            .get("content", {})
            .get("application/json", {})
            .get("schema", {})
        )
        pages = any(
            part.get("$ref") == "#/components/schemas/Pagination"
            for part in schema.get("allOf", [])
        )
        if pages:
            get["parameters"] = list(get.get("parameters", [])) + paging


def _impacted_services_are_named(spec: dict[str, Any]) -> None:
    """Defect 11 (not in API-NOTES): a post update names its impacted services and their
    impact by id, yet those ids are read-only, so no request could send one (the spec's own
    example for POST …/post_updates does). Make them writable."""
    update = spec["components"]["schemas"].get("StatusPagePostUpdate", {})
    items = update.get("properties", {}).get("impacted_services", {}).get("items", {})
    for name in ("service", "impact"):
        ident = items.get("properties", {}).get(name, {}).get("properties", {}).get("id", {})
        ident.pop("readOnly", None)


class PagerDutyContract:
    """Checks requests to and responses from a fake PagerDuty against the REST spec."""

    def __init__(self, spec: dict[str, Any], official: bool = True) -> None:
        from openapi_core import Config, OpenAPI

        self.spec = spec
        self.official = official  # False: our minimal spec, which needs none of the patches
        if official:
            self._patch(spec)
        # Defect 1: the strict spec check fails on a bad default; don't run it.
        self.openapi = OpenAPI.from_dict(spec, config=Config(spec_validator_cls=None))
        self._error_schema = self._resolve(
            {"$ref": "#/components/schemas/Error"}
            if "Error" in spec["components"]["schemas"]
            else {"type": "object"}
        )

    @staticmethod
    def _patch(spec: dict[str, Any]) -> None:
        """The official spec's known defects, patched in memory."""
        for parameter in spec["components"]["parameters"].values():
            _array_brackets(parameter)
        for path_item in spec["paths"].values():
            for operation in path_item.values():
                if isinstance(operation, dict):
                    for parameter in operation.get("parameters", []):
                        if "$ref" not in parameter:
                            _array_brackets(parameter)
        _rewrite_one_of(spec)
        _writable_references(spec)
        _first_updates_need_no_post(spec)
        _status_page_lists_page_like_the_rest(spec)
        _impacted_services_are_named(spec)

    def _resolve(self, node: Any) -> Any:
        if isinstance(node, dict):
            if "$ref" in node:
                target: Any = self.spec
                for part in node["$ref"].lstrip("#/").split("/"):
                    target = target[part]
                return self._resolve(target)
            return {k: self._resolve(v) for k, v in node.items()}
        if isinstance(node, list):
            return [self._resolve(v) for v in node]
        return node

    @functools.cache  # noqa: B019 - one contract object per test session
    def _operation(self, method: str, path: str) -> tuple[str, dict[str, Any]]:
        item = self.spec["paths"].get(path)
        if item is not None and method.lower() in item:  # literal paths win: /users/me
            return path, item
        for template, item in self.spec["paths"].items():
            pattern = "^" + re.sub(r"\{[^/]+\}", "[^/]+", template) + "$"
            if re.match(pattern, path) and method.lower() in item:
                return template, item
        raise AssertionError(f"{method} {path} is not an operation of the PagerDuty API")

    def declared_query(self, method: str, path: str) -> set[str]:
        _template, item = self._operation(method, path)
        parameters = list(item.get("parameters", [])) + list(
            item[method.lower()].get("parameters", [])
        )
        names = set()
        for parameter in parameters:
            resolved = self._resolve(parameter)
            if resolved.get("in") == "query":
                names.add(resolved["name"])
        return names

    @staticmethod
    def _request(
        method: str, path: str, query: Any, headers: dict[str, str], body: bytes | None
    ) -> Any:
        from openapi_core.testing import MockRequest
        from werkzeug.datastructures import ImmutableMultiDict

        return MockRequest(
            "https://api.pagerduty.com",
            method.lower(),
            path,
            args=ImmutableMultiDict(query),
            headers=headers,
            data=body or None,
        )

    def check_request(
        self, method: str, path: str, query: Any, headers: dict[str, str], body: bytes | None
    ) -> None:
        self.openapi.validate_request(self._request(method, path, query, headers, body))
        # Defect 4: these headers are not checked by the validator.
        accept = headers.get("Accept", "")
        assert accept == "application/vnd.pagerduty+json;version=2", f"Accept: {accept!r}"
        auth = headers.get("Authorization", "")
        assert re.fullmatch(r"Token token=\S+", auth), "Authorization must be 'Token token=…'"
        # Defect 5: unknown query parameters are not rejected by the validator.
        unknown = {k for k, _ in query} - self.declared_query(method, path)
        assert not unknown, f"undeclared query parameters {sorted(unknown)}"

    def check_response(
        self,
        method: str,
        path: str,
        query: Any,
        headers: dict[str, str],
        body: bytes | None,
        status: int,
        response_body: bytes,
    ) -> None:
        import jsonschema
        from openapi_core.testing import MockResponse

        _template, item = self._operation(method, path)
        documented = item[method.lower()].get("responses", {})
        if str(status) not in documented and status in UNDOCUMENTED_STATUSES:
            jsonschema.validate(json.loads(response_body), self._error_schema)
            return
        self.openapi.validate_response(
            self._request(method, path, query, headers, body),
            MockResponse(response_body, status_code=status),
        )


@functools.lru_cache(maxsize=2)
def _load_pagerduty(path: Path) -> PagerDutyContract:
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".yaml":
        import yaml

        return PagerDutyContract(yaml.safe_load(text), official=False)
    return PagerDutyContract(json.loads(text))


def pagerduty_spec_path() -> Path:
    """The official spec where it is; else (not in CI) our minimal one."""
    path = contracts_dir() / PAGERDUTY_REST
    if not path.exists() and IN_CI:
        unavailable(f"the PagerDuty contract is not at {path} (set ONCALL_CONTRACTS_DIR)")
    return path if path.exists() else PAGERDUTY_MINIMAL


def pagerduty_contract() -> PagerDutyContract:
    return _load_pagerduty(pagerduty_spec_path())

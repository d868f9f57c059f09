"""The contracts a clone of the repository alone checks against (tests/contracts/) stay true to
the vendors' official specs (../shared/contracts, always there in CI)."""

from __future__ import annotations

import hashlib
import json
import re

import yaml

from tests.helpers.contracts import (
    IN_TREE,
    PAGERDUTY_MINIMAL,
    PAGERDUTY_REST,
    PagerDutyContract,
    contracts_dir,
)
from tests.helpers.fake_slack import SLACK_SPEC
from tests.helpers.services import unavailable

# shared/contracts/README.md gives the same checksum for the file Slack publishes
SLACK_SHA256 = "8b92da26a3c5b11d20042a9f36d81f1fa6fc9382c5ddc471babb68b91936bc3a"


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def test_the_slack_spec_in_the_tests_is_slacks_file_with_its_license():
    kept = (IN_TREE / SLACK_SPEC).read_bytes()
    assert _sha256(kept) == SLACK_SHA256
    license_text = (IN_TREE / "slack" / "LICENSE").read_text(encoding="utf-8")
    assert "MIT License" in license_text and "SlackAPI" in license_text
    shared = contracts_dir() / SLACK_SPEC
    if shared.exists():
        assert _sha256(shared.read_bytes()) == SLACK_SHA256


def _minimal() -> dict:
    return yaml.safe_load(PAGERDUTY_MINIMAL.read_text(encoding="utf-8"))


def test_the_minimal_pagerduty_spec_is_valid_openapi():
    from openapi_spec_validator import validate

    validate(_minimal())  # strict: our own file has none of the official one's defects


def _operations(spec: dict) -> dict[tuple[str, str], dict]:
    return {
        (method, path): operation
        for path, item in spec["paths"].items()
        for method, operation in item.items()
        if method in ("get", "put", "post", "delete", "patch")
    }


def _parameters(contract: PagerDutyContract, spec: dict, method: str, path: str) -> set:
    item = spec["paths"][path]
    found = set()
    for parameter in item.get("parameters", []) + item[method].get("parameters", []):
        resolved = contract._resolve(parameter)
        if resolved["in"] in ("query", "path") or resolved["name"] == "From":
            found.add((resolved["in"], resolved["name"], bool(resolved.get("required"))))
    return found


def test_the_minimal_pagerduty_spec_says_what_the_official_one_says():
    """Every operation of ours is PagerDuty's (same method, path and operationId), takes no
    query parameter PagerDuty does not, and requires the same path parameters and From."""
    official_path = contracts_dir() / PAGERDUTY_REST
    if not official_path.exists():
        unavailable(f"the official PagerDuty spec is not at {official_path}: nothing to compare")
    official = PagerDutyContract(json.loads(official_path.read_text(encoding="utf-8")))
    minimal = PagerDutyContract(_minimal(), official=False)
    theirs, ours = _operations(official.spec), _operations(minimal.spec)
    assert set(ours) <= set(theirs), sorted(set(ours) - set(theirs))
    for (method, path), operation in ours.items():
        assert operation["operationId"] == theirs[(method, path)]["operationId"]
        mine = _parameters(minimal, minimal.spec, method, path)
        their = _parameters(official, official.spec, method, path)
        # the official spec lacks paging on some lists (patched: defect 10); both declare it
        assert {p for p in mine if p[0] == "path" or p[1] == "From"} == {
            p for p in their if p[0] == "path" or p[1] == "From"
        }, f"{method} {path}"
        queries = {name for where, name, _ in mine if where == "query"}
        declared = official.declared_query(method.upper(), re.sub(r"\{[^/]+\}", "PX1", path))
        assert queries <= declared, f"{method} {path}: {sorted(queries - declared)}"

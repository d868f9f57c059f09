"""What integrations declare for Settings (integrations/declarations.py): the validation a
section's Save runs, and the built-ins' declarations agreeing with their registrations."""

from oncall_desktop.core.capabilities import Capability, can
from oncall_desktop.core.destinations import destination
from oncall_desktop.core.messages import QT_TR_NOOP
from oncall_desktop.integrations.declarations import Field, Integration, integrations
from oncall_desktop.integrations.sources import source_kind

HOOK = Integration(
    "hook",
    "Hook",
    (
        Field("enabled", "hook_enabled", QT_TR_NOOP("On"), "bool"),
        Field("url", "hook_url", QT_TR_NOOP("Address"), "url", required=QT_TR_NOOP("Address!")),
        Field("room", "hook_room", QT_TR_NOOP("Room"), pattern=r"^[a-z]*$"),
        Field("token", "hook-token", QT_TR_NOOP("Token"), "secret"),
    ),
    switch="enabled",
)


def test_save_is_refused_for_a_bad_address_a_missing_one_or_a_value_out_of_form():
    assert HOOK.problem({"hook_url": "ftp://x"}) is not None
    assert "must start with http" in str(HOOK.problem({"hook_url": "hooks.example"}))
    assert HOOK.problem({}) is None  # switched off: nothing is required
    assert str(HOOK.problem({"hook_enabled": True})) == "Address!"
    assert "Room is not in the expected form" in str(
        HOOK.problem({"hook_enabled": True, "hook_url": "https://h", "hook_room": "Ops"})
    )
    assert HOOK.problem({"hook_enabled": True, "hook_url": "https://h", "hook_room": "ops"}) is None


def test_secrets_are_named_by_their_keyring_entry_and_are_never_settings():
    assert HOOK.secrets == ("hook-token",)
    assert [f.key for f in HOOK.settings] == ["hook_enabled", "hook_url", "hook_room"]


def test_the_built_ins_declare_what_their_registrations_read():
    declared = {found.id: found for found in integrations()}
    assert list(declared) == ["pagerduty", "alertmanager", "slack", "teams", "executive_mail"]
    for found in declared.values():
        assert found.test is not None, found.id  # every one has its connection test
        for source_id in found.sources:  # every secret the source reads is set in its section
            kind = source_kind(source_id)
            assert kind is not None and set(kind.secrets) <= set(found.secrets), source_id
        for target in found.destinations:
            assert destination(target).name.get("en") != target  # a registered destination
    assert can("pagerduty", Capability.DECLARE) and can("pagerduty", Capability.ROTATION)
    assert can("alertmanager", Capability.ACKNOWLEDGE)
    assert not can("alertmanager", Capability.REQUEST_RESPONDERS)
    assert not can("alertmanager", Capability.STATUS_UPDATES)

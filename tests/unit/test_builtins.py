"""The built-in destinations and sources are loaded in one place (issue 25, item 3): the
services that route, deliver, poll and link pages import none of them for its registration;
the composition root loads integrations/builtins.py, and then every one is there."""

import json
import subprocess
import sys

PROBE = """
import json
from oncall_desktop.core.destinations import PAGERDUTY_STATUS, SLACK, STATUS_PAGE, TEAMS
from oncall_desktop.core.destinations import EXECUTIVE_MAIL
from oncall_desktop.integrations.deliverers import deliverer_for, for_the_team, route_for
from oncall_desktop.integrations.sources import source_kinds

BUILT_IN = (SLACK, TEAMS, PAGERDUTY_STATUS, STATUS_PAGE, EXECUTIVE_MAIL)

def seen():
    return {
        "routed": sorted(t for t in BUILT_IN if route_for(t) and deliverer_for(t)),
        "sources": sorted(k.id for k in source_kinds()),
        "team": list(for_the_team()),
    }

import oncall_desktop.services.routing, oncall_desktop.services.poller
import oncall_desktop.services.incidents, oncall_desktop.services.alert_sources
import oncall_desktop.integrations.delivery
before = seen()
import oncall_desktop.app.container
print(json.dumps([before, seen()]))
"""


def test_the_built_ins_are_registered_by_the_composition_root_alone():
    done = subprocess.run(
        [sys.executable, "-c", PROBE],
        capture_output=True,
        text=True,
        timeout=120,
        env={"QT_QPA_PLATFORM": "offscreen", "PATH": ""},
        check=True,
    )
    before, after = json.loads(done.stdout.strip().splitlines()[-1])
    assert before == {"routed": [], "sources": [], "team": []}
    assert after == {
        "routed": sorted(
            ["slack", "teams", "pagerduty_status", "pagerduty_status_page", "executive_mail"]
        ),
        "sources": ["alertmanager", "pagerduty"],
        "team": ["slack", "teams"],
    }

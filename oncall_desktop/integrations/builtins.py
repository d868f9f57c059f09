"""The built-in destinations and alert sources, loaded in one place.

Each is one module that registers itself when imported: a destination its route and
deliverer (integrations/deliverers; its name and audiences in core/destinations), a source its
kind and capabilities (integrations/sources), and either what its Settings section holds and
its connection test (integrations/declarations). Nothing else imports a module for its
registration: the composition root (app/container.py) imports this once, and the tests, which
use the built-ins without the app, import it too (tests/conftest.py). A new destination or
source is one more name here.

Whatever imports one first, the team's updates go to Slack, then to Teams
(deliverers.for_the_team).
"""

from __future__ import annotations

from oncall_desktop.integrations import (
    alertmanager,
    alertmanager_setup,
    pagerduty_source,
    pagerduty_status,
    slack_destination,
    smtp_mail,
    statuspage,
    teams,
)

__all__ = [
    "alertmanager",
    "alertmanager_setup",
    "pagerduty_source",
    "pagerduty_status",
    "slack_destination",
    "smtp_mail",
    "statuspage",
    "teams",
]

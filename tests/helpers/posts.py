"""Outbox posts as the tests and the screenshot harness need them."""

from datetime import datetime

from oncall_desktop.core.messages import QT_TR_NOOP
from oncall_desktop.core.outbox import Post, PostState, Target


def refused_by_slack(incident_id: int, at: datetime) -> Post:
    """The team's update Slack refused (channel_not_found), created at ``at``: the cockpit
    says so on the Internal clock's line, the longest line of its Clocks panel."""
    return Post(
        Target.SLACK,
        "UPDATE #1",
        incident_id,
        "internal",
        "update",
        "#gone",
        state=PostState.FAILED,
        created_at=at,
        last_error="Slack refused the message: channel_not_found.",
        last_error_message=QT_TR_NOOP("Slack refused the message: {code}.").format(
            code="channel_not_found"
        ),
    )

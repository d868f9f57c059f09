"""Team news (team mode on PostgreSQL, issue 23 item 6): a colleague's new SEV-1 or SEV-2
raises a desktop notification with *Open* on this console. Built when the team database
opens, with the change feed, the incidents, the clock, the preferences and the notifications;
the snooze reaches it by signal (``set_snoozed``).

What notifies, once (key ``incident:<id>``, whose *Open* opens the cockpit):

- an incident another console declared at SEV-1 or SEV-2;
- an incident another console opened from a high-urgency page: its provisional severity is
  SEV-1 (the tightest clocks run) until someone evaluates it, so the team hears of it like a
  declared SEV-1 (the title says "provisional, from a page");
- an incident another console raised to SEV-1 or SEV-2 from a lower severity (SEV-2 raised to
  SEV-1 notifies again: it is an escalation).

What does not:

- this console's own changes (the change feed never brings them back: storage/changes.py
  filters this console's own origin, and what this console wrote is recorded here first);
- an incident this console already knew at that severity or a more severe one (a colleague's
  edit that keeps SEV-1, a lowering, a re-raise to a severity already notified);
- incidents that already existed when this console started (the first list it loads is what
  it knows; nothing is said about it) and resolved or closed incidents;
- a SEV-3;
- a drill's incidents (they are marked as such and never wake the team) unless this console
  is itself in drill mode.

Quiet hours and snooze: a SEV-1 always notifies, like a high-urgency page (a colleague's SEV-1
needs hands now); a SEV-2 waits out the snooze and the quiet hours as a low-urgency page does
(it still shows in the list and the tray, but is not said later).

When the team database went away, incidents changed meanwhile arrive in the reload that
follows: they are weighed the same way, so a SEV-1 declared during the outage still notifies
once the feed is back.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from oncall_desktop.app.collaborators import Notifications, Preferences
from oncall_desktop.core.incident import EventKind, Incident, TimelineEvent
from oncall_desktop.core.paging import QuietHours
from oncall_desktop.core.policy import Severity
from oncall_desktop.ui.notifier import OPEN, Notification
from oncall_desktop.ui.text import fill

if TYPE_CHECKING:
    from oncall_desktop.core.clock import Clock
    from oncall_desktop.services.changefeed import ChangeFeed
    from oncall_desktop.services.incidents import IncidentService

log = logging.getLogger(__name__)

# The severities a colleague's incident notifies at (rank: 1 is SEV-1).
NOTIFY_UP_TO_RANK = 2
# Clocks of two machines differ a little: an incident unknown here is news when what made it
# SEV-1/2 happened after this console started, less this much.
CLOCK_SKEW = timedelta(minutes=1)

Known = tuple[int, Severity]  # (timeline length: the version seen, severity)


class TeamNews(QObject):
    """Follows what colleagues change (the change feed, and the incidents the service reloads
    for it) and notifies the SEV-1/SEV-2 news."""

    def __init__(
        self,
        feed: ChangeFeed,
        incidents: IncidentService,
        clock: Clock,
        preferences: Preferences,
        notifications: Notifications,
        snoozed_until: datetime | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.incidents = incidents
        self.clock = clock
        self.preferences = preferences
        self.notifications = notifications
        self.snoozed_until = snoozed_until  # low-urgency alerts snoozed until then
        self._since = clock.now() - CLOCK_SKEW
        self._known: dict[int, Known] = {}  # the latest version of each incident seen here
        self._heard: dict[int, Known | None] = {}  # colleague changed it: what we knew before
        self._said: dict[int, Severity] = {}  # notified at this severity
        self._primed = False  # the first list is what existed at start: never news
        self._feed_lost = False  # lists are news while the feed cannot bring them
        self._catching_up = False  # the feed is back: the next list brings what was missed
        # bound methods of this QObject: disconnected when it goes (never a call to the dead)
        feed.changed.connect(self._on_heard)
        feed.connection_changed.connect(self._on_feed)
        incidents.incident_changed.connect(self._on_incident)
        incidents.incident_declared.connect(self._record)
        incidents.incident_opened.connect(self._record)
        incidents.incidents_changed.connect(self._on_listed)

    def set_snoozed(self, until: datetime | None) -> None:
        self.snoozed_until = until

    # --- what this console sees ----------------------------------------------------------------

    def _on_heard(self, what: str, incident_id: int) -> None:
        """Another console changed this incident; the service reloads it (incident_changed):
        what this console knew before the change is kept to weigh it against."""
        if what == "incident" and incident_id not in self._heard:
            self._heard[incident_id] = self._known.get(incident_id)

    def _on_feed(self, listening: bool) -> None:
        if not listening:
            self._feed_lost = True
        elif self._feed_lost:
            self._feed_lost, self._catching_up = False, True

    def _on_incident(self, incident: Incident) -> None:
        if incident.id is not None and incident.id in self._heard:
            before = self._heard.pop(incident.id)
            if self._primed:
                self._weigh(incident, before)
        self._record(incident)

    def _on_listed(self, incidents: list[Incident]) -> None:
        news = self._primed and (self._feed_lost or self._catching_up)
        self._catching_up = False
        if self._primed and not news:
            # the feed is live: each colleague's change comes with its news, weighed against
            # what was known before it; a list read meanwhile (it can show the change first)
            # must not become that "before", or a raise to SEV-1 would be no news
            return
        for incident in incidents:
            if news and incident.id is not None and incident.id not in self._heard:
                self._weigh(incident, self._known.get(incident.id))
            self._record(incident)
        self._primed = True

    def _record(self, incident: Incident) -> None:
        """What this console now knows of the incident; an older version (a list read before
        the latest change landed) never replaces a newer one."""
        if incident.id is None:
            return
        version = len(incident.timeline)
        known = self._known.get(incident.id)
        if known is None or version >= known[0]:
            self._known[incident.id] = (version, incident.severity)

    # --- what is news ----------------------------------------------------------------------------

    def _weigh(self, incident: Incident, before: Known | None) -> None:
        assert incident.id is not None
        severity = incident.severity
        if severity.rank > NOTIFY_UP_TO_RANK or not incident.is_active:
            return
        if incident.is_drill and not self.incidents.drill:
            return
        if before is not None and before[0] > len(incident.timeline):
            return  # an older version than this console already had
        if before is not None and before[1].rank <= severity.rank:
            return  # known here at this severity, or a more severe one
        said = self._said.get(incident.id)
        if said is not None and said.rank <= severity.rank:
            return
        made = self._made_it(incident)
        if before is None and (made is None or made.at < self._since):
            return  # existed before this console started (a reopened incident)
        self._said[incident.id] = severity
        if not self._may_notify(severity):
            log.info("team news for incident %s held back (snoozed or quiet hours)", incident.id)
            return
        log.info("team news: incident %s is %s", incident.id, severity.value)
        self.notifications.notify(
            Notification(
                key=f"incident:{incident.id}",
                title=("🔴 " if severity is Severity.SEV1 else "") + self._title(incident, made),
                body=self.notifications.body(incident.title),
                urgent=severity is Severity.SEV1,
                actions=((OPEN, self.tr("Open")),),
                sound=self.preferences.settings.alert_sound,
            )
        )

    def _made_it(self, incident: Incident) -> TimelineEvent | None:
        """The event that gave the incident its severity: its last raise, else (never raised,
        or lowered since) its declaration."""
        changes = incident.events(EventKind.SEVERITY_CHANGED)
        if changes and _raised(changes[-1]):
            return changes[-1]
        declared = incident.events(EventKind.DECLARED)
        return declared[0] if declared else None

    def _title(self, incident: Incident, made: TimelineEvent | None) -> str:
        who = (made.actor if made is not None else "") or self.tr("a colleague")
        severity = incident.severity.value
        if made is not None and made.kind is EventKind.SEVERITY_CHANGED:
            previous = str(made.data.get("previous", ""))
            return fill(self.tr("Raised to %1 by %2 (was %3)"), severity, who, previous)
        if made is not None and made.data.get("provisional_from_urgency"):
            return fill(self.tr("%1 (provisional, from a page) opened by %2"), severity, who)
        return fill(self.tr("%1 declared by %2"), severity, who)

    def _may_notify(self, severity: Severity) -> bool:
        """A SEV-1 always; a SEV-2 waits out the snooze and the quiet hours."""
        if severity is Severity.SEV1:
            return True
        now = self.clock.now()
        if self.snoozed_until is not None and now < self.snoozed_until:
            return False
        settings = self.preferences.settings
        try:
            quiet = QuietHours.parse(settings.quiet_hours_start, settings.quiet_hours_end)
        except ValueError:
            quiet = None
        return not (quiet is not None and quiet.contains(now.astimezone().time()))


def _raised(change: TimelineEvent) -> bool:
    to, previous = change.data.get("to"), change.data.get("previous")
    if not isinstance(to, str) or not isinstance(previous, str):
        return False
    try:
        return Severity(to).rank < Severity(previous).rank
    except ValueError:
        return False

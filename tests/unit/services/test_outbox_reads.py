"""The cockpit's outbox list never goes back to an older read: two reads of an incident's
posts side by side, the older answering last, is dropped (it put back the "Slack refused the
update… Edit and resend" line after a resend was queued, until the next change). The real
outbox service and SQLite; the first read held on a gate, as a busy machine's reader."""

import threading

from oncall_desktop.core.incident import Incident
from oncall_desktop.core.outbox import Post, Target
from oncall_desktop.core.policy import Severity
from oncall_desktop.services.outbox import OutboxService
from oncall_desktop.services.tasks import TaskRunner
from oncall_desktop.storage.db import open_database, sqlite_url
from oncall_desktop.storage.incidents import IncidentRepository
from oncall_desktop.storage.outbox import OutboxRepository


class HeldReads(OutboxRepository):
    """Its next read of an incident's posts, once ``hold`` is set, waits for ``gate`` after
    reading; the other reads and the writes answer at once."""

    def __init__(self, database):
        super().__init__(database)
        self.hold, self.gate, self.read = False, threading.Event(), threading.Event()

    def for_incident(self, incident_id):
        posts = super().for_incident(incident_id)
        if self.hold:
            self.hold = False
            self.read.set()
            self.gate.wait(10)
        return posts


def test_an_older_read_of_the_posts_answering_last_is_not_shown(qtbot, tmp_path, clock):
    database = open_database(sqlite_url(tmp_path / "oncall.sqlite3"))
    incident = IncidentRepository(database).save(
        Incident.declare(title="API down", severity=Severity.SEV1, at=clock.now(), actor="a")
    )
    repo = HeldReads(database)
    runner = TaskRunner()
    service = OutboxService(repo, lambda post: None, runner, clock)  # not started: nothing sent
    shown: list[list[str]] = []
    try:
        with qtbot.waitSignal(service.post_changed, timeout=5000):
            service.submit(Post(Target.SLACK, "first", incident_id=incident.id))
        repo.hold = True
        service.posts_for(incident.id, lambda posts: shown.append([p.text for p in posts]))
        qtbot.waitUntil(repo.read.is_set, timeout=5000)  # the older read: one post, held
        with qtbot.waitSignal(service.post_changed, timeout=5000):
            service.submit(Post(Target.SLACK, "resent", incident_id=incident.id))
        service.posts_for(incident.id, lambda posts: shown.append([p.text for p in posts]))
        qtbot.waitUntil(lambda: shown == [["first", "resent"]], timeout=5000)  # newer, first
        repo.gate.set()  # now the older one answers
        qtbot.waitUntil(lambda: not runner.busy, timeout=10_000)
        assert shown == [["first", "resent"]]
    finally:
        repo.gate.set()
        runner.wait()
        database.close()


def test_posts_read_for_a_closed_window_are_dropped(qtbot, tmp_path, clock):
    """Numbering the reads does not lose the runner's check: an answer for a window deleted
    meanwhile reaches nothing."""
    from PySide6.QtCore import QCoreApplication, QEvent, QObject

    class Window(QObject):
        def __init__(self):
            super().__init__()
            self.seen = []

        def set_posts(self, posts):
            self.seen.append(posts)

    database = open_database(sqlite_url(tmp_path / "oncall.sqlite3"))
    incident = IncidentRepository(database).save(
        Incident.declare(title="API down", severity=Severity.SEV1, at=clock.now(), actor="a")
    )
    repo = HeldReads(database)
    runner = TaskRunner()
    service = OutboxService(repo, lambda post: None, runner, clock)
    window, closed = Window(), []
    window.destroyed.connect(lambda: closed.append(True))
    try:
        repo.hold = True
        service.posts_for(incident.id, window.set_posts)
        qtbot.waitUntil(repo.read.is_set, timeout=5000)
        window.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
        assert closed
        repo.gate.set()
        qtbot.waitUntil(lambda: not runner.busy, timeout=10_000)
        assert window.seen == []  # no call on a deleted object
    finally:
        repo.gate.set()
        runner.wait()
        database.close()

"""Qt objects die on the GUI thread, and a late answer never reaches a widget that is gone
(issue 23, item 9: in-process runs died with SIGSEGV inside a queued call to a window's
scroll area while a worker read the incidents)."""

import os
import subprocess
import sys
import textwrap
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent

from oncall_desktop.core.incident import Incident
from oncall_desktop.core.policy import Severity
from oncall_desktop.services.incidents import IncidentService
from oncall_desktop.services.lifetime import bound_to, gone
from oncall_desktop.services.tasks import TaskRunner
from oncall_desktop.storage.db import open_database, sqlite_url
from oncall_desktop.storage.incidents import IncidentRepository
from oncall_desktop.ui.windows.cockpit_window import CockpitWindow

ROOT = Path(__file__).resolve().parents[3]

# Windows closed (or merely dropped) while workers read: Python's cycle collector, run by
# whichever thread allocates, freed them on the worker; shiboken then deleted them at a random
# point of the GUI thread. Its own process: on the old code it dies with SIGSEGV at once.
WINDOWS_WHILE_WORKERS_READ = textwrap.dedent(
    """
    import gc, sys, threading
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication, QLabel, QMainWindow, QVBoxLayout, QWidget
    from oncall_desktop.app.shell import open_shell
    from oncall_desktop.config.schema import Settings
    from oncall_desktop.services.tasks import TaskRunner
    from oncall_desktop.ui.geometry import scrolling

    app = QApplication([])
    open_shell(app, Settings(), [])  # as the app starts: the collector comes with the shell
    runner = TaskRunner()
    gui = threading.current_thread()
    destroyed, elsewhere = [], []

    def on_destroyed(*_):
        destroyed.append(1)
        if threading.current_thread() is not gui:
            elsewhere.append(1)

    def a_window(n):
        window = QMainWindow()
        window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        content = QWidget()
        layout = QVBoxLayout(content)
        for line in range(30):
            layout.addWidget(QLabel(f"line {line} " * 5, content))
        window.setCentralWidget(scrolling(content, window))
        window.resize(300, 200 + n % 50)
        window.show()
        window.cycle = window  # garbage once dropped: only the cycle collector frees it
        window.destroyed.connect(on_destroyed, Qt.ConnectionType.DirectConnection)
        app.processEvents()
        window.resize(320, 207 + n % 50)  # Qt queues a call to the scroll area
        if n % 2:
            window.close()  # a cockpit closed; the others are just dropped

    def a_read():  # what a database read does on a worker: many short-lived objects
        return len([[{} for _ in range(20)] for _ in range(3000)])

    for n in range(ROUNDS):
        a_window(n)
        for _ in range(3):
            runner.run(a_read)
        for _ in range(30):
            app.processEvents()
    runner.wait()
    app.processEvents()
    gc.collect()  # what is left, here
    app.processEvents()
    print(f"{len(destroyed)} destroyed, {len(elsewhere)} off the GUI thread")
    sys.exit(0 if len(destroyed) == ROUNDS and not elsewhere else 1)
    """
)


def run_alone(tmp_path, script: str, rounds: int) -> subprocess.CompletedProcess[str]:
    """``script`` in a process of its own (a crash there fails the test, not the suite)."""
    path = tmp_path / "alone.py"
    path.write_text(f"ROUNDS = {rounds}\n" + script, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-X", "faulthandler", str(path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert done.returncode == 0, done.stdout + done.stderr[-3000:]
    return done


def test_windows_are_freed_on_the_gui_thread_while_workers_allocate(tmp_path):
    done = run_alone(tmp_path, WINDOWS_WHILE_WORKERS_READ, rounds=120)
    assert "120 destroyed, 0 off the GUI thread" in done.stdout


# A runner deleted (with its parent: a closed window's, the app's root at exit) while its
# workers finish: each emitted on the half-destroyed runner, and the process died with SIGSEGV
# (about one run in two of these rounds on the old code, on a 2-core machine).
RUNNER_DELETED_WHILE_WORKERS_FINISH = textwrap.dedent(
    """
    import random, sys, time
    from PySide6.QtCore import QCoreApplication, QObject
    from shiboken6 import delete
    from oncall_desktop.services.tasks import TaskRunner

    app = QCoreApplication([])
    rng = random.Random(5)
    answered = 0
    for _ in range(ROUNDS):
        parent = QObject()
        runner = TaskRunner(parent, max_readers=4)
        for _ in range(16):
            pause = rng.random() * 0.0005
            runner.run(lambda pause=pause: time.sleep(pause), None, lambda error: None)
        time.sleep(rng.random() * 0.0005)
        delete(parent)  # the runner goes with it, its workers still finishing
        app.processEvents()  # a result posted to it meanwhile must not be delivered
        del runner
    print("done")
    """
)


def test_a_runner_deleted_while_its_workers_finish_does_not_crash(tmp_path):
    assert "done" in run_alone(tmp_path, RUNNER_DELETED_WHILE_WORKERS_FINISH, rounds=2000).stdout


def test_answers_for_a_closed_cockpit_are_dropped(qtbot, tmp_path, clock, policy):
    """The outbox's posts and a reload of the incident, asked for the cockpit, come back after
    it closed (WA_DeleteOnClose): nothing reaches the deleted window."""
    database = open_database(sqlite_url(tmp_path / "oncall.sqlite3"))
    store = IncidentRepository(database)
    runner = TaskRunner()
    service = IncidentService(store, runner, clock, policy, "alice")
    incident = store.save(
        Incident.declare(title="API down", severity=Severity.SEV1, at=clock.now(), actor="a")
    )
    window = CockpitWindow(incident, policy, "en", None, service)
    window.show()
    assert not gone(window.set_posts)
    seen = []
    runner.run(lambda: [], window.set_posts)  # as CockpitController.on_post_changed asks
    service.load(incident.id, window.set_incident)
    runner.run(lambda: 1, bound_to(window, lambda n: window.show_problem(str(n))))
    runner.run(lambda: 2, bound_to(window, seen.append))
    window.close()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
    assert gone(window.set_posts)
    qtbot.waitUntil(lambda: not runner.busy, timeout=5000)
    assert seen == []  # and no "Internal C++ object already deleted" in the event loop
    runner.wait()
    database.close()

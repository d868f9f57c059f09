"""Run by tests/desktop/test_screenshots.py in a process of its own, on a real X server of
1024x768 with a window manager (QT_QPA_PLATFORM=xcb): every window of the app in each state a
responder meets (issue 26, item 1), built as the app builds it, shown, checked to fit the
screen frame included with nothing cut (tests/helpers/fit.py), and captured from the X server.
Not collected by the main run (its name does not start with test_); skipped unless
ONCALL_SCREENSHOTS names the folder.
"""

import json
import os
import subprocess
from collections.abc import Iterator
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QRect
from PySide6.QtWidgets import QApplication, QWidget

from oncall_desktop.core.compose import MessageKind
from oncall_desktop.core.destinations import STATUS_PAGE
from oncall_desktop.core.drill import SCENARIO_TITLE, scenario_service
from oncall_desktop.core.incident import Role, Status
from oncall_desktop.core.outbox import Post, PostState, Target
from oncall_desktop.core.paging import Page
from oncall_desktop.core.policy import Severity
from tests.helpers.fit import problems
from tests.helpers.posts import refused_by_slack
from tests.unit.app.conftest import context  # noqa: F401  (the fixture, used by name)
from tests.unit.app.test_handoffs import CHANGE as HANDOFF_CHANGE
from tests.unit.app.test_handoffs import PARIS_ORCHESTRATEUR, handoff_window, set_clock
from tests.unit.app.test_postmortems import open_editor

OUT = os.environ.get("ONCALL_SCREENSHOTS", "")
pytestmark = pytest.mark.skipif(not OUT, reason="run by tests/desktop/test_screenshots.py")
PAGES = [  # as the PagerDuty poll gives them to the main window (the real type: a stand-in
    # missed the fields pages gained since)
    Page(
        "Q1",
        None,
        "Checkout latency above 2 s",
        "triggered",
        "high",
        "Payments API (checkout, EU)",
        None,
        "",
    ),
    Page(
        "Q2",
        None,
        "Disk 91% on db-replica-2",
        "acknowledged",
        "low",
        "Backend API (drill: primary database down)",
        None,
        "",
    ),
]


def x_frame(window: QWidget) -> QRect | None:
    """The window on screen with the frame its window manager drew, as the X server has it
    (not as Qt believes: Qt learns a frame's size late, or not at all for a window shown
    again); None until the window manager has framed it."""
    env = {**os.environ}
    extents = subprocess.run(
        ["xprop", "-id", str(int(window.winId())), "_NET_FRAME_EXTENTS"],
        capture_output=True,
        text=True,
        env=env,
        timeout=10,
    ).stdout
    if "=" not in extents:
        return None
    left, right, top, bottom = (int(v) for v in extents.split("=")[1].split(","))
    info = subprocess.run(
        ["xwininfo", "-id", str(int(window.winId()))],
        capture_output=True,
        text=True,
        env=env,
        timeout=10,
    ).stdout
    values = {}
    for line in info.splitlines():
        key, _, value = line.strip().partition(":")
        values[key] = value.strip()
    if values.get("Map State") != "IsViewable":
        return None
    x, y = int(values["Absolute upper-left X"]), int(values["Absolute upper-left Y"])
    width, height = int(values["Width"]), int(values["Height"])
    return QRect(x - left, y - top, width + left + right, height + top + bottom)


def posts_of(incident_id: int, now) -> list[Post]:
    """A sent update, one waiting to be tried again, one refused with the reason why, and
    the team's update Slack refused."""
    return [
        refused_by_slack(incident_id, now - timedelta(minutes=31)),
        Post(
            Target.SLACK,
            "UPDATE #1",
            incident_id,
            "internal",
            "update",
            "#incidents",
            state=PostState.SENT,
            created_at=now - timedelta(minutes=20),
            remote_ref="C0INCIDENTS/1796687947.000001",  # a Slack message, as Slack names it
        ),
        Post(
            STATUS_PAGE,  # the registered id, as the outbox stores it (not "statuspage")
            "Investigating",
            incident_id,
            "status_page",
            "status_page",
            state=PostState.PENDING,
            attempts=2,
            created_at=now - timedelta(minutes=12),
            last_error="PagerDuty at http://127.0.0.1:37249 cannot be reached (ConnectionError)",
        ),
        Post(
            Target.PAGERDUTY_STATUS,
            "Resolved",
            incident_id,
            "internal",
            "resolved",
            "P1DRILL",
            state=PostState.FAILED,
            created_at=now - timedelta(minutes=2),
            last_error="PagerDuty refused it: the incident is already resolved (400)",
        ),
    ]


def alone(window: QWidget) -> bool:
    """Hide every other window of the app; True if there was one."""
    others = [w for w in QApplication.topLevelWidgets() if w is not window and w.isVisible()]
    for other in others:
        other.hide()
    return bool(others)


def changed(qtbot, ctx, do) -> None:
    with qtbot.waitSignal(ctx.incidents.incident_changed, timeout=5000):
        do()


def scenes(qtbot, ctx, clock, language) -> Iterator[tuple[str, str, QWidget]]:
    """(window, state, the window in that state), one after the other: a state is built on
    the one before (the cockpit goes from new to closed)."""
    from oncall_desktop.ui.windows.cockpit_dialogs import ResolveDialog
    from oncall_desktop.ui.windows.composer_dialog import ComposerDialog
    from oncall_desktop.ui.windows.declare_dialog import DeclareDialog, SeverityDialog
    from oncall_desktop.ui.windows.settings_dialog import SettingsDialog

    controller = ctx.controller
    yield "main", "empty", ctx.window
    yield "declare", "new", DeclareDialog(controller.policy, controller.language, clock.now())
    # a page, as the drill's: the cockpit opens on a triggered incident
    page = Page(
        id="P1DRILL",
        number=1,
        title=SCENARIO_TITLE,
        status="triggered",
        urgency="high",
        service=scenario_service(language),
        created_at=clock.now() - timedelta(minutes=2),
        html_url="https://example.pagerduty.com/incidents/P1DRILL",
    )
    with qtbot.waitSignal(ctx.incidents.incident_opened, timeout=5000) as opened:
        ctx.incidents.open_from_page(page)
    incident_id = opened.args[0].id
    with qtbot.waitSignal(ctx.incidents.incident_declared, timeout=5000):
        ctx.incidents.declare("Search results stale for EU customers", Severity.SEV3, "EU")
    controller.on_tick(clock.now())
    qtbot.waitUntil(lambda: ctx.window.model.rowCount() == 2, timeout=5000)
    # their clocks at their widest: a page late by hours, another acknowledged long ago
    ages = {"Q1": timedelta(hours=2, minutes=7), "Q2": timedelta(hours=11, minutes=40)}
    ctx.window.set_pages([replace(p, created_at=clock.now() - ages[p.id]) for p in PAGES])
    yield "main", "incidents-and-pages", ctx.window
    controller.open_cockpit(incident_id)
    qtbot.waitUntil(lambda: incident_id in controller.cockpits, timeout=5000)
    cockpit = controller.cockpits[incident_id]
    cockpit.hide()

    def tick() -> QWidget:
        clock.advance(timedelta(minutes=3))
        controller.on_tick(clock.now())
        return cockpit

    yield "cockpit", "new", tick()
    changed(qtbot, ctx, lambda: ctx.incidents.move_to(incident_id, Status.ACKNOWLEDGED))
    yield "cockpit", "acknowledged", tick()
    # the team's update refused while its clock is overdue: "Slack refused the update
    # (channel_not_found): not sent · OVERDUE 0:02" and its Edit and resend…, as the outbox lists it
    cockpit.set_posts([refused_by_slack(incident_id, clock.now() - timedelta(minutes=1))])
    clock.advance(timedelta(minutes=20))
    yield "cockpit", "update-refused", tick()
    yield (
        "severity",
        "wizard",
        SeverityDialog(controller.policy, controller.language, Severity.SEV1, None),
    )
    for kind in (MessageKind.DECLARED, MessageKind.STATUS_PAGE, MessageKind.EXECUTIVE):
        yield (
            "composer",
            kind.value,
            ComposerDialog(
                cockpit.incident,
                controller.policy,
                language,
                clock.now(),
                None,
                "Orchestrateur",
                {  # where each destination goes, as the router says under these settings
                    "slack": "#incidents",
                    "teams": "",
                    "pagerduty_status": "",
                    "pagerduty_status_page": "Acme status page",
                    "executive_mail": "smtp.example.com",
                },
                kind,
                ui_language=language,
            ),
        )
    cockpit.set_presence(["Agent DEV", "Camille Dupont-Moreau"])
    changed(
        qtbot,
        ctx,
        lambda: ctx.incidents.change(
            incident_id,
            lambda i, now, who: i.take_role(Role.COMMUNICATION, "Agent DEV", at=now, actor=who),
        ),
    )
    changed(qtbot, ctx, lambda: cockpit._take_role(Role.ESCALATION.value))
    yield "cockpit", "with-roles", tick()
    changed(
        qtbot,
        ctx,
        lambda: ctx.incidents.change_severity(
            incident_id, Severity.SEV2, "Only the EU region is down after the failover"
        ),
    )
    yield "cockpit", "severity-changed", tick()
    yield "resolve", "dialog", ResolveDialog(SCENARIO_TITLE, None, source="PagerDuty")
    changed(
        qtbot,
        ctx,
        lambda: ctx.incidents.move_to(
            incident_id, Status.RESOLVED, note="Failover to the replica database"
        ),
    )
    tick()
    cockpit.set_posts(posts_of(incident_id, clock.now()))  # as the outbox lists them
    yield "cockpit", "resolved", cockpit
    yield (
        "composer",
        MessageKind.RESOLVED.value,
        ComposerDialog(
            cockpit.incident,
            controller.policy,
            language,
            clock.now(),
            None,
            "Orchestrateur",
            {"slack": "#incidents", "pagerduty_status": ""},
            MessageKind.RESOLVED,
            ui_language=language,
        ),
    )
    yield "post-mortem", "draft", open_editor(qtbot, ctx, incident_id)
    clock.advance(timedelta(hours=2))
    changed(qtbot, ctx, lambda: ctx.incidents.move_to(incident_id, Status.CLOSED))
    yield "cockpit", "closed", tick()
    # the next day (in the team's zone): yesterday's times take a short date, what happened
    # keeps its width (a full date squeezed it, and a Slack reference was cut)
    clock.advance(timedelta(hours=22))
    changed(
        qtbot,
        ctx,
        lambda: ctx.incidents.add_note(incident_id, "Thread: C0INCIDENTS/1796687947.000001"),
    )
    yield "cockpit", "next-day", tick()
    yield "settings", "default", SettingsDialog(ctx.settings, controller.connections)
    controller.history.show_history()
    controller.history.show_kpis()
    qtbot.waitUntil(lambda: controller.history.kpi_window is not None, timeout=5000)
    yield "history", "one-closed", controller.history.history_window
    yield "kpis", "one-closed", controller.history.kpi_window
    # under a window manager whose title bar and panel take more of the 768 pixels (the QA
    # tour's): the months under the charts were cut to "2026-…"
    controller.history.kpi_window.resize(1012, 690)
    yield "kpis", "short-screen", controller.history.kpi_window
    set_clock(clock, HANDOFF_CHANGE + timedelta(minutes=5))
    controller.on_tick(clock.now())
    yield "handoff", "at-the-change", handoff_window(qtbot, ctx)
    # Settings switch the language: the main window and the open cockpit follow at once
    other = "fr" if language == "en" else "en"
    controller.settings_controller.apply_settings(replace(controller.settings, language=other), {})
    qtbot.waitUntil(lambda: incident_id in controller.cockpits, timeout=5000)
    yield "main", "language-switched", ctx.window
    yield "cockpit", "language-switched", controller.cockpits[incident_id]


@pytest.mark.parametrize("language", ["en", "fr"])
def test_screenshot_every_window(qtbot, context, clock, qapp, language):  # noqa: F811
    from oncall_desktop.ui.translations import install_translators

    assert QApplication.platformName() == "xcb"  # a real X server, not offscreen
    install_translators(qapp, language)
    folder = Path(OUT)
    folder.mkdir(parents=True, exist_ok=True)
    ctx = context(settings=replace(PARIS_ORCHESTRATEUR, language=language))
    ctx.window.hide()
    report = []
    for name, state, window in scenes(qtbot, ctx, clock, language):
        alone(window)  # one at a time on the screen
        window.show()
        window.raise_()
        window.activateWindow()
        qtbot.waitExposed(window, timeout=5000)
        # the window manager frames it (a title bar at least) and places it; then it paints
        qtbot.waitUntil(lambda w=window: x_frame(w) is not None, timeout=5000)
        qtbot.wait(300)
        if alone(window):  # one the app opened meanwhile (the handoff form at its hour)
            qtbot.wait(300)
        screen = window.screen()
        room, frame = screen.availableGeometry(), x_frame(window)
        assert frame is not None
        picture = screen.grabWindow(0, frame.x(), frame.y(), frame.width(), frame.height())
        path = folder / f"{name}-{state}-{language}.png"
        assert picture.save(str(path)), path
        report.append(
            {
                "window": name,
                "state": state,
                "language": language,
                "size": [frame.width(), frame.height()],
                "frame": [frame.x(), frame.y(), frame.width(), frame.height()],
                "screen": [room.x(), room.y(), room.width(), room.height()],
                "fits": room.contains(frame),
                "cut": problems(window, frame),
                "file": path.name,
            }
        )
        window.hide()
    (folder / f"windows-{language}.json").write_text(json.dumps(report, indent=1))
    assert [r for r in report if not r["fits"] or r["cut"]] == []

"""One console changing one incident many times through the app's own storage path
(IncidentRepository.change, what IncidentService.change runs), for the concurrency test:

    python -m tests.helpers.change_worker DB_URL INCIDENT_ID WORKER OPERATIONS SEED
"""

from __future__ import annotations

import random
import sys
from datetime import UTC, datetime

from oncall_desktop.core.incident import Incident, Status
from oncall_desktop.core.policy import Audience, Severity
from oncall_desktop.storage.db import open_database
from oncall_desktop.storage.incidents import IncidentRepository

STEPS_PER_WORKER = 3  # 12 steps: up to four consoles, each its own
ALL_STEPS = ("1.1", "1.2", "1.3", "1.4", "2.1", "2.2", "2.3", "2.4", "3.1", "3.2", "3.3", "4.1")


def steps_of(worker: int) -> tuple[str, ...]:
    return ALL_STEPS[worker * STEPS_PER_WORKER : (worker + 1) * STEPS_PER_WORKER]


def main() -> int:
    url, incident_id, worker, operations, seed = sys.argv[1:6]
    rng = random.Random(int(seed))
    database = open_database(url)
    repo = IncidentRepository(database)
    me = f"console-{worker}"
    mine = steps_of(int(worker))
    for n in range(int(operations)):
        choice = rng.random()
        now = datetime.now(UTC)

        def apply(
            incident: Incident, choice: float = choice, n: int = n, now: datetime = now
        ) -> None:
            if choice < 0.6:  # tick or untick one of this console's steps
                step = mine[n % len(mine)]
                if incident.steps.get(step) and incident.steps[step].done:
                    incident.untick_step(step, at=now, actor=me)
                else:
                    incident.tick_step(step, at=now, actor=me)
            elif choice < 0.7:
                incident.add_note(f"{me} note {n}", at=now, actor=me)
            elif choice < 0.78:  # an update recorded as sent, to one audience or another
                audience = list(Audience)[n % len(Audience)]
                incident.record_update_sent(audience, at=now, actor=me, channel="test")
            elif choice < 0.9:  # between investigating and mitigating, either way
                target = (
                    Status.MITIGATING
                    if incident.status is Status.INVESTIGATING
                    else Status.INVESTIGATING
                )
                incident.move_to(target, at=now, actor=me)
            else:
                others = [s for s in Severity if s is not incident.severity]
                incident.change_severity(others[n % 2], at=now, actor=me, reason=f"{me} {n}")

        repo.change(int(incident_id), apply)
    database.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())

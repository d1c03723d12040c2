"""Another process that rolls up the statistics when told to, for the test that two processes
rolling up at once count each day once.

    python -m tests.statistics_roller DATABASE_URL DATA_DIR NOW

NOW is an ISO instant for its clock. Prints "ready" once connected, then on a "go" line rolls up
every closed day in one transaction and prints how many days it rolled up.
"""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path

from kiosk.core.clock import FixedClock
from kiosk.services.context import Context
from kiosk.services.statistics_rollup import roll_up_closed_days
from tests.support import default_toml, settings_from


def main(url: str, data_dir: Path, now: datetime) -> None:
    ctx = Context.open(settings_from(default_toml()), data_dir, clock=FixedClock(now), url=url)
    with ctx.reading() as session:
        session.connection()  # connected before "go", so both start at once
    print("ready", flush=True)
    if sys.stdin.readline().strip() == "go":
        with ctx.transaction() as session:
            rolled = roll_up_closed_days(session, ctx)
        assert rolled is not None  # it waits for its turn
        print(rolled.days, flush=True)
    ctx.engine.dispose()


if __name__ == "__main__":
    main(sys.argv[1], Path(sys.argv[2]), datetime.fromisoformat(sys.argv[3]))

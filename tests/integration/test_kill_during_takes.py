"""`kill -9` in the middle of a burst of takes, 20 times: the database stays sound, no number
is given twice, and every number a process reported taken is stored.

Four processes take numbers at once, each killed at its own random moment once it is taking;
five such rounds make the 20 kills. A process reports a number on its pipe once the use case
returned it: what a screen would then have shown the client. The processes are forked from this
one, which has the kiosk imported already: twenty fresh interpreters would spend most of the
test importing."""

from __future__ import annotations

import multiprocessing
import os
import random
import signal
import time
from collections import Counter
from datetime import date
from pathlib import Path

from sqlalchemy import select

from kiosk.core.clock import FixedClock
from kiosk.db.models import Ticket
from kiosk.services import tickets
from kiosk.services.context import Context
from tests.support import (
    TUESDAY_MORNING,
    around_the_clock_toml,
    default_toml,
    migrated_context,
    settings_from,
)

ROUNDS = 5
PROCESSES = 4
# How long a process takes numbers before its kill: from none to a few hundred.
LONGEST_BURST_SECONDS = 0.4


def _take_until_killed(url: str, data_dir: Path, report: int) -> None:
    """Takes numbers for service A (open around the clock, on the real clock) for ever."""
    ctx = Context.open(settings_from(around_the_clock_toml()), data_dir, url=url)
    os.write(report, b"ready\n")
    while True:
        ticket = tickets.take_number(ctx, "A")
        os.write(report, f"{ticket.business_day.isoformat()} {ticket.number}\n".encode())


def _start_takers(url: str, data_dir: Path) -> list[tuple[multiprocessing.Process, int]]:
    fork = multiprocessing.get_context("fork")
    takers = []
    for _ in range(PROCESSES):
        read_end, write_end = os.pipe()
        taker = fork.Process(target=_take_until_killed, args=(url, data_dir, write_end))
        taker.start()
        os.close(write_end)
        takers.append((taker, read_end))
    return takers


def _lines(read_end: int, until: bytes | None = None) -> list[str]:
    """What a taker wrote: up to the line `until`, else all of it up to its end."""
    data = b""
    while until is None or until not in data:
        chunk = os.read(read_end, 65536)
        if not chunk:
            break
        data += chunk
    return data.decode().splitlines()


def _kill_while_taking(
    taker: multiprocessing.Process, read_end: int, pick: random.Random
) -> list[tuple[date, int]]:
    """The numbers `taker` reported before its kill -9."""
    assert _lines(read_end, until=b"ready\n")[:1] == ["ready"], "the taker could not start"
    time.sleep(pick.uniform(0.0, LONGEST_BURST_SECONDS))
    assert taker.pid is not None
    os.kill(taker.pid, signal.SIGKILL)  # no clean-up, no rollback, no flush
    taker.join(timeout=30)
    reported = [line.split() for line in _lines(read_end)]
    os.close(read_end)
    return [(date.fromisoformat(day), int(number)) for day, number in reported]


def test_twenty_kills_mid_burst_lose_and_repeat_no_number(
    tmp_path: Path, database_url: str
) -> None:
    ctx = migrated_context(
        settings_from(default_toml()), tmp_path, FixedClock(TUESDAY_MORNING), database_url
    )
    ctx.engine.dispose()  # no connection of this process is copied into the takers
    seed = random.randrange(1 << 32)
    pick = random.Random(seed)
    reported: list[tuple[date, int]] = []
    for _ in range(ROUNDS):
        for taker, read_end in _start_takers(database_url, tmp_path):
            reported += _kill_while_taking(taker, read_end, pick)
    assert len(reported) > ROUNDS * PROCESSES, f"the takers hardly took numbers (seed {seed})"
    if ctx.engine.dialect.name == "sqlite":
        with ctx.engine.connect() as connection:
            assert connection.exec_driver_sql("PRAGMA integrity_check").all() == [("ok",)]
    with ctx.reading() as session:
        stored = [
            (t.business_day, t.number)
            for t in session.scalars(select(Ticket).where(Ticket.service == "A"))
        ]
    assert [n for n, count in Counter(stored).items() if count > 1] == [], f"seed {seed}"
    assert len(set(reported)) == len(reported), f"seed {seed}"
    assert set(reported) <= set(stored), f"seed {seed}"
    ctx.engine.dispose()

"""Four processes taking 250 numbers each at the same moment: 1,000 distinct, gap-free numbers."""

from __future__ import annotations

import multiprocessing
from pathlib import Path

from sqlalchemy import select

from kiosk.core.clock import FixedClock
from kiosk.db.models import Ticket
from kiosk.services import tickets
from kiosk.services.context import Context
from tests.support import TUESDAY_MORNING, default_toml, migrated_context, settings_from

PROCESSES = 4
PER_PROCESS = 250


def _take_many(url: str, data_dir: str, start: multiprocessing.synchronize.Barrier) -> list[int]:
    ctx = Context.open(
        settings_from(default_toml()), Path(data_dir), clock=FixedClock(TUESDAY_MORNING), url=url
    )
    start.wait()
    numbers = [tickets.take_number(ctx, "A").number for _ in range(PER_PROCESS)]
    ctx.engine.dispose()
    return numbers


def test_four_processes_never_share_or_skip_a_number(tmp_path: Path, database_url: str) -> None:
    ctx = migrated_context(
        settings_from(default_toml()), tmp_path, FixedClock(TUESDAY_MORNING), database_url
    )
    spawn = multiprocessing.get_context("spawn")
    with spawn.Manager() as manager:
        start = manager.Barrier(PROCESSES)
        with spawn.Pool(PROCESSES) as pool:
            results = pool.starmap(_take_many, [(database_url, str(tmp_path), start)] * PROCESSES)
    handed_out = sorted(n for numbers in results for n in numbers)
    assert handed_out == list(range(1, PROCESSES * PER_PROCESS + 1))
    # Each process saw its own numbers rise: no process got one twice.
    assert all(numbers == sorted(set(numbers)) for numbers in results)
    with ctx.reading() as session:
        stored = sorted(session.scalars(select(Ticket.number)))
    assert stored == handed_out
    ctx.engine.dispose()

"""Printer state storage, and what a full disk does to a use case."""

from pathlib import Path

import pytest
from sqlalchemy import event, text

from kiosk.core.clock import FixedClock
from kiosk.db.storage_errors import StorageFull
from kiosk.services import tickets
from kiosk.services.context import Context
from kiosk.services.printer_state import printer_status, record_state
from kiosk.settings.schema import Settings
from tests.support import migrated_context


def test_printer_state_is_stored_once_per_change(ctx: Context, clock: FixedClock) -> None:
    assert record_state(ctx, "lounge-1", "ok")
    assert not record_state(ctx, "lounge-1", "ok")
    clock.advance(minutes=3)
    assert record_state(ctx, "lounge-1", "paper_out", "paper sensor: out")
    status = printer_status(ctx, "lounge-1")
    assert status is not None
    assert (status.state, status.detail, status.changed_at) == (
        "paper_out",
        "paper sensor: out",
        clock.now(),
    )
    assert printer_status(ctx, "lounge-2") is None


def test_full_disk_loses_nothing_and_says_what_to_do(
    settings: Settings, tmp_path: Path, clock: FixedClock, sqlite_url: str
) -> None:
    ctx = migrated_context(settings, tmp_path, clock, sqlite_url)
    first = tickets.take_number(ctx, "A")
    with ctx.engine.connect() as connection:
        pages = connection.execute(text("PRAGMA page_count")).scalar_one()

    # SQLite's page limit makes the database file "full" exactly as a full disk does.
    @event.listens_for(ctx.engine, "connect")
    def _limit(dbapi_connection, _record) -> None:
        dbapi_connection.execute(f"PRAGMA max_page_count={pages}")

    ctx.engine.dispose()
    with pytest.raises(StorageFull, match=r"is full .*, so nothing was saved; free space on it"):
        for _ in range(500):
            tickets.take_number(ctx, "A")
    event.remove(ctx.engine, "connect", _limit)
    ctx.engine.dispose()
    line = tickets.waiting_line(ctx)
    assert line[0] == first
    # What was saved is whole and gap-free: the failed ticket took no number with it.
    assert [t.number for t in line] == list(range(1, len(line) + 1))
    assert tickets.take_number(ctx, "A").number == len(line) + 1

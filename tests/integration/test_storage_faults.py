"""What happens to the database file is told apart, each with its next step, and loses nothing:
a data directory removed or replaced under a running kiosk, a read-only disk, a full disk, a
damaged file. On real file systems: a tmpfs mounted for the test where the machine allows it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select

from kiosk.core.clock import FixedClock
from kiosk.db.models import Ticket
from kiosk.db.storage_errors import (
    DatabaseDamaged,
    DatabaseGone,
    StorageFull,
    StorageReadOnly,
)
from kiosk.services import tickets
from kiosk.services.context import Context
from kiosk.settings.schema import Settings
from tests.support import migrated_context


def open_at(folder: Path, settings: Settings, clock: FixedClock) -> Context:
    return migrated_context(settings, folder, clock, f"sqlite:///{folder / 'kiosk.sqlite3'}")


def counted(folder: Path, settings: Settings, clock: FixedClock) -> int:
    ctx = Context.open(settings, folder, clock=clock)
    try:
        with ctx.reading() as session:
            return session.scalar(select(func.count()).select_from(Ticket)) or 0
    finally:
        ctx.engine.dispose()


def _mount(args: list[str]) -> bool:
    return subprocess.run(["mount", *args], capture_output=True).returncode == 0


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 2 MB tmpfs of its own, unmounted afterwards."""
    where = tmp_path / "disk"
    where.mkdir()
    if os.geteuid() != 0 or not _mount(["-t", "tmpfs", "-o", "size=2m", "tmpfs", str(where)]):
        pytest.skip("mounting a tmpfs needs root on a machine that allows it")
    yield where
    subprocess.run(["umount", "-l", str(where)], check=False)


def test_a_data_directory_removed_under_the_kiosk_refuses_takes_and_makes_no_new_file(
    tmp_path: Path, settings: Settings, clock: FixedClock
) -> None:
    folder = tmp_path / "data"
    ctx = open_at(folder, settings, clock)
    assert tickets.take_number(ctx, "A").code == "A001"
    shutil.rmtree(folder)
    with pytest.raises(DatabaseGone, match="was removed or replaced while the program ran"):
        tickets.take_number(ctx, "A")
    assert not folder.exists()  # no fresh, empty database in its place
    # Put back as an empty new database (someone ran `kiosk db upgrade` on a fresh folder):
    # still not the file this kiosk opened, so still refused.
    open_at(folder, settings, clock).engine.dispose()
    with pytest.raises(DatabaseGone):
        tickets.take_number(ctx, "A")
    assert counted(folder, settings, clock) == 0
    ctx.engine.dispose()


def test_a_read_only_disk_is_named_as_such_not_busy(
    small_disk: Path, settings: Settings, clock: FixedClock
) -> None:
    ctx = open_at(small_disk, settings, clock)
    taken = tickets.take_number(ctx, "A")
    ctx.engine.dispose()
    assert _mount(["-o", "remount,ro", str(small_disk)])
    with pytest.raises(StorageReadOnly, match=r"cannot be written .* mounted writable"):
        tickets.take_number(ctx, "A")
    assert _mount(["-o", "remount,rw", str(small_disk)])
    assert [t.code for t in tickets.waiting_line(ctx)] == [taken.code]
    ctx.engine.dispose()


def test_a_full_disk_is_named_as_such_and_every_reported_number_is_kept(
    small_disk: Path, settings: Settings, clock: FixedClock
) -> None:
    ctx = open_at(small_disk, settings, clock)
    filler = small_disk / "filler"
    left = shutil.disk_usage(small_disk).free
    filler.write_bytes(b"\0" * max(0, left - 48 * 1024))
    reported: list[str] = []
    with pytest.raises(StorageFull, match=r"is full .*free space on it"):
        for _ in range(5_000):
            reported.append(tickets.take_number(ctx, "A").code)
    filler.unlink()
    ctx.engine.dispose()
    assert reported, "the disk filled before a single number: the test proves nothing"
    assert [t.code for t in tickets.waiting_line(ctx)] == reported
    ctx.engine.dispose()


def test_a_damaged_file_is_named_and_not_written_into_again(
    tmp_path: Path, settings: Settings, clock: FixedClock
) -> None:
    folder = tmp_path / "data"
    ctx = open_at(folder, settings, clock)
    for _ in range(3):
        tickets.take_number(ctx, "A")
    ctx.engine.dispose()
    database = folder / "kiosk.sqlite3"
    with database.open("r+b") as file:  # every page after the first two: garbage
        file.seek(2 * 4096)
        file.write(b"\xa5" * (database.stat().st_size - 2 * 4096))
    with pytest.raises(DatabaseDamaged, match=r"damaged .* restore the latest backup"):
        tickets.take_number(ctx, "A")
    damaged_bytes = database.read_bytes()
    with pytest.raises(DatabaseDamaged):
        tickets.take_number(ctx, "A")
    assert database.read_bytes() == damaged_bytes  # nothing more written into it
    fresh = Context.open(settings, folder, clock=clock, check_schema=False)
    with pytest.raises(DatabaseDamaged):
        fresh.check_integrity()
    fresh.engine.dispose()
    ctx.engine.dispose()

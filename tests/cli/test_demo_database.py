"""`kiosk demo` starts afresh on its own database and never deletes anyone else's."""

from __future__ import annotations

import shutil
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from kiosk.cli.demo_database import is_demo_database, prepare_demo_database
from kiosk.cli.main import main
from kiosk.cli.run_commands import DEMO_CONFIG, DEMO_STAFF_LOGIN, DEMO_STAFF_PIN, seed_demo
from kiosk.core.clock import FixedClock
from kiosk.services import staff_auth, tickets
from kiosk.settings.loader import load_settings
from tests.support import TUESDAY_MORNING, around_the_clock_toml, migrated_context, settings_from


def clinic_database(data: Path, tmp_path: Path) -> dict[str, bytes]:
    """A clinic's real database in `data`, caught mid-work: its newest tickets are still in the
    write-ahead log, as after a power cut. Returns every file's bytes."""
    source = tmp_path / "clinic"
    ctx = migrated_context(
        settings_from(around_the_clock_toml()),
        source,
        FixedClock(TUESDAY_MORNING),
        f"sqlite:///{source / 'kiosk.sqlite3'}",
    )
    for _ in range(3):
        tickets.take_number(ctx, "A")
    # Copied while the kiosk still has it open: the log is not yet folded into the file.
    data.mkdir(parents=True)
    for file in source.glob("kiosk.sqlite3*"):
        shutil.copy(file, data / file.name)
    ctx.engine.dispose()
    assert (data / "kiosk.sqlite3-wal").stat().st_size > 0
    return {file.name: file.read_bytes() for file in data.iterdir()}


def ticket_codes(database: Path) -> list[str]:
    with closing(sqlite3.connect(database)) as connection:
        rows = connection.execute("SELECT service, number FROM tickets ORDER BY number")
        return [f"{service}{number:03d}" for service, number in rows]


@pytest.mark.parametrize("keep", [[], ["--keep"]])
def test_the_demo_refuses_a_directory_holding_a_database_it_did_not_make(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], keep: list[str]
) -> None:
    data = tmp_path / "data"
    before = clinic_database(data, tmp_path)
    code = main(["demo", "--data-dir", str(data), *keep])
    out, err = capsys.readouterr()
    assert (code, out) == (2, "")
    assert err.strip().splitlines() == [
        f"kiosk: {data / 'kiosk.sqlite3'} was not made by kiosk demo, so the demo will neither "
        "use nor delete it; choose another --data-dir, or add --move-aside to rename it and "
        "start the demo there"
    ]
    # Not a byte changed, nothing added.
    assert {file.name: file.read_bytes() for file in data.iterdir()} == before


def test_move_aside_renames_the_database_with_its_log_and_loses_no_ticket(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "data"
    before = clinic_database(data, tmp_path)
    assert prepare_demo_database(data, keep=False, move_aside=True)
    moved = sorted(data.glob("kiosk-moved-aside-*"))
    assert [file.name.removeprefix(moved[0].name) for file in moved] == ["", "-shm", "-wal"]
    assert {
        file.name.replace(moved[0].name, "kiosk.sqlite3"): file.read_bytes() for file in moved
    } == before
    assert ticket_codes(moved[0]) == ["A001", "A002", "A003"]
    assert f"moved the database that was in {data} to {moved[0].name}" in capsys.readouterr().out
    # The demo's own, new database takes the old name.
    assert is_demo_database(data / "kiosk.sqlite3")
    assert not (data / "kiosk.sqlite3-wal").exists()
    # Moved aside again (within the same second, most likely): the first one is not overwritten.
    for name, content in before.items():
        (data / name).write_bytes(content)
    assert prepare_demo_database(data, keep=False, move_aside=True)
    databases = sorted(data.glob("kiosk-moved-aside-*.sqlite3"))
    assert len(databases) == 2
    assert [ticket_codes(database) for database in databases] == [["A001", "A002", "A003"]] * 2


def test_the_demo_knows_its_own_database_keeps_it_or_starts_afresh(tmp_path: Path) -> None:
    data = tmp_path / "demo"
    assert prepare_demo_database(data, keep=False, move_aside=False)
    ctx = migrated_context(
        load_settings(DEMO_CONFIG),
        data,
        FixedClock(TUESDAY_MORNING),
        f"sqlite:///{data / 'kiosk.sqlite3'}",
    )
    seed_demo(ctx)
    # The demo's staff account logs in with the login and PIN the demo prints, and is an admin.
    staff_pass = staff_auth.authenticate(ctx, DEMO_STAFF_LOGIN, DEMO_STAFF_PIN)
    assert staff_pass.is_admin
    ctx.engine.dispose()
    # Migrated and used in write-ahead-log mode, it still carries the demo's mark.
    assert is_demo_database(data / "kiosk.sqlite3")
    assert not prepare_demo_database(data, keep=True, move_aside=False)
    assert len(ticket_codes(data / "kiosk.sqlite3")) == 6
    assert prepare_demo_database(data, keep=False, move_aside=False)
    with closing(sqlite3.connect(data / "kiosk.sqlite3")) as connection:
        assert connection.execute("SELECT count(*) FROM sqlite_master").fetchone() == (0,)
    assert [file.name for file in data.iterdir() if file.name.startswith("kiosk")] == [
        "kiosk.sqlite3"
    ]

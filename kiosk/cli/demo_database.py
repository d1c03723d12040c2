"""The demo's own database in its data directory, and never anyone else's.

`kiosk demo` starts afresh each run, so it deletes the database of its last run. It knows that
database by a mark it sets when it creates one (SQLite's application_id in the file header).
Any other database in the directory, such as a clinic's real one behind a mistyped --data-dir,
is refused, or moved aside under a new name when asked. It is never deleted.
"""

from __future__ import annotations

import itertools
import sqlite3
from contextlib import closing
from datetime import datetime
from pathlib import Path

from kiosk.errors import KioskError

DATABASE = "kiosk.sqlite3"
# "Aula" in ASCII: "kiosk demo made this database". Stored in bytes 68-71 of the file header.
DEMO_APPLICATION_ID = 0x41756C61
SQLITE_HEADER = b"SQLite format 3\x00"
# SQLite's write-ahead log and its index belong to the database: they go wherever it goes.
COMPANIONS = ("-wal", "-shm")


class NotADemoDatabase(KioskError):
    """The data directory holds a database the demo did not make."""

    code = "demo.not_a_demo_database"


def prepare_demo_database(directory: Path, *, keep: bool, move_aside: bool) -> bool:
    """Make `directory` ready for a demo; True when a new, empty demo database was created
    (to be migrated and seeded), False when `keep` keeps the demo database of the last run."""
    database = directory / DATABASE
    files = [database, *(database.with_name(DATABASE + suffix) for suffix in COMPANIONS)]
    present = [f for f in files if f.exists()]
    if database.exists() and is_demo_database(database):
        if keep:
            return False
        for leftover in present:
            leftover.unlink()
    elif present:
        if not move_aside:
            raise NotADemoDatabase(
                f"{database} was not made by kiosk demo, so the demo will neither use nor "
                "delete it",
                database=str(database),
            )
        moved = _move_aside(present, directory)
        print(
            f"kiosk demo: moved the database that was in {directory} to {moved.name} "
            f"(with its {' and '.join(COMPANIONS)} files); nothing was deleted"
        )
    directory.mkdir(parents=True, exist_ok=True)
    with closing(sqlite3.connect(database)) as connection:
        # Set before the kiosk turns on write-ahead logging, so the mark is in the file itself
        # at once, even if the demo is killed before its first checkpoint.
        connection.execute(f"PRAGMA application_id = {DEMO_APPLICATION_ID}")
        connection.commit()
    return True


def is_demo_database(path: Path) -> bool:
    """Read from the file header, without opening the file as a database: opening another
    program's database could replay its write-ahead log, and the demo must not change it."""
    with path.open("rb") as file:
        header = file.read(72)
    return (
        header.startswith(SQLITE_HEADER)
        and int.from_bytes(header[68:72], "big") == DEMO_APPLICATION_ID
    )


def _move_aside(files: list[Path], directory: Path) -> Path:
    """Rename the database and its companions together, under a name no file has yet."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    for attempt in itertools.count(1):
        name = f"kiosk-moved-aside-{stamp}{f'-{attempt}' if attempt > 1 else ''}.sqlite3"
        if not any((directory / (name + suffix)).exists() for suffix in ("", *COMPANIONS)):
            break
    for file in files:
        file.rename(directory / (name + file.name.removeprefix(DATABASE)))
    return directory / name

"""What went wrong with the database's storage, told apart, each with its own next step.

A full disk, a read-only file or disk, a damaged file and a database that is only busy need
different people to do different things: waiting helps only the last. The sentences here are
for whoever reads the command line's error or the log (the clinic's IT person); the screens
word each code for their own reader (kiosk.ui.refusals, kiosk.ui.console_refusals).
"""

from __future__ import annotations

import os
from pathlib import Path

from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError

from kiosk.errors import KioskError


class StorageProblem(KioskError):
    """The database could not do what was asked; nothing was saved."""


class DatabaseBusy(StorageProblem):
    """The database stayed locked or unreachable longer than we wait."""

    code = "database.busy"


class StorageFull(StorageProblem):
    """The disk (or the database's size limit) is full."""

    code = "storage.full"


class StorageReadOnly(StorageProblem):
    """The database file, its folder or its disk cannot be written."""

    code = "storage.read_only"


class DatabaseDamaged(StorageProblem):
    """The database file is damaged: nothing more may be written into it."""

    code = "database.damaged"


class DatabaseGone(StorageProblem):
    """The database file was removed or replaced under the running program."""

    code = "database.gone"


# How each engine says it, in the first line of the driver's message (lower case).
_FULL = ("database or disk is full", "no space left on device", "could not extend file")
_READ_ONLY = ("readonly", "read-only", "read only file system")
_DAMAGED = ("malformed", "file is not a database", "disk image", "corrupt")


def storage_problem(error: DBAPIError, database: str | None = None) -> StorageProblem | None:
    """The problem `error` reports, or None for what is not about storage (a broken rule,
    such as a unique key two kiosks raced for, is the use case's to handle). `database`: the
    SQLite file, to tell what "unable to open database file" means this time."""
    if isinstance(error, IntegrityError):
        return None
    reason = str(error.orig).strip().splitlines()[0] if str(error.orig).strip() else ""
    said = reason.lower()
    if "unable to open database file" in said and database:
        said = _why_not_opened(Path(database)) or said
    if any(words in said for words in _FULL):
        return StorageFull(
            f"the disk holding the database is full ({reason}), so nothing was saved; free "
            "space on it, then try again",
            reason=reason,
        )
    if any(words in said for words in _READ_ONLY):
        return StorageReadOnly(
            f"the database cannot be written ({reason}), so nothing was saved; check that its "
            "disk is mounted writable and that the file and its folder belong to the user "
            "running the kiosk",
            reason=reason,
        )
    if any(words in said for words in _DAMAGED):
        return damaged(reason)
    if isinstance(error, OperationalError):
        return DatabaseBusy(
            f"the database did not answer ({reason}); nothing was saved, please try again in a "
            "moment",
            reason=reason,
        )
    return None


def _why_not_opened(database: Path) -> str | None:
    """SQLite says only "unable to open"; the file system says why."""
    if not database.exists():
        return None  # the caller's DatabaseFile check names a file that went
    try:
        if os.statvfs(database.parent).f_flag & os.ST_RDONLY:
            return "read-only file system"
    except OSError:
        return None
    return None


def is_damaged(error: DBAPIError) -> bool:
    return isinstance(storage_problem(error), DatabaseDamaged)


def damaged(reason: str) -> DatabaseDamaged:
    return DatabaseDamaged(
        f"the database file is damaged ({reason}), so nothing more is written into it; stop "
        "the kiosk, move the file aside and restore the latest backup",
        reason=reason,
    )


def gone(path: str) -> DatabaseGone:
    return DatabaseGone(
        f"the database file {path} was removed or replaced while the program ran, so nothing "
        "was saved; put the data directory back (or restore the latest backup) and restart "
        "the kiosk",
        path=path,
    )

"""Everything a use case needs: settings, the database, the clock, and where it is called from.

Each front door (touchscreen, CLI, display board) builds one Context and calls the same use cases
with it. `transaction()` is the unit of work: it commits on success and rolls back on any error,
so a failed step never leaves half a change behind; a committed change wakes every other open
front door (kiosk.db.change_feed).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from kiosk.core.actor import Actor
from kiosk.core.business_day import business_day
from kiosk.core.clock import Clock, SystemClock
from kiosk.db.change_feed import announce_change
from kiosk.db.engine import make_engine, make_sessions
from kiosk.db.migrations import require_current
from kiosk.errors import KioskError
from kiosk.paths import database_url
from kiosk.settings.schema import Settings

# The command line's device name. A kiosk's device is its kiosk id.
CLI_DEVICE = "cli"


class DatabaseBusy(KioskError):
    """The database stayed locked or unreachable longer than we wait."""

    code = "database.busy"


class StorageFull(KioskError):
    """The disk (or the database's size limit) is full."""

    code = "storage.full"


@dataclass
class Context:
    settings: Settings
    engine: Engine
    data_dir: Path
    clock: Clock = field(default_factory=SystemClock)
    # Where calls come from: a kiosk id, or CLI_DEVICE for the command line.
    device: str = CLI_DEVICE
    _write: sessionmaker[Session] = field(init=False, repr=False)
    _read: sessionmaker[Session] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._write, self._read = make_sessions(self.engine)

    @classmethod
    def open(
        cls,
        settings: Settings,
        data_dir: Path,
        *,
        clock: Clock | None = None,
        device: str = CLI_DEVICE,
        check_schema: bool = True,
        url: str | None = None,
    ) -> Context:
        engine = make_engine(url or database_url(data_dir))
        if check_schema:
            require_current(engine)
        return cls(settings, engine, data_dir, clock or SystemClock(), device)

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        with self._guard(), self._write.begin() as session:
            yield session
            announce_change(session)

    @contextmanager
    def reading(self) -> Iterator[Session]:
        with self._guard(), self._read.begin() as session:
            yield session

    @contextmanager
    def _guard(self) -> Iterator[None]:
        try:
            yield
        except OperationalError as error:
            reason = str(error.orig).splitlines()[0]
            if "full" in reason:
                raise StorageFull(
                    "the kiosk's disk is full, so nothing was saved; please tell staff "
                    "(free space in the data directory, then try again)",
                    reason=reason,
                ) from None
            # The one database failure a person at the kiosk can do something about is waiting.
            raise DatabaseBusy(
                f"the database did not answer ({reason}); nothing was saved, "
                "please try again in a moment",
                reason=reason,
            ) from None

    def today(self) -> date:
        clinic = self.settings.clinic
        return business_day(self.clock.now(), clinic.zone, clinic.business_day_start)

    def actor_at(self, kiosk_id: str | None) -> Actor:
        """Who acts when a client presses a kiosk screen (`kiosk_id`), else this front door."""
        return Actor("kiosk", kiosk_id) if kiosk_id else self.device_actor

    @property
    def device_actor(self) -> Actor:
        """This front door itself: "kiosk:lounge-1", or "cli:cli" for the command line."""
        return Actor("cli" if self.device == CLI_DEVICE else "kiosk", self.device)

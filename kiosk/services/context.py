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
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from kiosk.core.actor import Actor
from kiosk.core.business_day import business_day
from kiosk.core.clock import Clock, SystemClock
from kiosk.db.change_feed import announce_change
from kiosk.db.engine import integrity_problem, make_engine, make_sessions
from kiosk.db.migrations import require_current
from kiosk.db.storage_errors import DatabaseDamaged, damaged, storage_problem
from kiosk.paths import database_url
from kiosk.settings.schema import Settings

# The command line's device name. A kiosk's device is its kiosk id.
CLI_DEVICE = "cli"


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
    # Set once the file is found damaged: nothing more is written into it (storage_errors).
    _damaged: str | None = field(default=None, init=False, repr=False)

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
        create: bool = False,
    ) -> Context:
        """`create`: make the database file if there is none (only `kiosk db upgrade` and the
        demo do; see kiosk.db.engine.make_engine)."""
        engine = make_engine(url or database_url(data_dir), create=create)
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
        if self._damaged is not None:
            raise damaged(self._damaged)
        try:
            yield
        except DBAPIError as error:
            problem = storage_problem(error, self.engine.url.database)
            if problem is None:
                raise
            if isinstance(problem, DatabaseDamaged):
                self._confirm_damage(str(problem.facts.get("reason", "")))
            raise problem from None

    def check_integrity(self) -> None:
        """SQLite's check of the whole file, for a screen starting up: a damaged file is
        refused before any client is told a number was saved in it."""
        found = integrity_problem(self.engine)
        if found is not None:
            self._damaged = found
            raise damaged(found)

    def _confirm_damage(self, reason: str) -> None:
        """A damaged-file error is checked against SQLite's own check of the whole file before
        the context stops writing: a sound file goes on."""
        try:
            found = integrity_problem(self.engine)
        except DBAPIError:
            found = reason
        if found is not None:
            self._damaged = found

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

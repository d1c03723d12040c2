"""Atomic, gap-free daily numbering shared by tickets and help requests."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select, update
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from kiosk.db.models import DailyCounter


def lock_series(session: Session, day: date, series: str) -> int:
    """Lock the day's counter row for `series` (creating it) and return its last number.

    Held until the transaction ends, so one kiosk at a time decides what happens next in that
    series. On SQLite the whole transaction already holds the write lock (BEGIN IMMEDIATE).
    """
    dialect = session.get_bind().dialect.name
    insert = postgresql_insert if dialect == "postgresql" else sqlite_insert
    session.execute(
        insert(DailyCounter)
        .values(business_day=day, series=series, last_number=0)
        .on_conflict_do_nothing()
    )
    query = (
        select(DailyCounter.last_number)
        .where(DailyCounter.business_day == day, DailyCounter.series == series)
        .with_for_update()
    )
    return session.execute(query).scalar_one()


def take_next(session: Session, day: date, series: str) -> int:
    """The next number in the series. Call `lock_series` first in the same transaction."""
    query = (
        update(DailyCounter)
        .where(DailyCounter.business_day == day, DailyCounter.series == series)
        .values(last_number=DailyCounter.last_number + 1)
        .returning(DailyCounter.last_number)
    )
    return session.execute(query).scalar_one()

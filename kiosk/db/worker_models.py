"""Peer-work tables: workers, their sessions and shifts, absences, PIN lockouts, paid periods.

A worker's display name is the only name the kiosk keeps. PINs are argon2id hashes and badge
tokens SHA-256 digests (kiosk.core.pins, kiosk.core.badges): nothing here gives either back.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, Date, ForeignKey, Index, Integer, String, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from kiosk.db.models import Base
from kiosk.db.types import UTCDateTime


class Worker(Base):
    __tablename__ = "workers"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    number: Mapped[int] = mapped_column(Integer, unique=True)
    display_name: Mapped[str] = mapped_column(String(60))
    pin_hash: Mapped[str] = mapped_column(String(200))
    badge_digest: Mapped[str | None] = mapped_column(String(64), unique=True)
    contract_start: Mapped[date] = mapped_column(Date)
    contract_end: Mapped[date] = mapped_column(Date)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)


class WorkSession(Base):
    """One stretch between sign-in and sign-out, and how each end was made.

    `start_method`/`end_method`: pin | badge | cli | staff | automatic ("console" in rows made
    before the command line was called cli). An automatic end (a forgotten sign-out) sets
    `needs_review` until staff accept or correct it.
    """

    __tablename__ = "work_sessions"
    __table_args__ = (
        # At most one open session per worker, also when two kiosks sign in at the same moment.
        Index(
            "uq_work_sessions_open",
            "worker_id",
            unique=True,
            sqlite_where=text("ended_at IS NULL"),
            postgresql_where=text("ended_at IS NULL"),
        ),
        Index("ix_work_sessions_day", "business_day"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    worker_id: Mapped[int] = mapped_column(ForeignKey("workers.id"))
    business_day: Mapped[date] = mapped_column(Date)
    started_at: Mapped[datetime] = mapped_column(UTCDateTime)
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    task: Mapped[str] = mapped_column(String(40), default="")
    rules_confirmed: Mapped[bool] = mapped_column(Boolean, default=False)
    start_method: Mapped[str] = mapped_column(String(16))
    start_device: Mapped[str] = mapped_column(String(48))
    end_method: Mapped[str | None] = mapped_column(String(16))
    end_device: Mapped[str | None] = mapped_column(String(48))
    needs_review: Mapped[bool] = mapped_column(Boolean, default=False)
    # Why staff should look: closing_time | max_length (a forgotten sign-out).
    review_reason: Mapped[str] = mapped_column(String(24), default="")
    worker: Mapped[Worker] = relationship()


class Shift(Base):
    """A planned shift: a worker, a date, local start and end stored as UTC instants."""

    __tablename__ = "shifts"
    __table_args__ = (
        UniqueConstraint("worker_id", "starts_at"),
        Index("ix_shifts_day", "day"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    worker_id: Mapped[int] = mapped_column(ForeignKey("workers.id"))
    day: Mapped[date] = mapped_column(Date)
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime)
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    created_by: Mapped[str] = mapped_column(String(48))
    worker: Mapped[Worker] = relationship()
    absence: Mapped[Absence | None] = relationship(
        back_populates="shift", cascade="all, delete-orphan", uselist=False
    )


class Absence(Base):
    """An absence reported for a planned shift. `reported_at` tells staff how early it came."""

    __tablename__ = "absences"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    shift_id: Mapped[int] = mapped_column(ForeignKey("shifts.id", ondelete="CASCADE"), unique=True)
    reported_at: Mapped[datetime] = mapped_column(UTCDateTime)
    reported_by: Mapped[str] = mapped_column(String(48))
    device: Mapped[str] = mapped_column(String(48))
    reason: Mapped[str] = mapped_column(String(40), default="")
    shift: Mapped[Shift] = relationship(back_populates="absence")


class PinLock(Base):
    """Wrong-PIN state, in the database so it holds across kiosks, processes and restarts.

    scope "number": `key` is a worker number, whether or not such a worker exists (locking only
    real numbers would tell a guesser which ones are real); `failures` counts wrong PINs in a
    row. scope "kiosk": `key` is a kiosk id and `locked_until` its pause. Staff logins lock the
    same way: scope "account" by login, scope "staff" by device (kiosk.services.staff_auth).
    Return codes: scope "resume" by device (kiosk.services.help_requests).
    """

    __tablename__ = "pin_locks"
    scope: Mapped[str] = mapped_column(String(8), primary_key=True)
    key: Mapped[str] = mapped_column(String(40), primary_key=True)
    failures: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)


class PinFailure(Base):
    """One wrong PIN or unknown badge on a kiosk, for the per-kiosk rate limit. No PIN, no number."""

    __tablename__ = "pin_failures"
    __table_args__ = (Index("ix_pin_failures_kiosk_at", "kiosk_id", "at"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kiosk_id: Mapped[str] = mapped_column(String(48))
    at: Mapped[datetime] = mapped_column(UTCDateTime)


class PaidPeriod(Base):
    """A pay period marked paid, which locks its sessions against changes until re-opened."""

    __tablename__ = "paid_periods"
    label: Mapped[str] = mapped_column(String(10), primary_key=True)  # "2026-11", "2026-W48"
    first_day: Mapped[date] = mapped_column(Date)
    last_day: Mapped[date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(12))  # paid | reopened
    paid_at: Mapped[datetime] = mapped_column(UTCDateTime)
    paid_by: Mapped[str] = mapped_column(String(48))
    total_cents: Mapped[int] = mapped_column(Integer)
    reopened_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    reopened_by: Mapped[str | None] = mapped_column(String(48))
    reopen_reason: Mapped[str] = mapped_column(String(200), default="")

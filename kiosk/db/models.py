"""The tables. Only numbers, codes, topics and checkboxes: the kiosk keeps no client identity."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from kiosk.db.types import UTCDateTime

# Named constraints, so Alembic migrations can alter them on SQLite and PostgreSQL alike.
NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class DailyCounter(Base):
    """The last number handed out per series ("A", "B", "H") per business day.

    Taking a number increments this row inside the same transaction that inserts the ticket:
    the row lock serialises concurrent kiosks, and a rollback returns the number, so numbers are
    neither shared nor skipped.
    """

    __tablename__ = "daily_counters"
    business_day: Mapped[date] = mapped_column(Date, primary_key=True)
    series: Mapped[str] = mapped_column(String(1), primary_key=True)
    last_number: Mapped[int] = mapped_column(Integer, default=0)


class Ticket(Base):
    __tablename__ = "tickets"
    __table_args__ = (
        UniqueConstraint("business_day", "service", "number"),
        Index("ix_tickets_day_status", "business_day", "status"),
        Index("ix_tickets_kiosk_taken", "kiosk_id", "taken_at"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    business_day: Mapped[date] = mapped_column(Date)
    service: Mapped[str] = mapped_column(String(1))
    number: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(16), default="waiting")
    taken_at: Mapped[datetime] = mapped_column(UTCDateTime)
    kiosk_id: Mapped[str | None] = mapped_column(String(40))
    window: Mapped[int | None] = mapped_column(Integer)
    called_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    call_count: Mapped[int] = mapped_column(Integer, default=0)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # The screen visit that took it (services.tickets.new_visit): unique, so one visit can never
    # hold two numbers, even when a retry and a double tap race each other.
    visit: Mapped[str | None] = mapped_column(String(40), unique=True)


class HelpRequest(Base):
    __tablename__ = "help_requests"
    __table_args__ = (
        UniqueConstraint("business_day", "number"),
        Index("ix_help_requests_status", "status"),
        # Years of history stay cheap for what screens ask every few seconds: a code typed at
        # the console ("H003", any day), the calls standing today, and a request's notes.
        Index("ix_help_requests_number", "number"),
        Index("ix_help_requests_called_at", "called_at"),
        # The console's list: unfinished requests changed within the last weeks.
        Index("ix_help_requests_status_updated", "status", "updated_at"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    business_day: Mapped[date] = mapped_column(Date)
    number: Mapped[int] = mapped_column(Integer)
    resume_code: Mapped[str] = mapped_column(String(12), unique=True)
    topic: Mapped[str] = mapped_column(String(40))
    status: Mapped[str] = mapped_column(String(16), default="open")
    has_credentials: Mapped[bool] = mapped_column(Boolean, default=False)
    has_documents: Mapped[bool] = mapped_column(Boolean, default=False)
    needs_interpreter: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    # When it last joined the queue (created, or back with documents): the queue order.
    queued_at: Mapped[datetime] = mapped_column(UTCDateTime)
    kiosk_id: Mapped[str | None] = mapped_column(String(40))
    claimed_by: Mapped[str | None] = mapped_column(String(48))
    # The peer worker staff gave it to ("worker:12"), who sees it as theirs at the kiosk.
    assigned_to: Mapped[str | None] = mapped_column(String(48))
    # The help desk (a `help.places` id) it was last called to, when, and how many times.
    place: Mapped[str | None] = mapped_column(String(24))
    called_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    call_count: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    notes: Mapped[list[HelpNote]] = relationship(
        back_populates="request", cascade="all, delete-orphan", order_by="HelpNote.id"
    )


class HelpNote(Base):
    """A staff note on a help request. Deleted after the retention period."""

    __tablename__ = "help_notes"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    request_id: Mapped[int] = mapped_column(
        ForeignKey("help_requests.id", ondelete="CASCADE"), index=True
    )
    written_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    written_by: Mapped[str] = mapped_column(String(48))
    text: Mapped[str] = mapped_column(Text)
    request: Mapped[HelpRequest] = relationship(back_populates="notes")


class AuditEvent(Base):
    """Who did or saw what, when, from where. Append-only."""

    __tablename__ = "audit_events"
    __table_args__ = (Index("ix_audit_subject", "subject_type", "subject_id"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    actor: Mapped[str] = mapped_column(String(48))
    device: Mapped[str] = mapped_column(String(48))
    action: Mapped[str] = mapped_column(String(48))
    subject_type: Mapped[str] = mapped_column(String(24))
    subject_id: Mapped[int | None] = mapped_column(Integer)
    subject_code: Mapped[str] = mapped_column(String(24), default="")
    details: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


class LastPrinterState(Base):
    """The last known state (a kiosk.devices.states.PrinterState value) of one kiosk's printer,
    for the kiosk screen and the staff console: since when it is so, and when the kiosk last
    said so (kiosk.services.printer_state)."""

    __tablename__ = "printer_states"
    kiosk_id: Mapped[str] = mapped_column(String(40), primary_key=True)
    state: Mapped[str] = mapped_column(String(16))
    detail: Mapped[str] = mapped_column(String(200), default="")
    changed_at: Mapped[datetime] = mapped_column(UTCDateTime)
    reported_at: Mapped[datetime] = mapped_column(UTCDateTime)

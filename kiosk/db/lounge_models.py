"""The lounge's own tables: activities staff put on the board, and clients' anonymous feedback.

Feedback holds a face, a service letter, a business day and an hour: no code, no number, no
kiosk, no exact time, so no answer can be tied to a ticket or a person, and the rows outlive the
retention purge like the daily statistics. The one moment kept is the last counted answer per
kiosk (`feedback_gates`), which the rate limit needs; it is overwritten by the next answer.
"""

from __future__ import annotations

from datetime import date, datetime, time

from sqlalchemy import Date, Index, Integer, String, Time
from sqlalchemy.orm import Mapped, mapped_column

from kiosk.db.models import Base
from kiosk.db.types import UTCDateTime


class Activity(Base):
    """Something on in the lounge that staff entered: on one `day`, or on `weekdays` every week
    ("tue,thu"), from `starts_at` or all day."""

    __tablename__ = "activities"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    text: Mapped[str] = mapped_column(String(60))
    starts_at: Mapped[time | None] = mapped_column(Time)
    day: Mapped[date | None] = mapped_column(Date, index=True)
    weekdays: Mapped[str | None] = mapped_column(String(27))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    created_by: Mapped[str] = mapped_column(String(48))


class VisitFeedback(Base):
    """One counted answer to "How did your visit go today?"."""

    __tablename__ = "visit_feedback"
    __table_args__ = (Index("ix_visit_feedback_day", "business_day"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    business_day: Mapped[date] = mapped_column(Date)
    hour: Mapped[int] = mapped_column(Integer)  # 0-23, clinic's local time
    # The service of the number just taken, or None when answered on the home screen.
    service: Mapped[str | None] = mapped_column(String(1))
    face: Mapped[str] = mapped_column(String(16))


class FeedbackGate(Base):
    """When a kiosk last counted an answer: the rate limit's memory, one row per kiosk."""

    __tablename__ = "feedback_gates"
    kiosk_id: Mapped[str] = mapped_column(String(40), primary_key=True)
    counted_at: Mapped[datetime] = mapped_column(UTCDateTime)

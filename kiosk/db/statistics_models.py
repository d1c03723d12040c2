"""Anonymous daily statistics, kept after the tickets and help requests they count are purged.

Counts only: a business day, a service letter or a help topic, an hour or a minute bucket. No
code, no number, no actor, so nothing here points at a person and the tables may outlive the
retention periods. Waits and times to done are histograms rather than averages: percentiles
over any range of days come from summing the buckets, and stay right after the purge.

A day is rolled up once, after it has closed, by the statistics rollup (which also decides the
buckets' width); `daily_rollups` records that it was, so a day on which nothing happened is not
looked at again and two kiosks rolling up at once cannot count a day twice.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from kiosk.db.models import Base
from kiosk.db.types import UTCDateTime


class DailyRollup(Base):
    """A business day whose statistics are in the tables below."""

    __tablename__ = "daily_rollups"
    business_day: Mapped[date] = mapped_column(Date, primary_key=True)
    rolled_up_at: Mapped[datetime] = mapped_column(UTCDateTime)


class DailyTicketTotal(Base):
    """Tickets of one service taken in one local hour of a business day, and how they ended."""

    __tablename__ = "daily_ticket_totals"
    business_day: Mapped[date] = mapped_column(Date, primary_key=True)
    service: Mapped[str] = mapped_column(String(1), primary_key=True)
    hour: Mapped[int] = mapped_column(Integer, primary_key=True)  # 0-23, clinic's local time
    taken: Mapped[int] = mapped_column(Integer, default=0)
    served: Mapped[int] = mapped_column(Integer, default=0)
    no_show: Mapped[int] = mapped_column(Integer, default=0)
    cancelled: Mapped[int] = mapped_column(Integer, default=0)


class DailyWaitHistogram(Base):
    """How many tickets of one service waited from taking to their first call for a number of
    minutes in the bucket starting at `minute_bucket`."""

    __tablename__ = "daily_wait_histogram"
    business_day: Mapped[date] = mapped_column(Date, primary_key=True)
    service: Mapped[str] = mapped_column(String(1), primary_key=True)
    minute_bucket: Mapped[int] = mapped_column(Integer, primary_key=True)
    count: Mapped[int] = mapped_column(Integer, default=0)


class DailyHelpTotal(Base):
    """Help requests of one topic: `outcome` "opened" counts those opened on the business day;
    "done", "not_present" and "cancelled" count those that ended so on it. A request may wait
    for documents for days, so it is counted on the day it ends, which is known for good when
    that day closes (kiosk.services.statistics_rollup)."""

    __tablename__ = "daily_help_totals"
    business_day: Mapped[date] = mapped_column(Date, primary_key=True)
    topic: Mapped[str] = mapped_column(String(40), primary_key=True)
    outcome: Mapped[str] = mapped_column(String(16), primary_key=True)
    count: Mapped[int] = mapped_column(Integer, default=0)


class DailyHelpDoneHistogram(Base):
    """How many help requests of one topic done on the business day took, from opening to done,
    a number of minutes in the bucket starting at `minute_bucket`."""

    __tablename__ = "daily_help_done_histogram"
    business_day: Mapped[date] = mapped_column(Date, primary_key=True)
    topic: Mapped[str] = mapped_column(String(40), primary_key=True)
    minute_bucket: Mapped[int] = mapped_column(Integer, primary_key=True)
    count: Mapped[int] = mapped_column(Integer, default=0)

"""What the statistics hand back (kiosk.services.statistics): frozen, anonymous counts.

Services are their letters and topics their configuration ids; the front door names them in
its language. Minutes are whole minutes, read from histograms (kiosk.core.minute_buckets): a
median of 12 means half of the counted waits were 12 minutes or less.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from kiosk.services.views import JsonView


@dataclass(frozen=True)
class HourTickets(JsonView):
    """Tickets taken in one local hour (0-23) over the period's days."""

    hour: int
    taken: int
    by_service: tuple[int, ...]  # taken, in the order of Statistics.services


@dataclass(frozen=True)
class WeekdayTickets(JsonView):
    """Tickets taken on one weekday (1 Monday .. 7 Sunday) over the period's counted days."""

    weekday: int
    days: int  # how many such days were counted
    taken: int
    by_service: tuple[int, ...]

    @property
    def per_day(self) -> float:
        return self.taken / self.days if self.days else 0.0


@dataclass(frozen=True)
class ServiceFigures(JsonView):
    """One service's tickets, how they ended, and how long clients waited for the first call."""

    service: str
    taken: int
    served: int
    no_show: int
    cancelled: int
    called: int  # tickets called at least once: the waits counted
    median_wait_minutes: int | None  # None: nobody was called
    p90_wait_minutes: int | None


@dataclass(frozen=True)
class TopicFigures(JsonView):
    """Help requests of one topic opened in the period, those that ended in it and how, and how
    long the done ones took from opening to done (waiting for documents included)."""

    topic: str  # a help topic's id; "" for all topics together
    opened: int
    done: int
    not_present: int
    cancelled: int
    median_minutes_to_done: int | None
    p90_minutes_to_done: int | None


@dataclass(frozen=True)
class WorkWeek(JsonView):
    """Peer work in one ISO week, as far as it falls in the period: hours of ended sessions,
    overlaps counted once, split at the business-day start like the allowance."""

    week: str  # "2026-W48"
    first_day: date
    last_day: date
    minutes: int
    workers: int  # peer workers who worked in it


@dataclass(frozen=True)
class FeedbackCounts(JsonView):
    """Answers to "How did your visit go today?" on one day ("2026-11-24") or in one ISO week
    ("2026-W48"): how many of each face, in the order of kiosk.core.feedback.FACES."""

    label: str
    faces: tuple[int, ...]

    @property
    def answers(self) -> int:
        return sum(self.faces)


@dataclass(frozen=True)
class Statistics(JsonView):
    period: str  # its label: 2026-11-24, 2026-W48, 2026-11 or 2026-11-01..2026-11-30
    kind: str  # day | week | month | range
    first_day: date
    last_day: date
    # Days with figures: rolled-up days, and days since the last rollup up to today. Days before
    # the first ticket or help request on record, and days still ahead, have none.
    days_counted: int
    includes_today: bool  # today's figures are so far, not final
    services: tuple[str, ...]  # service letters: the configured ones, then any others counted
    by_hour: tuple[HourTickets, ...]  # 24 rows, hour 0 to 23
    by_weekday: tuple[WeekdayTickets, ...]  # 7 rows, Monday to Sunday
    by_service: tuple[ServiceFigures, ...]
    help_by_topic: tuple[TopicFigures, ...]  # the configured topics, then any others counted
    help_total: TopicFigures
    peer_work: tuple[WorkWeek, ...]  # each ISO week of the period up to today, oldest first
    # Anonymous feedback: each day with answers, and each ISO week with answers, oldest first.
    feedback_by_day: tuple[FeedbackCounts, ...] = ()
    feedback_by_week: tuple[FeedbackCounts, ...] = ()

"""Statistics views made by hand, for the tests of what is drawn and exported from them."""

from __future__ import annotations

from datetime import date, timedelta

from kiosk.services.statistics_views import (
    FeedbackCounts,
    HourTickets,
    ServiceFigures,
    Statistics,
    TopicFigures,
    WeekdayTickets,
    WorkWeek,
)

MONDAY = date(2026, 11, 16)


def week_of_figures() -> Statistics:
    """A week as the statistics service gives it (tests/statistics_data.py's figures)."""
    hours = {7: (2, 0), 8: (3, 0), 9: (0, 2), 10: (1, 1)}
    return Statistics(
        period="2026-W47",
        kind="week",
        first_day=MONDAY,
        last_day=MONDAY + timedelta(days=6),
        days_counted=7,
        includes_today=False,
        services=("A", "B"),
        by_hour=tuple(
            HourTickets(h, sum(hours.get(h, (0, 0))), hours.get(h, (0, 0))) for h in range(24)
        ),
        by_weekday=tuple(
            WeekdayTickets(d, 1, t, (t, 0)) for d, t in enumerate((5, 4, 0, 0, 0, 0, 0), 1)
        ),
        by_service=(
            ServiceFigures("A", 6, 4, 1, 0, 5, 7, 30),
            ServiceFigures("B", 3, 1, 0, 1, 2, 15, 20),
        ),
        help_by_topic=(
            TopicFigures("social_assistance", 2, 2, 0, 0, 20, 40),
            TopicFigures("supplementary_assistance", 0, 0, 0, 0, None, None),
            TopicFigures("housing_allowance", 1, 1, 0, 0, 1500, 1500),
            TopicFigures("computer_help", 2, 0, 1, 1, None, None),
        ),
        help_total=TopicFigures("", 5, 3, 1, 1, 40, 1500),
        peer_work=(WorkWeek("2026-W47", MONDAY, MONDAY + timedelta(days=6), 510, 2),),
        feedback_by_day=(
            FeedbackCounts(MONDAY.isoformat(), (4, 3, 1, 0)),
            FeedbackCounts((MONDAY + timedelta(days=1)).isoformat(), (2, 2, 0, 1)),
        ),
        feedback_by_week=(FeedbackCounts("2026-W47", (6, 5, 1, 1)),),
    )


def empty_day() -> Statistics:
    return Statistics(
        period="2026-11-22",
        kind="day",
        first_day=date(2026, 11, 22),
        last_day=date(2026, 11, 22),
        days_counted=1,
        includes_today=True,
        services=("A", "B"),
        by_hour=tuple(HourTickets(h, 0, (0, 0)) for h in range(24)),
        by_weekday=tuple(WeekdayTickets(d, int(d == 7), 0, (0, 0)) for d in range(1, 8)),
        by_service=(
            ServiceFigures("A", 0, 0, 0, 0, 0, None, None),
            ServiceFigures("B", 0, 0, 0, 0, 0, None, None),
        ),
        help_by_topic=(TopicFigures("social_assistance", 0, 0, 0, 0, None, None),),
        help_total=TopicFigures("", 0, 0, 0, 0, None, None),
        peer_work=(WorkWeek("2026-W47", date(2026, 11, 22), date(2026, 11, 22), 0, 0),),
    )

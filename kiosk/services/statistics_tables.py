"""The statistics as tables: one header row, then one row per hour, weekday, service, topic or
week. The command line prints them and writes them as CSV; the staff console exports the same.

The CSV is for a spreadsheet on the staff PC, like the payout list's: UTF-8 with a byte-order
mark, semicolons and decimal commas, which Excel with Finnish or Swedish settings opens as
columns. Column names are fixed English identifiers, so a spreadsheet built on them keeps
working whatever the staff PC's language. An empty cell: no wait or time to done was counted.
"""

from __future__ import annotations

from collections.abc import Callable

from kiosk.core.allowance import format_minutes
from kiosk.core.feedback import FACES
from kiosk.core.spreadsheet_csv import Cell, spreadsheet_csv
from kiosk.services.statistics_views import Statistics, TopicFigures

Table = tuple[list[str], list[list[Cell]]]
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
ALL = "ALL"


def _hours(stats: Statistics) -> Table:
    header = ["hour", *(f"taken_{s}" for s in stats.services), "taken_all"]
    rows: list[list[Cell]] = [[f"{r.hour:02d}", *r.by_service, r.taken] for r in stats.by_hour]
    return header, rows


def _weekdays(stats: Statistics) -> Table:
    header = [
        "weekday",
        "days_counted",
        *(f"taken_{s}" for s in stats.services),
        "taken_all",
        "taken_per_day",
    ]
    rows: list[list[Cell]] = [
        [WEEKDAYS[r.weekday - 1], r.days, *r.by_service, r.taken, round(r.per_day, 1)]
        for r in stats.by_weekday
    ]
    return header, rows


def _services(stats: Statistics) -> Table:
    header = [
        "service",
        "taken",
        "served",
        "no_show",
        "cancelled",
        "called",
        "median_wait_min",
        "p90_wait_min",
    ]
    rows: list[list[Cell]] = [
        [
            s.service,
            s.taken,
            s.served,
            s.no_show,
            s.cancelled,
            s.called,
            s.median_wait_minutes,
            s.p90_wait_minutes,
        ]
        for s in stats.by_service
    ]
    return header, rows


def _help(stats: Statistics) -> Table:
    header = [
        "topic",
        "opened",
        "done",
        "not_present",
        "cancelled",
        "median_min_to_done",
        "p90_min_to_done",
    ]

    def row(topic: TopicFigures) -> list[Cell]:
        return [
            topic.topic or ALL,
            topic.opened,
            topic.done,
            topic.not_present,
            topic.cancelled,
            topic.median_minutes_to_done,
            topic.p90_minutes_to_done,
        ]

    return header, [*(row(t) for t in stats.help_by_topic), row(stats.help_total)]


def _peer_work(stats: Statistics) -> Table:
    header = ["week", "first_day", "last_day", "hours", "minutes", "workers"]
    rows: list[list[Cell]] = [
        [
            w.week,
            w.first_day.isoformat(),
            w.last_day.isoformat(),
            format_minutes(w.minutes),
            w.minutes,
            w.workers,
        ]
        for w in stats.peer_work
    ]
    return header, rows


def _feedback(stats: Statistics) -> Table:
    """Answers per day, then per ISO week: "2026-11-24", …, "2026-W48"."""
    header = ["day_or_week", *FACES, "answers"]
    rows: list[list[Cell]] = [
        [counts.label, *counts.faces, counts.answers]
        for counts in (*stats.feedback_by_day, *stats.feedback_by_week)
    ]
    return header, rows


TABLES: dict[str, Callable[[Statistics], Table]] = {
    "hours": _hours,
    "weekdays": _weekdays,
    "services": _services,
    "help": _help,
    "peer-work": _peer_work,
    "feedback": _feedback,
}


def table(stats: Statistics, name: str) -> Table:
    """One of TABLES: its header row and its rows."""
    return TABLES[name](stats)


def table_csv(stats: Statistics, name: str) -> bytes:
    header, rows = table(stats, name)
    return spreadsheet_csv(header, [[_csv_cell(cell) for cell in row] for row in rows])


def _csv_cell(cell: Cell) -> str | int | None:
    # A decimal comma, as the Finnish spreadsheet reads a number.
    if isinstance(cell, float):
        return f"{cell:.1f}".replace(".", ",")
    return cell

"""The statistics as tables and CSV files: one header row, then the rows, as a spreadsheet on
a Finnish staff PC opens them."""

from __future__ import annotations

import csv
import io

from kiosk.services.statistics_tables import TABLES, table, table_csv
from tests.statistics.sample_figures import week_of_figures


def rows_of(content: bytes) -> list[list[str]]:
    assert content.startswith("\ufeff".encode())  # Excel reads it as UTF-8
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))


def test_each_table_has_one_header_row_and_a_row_per_thing_counted() -> None:
    stats = week_of_figures()
    lengths = {name: len(table(stats, name)[1]) for name in TABLES}
    assert lengths == {
        "hours": 24,
        "weekdays": 7,
        "services": 2,
        "help": 5,
        "peer-work": 1,
        # Two days with answers, then their week.
        "feedback": 3,
    }
    for name in TABLES:
        header, rows = table(stats, name)
        assert all(len(row) == len(header) for row in rows), name
        written = rows_of(table_csv(stats, name))
        assert written[0] == header
        assert len(written) == len(rows) + 1


def test_the_csv_holds_the_figures_with_decimal_commas_and_blank_unknowns() -> None:
    stats = week_of_figures()
    assert rows_of(table_csv(stats, "services")) == [
        [
            "service",
            "taken",
            "served",
            "no_show",
            "cancelled",
            "called",
            "median_wait_min",
            "p90_wait_min",
        ],
        ["A", "6", "4", "1", "0", "5", "7", "30"],
        ["B", "3", "1", "0", "1", "2", "15", "20"],
    ]
    help_rows = rows_of(table_csv(stats, "help"))
    assert help_rows[0] == [
        "topic",
        "opened",
        "done",
        "not_present",
        "cancelled",
        "median_min_to_done",
        "p90_min_to_done",
    ]
    assert help_rows[4] == ["computer_help", "2", "0", "1", "1", "", ""]
    assert help_rows[5] == ["ALL", "5", "3", "1", "1", "40", "1500"]
    weekdays = rows_of(table_csv(stats, "weekdays"))
    assert weekdays[0] == [
        "weekday",
        "days_counted",
        "taken_A",
        "taken_B",
        "taken_all",
        "taken_per_day",
    ]
    assert weekdays[1] == ["Monday", "1", "5", "0", "5", "5,0"]
    hours = rows_of(table_csv(stats, "hours"))
    assert hours[0] == ["hour", "taken_A", "taken_B", "taken_all"]
    assert hours[9] == ["08", "3", "0", "3"]
    assert rows_of(table_csv(stats, "peer-work")) == [
        ["week", "first_day", "last_day", "hours", "minutes", "workers"],
        ["2026-W47", "2026-11-16", "2026-11-22", "8:30", "510", "2"],
    ]

"""`kiosk stats summary|hours|weekdays|services|help|peer-work|chart`: the anonymous statistics
for a day, an ISO week, a month or a range of days, as text, JSON, CSV or a chart (PNG)."""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from kiosk.cli.common import cli_actor, emit, open_context
from kiosk.core.spreadsheet_csv import Cell
from kiosk.core.statistics_period import parse_statistics_period
from kiosk.errors import KioskError
from kiosk.services import statistics
from kiosk.services.statistics_tables import TABLES, table, table_csv
from kiosk.services.statistics_views import Statistics
from kiosk.settings.schema import LANGUAGES
from kiosk.ui.charts import CHARTS, ChartSize, chart_png

TABLE_HELP = {
    "hours": "tickets taken per hour of the day, by service",
    "weekdays": "tickets taken per weekday, by service, and per day on average",
    "services": "per service: tickets, how they ended, median and 90th-percentile wait",
    "help": "help requests by topic: opened, how they ended, median and 90th-percentile time "
    "to done",
    "peer-work": "peer-work hours per ISO week",
    "feedback": 'anonymous answers to "How did your visit go today?" per day and per week',
}
PERIOD_HELP = "a day 2026-11-24, a week 2026-W48, a month 2026-11 or 2026-11-01..2026-11-30"


def register(commands: argparse._SubParsersAction, parent: argparse.ArgumentParser) -> None:
    group = commands.add_parser(
        "stats", help="statistics: tickets, waits, help requests, peer-work hours"
    )
    sub = group.add_subparsers(dest="action", required=True, metavar="ACTION")

    summary = sub.add_parser("summary", parents=[parent], help="every table for a period")
    _common(summary)
    summary.set_defaults(handler=_summary)

    for name, text in TABLE_HELP.items():
        one = sub.add_parser(name, parents=[parent], help=text)
        _common(one)
        one.add_argument("--format", choices=("text", "csv"), default="text")
        one.add_argument(
            "--out", metavar="PATH", help="write the CSV here (default: standard output)"
        )
        one.set_defaults(handler=_table, table=name)

    chart = sub.add_parser("chart", parents=[parent], help="draw one chart into a PNG file")
    chart.add_argument("kind", choices=CHARTS)
    _common(chart)
    chart.add_argument("--out", metavar="PATH", required=True, help="the PNG file to write")
    chart.add_argument(
        "--language", choices=LANGUAGES, help="its words (default: clinic.default_language)"
    )
    chart.add_argument(
        "--size",
        type=_size,
        default=ChartSize(),
        metavar="WxH",
        help="in pixels (default: 1600x900)",
    )
    chart.set_defaults(handler=_chart)


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--period", required=True, metavar="P", help=PERIOD_HELP)
    parser.add_argument("--by", metavar="ACTOR", help="a staff account, e.g. staff:anna")


def _size(text: str) -> ChartSize:
    size = re.fullmatch(r"([0-9]{1,5})x([0-9]{1,5})", text.strip().lower())
    if size is None:
        raise argparse.ArgumentTypeError(f'"{text}" is not a size; write it like 1600x900')
    try:
        return ChartSize(int(size[1]), int(size[2]))
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def _statistics(args: argparse.Namespace) -> Statistics:
    ctx = open_context(args)
    return statistics.for_period(ctx, parse_statistics_period(args.period), by=cli_actor(args))


def _heading(stats: Statistics) -> str:
    line = (
        f"statistics {stats.period} ({stats.first_day:%d.%m.%Y}–{stats.last_day:%d.%m.%Y}), "
        f"{stats.days_counted} day(s) counted"
    )
    return line + ("; today's figures are so far" if stats.includes_today else "")


def _aligned(header: list[str], rows: list[list[Cell]]) -> str:
    cells = [header] + [["–" if c is None else str(c) for c in row] for row in rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(header))]
    return "\n".join(
        "  ".join(
            c.ljust(w) if i == 0 else c.rjust(w)
            for i, (c, w) in enumerate(zip(row, widths, strict=True))
        )
        for row in cells
    )


def _summary(args: argparse.Namespace) -> int:
    stats = _statistics(args)
    parts = [_heading(stats)]
    parts += [f"\n{name}\n{_aligned(*table(stats, name))}" for name in TABLES]
    emit(args, stats.to_json(), "\n".join(parts))
    return 0


def _table(args: argparse.Namespace) -> int:
    stats = _statistics(args)
    if args.format == "csv":
        content = table_csv(stats, args.table)
        if not args.out:
            sys.stdout.buffer.write(content)
            sys.stdout.flush()
            return 0
        out = _write(Path(args.out), content)
        emit(
            args,
            {"period": stats.period, "table": args.table, "file": str(out)},
            f"written to {out}",
        )
        return 0
    header, rows = table(stats, args.table)
    as_json = {
        "period": stats.period,
        "rows": [dict(zip(header, row, strict=True)) for row in rows],
    }
    emit(args, as_json, f"{_heading(stats)}\n{_aligned(header, rows)}")
    return 0


def _chart(args: argparse.Namespace) -> int:
    ctx = open_context(args)
    stats = statistics.for_period(ctx, parse_statistics_period(args.period), by=cli_actor(args))
    language = args.language or ctx.settings.clinic.default_language
    png = chart_png(stats, args.kind, settings=ctx.settings, language=language, size=args.size)
    out = _write(Path(args.out), png)
    emit(
        args,
        {"period": stats.period, "chart": args.kind, "file": str(out)},
        f"{_heading(stats)}\n{args.kind} chart written to {out}",
    )
    return 0


def _write(out: Path, content: bytes) -> Path:
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(content)
    except OSError as error:
        raise KioskError(f"cannot write {out} ({error.strerror}); choose another --out") from None
    return out

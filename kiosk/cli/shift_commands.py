"""`kiosk shift add|import|list|remove|missed`: the monthly shift plan."""

from __future__ import annotations

import argparse
import csv
import io
import sys
from datetime import date
from pathlib import Path

from kiosk.cli.common import cli_actor, emit, open_context, whole_number
from kiosk.cli.peer_input import day_argument, parse_day
from kiosk.cli.wording import worded
from kiosk.cli.worker_commands import describe_shift
from kiosk.core.work_day import parse_shift_times
from kiosk.errors import KioskError
from kiosk.services import shifts
from kiosk.services.context import Context
from kiosk.services.shifts import PlannedShift, ShiftsAdded


def register(commands: argparse._SubParsersAction, parent: argparse.ArgumentParser) -> None:
    group = commands.add_parser("shift", help="the peer workers' shift plan")
    sub = group.add_subparsers(dest="action", required=True, metavar="ACTION")

    add = sub.add_parser(
        "add",
        parents=[parent],
        help="plan shifts: on --date (repeatable), or on --weekdays through a --month",
    )
    add.add_argument("--worker", type=whole_number, required=True, metavar="N")
    add.add_argument("--time", required=True, metavar="HH:MM-HH:MM", help="e.g. 09:00-12:30")
    add.add_argument("--date", type=day_argument, action="append", default=[], metavar="DATE")
    add.add_argument("--month", metavar="YYYY-MM", help="with --weekdays: every such day")
    add.add_argument("--weekdays", metavar="DAYS", help="e.g. tue,thu")
    add.add_argument("--by", metavar="ACTOR")
    add.set_defaults(handler=_add)

    importing = sub.add_parser(
        "import",
        parents=[parent],
        help="plan a month from a CSV file with columns date, worker, start, end",
    )
    importing.add_argument("file", help="CSV path, or - for standard input")
    importing.add_argument("--by", metavar="ACTOR")
    importing.set_defaults(handler=_import)

    listing = sub.add_parser("list", parents=[parent], help="the plan for a month")
    listing.add_argument("--month", metavar="YYYY-MM", help="default: this month")
    listing.add_argument("--worker", type=whole_number, metavar="N")
    listing.add_argument("--by", metavar="ACTOR")
    listing.set_defaults(handler=_list)

    remove = sub.add_parser("remove", parents=[parent], help="remove a shift not yet begun")
    remove.add_argument("id", type=whole_number)
    remove.add_argument("--by", metavar="ACTOR")
    remove.set_defaults(handler=_remove)

    missed = sub.add_parser(
        "missed", parents=[parent], help="shifts ended with no sign-in and no absence reported"
    )
    missed.add_argument("--since", type=day_argument, metavar="DATE", help="default: 31 days ago")
    missed.add_argument("--by", metavar="ACTOR")
    missed.set_defaults(handler=_missed)


def _days(args: argparse.Namespace, ctx: Context) -> list[date]:
    if args.month or args.weekdays:
        if not (args.month and args.weekdays):
            raise KioskError(
                "--month and --weekdays go together, e.g. --month 2026-12 --weekdays tue,thu"
            )
        days = shifts.weekdays_in_month(ctx, args.month, args.weekdays.split(","))
        return sorted(set(args.date) | set(days))
    if not args.date:
        raise KioskError("say which days: --date DATE (repeatable) or --month M --weekdays DAYS")
    return sorted(set(args.date))


def _report(args: argparse.Namespace, ctx: Context, added: ShiftsAdded) -> None:
    lines = [f"#{s.id:<5} {s.number:>4} {describe_shift(s, ctx)}" for s in added.shifts]
    lines += [
        f"warning: worker {w.number} has {w.days} days in {w.week} (at most {w.limit})"
        for w in added.warnings
    ]
    emit(
        args,
        {
            "shifts": [s.to_json() for s in added.shifts],
            "warnings": [w.to_json() for w in added.warnings],
        },
        "\n".join(lines),
    )


def _add(args: argparse.Namespace) -> int:
    ctx = open_context(args)
    times = parse_shift_times(args.time)
    plan = [PlannedShift(args.worker, day, times) for day in _days(args, ctx)]
    _report(args, ctx, shifts.add_shifts(ctx, plan, by=cli_actor(args)))
    return 0


def _import(args: argparse.Namespace) -> int:
    text = _read(args.file)
    plan = []
    dialect = ";" if text.count(";") > text.count(",") else ","
    for line_number, row in enumerate(csv.reader(io.StringIO(text), delimiter=dialect), 1):
        cells = [c.strip() for c in row]
        if not any(cells) or cells[0].lower() == "date":
            continue  # blank lines and the header
        if len(cells) != 4:
            raise KioskError(
                f"{args.file} line {line_number}: expected date, worker, start, end; got {row}"
            )
        try:
            number = int(cells[1])
        except ValueError:
            raise KioskError(
                f'{args.file} line {line_number}: "{cells[1]}" is not a worker number'
            ) from None
        try:
            plan.append(
                PlannedShift(
                    number, parse_day(cells[0]), parse_shift_times(f"{cells[2]}-{cells[3]}")
                )
            )
        except KioskError as error:
            raise KioskError(f"{args.file} line {line_number}: {worded(error)}") from None
    ctx = open_context(args)
    _report(args, ctx, shifts.add_shifts(ctx, plan, by=cli_actor(args)))
    return 0


def _read(path: str) -> str:
    if path == "-":
        return sys.stdin.read()
    try:
        return Path(path).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise KioskError(f"cannot read {path} ({error})") from None


def _list(args: argparse.Namespace) -> int:
    ctx = open_context(args)
    first, last = shifts.month_range(ctx, args.month)
    found = shifts.list_shifts(ctx, first, last, by=cli_actor(args), number=args.worker)
    text = "\n".join(
        f"#{s.id:<5} {s.number:>4} {s.display_name:<24} {describe_shift(s, ctx)}" for s in found
    )
    emit(args, [s.to_json() for s in found], text or "no shifts planned")
    return 0


def _remove(args: argparse.Namespace) -> int:
    ctx = open_context(args)
    removed = shifts.remove_shift(ctx, args.id, by=cli_actor(args))
    emit(args, removed.to_json(), f"removed shift {removed.id}: {describe_shift(removed, ctx)}")
    return 0


def _missed(args: argparse.Namespace) -> int:
    ctx = open_context(args)
    found = shifts.missed_shifts(ctx, by=cli_actor(args), since=args.since)
    text = "\n".join(
        f"#{s.id:<5} {s.number:>4} {s.display_name:<24} {describe_shift(s, ctx)}" for s in found
    )
    emit(args, [s.to_json() for s in found], text or "no missed shifts")
    return 0

"""`kiosk absence report|list|withdraw`: absences staff record for a worker (e.g. after a phone
call), and take back when reported by mistake.

Workers report their own at the kiosk, after their PIN or badge. An absence belongs to one shift,
so it is named by that shift's ID (`#ID` in `kiosk absence list`).
"""

from __future__ import annotations

import argparse

from kiosk.cli.common import cli_actor, emit, open_context, whole_number
from kiosk.cli.peer_input import day_argument, local
from kiosk.cli.worker_commands import describe_shift
from kiosk.services import absences, shifts
from kiosk.services.context import Context
from kiosk.services.worker_views import AbsenceView


def register(commands: argparse._SubParsersAction, parent: argparse.ArgumentParser) -> None:
    group = commands.add_parser("absence", help="absences from planned shifts")
    sub = group.add_subparsers(dest="action", required=True, metavar="ACTION")

    report = sub.add_parser(
        "report", parents=[parent], help="record an absence for a worker's shifts on a date"
    )
    report.add_argument("--worker", type=whole_number, required=True, metavar="N")
    report.add_argument("--date", type=day_argument, required=True, metavar="DATE")
    report.add_argument("--reason", default="", help="a configured reason id, e.g. illness")
    report.add_argument("--by", metavar="ACTOR", help="who took the report, e.g. staff:anna")
    report.set_defaults(handler=_report)

    listing = sub.add_parser("list", parents=[parent], help="absences reported for a month")
    listing.add_argument("--month", metavar="YYYY-MM", help="default: this month")
    listing.add_argument("--by", metavar="ACTOR")
    listing.set_defaults(handler=_list)

    withdraw = sub.add_parser(
        "withdraw",
        parents=[parent],
        help="take back an absence reported by mistake, before its shift begins",
    )
    withdraw.add_argument(
        "shift", type=whole_number, metavar="ID", help="the #ID from `kiosk absence list`"
    )
    withdraw.add_argument("--by", metavar="ACTOR", help="who withdraws it, e.g. staff:anna")
    withdraw.set_defaults(handler=_withdraw)


def describe(absence: AbsenceView, ctx: Context) -> str:
    shift = absence.shift
    ahead = (
        f"{absence.hours_ahead:g} h before"
        if absence.hours_ahead >= 0
        else f"{-absence.hours_ahead:g} h late"
    )
    reason = f", {absence.reason}" if absence.reason else ""
    reported = local(absence.reported_at, ctx.settings.clinic.zone)
    return (
        f"#{shift.id:<5} {shift.number:>4} {shift.display_name:<24} "
        f"{describe_shift(shift, ctx, with_absence=False)}  reported {reported} "
        f"({ahead}) by {absence.reported_by}{reason}"
    )


def _report(args: argparse.Namespace) -> int:
    ctx = open_context(args)
    reported = absences.report_for_worker(
        ctx, args.worker, args.date, reason=args.reason, by=cli_actor(args)
    )
    emit(args, [a.to_json() for a in reported], "\n".join(describe(a, ctx) for a in reported))
    return 0


def _list(args: argparse.Namespace) -> int:
    ctx = open_context(args)
    first, last = shifts.month_range(ctx, args.month)
    found = absences.list_absences(ctx, first, last, by=cli_actor(args))
    emit(
        args,
        [a.to_json() for a in found],
        "\n".join(describe(a, ctx) for a in found) or "no absences reported",
    )
    return 0


def _withdraw(args: argparse.Namespace) -> int:
    ctx = open_context(args)
    withdrawn = absences.withdraw(ctx, args.shift, by=cli_actor(args))
    emit(args, withdrawn.to_json(), f"withdrawn: {describe(withdrawn, ctx)}")
    return 0

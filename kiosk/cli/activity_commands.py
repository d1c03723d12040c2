"""`kiosk activity add|list|remove`: what is on in the lounge today, on the board and on the
kiosk's home screen ("13.00 Vertaisryhmä", "Kahvi on valmis").

Staff add one for today (the default), for another day (`--day`), or for some weekdays every
week (`--weekdays tue,thu`); the lounge's standing week can also be written in the
configuration (`[[board.activities]]`). The words appear on public screens as written: an
activity names no one.
"""

from __future__ import annotations

import argparse
import re
from datetime import time

from kiosk.cli.common import cli_actor, emit, open_context, whole_number
from kiosk.cli.peer_input import day_argument
from kiosk.services import activities
from kiosk.services.activities import ActivityView

_CLOCK = re.compile(r"^\s*(\d{1,2})[:.](\d{2})\s*$")


def clock_argument(text: str) -> time:
    """For argparse `type=`: "13:00" or "13.00"."""
    match = _CLOCK.match(text)
    if not match or int(match[1]) > 23 or int(match[2]) > 59:
        raise argparse.ArgumentTypeError(f'"{text}" is not a time; write it like 13:00')
    return time(int(match[1]), int(match[2]))


def register(commands: argparse._SubParsersAction, parent: argparse.ArgumentParser) -> None:
    group = commands.add_parser("activity", help="today's activities on the lounge board")
    sub = group.add_subparsers(dest="action", required=True, metavar="ACTION")

    add = sub.add_parser(
        "add",
        parents=[parent],
        help="add an activity for today, another day, or some weekdays",
        description='e.g. kiosk activity add "Vertaisryhmä" --at 13:00 --weekdays tue,thu',
    )
    add.add_argument("text", help="its words, shown as written (at most 60 characters)")
    add.add_argument("--at", type=clock_argument, metavar="HH:MM", help="when it starts")
    add.add_argument("--day", type=day_argument, metavar="DATE", help="default: today")
    add.add_argument("--weekdays", metavar="DAYS", help="every week on these days, e.g. tue,thu")
    add.add_argument("--by", metavar="ACTOR", help="who adds it, e.g. staff:anna")
    add.set_defaults(handler=_add)

    listing = sub.add_parser(
        "list", parents=[parent], help="activities staff added: coming days and weekly ones"
    )
    listing.add_argument("--by", metavar="ACTOR")
    listing.set_defaults(handler=_list)

    remove = sub.add_parser("remove", parents=[parent], help="take an activity off the board")
    remove.add_argument("id", type=whole_number, help="the #ID from `kiosk activity list`")
    remove.add_argument("--by", metavar="ACTOR")
    remove.set_defaults(handler=_remove)


def describe(activity: ActivityView) -> str:
    when = (
        f"every {', '.join(activity.weekdays)}" if activity.weekdays else f"{activity.day:%Y-%m-%d}"
    )
    at = f" {activity.at:%H:%M}" if activity.at else ""
    return f"#{activity.id:<4} {when}{at}  {activity.text}"


def _add(args: argparse.Namespace) -> int:
    ctx = open_context(args)
    weekdays = args.weekdays.split(",") if args.weekdays else []
    added = activities.add_activity(
        ctx, args.text, at=args.at, day=args.day, weekdays=weekdays, by=cli_actor(args)
    )
    emit(args, added.to_json(), f"added: {describe(added)}")
    return 0


def _list(args: argparse.Namespace) -> int:
    ctx = open_context(args)
    found = activities.list_activities(ctx, by=cli_actor(args))
    emit(
        args,
        [a.to_json() for a in found],
        "\n".join(describe(a) for a in found) or "no activities added",
    )
    return 0


def _remove(args: argparse.Namespace) -> int:
    ctx = open_context(args)
    removed = activities.remove_activity(ctx, args.id, by=cli_actor(args))
    emit(args, removed.to_json(), f"removed: {describe(removed)}")
    return 0

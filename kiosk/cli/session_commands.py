"""`kiosk session list|correct|add|accept`: staff review and correct peer workers' sessions.

A correction needs a reason; the audit log keeps the old and new times. Days in a pay period
marked paid cannot change until an admin re-opens it (`kiosk report reopen`).
"""

from __future__ import annotations

import argparse

from kiosk.cli.common import cli_actor, emit, open_context, whole_number
from kiosk.cli.peer_input import day_argument, parse_span
from kiosk.cli.worker_commands import describe_session
from kiosk.core.pay_period import parse_period
from kiosk.services import session_corrections


def register(commands: argparse._SubParsersAction, parent: argparse.ArgumentParser) -> None:
    group = commands.add_parser("session", help="peer workers' sessions: review and correct")
    sub = group.add_subparsers(dest="action", required=True, metavar="ACTION")

    listing = sub.add_parser("list", parents=[parent], help="sessions, newest last")
    listing.add_argument("--period", metavar="P", help="2026-11 or 2026-W48 (default: all)")
    listing.add_argument("--worker", type=whole_number, metavar="N")
    listing.add_argument("--review", action="store_true", help="only those awaiting review")
    listing.add_argument("--open", action="store_true", help="only those still open")
    listing.add_argument("--by", metavar="ACTOR")
    listing.set_defaults(handler=_list)

    times_help = 'local time, "09:00" on the session\'s day or "2026-11-24 09:00"'
    correct = sub.add_parser("correct", parents=[parent], help="set a session's times")
    correct.add_argument("id", type=whole_number)
    correct.add_argument("--start", required=True, metavar="TIME", help=times_help)
    correct.add_argument("--end", required=True, metavar="TIME", help=times_help)
    correct.add_argument("--reason", required=True, help="why; kept in the audit log")
    correct.add_argument("--by", metavar="ACTOR")
    correct.set_defaults(handler=_correct)

    add = sub.add_parser("add", parents=[parent], help="add a session the worker forgot")
    add.add_argument("--worker", type=whole_number, required=True, metavar="N")
    add.add_argument("--date", type=day_argument, metavar="DATE", help="for bare HH:MM times")
    add.add_argument("--start", required=True, metavar="TIME", help=times_help)
    add.add_argument("--end", required=True, metavar="TIME", help=times_help)
    add.add_argument("--task", default="", help="task id")
    add.add_argument("--reason", required=True, help="why; kept in the audit log")
    add.add_argument("--by", metavar="ACTOR")
    add.set_defaults(handler=_add)

    accept = sub.add_parser(
        "accept", parents=[parent], help="accept an automatic sign-out's times as they are"
    )
    accept.add_argument("id", type=whole_number)
    accept.add_argument("--by", metavar="ACTOR")
    accept.set_defaults(handler=_accept)


def _list(args: argparse.Namespace) -> int:
    ctx = open_context(args)
    found = session_corrections.list_sessions(
        ctx,
        by=cli_actor(args),
        period=parse_period(args.period) if args.period else None,
        number=args.worker,
        review_only=args.review,
        open_only=args.open,
    )
    text = "\n".join(describe_session(s, ctx) for s in found) or "no sessions"
    emit(args, [s.to_json() for s in found], text)
    return 0


def _correct(args: argparse.Namespace) -> int:
    ctx = open_context(args)
    current = session_corrections.get_session(ctx, args.id, by=cli_actor(args))
    start, end = parse_span(args.start, args.end, ctx.settings.clinic.zone, current.business_day)
    corrected = session_corrections.correct_session(
        ctx, args.id, started_at=start, ended_at=end, reason=args.reason, by=cli_actor(args)
    )
    emit(args, corrected.to_json(), describe_session(corrected, ctx))
    return 0


def _add(args: argparse.Namespace) -> int:
    ctx = open_context(args)
    start, end = parse_span(args.start, args.end, ctx.settings.clinic.zone, args.date)
    added = session_corrections.add_session(
        ctx,
        args.worker,
        started_at=start,
        ended_at=end,
        task=args.task,
        reason=args.reason,
        by=cli_actor(args),
    )
    emit(args, added.to_json(), describe_session(added, ctx))
    return 0


def _accept(args: argparse.Namespace) -> int:
    ctx = open_context(args)
    accepted = session_corrections.accept_session(ctx, args.id, by=cli_actor(args))
    emit(args, accepted.to_json(), describe_session(accepted, ctx))
    return 0

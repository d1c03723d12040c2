"""`kiosk ticket take|call|recall|serve|no-show|cancel|list`."""

from __future__ import annotations

import argparse

from kiosk.cli.common import cli_actor, emit, kiosk_id, open_context, whole_number
from kiosk.cli.slip_printing import emit_printed, language_option, slip_language
from kiosk.devices.slips import ticket_slip
from kiosk.services import tickets
from kiosk.services.views import TicketView


def register(commands: argparse._SubParsersAction, parent: argparse.ArgumentParser) -> None:
    group = commands.add_parser("ticket", help="queue numbers")
    sub = group.add_subparsers(dest="action", required=True, metavar="ACTION")

    take = sub.add_parser("take", parents=[parent], help="take a number for a service")
    take.add_argument("service", help="service letter, e.g. A")
    take.add_argument(
        "--kiosk",
        type=kiosk_id,
        metavar="ID",
        help="take it as this kiosk screen would: after a rapid series of numbers from it, "
        "only with --another",
    )
    take.add_argument(
        "--another",
        action="store_true",
        help="the client confirmed they need another number after a rapid series",
    )
    language_option(take)
    take.set_defaults(handler=_take)

    call = sub.add_parser("call", parents=[parent], help="call the next number to a window")
    call.add_argument("--window", type=whole_number, required=True, metavar="N")
    call.add_argument(
        "--service", metavar="S", help="only this service (default: any served there)"
    )
    call.add_argument("--by", metavar="ACTOR", help="who calls, e.g. staff:anna")
    call.set_defaults(handler=_call)

    for name, use_case, text in (
        ("recall", tickets.recall, "call a called number again"),
        ("serve", tickets.serve, "mark a number served"),
        ("no-show", tickets.no_show, "mark a called number as not present"),
        ("cancel", tickets.cancel, "cancel a number"),
    ):
        command = sub.add_parser(name, parents=[parent], help=text)
        command.add_argument("code", help="e.g. A017")
        command.add_argument("--by", metavar="ACTOR", help="who does it, e.g. staff:anna")
        command.set_defaults(handler=_transition, use_case=use_case)

    listing = sub.add_parser("list", parents=[parent], help="today's waiting line")
    listing.add_argument("--service", metavar="S")
    listing.set_defaults(handler=_list)


def describe(ticket: TicketView) -> str:
    if ticket.status == "waiting":
        ahead = f"{ticket.ahead} ahead, about {ticket.estimated_wait_min} min"
        return f"{ticket.code}  waiting  ({ahead})"
    where = f" at window {ticket.window}" if ticket.window else ""
    return f"{ticket.code}  {ticket.status.replace('_', ' ')}{where}"


def _take(args: argparse.Namespace) -> int:
    ctx = open_context(args)
    ticket = tickets.take_number(ctx, args.service, kiosk_id=args.kiosk, another=args.another)
    language = slip_language(ctx, args)
    emit_printed(
        args, ctx, ticket, describe(ticket), lambda: ticket_slip(ticket, ctx.settings, language)
    )
    return 0


def _call(args: argparse.Namespace) -> int:
    ticket = tickets.call_next(
        open_context(args), args.window, by=cli_actor(args), service_id=args.service
    )
    if ticket is None:
        emit(args, None, "nobody is waiting")
        return 0
    emit(args, ticket.to_json(), describe(ticket))
    return 0


def _transition(args: argparse.Namespace) -> int:
    ticket = args.use_case(open_context(args), args.code, by=cli_actor(args))
    emit(args, ticket.to_json(), describe(ticket))
    return 0


def _list(args: argparse.Namespace) -> int:
    line = tickets.waiting_line(open_context(args), args.service)
    text = "\n".join(describe(t) for t in line) or "nobody is waiting"
    emit(args, [t.to_json() for t in line], text)
    return 0

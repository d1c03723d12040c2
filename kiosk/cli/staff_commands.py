"""`kiosk staff add|list|set-pin|deactivate|unlock`: staff accounts.

Managing accounts is an admin's job; the command line may do everything, so the first admin is
made here. A PIN is only ever read from standard input (`--pin-stdin`), never taken as an
argument.
"""

from __future__ import annotations

import argparse

from kiosk.cli.common import cli_actor, emit, open_context
from kiosk.cli.peer_input import add_pin_stdin, local, read_pin
from kiosk.services import staff_accounts, staff_auth
from kiosk.services.context import Context
from kiosk.services.staff_access import ROLES
from kiosk.services.staff_accounts import StaffAccountView


def register(commands: argparse._SubParsersAction, parent: argparse.ArgumentParser) -> None:
    group = commands.add_parser("staff", help="staff accounts: logins, roles, PINs")
    sub = group.add_subparsers(dest="action", required=True, metavar="ACTION")

    add = sub.add_parser("add", parents=[parent], help="add a staff account")
    add.add_argument("--login", required=True, help="2-32 letters a-z, digits, . - _; e.g. anna.k")
    add.add_argument("--name", required=True, help="display name, shown to staff only")
    add.add_argument(
        "--role", required=True, choices=ROLES, help="admin also manages staff accounts"
    )
    add_pin_stdin(add, "the account's PIN")
    add.add_argument("--by", metavar="ACTOR", help="an admin, e.g. staff:anna")
    add.set_defaults(handler=_add)

    listing = sub.add_parser("list", parents=[parent], help="the staff accounts")
    listing.add_argument("--all", action="store_true", help="include deactivated accounts")
    listing.add_argument("--by", metavar="ACTOR")
    listing.set_defaults(handler=_list)

    set_pin = sub.add_parser("set-pin", parents=[parent], help="give an account a new PIN")
    set_pin.add_argument("login")
    add_pin_stdin(set_pin, "the new PIN")
    set_pin.add_argument("--by", metavar="ACTOR")
    set_pin.set_defaults(handler=_set_pin)

    deactivate = sub.add_parser(
        "deactivate", parents=[parent], help="end an account's access, at once and everywhere"
    )
    deactivate.add_argument("login")
    deactivate.add_argument("--by", metavar="ACTOR")
    deactivate.set_defaults(handler=_deactivate)

    unlock = sub.add_parser("unlock", parents=[parent], help="open an account locked by wrong PINs")
    unlock.add_argument("login")
    unlock.add_argument("--by", metavar="ACTOR")
    unlock.set_defaults(handler=_unlock)


def describe(account: StaffAccountView, ctx: Context) -> str:
    notes = []
    if not account.active:
        notes.append("deactivated")
    if account.locked_until:
        zone = ctx.settings.clinic.zone
        notes.append(f"locked until {local(account.locked_until, zone, '%H:%M')}")
    extra = f"  ({', '.join(notes)})" if notes else ""
    return f"{account.login:<20} {account.role:<6} {account.display_name}{extra}"


def _add(args: argparse.Namespace) -> int:
    by = cli_actor(args)  # with --by, that account's PIN is the first line of the input
    pin = read_pin()
    ctx = open_context(args)
    account = staff_accounts.add_account(
        ctx,
        login=args.login,
        display_name=args.name,
        role=args.role,
        pin=pin,
        by=by,
    )
    emit(args, account.to_json(), f"added staff account {account.login}\n{describe(account, ctx)}")
    return 0


def _list(args: argparse.Namespace) -> int:
    ctx = open_context(args)
    found = staff_accounts.list_accounts(ctx, by=cli_actor(args), include_inactive=args.all)
    text = "\n".join(describe(a, ctx) for a in found) or "no staff accounts"
    emit(args, [a.to_json() for a in found], text)
    return 0


def _set_pin(args: argparse.Namespace) -> int:
    by = cli_actor(args)  # with --by, that account's PIN is the first line of the input
    pin = read_pin("New PIN: ")
    ctx = open_context(args)
    account = staff_accounts.set_pin(ctx, args.login, pin, by=by)
    emit(args, account.to_json(), f"new PIN set for {account.login}")
    return 0


def _deactivate(args: argparse.Namespace) -> int:
    ctx = open_context(args)
    account = staff_accounts.deactivate(ctx, args.login, by=cli_actor(args))
    emit(args, account.to_json(), f"deactivated {account.login}; it no longer opens anything")
    return 0


def _unlock(args: argparse.Namespace) -> int:
    ctx = open_context(args)
    until = staff_auth.unlock(ctx, args.login, by=cli_actor(args))
    login = staff_accounts.normalise_login(args.login)
    zone = ctx.settings.clinic.zone
    emit(
        args,
        {"login": login, "was_locked_until": until.isoformat()},
        f"unlocked {login} (it was locked until {local(until, zone, '%H:%M')})",
    )
    return 0

"""`kiosk staff hash-pin`: make the staff PIN hash for config/kiosk.toml."""

from __future__ import annotations

import argparse

from kiosk.cli.common import emit
from kiosk.cli.peer_input import read_pin
from kiosk.core.pins import hash_pin


def register(commands: argparse._SubParsersAction, parent: argparse.ArgumentParser) -> None:
    group = commands.add_parser("staff", help="staff access")
    sub = group.add_subparsers(dest="action", required=True, metavar="ACTION")
    sub.add_parser(
        "hash-pin",
        parents=[parent],
        help="read a PIN from standard input and print its hash for kiosk.staff_pin_hash",
    ).set_defaults(handler=_hash_pin)


def _hash_pin(args: argparse.Namespace) -> int:
    hashed = hash_pin(read_pin("Staff PIN: "))
    emit(args, {"staff_pin_hash": hashed}, f'staff_pin_hash = "{hashed}"')
    return 0

"""What every command shares: opening the context, printing results, naming the actor."""

from __future__ import annotations

import argparse
import getpass
import json
import re
import sys
from collections.abc import Callable
from typing import Any

from kiosk.core.actor import Actor
from kiosk.core.printable import printable
from kiosk.devices.printer_model import check_printer_settings
from kiosk.errors import KioskError
from kiosk.paths import data_dir
from kiosk.services.context import CLI_DEVICE, Context
from kiosk.settings.loader import config_path, load_settings
from kiosk.settings.schema import DEVICE_ID, Settings

Handler = Callable[[argparse.Namespace], int]


def common_options(*, top_level: bool = False) -> argparse.ArgumentParser:
    """Options accepted before or after the subcommand (`kiosk --json ticket list` or
    `kiosk ticket list --json`).

    The subcommands' copies default to SUPPRESS so an option given only before the subcommand
    is not overwritten by the subcommand's default. Each call builds new actions: argparse
    shares action objects with every parser that takes them as a parent.
    """
    unset = None if top_level else argparse.SUPPRESS
    parent = argparse.ArgumentParser(add_help=False)
    parent.add_argument(
        "--config",
        default=unset,
        metavar="PATH",
        help="configuration file (default: KIOSK_CONFIG or the shipped kiosk/config/kiosk.toml)",
    )
    parent.add_argument(
        "--data-dir",
        default=unset,
        metavar="DIR",
        help="data directory (default: KIOSK_DATA_DIR or ~/.local/share/aula-kiosk)",
    )
    parent.add_argument(
        "--json",
        action="store_true",
        default=False if top_level else argparse.SUPPRESS,
        help="print one JSON value on standard output",
    )
    return parent


def settings_of(args: argparse.Namespace) -> Settings:
    return load_configuration(getattr(args, "config", None))


def load_configuration(path: str | None) -> Settings:
    """The settings, and what only the printer package can check of them (its profile and code
    page names), so a misspelt printer model stops every command at start."""
    settings = load_settings(path)
    check_printer_settings(settings.printer, config_path(path))
    return settings


def open_context(
    args: argparse.Namespace, *, check_schema: bool = True, create: bool = False
) -> Context:
    settings = settings_of(args)
    return Context.open(
        settings,
        data_dir(getattr(args, "data_dir", None)),
        device=CLI_DEVICE,
        check_schema=check_schema,
        create=create,
    )


def cli_actor(args: argparse.Namespace) -> Actor:
    """Who acts. Without `--by`, the command line itself as the OS user running it, which may
    do everything: whoever can run this on a machine holding the database is that
    installation's administrator (docs/security.md). With `--by`, the person named must prove
    it with their PIN, the first line of standard input, before anything else is read: a staff
    account (`staff:anna`, active, not locked) or a peer worker (`worker:12`, for the help
    steps they may take). Wrong PINs count towards the same lockouts as at the kiosk."""
    by = getattr(args, "by", None)
    if not by:
        return Actor("cli", os_user())
    actor = Actor.parse(by)
    if actor.kind not in ("staff", "worker"):
        raise KioskError(
            f"--by names a staff account (staff:LOGIN) or a peer worker (worker:NUMBER), "
            f"not {actor}; leave --by out to act as yourself at the command line",
            code="actor.not_a_person",
        )
    # Imported here: PIN hashing is not worth loading for the commands that name no one.
    from kiosk.cli.peer_input import read_pin
    from kiosk.services import sign_in_out, staff_auth, worker_auth

    pin = read_pin(f"PIN of {actor}: ", whose=str(actor))
    ctx = open_context(args)
    if actor.kind == "staff":
        return staff_auth.authenticate(ctx, actor.id, pin).actor
    return sign_in_out.acting_worker(ctx, worker_auth.authenticate_pin(ctx, actor.id, pin))


def os_user() -> str:
    """Who runs the command, as an actor id can hold it: a Windows name may have spaces, and a
    container may have no user name at all."""
    try:
        name = getpass.getuser()
    except (KeyError, OSError):
        return "unknown"
    return re.sub(r"[^A-Za-z0-9_.@-]", "_", name)[:40] or "unknown"


def emit(args: argparse.Namespace, value: Any, text: str) -> None:
    if getattr(args, "json", False):
        json.dump(value, sys.stdout, ensure_ascii=False)
        sys.stdout.write("\n")
    else:
        print(text)


def kiosk_id(text: str) -> str:
    """For argparse `type=`: a kiosk's id as the configuration's kiosk.id may be. It is
    stored and logged as who acted, so it holds no control character and no byte that is not
    UTF-8 (which crashed the save)."""
    if not re.fullmatch(DEVICE_ID, text):
        raise argparse.ArgumentTypeError(
            f'"{printable(text, 60)}" is not a kiosk id: 1 to 24 letters, digits, ".", "_" or "-"'
        )
    return text


def whole_number(text: str) -> int:
    """For argparse `type=`: a positive whole number in ASCII digits, small enough for any
    database column (int() alone takes "²", Arabic-Indic digits and 30-digit numbers)."""
    if not re.fullmatch(r"[0-9]{1,9}", text.strip()) or int(text) == 0:
        raise argparse.ArgumentTypeError(f'"{text}" is not a number from 1 to 999999999')
    return int(text)

"""The `kiosk` command: the same use cases the screens call, from a terminal."""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys
import traceback
from collections.abc import Sequence
from types import ModuleType

import kiosk.cli
from kiosk import __version__
from kiosk.cli.common import common_options
from kiosk.cli.wording import worded
from kiosk.errors import KioskError
from kiosk.paths import data_dir, keep_private


def command_groups() -> list[ModuleType]:
    """Every `kiosk/cli/*_commands.py` module: adding a command group is adding a file."""
    names = sorted(
        info.name
        for info in pkgutil.iter_modules(kiosk.cli.__path__)
        if info.name.endswith("_commands")
    )
    return [importlib.import_module(f"kiosk.cli.{name}") for name in names]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kiosk",
        description="Aula waiting-lounge kiosk",
        parents=[common_options(top_level=True)],
    )
    parser.add_argument("--version", action="version", version=f"aula-kiosk {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for group in command_groups():
        group.register(commands, common_options())
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    keep_private(data_dir(args.data_dir))
    try:
        return args.handler(args)
    except KioskError as error:
        print(f"kiosk: {worded(error)}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except Exception as error:
        print(
            f"kiosk: unexpected error; nothing more was done. {_crash_report(args, error)}",
            file=sys.stderr,
        )
        return 70


def _crash_report(args: argparse.Namespace, error: Exception) -> str:
    """Where the details went. Never onto the terminal: a traceback may hold what a command
    was given, and a terminal is read over shoulders and kept in scrollback."""
    path = data_dir(args.data_dir) / "logs" / "cli-errors.log"
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("a", encoding="utf-8") as log:
            traceback.print_exc(file=log)
    except OSError as unwritable:
        return (
            f"The details ({type(error).__name__}) could not be written to {path}: "
            f"{unwritable.strerror or unwritable}; check that the data directory is writable"
        )
    return f"Details: {path}"


if __name__ == "__main__":
    sys.exit(main())

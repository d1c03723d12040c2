"""The `kiosk` command: the same use cases the screens call, from a terminal."""

from __future__ import annotations

import argparse
import importlib
import importlib.util
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

# Top-level options that take a value: the word after them is not the command.
_VALUED_OPTIONS = ("--config", "--data-dir")


def command_groups(argv: Sequence[str] = ()) -> list[ModuleType]:
    """The `kiosk/cli/*_commands.py` modules the command line needs: adding a command group is
    adding a file. For `kiosk ticket ...` only `ticket_commands`, when there is one by that
    name: each group imports what it works with (PDF, charts, the printer), and a script that
    takes a number should not pay for loading the payout list's PDF library."""
    wanted = _command_word(argv)
    if wanted and importlib.util.find_spec(f"kiosk.cli.{wanted}_commands") is not None:
        return [importlib.import_module(f"kiosk.cli.{wanted}_commands")]
    names = sorted(
        info.name
        for info in pkgutil.iter_modules(kiosk.cli.__path__)
        if info.name.endswith("_commands")
    )
    return [importlib.import_module(f"kiosk.cli.{name}") for name in names]


def _command_word(words: Sequence[str]) -> str | None:
    index = 0
    while index < len(words):
        word = words[index]
        if word in _VALUED_OPTIONS:
            index += 2
        elif word.startswith("-"):
            index += 1
        else:
            return word if word.isidentifier() else None
    return None


def build_parser(argv: Sequence[str] = ()) -> argparse.ArgumentParser:
    """The parser for `argv`'s command, or for every command when `argv` names none."""
    parser = argparse.ArgumentParser(
        prog="kiosk",
        description="Aula waiting-lounge kiosk",
        parents=[common_options(top_level=True)],
    )
    parser.add_argument("--version", action="version", version=f"aula-kiosk {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for group in command_groups(argv):
        group.register(commands, common_options())
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    words = sys.argv[1:] if argv is None else list(argv)
    args = build_parser(words).parse_args(words)
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

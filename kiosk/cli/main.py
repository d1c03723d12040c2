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
from kiosk.paths import data_dir


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
    try:
        return args.handler(args)
    except KioskError as error:
        print(f"kiosk: {worded(error)}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except Exception:
        log = _write_crash_report(args)
        print(f"kiosk: unexpected error; nothing more was done. Details: {log}", file=sys.stderr)
        return 70


def _write_crash_report(args: argparse.Namespace) -> str:
    try:
        folder = data_dir(args.data_dir) / "logs"
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / "cli-errors.log"
        with path.open("a", encoding="utf-8") as log:
            traceback.print_exc(file=log)
        return str(path)
    except OSError:
        traceback.print_exc()
        return "above"


if __name__ == "__main__":
    sys.exit(main())

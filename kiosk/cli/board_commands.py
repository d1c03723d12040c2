"""`kiosk board`: the lounge's "now serving" board on a TV, on the kiosk machine's second screen
or on a small computer of its own.

It honours `--config`, `--data-dir` and `KIOSK_DATABASE_URL` like every command, needs no
printer, and logs to `board.log` in the data directory. Kivy is imported only inside the
handler, after its environment is set, as for `kiosk run`.
"""

from __future__ import annotations

import argparse
import re
import socket

from kiosk.cli.common import settings_of
from kiosk.cli.console_commands import DEVICE_MAX_LENGTH
from kiosk.cli.run_commands import demo_window, window_size
from kiosk.errors import KioskError
from kiosk.paths import data_dir
from kiosk.services.context import Context
from kiosk.settings.schema import Settings
from kiosk.ui.display import current_display, numbered_display
from kiosk.ui.environment import WindowMode, configure_logging, prepare_kivy

BOARD_LOG = "board.log"


def register(commands: argparse._SubParsersAction, parent: argparse.ArgumentParser) -> None:
    board = commands.add_parser(
        "board",
        parents=[parent],
        help='show the lounge\'s "now serving" board (a TV)',
        description=(
            "Shows the numbers being called, the queues, the clock and today's activities, and "
            "chimes and says each call. The window fits the screen it opens on; --fullscreen "
            "fills it, as on the TV. The device name in the logs is [board] id in the "
            "configuration, else board-<this computer's name>."
        ),
    )
    board.add_argument(
        "--screen",
        type=int,
        metavar="N",
        help="open on screen N (1, 2, … as xrandr lists them), e.g. 2 for the kiosk machine's "
        "second screen (default: the primary screen)",
    )
    board.add_argument("--size", type=window_size, metavar="WxH", help="window size, e.g. 1280x720")
    board.add_argument("--fullscreen", action="store_true", help="fill the screen (on the TV)")
    board.set_defaults(handler=_board)


def board_device(settings: Settings, host_name: str | None = None) -> str:
    """`[board] id`, else "board-" and this computer's name, as a device id may be."""
    if settings.board.id:
        return settings.board.id
    name = socket.gethostname() if host_name is None else host_name
    host = re.sub(r"[^A-Za-z0-9_.-]+", "-", name).strip("-.")
    return f"board-{host or 'pc'}"[:DEVICE_MAX_LENGTH].rstrip("-.")


def _board(args: argparse.Namespace) -> int:
    settings = settings_of(args)
    directory = data_dir(getattr(args, "data_dir", None))
    if args.screen is None:
        display = current_display()
    else:
        display = numbered_display(args.screen)
        if display is None:
            raise KioskError(
                f"there is no screen {args.screen} on this computer",
                code="board.no_such_screen",
                screen=args.screen,
            )
    ctx = Context.open(settings, directory, device=board_device(settings))
    if args.fullscreen and display is not None:
        size = (display.width, display.height)
        mode = WindowMode(fullscreen=True, size=size, position=(display.x, display.y))
    else:
        size = args.size or demo_window(settings.kiosk.screen, display)
        # On the chosen screen: its top-left corner, as a window manager may move it.
        place = None if display is None else (display.x, display.y)
        mode = WindowMode(fullscreen=args.fullscreen, size=size, position=place)
    configure_logging(directory, BOARD_LOG)
    prepare_kivy(directory, mode)
    # Kivy only now, with its environment in place.
    from kiosk.ui.board_app import BoardApp
    from kiosk.ui.shell import keep_running_after_errors

    keep_running_after_errors()
    app = BoardApp(ctx)
    app.stop_on_signals()
    app.run()
    return 0

"""`kiosk console`: the staff console in a window of its own, on a staff PC or the kiosk machine.

It honours `--config`, `--data-dir` and `KIOSK_DATABASE_URL` like every command, needs no printer,
and logs to `console.log` in the data directory. Kivy is imported only inside the handler, after
its environment is set, as for `kiosk run`.
"""

from __future__ import annotations

import argparse
import re
import socket

from kiosk.cli.common import settings_of
from kiosk.cli.run_commands import demo_window, window_size
from kiosk.paths import data_dir
from kiosk.services.context import Context
from kiosk.settings.schema import Settings
from kiosk.ui.display import current_display
from kiosk.ui.environment import WindowMode, configure_logging, prepare_kivy

CONSOLE_LOG = "console.log"
# A device id is at most this long: the audit log names a device as what an event is about in
# 24 characters, and the configuration's ids (kiosk.id, console.id) are held to the same.
DEVICE_MAX_LENGTH = 24


def register(commands: argparse._SubParsersAction, parent: argparse.ArgumentParser) -> None:
    console = commands.add_parser(
        "console",
        parents=[parent],
        help="start the staff console in a window (a staff PC, or the kiosk machine)",
        description=(
            "Opens the staff console: log in with your staff login and PIN. The window fits the "
            "screen it opens on. The device name in the audit log is [console] id in the "
            "configuration, else console-<this computer's name>."
        ),
    )
    console.add_argument(
        "--size",
        type=window_size,
        metavar="WxH",
        help="window size, e.g. 1366x768 (default: fits the screen)",
    )
    console.add_argument(
        "--fullscreen", action="store_true", help="fill the screen it opens on instead"
    )
    console.set_defaults(handler=_console)


def console_device(settings: Settings, host_name: str | None = None) -> str:
    """`[console] id`, else "console-" and this computer's name, in the characters and length
    a device id may have (a Windows name may hold spaces, a long domain name runs on)."""
    if settings.console.id:
        return settings.console.id
    name = socket.gethostname() if host_name is None else host_name
    host = re.sub(r"[^A-Za-z0-9_.-]+", "-", name).strip("-.")
    return f"console-{host or 'pc'}"[:DEVICE_MAX_LENGTH].rstrip("-.")


def _console(args: argparse.Namespace) -> int:
    settings = settings_of(args)
    directory = data_dir(getattr(args, "data_dir", None))
    ctx = Context.open(settings, directory, device=console_device(settings))
    ctx.check_integrity()
    display = current_display()
    if args.fullscreen and display is not None:
        size, position = (display.width, display.height), (display.x, display.y)
        mode = WindowMode(fullscreen=True, size=size, position=position, pointer=True)
    else:
        size = args.size or demo_window(settings.kiosk.screen, display)
        mode = WindowMode(fullscreen=args.fullscreen, size=size, pointer=True)
    configure_logging(directory, CONSOLE_LOG)
    prepare_kivy(directory, mode)
    # Kivy only now, with its environment in place.
    from kiosk.ui.console_app import ConsoleApp
    from kiosk.ui.shell import keep_running_after_errors

    keep_running_after_errors()
    app = ConsoleApp(ctx)
    app.stop_on_signals()
    app.run()
    return 0

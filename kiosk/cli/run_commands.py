"""`kiosk run [--windowed]` and `kiosk demo [--data-dir DIR]`: start the touchscreen.

Kivy is imported only inside the handlers, after its environment is set (KIVY_HOME in the data
directory, no argument parsing of its own): the rest of the command line, and every test that
imports it, stays free of Kivy and of a display.
"""

from __future__ import annotations

import argparse
import logging
from datetime import time, timedelta
from pathlib import Path

from kiosk.cli.common import load_configuration, settings_of
from kiosk.cli.demo_database import DATABASE, prepare_demo_database
from kiosk.core.actor import Actor
from kiosk.core.work_day import ShiftTimes
from kiosk.db.migrations import upgrade
from kiosk.devices.factory import make_printer
from kiosk.errors import KioskError
from kiosk.paths import data_dir
from kiosk.services import help_requests, tickets
from kiosk.services.context import Context
from kiosk.services.shifts import PlannedShift, add_shifts
from kiosk.services.staff_access import ADMIN
from kiosk.services.staff_accounts import add_account
from kiosk.services.workers import add_worker
from kiosk.settings.loader import DEFAULT_CONFIG
from kiosk.settings.schema import ScreenSettings, Settings
from kiosk.ui.display import Display, current_display
from kiosk.ui.environment import WindowMode, configure_logging, prepare_kivy

log = logging.getLogger(__name__)

# The kiosk's own log in <data dir>/logs/; the staff console (console_commands) and the board
# keep theirs.
KIOSK_LOG = "kiosk.log"
DEMO_CONFIG = DEFAULT_CONFIG.with_name("demo.toml")
# Printed when the demo starts; a demo database holds nothing real.
DEMO_WORKER_NUMBER = 7
DEMO_WORKER_PIN = "2468"
DEMO_STAFF_LOGIN = "demo"
DEMO_STAFF_PIN = "4826"
DEMO_DATA_DIR = Path("demo-data")
# The demo window takes this share of the screen it opens on, leaving room for the title bar
# and the task bar; the layout is the kiosk's, scaled down.
DEMO_SCREEN_SHARE = 0.85
# When the screen cannot be asked: a window that fits a laptop.
DEMO_WINDOW_FIT = (1280, 900)


def register(commands: argparse._SubParsersAction, parent: argparse.ArgumentParser) -> None:
    run = commands.add_parser(
        "run", parents=[parent], help="start the touchscreen kiosk, full screen"
    )
    run.add_argument(
        "--windowed", action="store_true", help="run in a window instead, for development"
    )
    run.add_argument(
        "--size",
        type=window_size,
        metavar="WxH",
        help="window size with --windowed, e.g. 1080x1920 (default: kiosk.screen)",
    )
    run.set_defaults(handler=_run)

    # Not the shared options: their help names the kiosk's defaults, which the demo ignores.
    demo = commands.add_parser(
        "demo",
        help="try the kiosk in a window: demo configuration, demo database, virtual printer",
        description=(
            f"Runs the kiosk in a window with the configuration {DEMO_CONFIG} (every service "
            "open around the clock), a demo database in DIR and the virtual printer, which "
            "writes each slip as a PNG to DIR/printed/. The demo starts afresh each time, and "
            "refuses a DIR holding a database it did not make itself."
        ),
    )
    demo.add_argument(
        "--config",
        default=argparse.SUPPRESS,
        metavar="PATH",
        help=f"another configuration file (default: {DEMO_CONFIG}; KIOSK_CONFIG is not read)",
    )
    demo.add_argument(
        "--data-dir",
        default=argparse.SUPPRESS,
        metavar="DIR",
        help=f"where the demo database and slips go (default: ./{DEMO_DATA_DIR}; "
        "KIOSK_DATA_DIR and KIOSK_DATABASE_URL are not read)",
    )
    demo.add_argument(
        "--size",
        type=window_size,
        metavar="WxH",
        help="window size, e.g. 1080x1920 (default: fits the screen)",
    )
    demo.add_argument(
        "--keep",
        action="store_true",
        help="keep the demo database of the last run instead of starting afresh",
    )
    demo.add_argument(
        "--move-aside",
        action="store_true",
        help="if DIR holds a database the demo did not make, rename it (never delete it) and "
        "start the demo there",
    )
    demo.set_defaults(handler=_demo)


def window_size(text: str) -> tuple[int, int]:
    """For argparse `type=`: "1920x1080" as (width, height)."""
    try:
        width, height = (int(part) for part in text.lower().split("x"))
    except ValueError:
        raise argparse.ArgumentTypeError(
            f'"{text}" is not a size; write it like 1920x1080'
        ) from None
    if not (320 <= width <= 8192 and 320 <= height <= 8192):
        raise argparse.ArgumentTypeError(f"{text}: width and height must be 320…8192 pixels")
    return width, height


def _run(args: argparse.Namespace) -> int:
    settings = settings_of(args)
    directory = data_dir(getattr(args, "data_dir", None))
    ctx = Context.open(settings, directory, device=settings.kiosk.id)
    ctx.check_integrity()
    screen = settings.kiosk.screen
    configured = (screen.width_px, screen.height_px)
    if args.windowed:
        return _launch(ctx, WindowMode(fullscreen=False, size=args.size or configured))
    # Full screen fills the screen it is on at that screen's own size, so a portrait panel gets
    # the portrait layout; kiosk.screen still gives the millimetres.
    display = current_display()
    if display is None:
        return _launch(ctx, WindowMode(fullscreen=True, size=configured))
    size, position = (display.width, display.height), (display.x, display.y)
    return _launch(ctx, WindowMode(fullscreen=True, size=size, position=position))


def _demo(args: argparse.Namespace) -> int:
    settings = load_configuration(getattr(args, "config", None) or str(DEMO_CONFIG))
    directory = Path(getattr(args, "data_dir", None) or DEMO_DATA_DIR).resolve()
    database = directory / DATABASE
    # Fresh by default: a newcomer always meets the same mid-morning lounge, not yesterday's
    # leftovers (numbers restart daily, so an old demo database shows an empty queue).
    created = prepare_demo_database(directory, keep=args.keep, move_aside=args.move_aside)
    # The demo database always lives in DIR, whatever KIOSK_DATABASE_URL says: a demo must
    # never write its made-up tickets into a clinic's real database.
    ctx = Context.open(
        settings,
        directory,
        device=settings.kiosk.id,
        check_schema=False,
        url=f"sqlite:///{database}",
        create=True,
    )
    upgrade(ctx.engine)
    if created:
        seed_demo(ctx)
    print(f"kiosk demo: database {database}; printed slips go to {directory / 'printed'}")
    print(
        f"kiosk demo: peer worker sign-in with number {DEMO_WORKER_NUMBER}, PIN {DEMO_WORKER_PIN}"
    )
    print(
        "kiosk demo: staff: hold the top-left corner for 3 seconds, then log in as "
        f"{DEMO_STAFF_LOGIN} with PIN {DEMO_STAFF_PIN}"
    )
    size = args.size or demo_window(settings.kiosk.screen, current_display())
    return _launch(ctx, WindowMode(fullscreen=False, size=size))


def demo_window(screen: ScreenSettings, display: Display | None) -> tuple[int, int]:
    """The configured panel, turned the way the screen is (a portrait screen shows the portrait
    layout) and scaled down to fit on it; a laptop-sized window when the screen is unknown."""
    panel = (screen.width_px, screen.height_px)
    fit_w: float
    fit_h: float
    if display is None:
        fit_w, fit_h = DEMO_WINDOW_FIT
    else:
        fit_w, fit_h = display.width * DEMO_SCREEN_SHARE, display.height * DEMO_SCREEN_SHARE
        long_side, short_side = max(panel), min(panel)
        panel = (short_side, long_side) if display.portrait else (long_side, short_side)
    scale = min(1.0, fit_w / panel[0], fit_h / panel[1])
    return round(panel[0] * scale), round(panel[1] * scale)


def seed_demo(ctx: Context) -> None:
    """A lounge in mid-morning: people waiting, two numbers called, one help request open; and
    a demo staff account (an admin, so every staff screen can be tried) that did the calling."""
    add_account(
        ctx,
        login=DEMO_STAFF_LOGIN,
        display_name="Demo Staff",
        role=ADMIN,
        pin=DEMO_STAFF_PIN,
        by=Actor("cli", "demo"),
    )
    demo = Actor("staff", DEMO_STAFF_LOGIN)
    for service in ctx.settings.services:
        for _ in range(3):
            tickets.take_number(ctx, service.id)
        tickets.call_next(ctx, service.windows[0], by=demo, service_id=service.id)
    topic = next((t for t in ctx.settings.help.topics if not t.staff_only), None)
    if topic is not None:
        help_requests.open_request(ctx, topic.id, has_documents=True)
    seed_demo_worker(ctx, demo)


def seed_demo_worker(ctx: Context, by: Actor) -> None:
    """One peer worker with a shift today and the next two days, so the sign-in flow, the
    greeting with shifts and the absence report all have something to show."""
    today = ctx.today()
    add_worker(
        ctx,
        number=DEMO_WORKER_NUMBER,
        display_name="Demo",
        pin=DEMO_WORKER_PIN,
        contract_start=today,
        contract_end=today + timedelta(days=150),
        by=by,
    )
    hours = ShiftTimes(time(9, 0), time(15, 0))
    plan = [PlannedShift(DEMO_WORKER_NUMBER, today + timedelta(days=n), hours) for n in range(3)]
    add_shifts(ctx, plan, by=by)


def _launch(ctx: Context, mode: WindowMode) -> int:
    configure_logging(ctx.data_dir, KIOSK_LOG)
    prepare_kivy(ctx.data_dir, mode)
    # Kivy only now, with its environment in place.
    from kiosk.ui.app import KioskApp
    from kiosk.ui.shell import keep_running_after_errors

    settings: Settings = ctx.settings
    try:
        printer = make_printer(settings, ctx.data_dir)
    except KioskError as error:
        # A wrong printer setting must not keep clients from taking numbers: run without it
        # and let the screen say the printer is not working.
        log.error("printer not started: %s", error)
        printer = None
    keep_running_after_errors()
    app = KioskApp(ctx, printer)
    app.stop_on_signals()
    app.run()
    return 0

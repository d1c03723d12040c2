"""`kiosk printer status|test|render`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kiosk.cli.common import emit, settings_of
from kiosk.cli.slip_printing import language_option
from kiosk.devices.factory import printer_status
from kiosk.devices.print_worker import print_now
from kiosk.devices.slips import SLIP_KINDS, printer_test_page, sample_slip
from kiosk.devices.virtual import render_png
from kiosk.errors import KioskError
from kiosk.paths import data_dir
from kiosk.settings.schema import BAUD_RATES


def register(commands: argparse._SubParsersAction, parent: argparse.ArgumentParser) -> None:
    group = commands.add_parser("printer", help="the receipt printer")
    sub = group.add_subparsers(dest="action", required=True, metavar="ACTION")

    status = sub.add_parser("status", parents=[parent], help="ask the printer how it is")
    status.add_argument("--port", metavar="DEVICE", help="ask this serial port instead")
    status.add_argument("--baud", type=baud_rate, metavar="N", help="baud rate for --port")
    status.set_defaults(handler=_status)

    test = sub.add_parser("test", parents=[parent], help="print the test page")
    language_option(test)
    test.set_defaults(handler=_test)

    render = sub.add_parser(
        "render",
        parents=[parent],
        help="a sample slip as printer bytes or as a picture, to check a layout",
    )
    render.add_argument("kind", choices=SLIP_KINDS)
    render.add_argument("--format", choices=("escpos", "png"), default="png")
    render.add_argument("--out", required=True, metavar="PATH")
    language_option(render)
    render.set_defaults(handler=_render)


def baud_rate(text: str) -> int:
    """For argparse `type=`: one of the rates printer.serial.baudrate allows, so the command
    line cannot ask the port at a speed the configuration would refuse."""
    if text.strip() not in {str(rate) for rate in BAUD_RATES}:
        rates = ", ".join(str(rate) for rate in BAUD_RATES)
        raise argparse.ArgumentTypeError(
            f'"{text}" is not a standard baud rate; use one of {rates}'
        )
    return int(text)


def _status(args: argparse.Namespace) -> int:
    settings = settings_of(args)
    status = printer_status(settings, data_dir(args.data_dir), port=args.port, baudrate=args.baud)
    text = status.state.value + (f": {status.detail}" if status.detail else "")
    emit(args, status.to_json(), text)
    return 0 if status.state.can_print else 1


def _test(args: argparse.Namespace) -> int:
    from kiosk.core.clock import SystemClock

    settings = settings_of(args)
    language = args.language or settings.clinic.default_language
    payload = printer_test_page(settings, language, SystemClock().now())
    outcome = print_now(settings, data_dir(args.data_dir), payload)
    if getattr(args, "json", False) or outcome.printed:
        emit(args, outcome.to_json(), "test page printed")
    if not outcome.printed:
        # A failure is an error: stderr, where scripts and logs look for one.
        print(f"kiosk: the test page did not print: {outcome.reason}", file=sys.stderr)
    return 0 if outcome.printed else 1


def _render(args: argparse.Namespace) -> int:
    settings = settings_of(args)
    payload = sample_slip(args.kind, settings, args.language or settings.clinic.default_language)
    # Refused before writing: Path("") is ".", a folder like any other --out that is one.
    if not args.out.strip():
        raise KioskError("--out is empty; give a file path such as slip.png")
    out = Path(args.out)
    if out.is_dir():
        raise KioskError(f"--out {out} is a folder; give a file path such as {out / 'slip.png'}")
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        if args.format == "escpos":
            out.write_bytes(payload)
        else:
            # PNG whatever the name ends with: Pillow would guess from the extension and
            # refuse slip.txt or a name without one.
            render_png(payload, settings.printer).save(out, format="PNG")
    except OSError as error:
        raise KioskError(f"cannot write {out} ({error.strerror}); choose another --out") from None
    emit(
        args, {"path": str(out), "bytes": len(payload)}, f"{out} ({len(payload)} bytes of ESC/POS)"
    )
    return 0

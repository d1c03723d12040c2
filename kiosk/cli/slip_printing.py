"""Printing a slip from the command line: the same slips and printer as the touchscreen.

The CLI may wait for the printer (a person at a terminal can), but it still goes through the
print worker, so a stalled printer ends in a reported failure, not a hang. The outcome's printer
state is stored for the staff console like the kiosk's own.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable

from kiosk.cli.common import emit
from kiosk.devices.print_worker import PrintOutcome, print_now
from kiosk.devices.states import PrinterState
from kiosk.errors import KioskError
from kiosk.services.context import Context
from kiosk.services.printer_state import record_state
from kiosk.services.views import HelpRequestView, TicketView

CLI_PRINT_TIMEOUT_S = 30.0


def print_slip(ctx: Context, payload: bytes, label: str) -> PrintOutcome | None:
    """Print `payload` if a printer is configured; None when printer.transport is "none"."""
    if ctx.settings.printer.transport == "none":
        return None
    outcome = print_now(ctx.settings, ctx.data_dir, payload, timeout=CLI_PRINT_TIMEOUT_S)
    record_state(ctx, ctx.settings.kiosk.id, outcome.state.value, outcome.reason)
    return outcome


def emit_printed(
    args: argparse.Namespace,
    ctx: Context,
    view: TicketView | HelpRequestView,
    text: str,
    build_slip: Callable[[], bytes],
) -> None:
    """Print the slip for a new ticket or request, then show it with the print outcome.

    The ticket or request is already saved: whatever goes wrong with its slip, its code must
    still reach the caller, so a slip that cannot be built is one more print failure."""
    if ctx.settings.printer.transport == "none":
        outcome = None
    else:
        try:
            payload = build_slip()
        except Exception as error:
            # A KioskError explains itself (e.g. a code page the printer lacks); anything else
            # is a bug, but losing the number over it would be worse.
            reason = str(error) if isinstance(error, KioskError) else repr(error)
            outcome = PrintOutcome(
                False, PrinterState.OFFLINE, f"The slip could not be made: {reason}", view.code
            )
        else:
            outcome = print_slip(ctx, payload, view.code)
    value = view.to_json()
    if outcome is not None:
        value["print"] = outcome.to_json()
    emit(args, value, text)
    _warn_if_not_printed(outcome, view.code)


def _warn_if_not_printed(outcome: PrintOutcome | None, code: str) -> None:
    """The number exists whatever the printer did: say so, and what to do, on stderr (also
    with --json, where stdout carries only the JSON)."""
    if outcome is not None and not outcome.printed:
        print(
            f"kiosk: {code} was taken but its slip did not print: {outcome.reason} "
            "Give the client the number by word or on paper.",
            file=sys.stderr,
        )


def language_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--language", choices=("fi", "sv", "en"), help="slip language (default: the clinic's)"
    )


def slip_language(ctx: Context, args: argparse.Namespace) -> str:
    return getattr(args, "language", None) or ctx.settings.clinic.default_language

"""Printing a slip from the command line: the same slips and printer as the touchscreen.

The CLI may wait for the printer (a person at a terminal can), but it still goes through the
print worker, so a stalled printer ends in a reported failure, not a hang. The outcome's printer
state is stored for the staff console like the kiosk's own, when the database lets it.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable

from kiosk.cli.common import emit
from kiosk.cli.wording import worded
from kiosk.db.storage_errors import DatabaseBusy, StorageFull
from kiosk.devices.print_worker import PrintOutcome, print_now
from kiosk.devices.states import PrinterState
from kiosk.errors import KioskError
from kiosk.services.context import Context
from kiosk.services.printer_state import record_state
from kiosk.services.views import HelpRequestView, TicketView

CLI_PRINT_TIMEOUT_S = 30.0
STATE_NOT_STORED: dict[type[Exception], str] = {
    DatabaseBusy: "the database was busy",
    StorageFull: "the disk is full",
}


def emit_printed(
    args: argparse.Namespace,
    ctx: Context,
    view: TicketView | HelpRequestView,
    text: str,
    build_slip: Callable[[], bytes],
) -> None:
    """Print the slip for a new ticket or request, then show it with the print outcome.

    The ticket or request is already saved: whatever goes wrong from here on (making the slip,
    the printer, storing the printer's state), its code still reaches the caller and the
    command succeeds. Anything that went wrong is said on stderr."""
    outcome = None if ctx.settings.printer.transport == "none" else _print(ctx, view, build_slip)
    value = view.to_json()
    if outcome is not None:
        value["print"] = outcome.to_json()
    emit(args, value, text)
    _warn_if_not_printed(outcome, view.code)


def _print(
    ctx: Context, view: TicketView | HelpRequestView, build_slip: Callable[[], bytes]
) -> PrintOutcome:
    try:
        payload = build_slip()
    except Exception as error:
        return _not_printed(view.code, "The slip could not be made", error)
    try:
        outcome = print_now(ctx.settings, ctx.data_dir, payload, timeout=CLI_PRINT_TIMEOUT_S)
    except Exception as error:
        return _not_printed(view.code, "The printer could not be used", error)
    _store_printer_state(ctx, outcome, view.code)
    return outcome


def _not_printed(code: str, what: str, error: Exception) -> PrintOutcome:
    # A KioskError explains itself (e.g. a code page the printer lacks); anything else is a
    # bug, but losing the number over it would be worse.
    reason = worded(error) if isinstance(error, KioskError) else repr(error)
    return PrintOutcome(False, PrinterState.OFFLINE, f"{what}: {reason}", code)


def _store_printer_state(ctx: Context, outcome: PrintOutcome, code: str) -> None:
    """Store the printer's state for the staff console, as the kiosk does. Best effort: on a
    busy database this second write may time out, and that must not turn a saved ticket into
    a reported failure that makes staff take a second number."""
    try:
        record_state(ctx, ctx.settings.kiosk.id, outcome.state.value, outcome.reason)
    except Exception as error:
        # Not the error's own message: DatabaseBusy's says "nothing was saved", untrue here.
        reason = STATE_NOT_STORED.get(type(error), repr(error))
        print(
            f"kiosk: {code} is saved, but the printer's state was not stored for staff ({reason}).",
            file=sys.stderr,
        )


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

"""Printing a slip from the command line: the same slips and printer as the touchscreen.

The CLI may wait for the printer (a person at a terminal can), but it still goes through the
print worker, so a stalled printer ends in a reported failure, not a hang. The outcome's printer
state is stored for the staff console like the kiosk's own.
"""

from __future__ import annotations

import argparse
import sys

from kiosk.cli.common import emit
from kiosk.devices.print_worker import PrintOutcome, print_now
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
    payload: bytes,
) -> None:
    """Print the slip for a new ticket or request, then show it with the print outcome."""
    outcome = print_slip(ctx, payload, view.code)
    value = view.to_json()
    if outcome is not None:
        value["print"] = outcome.to_json()
    emit(args, value, text)
    _warn_if_not_printed(args, outcome, view.code)


def _warn_if_not_printed(args: argparse.Namespace, outcome: PrintOutcome | None, code: str) -> None:
    """The number exists whatever the printer did: say so, and what to do, on stderr."""
    if outcome is not None and not outcome.printed and not getattr(args, "json", False):
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

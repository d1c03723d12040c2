"""`kiosk report allowance|mark-paid|reopen`: the allowance payout for a pay period.

The payout list holds names and money, so each one produced is in the audit log.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kiosk.cli.common import cli_actor, emit, open_context
from kiosk.core.allowance import format_minutes
from kiosk.core.pay_period import parse_period
from kiosk.errors import KioskError
from kiosk.services import payouts
from kiosk.services.payout_documents import payout_csv, payout_pdf
from kiosk.services.worker_views import PayoutList
from kiosk.settings.schema import LANGUAGES


def register(commands: argparse._SubParsersAction, parent: argparse.ArgumentParser) -> None:
    group = commands.add_parser("report", help="the peer-work allowance payout")
    sub = group.add_subparsers(dest="action", required=True, metavar="ACTION")

    allowance = sub.add_parser(
        "allowance", parents=[parent], help="the payout list: one row per worker, with totals"
    )
    allowance.add_argument("--period", required=True, metavar="P", help="2026-11 or 2026-W48")
    allowance.add_argument("--format", choices=("text", "csv", "pdf"), default="text")
    allowance.add_argument(
        "--out",
        metavar="PATH",
        help="write the file here (default: CSV to standard output, PDF into the data directory)",
    )
    allowance.add_argument(
        "--language", choices=LANGUAGES, help="PDF language (default: clinic.default_language)"
    )
    allowance.add_argument("--by", metavar="ACTOR")
    allowance.set_defaults(handler=_allowance)

    paid = sub.add_parser(
        "mark-paid", parents=[parent], help="the period's cash was paid: lock its hours"
    )
    paid.add_argument("--period", required=True, metavar="P")
    paid.add_argument("--by", metavar="ACTOR")
    paid.set_defaults(handler=_mark_paid)

    reopen = sub.add_parser(
        "reopen", parents=[parent], help="admin: re-open a paid period for corrections"
    )
    reopen.add_argument("--period", required=True, metavar="P")
    reopen.add_argument("--reason", required=True, help="why; kept in the audit log")
    reopen.add_argument("--by", metavar="ACTOR", help="an admin, e.g. staff:anna")
    reopen.set_defaults(handler=_reopen)


def describe(payout: PayoutList) -> str:
    lines = [
        f"pay period {payout.period} ({payout.first_day:%d.%m.}–{payout.last_day:%d.%m.%Y}), "
        f"{payout.status}"
    ]
    lines += [
        f"{row.number:>4}  {row.display_name:<30} {row.days:>3} days {format_minutes(row.minutes):>7} h"
        f" {row.amount:>9.2f} €"
        for row in payout.rows
    ]
    lines.append(
        f"{'':>4}  {'total':<30} {payout.total_days:>3} days "
        f"{format_minutes(payout.total_minutes):>7} h {payout.total_amount:>9.2f} €"
    )
    if payout.open_sessions:
        lines.append(f"note: {payout.open_sessions} session(s) still open, not counted")
    if payout.sessions_to_review:
        lines.append(f"note: {payout.sessions_to_review} automatic sign-out(s) await review")
    return "\n".join(lines)


def _allowance(args: argparse.Namespace) -> int:
    ctx = open_context(args)
    period = parse_period(args.period)
    payout = payouts.payout_list(ctx, period, by=cli_actor(args), purpose=args.format)
    if args.format == "text":
        emit(args, payout.to_json(), describe(payout))
        return 0
    if args.format == "csv":
        content = payout_csv(payout)
        if not args.out:
            sys.stdout.buffer.write(content)
            sys.stdout.flush()
            return 0
    else:
        content = payout_pdf(
            payout,
            clinic=ctx.settings.clinic.name,
            language=args.language or ctx.settings.clinic.default_language,
            printed_at=ctx.clock.now(),
            zone=ctx.settings.clinic.zone,
        )
    out = Path(args.out) if args.out else ctx.data_dir / "reports" / f"allowance-{period.label}.pdf"
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(content)
    except OSError as error:
        raise KioskError(f"cannot write {out} ({error.strerror}); choose another --out") from None
    emit(args, {**payout.to_json(), "file": str(out)}, f"{describe(payout)}\nwritten to {out}")
    return 0


def _mark_paid(args: argparse.Namespace) -> int:
    ctx = open_context(args)
    payout = payouts.mark_paid(ctx, parse_period(args.period), by=cli_actor(args))
    emit(args, payout.to_json(), f"{describe(payout)}\nmarked paid; its hours are now locked")
    return 0


def _reopen(args: argparse.Namespace) -> int:
    ctx = open_context(args)
    period = parse_period(args.period)
    payouts.reopen(ctx, period, reason=args.reason, by=cli_actor(args))
    emit(
        args,
        {"period": period.label, "status": "reopened"},
        f"pay period {period.label} is open for corrections; mark it paid again afterwards",
    )
    return 0

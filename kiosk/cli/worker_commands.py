"""`kiosk worker add|list|set-pin|set-contract|deactivate|unlock|badge|sign-in|sign-out|
close-forgotten|warnings`: peer workers from the command line.

A PIN is only ever read from standard input (`--pin-stdin`), never taken as an argument.
"""

from __future__ import annotations

import argparse
import os
import tempfile
from pathlib import Path

from kiosk.cli.common import cli_actor, emit, open_context, whole_number
from kiosk.cli.peer_input import add_pin_stdin, day_argument, local, read_pin
from kiosk.core.allowance import format_minutes
from kiosk.core.badges import new_badge_token
from kiosk.errors import KioskError
from kiosk.services import forgotten_sign_outs, sign_in_out, worker_auth, workers
from kiosk.services.context import Context
from kiosk.services.worker_views import SessionView, ShiftView, WorkerView


def register(commands: argparse._SubParsersAction, parent: argparse.ArgumentParser) -> None:
    group = commands.add_parser("worker", help="peer workers: contracts, PINs, sign-in and out")
    sub = group.add_subparsers(dest="action", required=True, metavar="ACTION")

    add = sub.add_parser("add", parents=[parent], help="add a peer worker")
    add.add_argument(
        "--number", type=whole_number, required=True, metavar="N", help="short worker number"
    )
    add.add_argument("--name", required=True, help="display name (staff and own greeting only)")
    add.add_argument("--contract-start", type=day_argument, required=True, metavar="DATE")
    add.add_argument("--contract-end", type=day_argument, required=True, metavar="DATE")
    add_pin_stdin(add)
    add.add_argument("--by", metavar="ACTOR", help="who, e.g. staff:anna")
    add.set_defaults(handler=_add)

    listing = sub.add_parser("list", parents=[parent], help="the peer workers")
    listing.add_argument("--all", action="store_true", help="include inactive workers")
    listing.add_argument("--by", metavar="ACTOR")
    listing.set_defaults(handler=_list)

    set_pin = sub.add_parser("set-pin", parents=[parent], help="give a worker a new PIN")
    set_pin.add_argument("number", type=whole_number)
    add_pin_stdin(set_pin, "the new PIN")
    set_pin.add_argument("--by", metavar="ACTOR")
    set_pin.set_defaults(handler=_set_pin)

    contract = sub.add_parser(
        "set-contract", parents=[parent], help="a new contract period (also re-activates)"
    )
    contract.add_argument("number", type=whole_number)
    contract.add_argument("--start", type=day_argument, required=True, metavar="DATE")
    contract.add_argument("--end", type=day_argument, required=True, metavar="DATE")
    contract.add_argument("--by", metavar="ACTOR")
    contract.set_defaults(handler=_set_contract)

    deactivate = sub.add_parser("deactivate", parents=[parent], help="end a worker's access")
    deactivate.add_argument("number", type=whole_number)
    deactivate.add_argument("--by", metavar="ACTOR")
    deactivate.set_defaults(handler=_deactivate)

    unlock = sub.add_parser("unlock", parents=[parent], help="open a number locked by wrong PINs")
    unlock.add_argument("number", type=whole_number)
    unlock.add_argument("--by", metavar="ACTOR")
    unlock.set_defaults(handler=_unlock)

    badge = sub.add_parser(
        "badge",
        parents=[parent],
        help="issue a new badge (the old one stops working) and print it, or --revoke",
    )
    badge.add_argument("number", type=whole_number)
    where = badge.add_mutually_exclusive_group()
    where.add_argument("--out", metavar="PNG", help="draw the badge slip into this PNG file")
    where.add_argument("--revoke", action="store_true", help="the worker's badge stops working")
    badge.add_argument("--by", metavar="ACTOR")
    badge.set_defaults(handler=_badge)

    sign_in = sub.add_parser("sign-in", parents=[parent], help="sign a worker in (their PIN)")
    sign_in.add_argument("number", type=whole_number)
    add_pin_stdin(sign_in)
    sign_in.add_argument("--task", default=None, help="task id (default: the first configured)")
    sign_in.set_defaults(handler=_sign_in)

    sign_out = sub.add_parser("sign-out", parents=[parent], help="sign a worker out (their PIN)")
    sign_out.add_argument("number", type=whole_number)
    add_pin_stdin(sign_out)
    sign_out.set_defaults(handler=_sign_out)

    sub.add_parser(
        "close-forgotten",
        parents=[parent],
        help="close sessions left open past closing time or the maximum length (for a timer)",
    ).set_defaults(handler=_close_forgotten)

    warnings = sub.add_parser(
        "warnings", parents=[parent], help="contracts ending soon, workers on too many days"
    )
    warnings.add_argument("--by", metavar="ACTOR")
    warnings.set_defaults(handler=_warnings)


def describe(worker: WorkerView, ctx: Context) -> str:
    zone = ctx.settings.clinic.zone
    notes = []
    if not worker.active:
        notes.append("inactive")
    if worker.has_badge:
        notes.append("badge")
    if worker.locked_until:
        notes.append(f"locked until {local(worker.locked_until, zone, '%H:%M')}")
    if worker.signed_in_since:
        notes.append(f"signed in since {local(worker.signed_in_since, zone, '%H:%M')}")
    contract = f"{worker.contract_start:%d.%m.%Y}–{worker.contract_end:%d.%m.%Y}"
    extra = f"  ({', '.join(notes)})" if notes else ""
    return f"{worker.number:>4}  {worker.display_name:<30} {contract}{extra}"


def describe_shift(shift: ShiftView, ctx: Context, *, with_absence: bool = True) -> str:
    zone = ctx.settings.clinic.zone
    times = f"{local(shift.starts_at, zone, '%H:%M')}–{local(shift.ends_at, zone, '%H:%M')}"
    absent = ""
    if shift.absence_reported_at and with_absence:
        reason = f", {shift.absence_reason}" if shift.absence_reason else ""
        absent = f"  absent (reported {local(shift.absence_reported_at, zone)}{reason})"
    return f"{shift.day:%a %d.%m.%Y} {times}{absent}"


def describe_session(work: SessionView, ctx: Context) -> str:
    zone = ctx.settings.clinic.zone
    end = local(work.ended_at, zone, "%H:%M") if work.ended_at else "open"
    review = f"  REVIEW ({work.review_reason.replace('_', ' ')})" if work.needs_review else ""
    how = f"{work.start_method}/{work.end_method or '-'}"
    return (
        f"#{work.id:<5} {work.number:>4} {work.display_name:<24} "
        f"{local(work.started_at, zone)}–{end}  {work.task or '-':<14} {how}{review}"
    )


def _add(args: argparse.Namespace) -> int:
    by = cli_actor(args)  # with --by, that account's PIN is the first line of the input
    pin = read_pin()
    ctx = open_context(args)
    worker = workers.add_worker(
        ctx,
        number=args.number,
        display_name=args.name,
        pin=pin,
        contract_start=args.contract_start,
        contract_end=args.contract_end,
        by=by,
    )
    emit(args, worker.to_json(), f"added worker {worker.number}\n{describe(worker, ctx)}")
    return 0


def _list(args: argparse.Namespace) -> int:
    ctx = open_context(args)
    found = workers.list_workers(ctx, by=cli_actor(args), include_inactive=args.all)
    text = "\n".join(describe(w, ctx) for w in found) or "no workers"
    emit(args, [w.to_json() for w in found], text)
    return 0


def _set_pin(args: argparse.Namespace) -> int:
    by = cli_actor(args)  # with --by, that account's PIN is the first line of the input
    pin = read_pin("New PIN: ")
    worker = workers.set_pin(open_context(args), args.number, pin, by=by)
    emit(args, worker.to_json(), f"worker {worker.number} has a new PIN")
    return 0


def _set_contract(args: argparse.Namespace) -> int:
    ctx = open_context(args)
    worker = workers.set_contract(
        ctx, args.number, start=args.start, end=args.end, by=cli_actor(args)
    )
    emit(args, worker.to_json(), describe(worker, ctx))
    return 0


def _deactivate(args: argparse.Namespace) -> int:
    ctx = open_context(args)
    worker = workers.deactivate(ctx, args.number, by=cli_actor(args))
    emit(args, worker.to_json(), describe(worker, ctx))
    return 0


def _unlock(args: argparse.Namespace) -> int:
    ctx = open_context(args)
    until = worker_auth.unlock(ctx, args.number, by=cli_actor(args))
    emit(
        args,
        {"number": args.number, "was_locked_until": until.isoformat()},
        f"number {args.number} is open again "
        f"(it was locked until {local(until, ctx.settings.clinic.zone, '%H:%M')})",
    )
    return 0


def _badge(args: argparse.Namespace) -> int:
    ctx = open_context(args)
    by = cli_actor(args)
    if args.revoke:
        worker = workers.revoke_badge(ctx, args.number, by=by)
        emit(args, worker.to_json(), f"worker {worker.number}'s badge no longer works")
        return 0
    # Imported here: the printer stack (Pillow, pyserial) is not worth loading for every command.
    from kiosk.devices.print_worker import print_now
    from kiosk.devices.slips import badge_slip
    from kiosk.devices.virtual import render_png

    # The new badge is drawn or printed first and only then replaces the old one, so a bad
    # path or a jammed printer leaves the worker with the badge they have. Asking for the
    # worker first refuses an unknown worker or actor before anything is drawn.
    worker = workers.get_worker(ctx, args.number, by=by)
    if not worker.active:
        raise KioskError(f"worker {worker.number} is inactive; give them a new contract first")
    token = new_badge_token()
    # The slip holds the number and the QR code only: a lost badge must not say whose it is.
    payload = badge_slip(str(worker.number), token, ctx.settings)
    if args.out:
        out = Path(args.out)
        drawn = _writable_beside(out)
        try:
            render_png(payload, ctx.settings.printer).save(drawn, format="PNG")
            worker, _ = workers.issue_badge(ctx, worker.number, by=by, token=token)
            drawn.replace(out)
        finally:
            drawn.unlink(missing_ok=True)
        emit(
            args,
            {**worker.to_json(), "png": str(out)},
            f"new badge for worker {worker.number} drawn into {out}; the old badge no longer works",
        )
        return 0
    outcome = print_now(ctx.settings, ctx.data_dir, payload)
    if not outcome.printed:
        raise KioskError(
            f"the new badge for worker {worker.number} was not printed ({outcome.reason}); "
            "the old badge still works. Fix the printer and run this again"
        )
    worker, _ = workers.issue_badge(ctx, worker.number, by=by, token=token)
    emit(
        args,
        {**worker.to_json(), "printed": True},
        f"new badge for worker {worker.number} printed; the old badge no longer works",
    )
    return 0


def _writable_beside(out: Path) -> Path:
    """An empty file next to `out`, proving it can be written there before anything changes."""
    try:
        handle, name = tempfile.mkstemp(prefix=f".{out.name}.", dir=out.parent)
    except OSError as error:
        raise KioskError(
            f"cannot write {out} ({error.strerror}); choose a folder that exists and is "
            "writable. Nothing was changed: the old badge still works"
        ) from None
    os.close(handle)
    return Path(name)


def _sign_in(args: argparse.Namespace) -> int:
    pin = read_pin()
    ctx = open_context(args)
    worker_pass = worker_auth.authenticate_pin(ctx, str(args.number), pin)
    greeting = sign_in_out.sign_in(ctx, worker_pass, task=args.task)
    zone = ctx.settings.clinic.zone
    lines = [
        f"worker {greeting.number} signed in at {local(greeting.started_at, zone, '%H:%M')}"
        + (f", task {greeting.task}" if greeting.task else "")
    ]
    lines += [f"  today: {describe_shift(s, ctx)}" for s in greeting.today_shifts]
    lines += [f"  next:  {describe_shift(s, ctx)}" for s in greeting.next_shifts]
    emit(args, greeting.to_json(), "\n".join(lines))
    return 0


def _sign_out(args: argparse.Namespace) -> int:
    pin = read_pin()
    ctx = open_context(args)
    worker_pass = worker_auth.authenticate_pin(ctx, str(args.number), pin)
    summary = sign_in_out.sign_out(ctx, worker_pass)
    zone = ctx.settings.clinic.zone
    text = (
        f"worker {summary.number} signed out at {local(summary.ended_at, zone, '%H:%M')}\n"
        f"  today: {format_minutes(summary.today_minutes)} h, {summary.today_amount:.2f} €"
        + (" (daily maximum)" if summary.today_capped else "")
        + f"\n  pay period {summary.period} so far: {summary.period_days} days, "
        f"{format_minutes(summary.period_minutes)} h, {summary.period_amount:.2f} €"
    )
    emit(args, summary.to_json(), text)
    return 0


def _close_forgotten(args: argparse.Namespace) -> int:
    ctx = open_context(args)
    closed = forgotten_sign_outs.close_forgotten(ctx)
    text = "\n".join(describe_session(s, ctx) for s in closed) or "no forgotten sign-outs"
    emit(args, [s.to_json() for s in closed], text)
    return 0


def _warnings(args: argparse.Namespace) -> int:
    ctx = open_context(args)
    found = workers.warnings(ctx, by=cli_actor(args))
    lines = []
    for contract in found.contracts:
        when = (
            f"ends in {contract.days_left} days"
            if contract.days_left >= 0
            else f"ended {-contract.days_left} days ago but the worker is still active"
        )
        lines.append(
            f"contract  {contract.number:>4} {contract.display_name}: "
            f"{when} ({contract.contract_end:%d.%m.%Y})"
        )
    for week in found.busy_weeks:
        lines.append(
            f"week      {week.number:>4} {week.display_name}: {week.days} days in {week.week} "
            f"(at most {week.limit})"
        )
    emit(args, found.to_json(), "\n".join(lines) or "no warnings")
    return 0

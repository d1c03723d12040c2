"""`kiosk audit list`: the audit log, newest first, for admins; reading it is recorded too."""

from __future__ import annotations

import argparse
import json

from kiosk.cli.common import cli_actor, emit, open_context, whole_number
from kiosk.cli.peer_input import day_argument, local
from kiosk.services import audit_log
from kiosk.services.audit_log import DEFAULT_LIMIT, KINDS, AuditEntry, AuditFilter
from kiosk.services.context import Context


def register(commands: argparse._SubParsersAction, parent: argparse.ArgumentParser) -> None:
    group = commands.add_parser("audit", help="the audit log: who did or saw what, and when")
    sub = group.add_subparsers(dest="action", required=True, metavar="ACTION")

    listing = sub.add_parser(
        "list", parents=[parent], help="events, newest first (admins; the reading is recorded)"
    )
    listing.add_argument(
        "--since", type=day_argument, metavar="DATE", help="from this business day, e.g. 2026-11-24"
    )
    listing.add_argument(
        "--until", type=day_argument, metavar="DATE", help="up to this business day, included"
    )
    listing.add_argument(
        "--actor", metavar="A", help="one actor: staff:anna (or anna), worker:12, kiosk:lounge-1"
    )
    listing.add_argument(
        "--kind",
        metavar="K",
        help=f"one kind: {', '.join(KINDS)}, or an action such as help.view",
    )
    listing.add_argument(
        "--limit",
        type=whole_number,
        default=DEFAULT_LIMIT,
        metavar="N",
        help=f"at most this many events (default: {DEFAULT_LIMIT})",
    )
    listing.add_argument("--by", metavar="ACTOR", help="an admin, e.g. staff:sari")
    listing.set_defaults(handler=_list)


def _list(args: argparse.Namespace) -> int:
    chosen = AuditFilter.of(since=args.since, until=args.until, actor=args.actor, kind=args.kind)
    ctx = open_context(args)
    log = audit_log.list_events(ctx, chosen, by=cli_actor(args), limit=args.limit)
    lines = [_line(entry, ctx) for entry in log.entries] or ["no events match"]
    if log.more:
        lines.append(
            f"(only the newest {len(log.entries)} are shown; narrow it with --since, --actor "
            "or --kind, or raise --limit)"
        )
    emit(args, log.to_json(), "\n".join(lines))
    return 0


def _line(entry: AuditEntry, ctx: Context) -> str:
    who = f"{entry.actor} ({entry.actor_name})" if entry.actor_name else entry.actor
    about = " ".join(part for part in (entry.subject_type, entry.subject_code) if part)
    details = json.dumps(entry.details, ensure_ascii=False) if entry.details else ""
    at = local(entry.at, ctx.settings.clinic.zone, "%d.%m.%Y %H:%M:%S")
    return "  ".join(part for part in (at, who, entry.device, entry.action, about, details) if part)

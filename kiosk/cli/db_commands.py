"""`kiosk db upgrade|status|purge`."""

from __future__ import annotations

import argparse

from kiosk.cli.common import cli_actor, emit, open_context
from kiosk.db.engine import compact
from kiosk.db.migrations import current_revision, head_revision, upgrade
from kiosk.services.retention import purge


def register(commands: argparse._SubParsersAction, parent: argparse.ArgumentParser) -> None:
    group = commands.add_parser("db", help="create, upgrade and maintain the database")
    sub = group.add_subparsers(dest="action", required=True, metavar="ACTION")
    sub.add_parser(
        "upgrade", parents=[parent], help="create or upgrade the database schema"
    ).set_defaults(handler=_upgrade)
    sub.add_parser("status", parents=[parent], help="show the schema version").set_defaults(
        handler=_status
    )
    purge_ = sub.add_parser(
        "purge",
        parents=[parent],
        help="delete notes, requests, tickets and logs past their retention period",
    )
    purge_.add_argument("--by", metavar="ACTOR", help="an admin, e.g. staff:anna")
    purge_.set_defaults(handler=_purge)
    sub.add_parser(
        "vacuum",
        parents=[parent],
        help="give an SQLite file's free space back to the disk (stop the kiosks first)",
    ).set_defaults(handler=_vacuum)


def _upgrade(args: argparse.Namespace) -> int:
    ctx = open_context(args, check_schema=False, create=True)
    before, after = upgrade(ctx.engine)
    text = (
        f"database is up to date (version {after})"
        if before == after
        else f"database upgraded from {before or 'empty'} to {after}"
    )
    emit(args, {"before": before, "after": after}, text)
    return 0


def _status(args: argparse.Namespace) -> int:
    ctx = open_context(args, check_schema=False)
    current, head = current_revision(ctx.engine), head_revision()
    text = f"schema version {current or 'none'}; this program expects {head}"
    emit(args, {"current": current, "head": head, "up_to_date": current == head}, text)
    return 0 if current == head else 1


def _purge(args: argparse.Namespace) -> int:
    result = purge(open_context(args), by=cli_actor(args))
    emit(
        args,
        result.__dict__,
        ", ".join(f"{k.replace('_', ' ')}: {v}" for k, v in result.__dict__.items()) + " deleted",
    )
    return 0


def _vacuum(args: argparse.Namespace) -> int:
    ctx = open_context(args)
    if ctx.engine.dialect.name != "sqlite":
        emit(args, {"before": None, "after": None}, "PostgreSQL gives free space back by itself")
        return 0
    before, after = compact(ctx.engine)
    emit(
        args,
        {"before": before, "after": after},
        f"database file {before / 1e6:.1f} MB → {after / 1e6:.1f} MB; from now on each purge "
        "gives its freed space back to the disk",
    )
    return 0

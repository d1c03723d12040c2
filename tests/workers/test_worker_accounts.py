"""Workers on a real database: PINs hashed and checked, contracts, badges, no PIN in the file."""

from __future__ import annotations

import dataclasses
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from kiosk.core.clock import FixedClock
from kiosk.core.pins import WeakPin
from kiosk.db.models import AuditEvent
from kiosk.db.worker_models import Worker
from kiosk.errors import KioskError, Refused
from kiosk.services import sign_in_out, staff_auth, workers
from kiosk.services.context import Context
from kiosk.services.staff_auth import WrongLogin
from kiosk.services.worker_auth import (
    TalkToStaff,
    UnknownBadge,
    WrongPin,
    authenticate_badge,
    authenticate_pin,
)
from kiosk.services.worker_views import WorkerView
from kiosk.settings.schema import Settings
from tests.support import STAFF_PIN, add_staff, migrated_context
from tests.workers.conftest import OTHER_PIN, PIN, STAFF, add_worker, pin_pass


def actions(ctx: Context) -> list[str]:
    """The audit log's actions about peer workers."""
    with ctx.reading() as session:
        query = select(AuditEvent.action).where(AuditEvent.subject_type == "worker")
        return list(session.scalars(query.order_by(AuditEvent.id)))


def test_added_worker_keeps_only_an_argon2id_hash(ctx: Context, worker: WorkerView) -> None:
    assert (worker.number, worker.display_name, worker.active, worker.has_badge) == (
        12,
        "Matti Meikäläinen",
        True,
        False,
    )
    with ctx.reading() as session:
        stored = session.scalars(select(Worker)).one()
        assert stored.pin_hash.startswith("$argon2id$") and PIN not in stored.pin_hash
    assert "pin_hash" not in worker.to_json()
    assert actions(ctx) == ["worker.add"]


def test_weak_pin_taken_number_and_long_contract_are_refused(ctx: Context, worker) -> None:
    with pytest.raises(WeakPin, match="digits in a row"):
        add_worker(ctx, 13, pin="4567")
    with pytest.raises(WeakPin, match="repeated digit"):
        add_worker(ctx, 13, pin="000000")
    with pytest.raises(Refused, match="worker number 12 is taken"):
        add_worker(ctx, 12, pin=OTHER_PIN)
    with pytest.raises(KioskError, match="at most 6 months"):
        add_worker(ctx, 13, pin=OTHER_PIN, start=date(2026, 11, 1), end=date(2027, 6, 1))
    with pytest.raises(KioskError, match="1 to 9999"):
        add_worker(ctx, 10000, pin=OTHER_PIN)
    assert [w.number for w in workers.list_workers(ctx, by=STAFF)] == [12]


def test_configured_contract_maximum_applies(ctx: Context) -> None:
    settings = ctx.settings.model_copy(
        update={"peer_work": ctx.settings.peer_work.model_copy(update={"max_contract_months": 12})}
    )
    longer = dataclasses.replace(ctx, settings=settings)
    assert add_worker(longer, 13, end=date(2027, 11, 1)).contract_end == date(2027, 11, 1)


def test_new_pin_replaces_the_old_one(ctx: Context, worker) -> None:
    workers.set_pin(ctx, 12, OTHER_PIN, by=STAFF)
    with pytest.raises(WrongPin):
        authenticate_pin(ctx, "12", PIN)
    assert authenticate_pin(ctx, "12", OTHER_PIN).number == 12
    assert actions(ctx)[-2:] == ["worker.set_pin", "worker.login_refused"]


def test_contract_over_or_inactive_is_refused_kindly_but_only_after_the_right_pin(
    ctx: Context, clock: FixedClock
) -> None:
    add_worker(ctx, 12, start=date(2026, 6, 1), end=date(2026, 11, 23))
    with pytest.raises(WrongPin):
        authenticate_pin(ctx, "12", OTHER_PIN)
    with pytest.raises(TalkToStaff, match="please talk to staff"):
        authenticate_pin(ctx, "12", PIN)
    renewed = workers.set_contract(
        ctx, 12, start=date(2026, 11, 24), end=date(2027, 5, 24), by=STAFF
    )
    assert renewed.active and pin_pass(ctx).number == 12
    workers.deactivate(ctx, 12, by=STAFF)
    with pytest.raises(TalkToStaff):
        authenticate_pin(ctx, "12", PIN)
    assert [w.number for w in workers.list_workers(ctx, by=STAFF, include_inactive=True)] == [12]
    assert workers.list_workers(ctx, by=STAFF) == []


def test_signed_in_worker_cannot_be_deactivated(ctx: Context, worker) -> None:
    sign_in_out.sign_in(ctx, pin_pass(ctx), task="coffee")
    with pytest.raises(Refused, match="is signed in"):
        workers.deactivate(ctx, 12, by=STAFF)


def test_badge_signs_in_and_a_new_badge_retires_the_old(ctx: Context, worker) -> None:
    _, first = workers.issue_badge(ctx, 12, by=STAFF)
    scanned = authenticate_badge(ctx, first.lower() + "\n")  # Caps Lock on the scanner
    assert (scanned.number, scanned.method) == (12, "cli")
    _, second = workers.issue_badge(ctx, 12, by=STAFF)
    with pytest.raises(UnknownBadge):
        authenticate_badge(ctx, first)
    assert authenticate_badge(ctx, second).number == 12
    workers.revoke_badge(ctx, 12, by=STAFF)
    with pytest.raises(UnknownBadge):
        authenticate_badge(ctx, second)
    assert actions(ctx)[-5:] == [
        "worker.badge_issue",
        "worker.badge_issue",
        "worker.login_refused",
        "worker.badge_revoke",
        "worker.login_refused",
    ]


def test_deactivation_revokes_the_badge(ctx: Context, worker) -> None:
    _, token = workers.issue_badge(ctx, 12, by=STAFF)
    assert workers.deactivate(ctx, 12, by=STAFF).has_badge is False
    with pytest.raises(UnknownBadge):
        authenticate_badge(ctx, token)


def test_sqlite_file_and_its_wal_hold_no_pin_and_no_badge_token(
    settings: Settings, tmp_path: Path, clock: FixedClock
) -> None:
    database = tmp_path / "kiosk.sqlite3"
    ctx = migrated_context(settings, tmp_path, clock, f"sqlite:///{database}")
    add_staff(ctx, STAFF.id)  # staff PINs are kept the same way
    with pytest.raises(WrongLogin):
        staff_auth.authenticate(ctx, STAFF.id, "736182")
    pins = {12: "583917", 13: "690248", 14: "417306"}
    for number, pin in pins.items():
        add_worker(ctx, number, pin=pin)
    workers.set_pin(ctx, 14, "802613", by=STAFF)
    _, token = workers.issue_badge(ctx, 12, by=STAFF)
    sign_in_out.sign_in(ctx, authenticate_pin(ctx, "12", "583917"), task="coffee")
    for wrong in ("927351", "318264"):
        with pytest.raises(WrongPin):
            authenticate_pin(ctx, "13", wrong)
    secrets = [*pins.values(), "802613", "927351", "318264", token, token.lower()]
    secrets += [STAFF_PIN, "736182"]

    def leaks() -> list[str]:
        files = [p for p in tmp_path.iterdir() if p.name.startswith("kiosk.sqlite3")]
        content = b"".join(p.read_bytes() for p in files)
        return [s for s in secrets if s.encode() in content]

    assert (tmp_path / "kiosk.sqlite3-wal").stat().st_size > 0  # the search covers the WAL
    assert leaks() == []
    ctx.engine.dispose()  # checkpoints the WAL into the main file
    assert leaks() == []

"""Fixtures for peer-work tests: a worker with a contract, kiosks, staff, settings variants."""

from __future__ import annotations

import dataclasses
from datetime import date
from typing import Any

import pytest
from argon2 import PasswordHasher

from kiosk.core import pins
from kiosk.core.actor import Actor
from kiosk.core.work_day import parse_shift_times
from kiosk.services import shifts, worker_auth, workers
from kiosk.services.context import Context
from kiosk.services.shifts import PlannedShift
from kiosk.services.worker_views import ShiftView, WorkerPass, WorkerView
from tests.support import add_staff

PIN = "583917"
OTHER_PIN = "690248"
STAFF = Actor("staff", "anna")


def with_peer_work(ctx: Context, **changes: Any) -> Context:
    """The same database and clock under changed `peer_work` settings."""
    peer = ctx.settings.peer_work.model_copy(update=changes)
    return dataclasses.replace(ctx, settings=ctx.settings.model_copy(update={"peer_work": peer}))


def on_kiosk(ctx: Context, kiosk_id: str = "lounge-1") -> Context:
    return dataclasses.replace(ctx, device=kiosk_id)


def add_worker(
    ctx: Context,
    number: int = 12,
    *,
    name: str = "Matti Meikäläinen",
    pin: str = PIN,
    start: date = date(2026, 11, 1),
    end: date = date(2027, 4, 30),
) -> WorkerView:
    return workers.add_worker(
        ctx,
        number=number,
        display_name=name,
        pin=pin,
        contract_start=start,
        contract_end=end,
        by=STAFF,
    )


def plan(
    ctx: Context, number: int, days: list[date], times: str = "09:00-12:30"
) -> list[ShiftView]:
    parsed = parse_shift_times(times)
    return shifts.add_shifts(ctx, [PlannedShift(number, d, parsed) for d in days], by=STAFF).shifts


def pin_pass(ctx: Context, number: int = 12, pin: str = PIN) -> WorkerPass:
    return worker_auth.authenticate_pin(ctx, str(number), pin)


@pytest.fixture
def cheap_pins(monkeypatch: pytest.MonkeyPatch) -> None:
    """Argon2id with the lightest parameters, for tests about something other than PIN hashing:
    the real ones cost a tenth of a second per PIN on purpose, and these tests enter many."""
    monkeypatch.setattr(
        pins, "_HASHER", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
    )


@pytest.fixture
def ctx(ctx: Context) -> Context:
    """The shared database, where Anna, who does the staff's part here, has a staff account."""
    add_staff(ctx, STAFF.id)
    return ctx


@pytest.fixture
def kiosk_ctx(ctx: Context) -> Context:
    """The shared database as the lounge touchscreen "lounge-1" sees it."""
    return on_kiosk(ctx)


@pytest.fixture
def worker(ctx: Context) -> WorkerView:
    """Worker 12, contract 1.11.2026–30.4.2027, PIN 583917."""
    return add_worker(ctx)

"""Roles are checked in the core: every staff use case refuses a kiosk, a peer worker, an unknown
or deactivated account and (for an admin's) a `staff` account, and does its work for an active
account of the right role.

The use cases are found, not listed by hand: every public function of kiosk.services that takes
the acting person as `by`. Each must have its case below, so a new one cannot be forgotten.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import delete, func, select

import kiosk.services
from kiosk.core.actor import Actor
from kiosk.core.clock import FixedClock
from kiosk.core.pay_period import month_of
from kiosk.core.statistics_period import StatisticsPeriod
from kiosk.core.work_day import parse_shift_times
from kiosk.db.models import AuditEvent, DailyCounter, HelpRequest
from kiosk.db.worker_models import PinLock, WorkSession
from kiosk.errors import KioskError
from kiosk.services import (
    absences,
    activities,
    actor_names,
    audit_log,
    help_requests,
    kiosk_staff,
    payouts,
    people_overview,
    printer_state,
    retention,
    session_corrections,
    shifts,
    sign_in_out,
    staff_accounts,
    staff_auth,
    statistics,
    tickets,
    worker_auth,
    workers,
)
from kiosk.services.audit_log import AuditFilter
from kiosk.services.context import Context
from kiosk.services.shifts import PlannedShift
from tests.support import (
    CLI,
    TUESDAY_MORNING,
    add_staff,
    around_the_clock_toml,
    migrated_context,
    settings_from,
)

ADMIN = Actor("staff", "sari")
STAFF = Actor("staff", "anna")
DEACTIVATED_ADMIN = Actor("staff", "olli")
UNKNOWN = Actor("staff", "nobody")
KIOSK = Actor("kiosk", "lounge-1")
PEER_ON_DUTY = Actor("worker", "12")
PEER_OFF_DUTY = Actor("worker", "13")
PINS = {12: "583917", 13: "690248"}
TOMORROW = date(2026, 11, 25)
YESTERDAY = date(2026, 11, 23)
OCTOBER = month_of(date(2026, 10, 1))
HOURS = parse_shift_times("10:00-12:00")


def local(day: date, hour: int) -> datetime:
    # Helsinki is UTC+2 in November.
    return datetime(day.year, day.month, day.day, hour - 2, tzinfo=UTC)


# --- the use cases and how to call each ------------------------------------------------------

Act = Callable[[Actor], object]


@dataclass(frozen=True)
class Case:
    """`role`: "staff", "admin", or "helper" (staff, or a peer worker on duty for a topic that
    is not staff-only). `arrange` prepares the database and returns the call to make as `by`."""

    role: str
    arrange: Callable[[Context], Act]


def _ticket(ctx: Context, *, called: bool) -> None:
    tickets.take_number(ctx, "A")
    if called:
        tickets.call_next(ctx, 1, by=CLI)


def _request(ctx: Context, *, claimed: bool = False) -> None:
    help_requests.open_request(ctx, "housing_allowance")
    if claimed:
        help_requests.claim(ctx, "H001", by=CLI)


def _shift(ctx: Context) -> int:
    added = shifts.add_shifts(ctx, [PlannedShift(12, TOMORROW, HOURS)], by=CLI)
    return added.shifts[0].id


def _past_session(ctx: Context, *, to_review: bool = False) -> int:
    added = session_corrections.add_session(
        ctx,
        13,
        started_at=local(YESTERDAY, 9),
        ended_at=local(YESTERDAY, 11),
        reason="paper list",
        by=CLI,
    )
    if to_review:
        with ctx.transaction() as session:
            work = session.get(WorkSession, added.id)
            assert work is not None
            work.needs_review, work.review_reason = True, "closing_time"
    return added.id


def _activity(ctx: Context) -> int:
    return activities.add_activity(ctx, "Vertaisryhmä", by=CLI).id


def _locked(ctx: Context, scope: str, key: str) -> None:
    now = ctx.clock.now()
    with ctx.transaction() as session:
        session.add(
            PinLock(
                scope=scope,
                key=key,
                failures=0,
                locked_until=now + timedelta(minutes=15),
                updated_at=now,
            )
        )


def _after(
    prepare: Callable[[Context], object], act: Callable[[Context, Actor], object]
) -> Callable[[Context], Act]:
    def arrange(ctx: Context) -> Act:
        prepare(ctx)
        return lambda by: act(ctx, by)

    return arrange


def _with_id(
    prepare: Callable[[Context], int], act: Callable[[Context, int, Actor], object]
) -> Callable[[Context], Act]:
    def arrange(ctx: Context) -> Act:
        made = prepare(ctx)
        return lambda by: act(ctx, made, by)

    return arrange


def _plain(act: Callable[[Context, Actor], object]) -> Callable[[Context], Act]:
    return lambda ctx: lambda by: act(ctx, by)


CASES: dict[str, Case] = {
    # Today's activities on the board
    "activities.add_activity": Case(
        "staff", _plain(lambda c, by: activities.add_activity(c, "Kahvi on valmis", by=by))
    ),
    "activities.remove_activity": Case(
        "staff",
        _with_id(_activity, lambda c, made, by: activities.remove_activity(c, made, by=by)),
    ),
    "activities.list_activities": Case(
        "staff", _plain(lambda c, by: activities.list_activities(c, by=by))
    ),
    # Calling numbers
    "tickets.call_next": Case(
        "staff",
        _after(lambda c: _ticket(c, called=False), lambda c, by: tickets.call_next(c, 1, by=by)),
    ),
    "tickets.recall": Case(
        "staff",
        _after(lambda c: _ticket(c, called=True), lambda c, by: tickets.recall(c, "A001", by=by)),
    ),
    "tickets.serve": Case(
        "staff",
        _after(lambda c: _ticket(c, called=True), lambda c, by: tickets.serve(c, "A001", by=by)),
    ),
    "tickets.no_show": Case(
        "staff",
        _after(lambda c: _ticket(c, called=True), lambda c, by: tickets.no_show(c, "A001", by=by)),
    ),
    "tickets.cancel": Case(
        "staff",
        _after(lambda c: _ticket(c, called=False), lambda c, by: tickets.cancel(c, "A001", by=by)),
    ),
    "tickets.window_overview": Case(
        "staff",
        _after(
            lambda c: _ticket(c, called=True), lambda c, by: tickets.window_overview(c, 1, by=by)
        ),
    ),
    # The help-request queue: the steps peer workers may do too
    "help_requests.queue": Case("helper", _plain(lambda c, by: help_requests.queue(c, by=by))),
    "help_requests.claim": Case(
        "helper", _after(_request, lambda c, by: help_requests.claim(c, "H001", by=by))
    ),
    "help_requests.call": Case(
        "helper", _after(_request, lambda c, by: help_requests.call(c, "H001", "lift", by=by))
    ),
    "help_requests.wait_for_documents": Case(
        "helper",
        _after(
            lambda c: _request(c, claimed=True),
            lambda c, by: help_requests.wait_for_documents(c, "H001", by=by),
        ),
    ),
    "help_requests.done": Case(
        "helper",
        _after(
            lambda c: _request(c, claimed=True),
            lambda c, by: help_requests.done(c, "H001", by=by),
        ),
    ),
    "help_requests.not_present": Case(
        "helper", _after(_request, lambda c, by: help_requests.not_present(c, "H001", by=by))
    ),
    "help_requests.cancel": Case(
        "helper", _after(_request, lambda c, by: help_requests.cancel(c, "H001", by=by))
    ),
    # ... and staff's alone
    "help_requests.add_note": Case(
        "staff", _after(_request, lambda c, by: help_requests.add_note(c, "H001", "x", by=by))
    ),
    "help_requests.details": Case(
        "staff", _after(_request, lambda c, by: help_requests.details(c, "H001", by=by))
    ),
    "help_requests.assign": Case(
        "staff", _after(_request, lambda c, by: help_requests.assign(c, "H001", 12, by=by))
    ),
    # Peer workers
    "actor_names.display_names": Case(
        "staff", _plain(lambda c, by: actor_names.display_names(c, ["worker:12"], by=by))
    ),
    "workers.add_worker": Case(
        "staff",
        _plain(
            lambda c, by: workers.add_worker(
                c,
                number=20,
                display_name="New",
                pin="318264",
                contract_start=TOMORROW,
                contract_end=TOMORROW + timedelta(days=60),
                by=by,
            )
        ),
    ),
    "workers.list_workers": Case("staff", _plain(lambda c, by: workers.list_workers(c, by=by))),
    "workers.get_worker": Case("staff", _plain(lambda c, by: workers.get_worker(c, 12, by=by))),
    "workers.warnings": Case("staff", _plain(lambda c, by: workers.warnings(c, by=by))),
    "workers.set_pin": Case("staff", _plain(lambda c, by: workers.set_pin(c, 13, "318264", by=by))),
    "workers.set_contract": Case(
        "staff",
        _plain(
            lambda c, by: workers.set_contract(
                c, 13, start=TOMORROW, end=TOMORROW + timedelta(days=30), by=by
            )
        ),
    ),
    "workers.deactivate": Case("staff", _plain(lambda c, by: workers.deactivate(c, 13, by=by))),
    "workers.issue_badge": Case("staff", _plain(lambda c, by: workers.issue_badge(c, 12, by=by))),
    "workers.revoke_badge": Case(
        "staff",
        _after(
            lambda c: workers.issue_badge(c, 12, by=CLI),
            lambda c, by: workers.revoke_badge(c, 12, by=by),
        ),
    ),
    "worker_auth.unlock": Case(
        "staff",
        _after(
            lambda c: _locked(c, "number", "13"), lambda c, by: worker_auth.unlock(c, 13, by=by)
        ),
    ),
    # Shifts and absences
    "shifts.add_shifts": Case(
        "staff",
        _plain(lambda c, by: shifts.add_shifts(c, [PlannedShift(12, TOMORROW, HOURS)], by=by)),
    ),
    "shifts.remove_shift": Case(
        "staff", _with_id(_shift, lambda c, shift, by: shifts.remove_shift(c, shift, by=by))
    ),
    "shifts.list_shifts": Case(
        "staff", _plain(lambda c, by: shifts.list_shifts(c, YESTERDAY, TOMORROW, by=by))
    ),
    "shifts.missed_shifts": Case("staff", _plain(lambda c, by: shifts.missed_shifts(c, by=by))),
    "absences.report_for_worker": Case(
        "staff",
        _after(_shift, lambda c, by: absences.report_for_worker(c, 12, TOMORROW, by=by)),
    ),
    "absences.withdraw": Case(
        "staff",
        _with_id(
            lambda c: (_shift(c), absences.report_for_worker(c, 12, TOMORROW, by=CLI))[0],
            lambda c, shift, by: absences.withdraw(c, shift, by=by),
        ),
    ),
    "absences.list_absences": Case(
        "staff", _plain(lambda c, by: absences.list_absences(c, YESTERDAY, TOMORROW, by=by))
    ),
    # Sessions and payouts
    "session_corrections.list_sessions": Case(
        "staff", _plain(lambda c, by: session_corrections.list_sessions(c, by=by))
    ),
    "session_corrections.get_session": Case(
        "staff",
        _with_id(_past_session, lambda c, s, by: session_corrections.get_session(c, s, by=by)),
    ),
    "session_corrections.correct_session": Case(
        "staff",
        _with_id(
            _past_session,
            lambda c, s, by: session_corrections.correct_session(
                c,
                s,
                started_at=local(YESTERDAY, 9),
                ended_at=local(YESTERDAY, 12),
                reason="typo",
                by=by,
            ),
        ),
    ),
    "session_corrections.add_session": Case(
        "staff",
        _plain(
            lambda c, by: session_corrections.add_session(
                c,
                13,
                started_at=local(YESTERDAY, 13),
                ended_at=local(YESTERDAY, 14),
                reason="paper list",
                by=by,
            )
        ),
    ),
    "session_corrections.accept_session": Case(
        "staff",
        _with_id(
            lambda c: _past_session(c, to_review=True),
            lambda c, s, by: session_corrections.accept_session(c, s, by=by),
        ),
    ),
    "payouts.payout_list": Case(
        "staff", _plain(lambda c, by: payouts.payout_list(c, OCTOBER, by=by))
    ),
    "payouts.mark_paid": Case("staff", _plain(lambda c, by: payouts.mark_paid(c, OCTOBER, by=by))),
    "payouts.reopen": Case(
        "admin",
        _after(
            lambda c: payouts.mark_paid(c, OCTOBER, by=CLI),
            lambda c, by: payouts.reopen(c, OCTOBER, reason="late entry", by=by),
        ),
    ),
    # Statistics
    "statistics.for_period": Case(
        "staff",
        _plain(lambda c, by: statistics.for_period(c, StatisticsPeriod.week_of(YESTERDAY), by=by)),
    ),
    # The console's People and Printers views
    "people_overview.people_overview": Case(
        "staff",
        _plain(lambda c, by: people_overview.people_overview(c, by=by, opened=True)),
    ),
    "printer_state.all_printers": Case(
        "staff", _plain(lambda c, by: printer_state.all_printers(c, by=by))
    ),
    # The kiosk's staff panel
    "kiosk_staff.record_test_page": Case(
        "staff", _plain(lambda c, by: kiosk_staff.record_test_page(c, by=by))
    ),
    "kiosk_staff.record_kiosk_closed": Case(
        "staff", _plain(lambda c, by: kiosk_staff.record_kiosk_closed(c, by=by))
    ),
    # An admin's
    "staff_accounts.add_account": Case(
        "admin",
        _plain(
            lambda c, by: staff_accounts.add_account(
                c, login="new", display_name="New", role="staff", pin="318264", by=by
            )
        ),
    ),
    "staff_accounts.list_accounts": Case(
        "admin", _plain(lambda c, by: staff_accounts.list_accounts(c, by=by))
    ),
    "staff_accounts.set_pin": Case(
        "admin", _plain(lambda c, by: staff_accounts.set_pin(c, "timo", "318264", by=by))
    ),
    "staff_accounts.deactivate": Case(
        "admin", _plain(lambda c, by: staff_accounts.deactivate(c, "timo", by=by))
    ),
    "staff_auth.unlock": Case(
        "admin",
        _after(
            lambda c: _locked(c, "account", "timo"),
            lambda c, by: staff_auth.unlock(c, "timo", by=by),
        ),
    ),
    "retention.purge": Case("admin", _plain(lambda c, by: retention.purge(c, by=by))),
    "retention.start_purge": Case(
        "admin", _plain(lambda c, by: retention.start_purge(c, by=by, wait=True))
    ),
    "audit_log.list_events": Case(
        "admin", _plain(lambda c, by: audit_log.list_events(c, AuditFilter(), by=by))
    ),
}


def use_cases_taking_by() -> set[str]:
    """Every public function in kiosk.services that takes the acting person as `by`, except the
    role check itself."""
    found = set()
    for info in pkgutil.iter_modules(kiosk.services.__path__):
        module = importlib.import_module(f"kiosk.services.{info.name}")
        for name, function in inspect.getmembers(module, inspect.isfunction):
            if function.__module__ != module.__name__ or name.startswith("_"):
                continue
            if "by" in inspect.signature(function).parameters:
                found.add(f"{info.name}.{name}")
    return found - {"staff_access.require_staff"}


def test_every_staff_use_case_is_checked_here() -> None:
    assert use_cases_taking_by() == set(CASES)
    assert len(CASES) > 40


# --- the world every case starts from -------------------------------------------------------


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database made once: admin Sari, staff Anna and Timo, Olli an admin deactivated;
    workers 12 (signed in) and 13 (not). Each case starts from a copy."""
    folder = tmp_path_factory.mktemp("roles")
    clock = FixedClock(TUESDAY_MORNING)
    ctx = migrated_context(
        settings_from(around_the_clock_toml()), folder, clock, f"sqlite:///{folder / 'db'}"
    )
    add_staff(ctx, ADMIN.id, role="admin")
    add_staff(ctx, STAFF.id)
    add_staff(ctx, "timo")
    add_staff(ctx, DEACTIVATED_ADMIN.id, role="admin")
    staff_accounts.deactivate(ctx, DEACTIVATED_ADMIN.id, by=CLI)
    for number, pin in PINS.items():
        workers.add_worker(
            ctx,
            number=number,
            display_name=f"Worker {number}",
            pin=pin,
            contract_start=date(2026, 10, 1),
            contract_end=date(2027, 3, 31),
            by=CLI,
        )
    sign_in_out.sign_in(ctx, worker_auth.authenticate_pin(ctx, "12", PINS[12]), task="coffee")
    ctx.engine.dispose()
    return folder / "db"


@pytest.fixture
def ctx(template: Path, tmp_path: Path) -> Iterator[Context]:
    shutil.copy(template, tmp_path / "db")
    context = Context.open(
        settings_from(around_the_clock_toml()),
        tmp_path,
        clock=FixedClock(TUESDAY_MORNING + timedelta(hours=1)),
        device="lounge-1",
        url=f"sqlite:///{tmp_path / 'db'}",
    )
    yield context
    context.engine.dispose()


def audit_count(ctx: Context) -> int:
    with ctx.reading() as session:
        return session.scalar(select(func.count()).select_from(AuditEvent)) or 0


def refused(act: Act, by: Actor) -> str:
    with pytest.raises(KioskError) as raised:
        act(by)
    return raised.value.code


@pytest.mark.parametrize("name", sorted(CASES))
def test_refused_to_the_wrong_people_done_for_the_right_one(ctx: Context, name: str) -> None:
    case = CASES[name]
    act = case.arrange(ctx)
    before = audit_count(ctx)
    wrong: dict[Actor, str] = {
        KIOSK: "staff.not_allowed",
        UNKNOWN: "staff.unknown",
        DEACTIVATED_ADMIN: "staff.inactive",
        Actor("system", "forgotten"): "staff.not_allowed",
    }
    if case.role == "helper":
        wrong[PEER_OFF_DUTY] = "help.helper_not_signed_in"
    else:
        wrong[PEER_ON_DUTY] = "staff.not_allowed"
    if case.role == "admin":
        wrong[STAFF] = "staff.admin_only"
    assert {by: refused(act, by) for by in wrong} == wrong
    assert audit_count(ctx) == before  # a refusal changed nothing, not even the log
    act(ADMIN if case.role == "admin" else STAFF)


def test_a_peer_worker_on_duty_does_the_helper_steps(ctx: Context) -> None:
    helper_steps = sorted(name for name, case in CASES.items() if case.role == "helper")
    assert len(helper_steps) == 7
    for name in helper_steps:
        # Each step starts from no request at all, so its request is H001 again.
        with ctx.transaction() as session:
            session.execute(delete(HelpRequest))
            session.execute(delete(DailyCounter))
        CASES[name].arrange(ctx)(PEER_ON_DUTY)

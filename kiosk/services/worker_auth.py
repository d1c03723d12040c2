"""Proving who a peer worker is: worker number and PIN, or badge; and the lockouts.

The PIN pad must not tell anyone whether a number exists. An unknown number gets the same
answer as a wrong PIN, after the same argon2 verification (against a dummy hash), and it is
locked after the same number of failures: locking only real numbers would give them away.

Lockout state lives in the database (`pin_locks`, `pin_failures`), so it holds across kiosks,
processes and restarts:
- `pin_max_failures` wrong PINs in a row for one number lock it for `pin_lock_minutes`; staff can
  unlock it sooner. A correct PIN resets the count.
- `kiosk_max_failures` failures (wrong PINs, unknown badges) on one kiosk within
  `kiosk_failure_window_minutes` pause PIN entry there for `kiosk_pause_minutes`. While the window
  still holds that many, each further failure pauses it again: a guesser gets one try a minute.
- Every failed login (a wrong PIN, an unknown badge), lock, pause and unlock, including a lock
  running out, is in the audit log.
A valid badge still works for a number locked by wrong PINs: the lock protects the PIN, and
holding the badge is its own proof.

The PIN is verified outside the write transaction: argon2 takes tens of milliseconds on purpose,
and holding the database lock meanwhile would stall every other kiosk.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from kiosk.core.actor import Actor
from kiosk.core.badges import badge_digest, normalise_badge_token
from kiosk.core.contract import valid_on
from kiosk.core.pins import dummy_hash, verify_pin
from kiosk.db.worker_models import PinFailure, PinLock, Worker
from kiosk.errors import LockedUntil, Refused
from kiosk.services import audit, pin_locks
from kiosk.services.audit import Subject
from kiosk.services.context import CLI_DEVICE, Context
from kiosk.services.pin_locks import LOCKOUT, Lockout
from kiosk.services.staff_access import require_staff
from kiosk.services.worker_views import WorkerPass
from kiosk.services.workers import MAX_NUMBER


class WrongPin(Refused):
    """The number and PIN do not match, or there is no such number: the same to the person,
    so it carries no facts (not even the number tried)."""

    code = "pin.wrong"

    def __init__(self) -> None:
        super().__init__("that number and PIN do not match; please try again")


class NumberLocked(LockedUntil):
    code = "pin.number_locked"
    sentence = (
        "too many wrong PINs for this number; it is locked for a while, staff can open it sooner"
    )


class PinEntryPaused(LockedUntil):
    code = "pin.entry_paused"
    sentence = "too many wrong PINs on this screen; PIN entry is paused, try again in a few minutes"


class UnknownBadge(Refused):
    code = "pin.badge_unknown"

    def __init__(self) -> None:
        super().__init__(
            "this badge is not recognised; use your number and PIN, or ask staff for a new badge"
        )


class TalkToStaff(Refused):
    """The worker is who they say, but may not work today: no valid contract, or inactive."""

    code = "worker.may_not_work_today"

    def __init__(self) -> None:
        super().__init__("your work agreement is not valid today; please talk to staff")


@dataclass(frozen=True)
class _Candidate:
    worker_id: int | None
    number: int | None
    display_name: str
    pin_hash: str
    active: bool
    contract_ok: bool


def warm_up() -> None:
    """Make the dummy hash now (the kiosk calls this at start-up), so the first unknown number
    or staff login is not slower than a known one."""
    dummy_hash()


def authenticate_pin(ctx: Context, number_text: str, pin: str) -> WorkerPass:
    kiosk = ctx.device
    number = _parse_number(number_text)
    with ctx.reading() as session:
        _refuse_if_paused(session, ctx, kiosk)
        candidate = _candidate(session, ctx, number)
        lockout = _number_lockout(number, candidate.worker_id) if number is not None else None
        if lockout is not None:
            until = pin_locks.locked_until(session, ctx, lockout)
            if until is not None:
                raise NumberLocked(until)
        wrong_before = lockout is not None and pin_locks.on_record(session, lockout)
    matches = verify_pin(candidate.pin_hash if candidate.worker_id else dummy_hash(), pin)
    if not (matches and candidate.worker_id and lockout):
        with ctx.transaction() as session:
            _refused(session, ctx, candidate, "wrong_pin")
            refusal = _register_failure(session, ctx, kiosk, lockout)
        raise refusal
    if wrong_before:
        with ctx.transaction() as session:
            pin_locks.clear(session, ctx, lockout)
    return _pass(ctx, candidate, "pin")


def authenticate_badge(ctx: Context, scanned: str) -> WorkerPass:
    kiosk = ctx.device
    token = normalise_badge_token(scanned)
    with ctx.reading() as session:
        _refuse_if_paused(session, ctx, kiosk)
        worker = (
            session.scalars(
                select(Worker).where(Worker.badge_digest == badge_digest(token))
            ).first()
            if token
            else None
        )
        candidate = _as_candidate(ctx, worker) if worker is not None else None
    if candidate is None:
        with ctx.transaction() as session:
            _refused(session, ctx, None, "unknown_badge")
            refusal = _register_failure(session, ctx, kiosk, None)
        raise refusal if isinstance(refusal, PinEntryPaused) else UnknownBadge()
    return _pass(ctx, candidate, "badge")


def pin_entry_paused_until(ctx: Context) -> datetime | None:
    """When PIN entry on this kiosk opens again; None when it is open now."""
    with ctx.reading() as session:
        return pin_locks.locked_until(session, ctx, _kiosk_pause(ctx.device))


def unlock(ctx: Context, number: int, *, by: Actor) -> datetime:
    """Staff open a locked number before its time. Returns when it would have opened."""
    now = ctx.clock.now()
    with ctx.transaction() as session:
        require_staff(session, by)
        lock = session.get(PinLock, ("number", str(number)), with_for_update=True)
        if lock is None or lock.locked_until is None or lock.locked_until <= now:
            raise Refused(f"number {number} is not locked", code="pin.not_locked", number=number)
        until = lock.locked_until
        lock.locked_until, lock.failures, lock.updated_at = None, 0, now
        worker_id = session.scalar(select(Worker.id).where(Worker.number == number))
        audit.record(
            session,
            ctx,
            "pin.number_unlock",
            Subject("worker", str(number), worker_id),
            actor=by,
            details={"was_locked_until": until.isoformat()},
        )
        return until


def _parse_number(text: str) -> int | None:
    cleaned = text.strip()
    if cleaned.isdigit() and 1 <= int(cleaned) <= MAX_NUMBER:
        return int(cleaned)
    return None


def _candidate(session: Session, ctx: Context, number: int | None) -> _Candidate:
    worker = (
        session.scalars(select(Worker).where(Worker.number == number)).first()
        if number is not None
        else None
    )
    if worker is None:
        return _Candidate(None, number, "", "", False, False)
    return _as_candidate(ctx, worker)


def _as_candidate(ctx: Context, worker: Worker) -> _Candidate:
    today = ctx.today()
    return _Candidate(
        worker.id,
        worker.number,
        worker.display_name,
        worker.pin_hash,
        worker.active,
        valid_on(worker.contract_start, worker.contract_end, today),
    )


def _pass(ctx: Context, candidate: _Candidate, method: str) -> WorkerPass:
    # Only after the PIN or badge proved who this is do we say anything about the contract.
    if not (candidate.active and candidate.contract_ok):
        raise TalkToStaff()
    assert candidate.worker_id is not None and candidate.number is not None
    return WorkerPass(
        worker_id=candidate.worker_id,
        number=candidate.number,
        display_name=candidate.display_name,
        method=method if ctx.device != CLI_DEVICE else "cli",
        verified_at=ctx.clock.now(),
    )


def _number_lockout(number: int, worker_id: int | None) -> Lockout:
    # The lock is on the number, whether or not a worker has it: see the module text.
    subject = Subject("worker", str(number), worker_id)
    return Lockout("number", str(number), subject, "pin.number_lock_expired")


def _refused(session: Session, ctx: Context, candidate: _Candidate | None, reason: str) -> None:
    """A failed login, in the audit log: the worker tried, by number; a number nobody has is
    not written down (it may be a PIN typed in the wrong box), nor a badge nobody has."""
    subject = Subject("worker")
    if candidate is not None and candidate.worker_id is not None:
        subject = Subject("worker", str(candidate.number), candidate.worker_id)
    audit.record(
        session,
        ctx,
        "worker.login_refused",
        subject,
        actor=ctx.device_actor,
        details={"reason": reason},
    )


def _kiosk_pause(kiosk: str) -> Lockout:
    return Lockout("kiosk", kiosk, Subject("kiosk", kiosk), "pin.kiosk_pause_expired")


def _refuse_if_paused(session: Session, ctx: Context, kiosk: str) -> None:
    until = pin_locks.locked_until(session, ctx, _kiosk_pause(kiosk))
    if until is not None:
        raise PinEntryPaused(until)


def _register_failure(
    session: Session, ctx: Context, kiosk: str, lockout: Lockout | None
) -> Refused:
    """Count one failure (`lockout`: the number tried, if any); returns the refusal to show
    (wrong PIN, now locked, now paused)."""
    rules = ctx.settings.peer_work
    now = ctx.clock.now()
    refusal: Refused = WrongPin()
    if lockout is not None:
        locked_until = pin_locks.count_wrong(
            session,
            ctx,
            lockout,
            max_failures=rules.pin_max_failures,
            lock_for=timedelta(minutes=rules.pin_lock_minutes),
        )
        if locked_until is not None:
            audit.record(
                session,
                ctx,
                "pin.number_lock",
                lockout.subject,
                actor=LOCKOUT,
                details={"until": locked_until.isoformat(), "kiosk": kiosk},
            )
            refusal = NumberLocked(locked_until)
    window_start = now - timedelta(minutes=rules.kiosk_failure_window_minutes)
    session.execute(
        delete(PinFailure).where(PinFailure.kiosk_id == kiosk, PinFailure.at < window_start)
    )
    session.add(PinFailure(kiosk_id=kiosk, at=now))
    session.flush()
    recent = session.scalar(
        select(func.count()).where(PinFailure.kiosk_id == kiosk, PinFailure.at >= window_start)
    )
    if (recent or 0) >= rules.kiosk_max_failures:
        pause = pin_locks.lock_row(session, ctx, _kiosk_pause(kiosk))
        pause.locked_until = now + timedelta(minutes=rules.kiosk_pause_minutes)
        pause.updated_at = now
        audit.record(
            session,
            ctx,
            "pin.kiosk_pause",
            Subject("kiosk", kiosk),
            actor=LOCKOUT,
            details={"until": pause.locked_until.isoformat(), "failures": recent},
        )
        refusal = PinEntryPaused(pause.locked_until)
    return refusal

"""Staff log in with their login and PIN; wrong PINs lock the account and pause the device.

The login screen must not tell anyone whether a login exists. An unknown login gets the same
answer as a wrong PIN, after the same argon2 verification (against a dummy hash, so it takes as
long), and it locks after the same number of tries: locking only real logins would give them
away. Only after the right PIN does the answer say more (a deactivated account).

Lockouts live in the database (`pin_locks`, kiosk.services.pin_locks), so they hold across
kiosks, staff PCs, processes and restarts:
- `staff.pin_max_failures` wrong PINs in a row for one login lock it for `staff.pin_lock_minutes`;
  an admin can open it sooner (`unlock`). The right PIN starts the count again.
- `staff.device_max_failures` failed logins on one device (a kiosk, a staff PC, the command
  line), whatever the login, each within `staff.device_failure_window_minutes` of the one
  before, pause staff login there for `staff.device_pause_minutes`. A right login does not
  clear this count: anyone with an account of their own could otherwise clear it between
  guesses.
- Every login, failed login, lock, pause and unlock is in the audit log; never a PIN, and a
  login nobody has is not written down (it may be a PIN typed in the wrong box).

The PIN is verified outside the write transaction: argon2 takes tens of milliseconds on purpose,
and holding the database lock meanwhile would stall every other kiosk.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from kiosk.core.actor import Actor
from kiosk.core.pins import dummy_hash, verify_pin
from kiosk.db.staff_models import StaffAccount
from kiosk.db.worker_models import PinLock
from kiosk.errors import LockedUntil, Refused
from kiosk.services import audit, pin_locks
from kiosk.services.audit import Subject
from kiosk.services.context import Context
from kiosk.services.pin_locks import LOCKOUT, Lockout
from kiosk.services.staff_access import ADMIN, require_staff
from kiosk.services.staff_accounts import (
    ACCOUNT_LOCK,
    LOGIN_PATTERN,
    account_or_none,
    find_account,
    normalise_login,
    subject,
)
from kiosk.services.views import JsonView

# The pin_locks scope of a device's pause on staff login.
DEVICE_PAUSE = "staff"
SUBJECT_CODE_LENGTH = 24


@dataclass(frozen=True)
class StaffPass(JsonView):
    """Proof that a staff member gave their login and PIN at `issued_at`, kept by the screen
    that asked. Each use case still checks the account itself (kiosk.services.staff_access), so
    a pass of an account deactivated since does nothing."""

    login: str
    display_name: str  # for staff screens only, never a public one
    role: str  # staff | admin
    issued_at: datetime

    @property
    def actor(self) -> Actor:
        """Who acts: pass this as `by` to the use cases."""
        return Actor("staff", self.login)

    @property
    def is_admin(self) -> bool:
        return self.role == ADMIN


class WrongLogin(Refused):
    """The login and PIN do not match, or there is no such login: the same to the person, so it
    carries no facts (not even the login tried)."""

    code = "staff.login_wrong"

    def __init__(self) -> None:
        super().__init__("that login and PIN do not match; please try again")


class AccountLocked(LockedUntil):
    code = "staff.account_locked"
    sentence = (
        "too many wrong PINs for this login; it is locked for a while, an admin can open it sooner"
    )


class LoginPaused(LockedUntil):
    code = "staff.login_paused"
    sentence = "too many failed staff logins on this device; try again in a few minutes"


class AccountInactive(Refused):
    """The PIN was right, but the account has been deactivated."""

    code = "staff.account_inactive"

    def __init__(self) -> None:
        super().__init__("this staff account is deactivated; an admin can tell you more")


@dataclass(frozen=True)
class _Candidate:
    account_id: int
    login: str
    display_name: str
    role: str
    pin_hash: str
    active: bool


def authenticate(ctx: Context, login: str, pin: str) -> StaffPass:
    """A StaffPass for the right login and PIN. Refused: WrongLogin, AccountLocked,
    LoginPaused (this device, `ctx.device`), AccountInactive."""
    typed = normalise_login(login)
    # A text that cannot be a login has no lock of its own; the device still counts it.
    can_be_a_login = LOGIN_PATTERN.fullmatch(typed) is not None
    pause = _device_pause(ctx.device)
    with ctx.reading() as session:
        paused_until = pin_locks.locked_until(session, ctx, pause)
        account = account_or_none(session, typed) if can_be_a_login else None
        candidate = _candidate(account) if account is not None else None
        lockout = _account_lockout(typed, candidate) if can_be_a_login else None
        locked_until = pin_locks.locked_until(session, ctx, lockout) if lockout else None
        wrong_before = lockout is not None and pin_locks.on_record(session, lockout)
    if paused_until is not None:
        with ctx.transaction() as session:
            _refused(session, ctx, candidate, "paused")
        raise LoginPaused(paused_until)
    if locked_until is not None:
        with ctx.transaction() as session:
            _refused(session, ctx, candidate, "locked")
        raise AccountLocked(locked_until)
    matches = verify_pin(candidate.pin_hash if candidate else dummy_hash(), pin)
    if not (matches and candidate and lockout):
        with ctx.transaction() as session:
            refusal = _register_failure(session, ctx, candidate, lockout, pause)
        raise refusal
    with ctx.transaction() as session:
        if wrong_before:
            pin_locks.clear(session, ctx, lockout)
        if candidate.active:
            audit.record(
                session,
                ctx,
                "staff.login",
                _subject(candidate),
                actor=Actor("staff", candidate.login),
            )
        else:
            _refused(session, ctx, candidate, "inactive")
    if not candidate.active:
        raise AccountInactive()
    return StaffPass(
        login=candidate.login,
        display_name=candidate.display_name,
        role=candidate.role,
        issued_at=ctx.clock.now(),
    )


def login_paused_until(ctx: Context) -> datetime | None:
    """When staff login on this device opens again; None when it is open now."""
    with ctx.reading() as session:
        return pin_locks.locked_until(session, ctx, _device_pause(ctx.device))


def unlock(ctx: Context, login: str, *, by: Actor) -> datetime:
    """An admin opens an account locked by wrong PINs before its time. Returns when it would
    have opened."""
    now = ctx.clock.now()
    with ctx.transaction() as session:
        require_staff(session, by, admin=True)
        account = find_account(session, normalise_login(login))
        lock = session.get(PinLock, (ACCOUNT_LOCK, account.login), with_for_update=True)
        if lock is None or lock.locked_until is None or lock.locked_until <= now:
            raise Refused(
                "this staff account is not locked", code="staff.not_locked", login=account.login
            )
        until = lock.locked_until
        lock.locked_until, lock.failures, lock.updated_at = None, 0, now
        audit.record(
            session,
            ctx,
            "staff.unlock",
            subject(account),
            actor=by,
            details={"was_locked_until": until.isoformat()},
        )
        return until


def _candidate(account: StaffAccount) -> _Candidate:
    return _Candidate(
        account.id,
        account.login,
        account.display_name,
        account.role,
        account.pin_hash,
        account.active,
    )


def _account_lockout(login: str, candidate: _Candidate | None) -> Lockout:
    # The lock is on the login, whether or not an account has it: see the module text.
    return Lockout(ACCOUNT_LOCK, login, _subject(candidate), "staff.lock_expired")


def _device_pause(device: str) -> Lockout:
    # A device id is at most 40 characters, as an actor's is; the audit log's subject code holds
    # 24, so a staff PC's longer id is cut there (the event's device column holds all of it).
    subject = Subject("device", device[:SUBJECT_CODE_LENGTH])
    return Lockout(DEVICE_PAUSE, device, subject, "staff.login_pause_expired")


def _subject(candidate: _Candidate | None) -> Subject:
    """The account tried, by its login; a login nobody has is not written down."""
    if candidate is None:
        return Subject("staff_account")
    return Subject("staff_account", candidate.login, candidate.account_id)


def _refused(session: Session, ctx: Context, candidate: _Candidate | None, reason: str) -> None:
    audit.record(
        session,
        ctx,
        "staff.login_refused",
        _subject(candidate),
        actor=ctx.device_actor,
        details={"reason": reason},
    )


def _register_failure(
    session: Session,
    ctx: Context,
    candidate: _Candidate | None,
    lockout: Lockout | None,
    pause: Lockout,
) -> Refused:
    """Count one failed login (`lockout`: the login tried, if it can be one); returns the
    refusal to show (wrong login or PIN, now locked, now paused)."""
    rules = ctx.settings.staff
    _refused(session, ctx, candidate, "wrong_pin")
    refusal: Refused = WrongLogin()
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
                "staff.locked",
                _subject(candidate),
                actor=LOCKOUT,
                details={"until": locked_until.isoformat()},
            )
            refusal = AccountLocked(locked_until)
    paused_until = pin_locks.count_wrong(
        session,
        ctx,
        pause,
        max_failures=rules.device_max_failures,
        lock_for=timedelta(minutes=rules.device_pause_minutes),
        forget_after=timedelta(minutes=rules.device_failure_window_minutes),
    )
    if paused_until is not None:
        audit.record(
            session,
            ctx,
            "staff.login_paused",
            pause.subject,
            actor=LOCKOUT,
            details={"until": paused_until.isoformat()},
        )
        refusal = LoginPaused(paused_until)
    return refusal

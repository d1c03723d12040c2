"""Staff at the kiosk: the hidden gesture's PIN, and closing the kiosk program.

Both are recorded in the audit log, wrong PINs too: whoever reaches the staff panel can see the
printer and stop the kiosk, so the clinic must be able to see who tried and when.

After `STAFF_PIN_TRIES` wrong PINs in a row the staff PIN pauses on that device for
`STAFF_PIN_PAUSE`, so the hash's slowness is not the only thing between a guesser and the
panel. The pause is kept in the database (kiosk.services.pin_locks): restarting the kiosk does
not lift it, and one kiosk's pause does not stop staff at another.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from kiosk.core.actor import Actor
from kiosk.core.pins import verify_pin
from kiosk.errors import Refused
from kiosk.services import audit, pin_locks
from kiosk.services.audit import Subject
from kiosk.services.context import Context
from kiosk.services.pin_locks import LOCKOUT, Lockout

# Until staff accounts exist there is one shared staff PIN, so the actor is the PIN, not a person.
SHARED_STAFF_PIN = Actor("staff", "kiosk-pin")
STAFF_PIN_TRIES = 5
STAFF_PIN_PAUSE = timedelta(seconds=60)


class StaffPinPaused(Refused):
    code = "staff_pin.paused"

    def __init__(self, until: datetime) -> None:
        super().__init__("too many wrong staff PINs; wait a minute and try again", until=until)
        self.until = until


def check_staff_pin(ctx: Context, pin: str) -> bool:
    """True when `pin` matches kiosk.staff_pin_hash. Refused with StaffPinPaused while entry
    is paused here, and by the wrong PIN that starts a pause. Every attempt is logged, never
    the PIN."""
    lockout = _shared_pin_lockout(ctx)
    with ctx.reading() as session:
        paused_until = pin_locks.locked_until(session, ctx, lockout)
    if paused_until is not None:
        with ctx.transaction() as session:
            audit.record(
                session,
                ctx,
                "staff.pin_refused",
                _kiosk(ctx),
                actor=SHARED_STAFF_PIN,
                details={"paused_until": paused_until.isoformat()},
            )
        raise StaffPinPaused(paused_until)
    # Verified outside the transaction: argon2 is slow on purpose.
    correct = verify_pin(ctx.settings.kiosk.staff_pin_hash, pin)
    with ctx.transaction() as session:
        action = "staff.pin_accepted" if correct else "staff.pin_refused"
        audit.record(session, ctx, action, _kiosk(ctx), actor=SHARED_STAFF_PIN)
        if correct:
            pin_locks.clear(session, ctx, lockout)
            return True
        paused_until = pin_locks.count_wrong(
            session, ctx, lockout, max_failures=STAFF_PIN_TRIES, lock_for=STAFF_PIN_PAUSE
        )
        if paused_until is not None:
            audit.record(
                session,
                ctx,
                "staff.pin_pause",
                lockout.subject,
                actor=LOCKOUT,
                details={"until": paused_until.isoformat()},
            )
    if paused_until is not None:
        raise StaffPinPaused(paused_until)
    return False


def staff_pin_paused_until(ctx: Context) -> datetime | None:
    """When the staff PIN can be tried again on this device; None when it can be now."""
    with ctx.reading() as session:
        return pin_locks.locked_until(session, ctx, _shared_pin_lockout(ctx))


def record_kiosk_closed(ctx: Context) -> None:
    with ctx.transaction() as session:
        audit.record(session, ctx, "kiosk.closed_by_staff", _kiosk(ctx), actor=SHARED_STAFF_PIN)


def _shared_pin_lockout(ctx: Context) -> Lockout:
    """The shared PIN pauses per device (a kiosk, or the command line). A staff account's own
    PIN will lock under scope "account" and the account's id instead, through the same rows."""
    return Lockout("staff", ctx.device, _kiosk(ctx), "staff.pin_pause_expired")


def _kiosk(ctx: Context) -> Subject:
    return Subject("kiosk", ctx.settings.kiosk.id)

"""Staff at the kiosk: the hidden gesture's PIN, and closing the kiosk program.

Both are recorded in the audit log, wrong PINs too: whoever reaches the staff panel can see the
printer and stop the kiosk, so the clinic must be able to see who tried and when.
"""

from __future__ import annotations

from kiosk.core.actor import Actor
from kiosk.core.pins import verify_pin
from kiosk.services import audit
from kiosk.services.context import Context

# Until staff accounts exist there is one shared staff PIN, so the actor is the PIN, not a person.
SHARED_STAFF_PIN = Actor("staff", "kiosk-pin")


def check_staff_pin(ctx: Context, pin: str) -> bool:
    """True when `pin` matches kiosk.staff_pin_hash. Every attempt is logged, never the PIN."""
    correct = verify_pin(ctx.settings.kiosk.staff_pin_hash, pin)
    _record(ctx, "staff.pin_accepted" if correct else "staff.pin_refused")
    return correct


def record_kiosk_closed(ctx: Context) -> None:
    _record(ctx, "kiosk.closed_by_staff")


def _record(ctx: Context, action: str) -> None:
    with ctx.transaction() as session:
        audit.record(
            session,
            ctx,
            action,
            audit.Subject("kiosk", ctx.settings.kiosk.id),
            actor=SHARED_STAFF_PIN,
        )

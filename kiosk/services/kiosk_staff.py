"""What staff do at the kiosk itself: print a test page, and close the kiosk program.

Only a staff member logged in at the kiosk (kiosk.services.staff_auth) may; both are in the
audit log, so the clinic can see who printed or stopped a kiosk, and when.
"""

from __future__ import annotations

from kiosk.core.actor import Actor
from kiosk.services import audit
from kiosk.services.audit import Subject
from kiosk.services.context import Context
from kiosk.services.staff_access import require_staff


def record_test_page(ctx: Context, *, by: Actor) -> None:
    """Staff asked this kiosk's printer for a test page: allowed and logged before it prints."""
    with ctx.transaction() as session:
        require_staff(session, by)
        audit.record(session, ctx, "printer.test_page", _kiosk(ctx), actor=by)


def record_kiosk_closed(ctx: Context, *, by: Actor) -> None:
    """Staff chose to close the kiosk program: allowed and logged before it closes."""
    with ctx.transaction() as session:
        require_staff(session, by)
        audit.record(session, ctx, "kiosk.closed_by_staff", _kiosk(ctx), actor=by)


def _kiosk(ctx: Context) -> Subject:
    return Subject("kiosk", ctx.device)

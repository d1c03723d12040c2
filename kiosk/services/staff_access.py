"""Who may do what among staff: the one role check every staff use case makes.

Every use case staff do (calling numbers, the staff steps of the help-request queue and its
details, peer workers, shifts, absences, sessions, payouts, the kiosk's test page and closing
the kiosk, staff accounts, the retention purge) takes the acting person as `by` and calls
`require_staff` inside its own transaction, before it reads or changes anything. So no front
door gets around it: hiding a button in the console is a courtesy, this is the rule.

- The command line acts as `cli:<OS user>` and may do everything: whoever can run `kiosk` on a
  machine holding the database is that installation's administrator.
- `staff:LOGIN` must be an existing, active staff account (kiosk.services.staff_accounts); an
  admin-only thing (`admin=True`: managing staff accounts, the audit log, re-opening a paid pay
  period, the purge on demand) needs the `admin` role.
- Anyone else is refused: a kiosk screen, a peer worker, the system.
Checked in the transaction, a deactivation or a changed role holds from the next step on, also
for a console where that person is still logged in.

The refusals' sentences name no login (they are logged); the login is a fact.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.core.actor import Actor
from kiosk.db.staff_models import StaffAccount
from kiosk.errors import Refused

ADMIN = "admin"
STAFF = "staff"
ROLES = (STAFF, ADMIN)

_WHO = {"kiosk": "a kiosk screen", "worker": "a peer worker", "system": "the system"}


def require_staff(session: Session, by: Actor, *, admin: bool = False) -> None:
    """Refuse unless `by` is the command line or an active staff account (with the admin role
    when `admin`). Call it inside the use case's transaction."""
    if by.kind == "cli":
        return
    if by.kind != "staff":
        raise Refused(
            f"only staff can do this, not {_WHO.get(by.kind, by.kind)}",
            code="staff.not_allowed",
            actor=str(by),
        )
    account = session.scalars(select(StaffAccount).where(StaffAccount.login == by.id)).first()
    if account is None:
        raise Refused("there is no such staff account", code="staff.unknown", login=by.id)
    if not account.active:
        raise Refused(
            "this staff account is deactivated", code="staff.inactive", login=account.login
        )
    if admin and account.role != ADMIN:
        raise Refused("only an admin can do this", code="staff.admin_only", login=account.login)

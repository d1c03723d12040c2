"""Who "staff:anna" and "worker:12" are, by the names staff know them by: for staff only.

The queue, a request's history and its notes name their people as actors, never by name (the
audit log outlives a name's right to be shown). A staff screen asks here for the display names
of the actors it is about to show; peer workers are clients too, so their names reach staff
screens only, through this check.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.core.actor import Actor
from kiosk.db.staff_models import StaffAccount
from kiosk.db.worker_models import Worker
from kiosk.services.context import Context
from kiosk.services.staff_access import require_staff


def display_names(ctx: Context, actors: Iterable[str], *, by: Actor) -> dict[str, str]:
    """The display name of each staff account ("staff:anna") and peer worker ("worker:12")
    among `actors` that has one; others (a kiosk, the command line, an unknown id) are left
    out, for the screen to show as they are."""
    with ctx.reading() as session:
        require_staff(session, by)
        return names_in(session, actors)


def names_in(session: Session, actors: Iterable[str]) -> dict[str, str]:
    """`display_names` inside a use case that has checked the role already."""
    logins: set[str] = set()
    numbers: set[int] = set()
    for actor in actors:
        kind, _, ident = actor.partition(":")
        if kind == "staff":
            logins.add(ident)
        elif kind == "worker" and ident.isdigit() and len(ident) < 10:
            numbers.add(int(ident))
    names: dict[str, str] = {}
    if logins:
        staff = select(StaffAccount.login, StaffAccount.display_name).where(
            StaffAccount.login.in_(logins)
        )
        names |= {f"staff:{login}": name for login, name in session.execute(staff)}
    if numbers:
        workers = select(Worker.number, Worker.display_name).where(Worker.number.in_(numbers))
        names |= {f"worker:{number}": name for number, name in session.execute(workers)}
    return names

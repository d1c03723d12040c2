"""What the staff console's People view shows, read in one go: the peer workers on duty now and
their tasks, today's shift plan with the absences reported for it, the sessions waiting for
staff to review, and the contracts ending soon.

Peer workers are clients too, so their names are for staff only, and the view of them is logged:
opening the view records, in the same transaction as the read, who saw whose names, when and
where. Reading it again while it stays open (on every change in the database) is not logged
again: it is the same view, and a log entry written on each re-read would itself be a change
that starts the next re-read.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from kiosk.core.actor import Actor
from kiosk.db.worker_models import Shift, Worker, WorkSession
from kiosk.services import audit
from kiosk.services.context import Context
from kiosk.services.forgotten_sign_outs import close_forgotten_in
from kiosk.services.shifts import shift_view
from kiosk.services.staff_access import require_staff
from kiosk.services.views import JsonView
from kiosk.services.worker_views import ContractWarning, SessionView, ShiftView, session_view
from kiosk.services.workers import contract_warnings


@dataclass(frozen=True)
class PeopleOverview(JsonView):
    on_duty: list[SessionView]  # open sessions, earliest sign-in first
    today_shifts: list[ShiftView]  # today's plan, absences included, by start
    to_review: list[SessionView]  # closed automatically, waiting for staff, oldest first
    contracts_ending: list[ContractWarning]


def people_overview(ctx: Context, *, by: Actor, opened: bool = False) -> PeopleOverview:
    """The People view for staff. `opened`: the person is opening the view now, so the names
    it shows are logged as seen by them."""
    today = ctx.today()
    with ctx.transaction() as session:
        require_staff(session, by)
        # A sign-in forgotten past closing time is no duty: it is listed for review instead.
        close_forgotten_in(session, ctx)
        sessions = select(WorkSession).options(selectinload(WorkSession.worker))
        on_duty = session.scalars(
            sessions.where(WorkSession.ended_at.is_(None)).order_by(WorkSession.started_at)
        )
        to_review = session.scalars(
            sessions.where(WorkSession.needs_review.is_(True)).order_by(WorkSession.started_at)
        )
        shifts = session.scalars(
            select(Shift)
            .options(selectinload(Shift.worker), selectinload(Shift.absence))
            .where(Shift.day == today)
            .order_by(Shift.starts_at, Shift.id)
        )
        workers = session.scalars(
            select(Worker).where(Worker.active.is_(True)).order_by(Worker.contract_end)
        )
        overview = PeopleOverview(
            on_duty=[session_view(s) for s in on_duty],
            today_shifts=[shift_view(s) for s in shifts],
            to_review=[session_view(s) for s in to_review],
            contracts_ending=contract_warnings(
                workers, today, ctx.settings.peer_work.contract_warning_days
            ),
        )
        if opened:
            audit.record(
                session,
                ctx,
                "people.view",
                audit.Subject("people"),
                actor=by,
                details={"workers": _numbers_shown(overview)},
            )
        return overview


def _numbers_shown(overview: PeopleOverview) -> list[int]:
    """Whose names the view showed: by number, as the audit log names a peer worker."""
    shown = {s.number for s in overview.on_duty} | {s.number for s in overview.to_review}
    shown |= {s.number for s in overview.today_shifts}
    shown |= {c.number for c in overview.contracts_ending}
    return sorted(shown)

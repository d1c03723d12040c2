"""Queue-number use cases: take, call, recall, serve, no-show, cancel, and what is waiting (for
the home screen, and for staff at a window).

Taking a number is anyone's; calling, recalling, serving, no-show and cancelling are staff's
(kiosk.services.staff_access)."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from kiosk.core.actor import Actor
from kiosk.core.codes import parse_queue_code, queue_code
from kiosk.core.opening_hours import next_opening, takes_tickets, when_it_opens
from kiosk.core.ticket_status import TicketStatus, check_ticket_transition
from kiosk.core.wait_estimate import estimated_wait_minutes, minutes_per_client
from kiosk.db.models import Ticket
from kiosk.errors import Closed, KioskError, NotFound, Refused
from kiosk.services import audit
from kiosk.services.context import Context
from kiosk.services.numbering import lock_series, take_next
from kiosk.services.staff_access import require_staff
from kiosk.services.views import NowServing, ServiceQueue, TicketView, WindowOverview
from kiosk.settings.schema import Service

# The pace of calls is read from this window, so a slow morning does not shape the afternoon.
PACE_LOOKBACK = timedelta(minutes=60)
PACE_MAX_CALLS = 10
# The `tickets.visit` column's width.
VISIT_MAX_LENGTH = 40


class RapidSeries(Refused):
    """`kiosk` has just given out `count` numbers for `service` within `seconds`: the next
    one is given only when the person at the kiosk says they need another (`another=True`)."""

    code = "ticket.rapid_series"

    def __init__(self, service: str, count: int, seconds: int, kiosk: str) -> None:
        super().__init__(
            f"{count} numbers for {service} were taken at kiosk {kiosk} in the last {seconds} "
            "seconds; another is given once the client confirms they need one",
            service=service,
            count=count,
            seconds=seconds,
            kiosk=kiosk,
        )
        self.service = service
        self.count = count
        self.seconds = seconds
        self.kiosk = kiosk


def new_visit() -> str:
    """A token for one client's visit to the take-a-number screen (see `take_number`)."""
    return uuid.uuid4().hex


def _service(ctx: Context, service_id: str) -> Service:
    service = ctx.settings.service(service_id)
    if service is None:
        letters = ", ".join(s.id for s in ctx.settings.services)
        raise NotFound(
            f'there is no service "{service_id}"; choose one of {letters}',
            code="service.unknown",
            service=service_id,
            known=letters,
        )
    return service


def take_number(
    ctx: Context,
    service_id: str,
    *,
    kiosk_id: str | None = None,
    visit: str | None = None,
    another: bool = False,
) -> TicketView:
    """A new number for `service_id`.

    `visit` (from `new_visit`) names one client's visit to a kiosk screen. Every call with the
    same visit gets that visit's ticket back (`repeated=True`) instead of a second number: a
    retry after a database hiccup, or a double tap that slipped through. A new visit always
    gets a new number.

    With `kiosk_id`, a rapid series from one kiosk (kiosk.rapid_series_*) is refused with
    `RapidSeries` unless `another` says the client confirmed they need one more.
    """
    service = _service(ctx, service_id)
    if visit is not None and not 0 < len(visit) <= VISIT_MAX_LENGTH:
        raise ValueError(f"a visit token has 1 to {VISIT_MAX_LENGTH} characters, got {visit!r}")
    now = ctx.clock.now()
    zone = ctx.settings.clinic.zone
    day = ctx.today()
    with ctx.transaction() as session:
        # Everything below is decided while holding the series lock, so two calls for one visit
        # cannot both miss the visit's ticket and take two numbers (the unique visit column
        # backs this up).
        lock_series(session, day, service.id)
        taken = _visits_ticket(session, visit, service.id)
        repeated = taken is not None
        if taken is None:
            if not takes_tickets(service, now, zone):
                opens = next_opening(service, now, zone)
                raise Closed(
                    f"service {service.id} takes no numbers now; "
                    f"it opens next {when_it_opens(opens, zone)}",
                    service=service.id,
                    opens_at=opens,
                )
            if kiosk_id and not another:
                _refuse_rapid_series(session, ctx, service.id, kiosk_id, now)
            taken = Ticket(
                business_day=day,
                service=service.id,
                number=take_next(session, day, service.id),
                status=TicketStatus.WAITING,
                taken_at=now,
                kiosk_id=kiosk_id,
                call_count=0,
                visit=visit,
            )
            session.add(taken)
            session.flush()
            audit.record(
                session,
                ctx,
                "ticket.take",
                taken,
                actor=ctx.actor_at(kiosk_id),
                at=now,
                device=kiosk_id or ctx.device,
            )
    # The wait estimate is read after the lock is let go: on SQLite the write lock is the whole
    # file's, and four kiosks taking numbers at once would queue behind each other's estimates.
    with ctx.reading() as session:
        return _view(session, ctx, session.get_one(Ticket, taken.id), repeated=repeated)


def _visits_ticket(session: Session, visit: str | None, service: str) -> Ticket | None:
    """The ticket this screen visit already took, if any."""
    if visit is None:
        return None
    taken = session.scalars(select(Ticket).where(Ticket.visit == visit)).first()
    if taken is not None and taken.service != service:
        raise ValueError(f"visit {visit} took {_code(taken)}, not a {service} number")
    return taken


def _refuse_rapid_series(
    session: Session, ctx: Context, service: str, kiosk_id: str, now: datetime
) -> None:
    limit = ctx.settings.kiosk.rapid_series_tickets
    seconds = ctx.settings.kiosk.rapid_series_seconds
    if limit == 0:
        return
    # Every slip counts, whatever became of its ticket since: the paper is gone.
    count = (
        session.scalar(
            select(func.count()).where(
                Ticket.kiosk_id == kiosk_id,
                Ticket.service == service,
                Ticket.taken_at > now - timedelta(seconds=seconds),
            )
        )
        or 0
    )
    if count > limit:
        raise RapidSeries(service, count, seconds, kiosk_id)


def call_next(
    ctx: Context, window: int, *, by: Actor, service_id: str | None = None
) -> TicketView | None:
    """Call the longest-waiting number to `window`: of one service, or of any service served
    there. None when nobody is waiting."""
    services = _services_at_window(ctx, window, service_id)
    with ctx.transaction() as session:
        require_staff(session, by)
        query = (
            select(Ticket)
            .where(
                Ticket.business_day == ctx.today(),
                Ticket.service.in_(services),
                Ticket.status == TicketStatus.WAITING,
            )
            .order_by(Ticket.taken_at, Ticket.id)
            .limit(1)
            # Two windows calling at once on PostgreSQL each get a different ticket.
            .with_for_update(skip_locked=True)
        )
        ticket = session.scalars(query).first()
        if ticket is None:
            return None
        _change(session, ctx, ticket, TicketStatus.CALLED, by, "ticket.call", window=window)
        return _view(session, ctx, ticket)


def _services_at_window(ctx: Context, window: int, service_id: str | None) -> list[str]:
    if service_id is not None:
        service = _service(ctx, service_id)
        if window not in service.windows:
            windows = ", ".join(map(str, service.windows))
            raise Refused(
                f"window {window} does not serve {service.id}; its windows are {windows}",
                code="window.not_serving",
                window=window,
                service=service.id,
                windows=windows,
            )
        return [service.id]
    services = [s.id for s in ctx.settings.services if window in s.windows]
    if not services:
        known = ", ".join(map(str, sorted({w for s in ctx.settings.services for w in s.windows})))
        raise Refused(
            f"there is no window {window}; the windows are {known}",
            code="window.unknown",
            window=window,
            windows=known,
        )
    return services


def recall(ctx: Context, code: str, *, by: Actor) -> TicketView:
    return _transition(ctx, code, TicketStatus.CALLED, by, "ticket.recall", require_called=True)


def serve(ctx: Context, code: str, *, by: Actor) -> TicketView:
    return _transition(ctx, code, TicketStatus.SERVED, by, "ticket.serve")


def no_show(ctx: Context, code: str, *, by: Actor) -> TicketView:
    return _transition(ctx, code, TicketStatus.NO_SHOW, by, "ticket.no_show")


def cancel(ctx: Context, code: str, *, by: Actor) -> TicketView:
    return _transition(ctx, code, TicketStatus.CANCELLED, by, "ticket.cancel")


def _transition(
    ctx: Context,
    code: str,
    status: TicketStatus,
    by: Actor,
    action: str,
    *,
    require_called: bool = False,
) -> TicketView:
    with ctx.transaction() as session:
        require_staff(session, by)
        ticket = _find(session, ctx, code)
        if require_called and ticket.status != TicketStatus.CALLED:
            raise Refused(
                f"ticket {_code(ticket)} has not been called, so it cannot be recalled",
                code="ticket.not_called",
                ticket=_code(ticket),
            )
        _change(session, ctx, ticket, status, by, action, window=ticket.window)
        return _view(session, ctx, ticket)


def _find(session: Session, ctx: Context, code: str) -> Ticket:
    parsed = parse_queue_code(code)
    if parsed is None:
        raise KioskError(
            f'"{code}" is not a queue number; write it like A017',
            code="ticket.code_invalid",
            text=code,
        )
    query = (
        select(Ticket)
        .where(
            Ticket.business_day == ctx.today(),
            Ticket.service == parsed[0],
            Ticket.number == parsed[1],
        )
        .with_for_update()
    )
    ticket = session.scalars(query).first()
    if ticket is None:
        raise NotFound(
            f"no ticket {code.upper()} today", code="ticket.not_found", ticket=code.upper()
        )
    return ticket


def _change(
    session: Session,
    ctx: Context,
    ticket: Ticket,
    status: TicketStatus,
    by: Actor,
    action: str,
    *,
    window: int | None,
) -> None:
    before = TicketStatus(ticket.status)
    check_ticket_transition(_code(ticket), before, status)
    now = ctx.clock.now()
    ticket.status = status
    if status == TicketStatus.CALLED:
        ticket.window = window
        ticket.called_at = now
        ticket.call_count += 1
    else:
        ticket.finished_at = now
    audit.record(
        session,
        ctx,
        action,
        ticket,
        actor=by,
        details={"from": before.value, "to": status.value, "window": window},
        at=now,
    )


def waiting_line(ctx: Context, service_id: str | None = None) -> list[TicketView]:
    """Today's tickets still in play (waiting or called), oldest first."""
    services = [_service(ctx, service_id).id] if service_id else None
    with ctx.reading() as session:
        query = select(Ticket).where(
            Ticket.business_day == ctx.today(),
            Ticket.status.in_([TicketStatus.WAITING, TicketStatus.CALLED]),
        )
        if services:
            query = query.where(Ticket.service.in_(services))
        tickets = list(session.scalars(query.order_by(Ticket.taken_at, Ticket.id)))
        paces = {s.id: _pace(session, ctx, s) for s in ctx.settings.services}
        ahead_by_service: dict[str, int] = {}
        views = []
        for ticket in tickets:
            ahead = ahead_by_service.get(ticket.service, 0)
            waiting = ticket.status == TicketStatus.WAITING
            views.append(
                _make_view(ticket, ahead if waiting else 0, paces[ticket.service] if waiting else 0)
            )
            if waiting:
                ahead_by_service[ticket.service] = ahead + 1
        return views


def queue_overview(ctx: Context) -> list[ServiceQueue]:
    """Each service as the home screen shows it: people waiting, estimated wait, open or not."""
    with ctx.reading() as session:
        return _queues(session, ctx, ctx.settings.services)


def window_overview(ctx: Context, window: int, *, by: Actor) -> WindowOverview:
    """What staff at `window` see: the number called there now, and for each service served
    there the people waiting, since when the first of them waits, the estimated wait for a new
    number, and whether it gives out numbers now."""
    served_here = [_service(ctx, s) for s in _services_at_window(ctx, window, None)]
    with ctx.reading() as session:
        require_staff(session, by)
        newest = session.scalars(
            select(Ticket)
            .where(
                Ticket.business_day == ctx.today(),
                Ticket.window == window,
                Ticket.called_at.is_not(None),
            )
            .order_by(Ticket.called_at.desc(), Ticket.id.desc())
            .limit(1)
        ).first()
        # As on the board: a number served or marked absent leaves the window free; an older
        # one left called there was passed over.
        current = newest if newest is not None and newest.status == TicketStatus.CALLED else None
        return WindowOverview(
            window=window,
            queues=_queues(session, ctx, served_here),
            current=None if current is None else _view(session, ctx, current),
        )


def _queues(session: Session, ctx: Context, services: list[Service]) -> list[ServiceQueue]:
    now = ctx.clock.now()
    zone = ctx.settings.clinic.zone
    waiting_by_service = {
        service: (count, first)
        for service, count, first in session.execute(
            select(Ticket.service, func.count(), func.min(Ticket.taken_at))
            .where(Ticket.business_day == ctx.today(), Ticket.status == TicketStatus.WAITING)
            .group_by(Ticket.service)
        ).all()
    }
    overview = []
    for service in services:
        waiting, first_since = waiting_by_service.get(service.id, (0, None))
        open_now = takes_tickets(service, now, zone)
        overview.append(
            ServiceQueue(
                service=service.id,
                waiting=waiting,
                estimated_wait_min=estimated_wait_minutes(waiting, _pace(session, ctx, service)),
                open_now=open_now,
                opens_next=None if open_now else next_opening(service, now, zone),
                first_waiting_since=first_since,
            )
        )
    return overview


def now_serving(ctx: Context, limit: int | None = None) -> list[NowServing]:
    """For the board and the home strip: each window's newest call today, newest first (at most
    `limit` of them).

    One number per window: a client who sees "A002 → window 2" beside "A004 → window 2" cannot
    tell whose turn it is. A window whose newest number has been served or marked absent shows
    nothing; an older number left called there has been passed over, not called again."""
    newest_first = (Ticket.called_at.desc(), Ticket.id.desc())
    ranked = (
        select(
            Ticket.id,
            func.row_number().over(partition_by=Ticket.window, order_by=newest_first).label("rank"),
        )
        .where(Ticket.business_day == ctx.today(), Ticket.called_at.is_not(None))
        .subquery()
    )
    with ctx.reading() as session:
        query = (
            select(Ticket)
            .join(ranked, ranked.c.id == Ticket.id)
            .where(ranked.c.rank == 1, Ticket.status == TicketStatus.CALLED)
            .order_by(*newest_first)
            .limit(limit)
        )
        return [
            NowServing(code=_code(t), window=t.window or 0, called_at=t.called_at or t.taken_at)
            for t in session.scalars(query)
        ]


def _pace(session: Session, ctx: Context, service: Service) -> float:
    since = ctx.clock.now() - PACE_LOOKBACK
    calls = session.scalars(
        select(Ticket.called_at)
        .where(
            Ticket.business_day == ctx.today(),
            Ticket.service == service.id,
            Ticket.called_at.is_not(None),
            Ticket.called_at >= since,
        )
        .order_by(Ticket.called_at.desc())
        .limit(PACE_MAX_CALLS)
    ).all()
    waiting_since = session.scalar(
        select(func.min(Ticket.taken_at)).where(
            Ticket.business_day == ctx.today(),
            Ticket.service == service.id,
            Ticket.status == TicketStatus.WAITING,
        )
    )
    return minutes_per_client(
        [c for c in calls if c is not None],
        service.default_minutes_per_client,
        ctx.clock.now(),
        waiting_since,
    )


def _view(session: Session, ctx: Context, ticket: Ticket, *, repeated: bool = False) -> TicketView:
    if ticket.status != TicketStatus.WAITING:
        return _make_view(ticket, 0, 0, repeated=repeated)
    ahead = (
        session.scalar(
            select(func.count()).where(
                Ticket.business_day == ticket.business_day,
                Ticket.service == ticket.service,
                Ticket.status == TicketStatus.WAITING,
                Ticket.number < ticket.number,
            )
        )
        or 0
    )
    service = _service(ctx, ticket.service)
    return _make_view(ticket, ahead, _pace(session, ctx, service), repeated=repeated)


def _make_view(ticket: Ticket, ahead: int, pace: float, *, repeated: bool = False) -> TicketView:
    return TicketView(
        code=_code(ticket),
        service=ticket.service,
        number=ticket.number,
        status=TicketStatus(ticket.status).value,
        business_day=ticket.business_day,
        taken_at=ticket.taken_at,
        ahead=ahead,
        estimated_wait_min=estimated_wait_minutes(ahead, pace),
        window=ticket.window,
        called_at=ticket.called_at,
        call_count=ticket.call_count,
        repeated=repeated,
    )


def _code(ticket: Ticket) -> str:
    return queue_code(ticket.service, ticket.number)

"""Help with benefit applications: open a request, work through the queue, come back another day.

A request holds a topic and three checkboxes. No names, no identity codes, no free text from the
client; only staff write notes, and those are purged after the retention period.

Who may do what: staff (kiosk.services.staff_access) do everything; a peer worker who is signed
in may list the queue, claim, call, mark waiting for documents, done, not present or cancelled,
for topics that are not staff-only. Notes, details and assigning are staff's. A request is
called to a help desk (`help.places`) as a ticket is called to a window, and the lounge's
screens show "H003 → Lift computer": the code and the place, nothing else.

The return code on the slip (`resume_code`) brings a request back on another day, so it must
not be guessable by trying: `RESUME_TRIES` wrong codes on one device (a kiosk, or the command
line) within `RESUME_TRIES_FORGOTTEN` pause code entry there for `RESUME_PAUSE`. A right code
does not start the count again, or anyone holding one real code could clear it between guesses.
The pause is kept in the database (kiosk.services.pin_locks) and every wrong code, pause and
end of a pause is in the audit log, never the code typed.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from kiosk.core.actor import Actor
from kiosk.core.business_day import business_day_start
from kiosk.core.codes import (
    HELP_PREFIX,
    could_be_resume_code,
    new_resume_code,
    normalise_resume_code,
    parse_queue_code,
    queue_code,
)
from kiosk.core.help_status import ACTIVE, HelpStatus, check_help_transition
from kiosk.core.opening_hours import clinic_next_opening, when_it_opens
from kiosk.core.typed_text import without_control_characters
from kiosk.core.wait_estimate import estimated_wait_minutes
from kiosk.db.models import HelpNote, HelpRequest
from kiosk.db.worker_models import Worker
from kiosk.errors import Closed, KioskError, LockedUntil, NotFound, Refused
from kiosk.services import audit, duty, pin_locks
from kiosk.services.audit import Subject
from kiosk.services.context import Context
from kiosk.services.numbering import lock_series, take_next
from kiosk.services.pin_locks import LOCKOUT, Lockout
from kiosk.services.staff_access import require_staff
from kiosk.services.views import HelpQueue, HelpRequestView, NowServing
from kiosk.services.workers import MAX_NUMBER
from kiosk.settings.schema import HelpPlace, HelpTopic

MAX_NOTE_LENGTH = 2000
RESUME_TRIES = 5
RESUME_TRIES_FORGOTTEN = timedelta(minutes=10)
RESUME_PAUSE = timedelta(minutes=1)


class ResumePaused(LockedUntil):
    """Too many wrong return codes on this device: code entry waits until `until`."""

    code = "help.return_code_paused"
    sentence = "too many wrong return codes here; wait a minute and try again"


@dataclass(frozen=True)
class Note:
    written_at: datetime
    written_by: str
    text: str


@dataclass(frozen=True)
class AuditLine:
    at: datetime
    actor: str
    device: str
    action: str


@dataclass(frozen=True)
class HelpRequestDetails:
    """What staff see when they open a request. Opening it is itself logged."""

    request: HelpRequestView
    notes: list[Note]
    history: list[AuditLine]


def topic(ctx: Context, topic_id: str) -> HelpTopic:
    found = ctx.settings.help.topic(topic_id)
    if found is None:
        known = ", ".join(t.id for t in ctx.settings.help.topics)
        raise NotFound(
            f'there is no help topic "{topic_id}"; choose one of {known}',
            code="help.topic_unknown",
            topic=topic_id,
            known=known,
        )
    return found


def opens_next(ctx: Context, now: datetime) -> datetime | None:
    """`now` while the clinic is open (help is asked for then), else when it next opens."""
    return clinic_next_opening(ctx.settings.services, now, ctx.settings.clinic.zone)


def help_queue(ctx: Context) -> HelpQueue:
    """How many wait for help today, the wait for someone who asks now, and whether help is
    asked for now (while the clinic is open) or when it next is."""
    now = ctx.clock.now()
    opens = opens_next(ctx, now)
    with ctx.reading() as session:
        waiting = (
            session.scalar(
                select(func.count()).where(
                    HelpRequest.status == HelpStatus.OPEN,
                    HelpRequest.queued_at >= _today_start(ctx),
                )
            )
            or 0
        )
    return HelpQueue(
        waiting=waiting,
        estimated_wait_min=estimated_wait_minutes(waiting, ctx.settings.help.minutes_per_request),
        open_now=opens == now,
        opens_next=None if opens == now else opens,
    )


def open_request(
    ctx: Context,
    topic_id: str,
    *,
    has_credentials: bool = False,
    has_documents: bool = False,
    needs_interpreter: bool = False,
    kiosk_id: str | None = None,
) -> HelpRequestView:
    chosen = topic(ctx, topic_id)
    now = ctx.clock.now()
    opens = opens_next(ctx, now)
    if opens != now:
        when = when_it_opens(opens, ctx.settings.clinic.zone)
        raise Closed(
            f"help requests are taken while the clinic is open; it opens next {when}",
            code="help.closed",
            service=HELP_PREFIX,
            opens_at=opens,
        )
    day = ctx.today()
    with ctx.transaction() as session:
        lock_series(session, day, HELP_PREFIX)
        request = HelpRequest(
            business_day=day,
            number=take_next(session, day, HELP_PREFIX),
            resume_code=_unused_resume_code(session),
            topic=chosen.id,
            status=HelpStatus.OPEN,
            has_credentials=has_credentials,
            has_documents=has_documents,
            needs_interpreter=needs_interpreter,
            created_at=now,
            queued_at=now,
            updated_at=now,
            kiosk_id=kiosk_id,
        )
        session.add(request)
        session.flush()
        audit.record(
            session,
            ctx,
            "help.open",
            request,
            # No topic: the request holds it for as long as it is kept, and the audit log,
            # kept longer, must not outlive what it says about the client.
            actor=ctx.actor_at(kiosk_id),
        )
        return _view(session, ctx, request)


def _unused_resume_code(session: Session) -> str:
    while True:
        code = new_resume_code()
        if session.scalar(select(HelpRequest.id).where(HelpRequest.resume_code == code)) is None:
            return code


class AlreadyClaimed(Refused):
    """Someone else started helping first: two helpers took the same request at once, or one
    took it from a list that was a moment old. Who it was is not said: the refusal reaches the
    lounge's public screen."""

    code = "help.already_claimed"

    def __init__(self, request: str) -> None:
        super().__init__(f"someone is already helping with {request}", request=request)


def claim(ctx: Context, code: str, *, by: Actor, place: str | None = None) -> HelpRequestView:
    """A peer worker or staff member starts helping. With `place` the request is called there
    too; a peer worker's claim always calls it, to `place` or else to the peer workers' place
    (`help.peer_worker_place`), so the client hears where to go. Of two helpers claiming one
    request at once, the row lock lets one win; the other is refused with AlreadyClaimed."""
    if place is None and by.kind == "worker":
        peers = ctx.settings.help.peer_workers_place()
        place = peers.id if peers else None
    where = _place(ctx, place) if place is not None else None
    with ctx.transaction() as session:
        request = _find(session, ctx, code)
        _check_helper(session, ctx, request, by)
        if request.status == HelpStatus.IN_PROGRESS and request.claimed_by != str(by):
            raise AlreadyClaimed(_code(request))
        _change(session, ctx, request, HelpStatus.IN_PROGRESS, by, "help.claim")
        request.claimed_by = str(by)
        if where is not None:
            _call(session, ctx, request, where, by)
        return _view(session, ctx, request)


def _check_helper(session: Session, ctx: Context, request: HelpRequest, by: Actor) -> None:
    """Who may handle a request: staff, or a peer worker on duty for a topic that is not
    staff-only. Checked here, in the core, for every step, so no screen or script can get
    around it."""
    if by.kind != "worker":
        require_staff(session, by)
        return
    _check_peer_topic(ctx, request)
    _check_on_duty(session, ctx, by)


def _check_peer_topic(ctx: Context, request: HelpRequest) -> None:
    if topic(ctx, request.topic).staff_only:
        raise Refused(
            f"{_code(request)} is about a topic only staff may handle; please ask staff to take it",
            code="help.staff_only",
            request=_code(request),
        )


def _check_on_duty(session: Session, ctx: Context, by: Actor) -> None:
    """A request's history must name a peer worker who was really there: an existing, active
    worker with an open sign-in, not any number typed after `--by worker:`. Assigning checks
    the same of the worker it is given to."""
    # Bounded before the query: an overlong number would overflow PostgreSQL's integer.
    number = int(by.id) if by.id.isdigit() and len(by.id) <= len(str(MAX_NUMBER)) else None
    worker = (
        session.scalars(select(Worker).where(Worker.number == number)).first()
        if number is not None
        else None
    )
    if worker is None or not worker.active:
        raise Refused(
            f"there is no active peer worker {by.id}",
            code="help.helper_unknown",
            worker=by.id,
        )
    if duty.current_session(session, ctx, worker.id) is None:
        raise Refused(
            f"peer worker {by.id} is not signed in; they sign in at the kiosk before helping",
            code="help.helper_not_signed_in",
            worker=by.id,
        )


def wait_for_documents(ctx: Context, code: str, *, by: Actor) -> HelpRequestView:
    return _move(ctx, code, HelpStatus.WAITING_DOCS, by, "help.wait_docs")


def done(ctx: Context, code: str, *, by: Actor) -> HelpRequestView:
    return _move(ctx, code, HelpStatus.DONE, by, "help.done")


def cancel(ctx: Context, code: str, *, by: Actor) -> HelpRequestView:
    return _move(ctx, code, HelpStatus.CANCELLED, by, "help.cancel")


def not_present(ctx: Context, code: str, *, by: Actor) -> HelpRequestView:
    return _move(ctx, code, HelpStatus.NOT_PRESENT, by, "help.not_present")


def resume(ctx: Context, resume_code: str, *, kiosk_id: str | None = None) -> HelpRequestView:
    """The client is back with the code from their slip: a request waiting for documents rejoins
    the queue; an open or running one just shows where it stands. Refused with ResumePaused
    while code entry is paused on this device, and by the wrong code that starts a pause."""
    paused_until = resume_paused_until(ctx, kiosk_id=kiosk_id)
    if paused_until is not None:
        raise ResumePaused(paused_until)
    try:
        return _resume_by_code(ctx, resume_code, kiosk_id=kiosk_id)
    except NotFound:
        with ctx.transaction() as session:
            paused_until = _count_wrong_code(session, ctx, kiosk_id)
        if paused_until is not None:
            raise ResumePaused(paused_until) from None
        raise


def resume_paused_until(ctx: Context, *, kiosk_id: str | None = None) -> datetime | None:
    """When return codes can be tried again on this device; None when they can be now."""
    with ctx.reading() as session:
        return pin_locks.locked_until(session, ctx, _resume_lockout(ctx, kiosk_id))


def _resume_by_code(
    ctx: Context, resume_code: str, *, kiosk_id: str | None = None
) -> HelpRequestView:
    actor = ctx.actor_at(kiosk_id)
    with ctx.transaction() as session:
        request = _find(session, ctx, resume_code, resume_only=True)
        # A request left open or in progress on an earlier day holds no place in today's line
        # (its client went home): back today, it queues again like one waiting for papers.
        left_over = request.status in ACTIVE and request.business_day != ctx.today()
        if request.status == HelpStatus.WAITING_DOCS or left_over:
            _renumber_for_today(session, ctx, request, actor)
            if request.status == HelpStatus.OPEN:
                request.updated_at = ctx.clock.now()
                audit.record(session, ctx, "help.resume", request, actor=actor)
            else:
                _change(session, ctx, request, HelpStatus.OPEN, actor, "help.resume")
            request.queued_at = request.updated_at
            request.claimed_by = None  # back in the queue: whoever takes it next claims it
        elif request.status not in ACTIVE:
            # Not the return code: this sentence may be logged.
            raise Refused(
                f"request {_code(request)} is already closed; please open a new one or ask staff",
                code="help.already_closed",
                request=_code(request),
            )
        return _view(session, ctx, request)


def _renumber_for_today(session: Session, ctx: Context, request: HelpRequest, actor: Actor) -> None:
    """A request back on a later day takes today's next number: its old one restarted with the
    day and may already be someone else's today (two clients must never hold one number). The
    return code stays; the audit log keeps both numbers."""
    today = ctx.today()
    if request.business_day == today:
        return
    before = _code(request)
    lock_series(session, today, HELP_PREFIX)
    number = take_next(session, today, HELP_PREFIX)
    request.business_day, request.number = today, number
    audit.record(
        session,
        ctx,
        "help.renumber",
        request,
        actor=actor,
        details={"from": before, "to": _code(request)},
    )


def _resume_lockout(ctx: Context, kiosk_id: str | None) -> Lockout:
    device = kiosk_id or ctx.device
    return Lockout("resume", device, Subject("kiosk", device), "help.resume_pause_expired")


def _count_wrong_code(session: Session, ctx: Context, kiosk_id: str | None) -> datetime | None:
    """One more wrong return code on this device; the pause's end if this one starts it."""
    lockout = _resume_lockout(ctx, kiosk_id)
    actor = ctx.actor_at(kiosk_id)
    paused_until = pin_locks.count_wrong(
        session,
        ctx,
        lockout,
        max_failures=RESUME_TRIES,
        lock_for=RESUME_PAUSE,
        forget_after=RESUME_TRIES_FORGOTTEN,
    )
    audit.record(session, ctx, "help.resume_wrong_code", lockout.subject, actor=actor)
    if paused_until is not None:
        audit.record(
            session,
            ctx,
            "help.resume_pause",
            lockout.subject,
            actor=LOCKOUT,
            details={"until": paused_until.isoformat()},
        )
    return paused_until


def _move(
    ctx: Context,
    code: str,
    status: HelpStatus,
    by: Actor,
    action: str,
) -> HelpRequestView:
    with ctx.transaction() as session:
        request = _find(session, ctx, code)
        _check_helper(session, ctx, request, by)
        _change(session, ctx, request, status, by, action)
        return _view(session, ctx, request)


def _change(
    session: Session,
    ctx: Context,
    request: HelpRequest,
    status: HelpStatus,
    by: Actor,
    action: str,
) -> None:
    before = HelpStatus(request.status)
    check_help_transition(_code(request), before, status)
    now = ctx.clock.now()
    request.status = status
    request.updated_at = now
    if status not in ACTIVE:
        request.closed_at = now
    audit.record(
        session, ctx, action, request, actor=by, details={"from": before.value, "to": status.value}
    )


def add_note(ctx: Context, code: str, text: str, *, by: Actor) -> None:
    """A staff note on the request (staff only; deleted after the retention period)."""
    cleaned = without_control_characters(text).strip()
    if not cleaned:
        raise KioskError(
            "the note is empty; write what was done or what is still needed",
            code="help.note_empty",
        )
    if len(cleaned) > MAX_NOTE_LENGTH:
        raise KioskError(
            f"the note is longer than {MAX_NOTE_LENGTH} characters; shorten it",
            code="help.note_too_long",
            limit=MAX_NOTE_LENGTH,
        )
    with ctx.transaction() as session:
        require_staff(session, by)
        request = _find(session, ctx, code)
        now = ctx.clock.now()
        request.notes.append(HelpNote(written_at=now, written_by=str(by), text=cleaned))
        # The note's text stays out of the audit log: the log outlives the note's retention.
        audit.record(session, ctx, "help.note", request, actor=by)


def details(ctx: Context, code: str, *, by: Actor) -> HelpRequestDetails:
    """A request with its notes and history, for staff only. Logged as a view in the same
    transaction, so no one can see a request's details without leaving a trace."""
    with ctx.transaction() as session:
        require_staff(session, by)
        request = _find(session, ctx, code)
        audit.record(session, ctx, "help.view", request, actor=by)
        session.flush()
        history = [
            AuditLine(e.at, e.actor, e.device, e.action)
            for e in audit.events_for(session, "help_request", request.id)
        ]
        notes = [Note(n.written_at, n.written_by, n.text) for n in request.notes]
        return HelpRequestDetails(_view(session, ctx, request), notes, history)


def call(ctx: Context, code: str, place: str, *, by: Actor) -> HelpRequestView:
    """Call the request to a help desk: the lounge's screens show "H003 → Lift computer" until
    it is called elsewhere, another request is called to that desk, or it is closed or waits
    for documents. Calling it again is a recall, also logged. Staff, or a peer worker as for
    every other step."""
    where = _place(ctx, place)
    with ctx.transaction() as session:
        request = _find(session, ctx, code)
        _check_helper(session, ctx, request, by)
        if request.status not in (HelpStatus.OPEN, HelpStatus.IN_PROGRESS):
            raise _not_now(request, "called")
        _call(session, ctx, request, where, by)
        return _view(session, ctx, request)


def assign(ctx: Context, code: str, worker: int, *, by: Actor) -> HelpRequestView:
    """Staff give the request to peer worker number `worker`, who must be signed in now and may
    handle its topic; they see it as theirs at the kiosk and claim it there. Assigning again
    gives it to someone else."""
    helper = Actor("worker", str(worker))
    with ctx.transaction() as session:
        require_staff(session, by)
        request = _find(session, ctx, code)
        if request.status not in ACTIVE:
            raise _not_now(request, "assigned")
        _check_peer_topic(ctx, request)
        _check_on_duty(session, ctx, helper)
        before = request.assigned_to
        request.assigned_to = str(helper)
        request.updated_at = ctx.clock.now()
        audit.record(
            session,
            ctx,
            "help.assign",
            request,
            actor=by,
            details={"from": before, "to": str(helper)},
        )
        return _view(session, ctx, request)


def _place(ctx: Context, place_id: str) -> HelpPlace:
    found = ctx.settings.help.place(place_id)
    if found is None:
        known = ", ".join(p.id for p in ctx.settings.help.places) or "none configured"
        raise NotFound(
            f'there is no help desk "{place_id}"; choose one of {known}',
            code="help.place_unknown",
            place=place_id,
            known=known,
        )
    return found


def _call(
    session: Session, ctx: Context, request: HelpRequest, where: HelpPlace, by: Actor
) -> None:
    again = request.call_count > 0 and request.place == where.id and _on_call(ctx, request)
    request.place = where.id
    request.called_at = ctx.clock.now()
    request.call_count += 1
    audit.record(
        session,
        ctx,
        "help.recall" if again else "help.call",
        request,
        actor=by,
        details={"place": where.id, "calls": request.call_count},
    )


def _on_call(ctx: Context, request: HelpRequest) -> bool:
    """Whether the request's last call still stands: made today, and not before it last joined
    the queue (coming back with documents starts afresh)."""
    called = request.called_at
    return called is not None and called >= max(request.queued_at, _today_start(ctx))


def _not_now(request: HelpRequest, wanted: str) -> Refused:
    status = HelpStatus(request.status)
    return Refused(
        f"help request {_code(request)} is {status.value.replace('_', ' ')} and cannot be "
        f"{wanted} now",
        code="help.wrong_state",
        request=_code(request),
        status=status.value,
        wanted=wanted,
    )


def queue(ctx: Context, *, by: Actor, record_view: bool = False) -> list[HelpRequestView]:
    """Active requests: open ones in queue order, then those in progress, then those waiting for
    documents. For staff; and for a peer worker on duty the requests of topics that are not
    staff-only, without their return codes and without who else helps or was given one (the
    kiosk's screen is in the lounge). The public screen shows only numbers and positions.

    `record_view`: a person opens the list (topics, checkboxes, return codes), so the audit log
    says who saw it, when and where, before it is read. A screen records its first read of a
    visit, not each refresh after a change, which would bury the log in repeats."""
    if by.kind == "worker" or record_view:
        # Its own transaction: asking who is on duty closes forgotten sign-outs first.
        with ctx.transaction() as session:
            if by.kind == "worker":
                _check_on_duty(session, ctx, by)
            else:
                require_staff(session, by)
            if record_view:
                audit.record(session, ctx, "help.list", audit.Subject("help_queue"), actor=by)
    with ctx.reading() as session:
        if by.kind != "worker":
            require_staff(session, by)
        # A request nobody finished is closed once retention.unfinished_help_days pass without
        # a change (kiosk.services.retention); the list leaves it out from then on, so the list
        # stays as short as that rule keeps it, whether or not the purge has run.
        untouched = ctx.clock.now() - timedelta(days=ctx.settings.retention.unfinished_help_days)
        query = select(HelpRequest).where(
            HelpRequest.status.in_(list(ACTIVE)), HelpRequest.updated_at >= untouched
        )
        requests = list(session.scalars(query.order_by(HelpRequest.queued_at, HelpRequest.id)))
        today_start = _today_start(ctx)
        open_requests = [
            r for r in requests if r.status == HelpStatus.OPEN and r.queued_at >= today_start
        ]
        positions = {r.id: index for index, r in enumerate(open_requests, start=1)}
        rank = {HelpStatus.OPEN: 0, HelpStatus.IN_PROGRESS: 1, HelpStatus.WAITING_DOCS: 2}
        requests.sort(key=lambda r: rank[HelpStatus(r.status)])
        if by.kind == "worker":
            staff_only = {t.id for t in ctx.settings.help.topics if t.staff_only}
            return [
                replace(
                    _make_view(ctx, r, positions.get(r.id)),
                    resume_code="",
                    claimed_by=_as_seen_by(r.claimed_by, by),
                    assigned_to=_as_seen_by(r.assigned_to, by),
                )
                for r in requests
                if r.topic not in staff_only
            ]
        return [_make_view(ctx, r, positions.get(r.id)) for r in requests]


def _as_seen_by(helper: str | None, worker: Actor) -> str | None:
    """A claim or assignment as a peer worker may see it: their own, "" for anyone else's."""
    return helper if helper is None or helper == str(worker) else ""


def now_serving(ctx: Context) -> list[NowServing]:
    """For the board and the kiosk's strip: the request called most recently to each help desk,
    newest first, while that call stands (open or in progress, called today, not before it last
    rejoined the queue). A desk whose newest request has been closed, or waits for documents,
    shows nothing: an older request called there has been passed over, not called again."""
    today_start = _today_start(ctx)
    newest_first = (HelpRequest.called_at.desc(), HelpRequest.id.desc())
    ranked = (
        select(
            HelpRequest.id,
            func.row_number()
            .over(partition_by=HelpRequest.place, order_by=newest_first)
            .label("rank"),
        )
        .where(HelpRequest.place.is_not(None), HelpRequest.called_at >= today_start)
        .subquery()
    )
    with ctx.reading() as session:
        query = (
            select(HelpRequest)
            .join(ranked, ranked.c.id == HelpRequest.id)
            .where(
                ranked.c.rank == 1,
                HelpRequest.status.in_([HelpStatus.OPEN, HelpStatus.IN_PROGRESS]),
                HelpRequest.called_at >= HelpRequest.queued_at,
            )
            .order_by(*newest_first)
        )
        return [
            NowServing(code=_code(r), called_at=r.called_at or r.updated_at, place=r.place)
            for r in session.scalars(query)
        ]


def _find(session: Session, ctx: Context, code: str, *, resume_only: bool = False) -> HelpRequest:
    """By resume code (unique for ever), or by today's number ("H003"), else the newest active
    request with that number: daily numbers repeat, resume codes do not."""
    text = normalise_resume_code(code)
    request = (
        session.scalars(
            select(HelpRequest).where(HelpRequest.resume_code == text).with_for_update()
        ).first()
        if could_be_resume_code(text)
        else None
    )
    parsed = parse_queue_code(text)
    number = parsed[1] if parsed is not None and parsed[0] == HELP_PREFIX else None
    if request is None and not resume_only and number is not None:
        request = session.scalars(
            select(HelpRequest)
            .where(HelpRequest.number == number)
            .order_by(
                (HelpRequest.business_day == ctx.today()).desc(),
                HelpRequest.status.in_(list(ACTIVE)).desc(),
                HelpRequest.business_day.desc(),
            )
            .limit(1)
            .with_for_update()
        ).first()
    if request is None and resume_only:
        raise NotFound(
            "no request has that return code; check the code on the slip or ask staff",
            code="help.return_code_unknown",
        )
    if request is None:
        # The text given is named only when it is a request's number: anything else may be a
        # return code mistyped, and this sentence reaches logs.
        named = f" {queue_code(HELP_PREFIX, number)}" if number is not None else ""
        raise NotFound(
            f"no help request{named}; check the code on the slip or ask staff",
            code="help.not_found",
        )
    return request


def _today_start(ctx: Context) -> datetime:
    """Open requests queued before today's business day began are left-overs (the client went
    home): staff still see them, but they hold no place in today's queue."""
    clinic = ctx.settings.clinic
    return business_day_start(ctx.today(), clinic.zone, clinic.business_day_start)


def _view(session: Session, ctx: Context, request: HelpRequest) -> HelpRequestView:
    position = None
    today_start = _today_start(ctx)
    if request.status == HelpStatus.OPEN and request.queued_at >= today_start:
        ahead = (
            session.scalar(
                select(func.count()).where(
                    HelpRequest.status == HelpStatus.OPEN,
                    HelpRequest.queued_at >= today_start,
                    (HelpRequest.queued_at < request.queued_at)
                    | (
                        (HelpRequest.queued_at == request.queued_at) & (HelpRequest.id < request.id)
                    ),
                )
            )
            or 0
        )
        position = ahead + 1
    return _make_view(ctx, request, position)


def _make_view(ctx: Context, request: HelpRequest, position: int | None) -> HelpRequestView:
    wait = None
    if position is not None:
        wait = estimated_wait_minutes(position - 1, ctx.settings.help.minutes_per_request)
    return HelpRequestView(
        code=_code(request),
        number=request.number,
        topic=request.topic,
        status=HelpStatus(request.status).value,
        resume_code=request.resume_code,
        business_day=request.business_day,
        created_at=request.created_at,
        queued_at=request.queued_at,
        position=position,
        estimated_wait_min=wait,
        has_credentials=request.has_credentials,
        has_documents=request.has_documents,
        needs_interpreter=request.needs_interpreter,
        claimed_by=request.claimed_by,
        assigned_to=request.assigned_to,
        place=request.place,
        called_at=request.called_at,
        call_count=request.call_count,
        updated_at=request.updated_at,
    )


def _code(request: HelpRequest) -> str:
    return queue_code(HELP_PREFIX, request.number)

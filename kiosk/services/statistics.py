"""Statistics for staff: tickets per hour and weekday, waits per service, help requests by topic
and outcome with the time to done, and peer-work hours per week, for a day, week, month or range.

Staff only (kiosk.services.staff_access). Read from the daily totals the rollup keeps
(kiosk.services.statistics_rollup), so last year's figures stay after its tickets are purged;
days not rolled up yet (today, and any day since the last rollup) are counted from the records
in the same way, so a period that reaches today is complete up to now. Percentiles come from the
summed minute histograms. Peer-work hours come from the work sessions, which are kept for the
payouts, the way the allowance counts them.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from datetime import date, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from kiosk.core.actor import Actor
from kiosk.core.allowance import WorkedSpan, allowance_by_day
from kiosk.core.feedback import FACES
from kiosk.core.minute_buckets import percentile
from kiosk.core.statistics_period import StatisticsPeriod
from kiosk.db.statistics_models import (
    DailyHelpDoneHistogram,
    DailyHelpTotal,
    DailyRollup,
    DailyTicketTotal,
    DailyWaitHistogram,
)
from kiosk.db.worker_models import WorkSession
from kiosk.services.allowances import SPILL, rules_of
from kiosk.services.context import Context
from kiosk.services.feedback import faces_by_day
from kiosk.services.staff_access import require_staff
from kiosk.services.statistics_rollup import (
    OPENED,
    TAKEN,
    TICKET_ENDINGS,
    Figures,
    figures_from_records,
    first_day_with_records,
)
from kiosk.services.statistics_views import (
    FeedbackCounts,
    HourTickets,
    ServiceFigures,
    Statistics,
    TopicFigures,
    WeekdayTickets,
    WorkWeek,
)

MEDIAN, P90 = 50, 90


def for_period(ctx: Context, period: StatisticsPeriod, *, by: Actor) -> Statistics:
    """Every figure for `period`, as staff `by` may see them."""
    today = ctx.today()
    with ctx.reading() as session:
        require_staff(session, by)
        figures = Figures()
        taken_by_day: Counter[tuple[date, str]] = Counter()
        last_rolled = session.scalar(select(func.max(DailyRollup.business_day)))
        counted: set[date] = set()
        if last_rolled is not None and last_rolled >= period.first:
            # Only up to the last rollup seen here: one committed meanwhile by another kiosk
            # covers days counted from the records below, which must not count twice.
            through = min(period.last, last_rolled)
            counted |= _add_rolled_up(session, figures, taken_by_day, period.first, through)
        # The rollup leaves no gaps, so what it has not reached is the days after its last one.
        if last_rolled is not None:
            not_rolled_from = last_rolled + timedelta(days=1)
        else:
            not_rolled_from = first_day_with_records(session, ctx) or today
        live = _days(max(period.first, not_rolled_from), min(period.last, today))
        for day, day_figures in figures_from_records(session, ctx, live).items():
            figures.add(day_figures)
            for (service, _hour, kind), count in day_figures.tickets.items():
                if kind == TAKEN:
                    taken_by_day[(day, service)] += count
        counted.update(live)
        peer_work = _peer_work(session, ctx, period, today)
        faces = faces_by_day(session, period.first, min(period.last, today))
    services = _ordered(
        [s.id for s in ctx.settings.services],
        {s for s, _, _ in figures.tickets} | {s for s, _ in figures.waits},
    )
    topics = _ordered(
        [t.id for t in ctx.settings.help.topics],
        {t for t, _ in figures.help} | {t for t, _ in figures.help_done},
    )
    return Statistics(
        period=period.label,
        kind=period.kind,
        first_day=period.first,
        last_day=period.last,
        days_counted=len(counted),
        includes_today=today in counted,
        services=services,
        by_hour=_by_hour(figures, services),
        by_weekday=_by_weekday(taken_by_day, counted, services),
        by_service=tuple(_service(figures, s) for s in services),
        help_by_topic=tuple(_topic(figures, [t], t) for t in topics),
        help_total=_topic(figures, topics, ""),
        peer_work=peer_work,
        feedback_by_day=tuple(
            FeedbackCounts(day.isoformat(), _face_counts(faces[day])) for day in sorted(faces)
        ),
        feedback_by_week=_feedback_weeks(faces),
    )


def _face_counts(counted: Counter[str]) -> tuple[int, ...]:
    return tuple(counted[face] for face in FACES)


def _feedback_weeks(faces: dict[date, Counter[str]]) -> tuple[FeedbackCounts, ...]:
    weeks: dict[str, Counter[str]] = {}
    for day, counted in faces.items():
        year, week, _ = day.isocalendar()
        weeks.setdefault(f"{year}-W{week:02d}", Counter()).update(counted)
    return tuple(FeedbackCounts(week, _face_counts(weeks[week])) for week in sorted(weeks))


def _add_rolled_up(
    session: Session,
    figures: Figures,
    taken_by_day: Counter[tuple[date, str]],
    first: date,
    last: date,
) -> set[date]:
    """Add the rolled-up days from `first` to `last` to the counts; the days found."""
    days = set(
        session.scalars(
            select(DailyRollup.business_day).where(DailyRollup.business_day.between(first, last))
        )
    )
    totals = DailyTicketTotal
    for service, hour, *counts in session.execute(
        select(
            totals.service,
            totals.hour,
            func.sum(totals.taken),
            func.sum(totals.served),
            func.sum(totals.no_show),
            func.sum(totals.cancelled),
        )
        .where(totals.business_day.between(first, last))
        .group_by(totals.service, totals.hour)
    ):
        for kind, count in zip((TAKEN, *TICKET_ENDINGS), counts, strict=True):
            figures.tickets[(service, hour, kind)] += count
    for day, service, taken in session.execute(
        select(totals.business_day, totals.service, func.sum(totals.taken))
        .where(totals.business_day.between(first, last))
        .group_by(totals.business_day, totals.service)
    ):
        taken_by_day[(day, service)] += taken
    waits = DailyWaitHistogram
    for service, bucket, count in session.execute(
        select(waits.service, waits.minute_bucket, func.sum(waits.count))
        .where(waits.business_day.between(first, last))
        .group_by(waits.service, waits.minute_bucket)
    ):
        figures.waits[(service, bucket)] += count
    help_totals = DailyHelpTotal
    for topic, outcome, count in session.execute(
        select(help_totals.topic, help_totals.outcome, func.sum(help_totals.count))
        .where(help_totals.business_day.between(first, last))
        .group_by(help_totals.topic, help_totals.outcome)
    ):
        figures.help[(topic, outcome)] += count
    done = DailyHelpDoneHistogram
    for topic, bucket, count in session.execute(
        select(done.topic, done.minute_bucket, func.sum(done.count))
        .where(done.business_day.between(first, last))
        .group_by(done.topic, done.minute_bucket)
    ):
        figures.help_done[(topic, bucket)] += count
    return days


def _days(first: date, last: date) -> list[date]:
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]


def _ordered(configured: list[str], counted: Iterable[str]) -> tuple[str, ...]:
    """The configured ids in their order, then any others counted (since removed), sorted."""
    return tuple(configured) + tuple(sorted(set(counted) - set(configured)))


def _by_hour(figures: Figures, services: tuple[str, ...]) -> tuple[HourTickets, ...]:
    rows = []
    for hour in range(24):
        taken = tuple(figures.tickets[(s, hour, TAKEN)] for s in services)
        rows.append(HourTickets(hour=hour, taken=sum(taken), by_service=taken))
    return tuple(rows)


def _by_weekday(
    taken_by_day: Counter[tuple[date, str]], counted: set[date], services: tuple[str, ...]
) -> tuple[WeekdayTickets, ...]:
    rows = []
    for weekday in range(1, 8):
        days = {d for d in counted if d.isoweekday() == weekday}
        taken = tuple(sum(taken_by_day[(d, s)] for d in days) for s in services)
        rows.append(
            WeekdayTickets(weekday=weekday, days=len(days), taken=sum(taken), by_service=taken)
        )
    return tuple(rows)


def _service(figures: Figures, service: str) -> ServiceFigures:
    def total(kind: str) -> int:
        return sum(n for (s, _, k), n in figures.tickets.items() if s == service and k == kind)

    waits = {b: n for (s, b), n in figures.waits.items() if s == service}
    return ServiceFigures(
        service=service,
        taken=total(TAKEN),
        served=total("served"),
        no_show=total("no_show"),
        cancelled=total("cancelled"),
        called=sum(waits.values()),
        median_wait_minutes=percentile(waits, MEDIAN),
        p90_wait_minutes=percentile(waits, P90),
    )


def _topic(figures: Figures, topics: Iterable[str], name: str) -> TopicFigures:
    chosen = set(topics)

    def total(outcome: str) -> int:
        return sum(n for (t, o), n in figures.help.items() if t in chosen and o == outcome)

    done: Counter[int] = Counter()
    for (topic, bucket), count in figures.help_done.items():
        if topic in chosen:
            done[bucket] += count
    return TopicFigures(
        topic=name,
        opened=total(OPENED),
        done=total("done"),
        not_present=total("not_present"),
        cancelled=total("cancelled"),
        median_minutes_to_done=percentile(done, MEDIAN),
        p90_minutes_to_done=percentile(done, P90),
    )


def _peer_work(
    session: Session, ctx: Context, period: StatisticsPeriod, today: date
) -> tuple[WorkWeek, ...]:
    """Each ISO week of the period, from the first peer work on record up to today, with the
    hours worked in its days there. Open sessions count once they end, as for the allowance."""
    first_on_record = session.scalar(select(func.min(WorkSession.business_day)))
    if first_on_record is None:
        return ()
    # Whole weeks from there on, so no row stands for part of a week the period has.
    since = first_on_record - timedelta(days=first_on_record.weekday())
    first, last = max(period.first, since), min(period.last, today)
    if last < first:
        return ()
    spans: defaultdict[int, list[WorkedSpan]] = defaultdict(list)
    for worker, started_at, ended_at in session.execute(
        select(WorkSession.worker_id, WorkSession.started_at, WorkSession.ended_at).where(
            WorkSession.business_day >= first - SPILL,
            WorkSession.business_day <= last,
            WorkSession.ended_at.is_not(None),
        )
    ):
        assert ended_at is not None  # ended sessions only, asked for above
        spans[worker].append(WorkedSpan(started_at, ended_at))
    clinic = ctx.settings.clinic
    rules = rules_of(ctx.settings)
    seconds: Counter[date] = Counter()  # by the week's Monday
    workers: defaultdict[date, set[int]] = defaultdict(set)
    for worker, worked in spans.items():
        for day in allowance_by_day(worked, rules, clinic.zone, clinic.business_day_start):
            if first <= day.day <= last and day.worked_seconds > 0:
                monday = day.day - timedelta(days=day.day.weekday())
                seconds[monday] += day.worked_seconds
                workers[monday].add(worker)
    weeks = []
    monday = first - timedelta(days=first.weekday())
    while monday <= last:
        year, week, _ = monday.isocalendar()
        weeks.append(
            WorkWeek(
                week=f"{year}-W{week:02d}",
                first_day=max(monday, first),
                last_day=min(monday + timedelta(days=6), last),
                minutes=seconds[monday] // 60,
                workers=len(workers[monday]),
            )
        )
        monday += timedelta(days=7)
    return tuple(weeks)

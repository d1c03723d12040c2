"""Today's activities in the lounge: "13.00 Vertaisryhmä", "Kahvi on valmis".

They come from two places. The configuration (`[[board.activities]]`, translated) holds the
lounge's standing week; staff add others (`add_activity`, from the staff console or
`kiosk activity add`): for today, another day, or some weekdays every week. The board and the
kiosk's home screen show today's (`todays_activities`). What staff write is shown on public
screens as they wrote it, in every language, so it must name no one (the console view says so beside the field).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, time

from sqlalchemy import delete, or_, select

from kiosk.core.activities import TEXT_MAX_LENGTH, is_on, parse_weekdays
from kiosk.core.actor import Actor
from kiosk.db.lounge_models import Activity
from kiosk.errors import KioskError, NotFound, Refused
from kiosk.services import audit
from kiosk.services.audit import Subject
from kiosk.services.context import Context
from kiosk.services.staff_access import require_staff
from kiosk.services.views import JsonView
from kiosk.settings.schema import LANGUAGES


@dataclass(frozen=True)
class ActivityView(JsonView):
    """An activity staff entered: on `day`, or on `weekdays` every week."""

    id: int
    text: str
    at: time | None
    day: date | None
    weekdays: list[str]


@dataclass(frozen=True)
class TodaysActivity(JsonView):
    """One of today's activities as the public screens show it; `texts` in each language (staff's
    own entries read the same in all)."""

    at: time | None
    texts: dict[str, str]

    def text(self, language: str) -> str:
        return self.texts.get(language) or self.texts["fi"]


def add_activity(
    ctx: Context,
    text: str,
    *,
    at: time | None = None,
    day: date | None = None,
    weekdays: Sequence[str] = (),
    by: Actor,
) -> ActivityView:
    """Add an activity on `day` (default: today) or on `weekdays` every week. One-off
    activities of days gone by are deleted meanwhile: nobody shows them again."""
    words = " ".join(text.split())
    if not words:
        raise KioskError("an activity needs a few words", code="activity.text_empty")
    if len(words) > TEXT_MAX_LENGTH:
        raise KioskError(
            f"an activity is at most {TEXT_MAX_LENGTH} characters so the board shows it whole; "
            f"this one has {len(words)}",
            code="activity.text_too_long",
            limit=TEXT_MAX_LENGTH,
            length=len(words),
        )
    try:
        days = parse_weekdays(list(weekdays))
    except ValueError as error:
        raise KioskError(str(error), code="activity.weekday_unknown") from None
    if days and day is not None:
        raise KioskError(
            "an activity is on one day or on weekdays, not both", code="activity.day_and_weekdays"
        )
    today = ctx.today()
    if not days:
        day = day or today
        if day < today:
            raise Refused(
                f"{day:%d.%m.%Y} is in the past", code="activity.day_past", day=day.isoformat()
            )
    with ctx.transaction() as session:
        require_staff(session, by)
        session.execute(delete(Activity).where(Activity.day < today))
        activity = Activity(
            text=words,
            starts_at=at,
            day=None if days else day,
            weekdays=",".join(days) or None,
            created_at=ctx.clock.now(),
            created_by=str(by),
        )
        session.add(activity)
        session.flush()
        view = _view(activity)
        audit.record(
            session,
            ctx,
            "activity.add",
            Subject("activity", id=activity.id),
            actor=by,
            details=view.to_json(),
        )
        return view


def remove_activity(ctx: Context, activity_id: int, *, by: Actor) -> ActivityView:
    with ctx.transaction() as session:
        require_staff(session, by)
        activity = session.get(Activity, activity_id, with_for_update=True)
        if activity is None:
            raise NotFound(
                f"there is no activity {activity_id}", code="activity.not_found", id=activity_id
            )
        view = _view(activity)
        session.delete(activity)
        audit.record(
            session,
            ctx,
            "activity.remove",
            Subject("activity", id=activity_id),
            actor=by,
            details=view.to_json(),
        )
        return view


def list_activities(ctx: Context, *, by: Actor) -> list[ActivityView]:
    """What staff entered that is still to come or weekly: one-off ones by day and time, then
    the weekly ones."""
    with ctx.reading() as session:
        require_staff(session, by)
        rows = session.scalars(
            select(Activity).where(or_(Activity.day >= ctx.today(), Activity.day.is_(None)))
        ).all()
        views = [_view(a) for a in rows]
    return sorted(views, key=lambda v: (v.day or date.max, v.at or time.min, v.id))


def todays_activities(ctx: Context) -> list[TodaysActivity]:
    """Today's activities from the configuration and from staff: all-day ones first, then by
    time. Words only, for the lounge's public screens."""
    today = ctx.today()
    found = [
        TodaysActivity(item.at, {language: item.names.get(language) for language in LANGUAGES})
        for item in ctx.settings.board.activities
        if is_on(today, tuple(item.weekdays))
    ]
    with ctx.reading() as session:
        rows = session.scalars(
            select(Activity).where(or_(Activity.day == today, Activity.weekdays.is_not(None)))
        ).all()
        found += [
            TodaysActivity(a.starts_at, dict.fromkeys(LANGUAGES, a.text))
            for a in rows
            if a.day == today or is_on(today, _weekdays(a))
        ]
    return sorted(found, key=lambda a: (a.at is not None, a.at or time.min))


def _weekdays(activity: Activity) -> tuple[str, ...]:
    return tuple(activity.weekdays.split(",")) if activity.weekdays else ()


def _view(activity: Activity) -> ActivityView:
    return ActivityView(
        id=activity.id,
        text=activity.text,
        at=activity.starts_at,
        day=activity.day,
        weekdays=list(_weekdays(activity)),
    )

"""How the peer-work screens say times, shifts, hours and euros, in the current language.

Plain and short, as the rest of the kiosk: "torstai 26.11. klo 9.00–12.30", "3 t 31 min",
"7,03 €". The words of a refusal are in kiosk.ui.refusals, with every other screen's.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from babel.dates import format_date
from babel.numbers import format_currency

from kiosk.core.pay_period import parse_period
from kiosk.services.worker_views import ShiftView
from kiosk.settings.schema import Settings
from kiosk.ui.formatting import capitalised, clock_time, opening_day
from kiosk.ui.i18n import tr


def at_time(moment: datetime, zone: ZoneInfo) -> str:
    return clock_time(moment, zone, tr.babel_locale)


def shift_times(shift: ShiftView, zone: ZoneInfo) -> str:
    return f"{at_time(shift.starts_at, zone)}–{at_time(shift.ends_at, zone)}"


def shift_line(shift: ShiftView, zone: ZoneInfo) -> str:
    """'Torstai 26.11. 9.00–12.30', with the absence noted if one is reported."""
    day = capitalised(opening_day(shift.starts_at, zone, tr.babel_locale))
    line = tr._("{day} {times}").format(day=day, times=shift_times(shift, zone))
    if shift.absence_reported_at is not None:
        line += " · " + tr._("absence reported")
    return line


def today_line(shift: ShiftView, zone: ZoneInfo) -> str:
    """A shift today needs no date: 'klo 9.00–12.30'."""
    line = tr._("at {times}").format(times=shift_times(shift, zone))
    if shift.absence_reported_at is not None:
        line += " · " + tr._("absence reported")
    return line


def duration(minutes: int) -> str:
    return tr._("{hours} h {minutes} min").format(hours=minutes // 60, minutes=minutes % 60)


def euros(amount: Decimal) -> str:
    return format_currency(amount, "EUR", locale=tr.babel_locale)


def period_name(label: str) -> str:
    """ "2026-11" → 'marraskuu 2026'; "2026-W48" → 'viikko 48'."""
    period = parse_period(label)
    if period.kind == "week":
        return tr._("week {number}").format(number=period.first_day.isocalendar()[1])
    return format_date(period.first_day, "LLLL yyyy", locale=tr.babel_locale)


def greeting_words(
    settings: Settings, number: int, display_name: str, *, by_name: str, by_number: str
) -> str:
    """A greeting on the lounge screen, which is public: peer workers are clients too, and a
    name there tells everyone present who is in treatment. So `by_number` ("Hello, worker
    {number}!") with the worker's number, unless the clinic chose `peer_work.greet_by_name`:
    then `by_name` ("Hello, {name}!") with the first name of their display name."""
    if settings.peer_work.greet_by_name:
        return by_name.format(name=first_name(display_name))
    return by_number.format(number=number)


def first_name(display_name: str) -> str:
    """ "Matti Meikäläinen" → "Matti": the least a greeting needs."""
    words = display_name.split()
    return words[0] if words else display_name


def task_name(settings: Settings, task_id: str) -> str:
    task = settings.peer_work.task(task_id)
    return task.names.get(tr.language) if task else task_id


def day_name(day: date) -> str:
    return capitalised(format_date(day, "cccc d.M.", locale=tr.babel_locale))

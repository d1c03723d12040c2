"""Times and dates the way each language writes them ("9.41" in Finnish, "09:41" in English).

No Kivy here. `locale` is a Babel locale such as "fi_FI" (see `kiosk.ui.catalogs.BABEL_LOCALES`).
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from enum import Enum
from zoneinfo import ZoneInfo

from babel.dates import format_date, format_time

# "cccc" is the weekday's own form ("keskiviikko"), not the "on Wednesday" form ("keskiviikkona").
_LONG_DATE = {"fi_FI": "cccc d. MMMM", "sv_FI": "cccc d MMMM", "en_GB": "cccc d MMMM"}
_OPENING_DAY = {"fi_FI": "cccc d.M.", "sv_FI": "cccc d.M.", "en_GB": "cccc d MMMM"}


class Day(Enum):
    TODAY = "today"
    TOMORROW = "tomorrow"
    LATER = "later"


def clock_time(moment: datetime, zone: ZoneInfo, locale: str) -> str:
    return format_time(moment.astimezone(zone), "short", locale=locale)


def long_date(moment: datetime, zone: ZoneInfo, locale: str) -> str:
    """'tiistai 24. marraskuuta', 'tisdag 24 november', 'Tuesday 24 November'."""
    return format_date(moment.astimezone(zone), _LONG_DATE[locale], locale=locale)


def opening_day(moment: datetime, zone: ZoneInfo, locale: str) -> str:
    """'keskiviikko 25.11.', 'onsdag 25.11.', 'Wednesday 25 November': the day a service opens."""
    return format_date(moment.astimezone(zone), _OPENING_DAY[locale], locale=locale)


def which_day(moment: datetime, now: datetime, zone: ZoneInfo) -> Day:
    day: date = moment.astimezone(zone).date()
    today = now.astimezone(zone).date()
    if day == today:
        return Day.TODAY
    if day == today + timedelta(days=1):
        return Day.TOMORROW
    return Day.LATER


def capitalised(text: str) -> str:
    """Weekdays are lower case in Finnish and Swedish, but a line starts with a capital."""
    return text[:1].upper() + text[1:]


def activity_time(at: time, locale: str) -> str:
    """When an activity starts: '13.00' in Finnish, '13:00' in English."""
    return format_time(at, "short", locale=locale)

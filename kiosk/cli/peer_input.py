"""Reading what the peer-work commands need: PINs from standard input, dates, local times."""

from __future__ import annotations

import argparse
import getpass
import re
import sys
from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

from kiosk.core.pins import PIN_MAX_DIGITS, PIN_MIN_DIGITS, is_pin_format
from kiosk.core.work_day import local_instant, session_end
from kiosk.errors import KioskError

_CLOCK = re.compile(r"^(\d{1,2})[:.](\d{2})$")
# The years a date typed at the command line may fall in: wide for any record, narrow enough
# that a day after it or a time zone never runs off the calendar.
FIRST_YEAR, LAST_YEAR = 2000, 2099


def read_pin(prompt: str = "PIN: ", *, whose: str = "") -> str:
    """One PIN from standard input, never from an argument: arguments sit in the shell history
    and in `ps` for every user of the machine to read. At a terminal it is not echoed.
    `whose`: named in the message when the line is missing ("staff:anna")."""
    pin = getpass.getpass(prompt) if sys.stdin.isatty() else sys.stdin.readline()
    pin = pin.strip()
    if not pin:
        of = f" of {whose}" if whose else ""
        raise KioskError(
            f"no PIN{of} on standard input; e.g. `printf '%s\\n' \"$PIN\" | kiosk ...`"
        )
    if not is_pin_format(pin):
        raise KioskError(
            f"a PIN is {PIN_MIN_DIGITS} to {PIN_MAX_DIGITS} digits (0-9); "
            "check what was typed and try again"
        )
    return pin


def add_pin_stdin(parser: argparse.ArgumentParser, what: str = "the worker's PIN") -> None:
    parser.add_argument(
        "--pin-stdin",
        action="store_true",
        required=True,
        help=f"read {what} from standard input (it is never taken as an argument)",
    )


def parse_day(text: str) -> date:
    try:
        return _plausible(date.fromisoformat(text.strip()), text)
    except ValueError:
        raise KioskError(f'"{text}" is not a date; write it like 2026-11-24') from None


def _plausible(day: date, text: str) -> date:
    # A day far from today is a typo, and at the calendar's ends a night's session or a time
    # zone would run past year 1 or 9999 (OverflowError): refuse it with the same words.
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise KioskError(
            f'"{text}" is not a date between {FIRST_YEAR} and {LAST_YEAR}; write it like 2026-11-24'
        )
    return day


def day_argument(text: str) -> date:
    """For argparse `type=`: its own error message names the option."""
    try:
        return parse_day(text)
    except KioskError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def parse_moment(text: str, zone: ZoneInfo, day: date | None) -> datetime:
    """ "2026-11-24 09:00" (or with a T), or "09:00" on `day`; local time, returned in UTC."""
    clock = _clock_time(text)
    if clock is not None:
        return local_instant(_day_for(text, day), clock, zone)
    try:
        moment = datetime.fromisoformat(text.strip().replace("T", " "))
        _plausible(moment.date(), text)
        if moment.tzinfo is None:
            return local_instant(moment.date(), moment.time(), zone)
        return moment.astimezone(UTC)
    except ValueError:
        raise KioskError(f'"{text}" is not a time; write it like "2026-11-24 09:00"') from None


def parse_span(start: str, end: str, zone: ZoneInfo, day: date | None) -> tuple[datetime, datetime]:
    """A start and an end. A bare end time ends the session after its start
    (kiosk.core.work_day.session_end), so "22:00" to "01:30" reads as one night."""
    started = parse_moment(start, zone, day)
    ends = _clock_time(end)
    if ends is None:
        return started, parse_moment(end, zone, day)
    return started, session_end(started, _day_for(end, day), ends, zone)


def _clock_time(text: str) -> time | None:
    """A bare "09:00" as a time of day; None for anything else."""
    clock = _CLOCK.match(text.strip())
    if clock is None:
        return None
    hour, minute = int(clock[1]), int(clock[2])
    if hour > 23 or minute > 59:
        raise KioskError(f'"{text}" is not a time of day')
    return time(hour, minute)


def _day_for(text: str, day: date | None) -> date:
    if day is None:
        raise KioskError(f'"{text}" needs a date; write it like "2026-11-24 {text.strip()}"')
    return day


def local(moment: datetime | None, zone: ZoneInfo, pattern: str = "%d.%m.%Y %H:%M") -> str:
    return moment.astimezone(zone).strftime(pattern) if moment else "-"

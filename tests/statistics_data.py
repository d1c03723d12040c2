"""A known week of lounge life for the statistics tests, made through the real use cases on a
fixed clock, with every figure it should give worked out by hand below.

Monday 16 and Tuesday 17 November 2026 (week 47, Helsinki at UTC+2); "today" is Tuesday 24th.

Tickets (A: windows 1-2, B: window 3), local times:
  Mon  A001 08:00 called 08:04 served           wait 4
       A002 08:02 called 08:09, recalled 08:11, absent   wait 7 (to the first call)
       A003 08:30 called 08:40 served           wait 10
       B001 09:10 called 09:30 served           wait 20
       B002 09:15 cancelled 09:20 while waiting  no wait
  Tue  A001 07:45 called 07:47 served           wait 2
       A002 07:50 called 08:20 served           wait 30
       A003 10:00 still waiting at the close     no wait
       B001 10:00 called 10:15, never finished   wait 15
Help requests:
  Mon 09:00 social_assistance opened, claimed 09:10, done 09:40             40 min to done
  Mon 09:05 housing_allowance opened, waiting for documents 09:30; back Tue 10:00,
            done Tue 10:35                                                 25 h 30 min to done
  Mon 09:30 computer_help opened, not present 09:50
  Tue 10:10 computer_help opened, cancelled 10:20
  Tue 11:00 social_assistance opened, claimed 11:05, done 11:20             20 min to done
Peer work (added by staff): worker 12 Mon 10:00-13:30 and Tue 10:00-12:00, worker 13 Mon
11:00-14:00 (week 47: 8 h 30 min by 2 workers); worker 12 Mon 23rd 09:00-10:30 (week 48).
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from kiosk.core.clock import FixedClock
from kiosk.services import help_requests, session_corrections, tickets, workers
from kiosk.services.context import Context
from tests.support import CLI

MONDAY = date(2026, 11, 16)
TUESDAY = date(2026, 11, 17)
NEXT_MONDAY = date(2026, 11, 23)
TODAY = date(2026, 11, 24)


def local(day: date, clock_time: str) -> datetime:
    """A local wall-clock time in Helsinki in November (UTC+2) as a UTC instant."""
    hours, minutes = map(int, clock_time.split(":"))
    return datetime(day.year, day.month, day.day, hours, minutes, tzinfo=UTC) - timedelta(hours=2)


def make_the_week(ctx: Context, clock: FixedClock) -> None:
    def at(day: date, clock_time: str) -> None:
        clock.set(local(day, clock_time))

    for number in (12, 13):
        workers.add_worker(
            ctx,
            number=number,
            display_name=f"Worker {number}",
            pin=f"58{number}47",
            contract_start=date(2026, 10, 1),
            contract_end=date(2027, 3, 31),
            by=CLI,
        )

    at(MONDAY, "08:00")
    tickets.take_number(ctx, "A")
    at(MONDAY, "08:02")
    tickets.take_number(ctx, "A")
    at(MONDAY, "08:04")
    tickets.call_next(ctx, 1, by=CLI)
    at(MONDAY, "08:06")
    tickets.serve(ctx, "A001", by=CLI)
    at(MONDAY, "08:09")
    tickets.call_next(ctx, 1, by=CLI)
    at(MONDAY, "08:11")
    tickets.recall(ctx, "A002", by=CLI)
    at(MONDAY, "08:12")
    tickets.no_show(ctx, "A002", by=CLI)
    at(MONDAY, "08:30")
    tickets.take_number(ctx, "A")
    at(MONDAY, "08:40")
    tickets.call_next(ctx, 2, by=CLI)
    at(MONDAY, "08:45")
    tickets.serve(ctx, "A003", by=CLI)
    at(MONDAY, "09:00")
    social = help_requests.open_request(ctx, "social_assistance")
    at(MONDAY, "09:05")
    housing = help_requests.open_request(ctx, "housing_allowance")
    at(MONDAY, "09:10")
    tickets.take_number(ctx, "B")
    help_requests.claim(ctx, social.code, by=CLI)
    at(MONDAY, "09:15")
    tickets.take_number(ctx, "B")
    at(MONDAY, "09:20")
    tickets.cancel(ctx, "B002", by=CLI)
    help_requests.claim(ctx, housing.code, by=CLI)
    at(MONDAY, "09:30")
    computer = help_requests.open_request(ctx, "computer_help")
    tickets.call_next(ctx, 3, by=CLI)
    help_requests.wait_for_documents(ctx, housing.code, by=CLI)
    at(MONDAY, "09:40")
    help_requests.done(ctx, social.code, by=CLI)
    at(MONDAY, "09:50")
    tickets.serve(ctx, "B001", by=CLI)
    help_requests.not_present(ctx, computer.code, by=CLI)

    at(TUESDAY, "07:45")
    tickets.take_number(ctx, "A")
    at(TUESDAY, "07:47")
    tickets.call_next(ctx, 1, by=CLI)
    tickets.serve(ctx, "A001", by=CLI)
    at(TUESDAY, "07:50")
    tickets.take_number(ctx, "A")
    at(TUESDAY, "08:20")
    tickets.call_next(ctx, 1, by=CLI)
    tickets.serve(ctx, "A002", by=CLI)
    at(TUESDAY, "10:00")
    tickets.take_number(ctx, "A")
    tickets.take_number(ctx, "B")
    back = help_requests.resume(ctx, housing.resume_code)
    at(TUESDAY, "10:05")
    help_requests.claim(ctx, back.code, by=CLI)
    at(TUESDAY, "10:10")
    second_computer = help_requests.open_request(ctx, "computer_help")
    at(TUESDAY, "10:15")
    tickets.call_next(ctx, 3, by=CLI)
    at(TUESDAY, "10:20")
    help_requests.cancel(ctx, second_computer.code, by=CLI)
    at(TUESDAY, "10:35")
    help_requests.done(ctx, back.code, by=CLI)
    at(TUESDAY, "11:00")
    second_social = help_requests.open_request(ctx, "social_assistance")
    at(TUESDAY, "11:05")
    help_requests.claim(ctx, second_social.code, by=CLI)
    at(TUESDAY, "11:20")
    help_requests.done(ctx, second_social.code, by=CLI)

    at(TODAY, "09:00")
    for number, day, start, end in (
        (12, MONDAY, "10:00", "13:30"),
        (12, TUESDAY, "10:00", "12:00"),
        (13, MONDAY, "11:00", "14:00"),
        (12, NEXT_MONDAY, "09:00", "10:30"),
    ):
        session_corrections.add_session(
            ctx,
            number,
            started_at=local(day, start),
            ended_at=local(day, end),
            reason="paper list",
            by=CLI,
        )

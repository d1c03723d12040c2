"""What the staff console tells staff when a use case says no, worded for a nurse or a social
worker by the error's code (kiosk.errors), never from its English log sentence, and never as a
command to run. The same codes are worded for clients in kiosk.ui.refusals.

A refusal's facts fill the words: `{request}` (a code such as H004), `{ticket}` (A017),
`{window}` and `{windows}` (window numbers), `{status}` (a request's or a number's, said in words),
`{worker}` (a peer worker's number), `{limit}`, and `{time}` for a lock or pause, said as the next
whole minute on the clock. Every code a console screen can meet has its words here (a test
follows the use cases the console's screens call to find them).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from kiosk.core.help_status import HelpStatus
from kiosk.core.ticket_status import TicketStatus
from kiosk.errors import KioskError
from kiosk.ui.formatting import clock_time
from kiosk.ui.i18n import N_, tr
from kiosk.ui.refusals import next_whole_minute

WORDS: dict[str, str] = {
    "database.busy": N_("The database did not answer. Nothing was saved; try again in a moment."),
    "storage.full": N_(
        "Nothing can be saved: the database's disk is full. Tell whoever looks after the computers."
    ),
    "storage.read_only": N_(
        "Nothing can be saved: the database cannot be written to. Tell whoever looks after the "
        "computers."
    ),
    "database.damaged": N_(
        "Nothing can be saved: the database file is damaged. Tell whoever looks after the "
        "computers; they restore the latest backup."
    ),
    "database.gone": N_(
        "Nothing can be saved: the database file has gone missing. Tell whoever looks after the "
        "computers."
    ),
    # Logging in
    "staff.login_wrong": N_("The login name or the PIN is not right. Please try again."),
    "staff.account_locked": N_(
        "Too many wrong PINs: this login is locked until {time}. An admin can open it sooner."
    ),
    "staff.login_paused": N_("Too many failed logins here. Staff login opens again at {time}."),
    "staff.account_inactive": N_("This staff account is no longer in use. Please ask an admin."),
    # Every staff step checks the account again
    "staff.inactive": N_("This staff account is no longer in use. Please ask an admin."),
    "staff.unknown": N_("This staff account is not known. Please ask an admin."),
    "staff.not_allowed": N_("Only staff can do this."),
    "staff.admin_only": N_("Only an admin can do this."),
    # Help requests
    "help.not_found": N_("There is no such help request. It may have been removed."),
    "help.return_code_unknown": N_("There is no such help request. It may have been removed."),
    "help.already_claimed": N_("Someone is already helping with {request}."),
    "help.wrong_state": N_("{request} is {status} now, so this cannot be done to it."),
    "help.already_closed": N_("{request} is already closed."),
    "help.staff_only": N_(
        "{request} is on a topic only staff handle: a peer worker cannot take it."
    ),
    "help.helper_unknown": N_("Peer worker {worker} is not in the list of active peer workers."),
    "help.helper_not_signed_in": N_("Peer worker {worker} is not signed in now."),
    "help.place_unknown": N_("That help desk is not in the configuration any more."),
    "help.topic_unknown": N_("That help topic is not in the configuration any more."),
    "help.note_empty": N_("The note is empty. Write what was done or what is still needed."),
    "help.note_too_long": N_("The note is too long: at most {limit} characters."),
    # Statistics and the audit log
    "statistics.period_invalid": N_(
        "The days are not right: the first day must come before the last day."
    ),
    "statistics.export_failed": N_(
        "The statistics could not be saved in the folder {folder}. Nothing else was changed. "
        "Ask whoever looks after the computers to choose another folder for the export."
    ),
    "audit.days_invalid": N_(
        "The days are not right: the first day must come before the last day."
    ),
    "audit.kind_unknown": N_("Not a kind of event the log knows."),
    "audit.limit_invalid": N_("Too many events at once: show at most {limit}."),
    "actor.invalid": N_("That is not a staff account or a peer worker's number."),
    # Activities on the board
    "activity.text_empty": N_("Write a few words about the activity."),
    "activity.text_too_long": N_(
        "That is too long for the board: at most {limit} characters, now {length}."
    ),
    "activity.weekday_unknown": N_("That weekday is not known. Choose the days again."),
    "activity.day_and_weekdays": N_("Choose either one day or weekdays, not both."),
    "activity.day_past": N_("That day is in the past."),
    "activity.not_found": N_("That activity is not there any more. It may have been removed."),
    # Reviewing peer workers' sessions
    "session.not_found": N_("That session is not there any more. It may have been removed."),
    "session.not_for_review": N_("That session no longer waits for review."),
    "session.reason_missing": N_("Write why the times change."),
    "session.reason_too_long": N_("The reason is too long: at most {limit} characters."),
    "session.ends_before_start": N_("The end must be after the start. Check the times."),
    "session.ends_in_future": N_("The end cannot be later than now. Check the times."),
    "session.too_long": N_("A session lasts at most {max_hours} hours. Check the times."),
    "session.overlap": N_(
        "These times overlap another session of the same peer worker. Check the times."
    ),
    "contract.outside": N_(
        "Peer worker {worker}'s contract does not cover that day, so no hours can be added."
    ),
    "pay_period.locked": N_(
        "These hours are in a pay period already paid, so they cannot change. "
        "An admin can open the period again."
    ),
    # Calling numbers at a window
    "window.unknown": N_("Window {window} is not in use here. The windows are {windows}."),
    "window.not_serving": N_(
        "Window {window} does not call these numbers. Their windows are {windows}."
    ),
    "service.unknown": N_("That service is not in use any more."),
    "ticket.code_invalid": N_("{text} is not a queue number."),
    "ticket.not_found": N_("There is no number {ticket} today."),
    "ticket.not_called": N_("{ticket} has not been called yet, so it cannot be called again."),
    "ticket.wrong_state": N_("{ticket} is {status} now, so this cannot be done to it."),
    "text.control_character": N_(
        "The text holds a character that cannot be saved. Type it again; do not paste it."
    ),
}

STATUS_WORDS = {
    HelpStatus.OPEN: N_("open"),
    HelpStatus.IN_PROGRESS: N_("in progress"),
    HelpStatus.WAITING_DOCS: N_("waiting for documents"),
    HelpStatus.DONE: N_("done"),
    HelpStatus.CANCELLED: N_("cancelled"),
    HelpStatus.NOT_PRESENT: N_("not present"),
}


# A queue number's state, said in a refusal ("A017 is served now, …").
TICKET_STATUS_WORDS = {
    TicketStatus.WAITING: N_("waiting"),
    TicketStatus.CALLED: N_("called"),
    TicketStatus.SERVED: N_("served"),
    TicketStatus.NO_SHOW: N_("not present"),
    TicketStatus.CANCELLED: N_("cancelled"),
}


def status_words(status: str) -> str:
    return tr._(STATUS_WORDS[HelpStatus(status)])


def refusal_for_staff(error: Exception, zone: ZoneInfo) -> str:
    """The words for `error`, for staff, in the current language."""
    if not isinstance(error, KioskError):
        return tr._("Something went wrong, and nothing was changed. Please try again.")
    words = WORDS.get(error.code)
    if words is None:
        return tr._("That could not be done.")
    return tr._(words).format(**_facts(error.facts, zone))


def _facts(facts: dict[str, Any], zone: ZoneInfo) -> dict[str, str]:
    said: dict[str, str] = {}
    for name, value in facts.items():
        if isinstance(value, datetime):
            said[name] = clock_time(next_whole_minute(value), zone, tr.babel_locale)
        elif name == "status" and "ticket" in facts and value in TICKET_STATUS_WORDS:
            said[name] = tr._(TICKET_STATUS_WORDS[TicketStatus(value)])
        elif name == "status" and value in STATUS_WORDS:
            said[name] = status_words(value)
        else:
            said[name] = str(value)
    # A lock's end is "until" among the facts, "time" in the words.
    if "until" in said:
        said["time"] = said["until"]
    return said

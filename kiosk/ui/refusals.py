"""What a kiosk screen tells the person in front of it when a use case says no.

The words are chosen by the error's code (kiosk.errors), never taken from its English sentence:
that sentence is for logs and the command line. Clients and peer workers read these, often
stressed, some in a language not their own, so they are short, plain, without technical words,
and say what to do. They never tell whether a worker number exists.

Every code a kiosk screen can meet has its words here (a test follows the use cases the screens
call to find those codes). Staff, at the kiosk too (the login after the hidden gesture, the
console's views, the kiosk's own staff panel), read the staff console's words for the same codes
(kiosk.ui.console_refusals).
"""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from kiosk.errors import KioskError
from kiosk.ui.formatting import clock_time
from kiosk.ui.i18n import N_, tr

WORDS: dict[str, str] = {
    # Any screen: the database behind every use case
    "database.busy": N_("The system is busy. Please try again in a moment."),
    # A full, read-only, damaged or missing database: the client can do nothing but ask.
    "storage.full": N_("Nothing can be saved right now. Please tell staff."),
    "storage.read_only": N_("Nothing can be saved right now. Please tell staff."),
    "database.damaged": N_("Nothing can be saved right now. Please tell staff."),
    "database.gone": N_("Nothing can be saved right now. Please tell staff."),
    # Taking a number, asking for help
    "service.unknown": N_("This service is not available. Please ask staff."),
    "service.closed": N_("This service is closed now."),
    "ticket.rapid_series": N_("Many numbers were just taken here."),
    "help.closed": N_("Help with applications is closed now."),
    "help.topic_unknown": N_("This topic is not available. Please ask staff."),
    # Coming back with a return code
    "help.return_code_unknown": N_("This code is not known. Check the code on your slip."),
    "help.already_closed": N_("This request is closed. You can ask for help again."),
    "help.wrong_state": N_("This request cannot go on now. Please ask staff."),
    "help.return_code_paused": N_(
        "Too many wrong codes on this screen. Please try again at {time}."
    ),
    # Peer workers: PIN and badge
    "pin.wrong": N_("The number or the PIN is not right. Please try again."),
    "pin.number_locked": N_(
        "Too many wrong PINs. This number is locked for a while. Staff can open it."
    ),
    "pin.entry_paused": N_("Too many wrong PINs on this screen. Please try again at {time}."),
    "pin.badge_unknown": N_("This badge is not recognised. Use your number and PIN, or ask staff."),
    "worker.may_not_work_today": N_(
        "Your work agreement is not valid today. Please talk to staff."
    ),
    # Peer workers: signing in and out
    "sign_in.pass_expired": N_("That took a while. Please sign in again."),
    "sign_in.peer_work_closed": N_("Peer work has ended for today. Please talk to staff."),
    "sign_in.already_signed_in": N_("You are already signed in."),
    "sign_in.not_signed_in": N_("You are not signed in."),
    "sign_in.signed_out_automatically": N_(
        "You were signed out automatically. Staff will check your hours."
    ),
    "task.unknown": N_("This task is not available. Please choose another."),
    "pay_period.locked": N_("Today's hours cannot be recorded now. Please talk to staff."),
    # Peer workers: reporting an absence
    "absence.not_your_shift": N_("This shift is not yours. Please choose from the list."),
    "absence.shift_begun": N_("This shift has already begun. Please talk to staff."),
    "absence.shift_ended": N_("This shift is already over. Please talk to staff."),
    "absence.already_reported": N_("This absence is already reported."),
    "absence.reason_unknown": N_("Please choose a reason from the list."),
    "shift.not_found": N_("This shift is no longer in the plan. Please ask staff."),
    # Peer workers: taking help requests
    "help.already_claimed": N_("Someone else is already helping with this one."),
    "help.staff_only": N_("Only staff can help with this topic."),
    "help.helper_not_signed_in": N_("You are not signed in. Start work first, then you can help."),
    "help.helper_unknown": N_("You cannot take help requests now. Please talk to staff."),
    "help.not_found": N_("This request is no longer in the list."),
    "help.place_unknown": N_("The help desk is not set up. Please tell staff."),
    # The help-request steps check staff through the same role check (staff_access); a peer
    # worker meets it only as "this is staff's".
    "staff.not_allowed": N_("Only staff can do this."),
    "staff.unknown": N_("Only staff can do this."),
    "staff.inactive": N_("Only staff can do this."),
    "staff.admin_only": N_("Only staff can do this."),
}


def refusal(error: Exception, zone: ZoneInfo) -> str:
    """The words for `error`, in the current language."""
    if not isinstance(error, KioskError):
        return tr._("Something went wrong. Please try again, or ask staff.")
    words = WORDS.get(error.code)
    if words is None:
        return tr._("That did not work. Please ask staff.")
    until = error.facts.get("until")
    if not isinstance(until, datetime):
        return tr._(words)
    # A pause's length is configurable, so say when it ends rather than how long it is: the
    # next whole minute, since at 9.01 a pause ending at 9.01.40 still holds.
    return tr._(words).format(time=clock_time(next_whole_minute(until), zone, tr.babel_locale))


def next_whole_minute(moment: datetime) -> datetime:
    whole = moment.replace(second=0, microsecond=0)
    return whole if whole == moment else whole + timedelta(minutes=1)

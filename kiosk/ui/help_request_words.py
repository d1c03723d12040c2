"""A help request in words, as staff read it in the console: its topic, its checkboxes, its age,
who has it, where it was called and what happened to it.

Names of staff and peer workers come from the staff-only lookup (kiosk.services.actor_names) and
are shown to staff only; the kiosk's public screens never use this module.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from kiosk.services.views import HelpRequestView
from kiosk.settings.schema import Settings
from kiosk.ui.formatting import clock_time, opening_day
from kiosk.ui.i18n import N_, tr

# What the audit log's actions on a help request mean, in a request's history.
ACTION_WORDS = {
    "help.open": N_("Asked for help"),
    "help.claim": N_("Took it"),
    "help.call": N_("Called it to a help desk"),
    "help.recall": N_("Called it again"),
    "help.assign": N_("Gave it to a peer worker"),
    "help.wait_docs": N_("Waiting for documents"),
    "help.resume": N_("Came back"),
    "help.renumber": N_("Got a new number for today"),
    "help.note": N_("Wrote a note"),
    "help.view": N_("Opened the details"),
    "help.done": N_("Done"),
    "help.cancel": N_("Cancelled"),
    "help.not_present": N_("Not present"),
}


@dataclass(frozen=True)
class Check:
    icon: str
    words: str
    ticked: bool


def topic_name(settings: Settings, topic_id: str) -> str:
    topic = settings.help.topic(topic_id)
    return topic.names.get(tr.language) if topic is not None else topic_id


def topic_icon(settings: Settings, topic_id: str) -> str:
    topic = settings.help.topic(topic_id)
    return topic.icon if topic is not None else "help"


def staff_only(settings: Settings, topic_id: str) -> bool:
    topic = settings.help.topic(topic_id)
    return topic is not None and topic.staff_only


def place_name(settings: Settings, place_id: str) -> str:
    place = settings.help.place(place_id)
    return place.names.get(tr.language) if place is not None else place_id


def checks(request: HelpRequestView) -> list[Check]:
    """The client's three checkboxes, each as a box ticked or not, with its words: never by
    colour alone."""
    return [
        Check(_box(request.has_documents), tr._("Has the documents"), request.has_documents),
        Check(_box(request.has_credentials), tr._("Own bank credentials"), request.has_credentials),
        Check(
            _box(request.needs_interpreter), tr._("Needs an interpreter"), request.needs_interpreter
        ),
    ]


def _box(ticked: bool) -> str:
    return "checkbox-marked-outline" if ticked else "checkbox-blank-outline"


def who(actor: str | None, names: dict[str, str]) -> str:
    """ "Anna K", "Peer worker 12: Sam", "Kiosk lounge-1"; "" for nobody."""
    if not actor:
        return ""
    kind, _, ident = actor.partition(":")
    name = names.get(actor, "")
    if kind == "staff":
        return name or ident
    if kind == "worker":
        if name:
            return tr._("Peer worker {number}: {name}").format(number=ident, name=name)
        return tr._("Peer worker {number}").format(number=ident)
    if kind == "kiosk":
        return tr._("Screen {device}").format(device=ident)
    if kind == "cli":
        return tr._("Command line ({user})").format(user=ident)
    return actor


def age(since: datetime, now: datetime) -> str:
    """How long ago: "4 min", "1 h 05 min"."""
    minutes = max(0, int((now - since) / timedelta(minutes=1)))
    if minutes < 60:
        return tr._("{minutes} min").format(minutes=minutes)
    return tr._("{hours} h {minutes:02d} min").format(hours=minutes // 60, minutes=minutes % 60)


def moment(at: datetime, now: datetime, settings: Settings) -> str:
    """A time today ("10.42"), or the day and time of an earlier day."""
    zone = settings.clinic.zone
    time = clock_time(at, zone, tr.babel_locale)
    if at.astimezone(zone).date() == now.astimezone(zone).date():
        return time
    return f"{opening_day(at, zone, tr.babel_locale)} {time}"


def action(action_code: str) -> str:
    words = ACTION_WORDS.get(action_code)
    return tr._(words) if words is not None else action_code

"""How a queue is said on the kiosk: "3 people before you · about 9 minutes".

One place for the words, so the ticket screen, the help result and home's tiles say a wait the
same way in every language.
"""

from __future__ import annotations

from kiosk.ui.i18n import tr


def about_minutes(minutes: int) -> str:
    return tr.ngettext("about {minutes} minute", "about {minutes} minutes", minutes).format(
        minutes=minutes
    )


def people_before(ahead: int, minutes: int) -> str:
    """For someone in the line: 'You are next.' or '2 people before you · about 6 minutes'."""
    if ahead <= 0:
        return tr._("You are next.")
    people = tr.ngettext("{count} person before you", "{count} people before you", ahead)
    return f"{people.format(count=ahead)} · {about_minutes(minutes)}"


def people_waiting(waiting: int, minutes: int) -> str:
    """For a service: 'No queue' or '3 people waiting · about 9 minutes'."""
    if waiting <= 0:
        return tr._("No queue")
    people = tr.ngettext("{count} person waiting", "{count} people waiting", waiting)
    return f"{people.format(count=waiting)} · {about_minutes(minutes)}"

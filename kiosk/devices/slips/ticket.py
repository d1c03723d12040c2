"""The queue ticket: a very large number, the time, how many are ahead, one calm line."""

from __future__ import annotations

from kiosk.devices.slips.builder import SlipBuilder
from kiosk.devices.slips.facts import TicketFacts
from kiosk.devices.slips.language import slip_language
from kiosk.devices.slips.texts import estimated_wait, people_ahead, slip_text, slip_time
from kiosk.settings.schema import Settings


def ticket_slip(ticket: TicketFacts, settings: Settings, language: str) -> bytes:
    """ESC/POS bytes of a queue ticket; numbers only, and in privacy mode not even the service.

    In privacy mode the clinic's name is left off too: a slip dropped in the street must not
    say where its holder gets treatment.
    """
    lang = slip_language(settings, language)
    slip = SlipBuilder(settings.printer)
    if not settings.clinic.privacy_mode:
        slip.text(settings.clinic.name, bold=True)
    slip.text(slip_text(lang, "ticket_title"))
    slip.big(ticket.code)
    if not settings.clinic.privacy_mode:
        service = settings.service(ticket.service)
        if service is not None:
            slip.text(service.names.get(lang), bold=True)
    local = ticket.taken_at.astimezone(settings.clinic.zone)
    slip.text(slip_text(lang, "taken_at", time=slip_time(lang, local)))
    slip.text(people_ahead(lang, ticket.ahead))
    slip.text(estimated_wait(lang, ticket.estimated_wait_min))
    slip.blank()
    slip.text(slip_text(lang, "ticket_calm"))
    return slip.finish()

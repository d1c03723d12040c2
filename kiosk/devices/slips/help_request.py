"""The help-request slip: number, return code, topic, what papers to bring, the official guide."""

from __future__ import annotations

from kiosk.devices.slips.builder import SlipBuilder
from kiosk.devices.slips.facts import HelpRequestFacts
from kiosk.devices.slips.language import slip_language
from kiosk.devices.slips.texts import estimated_wait, people_ahead, slip_text
from kiosk.settings.schema import Settings


def help_request_slip(request: HelpRequestFacts, settings: Settings, language: str) -> bytes:
    lang = slip_language(settings, language)
    topic = settings.help.topic(request.topic)
    slip = SlipBuilder(settings.printer)
    slip.text(slip_text(lang, "help_title"))
    slip.big(request.code)
    slip.text(slip_text(lang, "resume_code"))
    # The code is copied by hand from a crumpled slip days later: large and bold.
    slip.text(request.resume_code, bold=True, size=2)
    slip.blank()
    # In privacy mode the topic is left off, as a ticket leaves off its service: a dropped slip
    # must not say what its holder applies for. What to bring stays, since the slip is there to
    # say it, and a list of papers names neither the client nor the clinic.
    if not settings.clinic.privacy_mode:
        name = topic.names.get(lang) if topic else request.topic
        slip.text(slip_text(lang, "topic", topic=name))
    if request.position is not None:
        # Said the same way as on a queue ticket: "1 person ahead of you", not an ordinal,
        # which in Finnish ("jonossa 2.") reads like a queue number.
        slip.text(people_ahead(lang, request.position - 1))
    if request.estimated_wait_min is not None:
        slip.text(estimated_wait(lang, request.estimated_wait_min))
    checklist = topic.checklist.get(lang) if topic else []
    if checklist:
        slip.blank()
        slip.text(slip_text(lang, "bring"), align="left", bold=True)
        for entry in checklist:
            slip.item(entry)
    if topic and topic.guide_url:
        slip.blank()
        slip.text(slip_text(lang, "guide"))
        slip.blank()
        slip.qr(topic.guide_url)
        slip.blank()
        # Printed too, for a client without a phone who types it in at the lounge computer.
        slip.address(_readable_address(topic.guide_url))
    slip.blank()
    slip.text(slip_text(lang, "help_calm"))
    return slip.finish()


def _readable_address(url: str) -> str:
    return url.removeprefix("https://").removeprefix("http://").removeprefix("www.")

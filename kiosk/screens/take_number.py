"""Take a number: the number at once, huge; then "printing…"; then "take your ticket".

If the slip cannot be printed the client still has a number: the screen says so in plain words
and asks them to remember it. A second tap within the burst guard gets the same number back and
does not print it again (unless the first slip failed). Outside opening hours the calm "closed"
screen says when the service opens.
"""

from __future__ import annotations

import logging
from concurrent.futures import Future
from typing import Any

from kivy.properties import BooleanProperty, ObjectProperty, OptionProperty, StringProperty

from kiosk.devices.print_worker import PrintOutcome
from kiosk.devices.states import PrinterState
from kiosk.errors import Closed
from kiosk.services import tickets
from kiosk.services.views import TicketView
from kiosk.ui.i18n import tr
from kiosk.ui.screen import KioskScreen

log = logging.getLogger(__name__)

# How many recent print outcomes the kiosk remembers for repeated taps (the burst guard lasts
# seconds, so a handful is plenty).
REMEMBERED_OUTCOMES = 20


def people_before(ahead: int, minutes: int) -> str:
    if ahead <= 0:
        return tr._("You are next.")
    people = tr.ngettext("{count} person before you", "{count} people before you", ahead)
    wait = tr.ngettext("about {minutes} minute", "about {minutes} minutes", minutes)
    return f"{people.format(count=ahead)} · {wait.format(minutes=minutes)}"


class TakeNumberScreen(KioskScreen):
    phase = OptionProperty("asking", options=("asking", "printing", "printed", "failed", "problem"))
    ticket = ObjectProperty(None, allownone=True)
    service = StringProperty("")
    repeated = BooleanProperty(False)
    service_name = StringProperty("")
    position_text = StringProperty("")
    status_icon = StringProperty("")
    status_text = StringProperty("")

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._generation = 0
        tr.bind(language=self._words)
        self.bind(phase=self._pulse)
        self.bind(phase=self._words, ticket=self._words, repeated=self._words)

    def prepare(self, *, service: str) -> None:  # type: ignore[override]
        # Each visit gets a generation; an answer for an earlier visit is ignored.
        self._generation += 1
        generation = self._generation
        self.service = service
        self.ticket = None
        self.repeated = False
        self.phase = "asking"
        self._pulse()
        app = self.app
        ctx, kiosk_id = app.ctx, app.settings.kiosk.id
        app.runner.run(
            lambda: tickets.take_number(ctx, service, kiosk_id=kiosk_id),
            lambda ticket: self._taken(generation, ticket),
            lambda error: self._refused(generation, error),
        )

    def try_again(self) -> None:
        self.prepare(service=self.service)

    def _taken(self, generation: int, ticket: TicketView) -> None:
        if generation != self._generation:
            return
        self.ticket = ticket
        self.repeated = ticket.repeated
        previous = self.app.print_outcomes.get(ticket.code) if ticket.repeated else None
        if previous is not None and previous.printed:
            self.phase = "printed"
            return
        self.phase = "printing"
        app, language = self.app, tr.language
        # The slip's bytes are built on the background thread too (QR codes, code pages).
        app.runner.run(
            lambda: app.printer.print_ticket(ticket, language),
            lambda future: self._printing(generation, ticket.code, future),
            lambda error: self._printed(generation, ticket.code, _failed_outcome(error)),
        )

    def _printing(self, generation: int, code: str, future: Future[PrintOutcome]) -> None:
        self.app.runner.when_done(
            future,
            lambda outcome: self._printed(generation, code, outcome),
            lambda error: self._printed(generation, code, _failed_outcome(error)),
        )

    def _printed(self, generation: int, code: str, outcome: PrintOutcome) -> None:
        outcomes = self.app.print_outcomes
        outcomes[code] = outcome
        while len(outcomes) > REMEMBERED_OUTCOMES:
            outcomes.pop(next(iter(outcomes)))
        if not outcome.printed:
            log.warning("%s was not printed: %s", code, outcome.reason)
        if generation == self._generation:
            self.phase = "printed" if outcome.printed else "failed"

    def _refused(self, generation: int, error: Exception) -> None:
        if generation != self._generation:
            return
        if isinstance(error, Closed):
            self.app.show("service_closed", service=self.service, opens_at=error.opens_at)
            return
        self.app.log_problem(f"taking a number for {self.service}", error)
        self.phase = "problem"

    def _pulse(self, *_args: Any) -> None:
        self.ids.status.pulse(self.phase in ("asking", "printing"))

    def _words(self, *_args: Any) -> None:
        ticket: TicketView | None = self.ticket
        privacy = self.app.settings.clinic.privacy_mode
        service = self.app.settings.service(self.service)
        self.service_name = "" if privacy or service is None else service.names.get(tr.language)
        self.position_text = (
            people_before(ticket.ahead, ticket.estimated_wait_min) if ticket else ""
        )
        code = ticket.code if ticket else ""
        icon, text = {
            "asking": ("timer-sand", tr._("One moment…")),
            "printing": ("printer", tr._("Printing your ticket…")),
            "printed": ("arrow-down-bold", tr._("Take your ticket from the printer.")),
            "failed": (
                "printer-alert",
                "\n".join(
                    (
                        tr._("The printer is not working."),
                        tr._("Your number is {code}. Please remember it.").format(code=code),
                        tr._("Staff have been told."),
                    )
                ),
            ),
            "problem": (
                "alert-circle-outline",
                "\n".join(
                    (
                        tr._("Something went wrong. No number was taken."),
                        tr._("Please try again, or ask staff."),
                    )
                ),
            ),
        }[self.phase]
        if self.repeated and self.phase == "printed":
            text = tr._("You already took this number a moment ago.") + "\n" + text
        self.status_icon, self.status_text = icon, text


def _failed_outcome(error: Exception) -> PrintOutcome:
    return PrintOutcome(False, PrinterState.OFFLINE, str(error))

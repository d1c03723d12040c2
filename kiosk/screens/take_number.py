"""Take a number: the number at once, huge; then "printing…"; then "take your ticket"; then
back to the start by itself after a visible countdown.

Each visit to this screen is one client, with its own visit token: "Try again" after a failure
sends the same token, so a retry after a database hiccup gets the visit's number back instead
of a second one, and input is locked while a take is in flight. After a rapid series of numbers
from this kiosk the screen first asks "Do you need a queue number?". If the slip cannot be
printed the client still has a number: the screen says so in plain words and asks them to
remember it. Outside opening hours the calm "closed" screen says when the service opens.
"""

from __future__ import annotations

import logging
from typing import Any

from kivy.properties import ObjectProperty, OptionProperty, StringProperty

from kiosk.devices.print_worker import PrintOutcome
from kiosk.devices.states import PrinterState
from kiosk.errors import Closed
from kiosk.services import tickets
from kiosk.services.views import TicketView
from kiosk.ui.countdown_screen import CountdownScreen
from kiosk.ui.i18n import tr
from kiosk.ui.queue_words import people_before
from kiosk.ui.refusals import refusal

log = logging.getLogger(__name__)

# The second tap of a double tap on a home tile lands here a moment after the first, where the
# answers to "Do you need a queue number?" may be by then: a tap this soon is not an answer.
ANSWER_PAUSE_S = 0.6


class TakeNumberScreen(CountdownScreen):
    phase = OptionProperty(
        "asking", options=("asking", "confirm", "printing", "printed", "failed", "problem")
    )
    ticket = ObjectProperty(None, allownone=True)
    service = StringProperty("")
    service_name = StringProperty("")
    title_text = StringProperty("")
    position_text = StringProperty("")
    status_icon = StringProperty("")
    status_text = StringProperty("")

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._token = ""
        self._another = False
        self._asked_at = 0.0
        self._problem: Exception | None = None
        tr.bind(language=self._words)
        self.bind(phase=self._pulse)
        self.bind(phase=self._words, ticket=self._words)

    def prepare(self, *, service: str) -> None:  # type: ignore[override]
        # One visit, one client, one token: every take of this visit sends it.
        self._token = tickets.new_visit()
        self._another = False
        self._problem = None
        self.service = service
        self.ids.feedback.again()
        self.ticket = None
        self._take()

    def try_again(self) -> None:
        self._take()

    def another_number(self) -> None:
        if self._too_soon_to_answer():
            return
        self._another = True
        self._take()

    def no_thanks(self) -> None:
        if not self._too_soon_to_answer():
            self.app.go_home()

    def _too_soon_to_answer(self) -> bool:
        return self.app.monotonic() - self._asked_at < ANSWER_PAUSE_S

    def _take(self) -> None:
        self.phase = "asking"
        self._pulse()
        app, token, another = self.app, self._token, self._another
        ctx, kiosk_id, service = app.ctx, app.device, self.service
        self.ask(
            lambda: tickets.take_number(
                ctx, service, kiosk_id=kiosk_id, visit=token, another=another
            ),
            self._taken,
            self._refused,
        )

    def _taken(self, ticket: TicketView) -> None:
        self.ticket = ticket
        self.phase = "printing"
        # The printer prints a ticket's slip once, and again only if it failed, so a visit
        # given its number back does not print a second slip. Done stays usable meanwhile.
        self.ask(
            self.app.printer.print_ticket(ticket, tr.language),
            self._printed,
            lambda error: self._printed(_failed_outcome(error)),
            lock=False,
        )

    def _printed(self, outcome: PrintOutcome) -> None:
        self.phase = "printed" if outcome.printed else "failed"
        self.start_countdown(self.app.settings.kiosk.ticket_screen_seconds)

    def _refused(self, error: Exception) -> None:
        if isinstance(error, Closed):
            self.app.show("service_closed", service=self.service, opens_at=error.opens_at)
            return
        if isinstance(error, tickets.RapidSeries):
            log.info(
                "%d numbers for %s in %d s from this kiosk: asking before the next",
                error.count,
                error.service,
                error.seconds,
            )
            self._asked_at = self.app.monotonic()
            self.phase = "confirm"
            return
        self.app.log_problem(f"taking a number for {self.service}", error)
        self._problem = error
        self.phase = "problem"

    def _pulse(self, *_args: Any) -> None:
        self.ids.status.pulse(self.phase in ("asking", "printing"))

    def _words(self, *_args: Any) -> None:
        ticket: TicketView | None = self.ticket
        privacy = self.app.settings.clinic.privacy_mode
        service = self.app.settings.service(self.service)
        self.service_name = "" if privacy or service is None else service.names.get(tr.language)
        if self.phase == "confirm":
            self.title_text = tr._("Do you need a queue number?")
            self.position_text = tr._("Many numbers were just taken here.")
        else:
            self.title_text = tr._("Your number is")
            self.position_text = (
                people_before(ticket.ahead, ticket.estimated_wait_min) if ticket else ""
            )
        code = ticket.code if ticket else ""
        why = refusal(self._problem, self.app.settings.clinic.zone) if self._problem else ""
        icon, text = {
            "asking": ("timer-sand", tr._("One moment…")),
            "confirm": ("", ""),
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
                        # The number may have been saved and only the answer lost: then
                        # "Try again" shows that number, else it takes one. Both are true.
                        why or tr._("Something went wrong."),
                        tr._(
                            "Press “Try again” to get your number. If that does not help, ask staff."
                        ),
                    )
                ),
            ),
        }[self.phase]
        self.status_icon, self.status_text = icon, text


def _failed_outcome(error: Exception) -> PrintOutcome:
    return PrintOutcome(False, PrinterState.OFFLINE, str(error))

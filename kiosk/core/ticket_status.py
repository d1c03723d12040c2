"""A queue ticket's life: waiting → called (maybe recalled) → served | no_show; or cancelled."""

from __future__ import annotations

from enum import StrEnum

from kiosk.errors import Refused


class TicketStatus(StrEnum):
    WAITING = "waiting"
    CALLED = "called"
    SERVED = "served"
    NO_SHOW = "no_show"
    CANCELLED = "cancelled"


ALLOWED: dict[TicketStatus, frozenset[TicketStatus]] = {
    TicketStatus.WAITING: frozenset({TicketStatus.CALLED, TicketStatus.CANCELLED}),
    TicketStatus.CALLED: frozenset(
        {TicketStatus.CALLED, TicketStatus.SERVED, TicketStatus.NO_SHOW, TicketStatus.CANCELLED}
    ),
    TicketStatus.SERVED: frozenset(),
    TicketStatus.NO_SHOW: frozenset(),
    TicketStatus.CANCELLED: frozenset(),
}


def check_ticket_transition(code: str, current: TicketStatus, new: TicketStatus) -> None:
    if new not in ALLOWED[current]:
        raise Refused(
            f"ticket {code} is {current.value.replace('_', ' ')} and cannot become "
            f"{new.value.replace('_', ' ')}",
            code="ticket.wrong_state",
            ticket=code,
            status=current.value,
            wanted=new.value,
        )

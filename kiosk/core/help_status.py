"""A help request's life: open → in progress → waiting for documents → done; or cancelled or
not present. Waiting for documents may last days; the client comes back with the resume code."""

from __future__ import annotations

from enum import StrEnum

from kiosk.errors import Refused


class HelpStatus(StrEnum):
    OPEN = "open"
    IN_PROGRESS = "in_progress"
    WAITING_DOCS = "waiting_docs"
    DONE = "done"
    CANCELLED = "cancelled"
    NOT_PRESENT = "not_present"


ACTIVE = frozenset({HelpStatus.OPEN, HelpStatus.IN_PROGRESS, HelpStatus.WAITING_DOCS})

ALLOWED: dict[HelpStatus, frozenset[HelpStatus]] = {
    HelpStatus.OPEN: frozenset(
        {HelpStatus.IN_PROGRESS, HelpStatus.CANCELLED, HelpStatus.NOT_PRESENT}
    ),
    # Back to OPEN: a request left in progress on an earlier day, its client back today.
    HelpStatus.IN_PROGRESS: frozenset(
        {
            HelpStatus.OPEN,
            HelpStatus.WAITING_DOCS,
            HelpStatus.DONE,
            HelpStatus.CANCELLED,
            HelpStatus.NOT_PRESENT,
        }
    ),
    # The client is back with the papers: they rejoin the queue, or a helper takes it at once.
    HelpStatus.WAITING_DOCS: frozenset(
        {HelpStatus.OPEN, HelpStatus.IN_PROGRESS, HelpStatus.DONE, HelpStatus.CANCELLED}
    ),
    HelpStatus.DONE: frozenset(),
    HelpStatus.CANCELLED: frozenset(),
    HelpStatus.NOT_PRESENT: frozenset(),
}


def check_help_transition(code: str, current: HelpStatus, new: HelpStatus) -> None:
    if new not in ALLOWED[current]:
        raise Refused(
            f"help request {code} is {current.value.replace('_', ' ')} and cannot become "
            f"{new.value.replace('_', ' ')}",
            code="help.wrong_state",
            request=code,
            status=current.value,
            wanted=new.value,
        )

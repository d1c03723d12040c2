"""The errors every front door (touchscreen, command line, staff console, board) knows how to show.

An expected failure says what went wrong in three parts:
- `code`, a stable name ("ticket.not_found") that is the contract between a use case and the
  front doors: each front door words a code for its own reader (the command line names the
  command to run next, in kiosk.cli.wording; a kiosk screen speaks to a client in plain words,
  in kiosk.ui.refusals), so a use case never knows who called it;
- `facts`, what a wording needs to be precise (`ticket="A017"`, `opens_at=…`), by name;
- `str(error)`, one plain English sentence fit for a log line and for any reader a front door
  has no wording for. It names no command and no flag (only the command line knows those) and
  no person's name, PIN, badge token or return code (logs must not hold them).

A refusal that screens tell apart by its type (Closed, a wrong PIN, …) is a class with its own
`code`; a one-off passes `code=` to KioskError, NotFound or Refused, so each of the many small
refusals of the use cases needs no class of its own. Anything else escaping is a bug.
"""

from __future__ import annotations

from datetime import datetime


class KioskError(Exception):
    """An expected failure: `code` says which, `facts` hold its details, the message says it in
    English."""

    # The codes of these three base classes mean "no code given": the use cases always give one
    # (a test checks), the command line's own input errors need none.
    code = "error"

    def __init__(self, message: str, *, code: str | None = None, **facts: object) -> None:
        super().__init__(message)
        if code is not None:
            self.code = code
        self.facts = facts


class NotFound(KioskError):
    """A ticket, help request, worker or topic that does not exist."""

    code = "not_found"


class Refused(KioskError):
    """A rule of the clinic says no (closed, wrong state, staff-only topic, locked)."""

    code = "refused"


class LockedUntil(Refused):
    """Refused until `until`: a lock or a pause after too many wrong tries. Each kind says in
    its class's `sentence` what happened; the front doors say when it ends."""

    sentence = "refused for a while after too many wrong tries"

    def __init__(self, until: datetime) -> None:
        super().__init__(self.sentence, until=until)
        self.until = until


class Closed(Refused):
    """A service takes no numbers now, or the clinic takes no help requests: both are refused
    the same way. `opens_at` is when it next opens (None: never); `service` is the service's
    letter, or the help requests' letter with the code "help.closed"."""

    code = "service.closed"

    def __init__(
        self,
        message: str,
        *,
        service: str,
        opens_at: datetime | None,
        code: str | None = None,
    ) -> None:
        super().__init__(message, code=code, service=service, opens_at=opens_at)
        self.service = service
        self.opens_at = opens_at

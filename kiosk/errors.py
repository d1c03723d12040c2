"""The one error type every front door (touchscreen, CLI, staff console) knows how to show.

Its message is written for the person in front of the kiosk or console: what went wrong and what
to do next, in one sentence. Anything else escaping is a bug.
"""

from __future__ import annotations

from datetime import datetime


class KioskError(Exception):
    """An expected failure with a message fit to show as it is."""


class NotFound(KioskError):
    """A ticket, help request or topic that does not exist."""


class Refused(KioskError):
    """A rule of the clinic says no (closed, wrong state, staff-only topic, locked)."""


class Closed(Refused):
    """A service takes no numbers now, or the clinic takes no help requests: both are refused
    the same way. `opens_at` is when it next opens (None: never)."""

    def __init__(self, message: str, opens_at: datetime | None) -> None:
        super().__init__(message)
        self.opens_at = opens_at

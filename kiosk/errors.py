"""The one error type every front door (touchscreen, CLI, staff console) knows how to show.

Its message is written for the person in front of the kiosk or console: what went wrong and what
to do next, in one sentence. Anything else escaping is a bug.
"""


class KioskError(Exception):
    """An expected failure with a message fit to show as it is."""


class NotFound(KioskError):
    """A ticket, help request or topic that does not exist."""


class Refused(KioskError):
    """A rule of the clinic says no (closed, wrong state, staff-only topic, locked)."""

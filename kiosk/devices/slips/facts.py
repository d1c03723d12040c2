"""What a slip reads of a ticket or a help request.

The use cases hand back their own views (kiosk.services.views); the printer package only says
which facts it prints, so it does not depend on the layer that makes them. Any object with these
attributes prints, a service's view and a made-up sample alike.
"""

from __future__ import annotations

from datetime import datetime
from typing import Protocol


class TicketFacts(Protocol):
    @property
    def code(self) -> str: ...

    @property
    def service(self) -> str: ...

    @property
    def taken_at(self) -> datetime: ...

    @property
    def ahead(self) -> int: ...

    @property
    def estimated_wait_min(self) -> int: ...


class HelpRequestFacts(Protocol):
    @property
    def code(self) -> str: ...

    @property
    def topic(self) -> str: ...

    @property
    def resume_code(self) -> str: ...

    @property
    def position(self) -> int | None: ...

    @property
    def estimated_wait_min(self) -> int | None: ...

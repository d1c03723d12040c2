"""Who did something: staff, a peer worker, a kiosk screen or the command line.

Written "staff:anna", "worker:12", "kiosk:lounge-1", "cli:sari" (the command line, as the OS
user running it). Audit events and claims keep this string; it never holds a client's identity,
because clients have none here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from kiosk.core.printable import printable
from kiosk.errors import KioskError

ActorKind = Literal["staff", "worker", "kiosk", "cli", "system"]
_ID = re.compile(r"[A-Za-z0-9_.@-]{1,40}")


@dataclass(frozen=True)
class Actor:
    kind: ActorKind
    id: str

    def __str__(self) -> str:
        return f"{self.kind}:{self.id}"

    @classmethod
    def parse(cls, text: str) -> Actor:
        """ "worker:12" or "staff:anna"; a bare name means staff, who use the command line.
        A staff login is lower case, however it is typed."""
        kind, _, ident = text.partition(":") if ":" in text else ("staff", "", text)
        if kind == "staff":
            ident = ident.lower()
        if kind not in ("staff", "worker", "kiosk", "cli", "system") or not _ID.fullmatch(ident):
            raise KioskError(
                f'"{printable(text, 60)}" is not a valid actor; write staff:NAME or worker:NUMBER',
                code="actor.invalid",
                text=printable(text, 60),
            )
        return cls(kind, ident)  # type: ignore[arg-type]

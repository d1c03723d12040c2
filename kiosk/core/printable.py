"""Text someone typed, made fit to be echoed in a message on a terminal or in a log."""

from __future__ import annotations

import unicodedata


def printable(text: str, limit: int = 300) -> str:
    """Control characters written as escapes (a bell or an escape sequence in what was typed
    must not act on the terminal reading the message), and no longer than `limit`, so a pasted
    megabyte is named, not echoed."""
    shown = "".join(
        c.encode("unicode_escape").decode("ascii") if unicodedata.category(c)[0] == "C" else c
        for c in text
    )
    return shown if len(shown) <= limit else shown[: limit - 1] + "…"

"""Text staff type that is kept: names, notes, reasons.

A control character has no place in any of them. PostgreSQL cannot store a NUL at all (the
save failed as an unexpected error, where SQLite kept it), and an escape sequence in a name
would act on every terminal that later lists it. Line breaks and tabs are typing, not control.
"""

from __future__ import annotations

import unicodedata

from kiosk.errors import KioskError

_TYPING = frozenset("\n\r\t")


def without_control_characters(text: str) -> str:
    """`text` itself, or a refusal when it holds a control character (NUL, escape, bell) or
    half of a character (what a command line makes of bytes that are not UTF-8)."""
    if any(unicodedata.category(c) in ("Cc", "Cs") and c not in _TYPING for c in text):
        raise KioskError(
            "the text holds a control character or a byte that is not text, which cannot be "
            "saved; type it again",
            code="text.control_character",
        )
    return text

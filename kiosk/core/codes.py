"""Queue codes ("A017") and resume codes ("K7M3QX")."""

from __future__ import annotations

import secrets

# No 0/O, 1/I/L, 2/Z, 5/S, 8/B: a code read aloud or copied from a crumpled slip survives.
RESUME_ALPHABET = "ACDEFGHJKMNPQRTUVWXY34679"
RESUME_LENGTH = 6
HELP_PREFIX = "H"


def queue_code(prefix: str, number: int) -> str:
    return f"{prefix}{number:03d}"


def parse_queue_code(code: str) -> tuple[str, int] | None:
    """ "a17", "A017" → ("A", 17); anything else → None."""
    text = code.strip().upper()
    if len(text) < 2 or not text[0].isalpha() or not text[1:].isdigit():
        return None
    return text[0], int(text[1:])


def new_resume_code() -> str:
    return "".join(secrets.choice(RESUME_ALPHABET) for _ in range(RESUME_LENGTH))


def normalise_resume_code(code: str) -> str:
    return code.strip().upper().replace("-", "").replace(" ", "")

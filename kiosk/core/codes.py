"""Queue codes ("A017") and resume codes ("K7M3QX")."""

from __future__ import annotations

import re
import secrets

# No 0/O, 1/I/L, 2/Z, 5/S, 8/B: a code read aloud or copied from a crumpled slip survives.
RESUME_ALPHABET = "ACDEFGHJKMNPQRTUVWXY34679"
RESUME_LENGTH = 6
HELP_PREFIX = "H"


# A day's numbers in one series never come near this, yet a code that is printed must be one
# that can be typed back: queue_code and parse_queue_code agree on every number up to it.
MAX_QUEUE_NUMBER = 999_999


def queue_code(prefix: str, number: int) -> str:
    if not 0 <= number <= MAX_QUEUE_NUMBER:
        raise ValueError(f"a queue number is 0..{MAX_QUEUE_NUMBER}, not {number}")
    return f"{prefix}{number:03d}"


# ASCII only: str.isdigit() would take "²" and Arabic-Indic digits, and int() then fails or
# turns them into another number. As many digits as the largest number has.
_QUEUE_CODE = re.compile(rf"([A-Z])([0-9]{{1,{len(str(MAX_QUEUE_NUMBER))}}})", re.ASCII)


def parse_queue_code(code: str) -> tuple[str, int] | None:
    """ "a17", "A017" → ("A", 17); anything else → None."""
    match = _QUEUE_CODE.fullmatch(code.strip().upper())
    return (match[1], int(match[2])) if match else None


def new_resume_code() -> str:
    return "".join(secrets.choice(RESUME_ALPHABET) for _ in range(RESUME_LENGTH))


def normalise_resume_code(code: str) -> str:
    return code.strip().upper().replace("-", "").replace(" ", "")


def could_be_resume_code(text: str) -> bool:
    """Whether a normalised `text` has a resume code's form (ASCII letters and digits), so is
    worth looking up: anything else typed (a NUL byte, which PostgreSQL cannot even compare)
    is no request's code."""
    return text.isascii() and text.isalnum()

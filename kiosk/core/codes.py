"""Queue codes ("A017") and resume codes ("K7M3QX")."""

from __future__ import annotations

import re
import secrets

# No 0/O, 1/I/L, 2/Z, 5/S, 8/B: a code read aloud or copied from a crumpled slip survives.
RESUME_ALPHABET = "ACDEFGHJKMNPQRTUVWXY34679"
RESUME_LENGTH = 6
HELP_PREFIX = "H"


def queue_code(prefix: str, number: int) -> str:
    return f"{prefix}{number:03d}"


# ASCII only: str.isdigit() would take "²" and Arabic-Indic digits, and int() then fails or
# turns them into another number. Four digits: far more than a day's numbers.
_QUEUE_CODE = re.compile(r"([A-Z])([0-9]{1,4})", re.ASCII)


def parse_queue_code(code: str) -> tuple[str, int] | None:
    """ "a17", "A017" → ("A", 17); anything else → None."""
    match = _QUEUE_CODE.fullmatch(code.strip().upper())
    return (match[1], int(match[2])) if match else None


def new_resume_code() -> str:
    return "".join(secrets.choice(RESUME_ALPHABET) for _ in range(RESUME_LENGTH))


def normalise_resume_code(code: str) -> str:
    return code.strip().upper().replace("-", "").replace(" ", "")

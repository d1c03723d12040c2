"""PINs: refused when weak, stored only as argon2id hashes.

A 4–6 digit PIN has at most a million values, so no hash makes a stolen database safe on its
own; the slow KDF buys time, and the lockout (not the hash) is what stops guessing at the kiosk.
"""

from __future__ import annotations

import itertools
import re
import secrets
from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from kiosk.errors import KioskError

_HASHER = PasswordHasher()  # argon2id with the library's current recommended parameters
PIN_MIN_DIGITS = 4
PIN_MAX_DIGITS = 6
_FORMAT = re.compile(f"[0-9]{{{PIN_MIN_DIGITS},{PIN_MAX_DIGITS}}}")

COMMON_PINS = frozenset(
    {
        "1212",
        "6969",
        "1004",
        "2000",
        "4321",
        "1122",
        "112233",
        "121212",
        "123123",
        "159753",
        "147258",
        "147852",
        "2580",
        "0852",
    }
)


class WeakPin(KioskError):
    """The PIN is not 4 to 6 digits, or too easy to guess; its code says which."""


def is_pin_format(pin: str) -> bool:
    """4 to 6 ASCII digits: what every PIN pad and `--pin-stdin` takes (str.isdigit() would
    take "²" and other scripts' digits)."""
    return _FORMAT.fullmatch(pin) is not None


def check_pin_strength(pin: str) -> None:
    if not is_pin_format(pin):
        raise WeakPin(
            f"a PIN is {PIN_MIN_DIGITS} to {PIN_MAX_DIGITS} digits; choose another",
            code="pin.format",
            min_digits=PIN_MIN_DIGITS,
            max_digits=PIN_MAX_DIGITS,
        )
    digits = [int(d) for d in pin]
    steps = {b - a for a, b in itertools.pairwise(digits)}
    if len(set(digits)) == 1:
        raise WeakPin(
            "a PIN of one repeated digit is too easy to guess; choose another",
            code="pin.repeated_digit",
        )
    if steps in ({1}, {-1}):
        raise WeakPin(
            "a PIN of digits in a row (like 1234) is too easy to guess; choose another",
            code="pin.digits_in_a_row",
        )
    if pin in COMMON_PINS or (len(pin) % 2 == 0 and pin[: len(pin) // 2] * 2 == pin):
        raise WeakPin("that PIN is one of the most common ones; choose another", code="pin.common")


def hash_pin(pin: str) -> str:
    check_pin_strength(pin)
    return _HASHER.hash(pin)


def verify_pin(pin_hash: str, pin: str) -> bool:
    """True when `pin` matches. A broken or empty hash never matches."""
    if not pin_hash:
        return False
    try:
        return _HASHER.verify(pin_hash, pin)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


@cache
def dummy_hash() -> str:
    """A real argon2id hash of a random PIN nobody knows, made once per process. Checking a PIN
    against it costs what checking against a real hash costs, so an unknown worker number or
    staff login takes as long to refuse as a wrong PIN and gives nothing away."""
    while True:
        try:
            return hash_pin(f"{secrets.randbelow(1_000_000):06d}")
        except WeakPin:
            continue

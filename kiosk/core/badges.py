"""Badge tokens: what a peer worker's badge QR code holds, and what the database keeps of it.

A keyboard-wedge scanner "types" the code followed by Enter, as a US keyboard would. On a Finnish
keyboard layout punctuation comes out as other characters and Caps Lock flips letter case, so a
token is only letters and digits (RFC 4648 base32) and is read case-insensitively.

The database keeps a SHA-256 digest, never the token. Unlike a PIN, a token carries 130 random
bits, so a fast digest is as safe as a slow KDF would be, and it lets a scan be looked up directly
instead of trying every worker's hash.
"""

from __future__ import annotations

import base64
import hashlib
import re
import secrets

TOKEN_LENGTH = 26  # 16 random bytes in base32, without padding
_TOKEN = re.compile(rf"^[A-Z2-7]{{{TOKEN_LENGTH}}}$")


def new_badge_token() -> str:
    return base64.b32encode(secrets.token_bytes(16)).decode("ascii").rstrip("=")


def normalise_badge_token(text: str) -> str | None:
    """The token in `text` as scanned, or None when it cannot be one."""
    cleaned = text.strip().upper()
    return cleaned if _TOKEN.match(cleaned) else None


def badge_digest(token: str) -> str:
    return hashlib.sha256(token.encode("ascii")).hexdigest()

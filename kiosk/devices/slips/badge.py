"""The peer worker's badge: their worker number and a QR code to sign in with. Nothing more.

No name, no title, no clinic: a peer worker is a client in recovery, and a lost badge must not
say so.
"""

from __future__ import annotations

from kiosk.devices.slips.builder import SlipBuilder
from kiosk.settings.schema import Settings


def badge_slip(number: str, token: str, settings: Settings) -> bytes:
    slip = SlipBuilder(settings.printer)
    slip.big(number)
    slip.blank()
    slip.qr(token)
    slip.blank()
    return slip.finish()

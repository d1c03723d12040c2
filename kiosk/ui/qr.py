"""A QR code drawn into a Kivy texture, one texel per module, for the client's phone to scan.

The texture is scaled up with "nearest" filtering, so modules stay sharp squares at any size.
"""

from __future__ import annotations

import qrcode
from kivy.graphics.texture import Texture
from qrcode.constants import ERROR_CORRECT_M

# Four modules of white around the code: the quiet zone a phone camera needs to find it.
QUIET_ZONE = 4
DARK = bytes((0, 0, 0, 255))
LIGHT = bytes((255, 255, 255, 255))


def qr_modules(payload: str) -> list[list[bool]]:
    code = qrcode.QRCode(border=QUIET_ZONE, error_correction=ERROR_CORRECT_M)
    code.add_data(payload)
    code.make(fit=True)
    return code.get_matrix()


def qr_texture(payload: str) -> Texture:
    modules = qr_modules(payload)
    size = len(modules)
    # Kivy textures start at the bottom row; the QR matrix starts at the top.
    pixels = b"".join(DARK if dark else LIGHT for row in reversed(modules) for dark in row)
    texture = Texture.create(size=(size, size), colorfmt="rgba")
    texture.blit_buffer(pixels, colorfmt="rgba", bufferfmt="ubyte")
    texture.mag_filter = "nearest"
    texture.min_filter = "nearest"
    return texture

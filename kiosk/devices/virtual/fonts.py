"""The typeface the virtual printer draws with.

The shipped DejaVu Sans Mono (kiosk/assets/fonts, with its licence) looks like a printer's font A and
keeps columns aligned. A fresh machine without the assets folder falls back to the system's copy,
then to Pillow's built-in font, which is proportional but still readable: each character is
centred in its printer cell either way.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from PIL import ImageFont

from kiosk.paths import ASSETS

_CANDIDATES = (
    ASSETS / "fonts" / "DejaVuSansMono.ttf",
    Path("/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf"),
)

Font = ImageFont.FreeTypeFont | ImageFont.ImageFont


@cache
def printer_font(size: int) -> Font:
    for path in _CANDIDATES:
        if path.is_file():
            return ImageFont.truetype(str(path), size)
    return ImageFont.load_default(size=size)

"""Sizes in millimetres on the real screen, turned into pixels.

Touch targets and text must be big on the glass, not in pixels: a 15 mm button is 60 px on a
21.5" full-HD panel but 90 px on a 15.6" one. The configuration gives the panel's resolution and
diagonal, from which we get pixels per millimetre. When the kiosk runs in a smaller development
window, everything shrinks in proportion so the layout looks the same, just smaller.

No Kivy here: the accessibility tests check these numbers without a display.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from kiosk.settings.schema import ScreenSettings

MM_PER_INCH = 25.4
# The floor the accessibility requirements set (EN 301 549 / the clinic's brief).
MIN_TARGET_MM = 15.0
MIN_BODY_TEXT_MM = 5.0
# Roboto (Kivy's bundled font) draws capital letters 1456/2048 of the font size tall.
CAP_HEIGHT_PER_EM = 1456 / 2048


def px_per_mm(screen: ScreenSettings) -> float:
    diagonal_px = math.hypot(screen.width_px, screen.height_px)
    return diagonal_px / (screen.diagonal_inches * MM_PER_INCH)


def window_scale(screen: ScreenSettings, width: int, height: int) -> float:
    """How much smaller than the configured panel this window is (1.0 on the panel itself).

    A window turned the other way round than the configuration (a portrait window for a
    landscape-configured panel) is the same panel rotated, so it is compared side for side."""
    long_side, short_side = (
        max(screen.width_px, screen.height_px),
        min(screen.width_px, screen.height_px),
    )
    scale = min(max(width, height) / long_side, min(width, height) / short_side)
    return min(scale, 1.0)


@dataclass(frozen=True)
class Sizing:
    """Every size the screens use, in pixels for one window."""

    px_per_mm: float

    def mm(self, millimetres: float) -> float:
        return millimetres * self.px_per_mm

    @classmethod
    def for_window(cls, screen: ScreenSettings, width: int, height: int) -> Sizing:
        return cls(px_per_mm(screen) * window_scale(screen, width, height))

    # Font sizes are the em size Kivy takes; the comments give the height of a capital letter.
    @property
    def font_body(self) -> float:  # capitals 5.3 mm
        return self.mm(7.5)

    @property
    def font_large(self) -> float:  # capitals 7.1 mm
        return self.mm(10)

    @property
    def font_title(self) -> float:  # capitals 9.2 mm
        return self.mm(13)

    @property
    def font_icon(self) -> float:
        return self.mm(14)

    @property
    def font_number(self) -> float:  # the queue number: capitals 46 mm, readable from the sofa
        return self.mm(65)

    @property
    def button(self) -> float:
        """Height of an ordinary button (back, done, more time): well above MIN_TARGET_MM."""
        return self.mm(24)

    @property
    def gap(self) -> float:
        return self.mm(5)

    @property
    def pad(self) -> float:
        return self.mm(8)

    def cap_height_mm(self, font_size: float) -> float:
        return font_size * CAP_HEIGHT_PER_EM / self.px_per_mm

"""The screen the kiosk starts on, asked before Kivy opens its window.

Kivy sizes its window from its configuration, and "full screen" alone is not enough: without a
window manager (a kiosk started straight from xinit, or Xvfb) the window keeps its configured
size and place, so a 1080×1920 panel showed an 800×600 corner of a landscape layout. Knowing the
screen first, the kiosk asks for a window of exactly its size and place, and the demo for a
window that fits on it. No Kivy here: this runs before Kivy is imported.
"""

from __future__ import annotations

from dataclasses import dataclass

import screeninfo


@dataclass(frozen=True)
class Display:
    x: int
    y: int
    width: int
    height: int

    @property
    def portrait(self) -> bool:
        return self.height > self.width


def current_display() -> Display | None:
    """The primary screen (the one a new window opens on), else the first one; None when no
    screen can be asked (no display server, or one screeninfo cannot read)."""
    try:
        monitors = screeninfo.get_monitors()
    except screeninfo.ScreenInfoError:
        return None
    chosen = next((m for m in monitors if m.is_primary), monitors[0])
    return Display(chosen.x, chosen.y, chosen.width, chosen.height)


def numbered_display(number: int) -> Display | None:
    """Screen `number` (1 = the first screeninfo lists, the order `xrandr` shows them), for a
    board on the kiosk machine's second screen; None when there is no such screen."""
    try:
        monitors = screeninfo.get_monitors()
    except screeninfo.ScreenInfoError:
        return None
    if not 1 <= number <= len(monitors):
        return None
    chosen = monitors[number - 1]
    return Display(chosen.x, chosen.y, chosen.width, chosen.height)

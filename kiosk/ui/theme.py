"""The kiosk's colours, and the text-on-background pairs the screens are allowed to use.

Calm and plain: dark ink on warm paper, deep solid colours for the few big buttons, no gradients
and nothing blinking. Every pair of text and background the screens draw is listed in
`SURFACES`, and a test holds each of them to a contrast of at least 7:1 (WCAG AAA), so a new
colour cannot slip in unchecked. This module does not import Kivy: `.kv` files read the RGBA
tuples below, and the contrast test runs without a display.
"""

from __future__ import annotations

MIN_CONTRAST = 7.0

Rgba = tuple[float, float, float, float]


def rgba(hex_colour: str) -> Rgba:
    """'#1D3F73' → (r, g, b, 1.0) with channels in 0..1, as Kivy's Color wants them."""
    text = hex_colour.lstrip("#")
    red, green, blue = (int(text[i : i + 2], 16) / 255 for i in (0, 2, 4))
    return (red, green, blue, 1.0)


def to_hex(colour: Rgba) -> str:
    """(r, g, b, a) → '#RRGGBB', for Kivy markup such as [color=#FFE08A]."""
    return "#" + "".join(f"{round(c * 255):02X}" for c in colour[:3])


def relative_luminance(colour: Rgba) -> float:
    """WCAG 2.x relative luminance of an sRGB colour."""

    def linear(channel: float) -> float:
        if channel <= 0.04045:
            return channel / 12.92
        return ((channel + 0.055) / 1.055) ** 2.4

    red, green, blue = (linear(c) for c in colour[:3])
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast_ratio(first: Rgba, second: Rgba) -> float:
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


# The page and plain text.
PAGE = rgba("#F4F1EA")
INK = rgba("#1B1F24")
INK_SOFT = rgba("#3C4148")
CARD = rgba("#FFFFFF")
# Outlines of secondary buttons; dark, so the button's edge is seen without relying on colour.
OUTLINE = rgba("#1B1F24")

# Taking a queue number: the main action, deep blue.
SERVICE = rgba("#1D3F73")
SERVICE_PRESSED = rgba("#122A4F")
ON_SERVICE = rgba("#FFFFFF")

# Asking for help: deep green, so the two main actions differ in more than their words.
HELP = rgba("#1E5631")
HELP_PRESSED = rgba("#133A20")
ON_HELP = rgba("#FFFFFF")

# A service that takes no numbers now.
CLOSED = rgba("#E3DED3")
CLOSED_PRESSED = rgba("#D2CBBD")
ON_CLOSED = rgba("#2E3338")

# The "now serving" strip.
STRIP = rgba("#14213D")
ON_STRIP = rgba("#FFFFFF")
STRIP_NUMBER = rgba("#FFE08A")

# A calm notice (the printer needs attention) and a problem the client must know about.
NOTICE = rgba("#FFE8A3")
ON_NOTICE = rgba("#3D2A00")
PROBLEM = rgba("#FBE3E1")
ON_PROBLEM = rgba("#5A0E0E")

# A chosen option (the current language, a ticked box): dark fill, light text, and a tick icon.
SELECTED = rgba("#1B1F24")
ON_SELECTED = rgba("#FFFFFF")
PRESSED = rgba("#E6E1D6")

# (background, text) of each kind of notice band.
NOTICE_COLOURS: dict[str, tuple[Rgba, Rgba]] = {
    "info": (CARD, INK),
    "notice": (NOTICE, ON_NOTICE),
    "problem": (PROBLEM, ON_PROBLEM),
}

# Background → the text colours drawn on it. The contrast test walks this table.
SURFACES: dict[str, tuple[Rgba, tuple[Rgba, ...]]] = {
    "page": (PAGE, (INK, INK_SOFT)),
    "card": (CARD, (INK, INK_SOFT)),
    "pressed": (PRESSED, (INK,)),
    "service": (SERVICE, (ON_SERVICE,)),
    "service_pressed": (SERVICE_PRESSED, (ON_SERVICE,)),
    "help": (HELP, (ON_HELP,)),
    "help_pressed": (HELP_PRESSED, (ON_HELP,)),
    "closed": (CLOSED, (ON_CLOSED,)),
    "closed_pressed": (CLOSED_PRESSED, (ON_CLOSED,)),
    "strip": (STRIP, (ON_STRIP, STRIP_NUMBER)),
    "notice": (NOTICE, (ON_NOTICE,)),
    "problem": (PROBLEM, (ON_PROBLEM,)),
    "selected": (SELECTED, (ON_SELECTED,)),
}

"""The kiosk's colours, and the text-on-background pairs the screens are allowed to use.

Calm and plain: dark ink on warm paper, deep solid colours for the few big buttons, no gradients
and nothing blinking. Every pair of text and background the screens draw is listed in
`SURFACES`, and a test holds each of them to a contrast of at least 7:1 (WCAG AAA), so a new
colour cannot slip in unchecked; the one exception is a disabled button, whose greyed words
keep at least 4.5:1 (`MIN_CONTRAST_DISABLED`). Buttons take their colours for every kind and
state from `button_colours`, notices theirs from `NOTICE_STYLES`. This module does not import
Kivy: `.kv` files read the RGBA tuples below, and the contrast test runs without a display.
"""

from __future__ import annotations

from dataclasses import dataclass

MIN_CONTRAST = 7.0
# Greyed words on a disabled button: readable (WCAG AA), yet plainly not the live colours.
MIN_CONTRAST_DISABLED = 4.5

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

# Notices are bands, not buttons: a light tint, square corners, a bar down the left edge and
# no outline. Information in pale blue; a calm notice (the printer needs attention) in amber;
# a problem the client must know about in pale red.
INFO = rgba("#E3EBF5")
INFO_EDGE = rgba("#1D3F73")
NOTICE = rgba("#FFE8A3")
ON_NOTICE = rgba("#3D2A00")
PROBLEM = rgba("#FBE3E1")
ON_PROBLEM = rgba("#5A0E0E")

# A chosen option (the current language, a ticked box): dark fill, light text, and a tick icon.
SELECTED = rgba("#1B1F24")
ON_SELECTED = rgba("#FFFFFF")
PRESSED = rgba("#E6E1D6")

# A button that cannot be pressed now: flat grey, no outline, greyed words.
DISABLED = rgba("#E4E1DA")
ON_DISABLED = rgba("#565B62")


@dataclass(frozen=True)
class NoticeStyle:
    """How one kind of notice band looks. Kinds differ in more than colour: an information
    band has a thin edge and its icon plain; a notice or a problem a thick edge and its icon
    on a round badge, so they read as "attention" even without colour vision."""

    background: Rgba
    text: Rgba
    edge: Rgba
    edge_mm: float
    badge: bool


NOTICE_STYLES: dict[str, NoticeStyle] = {
    "info": NoticeStyle(INFO, INK, INFO_EDGE, 1.2, badge=False),
    "notice": NoticeStyle(NOTICE, ON_NOTICE, ON_NOTICE, 3.0, badge=True),
    "problem": NoticeStyle(PROBLEM, ON_PROBLEM, ON_PROBLEM, 3.0, badge=True),
}

BUTTON_KINDS = ("primary", "help", "secondary", "closed", "selected")
BUTTON_STATES = ("normal", "down", "disabled")
# (background, background while pressed, text) of each kind of button.
_BUTTONS: dict[str, tuple[Rgba, Rgba, Rgba]] = {
    "primary": (SERVICE, SERVICE_PRESSED, ON_SERVICE),
    "help": (HELP, HELP_PRESSED, ON_HELP),
    "secondary": (CARD, PRESSED, INK),
    "closed": (CLOSED, CLOSED_PRESSED, ON_CLOSED),
    "selected": (SELECTED, SELECTED, ON_SELECTED),
}


def button_colours(kind: str, state: str) -> tuple[Rgba, Rgba]:
    """(background, text) of a button of `kind` in `state` ("normal", "down", "disabled")."""
    if state == "disabled":
        return DISABLED, ON_DISABLED
    normal, pressed, text = _BUTTONS[kind]
    return (pressed if state == "down" else normal), text


def button_outlined(kind: str, state: str) -> bool:
    """Light buttons get a dark outline so their edge shows; a disabled one has none."""
    return state != "disabled" and kind in ("secondary", "selected")


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
    "info": (INFO, (INK,)),
    "notice": (NOTICE, (ON_NOTICE,)),
    "problem": (PROBLEM, (ON_PROBLEM,)),
    # A notice's icon badge: the band's tint drawn on its edge colour.
    "notice_badge": (ON_NOTICE, (NOTICE,)),
    "problem_badge": (ON_PROBLEM, (PROBLEM,)),
    "selected": (SELECTED, (ON_SELECTED,)),
}

"""Icons from the Material Design Icons font (Apache-2.0, see kiosk/assets/icons/).

An icon is a character of that font, looked up by its name (`cash`, `home-heart`, ...), so the
clinic can pick a topic's icon in the configuration by name. No Kivy here.
"""

from __future__ import annotations

import logging
from functools import cache

from kiosk.paths import ASSETS

ICON_DIR = ASSETS / "icons"
ICON_FONT = ICON_DIR / "materialdesignicons-webfont.ttf"
# Shown for an icon name the font does not have, so a typo in the configuration costs a
# generic picture rather than a missing one (the words beside it still say what it is).
FALLBACK = "help-circle-outline"

log = logging.getLogger(__name__)


@cache
def codepoints() -> dict[str, int]:
    table: dict[str, int] = {}
    for line in (ICON_DIR / "codepoints.txt").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            name, code = line.split()
            table[name] = int(code, 16)
    return table


def is_icon(name: str) -> bool:
    return name in codepoints()


@cache
def glyph(name: str) -> str:
    """The character that draws icon `name` in the icon font."""
    code = codepoints().get(name)
    if code is None:
        log.warning('icon "%s" is not in the icon font; showing "%s" instead', name, FALLBACK)
        code = codepoints()[FALLBACK]
    return chr(code)

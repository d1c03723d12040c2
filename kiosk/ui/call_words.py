"""How a call is shown and said on the lounge board: "A017 → 2", "Numero A 17, luukku 2.".

Codes, windows and help desks only, in the board's language. The spoken form splits the code
into its letter and its number ("A 17"), which espeak-ng reads as a person would; "A017" would
be read letter by digit.
"""

from __future__ import annotations

from kiosk.core.codes import parse_queue_code
from kiosk.services.views import NowServing
from kiosk.settings.schema import Settings
from kiosk.ui.i18n import tr


def where(call: NowServing, settings: Settings) -> str:
    """ "2" for a window, a help desk's name ("Lift computer") for a desk."""
    if call.place is None:
        return str(call.window)
    place = settings.help.place(call.place)
    return place.names.get(tr.language) if place else call.place


def spoken(call: NowServing, settings: Settings) -> str:
    """ "Numero A 17, luukku 2." / "Number H 3, Lift computer." """
    parsed = parse_queue_code(call.code)
    number = f"{parsed[0]} {parsed[1]}" if parsed else call.code
    if call.place is None:
        return tr._("Number {number}, window {window}.").format(number=number, window=call.window)
    return tr._("Number {number}, {place}.").format(number=number, place=where(call, settings))

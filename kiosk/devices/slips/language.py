"""Which language a slip is printed in."""

from __future__ import annotations

from kiosk.devices.slips.texts import SLIP_LANGUAGES
from kiosk.settings.schema import Settings


def slip_language(settings: Settings, language: str) -> str:
    """The client's language if slips have texts in it, else the clinic's default.

    The touchscreen may offer more languages than the slips have been translated into yet;
    a slip in Finnish then beats a crash at the printer.
    """
    if language in SLIP_LANGUAGES:
        return language
    return settings.clinic.default_language

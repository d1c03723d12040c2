"""The printer as python-escpos's profile database knows it: paper width in dots, code pages.

The slips and the virtual printer both read it here, so the bytes a slip is built for and the
picture the virtual printer draws agree on columns, dots and characters.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from escpos.capabilities import CAPABILITIES, get_profile
from escpos.codepages import CodePages

from kiosk.errors import KioskError
from kiosk.settings.loader import ConfigError
from kiosk.settings.schema import PrinterSettings

# ESC/POS font A is 12 × 24 dots on every printer we know (Epson, Star in ESC/POS mode, the
# cheap 58 mm units), so columns follow from the dot width: 384 → 32, 512 → 42, 576 → 48.
FONT_A_WIDTH = 12
FONT_A_HEIGHT = 24
DOTS_58MM = 384
DOTS_80MM = 576


class PrinterSetupError(KioskError):
    """The printer section of the configuration names something the printer cannot do."""


@dataclass(frozen=True)
class Paper:
    """The printable width of the roll."""

    dots: int

    @property
    def columns(self) -> int:
        return self.dots // FONT_A_WIDTH

    def columns_at(self, width: int) -> int:
        """Characters per line when each character is `width` times as wide as normal."""
        return max(1, self.columns // width)


@dataclass(frozen=True)
class CodePage:
    name: str  # "CP858"
    number: int  # n of ESC t n in this printer profile
    characters: str  # the 256 characters of the table, index = byte

    def decode(self, data: bytes) -> str:
        return "".join(self.characters[b] for b in data)


def check_printer_settings(settings: PrinterSettings, source: Path) -> None:
    """printer.profile and printer.code_page name entries of python-escpos's printer database,
    which the configuration's schema cannot see. Checked when the configuration is loaded, a
    misspelt one stops the program at start instead of failing every slip later, after the
    client's number was already taken."""
    try:
        # The same look-up every slip makes: profile first, then its code page table.
        code_page_for(settings)
    except PrinterSetupError as error:
        raise ConfigError(
            f"{source}: {error}", code=error.code, path=str(source), **error.facts
        ) from None


def load_profile(name: str) -> Any:
    """The python-escpos profile object, or a message naming the setting."""
    if name not in CAPABILITIES["profiles"]:
        known = ", ".join(sorted(CAPABILITIES["profiles"]))
        raise PrinterSetupError(
            f'printer.profile: unknown printer profile "{name}"; use one of: {known}',
            code="printer.profile_unknown",
            profile=name,
            known=known,
        )
    return get_profile(name)


def paper_for(settings: PrinterSettings) -> Paper:
    """58 mm rolls print 384 dots; 80 mm rolls print what the profile says (512 or 576)."""
    # Some profiles say "Unknown", one says nothing at all.
    profile_dots = load_profile(settings.profile).media.get("width", {}).get("pixels")
    known = isinstance(profile_dots, int)
    if settings.paper_width_mm == 58:
        return Paper(min(profile_dots, DOTS_58MM) if known else DOTS_58MM)
    if known and DOTS_58MM < profile_dots <= DOTS_80MM:
        return Paper(profile_dots)
    return Paper(DOTS_80MM)


def code_page_for(settings: PrinterSettings) -> CodePage:
    return _code_page(settings.profile, settings.code_page.upper())


def code_page_by_number(profile_name: str, number: int) -> CodePage:
    """The table an `ESC t n` selects on this printer (for the virtual printer's decoding)."""
    name = load_profile(profile_name).codePages.get(str(number))
    if name is None:
        raise PrinterSetupError(
            f"ESC t {number}: no such code page in profile {profile_name}",
            code="printer.code_page_number_unknown",
            number=number,
            profile=profile_name,
        )
    return _code_page(profile_name, name)


@cache
def _code_page(profile_name: str, name: str) -> CodePage:
    pages = load_profile(profile_name).get_code_pages()
    # Only the tables we can encode to: the profile also lists some ("Unknown", CP851, ...)
    # whose characters python-escpos does not know.
    usable = sorted(p for p in pages if _has_table(p))
    if name not in usable:
        raise PrinterSetupError(
            f'printer.code_page: "{name}" is not a code page of profile {profile_name}; '
            f"use one of: {', '.join(usable)} (CP858 covers ä ö å and €)",
            code="printer.code_page_unknown",
            code_page=name,
            profile=profile_name,
            known=", ".join(usable),
        )
    return CodePage(name, int(pages[name]), _characters(name))


def _has_table(name: str) -> bool:
    table = CodePages.get_encoding(name)
    return "data" in table or "python_encode" in table


def _characters(name: str) -> str:
    table = CodePages.get_encoding(name)
    if "data" in table:
        upper = "".join(table["data"])
    elif "python_encode" in table:
        upper = bytes(range(128, 256)).decode(table["python_encode"], errors="replace")
    else:
        raise PrinterSetupError(
            f"printer.code_page: no character table is known for {name}",
            code="printer.code_page_without_table",
            code_page=name,
        )
    return "".join(chr(i) for i in range(128)) + upper

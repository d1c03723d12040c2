"""One print job as ESC/POS bytes, built with python-escpos's `Dummy` printer.

Every job starts with `ESC @` (forget whatever a half-printed earlier job left set) and
`ESC t n` for the configured code page. Text, size, alignment and bold are sent only when they
change: on a 9600-baud line every byte is a millisecond the client stands waiting.
"""

from __future__ import annotations

import re
import textwrap
import unicodedata
from typing import Literal

import qrcode
from escpos.constants import GS, QR_ECLEVEL_M
from escpos.image import EscposImage
from escpos.printer import Dummy
from qrcode.constants import ERROR_CORRECT_M

from kiosk.devices.printer_model import (
    FONT_A_WIDTH,
    Paper,
    PrinterSetupError,
    code_page_for,
    load_profile,
    paper_for,
)
from kiosk.settings.schema import PrinterSettings

Align = Literal["left", "center", "right"]

# GS ! takes 1–8 for width and height; 8 × 8 font A is 96 × 192 dots, 12 × 24 mm at 203 dpi.
LARGEST_SIZE = 8
# 6 dots is 0.75 mm per module at 203 dpi: big enough for an old phone camera in dim light.
QR_MODULE_DOTS = 6


class SlipBuilder:
    def __init__(self, settings: PrinterSettings) -> None:
        self.paper: Paper = paper_for(settings)
        self.code_page = code_page_for(settings)
        self._native_qr = settings.native_qr
        self._can_cut = _can_cut(settings.profile)
        self._printer = Dummy(profile=settings.profile)
        self._printer.hw("INIT")
        # charcode() sends ESC t n now and turns python-escpos's "magic" encoder off: without it
        # the encoder would switch to any other code page that has a character (a second
        # ESC t in mid-slip), which a printer with a partial code page table prints as garbage.
        # Fixed, a missing character becomes "?" instead.
        self._printer.charcode(self.code_page.name)
        # ESC @ leaves the printer left-aligned, not bold, at normal size.
        self._align: Align = "left"
        self._bold = False
        self._size = 1

    def text(
        self, text: str, *, align: Align = "center", bold: bool = False, size: int = 1
    ) -> None:
        """A paragraph, wrapped at word boundaries to the columns of this paper at this size."""
        self._style(align=align, bold=bold, size=size)
        for line in _wrap(printable(text), self.paper.columns_at(size)):
            self._printer.text(line + "\n")

    def item(self, text: str) -> None:
        """A checklist entry: "- " and a hanging indent, so a wrapped item still reads as one."""
        self._style(align="left", bold=False, size=1)
        lines = textwrap.wrap(
            printable(text),
            width=self.paper.columns,
            initial_indent="- ",
            subsequent_indent="  ",
            break_on_hyphens=False,
        )
        for line in lines:
            self._printer.text(line + "\n")

    def address(self, text: str) -> None:
        """A web address, centred, broken after "/", "-" or "." rather than mid-word."""
        self._style(align="center", bold=False, size=1)
        for line in _wrap_address(printable(text), self.paper.columns):
            self._printer.text(line + "\n")

    def big(self, text: str) -> None:
        """The queue number: the largest size at which the whole code fits on one line."""
        clean = printable(text)
        fitting = self.paper.dots // (FONT_A_WIDTH * max(1, len(clean)))
        size = max(1, min(LARGEST_SIZE, fitting))
        self._style(align="center", bold=True, size=size)
        self._printer.text(clean + "\n")

    def blank(self, lines: int = 1) -> None:
        # At normal size: an empty line under a large size feeds the large height on some
        # printers and the normal one on others.
        self._style(align=self._align, bold=self._bold, size=1)
        self._printer.text("\n" * lines)

    def qr(self, data: str) -> None:
        """A QR code centred on its own: the printer's `GS ( k` unless the profile lacks it."""
        module = _qr_module_dots(data, self.paper)
        self._style(align="center", bold=False, size=1)
        if self._native_qr:
            self._printer.qr(data, ec=QR_ECLEVEL_M, size=module, native=True)
        else:
            self._printer._raw(_raster_qr(data, module))

    def finish(self) -> bytes:
        """Cut (or feed past the tear bar) and return the job's bytes."""
        if self._can_cut:
            # GS V 66 0: feed to the cutter and cut partly, so the slip hangs until it is taken
            # instead of falling on the floor.
            self._printer.cut(feed=False)
        else:
            self._printer.print_and_feed(4)
        return self._printer.output

    def _style(self, *, align: Align, bold: bool, size: int) -> None:
        if align != self._align:
            self._printer.set(align=align)
            self._align = align
        if bold != self._bold:
            self._printer.set(bold=bold)
            self._bold = bold
        if size != self._size:
            self._printer.set(custom_size=True, width=size, height=size)
            self._size = size


def printable(text: str) -> str:
    """Text from the configuration made safe to send: composed, and no control characters.

    A stray ESC in a topic name would otherwise be obeyed by the printer as a command.
    """
    composed = unicodedata.normalize("NFC", text)
    return "".join(
        " " if ch in "\t\r\n" else "?" if unicodedata.category(ch).startswith("C") else ch
        for ch in composed
    )


def _wrap(text: str, columns: int) -> list[str]:
    """Lines of at most `columns`; a paragraph too long for one line breaks between its
    sentences first, so each short sentence stays whole for a reader who struggles."""
    if len(text) <= columns:
        return [text]
    return [
        line
        for sentence in re.split(r"(?<=[.!?])\s+", text)
        for line in textwrap.wrap(sentence, width=columns, break_on_hyphens=False)
    ]


def _wrap_address(text: str, columns: int) -> list[str]:
    lines = [""]
    for piece in re.split(r"(?<=[/.-])", text):
        while len(piece) > columns:  # a piece longer than a line has to be cut somewhere
            lines.append(piece[:columns])
            piece = piece[columns:]
        if len(lines[-1]) + len(piece) > columns:
            lines.append("")
        lines[-1] += piece
    return [line for line in lines if line]


def _can_cut(profile_name: str) -> bool:
    profile = load_profile(profile_name)
    return bool(profile.supports("paperPartCut") or profile.supports("paperFullCut"))


def _qr_matrix(data: str) -> qrcode.QRCode:
    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=0)
    code.add_data(data.encode("utf-8"))
    code.make(fit=True)
    return code


def _qr_module_dots(data: str, paper: Paper) -> int:
    modules = _qr_matrix(data).modules_count
    module = min(QR_MODULE_DOTS, paper.dots // modules)
    if module < 1:
        raise PrinterSetupError(
            f"a QR code of {len(data)} characters is too wide for {paper.dots}-dot paper; "
            "use a shorter address",
            code="printer.qr_too_wide",
            characters=len(data),
            dots=paper.dots,
        )
    return module


def _raster_qr(data: str, module: int) -> bytes:
    """`GS v 0` of the code, for printers without `GS ( k`; ESC a centres it like text."""
    code = _qr_matrix(data)
    code.box_size = module
    image = EscposImage(code.make_image().get_image().convert("RGB"))
    width_bytes, height = image.width_bytes, image.height
    header = GS + b"v0\x00" + width_bytes.to_bytes(2, "little") + height.to_bytes(2, "little")
    return header + image.to_raster_format()

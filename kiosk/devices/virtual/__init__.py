"""The virtual printer: ESC/POS bytes in, a picture of the paper slip out."""

from __future__ import annotations

from PIL import Image

from kiosk.devices.printer_model import paper_for
from kiosk.devices.virtual.decoder import DecodedSlip, EscPosDecodeError, decode_escpos
from kiosk.devices.virtual.renderer import render_slip
from kiosk.settings.schema import PrinterSettings

__all__ = [
    "DecodedSlip",
    "EscPosDecodeError",
    "decode_escpos",
    "decode_for",
    "render_png",
    "render_slip",
]


def decode_for(payload: bytes, printer: PrinterSettings) -> DecodedSlip:
    """The bytes as the configured printer model and paper would read them."""
    return decode_escpos(payload, printer.profile, paper_for(printer).dots)


def render_png(payload: bytes, printer: PrinterSettings) -> Image.Image:
    """The slip as it would come out of the configured printer; `.save(path)` writes the PNG."""
    return render_slip(decode_for(payload, printer))

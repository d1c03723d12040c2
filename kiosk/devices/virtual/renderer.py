"""Draws a decoded slip as a picture of the paper that would come out of the printer."""

from __future__ import annotations

import qrcode
from PIL import Image, ImageDraw, ImageOps
from qrcode.constants import ERROR_CORRECT_H, ERROR_CORRECT_L, ERROR_CORRECT_M, ERROR_CORRECT_Q

from kiosk.devices.printer_model import FONT_A_HEIGHT
from kiosk.devices.virtual.decoder import (
    Align,
    Cut,
    DecodedSlip,
    Feed,
    QrCode,
    Raster,
    TextLine,
    TextRun,
)
from kiosk.devices.virtual.fonts import printer_font

# The roll is wider than what the head can print; these edges stay white.
EDGE_DOTS = 24
TOP_DOTS = 24
# GS V 66 feeds the last line past the print head to the cutter blade.
CUTTER_FEED_DOTS = 40
# DejaVu Sans Mono at 20 px fills font A's 12 × 24 cell, baseline 19 dots down.
_FONT_PX_PER_DOT = 20 / FONT_A_HEIGHT
_BASELINE_PER_DOT = 19 / FONT_A_HEIGHT
_QR_ECC = {
    "L": ERROR_CORRECT_L,
    "M": ERROR_CORRECT_M,
    "Q": ERROR_CORRECT_Q,
    "H": ERROR_CORRECT_H,
}


def render_slip(slip: DecodedSlip) -> Image.Image:
    """A greyscale picture, one pixel per printer dot, white paper and black print."""
    pieces = [_render_block(block, slip.dots) for block in slip.blocks]
    height = TOP_DOTS + sum(piece.height for piece in pieces) + TOP_DOTS
    paper = Image.new("L", (slip.dots + 2 * EDGE_DOTS, height), 255)
    y = TOP_DOTS
    for piece in pieces:
        paper.paste(piece, (EDGE_DOTS, y))
        y += piece.height
    return paper


def _qr_image(code: QrCode) -> Image.Image:
    """The symbol as the printer draws it: the asked module size and error correction."""
    matrix = qrcode.QRCode(error_correction=_QR_ECC[code.ecc], box_size=code.module, border=0)
    matrix.add_data(code.data)
    matrix.make(fit=True)
    return matrix.make_image().get_image().convert("L")


def _render_block(block: object, dots: int) -> Image.Image:
    if isinstance(block, TextLine):
        return _render_line(block, dots)
    if isinstance(block, QrCode):
        return _aligned(_qr_image(block), block.align, dots)
    if isinstance(block, Raster):
        printed = ImageOps.invert(block.image.convert("L"))
        return _aligned(printed, block.align, dots)
    if isinstance(block, Feed):
        return Image.new("L", (dots, block.dots), 255)
    if isinstance(block, Cut):
        return _cut_mark(block, dots)
    raise TypeError(f"cannot draw {block!r}")


def _aligned(image: Image.Image, align: Align, dots: int) -> Image.Image:
    strip = Image.new("L", (dots, image.height), 255)
    strip.paste(
        image.crop((0, 0, min(image.width, dots), image.height)), (_x(image.width, align, dots), 0)
    )
    return strip


def _x(width: int, align: Align, dots: int) -> int:
    if align == "center":
        return max(0, (dots - width) // 2)
    if align == "right":
        return max(0, dots - width)
    return 0


def _render_line(line: TextLine, dots: int) -> Image.Image:
    strip = Image.new("L", (dots, line.height_dots), 255)
    tallest = max((run.cell[1] for run in line.runs), default=0)
    x = _x(line.width_dots, line.align, dots)
    for run in line.runs:
        glyphs = _render_run(run)
        # Characters of different heights on one line share their bottom edge.
        strip.paste(glyphs, (x, tallest - glyphs.height))
        x += glyphs.width
    return strip


def _render_run(run: TextRun) -> Image.Image:
    cell_w, cell_h = run.cell
    font = printer_font(round(cell_h * _FONT_PX_PER_DOT))
    # Draw at the font's own advance, then stretch to the cell: that is how GS ! widens.
    natural = max(1, round(font.getlength("M")))
    drawn = Image.new("L", (natural * len(run.text), cell_h), 255)
    draw = ImageDraw.Draw(drawn)
    baseline = round(cell_h * _BASELINE_PER_DOT)
    # Thermal bold is the dot row struck twice, a dot apart.
    offsets = range(max(2, cell_h // FONT_A_HEIGHT + 1)) if run.bold else range(1)
    for i, char in enumerate(run.text):
        left = i * natural + (natural - font.getlength(char)) / 2
        for dx in offsets:
            draw.text((left + dx, baseline), char, font=font, fill=0, anchor="ls")
    size = (cell_w * len(run.text), cell_h)
    return drawn if drawn.size == size else drawn.resize(size, Image.Resampling.LANCZOS)


def _cut_mark(cut: Cut, dots: int) -> Image.Image:
    height = (CUTTER_FEED_DOTS if cut.feed_to_cutter else 0) + 12
    strip = Image.new("L", (dots, height), 255)
    draw = ImageDraw.Draw(strip)
    y = height - 6
    dash = 6 if cut.partial else 12
    for x in range(0, dots, 2 * dash):
        draw.line((x, y, x + dash, y), fill=140, width=2)
    return strip

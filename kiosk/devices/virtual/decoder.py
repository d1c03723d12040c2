"""Reads back the ESC/POS the slips send, the way a printer would, into lines, QR codes and cuts.

Only the subset the kiosk sends is understood. Anything else is an error rather than silently
skipped: a new command in a slip must be taught to the virtual printer before the tests that
look at slips can pass, so the pictures never drift from the bytes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal, NoReturn

from PIL import Image

from kiosk.devices.printer_model import FONT_A_HEIGHT, FONT_A_WIDTH, CodePage, code_page_by_number

Align = Literal["left", "center", "right"]
QrEcc = Literal["L", "M", "Q", "H"]

ESC, GS, DLE, LF, CR = 0x1B, 0x1D, 0x10, 0x0A, 0x0D
# Epson's ESC 2 default, 1/6 inch; the TM-T20 family rounds it to 30 dots.
DEFAULT_LINE_SPACING = 30
FONT_B_WIDTH, FONT_B_HEIGHT = 9, 17
_ALIGN: dict[int, Align] = {
    0: "left",
    1: "center",
    2: "right",
    48: "left",
    49: "center",
    50: "right",
}
_ECC: dict[int, QrEcc] = {48: "L", 49: "M", 50: "Q", 51: "H"}


class EscPosDecodeError(ValueError):
    """The bytes hold a command the virtual printer does not know, or end mid-command."""


@dataclass(frozen=True)
class TextRun:
    text: str
    width: int  # multiplier, 1–8
    height: int  # multiplier, 1–8
    bold: bool
    font_b: bool = False

    @property
    def cell(self) -> tuple[int, int]:
        """One character's box in dots."""
        if self.font_b:
            return FONT_B_WIDTH * self.width, FONT_B_HEIGHT * self.height
        return FONT_A_WIDTH * self.width, FONT_A_HEIGHT * self.height


@dataclass(frozen=True)
class TextLine:
    runs: tuple[TextRun, ...]
    align: Align
    spacing: int  # line spacing in force when the line was printed
    overflowed: bool = False  # wider than the paper: the printer broke it wherever it got full

    @property
    def text(self) -> str:
        return "".join(run.text for run in self.runs)

    @property
    def width_dots(self) -> int:
        return sum(run.cell[0] * len(run.text) for run in self.runs)

    @property
    def height_dots(self) -> int:
        # A printer feeds the taller of the line spacing and the tallest character.
        return max([self.spacing, *(run.cell[1] for run in self.runs)])


@dataclass(frozen=True)
class QrCode:
    data: bytes
    module: int  # dots per module
    ecc: QrEcc
    align: Align

    @property
    def text(self) -> str:
        return self.data.decode("utf-8", errors="replace")


@dataclass(frozen=True)
class Raster:
    image: Image.Image  # mode "1", black = printed
    align: Align


@dataclass(frozen=True)
class Feed:
    dots: int


@dataclass(frozen=True)
class Cut:
    partial: bool
    feed_to_cutter: bool


Block = TextLine | QrCode | Raster | Feed | Cut


@dataclass
class DecodedSlip:
    dots: int  # paper width
    blocks: list[Block] = field(default_factory=list)
    code_pages: list[str] = field(default_factory=list)  # every ESC t, in order

    def text_lines(self) -> list[str]:
        """The printed lines as text, blank lines included, in the order they come out."""
        return [block.text.rstrip() for block in self.blocks if isinstance(block, TextLine)]

    def qr_codes(self) -> list[QrCode]:
        return [block for block in self.blocks if isinstance(block, QrCode)]

    def line(self, text: str) -> TextLine:
        """The first line whose text is exactly `text` (stripped)."""
        for block in self.blocks:
            if isinstance(block, TextLine) and block.text.strip() == text:
                return block
        raise LookupError(f"no printed line {text!r}")


@dataclass
class _State:
    align: Align = "left"
    bold: bool = False
    emphasis_mode: bool = False  # bold by ESC ! bit 3
    font_b: bool = False
    width: int = 1  # GS !
    height: int = 1
    mode_width: int = 1  # ESC ! double width / height
    mode_height: int = 1
    spacing: int = DEFAULT_LINE_SPACING
    code_page: CodePage | None = None
    qr_module: int = 3
    qr_ecc: QrEcc = "L"
    qr_data: bytes = b""


class _Decoder:
    def __init__(self, payload: bytes, profile: str, dots: int) -> None:
        self.data = payload
        self.pos = 0
        self.profile = profile
        self.slip = DecodedSlip(dots)
        self.state = _State(code_page=code_page_by_number(profile, 0))
        self.runs: list[TextRun] = []
        self.line_dots = 0

    def run(self) -> DecodedSlip:
        while self.pos < len(self.data):
            byte = self._take(1)[0]
            if byte == LF:
                self._print_line(force=True)
            elif byte == CR:
                continue  # ESC/POS printers ignore CR unless set to treat it as LF
            elif byte == ESC:
                self._esc()
            elif byte == GS:
                self._gs()
            elif byte == DLE:
                self._dle()
            elif byte < 0x20 or byte == 0x7F:
                self._fail(f"control byte 0x{byte:02X}")
            else:
                self._char(byte)
        self._print_line(force=False)
        return self.slip

    def _take(self, count: int) -> bytes:
        if self.pos + count > len(self.data):
            self._fail("the job ends in the middle of a command")
        chunk = self.data[self.pos : self.pos + count]
        self.pos += count
        return chunk

    def _fail(self, what: str) -> NoReturn:
        raise EscPosDecodeError(f"byte {self.pos}: {what} is not in the subset the kiosk sends")

    def _esc(self) -> None:
        command = self._take(1)
        st = self.state
        if command == b"@":
            # ESC @ clears the line being built and every mode, including the code page.
            self.runs, self.line_dots = [], 0
            self.state = _State(code_page=code_page_by_number(self.profile, 0))
        elif command == b"t":
            st.code_page = code_page_by_number(self.profile, self._take(1)[0])
            self.slip.code_pages.append(st.code_page.name)
        elif command == b"!":
            n = self._take(1)[0]
            st.font_b = bool(n & 0x01)
            st.emphasis_mode = bool(n & 0x08)
            st.mode_height = 2 if n & 0x10 else 1
            st.mode_width = 2 if n & 0x20 else 1
        elif command == b"a":
            n = self._take(1)[0]
            if n not in _ALIGN:
                self._fail(f"ESC a {n}")
            st.align = _ALIGN[n]
        elif command == b"E":
            st.bold = bool(self._take(1)[0] & 0x01)
        elif command == b"M":
            st.font_b = self._take(1)[0] in (1, 49)
        elif command == b"d":
            self._print_line(force=False)
            self.slip.blocks.append(Feed(self._take(1)[0] * st.spacing))
        elif command == b"J":
            self._print_line(force=False)
            self.slip.blocks.append(Feed(self._take(1)[0]))
        elif command == b"2":
            st.spacing = DEFAULT_LINE_SPACING
        elif command == b"3":
            st.spacing = self._take(1)[0]
        else:
            self._fail(f"ESC {command!r}")

    def _gs(self) -> None:
        command = self._take(1)
        if command == b"!":
            n = self._take(1)[0]
            self.state.width = (n >> 4 & 0x07) + 1
            self.state.height = (n & 0x07) + 1
        elif command == b"V":
            self._cut()
        elif command == b"(":
            if self._take(1) != b"k":
                self._fail("GS ( other than GS ( k")
            self._two_d_code()
        elif command == b"v":
            if self._take(1) != b"0":
                self._fail("GS v other than GS v 0")
            self._raster()
        else:
            self._fail(f"GS {command!r}")

    def _dle(self) -> None:
        # DLE EOT n is a status query: the printer answers it and prints nothing.
        if self._take(1) != b"\x04":
            self._fail("DLE other than DLE EOT")
        self._take(1)

    def _cut(self) -> None:
        m = self._take(1)[0]
        self._print_line(force=False)
        if m in (0, 1, 48, 49):
            self.slip.blocks.append(Cut(partial=m in (1, 49), feed_to_cutter=False))
        elif m in (65, 66):
            self.slip.blocks.append(Feed(self._take(1)[0]))
            self.slip.blocks.append(Cut(partial=m == 66, feed_to_cutter=True))
        else:
            self._fail(f"GS V {m}")

    def _two_d_code(self) -> None:
        length = int.from_bytes(self._take(2), "little")
        body = self._take(length)
        if len(body) < 2 or body[0] != 49:
            self._fail("GS ( k for a symbol other than QR")
        fn, args, st = body[1], body[2:], self.state
        if fn == 65:  # select model: only model 2 is sent
            if args[:1] != b"2":
                self._fail(f"QR model {args!r}")
        elif fn == 67:
            st.qr_module = args[0]
        elif fn == 69:
            if args[0] not in _ECC:
                self._fail(f"QR error correction {args[0]}")
            st.qr_ecc = _ECC[args[0]]
        elif fn == 80:
            st.qr_data = args[1:]  # args[0] is m = 48
        elif fn == 81:
            self._print_line(force=False)
            if st.qr_data:
                self.slip.blocks.append(QrCode(st.qr_data, st.qr_module, st.qr_ecc, st.align))
        else:
            self._fail(f"GS ( k function {fn}")

    def _raster(self) -> None:
        mode = self._take(1)[0]
        if mode not in (0, 48):
            self._fail(f"GS v 0 scaled mode {mode}")
        width_bytes = int.from_bytes(self._take(2), "little")
        height = int.from_bytes(self._take(2), "little")
        bits = self._take(width_bytes * height)
        self._print_line(force=False)
        image = Image.frombytes("1", (width_bytes * 8, height), bits)
        self.slip.blocks.append(Raster(image, self.state.align))

    def _char(self, byte: int) -> None:
        st = self.state
        assert st.code_page is not None
        run = TextRun(
            text=st.code_page.decode(bytes([byte])),
            width=min(8, st.width * st.mode_width),
            height=min(8, st.height * st.mode_height),
            bold=st.bold or st.emphasis_mode,
            font_b=st.font_b,
        )
        char_width = run.cell[0]
        if self.runs and self.line_dots + char_width > self.slip.dots:
            # A line wider than the paper: the printer prints what fits and goes on below.
            self._print_line(force=False, overflowed=True)
        last = self.runs[-1] if self.runs else None
        if last and (last.width, last.height, last.bold, last.font_b) == (
            run.width,
            run.height,
            run.bold,
            run.font_b,
        ):
            self.runs[-1] = TextRun(
                last.text + run.text, run.width, run.height, run.bold, run.font_b
            )
        else:
            self.runs.append(run)
        self.line_dots += char_width

    def _print_line(self, *, force: bool, overflowed: bool = False) -> None:
        """Print the buffered line: always on LF, otherwise only if it holds characters."""
        if self.runs or force:
            line = TextLine(tuple(self.runs), self.state.align, self.state.spacing, overflowed)
            self.slip.blocks.append(line)
        self.runs, self.line_dots = [], 0


def decode_escpos(payload: bytes, profile: str, dots: int) -> DecodedSlip:
    """What a printer with this profile and paper would put on paper for these bytes."""
    return _Decoder(payload, profile, dots).run()

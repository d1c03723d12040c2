"""The file transport appends raw bytes; the virtual transport draws one PNG per job."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image

from kiosk.devices.slips import sample_slip
from kiosk.devices.states import PrinterState, PrinterUnavailable
from kiosk.devices.transports import FilePrinter
from kiosk.devices.transports.virtual import VirtualPrinter
from kiosk.devices.virtual import EscPosDecodeError, decode_for
from kiosk.devices.virtual.decoder import TextLine, TextRun
from kiosk.settings.schema import Settings
from tests.devices.helpers import with_printer


def test_file_printer_appends_each_job(tmp_path: Path) -> None:
    printer = FilePrinter(tmp_path / "spool" / "printer.bin")
    assert printer.status().state == PrinterState.OK
    printer.send(b"one")
    printer.send(b"two")
    assert (tmp_path / "spool" / "printer.bin").read_bytes() == b"onetwo"


def test_file_printer_that_cannot_write_fails_the_job(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    printer = FilePrinter(blocker / "printer.bin")
    with pytest.raises(PrinterUnavailable) as caught:
        printer.send(b"job")
    assert caught.value.status.state == PrinterState.OFFLINE


@pytest.mark.parametrize(("width", "pixels"), [(58, 384), (80, 576)])
def test_virtual_printer_draws_one_png_per_job_at_the_papers_width(
    settings: Settings, tmp_path: Path, width: int, pixels: int
) -> None:
    setup = with_printer(settings, paper_width_mm=width)
    printer = VirtualPrinter(setup.printer, tmp_path / "printed")
    printer.send(sample_slip("ticket", setup, "fi"))
    printer.send(sample_slip("help", setup, "fi"))
    pngs = sorted((tmp_path / "printed").glob("*.png"))
    assert len(pngs) == 2
    assert printer.last_png == pngs[-1]
    with Image.open(pngs[0]) as image:
        # The printable width plus the roll's unprinted edges.
        assert image.width == pixels + 48
        assert image.getpixel((0, 0)) == 255
    assert printer.last_slip is not None
    assert printer.last_slip.text_lines()[0] == "Apupyyntö"


def test_virtual_printer_refuses_bytes_outside_the_subset(
    settings: Settings, tmp_path: Path
) -> None:
    printer = VirtualPrinter(settings.printer, tmp_path)
    with pytest.raises(PrinterUnavailable) as caught:
        printer.send(b"\x1b@\x1b*\x00")  # ESC *: column bit images, never sent by the kiosk
    assert "cannot read this job" in caught.value.status.detail


def test_decoder_reads_sizes_alignment_and_bold(settings: Settings) -> None:
    payload = b"\x1b@\x1ba\x02\x1bE\x01\x1d!\x12Hi\n\x1d!\x00\x1bE\x00ok\n"
    slip = decode_for(payload, settings.printer)
    big, small = slip.blocks
    assert isinstance(big, TextLine)
    assert isinstance(small, TextLine)
    assert big.align == "right"
    assert big.runs == (TextRun("Hi", width=2, height=3, bold=True),)
    assert big.height_dots == 72  # three times font A's 24 dots
    assert slip.text_lines() == ["Hi", "ok"]
    assert small.height_dots == 30  # the default line spacing


def test_decoder_rejects_a_job_cut_off_mid_command(settings: Settings) -> None:
    with pytest.raises(EscPosDecodeError, match="middle of a command"):
        decode_for(b"\x1b@\x1d(k\x10\x00", settings.printer)

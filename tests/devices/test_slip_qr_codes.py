"""Every QR code on every slip scans from the virtual printer's picture, at both paper widths,
whether the printer draws it (GS ( k) or the kiosk sends it as a picture (GS v 0)."""

from __future__ import annotations

import pytest
import zxingcpp

from kiosk.devices.slips import badge_slip, help_request_slip, printer_test_page
from kiosk.devices.slips.printer_test_page import printer_test_qr_payload
from kiosk.devices.slips.samples import SAMPLE_MOMENT, sample_help_request
from kiosk.devices.virtual import decode_for, render_png
from kiosk.settings.schema import Settings
from tests.devices.helpers import with_printer


def scanned(payload: bytes, settings: Settings) -> list[str]:
    image = render_png(payload, settings.printer)
    return [
        result.text
        for result in zxingcpp.read_barcodes(image)
        if result.format == zxingcpp.BarcodeFormat.QRCode
    ]


@pytest.mark.parametrize("width", [58, 80])
@pytest.mark.parametrize("native", [True, False])
def test_help_slip_code_opens_the_topics_official_guide(
    settings: Settings, width: int, native: bool
) -> None:
    setup = with_printer(settings, paper_width_mm=width, native_qr=native)
    payload = help_request_slip(sample_help_request(setup), setup, "fi")
    assert scanned(payload, setup) == ["https://www.kela.fi/toimeentulotuki-nain-haet"]


@pytest.mark.parametrize("width", [58, 80])
@pytest.mark.parametrize("native", [True, False])
def test_badge_code_carries_the_sign_in_token(settings: Settings, width: int, native: bool) -> None:
    setup = with_printer(settings, paper_width_mm=width, native_qr=native)
    assert scanned(badge_slip("V12", "S1GN-1N-T0KEN-9f3a", setup), setup) == ["S1GN-1N-T0KEN-9f3a"]


@pytest.mark.parametrize("width", [58, 80])
def test_test_page_code_scans(settings: Settings, width: int) -> None:
    setup = with_printer(settings, paper_width_mm=width)
    payload = printer_test_page(setup, "sv", SAMPLE_MOMENT)
    assert scanned(payload, setup) == [printer_test_qr_payload(setup.printer)]


def test_native_code_asks_for_model_2_medium_correction_and_six_dot_modules(
    settings: Settings,
) -> None:
    slip = decode_for(badge_slip("V12", "TOKEN", settings), settings.printer)
    [code] = slip.qr_codes()
    assert (code.module, code.ecc, code.align) == (6, "M", "center")


def test_raster_code_is_sent_only_when_native_codes_are_switched_off(settings: Settings) -> None:
    native = badge_slip("V12", "TOKEN", settings)
    raster = badge_slip("V12", "TOKEN", with_printer(settings, native_qr=False))
    assert b"\x1d(k" in native and b"\x1dv0" not in native
    assert b"\x1dv0" in raster and b"\x1d(k" not in raster

"""The printer test page: what the kiosk thinks the printer is, and whether it agrees.

A clinic's IT person compares it with the paper in hand: the ruler must fill exactly one line,
the sample must show ä ö å Ä Ö Å € (not "?" or other letters), and the QR code must scan.
"""

from __future__ import annotations

from datetime import datetime

from kiosk.devices.slips.builder import SlipBuilder
from kiosk.devices.slips.language import slip_language
from kiosk.devices.slips.texts import slip_text, slip_time
from kiosk.settings.schema import PrinterSettings, Settings

CODE_PAGE_SAMPLE = "ä ö å Ä Ö Å €"


def printer_test_page(settings: Settings, language: str, now: datetime) -> bytes:
    lang = slip_language(settings, language)
    printer = settings.printer
    slip = SlipBuilder(printer)
    paper = slip.paper
    slip.text(slip_text(lang, "test_title"), bold=True, size=2)
    slip.blank()
    slip.text(slip_text(lang, "test_profile", value=printer.profile), align="left")
    slip.text(
        slip_text(
            lang, "test_paper", mm=printer.paper_width_mm, dots=paper.dots, columns=paper.columns
        ),
        align="left",
    )
    code_page = f"{slip.code_page.name} (ESC t {slip.code_page.number})"
    slip.text(slip_text(lang, "test_code_page", value=code_page), align="left")
    qr_kind = "GS ( k" if printer.native_qr else "GS v 0"
    slip.text(slip_text(lang, "test_qr", value=qr_kind), align="left")
    slip.text(slip_text(lang, "test_connection", value=describe_connection(printer)), align="left")
    local = now.astimezone(settings.clinic.zone)
    printed = f"{local:%Y-%m-%d} {slip_time(lang, local)} {settings.clinic.timezone}"
    slip.text(slip_text(lang, "test_printed", value=printed), align="left")
    slip.text(_ruler(paper.columns), align="left")
    slip.blank()
    slip.text(slip_text(lang, "test_sample"))
    slip.text(CODE_PAGE_SAMPLE, size=2)
    slip.text(CODE_PAGE_SAMPLE)
    slip.blank()
    slip.qr(printer_test_qr_payload(printer))
    slip.blank()
    slip.text(slip_text(lang, "test_scan"))
    return slip.finish()


def printer_test_qr_payload(printer: PrinterSettings) -> str:
    return f"Aula printer test: {printer.profile} {printer.code_page} {printer.paper_width_mm} mm"


def describe_connection(printer: PrinterSettings) -> str:
    if printer.transport == "serial":
        s = printer.serial
        return f"serial {s.port} {s.baudrate} {s.bytesize}{s.parity}{s.stopbits} {s.flow_control}"
    if printer.transport == "network":
        return f"network {printer.network.host}:{printer.network.port}"
    if printer.transport == "file":
        return f"file {printer.file_path}"
    if printer.transport == "virtual":
        return f"virtual {printer.virtual_dir}"
    return "none"


def _ruler(columns: int) -> str:
    """Exactly one line of this paper: ten-marks carry the count, so a wrap shows where."""
    return "".join(
        str(i // 10 % 10) if i % 10 == 0 else ":" if i % 5 == 0 else "."
        for i in range(1, columns + 1)
    )

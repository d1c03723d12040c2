"""What each slip says, read back through the virtual printer as a client would read it."""

from __future__ import annotations

from dataclasses import replace

import pytest

from kiosk.devices.slips import badge_slip, help_request_slip, printer_test_page, ticket_slip
from kiosk.devices.slips.samples import (
    SAMPLE_MOMENT,
    sample_help_request,
    sample_ticket,
)
from kiosk.devices.virtual import decode_for
from kiosk.settings.schema import Settings
from tests.devices.helpers import with_clinic, with_printer


def lines_of(payload: bytes, settings: Settings) -> list[str]:
    return decode_for(payload, settings.printer).text_lines()


def test_ticket_shows_number_time_people_ahead_and_wait_in_finnish(settings: Settings) -> None:
    ticket = sample_ticket(settings)  # A017, 3 ahead, 9 min, taken 06:42 UTC
    lines = lines_of(ticket_slip(ticket, settings, "fi"), settings)
    assert lines == [
        "Vuoronumerosi",
        "A017",
        "Otettu klo 8.42",  # Helsinki time, not UTC
        "3 henkilöä ennen sinua",
        "Odotus noin 9 min",
        "",
        "Istu rauhassa. Numerosi näkyy näytöllä.",
    ]


def test_ticket_number_is_printed_at_the_largest_size(settings: Settings) -> None:
    slip = decode_for(ticket_slip(sample_ticket(settings), settings, "fi"), settings.printer)
    run = slip.line("A017").runs[0]
    assert (run.width, run.height, run.bold) == (8, 8, True)


def test_ticket_in_privacy_mode_names_neither_service_nor_clinic(settings: Settings) -> None:
    text = "\n".join(lines_of(ticket_slip(sample_ticket(settings), settings, "en"), settings))
    assert "Medication" not in text
    assert "Aula Lounge" not in text
    assert "A017" in text


def test_ticket_outside_privacy_mode_names_the_service_in_the_clients_language(
    settings: Settings,
) -> None:
    open_settings = with_clinic(settings, privacy_mode=False)
    ticket = sample_ticket(open_settings)
    for language, name in [("fi", "Lääkkeenjako"), ("sv", "Läkemedelsutdelning")]:
        lines = lines_of(ticket_slip(ticket, open_settings, language), open_settings)
        assert name in lines
        assert "Aula Lounge" in lines


@pytest.mark.parametrize(
    ("ahead", "wait", "expected"),
    [
        (0, 0, ["You are next", "Your turn comes soon"]),
        (1, 3, ["1 person ahead of you", "Wait about 3 min"]),
        (12, 36, ["12 people ahead of you", "Wait about 36 min"]),
    ],
)
def test_ticket_people_ahead_reads_naturally(
    settings: Settings, ahead: int, wait: int, expected: list[str]
) -> None:
    ticket = replace(sample_ticket(settings), ahead=ahead, estimated_wait_min=wait)
    lines = lines_of(ticket_slip(ticket, settings, "en"), settings)
    assert lines[3:5] == expected
    assert "Taken at 8:42" in lines


def test_ticket_in_an_untranslated_language_falls_back_to_the_clinic_default(
    settings: Settings,
) -> None:
    lines = lines_of(ticket_slip(sample_ticket(settings), settings, "ru"), settings)
    assert lines[0] == "Vuoronumerosi"


def test_help_slip_has_number_return_code_topic_position_checklist_and_address(
    settings: Settings,
) -> None:
    settings = with_clinic(settings, privacy_mode=False)
    request = sample_help_request(settings)  # H003, K7M3QX, social assistance, 2nd, 40 min
    lines = lines_of(help_request_slip(request, settings, "en"), settings)
    assert lines[:3] == ["Help request", "H003", "Keep your return code:"]
    assert "K7M3QX" in lines
    assert "Topic: Social assistance" in lines
    assert "1 person ahead of you" in lines  # position 2
    assert "Wait about 40 min" in lines
    bring = lines.index("Bring with you:")
    assert lines[bring + 1 : bring + 4] == [
        "- Statements of all bank accounts for the last 2",
        "  months",
        "- Rental agreement",
    ]
    assert "kela.fi/toimeentulotuki-nain-haet" in lines
    assert lines[-1] == "A helper will call your number. Take your time."


def test_help_slip_for_the_next_in_line_says_so(settings: Settings) -> None:
    request = replace(sample_help_request(settings), position=1)
    assert "Du står näst i tur" in lines_of(help_request_slip(request, settings, "sv"), settings)


def test_help_slip_in_privacy_mode_leaves_the_topic_off(settings: Settings) -> None:
    request = sample_help_request(settings)
    lines = lines_of(help_request_slip(request, settings, "en"), settings)
    assert not any(line.startswith("Topic:") or "Social assistance" in line for line in lines)
    assert "H003" in lines and "K7M3QX" in lines and "Bring with you:" in lines


def test_help_slip_without_checklist_or_guide_leaves_those_parts_out(
    settings: Settings,
) -> None:
    settings = with_clinic(settings, privacy_mode=False)
    request = replace(
        sample_help_request(settings), topic="computer_help", position=None, estimated_wait_min=None
    )
    payload = help_request_slip(request, settings, "fi")
    slip = decode_for(payload, settings.printer)
    assert "Ota mukaan:" not in slip.text_lines()
    assert "Aihe: Muu apu tietokoneella" in slip.text_lines()
    assert slip.qr_codes() == []


def test_badge_holds_the_worker_number_and_the_token_code_only(settings: Settings) -> None:
    slip = decode_for(badge_slip("V12", "TOKEN-123", settings), settings.printer)
    assert [line for line in slip.text_lines() if line] == ["V12"]
    assert [code.text for code in slip.qr_codes()] == ["TOKEN-123"]


def test_test_page_lists_the_printer_settings_and_the_code_page_sample(
    settings: Settings,
) -> None:
    lines = lines_of(printer_test_page(settings, "en", SAMPLE_MOMENT), settings)
    assert lines[0] == "Printer test page"
    assert "Profile: TM-T20II" in lines
    assert "Paper: 80 mm, 576 dots, 48 columns" in lines
    assert "Code page: CP858 (ESC t 19)" in lines
    assert "Printed: 2025-03-12 8:42 Europe/Helsinki" in lines
    assert lines.count("ä ö å Ä Ö Å €") == 2
    ruler = next(line for line in lines if line.startswith("....:"))
    assert len(ruler) == 48


def test_test_page_describes_a_serial_connection(settings: Settings) -> None:
    serial = with_printer(settings, transport="serial")
    lines = lines_of(printer_test_page(serial, "en", SAMPLE_MOMENT), serial)
    assert "Connection: serial /dev/ttyUSB0 9600 8N1 rtscts" in lines

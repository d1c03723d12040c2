"""One code page, chosen in the configuration, sent with every job; a missing character is a
visible "?" and never a crash or a surprise switch to another table."""

from __future__ import annotations

from dataclasses import replace

import pytest

from kiosk.devices.printer_model import PrinterSetupError, code_page_for
from kiosk.devices.slips import help_request_slip, printer_test_page, ticket_slip
from kiosk.devices.slips.builder import SlipBuilder
from kiosk.devices.slips.samples import SAMPLE_MOMENT, sample_help_request, sample_ticket
from kiosk.devices.virtual import decode_for
from kiosk.settings.schema import HelpTopic, Settings, Translated
from tests.devices.helpers import with_printer


def test_every_job_starts_with_reset_and_the_configured_code_page(settings: Settings) -> None:
    payload = ticket_slip(sample_ticket(settings), settings, "fi")
    assert payload.startswith(b"\x1b@\x1bt\x13")  # ESC @, ESC t 19 = CP858 on a TM-T20II


def test_finnish_and_swedish_letters_and_euro_come_out_right(settings: Settings) -> None:
    payload = printer_test_page(settings, "fi", SAMPLE_MOMENT)
    assert "ä ö å Ä Ö Å €".encode("cp858") in payload
    assert "ä ö å Ä Ö Å €" in decode_for(payload, settings.printer).text_lines()


def test_a_character_the_code_page_lacks_becomes_a_question_mark_without_switching(
    settings: Settings,
) -> None:
    slip = SlipBuilder(settings.printer)
    slip.text("Дякую ✓ 😊 €")
    payload = slip.finish()
    decoded = decode_for(payload, settings.printer)
    assert decoded.text_lines() == ["????? ? ? €"]
    assert decoded.code_pages == ["CP858"]  # python-escpos's automatic switching is off
    assert payload.count(b"\x1bt") == 1


def test_a_topic_name_from_the_configuration_cannot_smuggle_printer_commands(
    settings: Settings,
) -> None:
    sneaky = HelpTopic(id="sneaky", names=Translated(fi="Apu\x1b@\x1dV\x00 nyt"))
    # Out of privacy mode, where the slip names the topic.
    setup = settings.model_copy(
        update={
            "help": settings.help.model_copy(update={"topics": [sneaky]}),
            "clinic": settings.clinic.model_copy(update={"privacy_mode": False}),
        }
    )
    request = replace(sample_help_request(setup), topic="sneaky")
    payload = help_request_slip(request, setup, "fi")
    assert b"\x1b@" not in payload[2:]
    assert "Aihe: Apu?@?V? nyt" in decode_for(payload, setup.printer).text_lines()


def test_decomposed_letters_are_composed_before_encoding(settings: Settings) -> None:
    slip = SlipBuilder(settings.printer)
    slip.text("a\u0308iti")  # "äiti" typed with a combining diaeresis
    assert decode_for(slip.finish(), settings.printer).text_lines() == ["äiti"]


def test_another_code_page_is_selected_by_its_number_in_the_profile(settings: Settings) -> None:
    setup = with_printer(settings, code_page="cp1252")
    payload = ticket_slip(sample_ticket(setup), setup, "sv")
    assert payload.startswith(b"\x1b@\x1bt\x10")  # CP1252 is table 16 on a TM-T20II
    assert "Ditt könummer" in decode_for(payload, setup.printer).text_lines()


@pytest.mark.parametrize("name", ["CP999", "Unknown"])
def test_a_code_page_the_profile_lacks_is_refused_with_the_setting_named(
    settings: Settings, name: str
) -> None:
    with pytest.raises(PrinterSetupError, match=r"printer\.code_page.*CP858"):
        code_page_for(with_printer(settings, code_page=name).printer)


def test_an_unknown_profile_is_refused_with_the_setting_named(settings: Settings) -> None:
    with pytest.raises(PrinterSetupError, match=r"printer\.profile.*TM-T20II"):
        SlipBuilder(with_printer(settings, profile="TM-NOPE").printer)

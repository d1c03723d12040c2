"""58 mm and 80 mm paper: every line fits, long checklist items wrap at words, numbers fill."""

from __future__ import annotations

from dataclasses import replace

import pytest

from kiosk.devices.printer_model import paper_for
from kiosk.devices.slips import SLIP_KINDS, SlipKind, help_request_slip, sample_slip, ticket_slip
from kiosk.devices.slips.samples import sample_help_request, sample_ticket
from kiosk.devices.virtual import decode_for
from kiosk.devices.virtual.decoder import TextLine
from kiosk.settings.loader import load_settings
from kiosk.settings.schema import Settings
from tests.devices.helpers import with_printer

WIDTHS = [(58, "TM-T20II", 384), (80, "TM-T20II", 576), (80, "TM-T88V", 512)]


@pytest.mark.parametrize(("width", "profile", "dots"), WIDTHS)
def test_paper_width_and_profile_give_the_dots_and_columns(
    settings: Settings, width: int, profile: str, dots: int
) -> None:
    paper = paper_for(with_printer(settings, paper_width_mm=width, profile=profile).printer)
    assert (paper.dots, paper.columns) == (dots, dots // 12)


@pytest.mark.parametrize("kind", SLIP_KINDS)
@pytest.mark.parametrize(("width", "profile", "dots"), WIDTHS)
@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_no_line_runs_off_the_paper(
    settings: Settings, kind: SlipKind, width: int, profile: str, dots: int, language: str
) -> None:
    """The printer would break an over-long line mid-word; the slips wrap before it has to."""
    setup = with_printer(settings, paper_width_mm=width, profile=profile)
    slip = decode_for(sample_slip(kind, setup, language), setup.printer)
    lines = [block for block in slip.blocks if isinstance(block, TextLine)]
    assert not [line.text for line in lines if line.overflowed]
    assert all(line.width_dots <= dots for line in lines)
    assert all(code.module * 21 <= dots for code in slip.qr_codes())


def test_checklist_items_wrap_at_words_with_a_hanging_indent_on_58_mm(
    settings: Settings,
) -> None:
    setup = with_printer(settings, paper_width_mm=58)
    lines = decode_for(sample_slip("help", setup, "fi"), setup.printer).text_lines()
    bring = lines.index("Ota mukaan:")
    assert lines[bring + 1 : bring + 3] == [
        "- Kaikkien tilien tiliotteet",
        "  kahdelta viime kuukaudelta",
    ]
    assert "kela.fi/toimeentulotuki-nain-" in lines  # broken after a "-", not mid-word
    assert "haet" in lines


@pytest.mark.parametrize("width", [58, 80])
def test_queue_number_is_as_large_as_the_paper_allows(settings: Settings, width: int) -> None:
    setup = with_printer(settings, paper_width_mm=width)
    slip = decode_for(sample_slip("ticket", setup, "fi"), setup.printer)
    run = slip.line("A017").runs[0]
    assert run.width == run.height == 8  # GS ! maximum; four characters fill 384 dots exactly


def test_a_five_character_number_shrinks_to_fit_58_mm(settings: Settings) -> None:
    setup = with_printer(settings, paper_width_mm=58)
    ticket = replace(sample_ticket(setup), code="A1000")
    slip = decode_for(ticket_slip(ticket, setup, "fi"), setup.printer)
    line = slip.line("A1000")
    assert (line.runs[0].width, line.overflowed) == (6, False)


@pytest.mark.parametrize("width", [58, 80])
def test_every_shipped_topic_lays_out_without_overflow(width: int) -> None:
    shipped = load_settings()
    setup = with_printer(shipped, paper_width_mm=width)
    for topic in shipped.help.topics:
        request = replace(sample_help_request(setup), topic=topic.id)
        for language in ("fi", "sv", "en"):
            slip = decode_for(help_request_slip(request, setup, language), setup.printer)
            overflowing = [b.text for b in slip.blocks if isinstance(b, TextLine) and b.overflowed]
            assert not overflowing, (topic.id, language)

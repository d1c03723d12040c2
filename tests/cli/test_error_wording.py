"""The command line has words for every error code the program makes, and they fit the facts
each error carries."""

from __future__ import annotations

import string

from kiosk.cli.wording import WORDS, worded
from kiosk.errors import KioskError, NotFound, Refused
from kiosk.services.allowances import PeriodLocked
from kiosk.services.tickets import RapidSeries
from tests.error_sites import BASES, class_code, codes_made, error_sites


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_every_code_the_program_makes_has_command_line_words() -> None:
    made = codes_made() - {class_code(name) for name in BASES}
    assert len(made) > 90
    assert sorted(made - set(WORDS)) == []
    # Nor words for a code nothing makes any more.
    assert sorted(set(WORDS) - made) == []


def test_the_words_use_only_facts_every_such_error_carries() -> None:
    wrong = [
        f"{site.where}: {code} needs {sorted(placeholders(WORDS[code]) - {'error'} - site.facts)}"
        for site in error_sites()
        if not site.passed_on
        for code in site.codes
        if code in WORDS and placeholders(WORDS[code]) - {"error"} - site.facts
    ]
    assert wrong == []


def test_the_command_to_run_next_follows_the_errors_own_sentence() -> None:
    missing = NotFound("no ticket A005 today", code="ticket.not_found", ticket="A005")
    assert worded(missing) == "no ticket A005 today; see today's queue with `kiosk ticket list`"
    assert worded(PeriodLocked("2026-11")) == (
        "pay period 2026-11 is marked paid, so its hours cannot change; an admin must re-open "
        "it first (`kiosk report reopen --period 2026-11`)"
    )
    assert worded(RapidSeries("B", 4, 30, "k1")).startswith("kiosk k1 gave 4 numbers for B")


def test_an_error_without_command_line_words_is_said_as_it_is() -> None:
    assert worded(KioskError('"x" is not a date; write it like 2026-11-24')) == (
        '"x" is not a date; write it like 2026-11-24'
    )
    assert worded(Refused("worker 12 has no badge", code="worker.no_badge", worker=12)) == (
        "worker 12 has no badge"
    )

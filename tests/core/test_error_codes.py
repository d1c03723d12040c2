"""The errors' contract (kiosk.errors): every use case's error names its code, and its own
sentence, which a log line or any front door may show, names no command and no flag."""

from __future__ import annotations

import argparse
import re
from datetime import UTC, datetime

import pytest

from kiosk.cli.main import build_parser
from kiosk.errors import Closed, KioskError, NotFound, Refused
from tests.error_sites import BASES, class_code, error_classes, error_sites

# Where the use cases and what they stand on live; the command line and the screens word errors.
USE_CASE_LAYERS = ("kiosk.core", "kiosk.settings", "kiosk.db", "kiosk.services", "kiosk.devices")


def command_pattern() -> re.Pattern[str]:
    """A command ("kiosk ticket list", any of the command line's own groups), a flag ("--by")
    or a backtick, which only a terminal's reader can use."""
    parser = build_parser()
    [groups] = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    names = "|".join(sorted(groups.choices))
    return re.compile(rf"`|\bkiosk (?:{names})\b|(?:^|[\s(])--[a-z]")


@pytest.mark.parametrize(
    "sentence",
    [
        "no ticket A005 today; see today's queue with `kiosk ticket list`",
        "only staff withdraw absences, not worker:12; give --by staff:NAME",
        "choose another with --data-dir or KIOSK_DATA_DIR",
        "the database is older than this program; run kiosk db upgrade",
    ],
)
def test_the_pattern_finds_a_command_or_a_flag(sentence: str) -> None:
    assert command_pattern().search(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "4 numbers for A were taken at kiosk lounge-1 in the last 30 seconds",
        "peer worker 12 is not signed in; they sign in at the kiosk before helping",
        'a shift must end after it starts, got "12:00-09:00"',
    ],
)
def test_the_pattern_leaves_plain_sentences_alone(sentence: str) -> None:
    assert not command_pattern().search(sentence)


def test_no_use_case_sentence_names_a_command_or_a_flag() -> None:
    """A staff console or the kiosk may show or log these sentences; only the command line
    knows its commands (kiosk.cli.wording)."""
    pattern = command_pattern()
    sites = error_sites(*USE_CASE_LAYERS)
    assert len(sites) > 100  # the scan reads them all, so an empty result is not a pass
    found = [
        f"{site.where}: {words!r}"
        for site in sites
        for words in site.words
        if pattern.search(words)
    ]
    assert found == []


def test_every_use_case_error_names_its_code() -> None:
    base_codes = {class_code(name) for name in BASES}
    unnamed = [
        f"{site.where}: {site.error_class}"
        for site in error_sites(*USE_CASE_LAYERS)
        if site.codes & base_codes or (site.passed_on and site.error_class != "ConfigError")
    ]
    assert unnamed == []


def test_codes_are_area_dot_what_in_lower_case() -> None:
    codes = {code for site in error_sites() for code in site.codes}
    assert {"ticket.not_found", "service.closed", "pin.wrong"} <= codes
    assert [c for c in codes if not re.fullmatch(r"[a-z_]+(\.[a-z_]+)?", c)] == []


def test_error_class_names_are_unique_so_the_scan_can_find_them_by_name() -> None:
    classes = error_classes()
    assert {"KioskError", "Closed", "WrongPin", "ConfigError"} <= set(classes)
    assert len(classes) == len({c.name for c in classes.values()})


def test_an_error_keeps_its_code_and_facts_beside_its_sentence() -> None:
    missing = NotFound("no ticket A005 today", code="ticket.not_found", ticket="A005")
    assert (str(missing), missing.code, missing.facts) == (
        "no ticket A005 today",
        "ticket.not_found",
        {"ticket": "A005"},
    )
    opens = datetime(2026, 11, 25, 5, 30, tzinfo=UTC)
    closed = Closed(
        "help requests are taken while the clinic is open",
        service="H",
        opens_at=opens,
        code="help.closed",
    )
    assert (closed.code, closed.opens_at, closed.facts) == (
        "help.closed",
        opens,
        {"service": "H", "opens_at": opens},
    )
    # Without a code of its own, a class's code stands; the bases' mean "none given".
    assert Closed("closed", service="A", opens_at=None).code == "service.closed"
    assert (KioskError("x").code, Refused("x").code, NotFound("x").code) == (
        "error",
        "refused",
        "not_found",
    )

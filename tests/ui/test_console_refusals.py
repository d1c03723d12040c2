"""The staff console words every refusal its screens can meet by its code, for staff, with the
refusal's facts in the words, and never as a command to run."""

from __future__ import annotations

import string
from collections.abc import Iterator
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from kiosk.errors import KioskError, Refused
from kiosk.services.staff_auth import AccountLocked, WrongLogin
from kiosk.ui.console_refusals import WORDS, refusal_for_staff
from kiosk.ui.i18n import tr
from tests.error_sites import PACKAGE, codes_reachable_from, error_sites, module_name
from tests.ui.test_refusals import CONSOLE_VIEWS_AT_THE_KIOSK

HELSINKI = ZoneInfo("Europe/Helsinki")


@pytest.fixture
def english() -> Iterator[None]:
    before = tr.language
    tr.switch("en")
    yield
    tr.switch(before)


def console_screens() -> list[str]:
    """The console's screens, its parts that call use cases, and the kiosk's own view."""
    paths = sorted((PACKAGE / "screens" / "console").glob("*.py"))
    paths += [PACKAGE / "screens" / name for name in CONSOLE_VIEWS_AT_THE_KIOSK]
    paths += [PACKAGE / "ui" / "help_alerts.py"]
    return [module_name(p) for p in paths if p.name != "__init__.py"]


def test_every_code_a_console_screen_can_meet_has_words_for_staff() -> None:
    reachable = codes_reachable_from(
        console_screens(),
        into="kiosk.services",
        always=["kiosk.services.context", "kiosk.db.storage_errors"],
    )
    # Found by following the use cases the screens call: the login's, the queue's steps, the
    # role check in each, and the database's.
    assert {
        "staff.login_wrong",
        "staff.login_paused",
        "help.wrong_state",
        "help.helper_not_signed_in",
        "staff.inactive",
        "database.busy",
    } <= set(reachable)
    assert {code: where for code, where in reachable.items() if code not in WORDS} == {}


def test_the_words_use_only_facts_every_refusal_of_their_code_carries() -> None:
    """A placeholder the refusal does not fill would stop the console with a KeyError."""
    sites = error_sites()
    for code, words in WORDS.items():
        wanted = {name for _, name, _, _ in string.Formatter().parse(words) if name}
        wanted = {"until" if name == "time" else name for name in wanted}
        for site in (s for s in sites if code in s.codes):
            assert wanted <= site.facts, f"{code} at {site.where} lacks {wanted - site.facts}"


def test_the_words_name_no_command_and_no_flag() -> None:
    assert [w for w in WORDS.values() if "kiosk " in w or "--" in w or "`" in w] == []


def test_a_refusal_is_worded_with_its_facts(english: None) -> None:
    wrong_state = Refused(
        "help request H004 is done", code="help.wrong_state", request="H004", status="done"
    )
    assert refusal_for_staff(wrong_state, HELSINKI) == (
        "H004 is done now, so this cannot be done to it."
    )
    served = Refused(
        "ticket A001 is served and cannot become called",
        code="ticket.wrong_state",
        ticket="A001",
        status="served",
        wanted="called",
    )
    assert refusal_for_staff(served, HELSINKI) == (
        "A001 is served now, so this cannot be done to it."
    )
    no_window = Refused(
        "there is no window 7; the windows are 1, 2, 3",
        code="window.unknown",
        window=7,
        windows="1, 2, 3",
    )
    assert refusal_for_staff(no_window, HELSINKI) == (
        "Window 7 is not in use here. The windows are 1, 2, 3."
    )
    locked = AccountLocked(datetime(2026, 11, 24, 7, 14, 20, tzinfo=UTC))
    assert refusal_for_staff(locked, HELSINKI) == (
        "Too many wrong PINs: this login is locked until 09:15. An admin can open it sooner."
    )
    assert refusal_for_staff(WrongLogin(), HELSINKI) == (
        "The login name or the PIN is not right. Please try again."
    )


def test_an_unworded_code_and_a_bug_get_calm_general_words(english: None) -> None:
    assert refusal_for_staff(KioskError("x", code="shift.overlap"), HELSINKI) == (
        "That could not be done."
    )
    assert refusal_for_staff(ValueError("a bug"), HELSINKI) == (
        "Something went wrong, and nothing was changed. Please try again."
    )

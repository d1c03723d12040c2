"""The kiosk screens word every refusal they can meet by its code, in the reader's language,
in plain words."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from kiosk.db.storage_errors import DatabaseBusy
from kiosk.errors import KioskError, Refused
from kiosk.services import help_requests
from kiosk.services.sign_in_out import NotSignedIn
from kiosk.services.worker_auth import PinEntryPaused
from kiosk.ui.i18n import tr
from kiosk.ui.refusals import WORDS, refusal
from tests.error_sites import PACKAGE, codes_reachable_from, module_name
from tests.ui.conftest import Kiosk
from tests.ui.driver import tap, texts

pytestmark = pytest.mark.ui

HELSINKI = ZoneInfo("Europe/Helsinki")


@pytest.fixture
def finnish() -> Iterator[None]:
    before = tr.language
    tr.switch("fi")
    yield
    tr.switch(before)


# The kiosk's own view among the staff console's views: worded for staff, by the console.
CONSOLE_VIEWS_AT_THE_KIOSK = ("staff_panel.py",)


def kiosk_screens() -> list[str]:
    """The kiosk's own screens for clients and peer workers; the console's and the board's
    (sub-packages) word for their own readers."""
    return [
        module_name(p)
        for p in sorted((PACKAGE / "screens").glob("*.py"))
        if p.name not in CONSOLE_VIEWS_AT_THE_KIOSK
    ]


def test_every_code_a_kiosk_screen_can_meet_has_words() -> None:
    reachable = codes_reachable_from(
        kiosk_screens(),
        into="kiosk.services",
        always=["kiosk.services.context", "kiosk.db.storage_errors"],
    )
    # Found by following the use cases the screens call, through every function they call.
    assert {"ticket.rapid_series", "pin.wrong", "pay_period.locked", "database.busy"} <= set(
        reachable
    )
    # A PIN too weak to set is caught where the dummy hash is made: no screen meets it.
    assert "pin.common" not in reachable
    assert {code: where for code, where in reachable.items() if code not in WORDS} == {}


def test_the_screens_words_hold_no_technical_words() -> None:
    technical = ("database", "kiosk ", "error", "`", "--", "code=")
    assert [w for w in WORDS.values() if any(t in w.lower() for t in technical)] == []


def test_a_busy_database_is_worded_for_the_client_not_as_its_log_line(finnish: None) -> None:
    busy = DatabaseBusy("the database did not answer (locked); nothing was saved", reason="x")
    assert refusal(busy, HELSINKI) == "Järjestelmä on nyt kiireinen. Yritä hetken päästä uudelleen."


def test_a_pause_says_when_it_ends_at_the_next_whole_minute(finnish: None) -> None:
    paused = PinEntryPaused(datetime(2026, 11, 24, 7, 1, 40, tzinfo=UTC))
    assert refusal(paused, HELSINKI) == (
        "Liian monta väärää PIN-koodia tällä näytöllä. Yritä uudelleen kello 9.02."
    )


def test_an_automatic_sign_out_has_its_own_code_and_words(finnish: None) -> None:
    closed = NotSignedIn(datetime(2026, 11, 24, 18, 0, tzinfo=UTC))
    assert closed.code == "sign_in.signed_out_automatically"
    assert refusal(closed, HELSINKI).startswith("Sinut kirjattiin ulos automaattisesti.")
    assert refusal(NotSignedIn(None), HELSINKI) == "Et ole kirjautunut sisään."


def test_a_code_without_words_and_a_bug_get_calm_general_words(finnish: None) -> None:
    assert refusal(Refused("x", code="shift.overlap"), HELSINKI) == (
        "Tämä ei onnistunut. Kysy henkilökunnalta."
    )
    assert refusal(KioskError("x"), HELSINKI) == "Tämä ei onnistunut. Kysy henkilökunnalta."
    assert refusal(ValueError("a bug"), HELSINKI) == (
        "Jokin meni vikaan. Yritä uudelleen tai kysy henkilökunnalta."
    )


def test_the_help_details_screen_words_a_busy_database_for_the_client(
    kiosk: Kiosk, monkeypatch: pytest.MonkeyPatch
) -> None:
    def busy(*_args: object, **_kwargs: object) -> None:
        raise DatabaseBusy("the database did not answer (locked); nothing was saved")

    monkeypatch.setattr(help_requests, "open_request", busy)
    tap("Pyydä apua", kiosk.app)
    tap("Asumistuki", kiosk.app)
    tap(kiosk.app.current_screen.ids.confirm, kiosk.app)
    assert kiosk.app.current == "help_details"
    assert "Järjestelmä on nyt kiireinen. Yritä hetken päästä uudelleen." in texts()
    tap("English", kiosk.app)
    assert "The system is busy. Please try again in a moment." in texts()
    assert not [t for t in texts() if "database" in t]

"""Peer workers take help requests at the kiosk: the list, taking one, finishing it.

Run for real under Xvfb and tapped through as a worker would. The lounge screen is public, so
what the worker sees is checked against everything that must never reach it: return codes,
notes, and the names or logins of staff and of other workers.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from kivy.app import App
from kivy.uix.label import Label
from kivy.uix.widget import Widget
from PIL import Image
from sqlalchemy import select

from kiosk.core.actor import Actor
from kiosk.db.models import AuditEvent, HelpRequest
from kiosk.screens.worker_help_requests import HelpRequestRow
from kiosk.services import help_requests, sign_in_out, worker_auth, workers
from kiosk.services.context import Context
from kiosk.services.views import HelpRequestView
from kiosk.settings.schema import LANGUAGES
from kiosk.ui.widgets import KioskButton
from tests.support import CLI, STAFF_PIN, add_staff, around_the_clock_toml
from tests.ui.conftest import ARTIFACTS, LANDSCAPE, PORTRAIT, Kiosk, Start
from tests.ui.driver import (
    Finger,
    find_label,
    frames,
    screenshot,
    settle,
    shown,
    tap,
    texts,
    wait_until,
    widgets,
)
from tests.ui.test_screens import english_leftovers, problems_on_screen
from tests.ui.test_worker_flows import enter

pytestmark = pytest.mark.ui

PINS = {12: "583917", 13: "690248"}
NAMES = {12: "Matti Meikäläinen", 13: "Liisa Virtanen"}
NOTE = "Asiakkaan vuokrasopimus puuttuu"
STAFF = Actor("staff", "kaisa.k")


def add_workers(kiosk: Kiosk) -> None:
    today = kiosk.ctx.today()
    for number, pin in PINS.items():
        workers.add_worker(
            kiosk.ctx,
            number=number,
            display_name=NAMES[number],
            pin=pin,
            contract_start=today - timedelta(days=30),
            contract_end=today + timedelta(days=150),
            by=CLI,
        )


def sign_in(kiosk: Kiosk, number: int) -> None:
    worker_pass = worker_auth.authenticate_pin(kiosk.ctx, str(number), PINS[number])
    sign_in_out.sign_in(kiosk.ctx, worker_pass, task="computer_help")


def worker(number: int) -> Actor:
    return Actor("worker", str(number))


def open_request(kiosk: Kiosk, topic: str, **ticks: bool) -> HelpRequestView:
    request = help_requests.open_request(kiosk.ctx, topic, **ticks)
    kiosk.clock.advance(minutes=4)
    return request


def to_help_requests(kiosk: Kiosk, number: int = 12) -> None:
    enter(kiosk, str(number), PINS[number])
    assert kiosk.app.current == "worker_menu"
    tap(kiosk.app.current_screen.ids.help_requests, kiosk.app)
    assert kiosk.app.current == "worker_help_requests"


def rows() -> dict[str, HelpRequestRow]:
    """The rows on the glass, by code."""
    screen = App.get_running_app().screen("worker_help_requests")
    return {row.code: row for row in screen._rows if shown(row)}


def kinds() -> dict[str, str]:
    return {code: type(row).__name__ for code, row in rows().items()}


def everything_on_the_screen(kiosk: Kiosk) -> str:
    """Every text in the screen's widget tree, shown or not (a row scrolled out of view too)."""
    screen = kiosk.app.screen("worker_help_requests")
    found = [w.text for w in screen.walk(restrict=True) if isinstance(w, Label)]
    found += [screen.message]
    return "\n".join(found)


def someone_first(helper: Actor) -> Callable[..., HelpRequestView]:
    """The real claim, but `helper` (at another kiosk, or the console) claims a moment earlier."""
    real_claim = help_requests.claim

    def claim(ctx: Context, code: str, *, by: Actor, place: str | None = None) -> HelpRequestView:
        real_claim(ctx, code, by=helper)
        return real_claim(ctx, code, by=by, place=place)

    return claim


@pytest.fixture
def lounge(kiosk: Kiosk) -> Kiosk:
    """Workers 12 and 13 signed in on computer help; three requests waiting, one staff-only."""
    add_workers(kiosk)
    add_staff(kiosk.ctx, STAFF.id)
    sign_in(kiosk, 12)
    sign_in(kiosk, 13)
    open_request(kiosk, "housing_allowance", has_documents=True)
    open_request(kiosk, "pension_rehabilitation")  # staff only
    open_request(kiosk, "computer_help", needs_interpreter=True, has_credentials=True)
    return kiosk


def test_a_worker_takes_a_request_it_is_called_to_their_desk_and_they_finish_it(
    lounge: Kiosk,
) -> None:
    app = lounge.app
    to_help_requests(lounge)
    shown_texts = texts()
    assert "Avunpyynnöt" in shown_texts
    # Today's queue, oldest first, without the staff-only topic: number, topic, age, ticks.
    assert kinds() == {"H001": "WaitingRequestRow", "H003": "WaitingRequestRow"}
    first, third = rows()["H001"], rows()["H003"]
    assert (first.topic, first.state) == ("Asumistuki", "Odottanut 12 min")
    assert (third.topic, third.state) == ("Muu apu tietokoneella", "Odottanut 4 min")
    assert (first.has_documents, first.has_credentials, first.needs_interpreter) == (
        True,
        False,
        False,
    )
    assert (third.has_documents, third.has_credentials, third.needs_interpreter) == (
        False,
        True,
        True,
    )
    assert {"Paperit mukana", "Pankkitunnukset mukana", "Tarvitsee tulkin"} <= set(shown_texts)

    tap(first.ids.claim, app)
    assert "Autat nyt: H001. Numero kutsutaan paikkaan: Lift-tietokone." in texts()
    assert kinds() == {"H001": "MyRequestRow", "H003": "WaitingRequestRow"}
    assert rows()["H001"].state == "Kutsuttu paikkaan: Lift-tietokone"
    assert "Sinun pyyntösi nyt" in texts()
    # Taken as worker 12, in the core: claimed and called to the peer workers' desk.
    [claimed] = [r for r in help_requests.queue(lounge.ctx, by=CLI) if r.code == "H001"]
    assert (claimed.status, claimed.claimed_by, claimed.place) == (
        "in_progress",
        "worker:12",
        "lift",
    )

    tap(rows()["H001"].ids.done, app)
    assert "H001 on valmis. Kiitos!" in texts()
    assert kinds() == {"H003": "WaitingRequestRow"}
    tap(rows()["H003"].ids.claim, app)
    tap(rows()["H003"].ids.wait_docs, app)
    assert "H003 odottaa papereita. Asiakas tulee takaisin niiden kanssa." in texts()
    assert kinds() == {}
    assert "Kukaan ei odota apua nyt." in texts()
    with lounge.ctx.reading() as session:
        steps = session.execute(
            select(AuditEvent.action, AuditEvent.actor)
            .where(AuditEvent.subject_type == "help_request", AuditEvent.action != "help.open")
            .order_by(AuditEvent.id)
        ).all()
    assert [tuple(step) for step in steps] == [
        ("help.claim", "worker:12"),
        ("help.call", "worker:12"),
        ("help.done", "worker:12"),
        ("help.claim", "worker:12"),
        ("help.call", "worker:12"),
        ("help.wait_docs", "worker:12"),
    ]


def test_a_taken_request_shows_on_the_lounge_strip_with_the_desk(lounge: Kiosk) -> None:
    app = lounge.app
    to_help_requests(lounge)
    tap(rows()["H003"].ids.claim, app)
    tap(app.current_screen.ids.home, app)
    assert app.current == "home"
    strip = app.screen("home").ids.strip
    wait_until(lambda: "H003" in strip.items, app)
    assert strip.entries[0] == ("H003", "Lift-tietokone")


def test_not_present_is_a_step_of_its_own(lounge: Kiosk) -> None:
    to_help_requests(lounge)
    tap(rows()["H001"].ids.claim, lounge.app)
    tap(rows()["H001"].ids.not_present, lounge.app)
    assert "H001: merkitty, ei paikalla." in texts()
    assert kinds() == {"H003": "WaitingRequestRow"}
    with lounge.ctx.reading() as session:
        status = session.scalar(select(HelpRequest.status).where(HelpRequest.number == 1))
    assert status == "not_present"


def test_only_a_signed_in_worker_is_offered_help_requests(kiosk: Kiosk) -> None:
    add_workers(kiosk)
    enter(kiosk, "12", PINS[12])
    menu = kiosk.app.current_screen
    assert "Avunpyynnöt" not in texts()
    assert menu.ids.help_requests.parent is None
    tap("Aloita työt", kiosk.app)
    tap("Lupaan noudattaa näitä sääntöjä", kiosk.app)
    tap("Apu tietokoneella", kiosk.app)
    tap(kiosk.app.current_screen.ids.done, kiosk.app)
    enter(kiosk, "12", PINS[12])
    assert "Avunpyynnöt" in texts()
    # Between "Finish work" and "Report an absence".
    order = [child.text for child in reversed(menu.ids.actions.children)]
    assert order == ["Lopeta työt", "Avunpyynnöt", "Ilmoita poissaolo"]


def test_the_public_screen_shows_no_names_notes_or_return_codes(lounge: Kiosk) -> None:
    ctx = lounge.ctx
    help_requests.add_note(ctx, "H001", NOTE, by=STAFF)
    help_requests.assign(ctx, "H001", 13, by=STAFF)
    help_requests.claim(ctx, "H003", by=worker(13))
    help_requests.open_request(ctx, "social_assistance")
    help_requests.claim(ctx, "H004", by=STAFF)
    help_requests.open_request(ctx, "sickness_allowance")
    help_requests.assign(ctx, "H005", 12, by=STAFF)
    to_help_requests(lounge)
    app = lounge.app
    assert kinds() == {"H001": "WaitingRequestRow", "H005": "WaitingRequestRow"}
    # Whom staff gave a request to is said only when it is this worker.
    assert rows()["H001"].state == "Odottanut 12 min · Henkilökunta antoi tämän toiselle auttajalle"
    assert rows()["H005"].state == "Tuli juuri · Henkilökunta antoi tämän sinulle"
    resume_codes = [r.resume_code for r in help_requests.queue(ctx, by=CLI)]
    forbidden = [
        *resume_codes,
        NOTE,
        *NAMES.values(),
        STAFF.id,
        "Kaisa",
        "staff:",
        "worker:",
        "Liisa",
        "Matti",
    ]
    for language in LANGUAGES:
        app.set_language(language)
        settle(app)
        seen = everything_on_the_screen(lounge) + "\n" + "\n".join(texts())
        assert [word for word in forbidden if word in seen] == [], language
    # Staff took H001 a moment before this worker pressed: the word says someone, not who.
    app.set_language("en")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(help_requests, "claim", someone_first(STAFF))
        tap(rows()["H001"].ids.claim, app)
    seen = everything_on_the_screen(lounge) + "\n" + "\n".join(texts())
    assert "Someone else is already helping with this one." in seen
    assert [word for word in forbidden if word in seen] == []


def test_of_two_workers_taking_one_request_the_second_gets_a_calm_word_and_a_fresh_list(
    lounge: Kiosk, monkeypatch: pytest.MonkeyPatch
) -> None:
    to_help_requests(lounge)
    monkeypatch.setattr(help_requests, "claim", someone_first(worker(13)))
    tap(rows()["H001"].ids.claim, lounge.app)
    monkeypatch.undo()
    assert lounge.app.current_screen.tone == "notice"  # a calm word: nothing went wrong
    assert "Joku muu auttaa jo tässä." in texts()
    settle(lounge.app)
    assert kinds() == {"H003": "WaitingRequestRow"}
    screenshot(ARTIFACTS / "landscape" / "worker-help-requests-someone-quicker-fi.png")
    lounge.app.set_language("en")
    settle(lounge.app)
    assert "Someone else is already helping with this one." in texts()
    assert not [t for t in texts() if "worker" in t.lower() and "13" in t]


def test_a_request_taken_elsewhere_leaves_the_list_within_a_second(
    database_url: str, start_kiosk: Start, tmp_path: Path
) -> None:
    kiosk = start_kiosk(url=database_url)
    add_workers(kiosk)
    add_staff(kiosk.ctx, STAFF.id)
    sign_in(kiosk, 12)
    first = open_request(kiosk, "housing_allowance")
    open_request(kiosk, "computer_help")
    to_help_requests(kiosk)
    assert set(kinds()) == {"H001", "H002"}
    config = tmp_path / "kiosk.toml"
    config.write_text(around_the_clock_toml(), encoding="utf-8")
    command = [sys.executable, "-m", "kiosk", "--config", str(config), "--data-dir", str(tmp_path)]
    # Staff take it at the command line, on their own clock (today, not the kiosk's Tuesday):
    # by its return code, which names it on any day.
    cli = subprocess.Popen(
        [*command, "help", "claim", first.resume_code, "--by", str(STAFF)],
        env={**os.environ, "KIOSK_DATABASE_URL": database_url},
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert cli.stdin is not None
    cli.stdin.write(f"{STAFF_PIN}\n")  # acting as the staff member needs their PIN
    cli.stdin.close()
    deadline = time.monotonic() + 30
    while "H001" in kinds() and time.monotonic() < deadline:
        frames()
    frames()  # drawn
    gone_at = datetime.now(UTC)
    answer = cli.stdout.read() if cli.stdout else ""
    cli.wait(timeout=30)
    assert cli.returncode == 0, answer
    assert set(kinds()) == {"H002"}
    with kiosk.ctx.reading() as session:
        # Taken just before the claim's commit: the delay is at most this.
        claimed_at = session.scalar(select(AuditEvent.at).where(AuditEvent.action == "help.claim"))
    assert claimed_at is not None
    delay = (gone_at - claimed_at.replace(tzinfo=claimed_at.tzinfo or UTC)).total_seconds()
    print(
        f"\n{kiosk.ctx.engine.dialect.name}: claimed at the CLI, off the list {delay:.3f} s later"
    )
    assert delay < 1.0


def drag_up(widget: Widget, distance: float) -> None:
    x, y = widget.to_window(*widget.center)
    finger = Finger(x, y - distance / 2)
    finger.down()
    frames()
    for step in range(1, 11):
        finger.move_to(x, y - distance / 2 + distance * step / 10)
        frames()
    finger.up()
    frames(5)


def test_a_list_scrolled_down_and_then_shortened_starts_at_its_top(lounge: Kiosk) -> None:
    to_help_requests(lounge)
    tap(rows()["H001"].ids.claim, lounge.app)
    scroll = lounge.app.current_screen.ids.scroll
    assert scroll.children[0].height > scroll.height  # longer than the view
    drag_up(scroll, scroll.height * 0.8)  # a finger scrolls down the list
    assert scroll.scroll_y < 0.5
    tap(rows()["H001"].ids.done, lounge.app)
    assert set(kinds()) == {"H003"}
    heading = find_label("Odottaa apua")
    assert heading.to_window(0, heading.top)[1] == pytest.approx(scroll.to_window(0, scroll.top)[1])


def test_the_list_goes_home_when_left_alone(lounge: Kiosk) -> None:
    to_help_requests(lounge)
    lounge.time.advance(lounge.ctx.settings.kiosk.idle_timeout_seconds + 1)
    wait_until(lambda: lounge.app.current == "home", lounge.app)
    screen = lounge.app.screen("worker_help_requests")
    assert screen.worker_pass is None and screen._rows == []


def test_back_returns_to_the_worker_menu(lounge: Kiosk) -> None:
    to_help_requests(lounge)
    tap(lounge.app.current_screen.ids.back, lounge.app)
    assert lounge.app.current == "worker_menu"
    assert "Hei, työntekijä 12!" in texts()


def test_an_expired_pass_leads_back_to_the_sign_in(lounge: Kiosk) -> None:
    to_help_requests(lounge)
    lounge.clock.advance(seconds=sign_in_out.PASS_LIFETIME.total_seconds() + 1)
    tap(rows()["H001"].ids.claim, lounge.app)
    assert lounge.app.current == "worker_sign_in"
    assert help_requests.queue(lounge.ctx, by=CLI)[0].status == "open"


def test_a_worker_signed_out_meanwhile_is_told_to_start_work(lounge: Kiosk) -> None:
    to_help_requests(lounge)
    sign_in_out.sign_out(lounge.ctx, worker_auth.authenticate_pin(lounge.ctx, "12", PINS[12]))
    tap(rows()["H001"].ids.claim, lounge.app)
    assert "Et ole kirjautunut sisään. Aloita ensin työt, sitten voit auttaa." in texts()
    assert kinds() == {}
    assert help_requests.queue(lounge.ctx, by=CLI)[0].status == "open"


def cut_words() -> list[str]:
    """Buttons whose words are wider than the button (a label sized to its words never
    overflows its own box, so the measuring in test_screens cannot see this)."""
    return [
        f"{button.text!r} needs {button.natural_width:.0f} px, has {button.width:.0f}"
        for button in widgets()
        if isinstance(button, KioskButton)
        and shown(button)
        and button.natural_width > button.width + 1
    ]


def help_tour(kiosk: Kiosk) -> Iterator[str]:
    """The help-request screens as a worker meets them."""
    add_workers(kiosk)
    sign_in(kiosk, 12)
    sign_in(kiosk, 13)
    enter(kiosk, "12", PINS[12])
    yield "worker-menu-with-help"

    tap(kiosk.app.current_screen.ids.help_requests, kiosk.app)
    yield "worker-help-requests-nobody"

    tap(kiosk.app.current_screen.ids.home, kiosk.app)
    open_request(kiosk, "housing_allowance", has_documents=True)
    open_request(kiosk, "jobseeker_registration", needs_interpreter=True)
    kiosk.clock.advance(minutes=70)
    open_request(kiosk, "computer_help", needs_interpreter=True, has_credentials=True)
    help_requests.assign(kiosk.ctx, "H003", 12, by=CLI)
    to_help_requests(kiosk)
    yield "worker-help-requests"

    tap(rows()["H001"].ids.claim, kiosk.app)
    yield "worker-help-requests-claimed"

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(help_requests, "claim", someone_first(worker(13)))
        tap(rows()["H003"].ids.claim, kiosk.app)
    yield "worker-help-requests-quicker"


@pytest.mark.parametrize("size", [LANDSCAPE, PORTRAIT], ids=["landscape", "portrait"])
def test_the_help_request_screens_in_every_language(
    start_kiosk: Start, size: tuple[int, int]
) -> None:
    kiosk = start_kiosk(size=size)
    orientation = "landscape" if size == LANDSCAPE else "portrait"
    leftovers = {language: english_leftovers(language) for language in LANGUAGES}
    found: list[str] = []
    visited: list[str] = []
    for name in help_tour(kiosk):
        visited.append(name)
        for language in LANGUAGES:
            kiosk.app.set_language(language)
            settle(kiosk.app)
            path = screenshot(ARTIFACTS / orientation / f"{name}-{language}.png")
            assert Image.open(path).size == size
            found += [
                f"{orientation} {name} {language}: {p}"
                for p in [*problems_on_screen(language, leftovers[language]), *cut_words()]
            ]
        kiosk.app.set_language("fi")
        settle(kiosk.app)
    assert len(visited) == 5
    assert found == [], "\n".join(found)

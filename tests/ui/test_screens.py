"""Every screen, in every language, in landscape and portrait: looked at and measured.

One tour per orientation visits each screen the way a client or staff member reaches it and,
in Finnish, Swedish and English, saves a screenshot to test-artifacts/screens/ (git-ignored:
open them and look) and checks what can be measured:
- every word is in the screen's language (no English left in Finnish or Swedish);
- text is at least 5 mm tall and touch targets at least 15 mm on the configured panel;
- no text overflows its box or the window, and no two buttons overlap;
- every icon has words beside it.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from functools import cache
from pathlib import Path

import kivy
import pytest
from fontTools.ttLib import TTFont
from kivy.clock import Clock
from kivy.core.text import Label as CoreLabel
from kivy.core.window import Window
from kivy.uix.behaviors import ButtonBehavior
from kivy.uix.label import Label
from kivy.uix.modalview import ModalView
from kivy.uix.scrollview import ScrollView
from kivy.uix.widget import Widget
from PIL import Image

from kiosk.db.storage_errors import DatabaseBusy
from kiosk.services import help_requests, tickets
from kiosk.settings.schema import LANGUAGES
from kiosk.ui.catalogs import extract_messages, translations
from kiosk.ui.sizing import CAP_HEIGHT_PER_EM, MIN_BODY_TEXT_MM, MIN_TARGET_MM
from kiosk.ui.widgets import Icon
from tests.support import (
    CLI,
    around_the_clock_toml,
    default_toml,
    settings_from,
)
from tests.ui.conftest import ARTIFACTS, LANDSCAPE, PORTRAIT, Kiosk, Start
from tests.ui.driver import (
    labels,
    screenshot,
    settle,
    shown,
    tap,
    wait_until,
    widgets,
)
from tests.ui.printers import PAPER_OUT, BreakablePrinter

pytestmark = pytest.mark.ui

SCREENS = (
    "home",
    "home-printer-problem",
    "take-number",
    "take-number-printer-failed",
    "take-number-another",
    "take-number-problem",
    "service-closed",
    "idle-warning",
    "help-topic",
    "help-details",
    "help-result",
    "help-resume",
    "help-resume-wrong",
    "help-resume-paused",
)
# The staff screens at the kiosk are the staff console's: tests/ui/test_console_screens.py.


def busy_morning(kiosk: Kiosk) -> None:
    """A lounge mid-morning: people waiting, numbers called, help requests open, one called to
    a help desk."""
    for service, count in (("A", 9), ("B", 3)):
        for _ in range(count):
            tickets.take_number(kiosk.ctx, service)
    for window in (1, 2, 1, 3):
        tickets.call_next(kiosk.ctx, window, by=CLI)
    for topic in ("housing_allowance", "computer_help"):
        help_requests.open_request(kiosk.ctx, topic)
    kiosk.clock.advance(seconds=30)
    help_requests.call(kiosk.ctx, "H001", "social", by=CLI)


def tour(kiosk: Kiosk, printer: BreakablePrinter, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """Walk through every screen; yield its name when it is on the glass."""
    app = kiosk.app
    busy_morning(kiosk)
    app.screen("home").refresh()
    settle(app)
    yield "home"

    printer.fault = PAPER_OUT
    app.check_printer()
    settle(app)
    yield "home-printer-problem"

    printer.fault = None
    app.check_printer()
    tap(app.screen("home")._service_tiles["A"], app)
    wait_until(lambda: app.current_screen.phase == "printed", app)
    yield "take-number"

    tap("Valmis", app)
    printer.fault = PAPER_OUT
    tap(app.screen("home")._service_tiles["B"], app)
    wait_until(lambda: app.current_screen.phase == "failed", app)
    yield "take-number-printer-failed"

    printer.fault = None
    app.check_printer()
    tap("Valmis", app)
    # With the tour's own, five numbers for A from this kiosk, more than the configured four:
    # the next client is asked first.
    for _ in range(4):
        tickets.take_number(kiosk.ctx, "A", kiosk_id=kiosk.ctx.settings.kiosk.id)
    tap(app.screen("home")._service_tiles["A"], app)
    yield "take-number-another"

    kiosk.time.advance(1)
    tap("Ei, alkuun", app)
    assert app.current == "home"
    with monkeypatch.context() as patch:
        patch.setattr(tickets, "take_number", _database_not_answering)
        tap(app.screen("home")._service_tiles["B"], app)
        assert app.current_screen.phase == "problem"
        yield "take-number-problem"

    tap("Valmis", app)
    zone = kiosk.ctx.settings.clinic.zone
    opens = datetime(2026, 11, 25, 7, 30, tzinfo=zone)
    app.show("service_closed", service="A", opens_at=opens)
    settle(app)
    yield "service-closed"

    kiosk.time.advance(50)
    wait_until(lambda: app.idle.warning_shown, app)
    yield "idle-warning"

    tap("Lisää aikaa", app)
    tap("Alkuun", app)
    tap("Pyydä apua", app)
    yield "help-topic"

    tap("Täydentävä tai ehkäisevä toimeentulotuki", app)
    tap("Minulla on paperit mukana.", app)
    yield "help-details"

    tap(app.current_screen.ids.confirm, app)
    wait_until(lambda: app.current_screen.phase == "printed", app)
    yield "help-result"

    tap("Valmis", app)
    tap("Pyydä apua", app)
    tap("Minulla on paluukoodi", app)
    screen = app.current_screen
    for character in "K7M":
        screen.press(character)
    settle(app)
    yield "help-resume"

    for character in "QXY":
        screen.press(character)
    tap(screen.ids.ok, app)
    yield "help-resume-wrong"

    for _ in range(help_requests.RESUME_TRIES - 1):
        tap(screen.ids.ok, app)
    assert screen.paused
    yield "help-resume-paused"


def _database_not_answering(*_args: object, **_kwargs: object) -> None:
    raise DatabaseBusy("the database did not answer")


@contextmanager
def unlimited_frames() -> Iterator[None]:
    """Turn frames as fast as the machine draws them, instead of Kivy's 60 a second: the tour
    waits on real time only through wait_until, never by counting frames."""
    kept = Clock._max_fps
    Clock._max_fps = 0.0
    try:
        yield
    finally:
        Clock._max_fps = kept


def english_leftovers(language: str) -> set[str]:
    """English messages that have a different translation in `language`."""
    catalogue = translations(language)
    return {m.id for m in extract_messages() if catalogue.gettext(m.id) != m.id}


@cache
def text_font_characters() -> frozenset[int]:
    """Every character Roboto (regular and bold) can draw; anything else shows as a box."""
    fonts = Path(kivy.__file__).parent / "data" / "fonts"
    found: set[int] = set()
    for name in ("Roboto-Regular.ttf", "Roboto-Bold.ttf"):
        found |= set(TTFont(fonts / name).getBestCmap())
    return frozenset(found)


def drawn_characters(label: Label) -> str:
    """The characters a label draws in the text font: markup tags and icon-font runs removed."""
    text = label.text
    if label.markup:
        text = re.sub(r"\[font=[^\]]*\].*?\[/font\]", "", text)
        text = re.sub(r"\[/?[a-z]+(=[^\]]*)?\]", "", text)
    return text


def rect(widget: Widget) -> tuple[float, float, float, float]:
    """Where the widget is drawn in the window: cut to the view of a scrolling list it is in,
    since a row scrolled half out of view is not drawn (nor touched) beyond the list's edge."""
    x, y = widget.to_window(widget.x, widget.y)
    left, bottom, right, top = x, y, x + widget.width, y + widget.height
    node = widget.parent
    while node is not None and node is not node.parent:
        if isinstance(node, ScrollView):
            view_x, view_y = node.to_window(node.x, node.y)
            left, bottom = max(left, view_x), max(bottom, view_y)
            right, top = min(right, view_x + node.width), min(top, view_y + node.height)
        node = node.parent
    return left, bottom, right, top


def reachable_widgets() -> Iterator[Widget]:
    """What a person can see and use now: the dialog on top while one is open (what is under it
    cannot be pressed), else everything; and of a scrolled list only the part in view."""
    tops = [child for child in Window.children if isinstance(child, ModalView)]
    for widget in tops[0].walk(restrict=True) if tops else widgets():
        if shown(widget) and _in_view(widget):
            yield widget


def _scroll_views(widget: Widget) -> Iterator[ScrollView]:
    node = widget.parent
    while node is not None and node is not node.parent:
        if isinstance(node, ScrollView):
            yield node
        node = node.parent


def _in_view(widget: Widget) -> bool:
    left, bottom, right, top = rect(widget)
    for view in _scroll_views(widget):
        v_left, v_bottom, v_right, v_top = rect(view)
        if right <= v_left or left >= v_right or top <= v_bottom or bottom >= v_top:
            return False
    return True


def _scrolled(widget: Widget) -> bool:
    return any(True for _ in _scroll_views(widget))


def problems_on_screen(language: str, leftovers: set[str]) -> list[str]:
    app_px_per_mm = _app().px_per_mm
    found: list[str] = []
    visible = list(reachable_widgets())
    for label in (w for w in visible if isinstance(w, Label) and w.text):
        if isinstance(label, Icon):
            if not _has_words_beside(label):
                found.append(f"icon {label.icon!r} has no words beside it")
            continue
        missing = {c for c in drawn_characters(label) if ord(c) not in text_font_characters()}
        if missing - {"\n"}:
            found.append(f"{label.text!r}: the font cannot draw {sorted(missing)}")
        cap_mm = label.font_size * CAP_HEIGHT_PER_EM / app_px_per_mm
        if cap_mm < MIN_BODY_TEXT_MM - 0.01:
            found.append(f"{label.text!r}: text {cap_mm:.1f} mm tall")
        width, height = label.texture_size
        if width > label.width + 2 or height > label.height + 2:
            found.append(
                f"{label.text!r}: text {width}×{height} px in a {label.width:.0f}×"
                f"{label.height:.0f} box"
            )
        left, bottom, right, top = rect(label)
        outside = left < -1 or bottom < -1 or right > Window.width + 1 or top > Window.height + 1
        # A list scrolled in its frame shows its rows' edges cut by the frame, not the window.
        if outside and not _scrolled(label):
            found.append(f"{label.text!r} is partly outside the window")
        if language != "en":
            for line in label.text.split("\n"):
                if line in leftovers:
                    found.append(f"{line!r} is still in English")
    buttons = [w for w in visible if isinstance(w, ButtonBehavior) and not w.disabled]
    for button in buttons:
        if min(button.width, button.height) < MIN_TARGET_MM * app_px_per_mm - 0.5:
            found.append(
                f"button {_words(button)!r} is {button.width / app_px_per_mm:.0f}×"
                f"{button.height / app_px_per_mm:.0f} mm"
            )
    for first, second in itertools.combinations(buttons, 2):
        a, b = rect(first), rect(second)
        overlap_w = min(a[2], b[2]) - max(a[0], b[0])
        overlap_h = min(a[3], b[3]) - max(a[1], b[1])
        if overlap_w > 1 and overlap_h > 1:
            found.append(f"buttons {_words(first)!r} and {_words(second)!r} overlap")
    return found


def _app():  # type: ignore[no-untyped-def]
    from kivy.app import App

    return App.get_running_app()


def _words(widget: Widget) -> str:
    return " ".join(
        w.text
        for w in widget.walk(restrict=True)
        if isinstance(w, Label) and w.text and not isinstance(w, Icon)
    )


def _has_words_beside(icon: Icon) -> bool:
    return bool(icon.parent is not None and _words(icon.parent).strip())


@pytest.mark.parametrize("size", [LANDSCAPE, PORTRAIT], ids=["landscape", "portrait"])
def test_every_screen_in_every_language(
    start_kiosk: Start, tmp_path: Path, size: tuple[int, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = settings_from(around_the_clock_toml())
    printer = BreakablePrinter(settings.printer, tmp_path / "printed")
    kiosk = start_kiosk(settings, printer=printer, size=size)
    orientation = "landscape" if size == LANDSCAPE else "portrait"
    leftovers = {language: english_leftovers(language) for language in LANGUAGES}
    visited: list[str] = []
    found: list[str] = []
    with unlimited_frames():
        for name in tour(kiosk, printer, monkeypatch):
            visited.append(name)
            found += look_at(name, orientation, size, leftovers)
    assert visited == list(SCREENS)
    assert found == [], "\n".join(found)


def look_at(
    name: str, orientation: str, size: tuple[int, int], leftovers: dict[str, set[str]]
) -> list[str]:
    """Screenshot the screen in each language and measure it; what is wrong, one line each."""
    app = _app()
    found: list[str] = []
    for language in LANGUAGES:
        app.set_language(language)
        settle(app)
        path = screenshot(ARTIFACTS / orientation / f"{name}-{language}.png")
        image = Image.open(path)
        assert image.size == size
        # Nothing on the kiosk is pure black: black means part of the window is not drawn.
        small = image.convert("L").resize((size[0] // 10, size[1] // 10))
        black = small.histogram()[0] / (small.width * small.height)
        where = f"{orientation} {name} {language}"
        if black > 0.01:
            found.append(f"{where}: {black:.0%} of it is not drawn")
        found += [f"{where}: {p}" for p in problems_on_screen(language, leftovers[language])]
    app.set_language("fi")
    settle(app)
    return found


def test_body_text_really_is_five_millimetres_tall_on_the_panel(kiosk: Kiosk) -> None:
    """Render a capital H at the body size and measure its ink, rather than trust the font's
    metrics table."""
    app = kiosk.app
    label = CoreLabel(text="H", font_size=app.font_body)
    label.refresh()
    texture = label.texture
    pixels = texture.pixels  # RGBA, rows bottom to top
    width, height = texture.size
    rows = [
        y for y in range(height) if any(pixels[(y * width + x) * 4 + 3] > 128 for x in range(width))
    ]
    ink_mm = (max(rows) - min(rows) + 1) / app.px_per_mm
    assert ink_mm >= MIN_BODY_TEXT_MM
    assert ink_mm == pytest.approx(app.font_body * CAP_HEIGHT_PER_EM / app.px_per_mm, abs=0.3)


@pytest.mark.parametrize("size", [LANDSCAPE, PORTRAIT], ids=["landscape", "portrait"])
def test_home_at_night_with_every_service_closed(start_kiosk: Start, size: tuple[int, int]) -> None:
    # Tuesday 22:00 in Helsinki: both services closed, and help with them (nobody is there).
    night = datetime(2026, 11, 24, 20, 0, tzinfo=UTC)
    kiosk = start_kiosk(settings_from(default_toml()), at=night, size=size)
    orientation = "landscape" if size == LANDSCAPE else "portrait"
    found: list[str] = []
    for language in LANGUAGES:
        kiosk.app.set_language(language)
        settle(kiosk.app)
        screenshot(ARTIFACTS / orientation / f"home-night-{language}.png")
        found += problems_on_screen(language, english_leftovers(language))
    assert found == [], "\n".join(found)
    kiosk.app.set_language("en")
    settle(kiosk.app)
    shown = [label.text for label in labels()]
    assert "Medication dispensing: closed now" in shown
    assert "Opens tomorrow at 07:30" in shown and "Opens tomorrow at 08:00" in shown
    assert "Take a number" not in shown
    # The help tile stays where it was, saying when the clinic opens; a tap explains calmly.
    assert "Help with an application" in shown and "Closed now" in shown
    assert "Ask for help" not in shown
    tap("Help with an application", kiosk.app)
    assert kiosk.app.current == "service_closed"
    shown = [label.text for label in labels()]
    assert "Help with an application: closed now" in shown and "Tomorrow at 07:30" in shown
    assert "You can ask for help when it opens." in shown
    screenshot(ARTIFACTS / orientation / "help-closed-en.png")

"""The console's statistics view, for real under Xvfb, on the known week of
tests/statistics_data.py: it opens on this week, steps and switches periods by key and by
touch, draws every chart the charts module lists (off the main loop, shown as textures), and
saves CSV files that read back with the hand-counted figures, the same after the purge."""

from __future__ import annotations

import csv
import io
from datetime import date, timedelta
from pathlib import Path

import pytest

from kiosk.core.statistics_period import StatisticsPeriod
from kiosk.services import retention, staff_auth
from kiosk.services.statistics_tables import TABLES
from kiosk.settings.schema import LANGUAGES, Settings
from kiosk.ui import chart_drawing, charts
from tests.statistics_data import MONDAY, TODAY, local, make_the_week
from tests.support import CLI, STAFF_PIN, add_staff, around_the_clock_toml, settings_from
from tests.ui import test_screens
from tests.ui.conftest import LANDSCAPE, PORTRAIT, Console, Start, StartConsole
from tests.ui.driver import press, settle, tap, type_text
from tests.ui.test_screens import english_leftovers, look_at, unlimited_frames

pytestmark = pytest.mark.ui

KEY_LEFT, KEY_RIGHT, KEY_ENTER, KEY_F5 = 276, 275, 13, 286
NEXT_SUMMER = local(date(2027, 6, 14), "09:00")


def exporting_to(folder: Path) -> Settings:
    settings = settings_from(around_the_clock_toml())
    console = settings.console.model_copy(update={"export_dir": str(folder)})
    return settings.model_copy(update={"console": console})


def statistics_view(start_console: StartConsole, exports: Path) -> Console:
    """The known week on record, "today" Tuesday 24th; Anna logged in and on the view (Ctrl+6)."""
    console = start_console(exporting_to(exports))
    make_the_week(console.ctx, console.clock)
    add_staff(console.ctx, "anna")
    console.app.log_in(staff_auth.authenticate(console.ctx, "anna", STAFF_PIN))
    settle(console.app)
    press("6", ctrl=True)
    settle(console.app)
    assert console.app.current == "console_statistics"
    return console


def read_csv(path: Path) -> list[dict[str, str]]:
    text = path.read_bytes().decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text), delimiter=";"))


def test_it_draws_every_listed_chart_and_saves_csv_that_reads_back_the_same_after_the_purge(
    start_console: StartConsole, tmp_path: Path
) -> None:
    console = statistics_view(start_console, tmp_path / "exports")
    view = console.app.current_screen
    assert view.period == StatisticsPeriod.week_of(TODAY)  # this week, to begin with
    assert view.drawn_charts() == list(charts.CHARTS)
    for picture in view._pictures.values():
        assert picture.texture is not None and picture.texture.size == (960, 540)

    press(KEY_LEFT)
    settle(console.app)
    assert view.period == StatisticsPeriod.week_of(MONDAY)
    assert view.drawn_charts() == list(charts.CHARTS)
    assert "Viikko 47/2026" in view.period_words

    press("e")
    settle(console.app)
    folder = tmp_path / "exports" / "aula-statistics-2026-W47"
    assert view.message == f"Tallennettu {len(TABLES)} CSV-tiedostoa kansioon {folder}"
    assert sorted(p.name for p in folder.iterdir()) == sorted(f"{n}.csv" for n in TABLES)
    services = {row["service"]: row for row in read_csv(folder / "services.csv")}
    assert (services["A"]["taken"], services["A"]["median_wait_min"]) == ("6", "7")
    assert (services["A"]["p90_wait_min"], services["B"]["median_wait_min"]) == ("30", "15")
    hours = {row["hour"]: row["taken_all"] for row in read_csv(folder / "hours.csv")}
    assert (hours["07"], hours["08"], hours["09"], hours["10"]) == ("2", "3", "2", "2")
    help_rows = {row["topic"]: row for row in read_csv(folder / "help.csv")}
    assert (help_rows["ALL"]["opened"], help_rows["ALL"]["p90_min_to_done"]) == ("5", "1500")
    before = {p.name: p.read_bytes() for p in folder.iterdir()}

    # Next summer every ticket and help request of the week is gone; the figures are not.
    console.clock.set(NEXT_SUMMER)
    assert retention.purge(console.ctx, by=CLI).tickets == 9
    press(KEY_F5)
    settle(console.app)
    assert view.drawn_charts() == list(charts.CHARTS)
    press("e")
    settle(console.app)
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before


def test_the_period_is_chosen_by_key_and_by_touch(
    start_console: StartConsole, tmp_path: Path
) -> None:
    console = statistics_view(start_console, tmp_path)
    app, view = console.app, console.app.current_screen
    press("m")
    settle(app)
    assert view.period == StatisticsPeriod.month_of(TODAY)
    press(KEY_LEFT)
    settle(app)
    assert view.period.label == "2026-10"
    press("d")
    settle(app)
    assert view.period == StatisticsPeriod.day(date(2026, 10, 1))
    press("t")
    settle(app)
    assert view.period == StatisticsPeriod.day(TODAY)
    tap(view.ids.earlier, app)
    assert view.period == StatisticsPeriod.day(TODAY - timedelta(days=1))
    tap(view.ids.week, app)
    assert view.period == StatisticsPeriod.week_of(TODAY)

    # A range: typed on the keyboard, or stepped a day at a time by touch.
    press("r")
    settle(app)
    view.ids.first.focus = True
    view.ids.first.text = ""
    type_text("1.11.2026")
    assert view.period.kind == "range"  # the letters went into the field, not to the keys
    view.ids.last.text = "2026-11-30"
    view.ids.last.dispatch("on_text_validate")
    settle(app)
    assert view.period == StatisticsPeriod.between(date(2026, 11, 1), date(2026, 11, 30))
    view.ids.first.focus = False
    tap(view.ids.first_later, app)
    tap(view.ids.last_earlier, app)
    assert view.period == StatisticsPeriod.between(date(2026, 11, 2), date(2026, 11, 29))

    view.ids.last.text = "1.13.2026"
    view.typed_range()
    assert view.problem and "24.11.2026" in view.message
    view.ids.last.text = "31.10.2026"
    view.typed_range()
    assert view.problem and "alkupäivän pitää olla ennen loppupäivää" in view.message
    assert view.period.last == date(2026, 11, 29)  # what was shown stays


def test_a_chart_added_to_the_charts_module_appears_in_the_view(
    start_console: StartConsole, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another chart (issue 10 adds one for feedback) needs no change to the view."""
    monkeypatch.setattr(charts, "CHARTS", (*charts.CHARTS, "hours-again"))
    monkeypatch.setitem(chart_drawing.DRAWINGS, "hours-again", chart_drawing.DRAWINGS["hours"])
    console = statistics_view(start_console, tmp_path)
    assert console.app.current_screen.drawn_charts()[-1] == "hours-again"


def test_screenshots_of_the_statistics_view(
    start_console: StartConsole, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Each language redraws every chart: on a busy test machine that takes longer than the 10 s
    # a screen is given to settle.
    monkeypatch.setattr(test_screens, "settle", lambda app: settle(app, timeout=60))
    console = statistics_view(start_console, tmp_path / "exports")
    leftovers = {language: english_leftovers(language) for language in LANGUAGES}
    found: list[str] = []
    with unlimited_frames():
        press(KEY_LEFT)
        settle(console.app, timeout=60)
        found += look_at("statistics-week", "console-pc", LANDSCAPE, leftovers)
        press("r")
        settle(console.app, timeout=60)
        press("e")
        settle(console.app)
        found += look_at("statistics-range-saved", "console-pc", LANDSCAPE, leftovers)
    assert found == [], "\n".join(found)


def test_screenshots_of_the_statistics_view_inside_the_kiosk(
    start_kiosk: Start, monkeypatch: pytest.MonkeyPatch
) -> None:
    """At the kiosk, after the hidden gesture, in portrait: one chart a row, touch alone."""
    monkeypatch.setattr(test_screens, "settle", lambda app: settle(app, timeout=60))
    kiosk = start_kiosk(size=PORTRAIT)
    make_the_week(kiosk.ctx, kiosk.clock)
    add_staff(kiosk.ctx, "anna")
    kiosk.app.log_in(staff_auth.authenticate(kiosk.ctx, "anna", STAFF_PIN))
    kiosk.app.show("console_statistics")
    settle(kiosk.app, timeout=60)
    view = kiosk.app.current_screen
    tap(view.ids.range, kiosk.app)
    tap(view.ids.first_earlier, kiosk.app)
    settle(kiosk.app, timeout=60)
    assert view.period == StatisticsPeriod.between(date(2026, 11, 22), date(2026, 11, 29))
    assert view.drawn_charts() == list(charts.CHARTS)
    leftovers = {language: english_leftovers(language) for language in LANGUAGES}
    with unlimited_frames():
        found = look_at("statistics-range", "console-kiosk-portrait", PORTRAIT, leftovers)
    assert found == [], "\n".join(found)

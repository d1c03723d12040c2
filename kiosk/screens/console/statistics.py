"""Statistics, for staff: a day, an ISO week, a month or a range of days, drawn as the charts the
charts module lists (kiosk.ui.charts.CHARTS), and saved as CSV files on this computer.

The period: Day (D), Week (W), Month (M) or Range (R), with Earlier (Left) and Later (Right)
stepping by the period's own length, and Today (T) going back to the one that holds today (from
a range, to this week). It opens on this week. A range's first and last day are typed (24.11.2026 or 2026-11-24) or
stepped a day at a time with the buttons beside them, so a finger alone can set one too.

The figures are read on the background runner; the charts are drawn on a thread of their own,
one after the other (matplotlib takes a fraction of a second each), so neither the main loop
nor the database thread waits on them; each is shown as a texture as soon as it is drawn. A
chart drawn for a period or a language no longer shown is thrown away.

Every chart in CHARTS is drawn and every table in statistics_tables.TABLES is exported, so a
chart or table added there appears here with nothing to change. The figures do not follow
`app.live`: a re-read redraws every chart, which is too heavy to do on every commit in a busy
lounge; Refresh (F5) reads today's figures so far again.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import date, timedelta
from functools import partial
from typing import Any

from babel.dates import format_date
from kivy.core.image import Image as CoreImage
from kivy.properties import BooleanProperty, ObjectProperty, StringProperty
from kivy.uix.floatlayout import FloatLayout
from kivy.uix.stacklayout import StackLayout

from kiosk.core.statistics_period import PeriodKind, StatisticsPeriod
from kiosk.errors import KioskError
from kiosk.services import statistics
from kiosk.services.statistics_export import ExportedFiles, export_folder, write_csv_files
from kiosk.services.statistics_views import Statistics
from kiosk.ui import charts
from kiosk.ui.charts import ChartSize, chart_png
from kiosk.ui.console_screen import ConsoleScreen
from kiosk.ui.i18n import tr
from kiosk.ui.keys import KEY_ENTER, KEY_F5, KEY_LEFT, KEY_RIGHT
from kiosk.ui.typed_day import HOW_TO_TYPE_DAYS, parse_typed_days

KINDS: dict[str, PeriodKind] = {"d": "day", "w": "week", "m": "month", "r": "range"}
# A chart's picture: 16:9, about the size it is shown at in half a staff PC's screen; a larger
# one takes longer to draw than it gains in sharpness.
CHART_SIZE = ChartSize(960, 540)
# One drawing thread for every statistics view: charts come one after another, in order.
_drawing = ThreadPoolExecutor(max_workers=1, thread_name_prefix="kiosk-charts")


def stepped(period: StatisticsPeriod, steps: int) -> StatisticsPeriod:
    """The period `steps` lengths earlier (negative) or later."""
    match period.kind:
        case "day":
            return StatisticsPeriod.day(period.first + timedelta(days=steps))
        case "week":
            return StatisticsPeriod.week_of(period.first + timedelta(weeks=steps))
        case "month":
            months = period.first.year * 12 + period.first.month - 1 + steps
            return StatisticsPeriod.month_of(date(months // 12, months % 12 + 1, 1))
    length = timedelta(days=(period.last - period.first).days + 1)
    return StatisticsPeriod.between(period.first + length * steps, period.last + length * steps)


def as_kind(period: StatisticsPeriod, kind: PeriodKind, today: date) -> StatisticsPeriod:
    """`kind` around where `period` is: the week, month or day of its first day (today's, if
    it holds today); a range keeps the days shown."""
    if kind == "range":
        return StatisticsPeriod.between(period.first, period.last)
    anchor = today if period.first <= today <= period.last else period.first
    if kind == "day":
        return StatisticsPeriod.day(anchor)
    return StatisticsPeriod.week_of(anchor) if kind == "week" else StatisticsPeriod.month_of(anchor)


class ChartPicture(FloatLayout):
    """One chart; until drawn, words say it is on its way."""

    kind = StringProperty("")
    texture = ObjectProperty(None, allownone=True)
    waiting = BooleanProperty(True)


class RangeDays(StackLayout):
    """The range's first and last day, shown only for a range. Hidden, it takes no room and no
    touch: its buttons would otherwise answer a finger meant for what is drawn over them."""

    shown = BooleanProperty(False)

    def on_touch_down(self, touch: Any) -> bool:
        return bool(self.shown and super().on_touch_down(touch))


class ConsoleStatisticsScreen(ConsoleScreen):
    period = ObjectProperty(None, allownone=True)
    period_words = StringProperty("")
    message = StringProperty("")
    problem = BooleanProperty(False)
    first_text = StringProperty("")
    last_text = StringProperty("")

    def __init__(self, **kwargs: Any) -> None:
        self._stats: Statistics | None = None
        self._pictures: dict[str, ChartPicture] = {}
        self._drawn_for: tuple[str, str] | None = None
        self._words: Callable[[], str] | None = None
        super().__init__(**kwargs)
        tr.bind(language=self._language_changed)

    def on_kv_post(self, _base_widget: Any) -> None:
        # Read when the view is built, so a chart added to the list needs nothing here.
        for kind in charts.CHARTS:
            picture = ChartPicture(kind=kind)
            self._pictures[kind] = picture
            self.ids.charts.add_widget(picture)

    def prepare(self, **kwargs: Any) -> None:
        super().prepare(**kwargs)
        self._quiet()
        if self.period is None:
            self.period = StatisticsPeriod.week_of(self.app.ctx.today())

    def on_enter(self, *args: Any) -> None:
        super().on_enter(*args)
        self.refresh()

    # --- the period ---------------------------------------------------------------------------

    def on_period(self, *_args: Any) -> None:
        period = self.period
        self.period_words = self._words_for(period)
        self.first_text = period.first.strftime("%d.%m.%Y")
        self.last_text = period.last.strftime("%d.%m.%Y")

    def choose_kind(self, kind: PeriodKind) -> None:
        self._show_period(as_kind(self.period, kind, self.app.ctx.today()))

    def step(self, steps: int) -> None:
        self._show_period(stepped(self.period, steps))

    def to_today(self) -> None:
        today = self.app.ctx.today()
        kind = self.period.kind
        if kind == "range":
            self._show_period(StatisticsPeriod.week_of(today))
        else:
            self._show_period(as_kind(StatisticsPeriod.day(today), kind, today))

    def step_end(self, end: str, days: int) -> None:
        """A range's first or last day a day earlier or later (touch)."""
        first, last = self.period.first, self.period.last
        if end == "first":
            first += timedelta(days=days)
        else:
            last += timedelta(days=days)
        self._set_range(first, last)

    def typed_range(self) -> None:
        """The range's days as typed (Enter in either field)."""
        days = parse_typed_days(self.ids.first.text, self.ids.last.text)
        if days is None:
            self._say(lambda: tr._(HOW_TO_TYPE_DAYS), problem=True)
            return
        self._set_range(*days)

    def _set_range(self, first: date, last: date) -> None:
        try:
            self._show_period(StatisticsPeriod.between(first, last))
        except KioskError as error:
            self._say_refusal(error)

    def _show_period(self, period: StatisticsPeriod) -> None:
        if period == self.period:
            return
        self.period = period
        self._quiet()
        self.refresh()

    def _words_for(self, period: StatisticsPeriod) -> str:
        locale = tr.babel_locale

        def day(on: date) -> str:
            return format_date(on, "d.M.yyyy", locale=locale)

        match period.kind:
            case "day":
                words = format_date(period.first, "EEEE d.M.yyyy", locale=locale)
            case "week":
                year, week, _ = period.first.isocalendar()
                words = tr._("Week {week}/{year}: {first} – {last}").format(
                    week=week, year=year, first=day(period.first), last=day(period.last)
                )
            case "month":
                words = format_date(period.first, "LLLL yyyy", locale=locale)
            case _:
                words = f"{day(period.first)} – {day(period.last)}"
        return words[:1].upper() + words[1:]

    # --- reading and drawing ------------------------------------------------------------------

    def refresh(self) -> None:
        if not self.app.staff.logged_in or self.period is None:
            return
        ctx, by, period = self.app.ctx, self.by, self.period
        self._stats, self._drawn_for = None, None
        for picture in self._pictures.values():
            picture.texture, picture.waiting = None, True
        self.ask(
            lambda: statistics.for_period(ctx, period, by=by),
            self._read,
            self._say_refusal,
            lock=False,
        )

    def _read(self, stats: Statistics) -> None:
        if self.period is None or stats.period != self.period.label:
            return  # another period was chosen meanwhile; its own read is on its way
        self._stats = stats
        self._draw()

    def _language_changed(self, *_args: Any) -> None:
        if self._words is not None:
            self.message = self._words()
        if self.period is not None:
            self.period_words = self._words_for(self.period)
        if self._stats is not None:
            self._draw()

    def _draw(self) -> None:
        stats, settings, language = self._stats, self.app.settings, tr.language
        assert stats is not None
        wanted = (stats.period, language)
        if self._drawn_for == wanted:
            return
        self._drawn_for = wanted
        for kind, picture in self._pictures.items():
            picture.waiting = True
            future = _drawing.submit(
                chart_png, stats, kind, settings=settings, language=language, size=CHART_SIZE
            )
            self.ask(future, partial(self._drawn, wanted, kind), self._say_refusal, lock=False)

    def _drawn(self, wanted: tuple[str, str], kind: str, png: bytes) -> None:
        if wanted != self._drawn_for:
            return
        picture = self._pictures[kind]
        picture.texture = CoreImage(io.BytesIO(png), ext="png").texture
        picture.waiting = False

    def drawn_charts(self) -> list[str]:
        """The charts shown now, in order."""
        return [kind for kind, picture in self._pictures.items() if not picture.waiting]

    # --- exporting ----------------------------------------------------------------------------

    def export(self) -> None:
        stats = self._stats
        if stats is None:
            self._say(lambda: tr._("The figures are still being read. Try again in a moment."))
            return
        folder = export_folder(self.app.settings)
        self.ask(lambda: write_csv_files(stats, folder), self._exported, self._say_refusal)

    def _exported(self, exported: ExportedFiles) -> None:
        count = len(exported.files)
        self._say(
            lambda: tr.ngettext(
                "Saved {count} CSV file in the folder {folder}",
                "Saved {count} CSV files in the folder {folder}",
                count,
            ).format(count=count, folder=exported.folder)
        )

    # --- words and keys -----------------------------------------------------------------------

    def _say(self, words: Callable[[], str], *, problem: bool = False) -> None:
        """Show the words `words()` gives, said again in each language chosen while shown."""
        self._words = words
        self.message, self.problem = words(), problem

    def _quiet(self) -> None:
        self._words = None
        self.message, self.problem = "", False

    def _say_refusal(self, error: Exception) -> None:
        if not isinstance(error, KioskError):
            self.app.log_problem(self.name, error)
        self._say(lambda: self.refusal_words(error), problem=True)

    def key_pressed(self, key: int, character: str, modifiers: list[str]) -> bool:
        if self.ids.first.focus or self.ids.last.focus:
            return False  # the letters are the range's own
        if character in KINDS:
            self.choose_kind(KINDS[character])
        elif key == KEY_LEFT:
            self.step(-1)
        elif key == KEY_RIGHT:
            self.step(1)
        elif character == "t":
            self.to_today()
        elif character == "e":
            self.export()
        elif key == KEY_F5:
            self.refresh()
        elif key in KEY_ENTER and self.period.kind == "range":
            self.typed_range()
        else:
            return False
        return True

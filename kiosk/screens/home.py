"""Home: one large tile per open service, a help tile, the numbers being served, today's
activities in one small line, languages.

The strip shows the numbers called to the windows and the help requests called to the help
desks alike: "A017 → window 2", "H003 → Lift computer", codes and places only.

The counts come from the database on the background runner whenever it changed (`app.live`),
so a number called anywhere is on the strip within a second, and once a minute for what the
clock alone changes: a service opening or closing, the wait estimates. Tiles are built once per
set of open services and then only their words change, so a kiosk that runs for months does not
pile up widgets.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from kivy.clock import Clock
from kivy.core.text.markup import MarkupLabel
from kivy.properties import BooleanProperty, ListProperty, NumericProperty, StringProperty
from kivy.uix.boxlayout import BoxLayout
from kivy.utils import escape_markup

from kiosk.core.codes import HELP_PREFIX
from kiosk.devices.states import PrinterState
from kiosk.services.activities import TodaysActivity, todays_activities
from kiosk.services.lounge_overview import lounge_overview
from kiosk.services.views import LoungeOverview, NowServing
from kiosk.ui import theme
from kiosk.ui.formatting import (
    Day,
    activity_time,
    capitalised,
    clock_time,
    opening_day,
    which_day,
)
from kiosk.ui.i18n import N_, tr
from kiosk.ui.icons import ICON_FONT, glyph
from kiosk.ui.queue_words import people_waiting
from kiosk.ui.screen import KioskScreen
from kiosk.ui.widgets import Tile, discard

CLOCK_REFRESH_SECONDS = 60.0
ENTRY_GAP = "      "
# The newest call on the "now serving" strip: a bell before it, bold, and larger than the
# others, which are drawn a little smaller so that every window's number still fits.
NEWEST_MARKER = "bell-ring"
NEWEST_SCALE = 1.1
OTHERS_SCALE = 0.9


def opening_words(opens: datetime | None, now: datetime, zone: ZoneInfo) -> str:
    """'Opens today at 11.00', 'Opens tomorrow at 7.30', 'Opens Wednesday 25.11. at 7.30'."""
    if opens is None:
        return tr._("Ask staff when it opens.")
    time = clock_time(opens, zone, tr.babel_locale)
    day = which_day(opens, now, zone)
    if day is Day.TODAY:
        return tr._("Opens today at {time}").format(time=time)
    if day is Day.TOMORROW:
        return tr._("Opens tomorrow at {time}").format(time=time)
    weekday = opening_day(opens, zone, tr.babel_locale)
    return capitalised(tr._("Opens {day} at {time}").format(day=weekday, time=time))


# What clients are told about the printer. Staff see the printer's own detail in their panel.
_NOT_WORKING = N_("The printer is not working. You can still take a number. Remember your number.")
PRINTER_NOTICES = {
    PrinterState.PAPER_LOW: N_("The printer paper is running low. Staff have been told."),
    PrinterState.PAPER_OUT: _NOT_WORKING,
    PrinterState.COVER_OPEN: _NOT_WORKING,
    PrinterState.OFFLINE: _NOT_WORKING,
    PrinterState.DISCONNECTED: _NOT_WORKING,
}


class ServiceTile(Tile):
    title = StringProperty("")
    action = StringProperty("")
    detail = StringProperty("")
    service = StringProperty("")
    is_open = BooleanProperty(True)


class ClosedTile(Tile):
    title = StringProperty("")
    detail = StringProperty("")
    service = StringProperty("")


class NowServingStrip(BoxLayout):
    """The number called last at each window, newest first, as many as fit whole: a number cut
    in half ("A0…") would send someone to the window at the wrong time. A portrait screen is
    narrow but tall, so there the numbers take `lines` rows rather than dropping some.

    The newest call is marked in more ways than colour: a bell before it, larger, and bold
    throughout, while the others are plain but for their number."""

    entries = ListProperty()  # (code, where) pairs, newest first: ("A004", "luukku 2")
    empty_text = StringProperty("")
    items = StringProperty("")
    called = BooleanProperty(False)
    lines = NumericProperty(1)

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._fit_trigger = Clock.create_trigger(self._fit)
        self.bind(
            entries=self._fit_trigger,
            empty_text=self._fit_trigger,
            size=self._fit_trigger,
            lines=self._fit_trigger,
        )

    def on_kv_post(self, _base_widget: Any) -> None:
        # The numbers' room changes with the heading's words too ("Nyt vuorossa", "Now
        # serving"), not only with the strip's size.
        self.ids.numbers.bind(width=self._fit_trigger, font_size=self._fit_trigger)

    def _fit(self, *_args: Any) -> None:
        self.called = bool(self.entries)
        if not self.entries:
            self.items = self.empty_text
            return
        label = self.ids.numbers
        marked = [
            self.markup(code, where, newest=index == 0, font_size=label.font_size)
            for index, (code, where) in enumerate(self.entries)
        ]
        rows: list[list[str]] = [[]]
        for entry in marked:
            if rows[-1] and not self._fits(ENTRY_GAP.join([*rows[-1], entry]), label):
                if len(rows) == self.lines:
                    break
                rows.append([])
            rows[-1].append(entry)
        self.items = "\n".join(ENTRY_GAP.join(row) for row in rows)

    @staticmethod
    def markup(code: str, where: str, *, newest: bool, font_size: float) -> str:
        arrow = f"[font={ICON_FONT}]{glyph('arrow-right-bold')}[/font]"
        number = f"[color={theme.to_hex(theme.STRIP_NUMBER)}]{escape_markup(code)}[/color]"
        words = escape_markup(where)
        if not newest:
            size = round(font_size * OTHERS_SCALE)
            return f"[size={size}][b]{number}[/b] {arrow} {words}[/size]"
        bell = f"[font={ICON_FONT}]{glyph(NEWEST_MARKER)}[/font]"
        size = round(font_size * NEWEST_SCALE)
        return f"[size={size}][b]{bell} {number} {arrow} {words}[/b][/size]"

    @staticmethod
    def _fits(text: str, label: Any) -> bool:
        measure = MarkupLabel(text=text, font_size=label.font_size, markup=True)
        measure.refresh()
        return bool(measure.content_width <= label.width)


class HomeScreen(KioskScreen):
    returns_home_when_idle = False
    printer_notice = StringProperty("")
    worker_entry = BooleanProperty(False)
    # Today's activities, small, on one line: "13.00 Vertaisryhmä · Kahvi on valmis".
    activities_text = StringProperty("")

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._data: LoungeOverview | None = None
        self._activities: list[TodaysActivity] = []
        self._layout_key: tuple[Any, ...] = ()
        self._service_tiles: dict[str, ServiceTile] = {}
        self._closed_tiles: dict[str, ClosedTile] = {}
        self._refresh_event: Any = None
        tr.bind(language=self._redraw)
        self.app.bind(printer_state=self._redraw)
        self.worker_entry = self.app.has_screen("worker_sign_in")

    def on_kv_post(self, _base_widget: Any) -> None:
        # ids are weak: hold the help tile while the service tiles around it are rebuilt.
        self._help_tile: ServiceTile = self.ids.help_tile.__self__

    def on_enter(self, *_args: Any) -> None:
        self.refresh()
        self.app.live.subscribe(self.refresh)
        self._refresh_event = Clock.schedule_interval(
            lambda _dt: self.refresh(), CLOCK_REFRESH_SECONDS
        )

    def on_leave(self, *_args: Any) -> None:
        self.app.live.unsubscribe(self.refresh)
        if self._refresh_event is not None:
            self._refresh_event.cancel()
            self._refresh_event = None

    def refresh(self) -> None:
        ctx = self.app.ctx
        # A quiet read: the tiles stay usable, and an answer after home was left is dropped.
        self.ask(
            lambda: (lounge_overview(ctx), todays_activities(ctx)),
            self._arrived,
            self._failed,
            lock=False,
        )

    def _arrived(self, data: tuple[LoungeOverview, list[TodaysActivity]]) -> None:
        self._data, self._activities = data
        self._redraw()

    def _failed(self, error: Exception) -> None:
        # The tiles keep their last counts; the next refresh tries again.
        self.app.log_problem("home refresh", error)

    def take_number(self, tile: ServiceTile | ClosedTile) -> None:
        self.app.show("take_number", service=tile.service)

    def ask_for_help(self) -> None:
        data = self._data
        if data is not None and not data.help.open_now:
            self.app.show("service_closed", service=HELP_PREFIX, opens_at=data.help.opens_next)
        else:
            self.app.show("help_topic")

    def worker_sign_in(self) -> None:
        self.app.show("worker_sign_in")

    def _redraw(self, *_args: Any) -> None:
        state = self.app.printer_state
        notice = PRINTER_NOTICES.get(PrinterState(state)) if state else None
        self.printer_notice = tr._(notice) if notice else ""
        if self._data is None:
            return
        self._place_tiles(self._data)
        self._fill_tiles(self._data)
        self._fill_strip(self._data.now_serving)
        self.activities_text = "   ·   ".join(
            f"{activity_time(a.at, tr.babel_locale)} {a.text(tr.language)}"
            if a.at
            else a.text(tr.language)
            for a in self._activities
        )

    def _place_tiles(self, data: LoungeOverview) -> None:
        key = tuple((q.service, q.open_now) for q in data.queues)
        if key == self._layout_key:
            return
        self._layout_key = key
        tiles, closed = self.ids.tiles, self.ids.closed
        tiles.remove_widget(self._help_tile)
        for widget in [*tiles.children, *closed.children]:
            discard(widget)
        self._service_tiles.clear()
        self._closed_tiles.clear()
        for queue in data.queues:
            if queue.open_now:
                service = self.app.settings.service(queue.service)
                tile = ServiceTile(service=queue.service, icon=service.icon if service else "")
                tile.bind(on_release=self.take_number)
                self._service_tiles[queue.service] = tile
                tiles.add_widget(tile)
            else:
                small = ClosedTile(service=queue.service)
                small.bind(on_release=self.take_number)
                self._closed_tiles[queue.service] = small
                closed.add_widget(small)
        tiles.add_widget(self._help_tile)

    def _fill_tiles(self, data: LoungeOverview) -> None:
        language = tr.language
        now = self.app.ctx.clock.now()
        for queue in data.queues:
            service = self.app.settings.service(queue.service)
            name = service.names.get(language) if service else queue.service
            if queue.service in self._service_tiles:
                tile = self._service_tiles[queue.service]
                tile.title = name
                tile.action = tr._("Take a number")
                tile.detail = people_waiting(queue.waiting, queue.estimated_wait_min)
            elif queue.service in self._closed_tiles:
                small = self._closed_tiles[queue.service]
                small.title = tr._("{service}: closed now").format(service=name)
                small.detail = opening_words(queue.opens_next, now, self.app.settings.clinic.zone)
        help_tile = self._help_tile
        help_tile.is_open = data.help.open_now
        if data.help.open_now:
            help_tile.action = tr._("Ask for help")
            help_tile.detail = people_waiting(data.help.waiting, data.help.estimated_wait_min)
        else:
            help_tile.action = tr._("Closed now")
            help_tile.detail = opening_words(
                data.help.opens_next, now, self.app.settings.clinic.zone
            )

    def _fill_strip(self, serving: list[NowServing]) -> None:
        strip = self.ids.strip
        strip.empty_text = tr._("Numbers show here when they are called.")
        strip.entries = [(item.code, self._where(item)) for item in serving]

    def _where(self, call: NowServing) -> str:
        """ "window 2", or a help desk's name in the screen's language ("Lift computer")."""
        if call.place is None:
            return tr._("window {number}").format(number=call.window)
        place = self.app.settings.help.place(call.place)
        return place.names.get(tr.language) if place else call.place

"""The board: the newest call large and highlighted, the other windows' and desks' calls below
it, and beside them (below them on a portrait TV) the clock, the queues, the peer workers on
duty as a count, and today's activities.

It re-reads the database whenever it changed (`app.live`), so a call made anywhere is on the
board within a second; once a minute for what the clock alone changes (a new day's
activities). A call it has not shown before, or a number called again (a recall: the same code
at a later time), is announced (chime and speech) and the newest one's card lights up: its
frame grows bright once and settles, with no blinking.

When the database cannot be read, one calm line says so and the last numbers stay, greyed; it
tries again every few seconds and recovers by itself.

Called numbers are sized from the screen: in landscape their capital letters and digits are at
least a sixth of the screen's height with up to three calls standing (the newest and two more);
more calls share the column and get smaller.
"""

from __future__ import annotations

import logging
import re
from datetime import datetime
from typing import Any, cast

from kivy.animation import Animation
from kivy.clock import Clock
from kivy.core.text import Label as CoreLabel
from kivy.properties import BooleanProperty, NumericProperty, StringProperty
from kivy.uix.boxlayout import BoxLayout

from kiosk.services.board import BoardView, board_view, fresh_calls
from kiosk.services.views import NowServing
from kiosk.ui import call_words
from kiosk.ui.formatting import activity_time
from kiosk.ui.host import BoardHost
from kiosk.ui.i18n import tr
from kiosk.ui.queue_words import people_waiting
from kiosk.ui.screen import ShellScreen
from kiosk.ui.sizing import CAP_HEIGHT_PER_EM
from kiosk.ui.widgets import discard

log = logging.getLogger(__name__)

CLOCK_REFRESH_SECONDS = 60.0
RETRY_SECONDS = 3.0
# The newest call's card is this many times as tall as another call's row.
NEWEST_WEIGHT = 1.4
# Rows are sized for at least this many other calls, so one or two calls are not drawn huge.
OTHERS_ROOM = 2
# A call's row is about this many font sizes wide ("A017 → 2" with its arrow and margins), so
# its font is at most the column's width divided by it.
CALL_EMS = 4.7
# Capitals at least this share of the screen's height (landscape), for reading from 5 m.
MIN_NUMBER_SHARE = 1 / 6
# The highlight: the frame grows bright in GLOW_IN_S, then settles to GLOW_REST over GLOW_OUT_S.
GLOW_IN_S = 0.6
GLOW_OUT_S = 2.4
GLOW_REST = 0.25
# Kivy's line height for a font size, with a little air; and the share of its room a desk's
# name may fill, as the label's own measure runs a little wider than a trial one.
LINE_HEIGHT = 1.25
FIT_MARGIN = 0.92


def text_width(text: str, font_size: float) -> float:
    label = CoreLabel(text=text, font_size=font_size, bold=True)
    label.refresh()
    return float(label.content_width)


def fitted_where(text: str, font_size: float, width: float, height: float) -> tuple[str, float]:
    """A window's number, or a help desk's name ("Lift computer"), at `font_size` or smaller so
    it fits `width`: on one line, or on two ("Lift" / "computer") where that leaves it larger."""
    if not text or width <= 0:
        return text, font_size
    room = width * FIT_MARGIN
    one_line = min(font_size, font_size * room / text_width(text, font_size))
    best = (text, one_line)
    # Break after a space or a hyphen ("Lift-" / "tietokone").
    words = re.findall(r"[^\s-]+-?", text)
    for cut in range(1, len(words)):
        lines = ["".join(words[:cut]).strip(), "".join(words[cut:]).strip()]
        widest = max(text_width(line, font_size) for line in lines)
        size = min(font_size, font_size * room / widest, height / (2 * LINE_HEIGHT))
        if size > best[1]:
            best = ("\n".join(lines), size)
    return best


class Call(BoxLayout):
    """A call: "A017 → 2". The code keeps its size; a long help desk name gets smaller."""

    code = StringProperty("")
    where = StringProperty("")
    font = NumericProperty(100)
    # The where as drawn: perhaps on two lines, perhaps smaller than the code.
    where_lines = StringProperty("")
    where_font = NumericProperty(100)
    offline = BooleanProperty(False)

    def __init__(self, **kwargs: Any) -> None:
        # Made before the .kv rule runs: on_kv_post binds it.
        self._fit = Clock.create_trigger(self._fit_where)
        super().__init__(**kwargs)
        self.bind(where=self._fit, font=self._fit)

    def on_kv_post(self, _base_widget: Any) -> None:
        self.ids.where_label.bind(size=self._fit)

    def _fit_where(self, *_args: Any) -> None:
        label = self.ids.where_label
        self.where_lines, self.where_font = fitted_where(
            self.where, self.font, label.width, label.height
        )


class CallRow(Call):
    """Another window's or desk's call, below the newest."""


class NewestCall(Call):
    """The newest call, large, with its words ("Now serving") and a frame that lights up."""

    glow = NumericProperty(GLOW_REST)

    def light_up(self) -> None:
        Animation.cancel_all(self, "glow")
        self.glow = 0.0
        animation = Animation(glow=1.0, d=GLOW_IN_S, t="out_cubic") + Animation(
            glow=GLOW_REST, d=GLOW_OUT_S, t="in_out_sine"
        )
        animation.start(self)


class BoardNowServingScreen(ShellScreen):
    returns_home_when_idle = False
    offline = BooleanProperty(False)
    has_calls = BooleanProperty(False)
    number_font = NumericProperty(100)
    newest_font = NumericProperty(120)
    row_height = NumericProperty(100)
    info_font = NumericProperty(40)
    waiting_text = StringProperty("")
    workers_text = StringProperty("")
    activities_text = StringProperty("")

    def __init__(self, **kwargs: Any) -> None:
        # Before the .kv rule runs: on_kv_post binds the sizing, which counts the rows.
        self._data: BoardView | None = None
        # Each call shown (code → when it was called); None until the first read, whose calls
        # are shown but not announced: they were called before the board started.
        self._seen: dict[str, datetime] | None = None
        self._rows: list[CallRow] = []
        self._refresh_event: Any = None
        self._retry_event: Any = None
        super().__init__(**kwargs)
        tr.bind(language=self._redraw)

    @property
    def app(self) -> BoardHost:
        return cast(BoardHost, self._app)

    def on_kv_post(self, _base_widget: Any) -> None:
        self.ids.calls.bind(size=self._size_numbers)

    def on_enter(self, *_args: Any) -> None:
        self.refresh()
        self.app.live.subscribe(self.refresh)
        self._refresh_event = Clock.schedule_interval(
            lambda _dt: self.refresh(), CLOCK_REFRESH_SECONDS
        )

    def on_leave(self, *_args: Any) -> None:
        self.app.live.unsubscribe(self.refresh)
        for event in (self._refresh_event, self._retry_event):
            if event is not None:
                event.cancel()
        self._refresh_event = self._retry_event = None

    def refresh(self) -> None:
        ctx = self.app.ctx
        self.ask(lambda: board_view(ctx), self._arrived, self._failed, lock=False)

    def _arrived(self, data: BoardView) -> None:
        if self.offline:
            self.offline = False
            log.info("the board reads the queue again")
        if self._retry_event is not None:
            self._retry_event.cancel()
            self._retry_event = None
        fresh = fresh_calls(self._seen, data.now_serving) if self._seen is not None else []
        self._seen = {call.code: call.called_at for call in data.now_serving}
        self._data = data
        self._redraw()
        for call in fresh:
            self.app.announcer.announce(call_words.spoken(call, self.app.settings))
        if fresh:
            self.ids.newest.light_up()

    def _failed(self, error: Exception) -> None:
        if not self.offline:
            self.app.log_problem("the board could not read the queue", error)
            self.offline = True
        if self._retry_event is None:
            self._retry_event = Clock.schedule_interval(lambda _dt: self.refresh(), RETRY_SECONDS)

    # --- drawing --------------------------------------------------------------------------

    def _redraw(self, *_args: Any) -> None:
        data = self._data
        if data is None:
            return
        settings = self.app.settings
        calls = data.now_serving
        self.has_calls = bool(calls)
        newest = self.ids.newest
        if calls:
            newest.code = calls[0].code
            newest.where = call_words.where(calls[0], settings)
        self._fill_others(calls[1:])
        self._size_numbers()
        self.waiting_text = self._waiting_words(data)
        self.workers_text = (
            tr.ngettext(
                "{count} peer worker here today",
                "{count} peer workers here today",
                data.workers_on_duty,
            ).format(count=data.workers_on_duty)
            if data.workers_on_duty
            else ""
        )
        self.activities_text = "\n".join(
            f"{activity_time(a.at, tr.babel_locale)}  {a.text(tr.language)}"
            if a.at
            else a.text(tr.language)
            for a in data.activities
        )

    def _fill_others(self, calls: list[NowServing]) -> None:
        box = self.ids.others
        while len(self._rows) > len(calls):
            row = self._rows.pop()
            self.unbind(offline=row.setter("offline"), row_height=row.setter("height"))
            self.unbind(number_font=row.setter("font"))
            discard(row)
        while len(self._rows) < len(calls):
            row = CallRow(size_hint_y=None, height=self.row_height, font=self.number_font)
            row.offline = self.offline
            self.bind(offline=row.setter("offline"), row_height=row.setter("height"))
            self.bind(number_font=row.setter("font"))
            self._rows.append(row)
            box.add_widget(row)
        for row, call in zip(self._rows, calls, strict=True):
            row.code = call.code
            row.where = call_words.where(call, self.app.settings)

    def _waiting_words(self, data: BoardView) -> str:
        privacy = self.app.settings.clinic.privacy_mode
        lines = []
        for queue in data.queues:
            if not queue.open_now:
                continue
            service = self.app.settings.service(queue.service)
            name = queue.service if privacy or service is None else service.names.get(tr.language)
            lines.append(f"{name}: {people_waiting(queue.waiting, queue.estimated_wait_min)}")
        if data.help.open_now:
            help_name = tr._("Help with applications")
            lines.append(
                f"{help_name}: {people_waiting(data.help.waiting, data.help.estimated_wait_min)}"
            )
        return "\n".join(lines)

    def _size_numbers(self, *_args: Any) -> None:
        """Fonts from the room the calls' column has: every row the same, the newest larger."""
        column = self.ids.calls
        others = max(OTHERS_ROOM, len(self._rows))
        # Between the newest, each other call and the space left below them.
        gaps = column.spacing * (others + 1)
        unit = (column.height - gaps) / (NEWEST_WEIGHT + others)
        self.row_height = unit
        self.number_font = min(unit * 0.9, column.width / CALL_EMS)
        self.newest_font = min(unit * NEWEST_WEIGHT * 0.7, column.width / CALL_EMS)
        self.info_font = min(self.height * 0.04, self.width * 0.038)

    @property
    def number_cap_height(self) -> float:
        """How tall the other calls' capitals are drawn, in pixels (the tests check it)."""
        return float(self.number_font * CAP_HEIGHT_PER_EM)

"""Finishing work: today's hours and the pay period so far; then home by itself.

The lounge screen is public, so euros do not show by themselves: "Show my allowance" shows
today's allowance and the period's for `ALLOWANCE_SHOWN_SECONDS`, then they hide again. The
worker is greeted by number unless the clinic chose names (`peer_work.greet_by_name`).
"""

from __future__ import annotations

from typing import Any

from kivy.clock import Clock
from kivy.properties import BooleanProperty, ObjectProperty, StringProperty

from kiosk.services.worker_views import SignOutSummary
from kiosk.ui.countdown_screen import TICK_SECONDS, CountdownScreen
from kiosk.ui.i18n import tr
from kiosk.ui.worker_words import at_time, duration, euros, greeting_words, period_name

# Long enough to read two amounts, short enough that they are gone before the next person looks.
ALLOWANCE_SHOWN_SECONDS = 8


class WorkerGoodbyeScreen(CountdownScreen):
    summary = ObjectProperty(None, allownone=True)
    title = StringProperty("")
    signed_out = StringProperty("")
    today = StringProperty("")
    period = StringProperty("")
    allowance_shown = BooleanProperty(False)
    allowance = StringProperty("")

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._hide_at = 0.0
        self._hide_event: Any = None
        tr.bind(language=self._words)
        self.bind(allowance_shown=self._words)

    def prepare(self, *, summary: SignOutSummary) -> None:  # type: ignore[override]
        self.summary = summary
        self.allowance_shown = False
        self._words()
        self.start_countdown()

    def on_leave(self, *args: Any) -> None:
        super().on_leave(*args)
        self._hide_allowance()
        self.summary = None

    def toggle_allowance(self) -> None:
        if self.allowance_shown:
            self._hide_allowance()
            return
        self.allowance_shown = True
        self._hide_at = self.app.monotonic() + ALLOWANCE_SHOWN_SECONDS
        self._hide_event = Clock.schedule_interval(self._check_hide, TICK_SECONDS)
        # Time to read the amounts before the screen goes home.
        self.start_countdown()

    def _check_hide(self, _dt: float) -> None:
        if self.app.monotonic() >= self._hide_at:
            self._hide_allowance()

    def _hide_allowance(self) -> None:
        self.allowance_shown = False
        if self._hide_event is not None:
            self._hide_event.cancel()
            self._hide_event = None

    def _words(self, *_args: Any) -> None:
        summary: SignOutSummary | None = self.summary
        if summary is None:
            self.allowance = ""
            return
        zone = self.app.settings.clinic.zone
        self.title = greeting_words(
            self.app.settings,
            summary.number,
            summary.display_name,
            by_name=tr._("Thank you, {name}!"),
            by_number=tr._("Thank you, worker {number}!"),
        )
        self.signed_out = tr._("You finished work at {time}.").format(
            time=at_time(summary.ended_at, zone)
        )
        self.today = tr._("Today: {time}").format(time=duration(summary.today_minutes))
        days = tr.ngettext("{count} day", "{count} days", summary.period_days).format(
            count=summary.period_days
        )
        period = period_name(summary.period)
        self.period = tr._("So far in {period}: {days}, {time}").format(
            period=period, days=days, time=duration(summary.period_minutes)
        )
        if not self.allowance_shown:
            self.allowance = ""
            return
        today = tr._("Allowance today: {amount}").format(amount=euros(summary.today_amount))
        if summary.today_capped:
            today += " " + tr._("(the most for one day)")
        so_far = tr._("Allowance so far in {period}: {amount}").format(
            period=period, amount=euros(summary.period_amount)
        )
        self.allowance = f"{today}\n{so_far}"

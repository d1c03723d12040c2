"""Finishing work: today's hours and allowance, and the pay period so far; then home by itself."""

from __future__ import annotations

from typing import Any

from kivy.properties import ObjectProperty, StringProperty

from kiosk.services.worker_views import SignOutSummary
from kiosk.ui.countdown_screen import CountdownScreen
from kiosk.ui.i18n import tr
from kiosk.ui.worker_words import at_time, duration, euros, period_name


class WorkerGoodbyeScreen(CountdownScreen):
    summary = ObjectProperty(None, allownone=True)
    title = StringProperty("")
    signed_out = StringProperty("")
    today = StringProperty("")
    period = StringProperty("")

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        tr.bind(language=self._words)

    def prepare(self, *, summary: SignOutSummary) -> None:  # type: ignore[override]
        self.summary = summary
        self._words()
        self.start_countdown()

    def on_leave(self, *args: Any) -> None:
        super().on_leave(*args)
        self.summary = None

    def _words(self, *_args: Any) -> None:
        summary: SignOutSummary | None = self.summary
        if summary is None:
            return
        zone = self.app.settings.clinic.zone
        self.title = tr._("Thank you, {name}!").format(name=summary.display_name)
        self.signed_out = tr._("You finished work at {time}.").format(
            time=at_time(summary.ended_at, zone)
        )
        today = tr._("Today: {time}, allowance {amount}").format(
            time=duration(summary.today_minutes), amount=euros(summary.today_amount)
        )
        if summary.today_capped:
            today += " " + tr._("(the most for one day)")
        self.today = today
        days = tr.ngettext("{count} day", "{count} days", summary.period_days).format(
            count=summary.period_days
        )
        self.period = tr._("So far in {period}: {days}, {time}, {amount}").format(
            period=period_name(summary.period),
            days=days,
            time=duration(summary.period_minutes),
            amount=euros(summary.period_amount),
        )

"""Every kiosk's printer, for staff: working, out of paper, its cover open, not ready or not
connected, since when, and what to do about it, in words for whoever goes to the printer.

A printer that cannot print is drawn as a problem, with its own icon and words (never by colour
alone); an alarm for it also shows in the console's alert area with the chime
(kiosk.ui.printer_alerts). A kiosk silent for too long is "not known": its last state may be
long out of date (kiosk.services.printer_state.SILENT_AFTER says why ten minutes).

The states are read again whenever the database changes (`app.live`), and redrawn every few
seconds from the rows held, so a kiosk falling silent shows without a database read.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from kivy.clock import Clock
from kivy.properties import BooleanProperty, StringProperty
from kivy.uix.boxlayout import BoxLayout

from kiosk.errors import KioskError
from kiosk.services import printer_state
from kiosk.services.printer_state import KioskPrinterStatus
from kiosk.ui import printer_words
from kiosk.ui.console_screen import ConsoleScreen
from kiosk.ui.help_request_words import moment
from kiosk.ui.i18n import tr

REDRAWN_S = 5.0


class ConsolePrinterCard(BoxLayout):
    """One kiosk's printer."""

    kind = StringProperty("info")  # a theme.NOTICE_STYLES kind: info, notice or problem
    icon = StringProperty("printer")
    kiosk = StringProperty("")
    state = StringProperty("")
    since = StringProperty("")
    what_to_do = StringProperty("")


class ConsolePrintersScreen(ConsoleScreen):
    message = StringProperty("")
    problem = BooleanProperty(False)
    heading = StringProperty("")

    def __init__(self, **kwargs: Any) -> None:
        # Before the .kv rule runs: on_kv_post fills these.
        self._printers: list[KioskPrinterStatus] = []
        self._redraw: Any = None
        super().__init__(**kwargs)
        tr.bind(language=self._show)

    def prepare(self, **kwargs: Any) -> None:
        super().prepare(**kwargs)
        self.message, self.problem = "", False
        self._show()

    def on_enter(self, *args: Any) -> None:
        super().on_enter(*args)
        self.app.live.subscribe(self.refresh)
        self._redraw = Clock.schedule_interval(lambda _dt: self._show(), REDRAWN_S)
        self.refresh()

    def on_leave(self, *args: Any) -> None:
        super().on_leave(*args)
        self.app.live.unsubscribe(self.refresh)
        if self._redraw is not None:
            self._redraw.cancel()
            self._redraw = None

    def refresh(self) -> None:
        if not self.app.staff.logged_in:
            return
        ctx, by = self.app.ctx, self.by
        self.ask(
            lambda: printer_state.all_printers(ctx, by=by), self._read, self._refused, lock=False
        )

    def _read(self, printers: list[KioskPrinterStatus]) -> None:
        self._printers = printers
        self.message, self.problem = "", False
        self._show()

    def _refused(self, error: Exception) -> None:
        if not isinstance(error, KioskError):
            self.app.log_problem("printers view", error)
        self.message, self.problem = self.refusal_words(error), True

    def _show(self, *_args: Any) -> None:
        if "cards" not in self.ids:
            return
        now = self.app.ctx.clock.now()
        stopped = sum(1 for p in self._printers if p.alarming(now))
        self.heading = tr.ngettext(
            "{count} kiosk printer: {stopped} cannot print",
            "{count} kiosk printers: {stopped} cannot print",
            len(self._printers),
        ).format(count=len(self._printers), stopped=stopped)
        cards = self.ids.cards
        cards.clear_widgets()
        for status in self._printers:
            cards.add_widget(self._card(status, now))
        self.ids.empty.text = (
            "" if self._printers else tr._("No kiosk has reported its printer yet.")
        )

    def _card(self, status: KioskPrinterStatus, now: datetime) -> ConsolePrinterCard:
        settings = self.app.settings
        if status.silent(now):
            return ConsolePrinterCard(
                kind="notice",
                icon=printer_words.SILENT_ICON,
                kiosk=status.kiosk_id,
                state=printer_words.silent_words(),
                since=tr._("Last report at {time}").format(
                    time=moment(status.reported_at, now, settings)
                ),
                what_to_do=printer_words.silent_what_to_do(),
            )
        if status.alarming(now):
            kind = "problem"
        elif status.state == "ok":
            kind = "info"
        else:
            kind = "notice"
        return ConsolePrinterCard(
            kind=kind,
            icon=printer_words.STATE_ICONS.get(status.state, "printer"),
            kiosk=status.kiosk_id,
            state=printer_words.state_words(status.state),
            since=tr._("Since {time}").format(time=moment(status.changed_at, now, settings)),
            what_to_do=printer_words.what_to_do(status.state),
        )

"""A service takes no numbers now: say calmly when it opens again, and offer the way back."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from kivy.properties import ObjectProperty, StringProperty

from kiosk.core.codes import HELP_PREFIX
from kiosk.ui.formatting import Day, capitalised, clock_time, opening_day, which_day
from kiosk.ui.i18n import tr
from kiosk.ui.screen import KioskScreen


class ServiceClosedScreen(KioskScreen):
    service = StringProperty("")
    opens_at = ObjectProperty(None, allownone=True)
    title = StringProperty("")
    hint = StringProperty("")
    when = StringProperty("")

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        tr.bind(language=self._words)
        self.bind(service=self._words, opens_at=self._words)

    def prepare(self, *, service: str, opens_at: datetime | None) -> None:  # type: ignore[override]
        """`service` is a service letter, or the help requests' letter (HELP_PREFIX): help
        with applications is not a service, but it follows the clinic's hours and closes like
        one."""
        self.service = service
        self.opens_at = opens_at
        self._words()

    def _words(self, *_args: Any) -> None:
        settings = self.app.settings
        service = settings.service(self.service)
        if service is not None:
            name = service.names.get(tr.language)
        elif self.service == HELP_PREFIX:
            name = tr._("Help with an application")
        else:
            name = self.service
        self.title = tr._("{service}: closed now").format(service=name)
        opens: datetime | None = self.opens_at
        if opens is None:
            self.hint = ""
        elif self.service == HELP_PREFIX:
            self.hint = tr._("You can ask for help when it opens.")
        else:
            self.hint = tr._("You can take a number when it opens.")
        if opens is None:
            self.when = tr._("Ask staff when it opens.")
            return
        zone = settings.clinic.zone
        time = clock_time(opens, zone, tr.babel_locale)
        day = which_day(opens, self.app.ctx.clock.now(), zone)
        if day is Day.TODAY:
            self.when = tr._("Today at {time}").format(time=time)
        elif day is Day.TOMORROW:
            self.when = tr._("Tomorrow at {time}").format(time=time)
        else:
            weekday = opening_day(opens, zone, tr.babel_locale)
            self.when = capitalised(tr._("{day} at {time}").format(day=weekday, time=time))

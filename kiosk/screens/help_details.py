"""Help with an application, step 2: a few optional ticks, then confirm.

The ticks tell the helper what to prepare for; they are the only things stored with the request
besides its topic. No names, no free text. The confirm button locks while the request is being
made, so a double tap cannot open two requests.
"""

from __future__ import annotations

from typing import Any

from kivy.properties import BooleanProperty, StringProperty

from kiosk.core.codes import HELP_PREFIX
from kiosk.errors import Closed
from kiosk.services import help_requests
from kiosk.services.views import HelpRequestView
from kiosk.ui.i18n import tr
from kiosk.ui.refusals import refusal
from kiosk.ui.screen import KioskScreen


class HelpDetailsScreen(KioskScreen):
    topic = StringProperty("")
    topic_name = StringProperty("")
    topic_icon = StringProperty("help-circle-outline")
    failed = BooleanProperty(False)
    problem = StringProperty("")

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._problem: Exception | None = None
        tr.bind(language=self._words)

    def prepare(self, *, topic: str) -> None:  # type: ignore[override]
        self.topic = topic
        chosen = self.app.settings.help.topic(topic)
        self.topic_icon = chosen.icon if chosen else "help-circle-outline"
        self.failed = False
        self._problem = None
        for box in (self.ids.credentials, self.ids.documents, self.ids.interpreter):
            box.active = False
        self._words()

    def confirm(self) -> None:
        self.failed = False
        self._problem = None
        ctx, kiosk_id, topic = self.app.ctx, self.app.device, self.topic
        ticks = {
            "has_credentials": self.ids.credentials.active,
            "has_documents": self.ids.documents.active,
            "needs_interpreter": self.ids.interpreter.active,
        }
        self.ask(
            lambda: help_requests.open_request(ctx, topic, kiosk_id=kiosk_id, **ticks),
            self._opened,
            self._refused,
        )

    def _opened(self, request: HelpRequestView) -> None:
        self.app.show("help_result", request=request)

    def _refused(self, error: Exception) -> None:
        if isinstance(error, Closed):
            # The clinic closed while the client was choosing: say calmly when it opens.
            self.app.show("service_closed", service=HELP_PREFIX, opens_at=error.opens_at)
            return
        self.app.log_problem(f"opening a help request about {self.topic}", error)
        self._problem = error
        self.failed = True
        self._words()

    def _words(self, *_args: Any) -> None:
        chosen = self.app.settings.help.topic(self.topic)
        self.topic_name = chosen.names.get(tr.language) if chosen else self.topic
        zone = self.app.settings.clinic.zone
        self.problem = refusal(self._problem, zone) if self._problem else ""

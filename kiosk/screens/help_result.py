"""Help with an application, step 3: the number, the return code, what to bring, the guide.

The slip printed with it says the same. The QR code on screen opens the topic's official guide
on the client's own phone; the kiosk itself never opens a browser or logs anyone in. The screen
goes back to the start by itself after `kiosk.help_result_seconds`, with the seconds shown, so
a client's number, topic and return code do not stay on the lounge screen after they walk away.
A request brought back with its return code (help_resume) is shown here the same way.
"""

from __future__ import annotations

from typing import Any

from kivy.properties import NumericProperty, ObjectProperty, OptionProperty, StringProperty

from kiosk.core.help_status import HelpStatus
from kiosk.devices.print_worker import PrintOutcome
from kiosk.services.views import HelpRequestView
from kiosk.ui.countdown_screen import CountdownScreen
from kiosk.ui.i18n import tr
from kiosk.ui.qr import qr_modules, qr_texture
from kiosk.ui.queue_words import people_before

# The QR code's edge on screen: large enough for an old phone camera at arm's length.
QR_EDGE_MM = 55.0


def readable_address(url: str) -> str:
    return url.removeprefix("https://").removeprefix("http://").removeprefix("www.").rstrip("/")


class HelpResultScreen(CountdownScreen):
    request = ObjectProperty(None, allownone=True)
    phase = OptionProperty("printing", options=("printing", "printed", "failed"))
    topic_name = StringProperty("")
    position_text = StringProperty("")
    checklist_text = StringProperty("")
    guide_address = StringProperty("")
    status_icon = StringProperty("")
    status_text = StringProperty("")
    qr = ObjectProperty(None, allownone=True)
    qr_modules = NumericProperty(1)

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        tr.bind(language=self._words)
        self.bind(phase=self._pulse)
        self.bind(phase=self._words)

    def prepare(self, *, request: HelpRequestView) -> None:  # type: ignore[override]
        self.request = request
        self.phase = "printing"
        self._pulse()
        topic = self.app.settings.help.topic(request.topic)
        url = topic.guide_url if topic else ""
        self.guide_address = readable_address(url)
        self.qr = qr_texture(url) if url else None
        self.qr_modules = len(qr_modules(url)) if url else 1
        self._words()
        self.start_countdown(self.app.settings.kiosk.help_result_seconds)
        # Done stays usable while the slip prints.
        self.ask(
            self.app.printer.print_help_request(request, tr.language), self._printed, lock=False
        )

    @staticmethod
    def qr_edge(px_per_mm: float, modules: int) -> float:
        """The QR code's size on screen: a whole number of pixels per module, so every module
        is drawn the same size and the code scans reliably."""
        per_module = max(1, int(QR_EDGE_MM * px_per_mm / modules))
        return float(per_module * modules)

    def _printed(self, outcome: PrintOutcome) -> None:
        self.phase = "printed" if outcome.printed else "failed"

    def _pulse(self, *_args: Any) -> None:
        self.ids.status.pulse(self.phase == "printing")

    def _words(self, *_args: Any) -> None:
        request: HelpRequestView | None = self.request
        if request is None:
            return
        topic = self.app.settings.help.topic(request.topic)
        self.topic_name = topic.names.get(tr.language) if topic else request.topic
        checklist = topic.checklist.get(tr.language) if topic else []
        self.checklist_text = "\n".join(f"•  {entry}" for entry in checklist)
        position = request.position
        if request.status == HelpStatus.IN_PROGRESS:
            self.position_text = tr._("A helper is already working on your request.")
        elif position is None:
            self.position_text = ""
        else:
            self.position_text = people_before(position - 1, request.estimated_wait_min or 0)
        if self.phase == "printing":
            self.status_icon, self.status_text = "printer", tr._("Printing your slip…")
        elif self.phase == "printed":
            self.status_icon = "arrow-down-bold"
            self.status_text = tr._("Take your slip from the printer.")
        else:
            self.status_icon = "printer-alert"
            self.status_text = "\n".join(
                (
                    tr._("The printer is not working."),
                    tr._("Please write down your number and code."),
                    tr._("Staff have been told."),
                )
            )

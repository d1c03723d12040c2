"""'How did your visit go today?' with four faces, each a button with its words: on the kiosk's
home screen and after a number is taken. One tap sends the face (kiosk.services.feedback) and
the bar says thank you; the rate limit there decides whether it counted, and the client is
thanked either way (telling them "not counted" would only invite more taps). After a while the
faces come back for the next client.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from kivy.app import App
from kivy.clock import Clock
from kivy.properties import BooleanProperty, NumericProperty, StringProperty
from kivy.uix.boxlayout import BoxLayout

from kiosk.services.feedback import record_feedback
from kiosk.ui.navigation import load_kv

THANKS_SECONDS = 8.0


class FeedbackBar(BoxLayout):
    # The service of the number just taken; "" on the home screen.
    service = StringProperty("")
    thanked = BooleanProperty(False)
    # Whether the screen asks now (after a number: once it is printed).
    shown = BooleanProperty(True)
    # Its height while shown: one row, or on a portrait screen the question and two rows.
    full_height = NumericProperty(0)

    def __init__(self, **kwargs: Any) -> None:
        self._reset: Any = None
        super().__init__(**kwargs)

    def answer(self, face: str) -> None:
        app: Any = App.get_running_app()
        ctx, kiosk_id, service = app.ctx, app.device, self.service or None
        self.thanked = True
        if self._reset is not None:
            self._reset.cancel()
        self._reset = Clock.schedule_once(lambda _dt: self.again(), THANKS_SECONDS)
        app.runner.run(
            lambda: record_feedback(ctx, face, kiosk_id=kiosk_id, service=service),
            lambda _counted: None,
            lambda error: app.log_problem("recording feedback", error),
        )

    def again(self) -> None:
        """The faces again, for the next client."""
        if self._reset is not None:
            self._reset.cancel()
            self._reset = None
        self.thanked = False


load_kv(Path(__file__).with_name("feedback_bar.kv"))

"""Each call on the board is heard: the chime, then the number and the window spoken.

The words are made into speech on a thread of the announcer's own (espeak-ng takes a tenth of
a second or so; the main loop never waits for it), one call after another, so the chime and
the words of each call reach the sound queue together and in the order the calls came: two
calls a second apart are heard as chime, "A 17, window 2", chime, "A 18, window 3", never on
top of each other (kiosk.ui.sound queues them). Without espeak-ng the chime alone plays at
once; in the quiet hours nothing plays. Speech says codes and windows only.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from datetime import datetime
from pathlib import Path

from kivy.clock import Clock

from kiosk.devices.speech import Speech, SpeechFailed
from kiosk.settings.schema import QuietHours
from kiosk.ui.sound import CHIME, SoundQueue

log = logging.getLogger(__name__)


class Announcer:
    def __init__(
        self,
        sounds: SoundQueue,
        speech: Speech | None,
        *,
        quiet_hours: QuietHours | None,
        local_now: Callable[[], datetime],
    ) -> None:
        """`local_now`: the clinic's local time, for the quiet hours."""
        self._sounds = sounds
        self._speech = speech
        self._quiet_hours = quiet_hours
        self._local_now = local_now
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="kiosk-speech")
        self._speech_failed_logged = False
        self._closed = False
        # Calls announced (chime queued): what the tests count.
        self.announced = 0

    def announce(self, words: str) -> None:
        """Chime, then say `words` ("Numero A 17, luukku 2."), after any call before it."""
        if self._closed or self._quiet_now():
            return
        if self._speech is None:
            self._play(None)
            return
        future = self._pool.submit(self._speech.synthesize, words)
        # Done callbacks run in the order the single thread finishes: the order of the calls.
        future.add_done_callback(lambda f: Clock.schedule_once(lambda _dt: self._ready(f)))

    def stop(self) -> None:
        self._closed = True
        self._pool.shutdown(wait=False, cancel_futures=True)

    def _ready(self, future: Future[Path]) -> None:
        if future.cancelled():
            return
        try:
            spoken: Path | None = future.result()
        except SpeechFailed as error:
            if not self._speech_failed_logged:
                log.warning("a number could not be spoken, so the board chimes only: %s", error)
                self._speech_failed_logged = True
            spoken = None
        if self._closed:
            if spoken is not None:
                spoken.unlink(missing_ok=True)
            return
        self._play(spoken)

    def _play(self, spoken: Path | None) -> None:
        self.announced += 1
        self._sounds.play(CHIME)
        if spoken is not None:
            self._sounds.play(spoken, keep=False)

    def _quiet_now(self) -> bool:
        return self._quiet_hours is not None and self._quiet_hours.contains(
            self._local_now().time()
        )

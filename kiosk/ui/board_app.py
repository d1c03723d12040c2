"""The lounge's "now serving" board: the shell (kiosk.ui.shell) with one screen and a voice.

Started by `kiosk board` on the kiosk machine's second screen or on a small computer by the TV.
Nobody touches it: no input, no idle time-out, no language bar. It speaks its own language
(`board.language`, else the clinic's), and each new call on it chimes and is spoken
(kiosk.ui.announcer) unless it is the quiet hours. Its screen is
`kiosk/screens/board/now_serving.py`, shown as "board_now_serving".
"""

from __future__ import annotations

import shutil
import tempfile
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from kivy.uix.widget import Widget

from kiosk.devices.speech import Speech, find_speech
from kiosk.services.context import Context
from kiosk.ui.announcer import Announcer
from kiosk.ui.navigation import ScreenPackage
from kiosk.ui.shell import ShellApp
from kiosk.ui.sound import SoundQueue

BOARD_SCREENS = ScreenPackage("kiosk.screens.board", "Board", name_prefix="board_")
NOW_SERVING = "board_now_serving"


class BoardApp(ShellApp):
    def __init__(
        self,
        ctx: Context,
        *,
        monotonic: Callable[[], float] = time.monotonic,
        find: Callable[[str, Path], Speech | None] = find_speech,
    ) -> None:
        """`find`: espeak-ng for a language, or None; a test passes one that finds none."""
        super().__init__(ctx, screens=BOARD_SCREENS, monotonic=monotonic)
        board = ctx.settings.board
        self.board_language = board.language or ctx.settings.clinic.default_language
        self.sounds = SoundQueue(volume=board.volume_percent / 100)
        # Spoken numbers are made here and deleted once heard; the folder goes with the app.
        self._speech_folder = Path(tempfile.mkdtemp(prefix="aula-board-speech-"))
        speech = find(self.board_language, self._speech_folder) if board.speak_numbers else None
        self.announcer = Announcer(
            self.sounds,
            speech,
            quiet_hours=board.quiet_hours,
            local_now=self._local_now,
        )

    def build(self) -> Widget:
        root = super().build()
        self.set_language(self.board_language)
        return root

    def on_stop(self) -> None:
        self.announcer.stop()
        self.sounds.stop()
        super().on_stop()
        shutil.rmtree(self._speech_folder, ignore_errors=True)

    def go_home(self) -> None:
        self.show(NOW_SERVING)

    def _local_now(self) -> datetime:
        return self.ctx.clock.now().astimezone(self.settings.clinic.zone)

    def _check_screen_size(self) -> None:
        """A TV's size is whatever it is: the board sizes itself from its window."""
